// @brief Explanations of scores (hqa-search explain, /search?explain=true): the parts add up to
// the score the search gives, the rank is the search's, and documents that do not match, ids
// that do not exist and hostile input are answered plainly.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "indexer/indexing_job.h"
#include "searcher/searcher.h"
#include "service/http_service.h"
#include "tests/test_support.h"

namespace hqa {
namespace {

using nlohmann::json;

::testing::AssertionResult same_within_1e9(double a, double b) {
  if (std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)}))
    return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << a << " and " << b << " differ by " << a - b;
}

// A BM25 part's weight from the statistics shown beside it, as the explanation's formula says.
double formula(const ScorePart& part, const Explanation& e) {
  const Bm25Stats& s = *part.bm25;
  double norm = e.length / e.average_length;
  if (e.weighting == "bm25") norm = std::max(norm, 0.5);  // Xapian's min_normlen
  return part.weight * s.idf * (s.k1 + 1) * s.wdf / (s.k1 * (1 - s.b + s.b * norm) + s.wdf);
}

bool has_note(const Explanation& e, const std::string& text) {
  return std::any_of(e.notes.begin(), e.notes.end(), [&text](const std::string& note) {
    return note.find(text) != std::string::npos;
  });
}

// Each hit of the search, explained: matched, with the hit's score and rank, parts that add up
// to it, and each BM25 part's weight given by its statistics. Returns the hits checked.
//
// Xapian 1.4 can score a document for a phrase or proximity pair it does not match, when those
// are ORed under AND_MAYBE (searcher/score_parts.h); with `xapian_may_overcount` (proximity on),
// such a hit's search score may exceed its parts, and the explanation must say so.
size_t expect_explanations_match_the_search(Searcher& searcher, const SearchRequest& request,
                                            const std::string& label,
                                            bool xapian_may_overcount = false) {
  SearchResponse response = searcher.search(request);
  for (const SearchHit& hit : response.hits) {
    std::optional<Explanation> e = searcher.explain(request, hit.id);
    EXPECT_TRUE(e) << label << " " << hit.id;
    if (!e) continue;
    EXPECT_TRUE(e->matched) << label << " " << hit.id;
    EXPECT_TRUE(same_within_1e9(e->sum_of_parts(), e->score)) << label << " " << hit.id;
    if (!same_within_1e9(e->score, hit.score)) {
      EXPECT_TRUE(xapian_may_overcount)
          << label << " " << hit.id << ": " << e->score << " is not the search's " << hit.score;
      EXPECT_GT(hit.score, e->score) << label << " " << hit.id;
      EXPECT_TRUE(has_note(*e, "Xapian 1.4 can add")) << label << " " << hit.id;
    }
    EXPECT_EQ(e->rank, std::optional<size_t>(hit.rank)) << label << " " << hit.id;
    EXPECT_FALSE(has_note(*e, "add up to")) << label << " " << hit.id;
    for (const ScorePart& part : e->parts) {
      if (part.bm25) {
        EXPECT_TRUE(same_within_1e9(formula(part, *e), part.score))
            << label << " " << hit.id << " " << part.kind << " " << part.field;
      }
    }
  }
  return response.hits.size();
}

class ExplainTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    IndexJobOptions job;
    job.index_dir = index();
    job.inputs = {testing::corpus_dir().string()};
    ASSERT_EQ(run_index_job(job).rejected, 0u);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string index() { return (dir_->path() / "index").string(); }

  static SearcherOptions options() {
    SearcherOptions options;
    options.index_dirs = {index()};
    return options;
  }
  static SearchRequest request(const std::string& query, size_t limit = 10) {
    SearchRequest request;
    request.query = query;
    request.limit = limit;
    return request;
  }

  static testing::TempDir* dir_;
};

testing::TempDir* ExplainTest::dir_ = nullptr;

const char* const kQueries[] = {
    "is measles contagious",
    "what causes migraine headaches",
    "type 1 diabetes symptoms thirst",
    "\"high blood pressure\" treatment",
    "tuber*",
    "+hereditary disease -cystic",
    "COVID-19 vaccine prevention",
    "how is gout treated",
    "shingles contagious source:DiseaseMaps",
    "what are the symptoms of menieres disease hearing loss vertigo tinnitus ear",
    "huntingtons disease hereditary genetic test",
};

TEST_F(ExplainTest, PartsAddUpToTheSearchScoreAndRankUnderEveryRankingOption) {
  struct Setting {
    std::string name;
    SearcherOptions options;
    bool proximity = false;
  };
  std::vector<Setting> settings;
  settings.push_back({"default", options()});
  SearcherOptions bonuses = options();
  bonuses.ranking.weights.intent_match = 1.5;
  bonuses.ranking.weights.synonym = 0.5;
  bonuses.ranking.weights.condition = 1;
  settings.push_back({"intent, synonyms, condition", bonuses});
  bonuses.ranking.weights.proximity = 0.5;
  settings.push_back({"and proximity", bonuses, true});
  SearcherOptions feedback = options();
  feedback.ranking.feedback.terms = 10;
  feedback.ranking.feedback.documents = 3;
  settings.push_back({"feedback", feedback});
  SearcherOptions bm25 = options();
  bm25.ranking.weighting = RankingOptions::Weighting::kBm25;
  settings.push_back({"bm25", bm25});
  bm25.ranking.weights.proximity = 0.5;
  settings.push_back({"bm25 and proximity", bm25, true});
  SearcherOptions elite = options();
  elite.ranking.weights.max_optional_words = 3;
  settings.push_back({"elite set", elite});
  size_t checked = 0;
  for (const Setting& setting : settings) {
    Searcher searcher(setting.options);
    for (const char* query : kQueries) {
      checked += expect_explanations_match_the_search(
          searcher, request(query, 20), setting.name + ": " + query, setting.proximity);
    }
  }
  EXPECT_GE(checked, 400u);
}

// Regression pin for the Xapian 1.4 flaw (score_parts.h): with proximity on, "what causes
// migraine headaches" gives the migraine page the weight of "migraine" near "headache" in its
// answer, where the two are 7 words apart. The explanation does not count it, and says so.
TEST_F(ExplainTest, AProximityPairXapianCountsButTheDocumentLacksIsNotedNotCounted) {
  SearcherOptions proximity = options();
  proximity.ranking.weights.proximity = 0.5;
  Searcher searcher(proximity);
  SearchResponse response = searcher.search(request("what causes migraine headaches"));
  ASSERT_FALSE(response.hits.empty());
  ASSERT_EQ(response.hits[0].id, "004_migraine-causes");
  std::optional<Explanation> e =
      searcher.explain(request("what causes migraine headaches"), "004_migraine-causes");
  ASSERT_TRUE(e);
  for (const ScorePart& part : e->parts) {
    EXPECT_FALSE(part.kind == "proximity" && part.field == "answer" &&
                 std::find(part.within.begin(), part.within.end(), "headach") != part.within.end())
        << "migraine and headache are not within 3 words of each other in the answer";
  }
  if (!same_within_1e9(e->score, response.hits[0].score)) {
    EXPECT_TRUE(has_note(*e, "Xapian 1.4 can add"));
  }
}

TEST_F(ExplainTest, PartsAddUpForTypedWordsFiltersSortingAndDeepRanks) {
  Searcher searcher(options());
  for (const char* query : {"is measles cont", "diab", "what causes migr", "hyperten treat"}) {
    SearchRequest typing = request(query);
    typing.last_word_is_prefix = true;  // completions weighed as one word (OP_SYNONYM)
    EXPECT_GT(expect_explanations_match_the_search(searcher, typing, query), 0u) << query;
  }
  SearchRequest filtered = request("contagious disease");
  add_filter("source:DiseaseMaps", filtered);
  filtered.updated_from = Date::parse("2024-01-01");
  EXPECT_GT(expect_explanations_match_the_search(searcher, filtered, "filtered"), 0u);
  SearchRequest newest = request("contagious disease");
  newest.sort = SearchRequest::Sort::kUpdated;
  EXPECT_GT(expect_explanations_match_the_search(searcher, newest, "by date"), 0u);
  SearchRequest deep = request("what is the treatment", 5);
  deep.offset = 10;
  EXPECT_GT(expect_explanations_match_the_search(searcher, deep, "offset 10"), 0u);
}

TEST_F(ExplainTest, PartsNameTheFieldsTermsAndBonusesOfTheScore) {
  SearcherOptions bonuses = options();
  bonuses.ranking.weights.proximity = 0.5;
  Searcher searcher(bonuses);
  std::optional<Explanation> e =
      searcher.explain(request("is measles contagious"), "008_measles-contagious");
  ASSERT_TRUE(e);
  auto has = [&e](const std::string& kind, const std::string& field, const std::string& word) {
    return std::any_of(e->parts.begin(), e->parts.end(), [&](const ScorePart& part) {
      return part.kind == kind && part.field == field &&
             std::find(part.words.begin(), part.words.end(), word) != part.words.end();
    });
  };
  EXPECT_TRUE(has("term", "question", "measl"));
  EXPECT_TRUE(has("term", "answer", "measl"));
  EXPECT_TRUE(has("term", "question", "contagi"));
  EXPECT_TRUE(has("name", "name", "measl"));  // the condition name the query contains whole
  EXPECT_TRUE(has("proximity", "question", "measl"));
  for (const ScorePart& part : e->parts) {
    if (part.kind == "term" && part.field == "question") {
      EXPECT_EQ(part.weight, 2.0);
    }
    if (part.kind == "proximity") {
      EXPECT_EQ(part.weight, 0.5);
    }
  }
  EXPECT_EQ(e->rank, std::optional<size_t>(1));
  EXPECT_EQ(e->weighting, "field-bm25");
  EXPECT_GT(e->length, 0u);
  EXPECT_EQ(e->documents, 36u);
}

TEST_F(ExplainTest, ADocumentTheQueryDoesNotMatchIsExplainedWithScoreZeroAndWhy) {
  Searcher searcher(options());
  std::optional<Explanation> absent =
      searcher.explain(request("measles contagious"), "010_gout-causes");
  ASSERT_TRUE(absent);
  EXPECT_FALSE(absent->matched);
  EXPECT_EQ(absent->score, 0);
  EXPECT_FALSE(absent->rank);
  EXPECT_TRUE(absent->parts.empty());
  ASSERT_EQ(absent->why_not.size(), 1u);
  EXPECT_NE(absent->why_not[0].find("none of"), std::string::npos);
  EXPECT_NE(absent->why_not[0].find("measl"), std::string::npos);

  SearchRequest filtered = request("is measles contagious -rash");
  add_filter("source:GHR", filtered);
  std::optional<Explanation> out = searcher.explain(filtered, "008_measles-contagious");
  ASSERT_TRUE(out);
  EXPECT_FALSE(out->matched);
  std::string reasons;
  for (const std::string& reason : out->why_not) reasons += reason + "\n";
  EXPECT_NE(reasons.find("filtered out by source:ghr"), std::string::npos) << reasons;
  EXPECT_NE(reasons.find("excluded by -rash"), std::string::npos) << reasons;
  ASSERT_EQ(out->filters.size(), 2u);

  SearchRequest required = request("+hereditary measles");
  std::optional<Explanation> lacking = searcher.explain(required, "008_measles-contagious");
  ASSERT_TRUE(lacking);
  EXPECT_FALSE(lacking->matched);
  ASSERT_FALSE(lacking->why_not.empty());
  EXPECT_NE(lacking->why_not[0].find("hereditari"), std::string::npos) << lacking->why_not[0];
}

TEST_F(ExplainTest, AnIdNoDocumentHasIsNothingToExplain) {
  Searcher searcher(options());
  EXPECT_FALSE(searcher.explain(request("measles"), "no-such-document"));
  EXPECT_FALSE(searcher.explain(request("measles"), ""));
}

TEST_F(ExplainTest, ADuplicateAnswerSaysWhichDocumentIsShownInItsPlace) {
  testing::TempDir dir;
  const std::string answer = "Measles spreads through the air when an infected person coughs.";
  testing::index_documents(
      (dir.path() / "index").string(),
      {testing::make_document("a-first", "Is measles contagious?", answer),
       testing::make_document("b-second", "How does measles spread?", answer),
       testing::make_document("c-other", "What is gout?", "Gout is arthritis.")});
  SearcherOptions own;
  own.index_dirs = {(dir.path() / "index").string()};
  Searcher searcher(own);
  std::optional<Explanation> shown = searcher.explain(request("measles contagious"), "a-first");
  std::optional<Explanation> hidden = searcher.explain(request("measles contagious"), "b-second");
  ASSERT_TRUE(shown && hidden);
  EXPECT_EQ(shown->rank, std::optional<size_t>(1));
  EXPECT_EQ(shown->duplicates_hidden, 1u);
  EXPECT_TRUE(hidden->matched);
  EXPECT_FALSE(hidden->rank);
  EXPECT_EQ(hidden->collapsed_under, "a-first");
}

TEST_F(ExplainTest, AHugeQueryIsCutAsTheSearchCutsItAndStillAddsUp) {
  std::string huge;
  while (huge.size() < 100000) huge += "measles contagious fever rash cough virus ";
  Searcher searcher(options());
  SearchResponse response = searcher.search(request(huge, 1));
  ASSERT_FALSE(response.hits.empty());
  std::optional<Explanation> e = searcher.explain(request(huge), response.hits[0].id);
  ASSERT_TRUE(e);
  EXPECT_TRUE(same_within_1e9(e->sum_of_parts(), response.hits[0].score));
  EXPECT_LE(e->query.size(), SearcherOptions().max_query_bytes);
  EXPECT_NE(e->notes.at(0).find("was cut"), std::string::npos);
}

TEST_F(ExplainTest, CommandPrintsTheSumOfNamedPartsAndJsonThatMatchesTheSearch) {
  const std::string base = testing::search_bin() + " explain --index " + index();
  testing::CommandResult text =
      testing::run_command(base + " --id 008_measles-contagious is measles contagious");
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (const char* expected : {"score ", "rank 1", "question:measl", "answer:measl", "name:measl",
                               "wdf ", "idf ", "k1 0.9", "sum of "}) {
    EXPECT_NE(text.out.find(expected), std::string::npos) << expected << "\n" << text.out;
  }
  testing::CommandResult as_json =
      testing::run_command(base + " --json --id 014_tuberculosis-contagious is measles contagious");
  ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
  json e = json::parse(as_json.out);
  testing::CommandResult search = testing::run_command(
      testing::search_bin() + " --json --limit 20 --index " + index() + " is measles contagious");
  json hits = json::parse(search.out)["hits"];
  auto hit = std::find_if(hits.begin(), hits.end(),
                          [](const json& h) { return h["id"] == "014_tuberculosis-contagious"; });
  ASSERT_NE(hit, hits.end());
  EXPECT_EQ(e["rank"], (*hit)["rank"]);
  EXPECT_TRUE(same_within_1e9(e["score"].get<double>(), (*hit)["score"].get<double>()));
  double sum = 0;
  for (const json& part : e["parts"]) sum += part["score"].get<double>();
  EXPECT_TRUE(same_within_1e9(sum, e["sum_of_parts"].get<double>()));
  EXPECT_TRUE(same_within_1e9(sum, e["score"].get<double>()));
  for (const char* key : {"id", "query", "matched", "collapsed_under", "duplicates_hidden",
                          "weighting", "document", "filters", "why_not", "notes"}) {
    EXPECT_TRUE(e.contains(key)) << key;
  }
  EXPECT_TRUE(e["parts"][0]["bm25"].contains("idf"));
}

TEST_F(ExplainTest, CommandRefusesAnUnknownIdAndSaysWhenADocumentDoesNotMatch) {
  const std::string base = testing::search_bin() + " explain --index " + index();
  testing::CommandResult unknown = testing::run_command(base + " --id no-such-doc measles");
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("hqa-search: --id: no document has the id 'no-such-doc'"),
            std::string::npos)
      << unknown.err;
  testing::CommandResult missing = testing::run_command(base + " measles");
  EXPECT_EQ(missing.exit_code, 2);
  testing::CommandResult unmatched =
      testing::run_command(base + " --id 010_gout-causes measles contagious");
  EXPECT_EQ(unmatched.exit_code, 0) << unmatched.err;
  EXPECT_NE(unmatched.out.find("not matched (score 0)"), std::string::npos) << unmatched.out;
  testing::CommandResult json_unmatched =
      testing::run_command(base + " --json --id 010_gout-causes measles contagious");
  json e = json::parse(json_unmatched.out);
  EXPECT_EQ(e["matched"], false);
  EXPECT_EQ(e["score"], 0.0);
  EXPECT_TRUE(e["rank"].is_null());
  EXPECT_FALSE(e["why_not"].empty());
}

// The HTTP service on the corpus index, in-process on a free port.
class ExplainOverHttpTest : public ExplainTest {
 protected:
  void SetUp() override {
    ServiceOptions service;
    service.searcher.index_dirs = {index()};
    service.port = 0;
    service.threads = 4;
    service_ = std::make_unique<HttpService>(service);
    thread_ = std::thread([this] { service_->run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", service_->port());
    for (int i = 0; i < 100 && !client_->Get("/health"); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  void TearDown() override {
    service_->stop();
    thread_.join();
  }
  json get(const std::string& path, int status = 200) {
    auto res = client_->Get(path);
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, status) << path << " -> " << res->body;
    return json::parse(res->body, nullptr, false);
  }

  std::unique_ptr<HttpService> service_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ExplainOverHttpTest, ExplainTrueAddsAnExplanationToEachHitShownAndOnlyThen) {
  json plain = get("/search?q=is+measles+contagious&limit=3&offset=1");
  ASSERT_EQ(plain["hits"].size(), 3u);
  for (const json& hit : plain["hits"]) EXPECT_FALSE(hit.contains("explanation"));
  json explained = get("/search?q=is+measles+contagious&limit=3&offset=1&explain=true");
  ASSERT_EQ(explained["hits"].size(), 3u);
  for (const json& hit : explained["hits"]) {
    ASSERT_TRUE(hit.contains("explanation")) << hit.dump();
    const json& e = hit["explanation"];
    EXPECT_EQ(e["id"], hit["id"]);
    EXPECT_EQ(e["rank"], hit["rank"]);
    EXPECT_EQ(e["matched"], true);
    EXPECT_TRUE(same_within_1e9(e["score"].get<double>(), hit["score"].get<double>()));
    double sum = 0;
    for (const json& part : e["parts"]) sum += part["score"].get<double>();
    EXPECT_TRUE(same_within_1e9(sum, hit["score"].get<double>()));
  }
  // The same shape as `hqa-search explain --json`.
  testing::CommandResult cli = testing::run_command(
      testing::search_bin() + " explain --json --prefix --index " + index() + " --id " +
      explained["hits"][0]["id"].get<std::string>() + " is measles contagious");
  json from_cli = json::parse(cli.out);
  json from_http = explained["hits"][0]["explanation"];
  for (auto it = from_cli.begin(); it != from_cli.end(); ++it)
    EXPECT_TRUE(from_http.contains(it.key())) << it.key();
  EXPECT_EQ(from_cli.size(), from_http.size());
  EXPECT_EQ(from_cli["parts"].size(), from_http["parts"].size());
}

TEST_F(ExplainOverHttpTest, ABadExplainValueIsA400AndALongQueryStillAddsUp) {
  json bad = get("/search?q=measles&explain=maybe", 400);
  EXPECT_EQ(bad["status"], 400);
  EXPECT_NE(bad["error"].get<std::string>().find("explain"), std::string::npos);
  get("/search?q=measles&explain=true&explain=false", 400);
  std::string query;
  while (query.size() < 1000) query += "measles+contagious+fever+rash+cough+virus+";
  json body = get("/search?limit=5&explain=true&q=" + query.substr(0, 1000));
  ASSERT_FALSE(body["hits"].empty());
  for (const json& hit : body["hits"]) {
    EXPECT_TRUE(same_within_1e9(hit["explanation"]["sum_of_parts"].get<double>(),
                                hit["score"].get<double>()));
  }
}

TEST_F(ExplainOverHttpTest, ExplainExplainsOneDocumentAndAnUnknownIdIsA404) {
  json hits = get("/search?q=is+measles+contagious&limit=5")["hits"];
  ASSERT_GE(hits.size(), 2u);
  json e = get("/explain?q=is+measles+contagious&id=" + hits[1]["id"].get<std::string>());
  EXPECT_EQ(e["rank"], hits[1]["rank"]);
  EXPECT_TRUE(same_within_1e9(e["score"].get<double>(), hits[1]["score"].get<double>()));
  EXPECT_TRUE(same_within_1e9(e["sum_of_parts"].get<double>(), hits[1]["score"].get<double>()));
  json unmatched = get("/explain?q=measles+contagious&id=010_gout-causes&filter=source:GHR");
  EXPECT_EQ(unmatched["matched"], false);
  EXPECT_EQ(unmatched["why_not"].size(), 2u);
  json unknown = get("/explain?q=measles&id=no-such-doc", 404);
  EXPECT_EQ(unknown["status"], 404);
  EXPECT_EQ(unknown["error"], "no document with this id");
  get("/explain?q=measles", 400);
  get("/explain?q=measles&id=008_measles-contagious&limit=3", 400);
  auto posted = client_->Post("/explain", "", "text/plain");
  ASSERT_TRUE(posted);
  EXPECT_EQ(posted->status, 405);
}

// The LiveQA-Med corpus and its dev questions, when ../shared/data has them.
TEST(ExplainLiveQaTest, PartsAddUpToTheScoreAndRankOfTheDevTopicsTopAndDeeperHits) {
  const std::filesystem::path corpus = testing::shared_data("liveqa-med/corpus.jsonl");
  const std::filesystem::path topics = testing::shared_data("liveqa-med/topics-dev-original.tsv");
  if (corpus.empty() || topics.empty()) GTEST_SKIP() << "../shared/data/liveqa-med is absent";
  testing::TempDir dir;
  IndexJobOptions job;
  job.index_dir = (dir.path() / "index").string();
  job.inputs = {corpus.string()};
  job.jobs = 2;
  run_index_job(job);
  SearcherOptions options;
  options.index_dirs = {job.index_dir};
  Searcher searcher(options);
  std::ifstream in(topics);
  size_t checked = 0;
  int topic = 0;
  for (std::string line; std::getline(in, line) && topic < 20; ++topic) {
    const std::string query = line.substr(line.find('\t') + 1);
    SearchRequest top;
    top.query = query;
    top.limit = 3;
    top.presentation = false;  // as batch runs search
    checked += expect_explanations_match_the_search(searcher, top, query);
    SearchRequest deeper = top;
    deeper.offset = 40;
    deeper.limit = 2;
    checked += expect_explanations_match_the_search(searcher, deeper, query + " (rank 41)");
  }
  EXPECT_GE(checked, 80u);
}

}  // namespace
}  // namespace hqa
