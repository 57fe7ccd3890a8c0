// The HTTP service end to end, in-process on a free loopback port: the API's answers, its
// limits and errors, keyed writes, and serving an index that changes underneath it.
#include "searcher/http_service.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "indexer/indexing_job.h"
#include "tests/test_support.h"

namespace hqa {
namespace {

using nlohmann::json;

class HttpServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    index_ = (dir_.path() / "index").string();
    IndexJobOptions job;
    job.index_dir = index_;
    job.inputs = {testing::corpus_dir().string()};
    ASSERT_EQ(run_index_job(job).rejected, 0u);
  }
  void TearDown() override { stop(); }

  void start(const std::string& api_key = "test-key") {
    ServiceOptions options;
    options.log = &log_;
    options.searcher.index_dirs = {index_};
    options.port = 0;
    options.threads = 4;
    options.api_key = api_key;
    options.max_body_bytes = 1 << 20;
    service_ = std::make_unique<HttpService>(options);
    thread_ = std::thread([this] { service_->run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", service_->port());
    for (int i = 0; i < 100 && !client_->Get("/health"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  void stop() {
    if (service_) service_->stop();
    if (thread_.joinable()) thread_.join();
    service_.reset();
  }
  json get_json(const std::string& path, int expected_status = 200) {
    auto res = client_->Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, expected_status) << path << " -> " << res->body;
    EXPECT_NE(res->get_header_value("Content-Type").find("application/json"), std::string::npos);
    return json::parse(res->body, nullptr, false);
  }

  testing::TempDir dir_;
  std::string index_;
  std::unique_ptr<HttpService> service_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
  std::ostringstream log_;
};

TEST_F(HttpServiceTest, SearchAnswersWithRankedHighlightedHitsAndFacets) {
  start();
  json body = get_json("/search?q=is%20measles%20contagious&facets=condition,source,type&limit=5");
  for (const char* key : {"query", "total", "total_exact", "took_ms", "suggestion", "hits", "facets"}) {
    EXPECT_TRUE(body.contains(key)) << key;
  }
  ASSERT_FALSE(body["hits"].empty());
  EXPECT_EQ(body["hits"][0]["id"], "008_measles-contagious");
  EXPECT_NE(body["hits"][0]["question"].get<std::string>().find("<mark>Measles</mark>"), std::string::npos);
  bool transmission = false;
  for (const json& value : body["facets"]["type"]) transmission |= value["value"] == "transmission";
  EXPECT_TRUE(transmission) << body["facets"].dump();
}

TEST_F(HttpServiceTest, FiltersCombineWithAndAcrossFieldsAndOrWithinOne) {
  start();
  json either = get_json("/search?q=disease&limit=50&filter=type:transmission&filter=type:inheritance");
  ASSERT_FALSE(either["hits"].empty());
  std::set<std::string> types;
  for (const json& hit : either["hits"]) types.insert(hit["type"]);
  EXPECT_EQ(types, (std::set<std::string>{"inheritance", "transmission"}));
  json both = get_json("/search?q=disease&limit=50&filter=type:transmission&filter=condition:Measles");
  ASSERT_EQ(both["hits"].size(), 1u);
  EXPECT_EQ(both["hits"][0]["id"], "008_measles-contagious");
}

TEST_F(HttpServiceTest, SortsByDateAndFiltersByDateRange) {
  start();
  json sorted = get_json("/search?q=disease&limit=20&sort=updated");
  ASSERT_GE(sorted["hits"].size(), 2u);
  for (size_t i = 1; i < sorted["hits"].size(); ++i) {
    EXPECT_GE(sorted["hits"][i - 1]["updated"].get<std::string>(), sorted["hits"][i]["updated"].get<std::string>());
  }
  json ranged = get_json("/search?q=disease&limit=50&from=2025-01-01&to=2025-12-31");
  ASSERT_FALSE(ranged["hits"].empty());
  for (const json& hit : ranged["hits"]) {
    std::string updated = hit["updated"];
    EXPECT_TRUE(updated >= "2025-01-01" && updated <= "2025-12-31") << updated;
  }
}

TEST_F(HttpServiceTest, PagesAreConsistent) {
  start();
  json all = get_json("/search?q=disease&limit=10");
  json second = get_json("/search?q=disease&limit=5&offset=5");
  ASSERT_EQ(all["hits"].size(), 10u);
  for (size_t i = 0; i < 5; ++i) EXPECT_EQ(second["hits"][i]["id"], all["hits"][i + 5]["id"]);
}

TEST_F(HttpServiceTest, MisspelledQueriesGetADidYouMean) {
  start();
  json body = get_json("/search?q=meesles");
  EXPECT_EQ(body["suggestion"], "measles");
  ASSERT_FALSE(body["hits"].empty());  // nothing matched as typed: the suggestion's results
  EXPECT_EQ(body["hits"][0]["id"], "008_measles-contagious");
}

TEST_F(HttpServiceTest, SuggestCompletesWordsAndConditionNames) {
  start();
  json body = get_json("/suggest?q=hunting");
  ASSERT_FALSE(body["suggestions"].empty());
  EXPECT_EQ(body["suggestions"][0], "Huntington's disease");
  json words = get_json("/suggest?q=is%20measles%20conta");
  ASSERT_FALSE(words["suggestions"].empty());
  EXPECT_EQ(words["suggestions"][0], "is measles contagious");
}

TEST_F(HttpServiceTest, DocumentsAreServedByIdAndUnknownIdsAre404) {
  start();
  json doc = get_json("/doc/008_measles-contagious");
  EXPECT_EQ(doc["condition"], "Measles");
  get_json("/doc/nope", 404);
  get_json("/doc/..%2f..%2fetc%2fpasswd", 404);
  get_json("/doc/" + std::string(300, 'x'), 400);
}

TEST_F(HttpServiceTest, HealthAndStatsDescribeTheIndex) {
  start();
  EXPECT_EQ(get_json("/health")["status"], "ok");
  json stats = get_json("/stats");
  EXPECT_EQ(stats["documents"], 36);
  EXPECT_GT(stats["terms"].get<int>(), 500);
  EXPECT_GT(stats["index_bytes"].get<int>(), 10000);
  EXPECT_GT(stats["last_update"].get<int64_t>(), 1600000000);
}

TEST_F(HttpServiceTest, BadRequestsGetClearFourHundreds) {
  start();
  get_json("/search?q=" + std::string(2000, 'a'), 400);
  get_json("/search?q=a&limit=1000", 400);
  get_json("/search?q=a&offset=999999", 400);
  get_json("/search?q=a&limit=abc", 400);
  get_json("/search?q=a&sort=sideways", 400);
  get_json("/search?q=a&filter=colour:red", 400);
  get_json("/search?q=a&facets=colour", 400);
  get_json("/search?q=a&from=yesterday", 400);
  get_json("/search?q=a&unknown=1", 400);
  get_json("/search?q=%FF%FE", 400);
  get_json("/nowhere", 404);
  auto wrong_method = client_->Put("/search", "x", "text/plain");
  ASSERT_TRUE(wrong_method);
  EXPECT_EQ(wrong_method->status, 405);
  EXPECT_EQ(wrong_method->get_header_value("Allow"), "GET");
  // Still healthy after all that.
  EXPECT_EQ(get_json("/health")["status"], "ok");
}

TEST_F(HttpServiceTest, WritesNeedTheKeyAndAreSearchableAtOnce) {
  start("s3cret");
  const std::string doc =
      R"({"id":"web-1","question":"Is <script>alert(1)</script> lupus contagious?","answer":"Lupus is not contagious."})";
  auto anonymous = client_->Post("/documents", doc, "application/x-ndjson");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  httplib::Headers wrong = {{"X-API-Key", "guess"}};
  EXPECT_EQ(client_->Post("/documents", wrong, doc, "application/x-ndjson")->status, 403);
  httplib::Headers right = {{"X-API-Key", "s3cret"}};
  auto added = client_->Post("/documents", right, doc + "\n{broken\n", "application/x-ndjson");
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 207) << added->body;
  json summary = json::parse(added->body);
  EXPECT_EQ(summary["added"], 1);
  EXPECT_EQ(summary["rejected"][0]["line"], 2);

  json found = get_json("/search?q=lupus");
  ASSERT_FALSE(found["hits"].empty());
  std::string question = found["hits"][0]["question"];
  EXPECT_EQ(question.find("<script>"), std::string::npos);
  EXPECT_NE(question.find("&lt;script&gt;"), std::string::npos);

  EXPECT_EQ(client_->Delete("/documents/web-1", right)->status, 200);
  EXPECT_EQ(client_->Delete("/documents/web-1", right)->status, 404);
  EXPECT_TRUE(get_json("/search?q=lupus")["hits"].empty());
}

TEST_F(HttpServiceTest, WritesAreOffWithoutAKey) {
  start("");
  httplib::Headers any = {{"X-API-Key", ""}};
  auto res = client_->Post("/documents", any, R"({"id":"a","question":"q?","answer":"a"})", "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
}

TEST_F(HttpServiceTest, OversizedBodiesAreRefused) {
  start();
  httplib::Headers right = {{"X-API-Key", "test-key"}};
  auto res = client_->Post("/documents", right, std::string(2 << 20, 'x'), "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
}

TEST_F(HttpServiceTest, ServesDocumentsIndexedWhileRunning) {
  start();
  EXPECT_TRUE(get_json("/search?q=zygomycosis")["hits"].empty());
  testing::index_documents(index_, {testing::make_document("late", "What is zygomycosis?",
                                                           "Zygomycosis is a rare fungal infection.")});
  json after = get_json("/search?q=zygomycosis");
  ASSERT_EQ(after["hits"].size(), 1u);
  EXPECT_EQ(after["hits"][0]["id"], "late");
}

TEST_F(HttpServiceTest, ServesTheNewIndexAfterTheFolderIsSwapped) {
  // Serve through a symlink, then flip it to a freshly built index, as --rebuild would.
  std::filesystem::path link = dir_.path() / "current";
  std::filesystem::create_directory_symlink(index_, link);
  index_ = link.string();
  start();
  EXPECT_EQ(get_json("/stats")["documents"], 36);
  std::filesystem::path fresh = dir_.path() / "fresh";
  testing::index_documents(fresh.string(), {testing::make_document("only", "What is zygomycosis?",
                                                                  "A rare fungal infection.")});
  std::filesystem::path temp = dir_.path() / "current.new";
  std::filesystem::create_directory_symlink(fresh, temp);
  std::filesystem::rename(temp, link);  // atomic
  json stats;
  for (int i = 0; i < 40; ++i) {
    stats = get_json("/stats");
    if (stats["documents"] == 1) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(stats["documents"], 1);
  json found = get_json("/search?q=zygomycosis");
  ASSERT_EQ(found["hits"].size(), 1u) << found.dump();
  EXPECT_EQ(found["hits"][0]["id"], "only");
}

TEST_F(HttpServiceTest, ConcurrentRequestsAllSucceed) {
  start();
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  const char* queries[] = {"measles", "is%20asthma%20treated", "COVID-19", "gout", "x-ray"};
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&, t] {
      httplib::Client client("127.0.0.1", service_->port());
      for (int i = 0; i < 25; ++i) {
        auto res = client.Get(std::string("/search?q=") + queries[(t + i) % 5]);
        if (!res || res->status != 200) ++failures;
      }
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_EQ(failures, 0);
}

// Regression: a decoded path with a line break wrote a forged second line into the log.
TEST_F(HttpServiceTest, TheLogHasOneLinePerRequestWithoutQueriesOrForgedLines) {
  start();
  get_json("/search?q=secret+words");
  get_json("/doc/x%0D%0AGET%20/admin%20200%200.1ms", 404);
  stop();
  std::string log = log_.str();
  EXPECT_NE(log.find("GET /search 200 "), std::string::npos) << log;
  EXPECT_EQ(log.find("secret"), std::string::npos) << log;
  EXPECT_EQ(log.find("\nGET /admin"), std::string::npos) << log;
  EXPECT_NE(log.find("%0D%0A"), std::string::npos) << log;
}

TEST_F(HttpServiceTest, ThePageIsSelfContainedHtml) {
  start();
  auto res = client_->Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(res->body.find("<input id=\"q\""), std::string::npos);
  EXPECT_EQ(res->body.find("http://"), std::string::npos);  // nothing fetched from elsewhere
  EXPECT_EQ(res->body.find("https://"), std::string::npos);
}

}  // namespace
}  // namespace hqa
