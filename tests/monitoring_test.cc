// What an operator watches: --version of both executables, GET /version and /health, GET /metrics
// parsed line by line against Prometheus's text exposition format (0.0.4) with counts checked
// against the requests made, and the request log as text and as JSON.
#include <gtest/gtest.h>
#include <httplib.h>

#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "indexer/indexing_job.h"
#include "schema/index_format.h"
#include "schema/version.h"
#include "service/http_service.h"
#include "service/routes.h"
#include "tests/served_index.h"
#include "tests/test_support.h"

namespace hqa {
namespace {

using nlohmann::json;

class MonitoringTest : public ::testing::Test {
 protected:
  void SetUp() override { index_ = testing::index_corpus(dir_.path()); }
  void TearDown() override { stop(); }

  void start(LogFormat format = LogFormat::kText, bool log_queries = false) {
    ServiceOptions options;
    options.log = &log_;
    options.log_format = format;
    options.log_queries = log_queries;
    options.searcher.index_dirs = {index_};
    // Ready when /version answers, which the tests below count as a request like any other.
    served_ = std::make_unique<testing::ServedIndex>(options, "/version");
  }
  void stop() { served_.reset(); }
  httplib::Client& client() { return served_->client(); }
  int status_of(const std::string& path) {
    auto res = client().Get(path);
    return res ? res->status : -1;
  }

  testing::TempDir dir_;
  std::string index_;
  std::ostringstream log_;
  std::unique_ptr<testing::ServedIndex> served_;
};

// One sample of an exposition: its metric name, labels and value.
struct Sample {
  std::string name;
  std::map<std::string, std::string> labels;
  double value = 0;
};

// Labels as the format writes them: name="value" separated by commas, values escaped with
// backslashes (\\, \", \n). Fails the test on anything else.
std::map<std::string, std::string> parse_labels(const std::string& text, const std::string& line) {
  std::map<std::string, std::string> labels;
  size_t at = 0;
  static const std::regex kName("[a-zA-Z_][a-zA-Z0-9_]*");
  while (at < text.size()) {
    size_t equals = text.find('=', at);
    EXPECT_NE(equals, std::string::npos) << line;
    if (equals == std::string::npos) break;
    std::string name = text.substr(at, equals - at);
    EXPECT_TRUE(std::regex_match(name, kName)) << "label name '" << name << "' in " << line;
    EXPECT_EQ(text[equals + 1], '"') << line;
    std::string value;
    size_t i = equals + 2;
    for (; i < text.size() && text[i] != '"'; ++i) {
      if (text[i] == '\\') {
        ++i;
        EXPECT_TRUE(i < text.size() && (text[i] == '\\' || text[i] == '"' || text[i] == 'n'))
            << "bad escape in " << line;
        value += text[i] == 'n' ? '\n' : text[i];
      } else {
        EXPECT_NE(text[i], '\n') << line;
        value += text[i];
      }
    }
    EXPECT_LT(i, text.size()) << "unterminated label value in " << line;
    EXPECT_TRUE(labels.emplace(name, value).second) << "label " << name << " twice in " << line;
    at = i + 1;
    if (at < text.size()) {
      EXPECT_EQ(text[at], ',') << line;
      ++at;
    }
  }
  return labels;
}

double parse_value(const std::string& text, const std::string& line) {
  if (text == "+Inf") return HUGE_VAL;
  if (text == "-Inf") return -HUGE_VAL;
  if (text == "NaN") return NAN;
  size_t used = 0;
  double value = std::stod(text, &used);
  EXPECT_EQ(used, text.size()) << "value '" << text << "' in " << line;
  return value;
}

// Parses a whole exposition, failing the test on any line that is not a HELP or TYPE comment or a
// sample, on a sample of a family without TYPE, or on HELP or TYPE given twice or after samples.
// Returns the samples and the type of each family.
std::vector<Sample> parse_exposition(const std::string& text,
                                     std::map<std::string, std::string>& types) {
  static const std::regex kHelp(R"(# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*))");
  static const std::regex kType(R"(# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram))");
  static const std::regex kSample(R"(([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? ([^ ]+))");
  std::vector<Sample> samples;
  std::set<std::string> helped, sampled;
  EXPECT_TRUE(!text.empty() && text.back() == '\n') << "the last line ends with a line feed";
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    std::smatch match;
    if (std::regex_match(line, match, kHelp)) {
      EXPECT_TRUE(helped.insert(match[1]).second) << "HELP twice: " << line;
      EXPECT_FALSE(sampled.count(match[1])) << "HELP after samples: " << line;
    } else if (std::regex_match(line, match, kType)) {
      EXPECT_TRUE(types.emplace(match[1], match[2]).second) << "TYPE twice: " << line;
      EXPECT_FALSE(sampled.count(match[1])) << "TYPE after samples: " << line;
    } else if (std::regex_match(line, match, kSample)) {
      Sample sample{match[1], parse_labels(match[2], line), parse_value(match[3], line)};
      std::string family = std::regex_replace(sample.name, std::regex("_(bucket|sum|count)$"), "");
      if (!types.count(family)) family = sample.name;
      EXPECT_TRUE(types.count(family)) << "no TYPE before " << line;
      EXPECT_TRUE(helped.count(family)) << "no HELP before " << line;
      if (types[family] == "counter") {
        EXPECT_TRUE(family.size() > 6 && family.substr(family.size() - 6) == "_total") << line;
      }
      sampled.insert(family);
      samples.push_back(sample);
    } else {
      ADD_FAILURE() << "not a line of the exposition format: '" << line << "'";
    }
  }
  return samples;
}

// Every histogram: per label set, buckets cumulative in the order of le, a +Inf bucket equal to
// _count, and a _sum.
void check_histograms(const std::vector<Sample>& samples,
                      const std::map<std::string, std::string>& types) {
  for (const auto& [family, type] : types) {
    if (type != "histogram") continue;
    std::map<std::string, std::vector<std::pair<double, double>>> buckets;  // route -> (le, n)
    std::map<std::string, double> counts, sums;
    for (const Sample& s : samples) {
      if (s.name == family + "_bucket") {
        ASSERT_TRUE(s.labels.count("le")) << family;
        buckets[s.labels.at("route")].push_back({parse_value(s.labels.at("le"), ""), s.value});
      } else if (s.name == family + "_count") {
        counts[s.labels.at("route")] = s.value;
      } else if (s.name == family + "_sum") {
        sums[s.labels.at("route")] = s.value;
      }
    }
    ASSERT_FALSE(buckets.empty()) << family;
    for (const auto& [route, series] : buckets) {
      for (size_t i = 1; i < series.size(); ++i) {
        EXPECT_LT(series[i - 1].first, series[i].first) << route << ": le in increasing order";
        EXPECT_LE(series[i - 1].second, series[i].second) << route << ": cumulative counts";
      }
      EXPECT_EQ(series.back().first, HUGE_VAL) << route << ": the last bucket is +Inf";
      ASSERT_TRUE(counts.count(route)) << route;
      EXPECT_EQ(series.back().second, counts[route]) << route << ": +Inf bucket == _count";
      EXPECT_TRUE(sums.count(route)) << route;
      EXPECT_GE(sums[route], 0) << route;
    }
  }
}

double value_of(const std::vector<Sample>& samples, const std::string& name,
                const std::map<std::string, std::string>& labels = {}) {
  for (const Sample& s : samples) {
    if (s.name == name && s.labels == labels) return s.value;
  }
  return -1;
}

// The JSON log lines, by route; fails the test on a line that is not one JSON object.
std::map<std::string, json> json_lines_by_route(const std::string& log) {
  std::map<std::string, json> lines;
  std::istringstream in(log);
  for (std::string line; std::getline(in, line);) {
    json object = json::parse(line, nullptr, false);
    EXPECT_TRUE(object.is_object()) << "not one JSON object: " << line;
    if (object.is_object()) lines[object["route"]] = object;
  }
  return lines;
}

TEST(Version, BothExecutablesPrintTheirVersionTheLibrariesAndTheIndexSchema) {
  VersionInfo version = version_info();
  EXPECT_FALSE(version.hqa.empty());
  EXPECT_EQ(std::to_string(version.index_schema), schema::kSchemaVersion);
  for (const std::string& program : {testing::index_bin(), testing::search_bin()}) {
    testing::CommandResult result = testing::run_command(program + " --version");
    EXPECT_EQ(result.exit_code, 0) << program << result.err;
    std::string name = program.substr(program.rfind('/') + 1);
    EXPECT_EQ(result.out, name + " " + version.hqa + "\nXapian " + version.xapian + "\nICU " +
                              version.icu + "\nindex schema " + schema::kSchemaVersion + "\n");
  }
  EXPECT_EQ(version.xapian, Xapian::version_string());
}

TEST_F(MonitoringTest, VersionRouteAndHealthSayTheSameVersions) {
  start();
  auto version = client().Get("/version");
  ASSERT_TRUE(version);
  ASSERT_EQ(version->status, 200);
  json body = json::parse(version->body);
  EXPECT_EQ(body, version_json(version_info()));
  for (const char* key : {"hqa", "xapian", "icu", "index_schema"}) EXPECT_TRUE(body.contains(key));
  json health = json::parse(client().Get("/health")->body);
  EXPECT_EQ(health["status"], "ok");
  EXPECT_EQ(health["documents"], 36);
  EXPECT_EQ(health["version"], body);
  EXPECT_EQ(status_of("/version?x=1"), 400);
  EXPECT_EQ(client().Post("/version", "", "text/plain")->status, 405);
}

TEST_F(MonitoringTest, MetricsFollowTheExpositionFormatAndCountTheRequestsMade) {
  start();  // one GET /version made by start()
  for (const char* q : {"measles", "is%20gout%20hereditary", "asthma"}) {
    ASSERT_EQ(status_of(std::string("/search?q=") + q), 200);
  }
  ASSERT_EQ(status_of("/search?q=fever&limit=nope"), 400);
  ASSERT_EQ(status_of("/doc/008_measles-contagious"), 200);
  ASSERT_EQ(status_of("/doc/no-such-page"), 404);
  ASSERT_EQ(status_of("/no/such/route"), 404);
  ASSERT_EQ(status_of("/health"), 200);

  // A request is counted once its response is out, and the server may close a connection after
  // an error, so the last requests may be counted a moment after their answers: scrape until
  // the eight above are.
  const std::string requests = "hqa_http_requests_total";
  std::map<std::string, std::string> types;
  std::vector<Sample> samples;
  for (int attempt = 0; attempt < 100; ++attempt) {
    auto res = client().Get("/metrics");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(res->get_header_value("Content-Type").rfind("text/plain; version=0.0.4", 0), 0u)
        << res->get_header_value("Content-Type");
    types.clear();
    samples = parse_exposition(res->body, types);
    double counted = 0;
    for (const Sample& s : samples) {
      if (s.name == requests && s.labels.at("route") != "/metrics" &&
          s.labels.at("route") != "/version") {
        counted += s.value;
      }
    }
    if (counted >= 8) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  check_histograms(samples, types);
  EXPECT_EQ(types["hqa_http_requests_total"], "counter");
  EXPECT_EQ(types["hqa_http_request_duration_seconds"], "histogram");
  for (const char* gauge : {"hqa_searches_in_flight", "hqa_index_documents",
                            "hqa_index_age_seconds", "hqa_shards_unavailable"}) {
    EXPECT_EQ(types[gauge], "gauge") << gauge;
  }

  EXPECT_EQ(value_of(samples, requests, {{"route", "/search"}, {"code", "200"}}), 3);
  EXPECT_EQ(value_of(samples, requests, {{"route", "/search"}, {"code", "400"}}), 1);
  // One series for every id: the route pattern, not the path.
  EXPECT_EQ(value_of(samples, requests, {{"route", "/doc/{id}"}, {"code", "200"}}), 1);
  EXPECT_EQ(value_of(samples, requests, {{"route", "/doc/{id}"}, {"code", "404"}}), 1);
  EXPECT_EQ(value_of(samples, requests, {{"route", "other"}, {"code", "404"}}), 1);
  EXPECT_EQ(value_of(samples, requests, {{"route", "/health"}, {"code", "200"}}), 1);
  EXPECT_GE(value_of(samples, requests, {{"route", "/version"}, {"code", "200"}}), 1);
  for (const Sample& s : samples) {
    if (s.name != requests) continue;
    EXPECT_EQ(s.labels.size(), 2u);
    EXPECT_EQ(s.labels.at("route").find("008_"), std::string::npos) << "a path, not a pattern";
  }
  EXPECT_EQ(value_of(samples, "hqa_http_request_duration_seconds_count", {{"route", "/search"}}),
            4);
  EXPECT_GT(value_of(samples, "hqa_http_request_duration_seconds_sum", {{"route", "/search"}}), 0);
  EXPECT_EQ(value_of(samples, "hqa_searches_in_flight"), 0);
  EXPECT_EQ(value_of(samples, "hqa_index_documents"), 36);
  double age = value_of(samples, "hqa_index_age_seconds");
  EXPECT_GE(age, 0);
  EXPECT_LT(age, 600) << "the index was committed by SetUp";
  EXPECT_EQ(value_of(samples, "hqa_shards_unavailable"), 0);
  EXPECT_EQ(value_of(samples, "hqa_index_readable"), 1);

  // The scrapes themselves are counted once answered.
  std::map<std::string, std::string> again_types;
  std::vector<Sample> again = parse_exposition(client().Get("/metrics")->body, again_types);
  EXPECT_GE(value_of(again, requests, {{"route", "/metrics"}, {"code", "200"}}), 1);
}

TEST_F(MonitoringTest, SearchesInFlightStaysWithinTheClientsAndReturnsToZero) {
  start();
  // Four clients, one search at a time each, while the main thread scrapes.
  std::vector<std::thread> clients;
  for (int t = 0; t < 4; ++t) {
    clients.emplace_back([&] {
      httplib::Client client("127.0.0.1", served_->service().port());
      for (int i = 0; i < 20; ++i) client.Get("/search?q=is%20asthma%20treated&facets=condition");
    });
  }
  for (int scrape = 0; scrape < 10; ++scrape) {
    std::map<std::string, std::string> types;
    auto res = client().Get("/metrics");
    ASSERT_TRUE(res);
    double in_flight = value_of(parse_exposition(res->body, types), "hqa_searches_in_flight");
    EXPECT_GE(in_flight, 0);
    EXPECT_LE(in_flight, 4);
  }
  for (auto& c : clients) c.join();
  // A request is counted once its response is out, so a client may see the answer a moment
  // before the count: wait for the last ones.
  std::vector<Sample> after;
  for (int i = 0; i < 100; ++i) {
    std::map<std::string, std::string> types;
    after = parse_exposition(client().Get("/metrics")->body, types);
    if (value_of(after, "hqa_searches_in_flight") == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(value_of(after, "hqa_searches_in_flight"), 0);
  EXPECT_EQ(value_of(after, "hqa_http_requests_total", {{"route", "/search"}, {"code", "200"}}),
            80);
}

TEST(Routes, PathsFallUnderTheirRoutePatterns) {
  EXPECT_EQ(route_of("/search"), "/search");
  EXPECT_EQ(route_of("/doc/008_measles-contagious"), "/doc/{id}");
  EXPECT_EQ(route_of("/doc/"), "other");
  EXPECT_EQ(route_of("/documents"), "/documents");
  EXPECT_EQ(route_of("/documents/a/b"), "/documents/{id}");
  EXPECT_EQ(route_of("/wp-admin/setup.php"), "other");
  EXPECT_EQ(route_of(""), "other");
}

TEST_F(MonitoringTest, JsonLogHasOneObjectPerRequestWithoutQueryStrings) {
  start(LogFormat::kJson);
  ASSERT_EQ(status_of("/search?q=measles%20secretword&limit=3"), 200);
  ASSERT_EQ(status_of("/suggest?q=diab"), 200);
  ASSERT_EQ(status_of("/doc/x%0AGET%20/forged"), 404);
  stop();
  // The line is written once the response is out, so lines can come in another order than
  // the requests: they are found by route.
  std::map<std::string, json> logged = json_lines_by_route(log_.str());
  ASSERT_EQ(logged.size(), 4u) << log_.str();  // /version from start(), then the three
  const json& search = logged["/search"];
  for (const char* key : {"time", "method", "path", "route", "status", "ms", "bytes"}) {
    EXPECT_TRUE(search.contains(key)) << key << " in " << search.dump();
  }
  EXPECT_TRUE(std::regex_match(search["time"].get<std::string>(),
                               std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)")))
      << search["time"];
  EXPECT_EQ(search["method"], "GET");
  EXPECT_EQ(search["path"], "/search");
  EXPECT_EQ(search["status"], 200);
  EXPECT_GT(search["ms"].get<double>(), 0);
  EXPECT_GT(search["bytes"].get<int>(), 0);
  EXPECT_GE(search["results"].get<int>(), 1);
  EXPECT_LE(search["results"].get<int>(), 3);
  EXPECT_GE(logged["/suggest"]["results"].get<int>(), 1);
  EXPECT_EQ(logged["/doc/{id}"]["status"], 404);
  EXPECT_EQ(logged["/doc/{id}"]["path"], "/doc/x%0AGET /forged") << "no forged line";
  EXPECT_FALSE(logged["/doc/{id}"].contains("results"));
  EXPECT_EQ(log_.str().find("secretword"), std::string::npos) << log_.str();
  EXPECT_EQ(log_.str().find("query"), std::string::npos) << log_.str();
}

TEST_F(MonitoringTest, LogQueriesAddsTheQueryStringToTextAndJsonLines) {
  start(LogFormat::kJson, true);
  ASSERT_EQ(status_of("/search?q=gout&limit=2"), 200);
  stop();
  json line = json_lines_by_route(log_.str())["/search"];
  EXPECT_EQ(line["query"], "q=gout&limit=2");
  EXPECT_EQ(line["path"], "/search");

  log_.str("");
  start(LogFormat::kText, true);
  ASSERT_EQ(status_of("/search?q=gout"), 200);
  stop();
  EXPECT_NE(log_.str().find("GET /search?q=gout 200 "), std::string::npos) << log_.str();

  log_.str("");
  start(LogFormat::kText, false);
  ASSERT_EQ(status_of("/search?q=gout"), 200);
  stop();
  EXPECT_NE(log_.str().find("GET /search 200 "), std::string::npos) << log_.str();
  EXPECT_EQ(log_.str().find("gout"), std::string::npos) << log_.str();
}

TEST(RequestLog, ParseLogFormatNamesTheFlag) {
  EXPECT_EQ(parse_log_format("json"), LogFormat::kJson);
  EXPECT_EQ(parse_log_format("text"), LogFormat::kText);
  try {
    parse_log_format("xml");
    ADD_FAILURE() << "xml accepted";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("--log-format"), std::string::npos);
  }
}

}  // namespace
}  // namespace hqa
