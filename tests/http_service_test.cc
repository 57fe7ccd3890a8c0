// The HTTP service end to end, in-process on a free loopback port: the API's answers, its
// limits and errors, keyed writes, and serving an index that changes underneath it.
#include "service/http_service.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "indexer/indexing_job.h"
#include "tests/served_index.h"
#include "tests/test_support.h"

namespace hqa {
namespace {

using nlohmann::json;

class HttpServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { index_ = testing::index_corpus(dir_.path()); }
  void TearDown() override { stop(); }

  void start(const std::string& api_key = "test-key") {
    ServiceOptions options;
    options.log = &log_;
    options.searcher.index_dirs = {index_};
    options.api_key = api_key;
    options.max_body_bytes = 1 << 20;
    served_ = std::make_unique<testing::ServedIndex>(options);
  }
  void stop() { served_.reset(); }
  HttpService& service() { return served_->service(); }
  httplib::Client& client() { return served_->client(); }
  json get_json(const std::string& path, int expected_status = 200) {
    return served_->get_json(path, expected_status);
  }

  testing::TempDir dir_;
  std::string index_;
  std::ostringstream log_;
  std::unique_ptr<testing::ServedIndex> served_;
};

TEST_F(HttpServiceTest, SearchAnswersWithRankedHighlightedHitsAndFacets) {
  start();
  json body = get_json("/search?q=is%20measles%20contagious&facets=condition,source,type&limit=5");
  for (const char* key :
       {"query", "total", "total_exact", "took_ms", "suggestion", "hits", "facets"}) {
    EXPECT_TRUE(body.contains(key)) << key;
  }
  ASSERT_FALSE(body["hits"].empty());
  EXPECT_EQ(body["hits"][0]["id"], "008_measles-contagious");
  EXPECT_NE(body["hits"][0]["question"].get<std::string>().find("<mark>Measles</mark>"),
            std::string::npos);
  bool transmission = false;
  for (const json& value : body["facets"]["type"]) transmission |= value["value"] == "transmission";
  EXPECT_TRUE(transmission) << body["facets"].dump();
}

TEST_F(HttpServiceTest, FiltersCombineWithAndAcrossFieldsAndOrWithinOne) {
  start();
  json either =
      get_json("/search?q=disease&limit=50&filter=type:transmission&filter=type:inheritance");
  ASSERT_FALSE(either["hits"].empty());
  std::set<std::string> types;
  for (const json& hit : either["hits"]) types.insert(hit["type"]);
  EXPECT_EQ(types, (std::set<std::string>{"inheritance", "transmission"}));
  json both =
      get_json("/search?q=disease&limit=50&filter=type:transmission&filter=condition:Measles");
  ASSERT_EQ(both["hits"].size(), 1u);
  EXPECT_EQ(both["hits"][0]["id"], "008_measles-contagious");
}

TEST_F(HttpServiceTest, SortsByDateAndFiltersByDateRange) {
  start();
  json sorted = get_json("/search?q=disease&limit=20&sort=updated");
  ASSERT_GE(sorted["hits"].size(), 2u);
  for (size_t i = 1; i < sorted["hits"].size(); ++i) {
    EXPECT_GE(sorted["hits"][i - 1]["updated"].get<std::string>(),
              sorted["hits"][i]["updated"].get<std::string>());
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
  // A complete query: submitted (prefix=false), or its last word followed by a space.
  for (const char* path : {"/search?q=meesles&prefix=false", "/search?q=meesles%20"}) {
    json body = get_json(path);
    // The query as typed, its unknown word corrected ("measles", and the space typed after it).
    EXPECT_EQ(body["suggestion"].get<std::string>().substr(0, 7), "measles") << path;
    ASSERT_FALSE(body["hits"].empty()) << path;  // nothing matched as typed: the suggestion's
    EXPECT_EQ(body["hits"][0]["id"], "008_measles-contagious") << path;
  }
  // While it is typed, the last word is unfinished, not misspelled.
  EXPECT_TRUE(get_json("/search?q=meesles")["suggestion"].is_null());
}

TEST_F(HttpServiceTest, TheLastWordTypedIsAPrefixUnlessPrefixIsFalse) {
  start();
  json typed = get_json("/search?q=diab");
  ASSERT_FALSE(typed["hits"].empty());
  EXPECT_NE(typed["hits"][0]["question"].get<std::string>().find("<mark>diabetes</mark>"),
            std::string::npos)
      << typed["hits"][0]["question"];
  EXPECT_TRUE(typed["suggestion"].is_null());
  json submitted = get_json("/search?q=diab&prefix=false");
  for (const json& hit : submitted["hits"]) {
    EXPECT_EQ(hit["question"].get<std::string>().find("<mark>"), std::string::npos) << hit;
  }
  get_json("/search?q=diab&prefix=maybe", 400);
}

TEST_F(HttpServiceTest, JsonIsCompressedForClientsThatAcceptGzip) {
  start();
  auto gzipped = client().Get("/search?q=is+measles+contagious", {{"Accept-Encoding", "gzip"}});
  ASSERT_TRUE(gzipped);
  EXPECT_EQ(gzipped->status, 200);
  EXPECT_EQ(gzipped->get_header_value("Content-Encoding"), "gzip");
  EXPECT_EQ(gzipped->get_header_value("Content-Type"), "application/json");
  // The client decompressed it: the JSON is whole.
  EXPECT_EQ(json::parse(gzipped->body)["hits"][0]["id"], "008_measles-contagious");
  httplib::Client plain("127.0.0.1", service().port());
  plain.set_decompress(false);
  auto identity = plain.Get("/search?q=is+measles+contagious", {{"Accept-Encoding", "identity"}});
  ASSERT_TRUE(identity);
  EXPECT_FALSE(identity->has_header("Content-Encoding"));
  EXPECT_FALSE(json::parse(identity->body)["hits"].empty());
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
  auto wrong_method = client().Put("/search", "x", "text/plain");
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
  auto anonymous = client().Post("/documents", doc, "application/x-ndjson");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
  httplib::Headers wrong = {{"X-API-Key", "guess"}};
  EXPECT_EQ(client().Post("/documents", wrong, doc, "application/x-ndjson")->status, 401);
  httplib::Headers right = {{"X-API-Key", "s3cret"}};
  auto added = client().Post("/documents", right, doc + "\n{broken\n", "application/x-ndjson");
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

  EXPECT_EQ(client().Delete("/documents/web-1", right)->status, 200);
  EXPECT_EQ(client().Delete("/documents/web-1", right)->status, 404);
  EXPECT_TRUE(get_json("/search?q=lupus")["hits"].empty());
}

TEST_F(HttpServiceTest, WritesAreOffWithoutAKey) {
  start("");
  httplib::Headers any = {{"X-API-Key", ""}};
  auto res = client().Post("/documents", any, R"({"id":"a","question":"q?","answer":"a"})",
                           "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 403);
}

TEST_F(HttpServiceTest, OversizedBodiesAreRefused) {
  start();
  httplib::Headers right = {{"X-API-Key", "test-key"}};
  auto res = client().Post("/documents", right, std::string(2 << 20, 'x'), "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
}

TEST_F(HttpServiceTest, ServesDocumentsIndexedWhileRunning) {
  start();
  EXPECT_TRUE(get_json("/search?q=zygomycosis")["hits"].empty());
  testing::index_documents(index_,
                           {testing::make_document("late", "What is zygomycosis?",
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
      httplib::Client client("127.0.0.1", service().port());
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
  auto res = client().Get("/");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(res->body.find("<input id=\"q\""), std::string::npos);
  EXPECT_EQ(res->body.find("http://"), std::string::npos);  // nothing fetched from elsewhere
  EXPECT_EQ(res->body.find("https://"), std::string::npos);
}

// Sends `request` as raw bytes (no client library tidying the path) and returns the status code
// and body of the answer, or status 0 if the server closed the connection without one.
struct RawAnswer {
  int status = 0;
  std::string body;
  std::string head;
};
RawAnswer raw_exchange(int port, const std::string& request) {
  int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  RawAnswer answer;
  if (::connect(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(sock);
    return answer;
  }
  timeval timeout{10, 0};
  ::setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  for (size_t sent = 0; sent < request.size();) {
    ssize_t n = ::send(sock, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer and close before reading everything
    sent += static_cast<size_t>(n);
  }
  std::string reply;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(sock, buffer, sizeof buffer, 0)) > 0;)
    reply.append(buffer, static_cast<size_t>(n));
  ::close(sock);
  if (reply.compare(0, 9, "HTTP/1.1 ") == 0) answer.status = std::atoi(reply.c_str() + 9);
  size_t blank = reply.find("\r\n\r\n");
  if (blank != std::string::npos) {
    answer.head = reply.substr(0, blank);
    answer.body = reply.substr(blank + 4);
  }
  return answer;
}

TEST_F(HttpServiceTest, HostileRequestsGetTheRightRefusalAndTheServerStaysHealthy) {
  start("s3cret");
  struct Case {
    const char* what;
    std::string request;
    int status;
  };
  auto get = [](const std::string& target) {
    return "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
  };
  auto with_body = [](const std::string& method, const std::string& target, const std::string& key,
                      const std::string& body) {
    std::string request =
        method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n";
    if (!key.empty()) request += "X-API-Key: " + key + "\r\n";
    return request +
           "Content-Type: application/x-ndjson\r\nContent-Length: " + std::to_string(body.size()) +
           "\r\n\r\n" + body;
  };
  std::string ten_thousand_terms;
  for (int i = 0; i < 10000; ++i) ten_thousand_terms += "w" + std::to_string(i) + "+";
  const std::vector<Case> cases = {
      {"query over the byte limit", get("/search?q=" + std::string(3000, 'a')), 400},
      {"query string over the URI limit", get("/search?q=" + std::string(20000, 'a')), 414},
      {"10,000-term query", get("/search?q=" + ten_thousand_terms), 414},
      {"deep offset", get("/search?q=fever&offset=100000"), 400},
      {"negative offset", get("/search?q=fever&offset=-1"), 400},
      {"huge limit", get("/search?q=fever&limit=99999999999999999999"), 400},
      {"invalid UTF-8", get("/search?q=%C3%28"), 400},
      {"overlong UTF-8 slash", get("/search?q=%C0%AF"), 400},
      {"NUL byte in the query (a control character: ignored, with a note)",
       get("/search?q=fever%00diet"), 200},
      {"NUL byte in a filter", get("/search?q=fever&filter=condition:Gout%00"), 400},
      {"control characters (ignored, with a note)", get("/search?q=%1B%5B31m"), 200},
      {"unknown parameter", get("/search?q=fever&debug=1"), 400},
      {"repeated parameter", get("/search?q=fever&q=cough"), 400},
      {"path traversal on /doc", get("/doc/..%2f..%2fetc%2fpasswd"), 404},
      {"raw path traversal on /doc", get("/doc/../../etc/passwd"), 404},
      {"path traversal at the root", get("/..%2f..%2fetc%2fpasswd"), 404},
      {"path traversal on DELETE",
       with_body("DELETE", "/documents/..%2f..%2fetc%2fpasswd", "s3cret", ""), 404},
      {"NUL in a document id", get("/doc/abc%00def"), 400},
      {"wrong method on /search", with_body("POST", "/search", "", "q=fever"), 405},
      {"wrong method on /documents", get("/documents"), 405},
      {"write without the key", with_body("POST", "/documents", "", "{}"), 401},
      {"write with a wrong key", with_body("POST", "/documents", "guess", "{}"), 401},
      {"delete with a wrong key",
       with_body("DELETE", "/documents/001_cystic-fibrosis-hereditary", "guess", ""), 401},
      {"body over the limit", with_body("POST", "/documents", "s3cret", std::string(2 << 20, 'x')),
       413},
      {"JSON that is not an object", with_body("POST", "/documents", "s3cret", "[1,2,3]\n"), 400},
      {"deeply nested JSON",
       with_body("POST", "/documents", "s3cret", std::string(100000, '[') + "\n"), 400},
      {"header over the limit",
       "GET /health HTTP/1.1\r\nHost: x\r\nX-Junk: " + std::string(20000, 'j') + "\r\n\r\n", 400},
  };
  for (const Case& c : cases) {
    auto start_time = std::chrono::steady_clock::now();
    RawAnswer answer = raw_exchange(service().port(), c.request);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start_time).count();
    EXPECT_EQ(answer.status, c.status) << c.what << ": " << answer.head << "\n"
                                       << answer.body.substr(0, 300);
    EXPECT_LT(seconds, 5.0) << c.what;
    json error = json::parse(answer.body, nullptr, false);
    ASSERT_TRUE(error.is_object())
        << c.what << ": the answer is JSON: " << answer.body.substr(0, 300);
    if (c.status == 200) {
      EXPECT_FALSE(error["notes"].empty()) << c.what << ": " << answer.body.substr(0, 300);
    } else {
      EXPECT_TRUE(error.contains("error")) << c.what << ": " << answer.body.substr(0, 300);
    }
    EXPECT_EQ(get_json("/health")["status"], "ok") << "after " << c.what;
  }
  // Bytes that are not HTTP (a TLS hello on the plain port) get the connection closed.
  EXPECT_EQ(
      raw_exchange(service().port(), "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 hi\r\n\r\n")
          .status,
      0);
  EXPECT_EQ(get_json("/health")["status"], "ok");
  // Wildcards over the whole vocabulary are bounded (query_parser_test pins the bound), not
  // refused.
  EXPECT_FALSE(get_json("/search?q=a*")["hits"].empty());
  EXPECT_EQ(get_json("/search?q=*")["hits"].size(), 0u);
  // Nothing was written or deleted on the way.
  EXPECT_EQ(get_json("/health")["documents"], 36);
  EXPECT_EQ(log_.str().find("s3cret"), std::string::npos) << "the key is never logged";
}

TEST_F(HttpServiceTest, TheServerListensOnLoopbackUnlessToldOtherwise) {
  EXPECT_EQ(ServiceOptions().host, "127.0.0.1");
}

}  // namespace
}  // namespace hqa
