// The OpenAPI description (service/openapi.json, served at GET /openapi.json) against the server
// itself: every route the server answers is described and every described route is answered,
// every described /search parameter is accepted, and real responses of every route validate
// against their schemas with Ajv, a JSON Schema validator (tests/openapi/validate.js, which
// also checks the document against the OpenAPI 3.1 schema).
#include "service/openapi.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>

#include "indexer/indexing_job.h"
#include "tests/served_index.h"
#include "tests/test_support.h"

namespace hqa {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

class OpenApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_ = testing::index_corpus(dir_.path());
    ServiceOptions options;
    options.searcher.index_dirs = {index_};
    options.api_key = "test-key";
    served_ = std::make_unique<testing::ServedIndex>(options);
    api_ = json::parse(openapi_json());
  }

  // "/doc/{id}" -> "/doc/(.+)", as the server's routes are written.
  static std::string as_route(const std::string& path) {
    return std::regex_replace(path, std::regex(R"(\{[^}]+\})"), "(.+)");
  }

  testing::TempDir dir_;
  std::string index_;
  std::unique_ptr<testing::ServedIndex> served_;
  json api_;
};

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

TEST_F(OpenApiTest, EveryRouteTheServerAnswersIsDescribedAndEveryDescribedRouteIsAnswered) {
  const auto& routes = served_->service().routes();
  ASSERT_GE(routes.size(), 9u);
  for (const auto& [method, route] : routes) {
    bool described = false;
    for (const auto& [path, item] : api_["paths"].items()) {
      if (as_route(path) == route && item.contains(lower(method))) described = true;
    }
    EXPECT_TRUE(described) << method << " " << route << " is not in service/openapi.json";
  }
  for (const auto& [path, item] : api_["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      // Operations another piece of work adds are described ahead of their merge.
      if (operation.value("x-hqa-pending", false)) continue;
      bool served = false;
      for (const auto& [served_method, route] : routes) {
        served |= lower(served_method) == method && route == as_route(path);
      }
      EXPECT_TRUE(served) << method << " " << path << " is described but not served";
    }
  }
  auto res = served_->client().Get("/openapi.json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, openapi_json());
}

TEST_F(OpenApiTest, EveryDescribedSearchParameterIsAcceptedWithItsExample) {
  for (const json& parameter : api_["paths"]["/search"]["get"]["parameters"]) {
    if (parameter.value("x-hqa-pending", false)) continue;
    const std::string name = parameter["name"];
    if (name == "q") continue;
    const json& example = parameter["example"];
    std::string query;
    if (example.is_array()) {
      // Lists are comma-separated (explode false) or the parameter repeated (explode true).
      for (const json& value : example) {
        if (parameter.value("explode", true)) {
          query += "&" + name + "=" + testing::url_encode(value.get<std::string>());
        } else {
          query += (query.empty() ? "&" + name + "=" : ",") + value.get<std::string>();
        }
      }
    } else {
      query =
          "&" + name + "=" +
          testing::url_encode(example.is_string() ? example.get<std::string>() : example.dump());
    }
    // highlight_post is checked with highlight_pre: its example closes the other's.
    if (name == "highlight_post") query += "&highlight_pre=%3Cem%3E";
    if (name == "highlight_pre") query += "&highlight_post=%3C%2Fem%3E";
    served_->get_json("/search?q=measles" + query, 200);
  }
}

// One request and what came back, for validate.js.
struct Exchange {
  Exchange(std::string m, std::string p, std::string t, std::string b = "", std::string c = "",
           bool k = true)
      : method(std::move(m)),
        path(std::move(p)),
        target(std::move(t)),
        body(std::move(b)),
        content_type(std::move(c)),
        key(k) {}
  std::string method, path, target, body, content_type;
  bool key;
};

TEST_F(OpenApiTest, RealResponsesValidateAgainstTheirSchemas) {
  const fs::path validator = fs::path(HQA_SOURCE_DIR) / "tests" / "openapi" / "validate.js";
  const fs::path ajv = fs::path(HQA_SOURCE_DIR) / "tests" / "browser" / "node_modules" / "ajv";
  if (testing::run_command("node --version").exit_code != 0 || !fs::exists(ajv)) {
    GTEST_SKIP() << "needs node and npm's ajv: npm ci --prefix tests/browser (scripts/setup.sh)";
  }
  const std::string ndjson = "application/x-ndjson";
  const std::string good =
      R"({"id": "new-1", "question": "Is a cold contagious?", "answer": "Yes, colds spread."})";
  const std::vector<Exchange> exchanges = {
      {"GET", "/search",
       "/search?q=is%20measles%20contagious&facets=condition,source,type&limit=5"},
      {"GET", "/search",
       "/search?q=measles&facets=type&max_values=2&snippet_words=8&crop_marker=%5B...%5D&"
       "highlight_pre=%3Cb%20class%3D%22hit%22%3E&highlight_post=%3C%2Fb%3E&"
       "fields=question,snippet,answer,short_answer,other_names"},
      {"GET", "/search",
       "/search?q=diabetes&sort=updated&filter=type:symptoms&from=2020-01-01&to=2030-12-31&"
       "highlight=false&snippets=false&prefix=false&offset=1"},
      {"GET", "/search", "/search?q=meesles%20contagius"},
      {"GET", "/search", "/search?q=measles&limit=many"},
      {"GET", "/search", "/search?q=measles&highlight_pre=%3Cscript%3E"},
      {"GET", "/search", "/search?q=" + std::string(9000, 'a')},
      {"PUT", "/search", "/search"},
      {"GET", "/search", "/search?q=is%20measles%20contagious&limit=3&explain=true"},
      {"GET", "/explain", "/explain?q=is%20measles%20contagious&id=008_measles-contagious"},
      {"GET", "/explain", "/explain?q=gout&id=008_measles-contagious&filter=type:symptoms"},
      {"GET", "/explain", "/explain?q=measles&id=no-such-page"},
      {"GET", "/explain", "/explain?q=measles"},
      {"GET", "/version", "/version"},
      {"GET", "/metrics", "/metrics"},
      {"GET", "/suggest", "/suggest?q=hunting"},
      {"GET", "/suggest", "/suggest?q=hunting&limit=999"},
      {"GET", "/doc/{id}", "/doc/008_measles-contagious"},
      {"GET", "/doc/{id}", "/doc/no-such-page"},
      {"GET", "/health", "/health"},
      {"GET", "/stats", "/stats"},
      {"GET", "/openapi.json", "/openapi.json"},
      {"GET", "/", "/"},
      {"POST", "/documents", "/documents", good + "\n", ndjson},
      {"POST", "/documents", "/documents", good + "\n{\"id\": \"bad\"}\n", ndjson},
      {"POST", "/documents", "/documents", "not json\n", ndjson},
      {"POST", "/documents", "/documents", good + "\n", ndjson, false},
      {"DELETE", "/documents/{id}", "/documents/new-1"},
      {"DELETE", "/documents/{id}", "/documents/new-1"},
      {"DELETE", "/documents/{id}", "/documents/new-1", "", "", false},
  };
  json recorded = json::array();
  std::set<std::pair<std::string, int>> statuses;
  for (const Exchange& x : exchanges) {
    httplib::Headers headers;
    if (x.key) headers.emplace("X-API-Key", "test-key");
    httplib::Client& client = served_->client();
    httplib::Result res = x.method == "POST"
                              ? client.Post(x.target, headers, x.body, x.content_type)
                          : x.method == "DELETE" ? client.Delete(x.target, headers)
                          : x.method == "PUT"    ? client.Put(x.target, headers, "", "text/plain")
                                                 : client.Get(x.target, headers);
    ASSERT_TRUE(res) << x.method << " " << x.target;
    const std::string type = res->get_header_value("Content-Type");
    json body = type.rfind("application/json", 0) == 0 ? json::parse(res->body) : json(res->body);
    recorded.push_back({{"method", x.method},
                        {"path", x.path},
                        {"status", res->status},
                        {"content_type", type},
                        {"body", body}});
    statuses.emplace(x.path, res->status);
  }
  // The exchanges reach the answers they were written for.
  for (const auto& expected : std::vector<std::pair<std::string, int>>{{"/search", 200},
                                                                       {"/search", 400},
                                                                       {"/search", 405},
                                                                       {"/search", 414},
                                                                       {"/explain", 200},
                                                                       {"/explain", 404},
                                                                       {"/doc/{id}", 404},
                                                                       {"/documents", 200},
                                                                       {"/documents", 207},
                                                                       {"/documents", 400},
                                                                       {"/documents", 401},
                                                                       {"/documents/{id}", 200},
                                                                       {"/documents/{id}", 404}}) {
    EXPECT_TRUE(statuses.count(expected)) << expected.first << " " << expected.second;
  }
  const fs::path api_file =
      dir_.write("openapi.json", served_->client().Get("/openapi.json")->body);
  const fs::path exchanges_file = dir_.write("exchanges.json", recorded.dump(1));
  testing::CommandResult validated =
      testing::run_command("node " + testing::shell_quote(validator.string()) + " " +
                           testing::shell_quote(api_file.string()) + " " +
                           testing::shell_quote(exchanges_file.string()));
  EXPECT_EQ(validated.exit_code, 0) << validated.out << validated.err;
  EXPECT_NE(validated.out.find(std::to_string(exchanges.size()) + " responses checked, 0 problems"),
            std::string::npos)
      << validated.out;
}

}  // namespace
}  // namespace hqa
