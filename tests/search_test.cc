// End to end through the libraries: index corpus/ and the seed page, then search them.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <set>

#include "indexer/index_writer.h"
#include "indexer/indexing_job.h"
#include "schema/index_format.h"
#include "schema/terms.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"
#include "searcher/searcher.h"
#include "tests/test_support.h"

namespace hqa {
namespace {

class SearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    IndexJobOptions job;
    job.index_dir = (dir_->path() / "index").string();
    job.inputs = {testing::corpus_dir().string()};
    if (std::filesystem::exists(testing::seed_page()))
      job.inputs.push_back(testing::seed_page().string());
    IndexJobSummary summary = run_index_job(job);
    ASSERT_EQ(summary.rejected, 0u);
    ASSERT_GE(summary.added, 30u);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    SearcherOptions options;
    options.index_dirs = {(dir_->path() / "index").string()};
    searcher_ = std::make_unique<Searcher>(options);
  }

  SearchResponse search(const std::string& query, size_t limit = 10, size_t offset = 0) {
    SearchRequest request;
    request.query = query;
    request.limit = limit;
    request.offset = offset;
    return searcher_->search(request);
  }
  std::string top_id(const std::string& query) {
    SearchResponse response = search(query, 1);
    return response.hits.empty() ? "(no hits)" : response.hits[0].id;
  }
  static bool has_seed() { return std::filesystem::exists(testing::seed_page()); }

  static testing::TempDir* dir_;
  std::unique_ptr<Searcher> searcher_;
};

testing::TempDir* SearchTest::dir_ = nullptr;

TEST_F(SearchTest, AcronymQueryRanksTheLeukemiaPageFirst) {
  if (!has_seed()) GTEST_SKIP() << "../shared/seeds is absent";
  SearchResponse response = search("ALL hereditary");
  ASSERT_FALSE(response.hits.empty());
  EXPECT_EQ(response.hits[0].id, "000_683c2e98c07ba2e0");
  EXPECT_NE(response.hits[0].question.find("(<mark>ALL</mark>)"), std::string::npos);
  // Far ahead of the next page: the acronym carries the match, not the word "hereditary" alone.
  ASSERT_GE(response.hits.size(), 2u);
  EXPECT_GT(response.hits[0].score, 2 * response.hits[1].score);
}

TEST_F(SearchTest, LowercaseAllIsAStopwordNotTheAcronym) {
  SearchResponse response = search("is all cancer hereditary");
  ASSERT_GE(response.hits.size(), 5u);
  // Every top result answers an inheritance question: none is there for containing "ALL".
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_NE(response.hits[i].question.find("hereditary"), std::string::npos)
        << response.hits[i].question;
  }
  // And the acronym's term is not part of the query at all.
  Analyzer analyzer;
  Xapian::Query query = build_query(parse_query("is all cancer hereditary"), analyzer, {}).query;
  for (auto term = query.get_terms_begin(); term != query.get_terms_end(); ++term) {
    EXPECT_EQ((*term).find("_all"), std::string::npos) << *term;
    EXPECT_NE(*term, schema::field_term(schema::kAnswerPrefix, "all"));
  }
}

TEST_F(SearchTest, SpellingVariantsFindTheSamePage) {
  for (const char* query : {"COVID-19", "covid19", "COVID 19"}) {
    EXPECT_EQ(top_id(query), "006_covid-19-prevented") << query;
  }
  for (const char* query : {"x-ray", "xray", "X ray"}) {
    EXPECT_EQ(top_id(query), "011_pneumonia-treated") << query;
  }
  for (const char* query : {"menieres", "Ménière's disease", "MENIERE"}) {
    EXPECT_EQ(top_id(query), "009_menieres-disease-symptoms") << query;
  }
  for (const char* query : {"β-blocker", "beta blockers", "beta-blocker"}) {
    EXPECT_EQ(top_id(query), "005_hypertension-treated") << query;
  }
  EXPECT_EQ(top_id("Down's syndrome hereditary"), "025_down-syndrome-hereditary");
  EXPECT_EQ(top_id("HbA1c"), "003_type-1-diabetes-symptoms");
  EXPECT_EQ(top_id("B12"), "028_vitamin-b12-deficiency-causes");
  EXPECT_EQ(top_id("non-Hodgkin lymphoma"), "015_non-hodgkins-lymphoma-symptoms");
}

TEST_F(SearchTest, QuestionMatchesOutrankAnswerMentions) {
  // Shingles' page mentions chickenpox throughout, but the chickenpox page asks about it.
  EXPECT_EQ(top_id("chickenpox contagious"), "002_chickenpox-contagious");
  EXPECT_EQ(top_id("how is asthma treated"), "017_asthma-treated");
}

TEST_F(SearchTest, HitsCarryHighlightedEscapedSnippetsAndMetadata) {
  SearchResponse response = search("gout causes");
  ASSERT_FALSE(response.hits.empty());
  const SearchHit& hit = response.hits[0];
  EXPECT_EQ(hit.id, "010_gout-causes");
  EXPECT_EQ(hit.rank, 1u);
  EXPECT_EQ(hit.condition, "Gout");
  EXPECT_EQ(hit.question_type, "causes");
  EXPECT_EQ(hit.updated.size(), 10u);
  EXPECT_NE(hit.snippet.find("<mark>Gout</mark>"), std::string::npos) << hit.snippet;
  EXPECT_EQ(hit.snippet.find("Medical disclaimer"), std::string::npos);
}

TEST_F(SearchTest, PagesOfResultsFollowOneAnother) {
  SearchResponse all = search("disease", 6);
  SearchResponse first = search("disease", 3, 0);
  SearchResponse second = search("disease", 3, 3);
  ASSERT_EQ(all.hits.size(), 6u);
  ASSERT_EQ(first.hits.size(), 3u);
  ASSERT_EQ(second.hits.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(first.hits[i].id, all.hits[i].id);
    EXPECT_EQ(second.hits[i].id, all.hits[i + 3].id);
    EXPECT_EQ(second.hits[i].rank, i + 4);
  }
}

TEST_F(SearchTest, ExclusionAndFieldQueriesNarrowResults) {
  for (const SearchHit& hit : search("hereditary -leukemia", 50).hits) {
    EXPECT_EQ(hit.question.find("leukemia"), std::string::npos);
  }
  for (const SearchHit& hit : search("type:transmission virus", 50).hits) {
    EXPECT_EQ(hit.question_type, "transmission");
  }
  SearchResponse phrase = search("\"blood pressure\"", 50);
  ASSERT_FALSE(phrase.hits.empty());
  EXPECT_EQ(phrase.hits[0].id, "005_hypertension-treated");
}

TEST_F(SearchTest, BooleanOperatorsPrefixesAndDateRangesNarrowResults) {
  SearchResponse both = search("contagious AND virus NOT measles", 50);
  ASSERT_FALSE(both.hits.empty());
  for (const SearchHit& hit : both.hits) {
    EXPECT_EQ(hit.question_type, "transmission") << hit.id;
    EXPECT_NE(hit.id, "008_measles-contagious");
  }
  SearchResponse prefix = search("hemophil*", 5);
  ASSERT_FALSE(prefix.hits.empty());
  EXPECT_EQ(prefix.hits[0].id, "013_hemophilia-hereditary");
  EXPECT_NE(prefix.hits[0].snippet.find("<mark>Hemophilia</mark>"), std::string::npos);
  SearchResponse wide = search("a*", 50);  // bounded expansion: answers, does not explode
  EXPECT_FALSE(wide.hits.empty());
  SearchResponse recent = search("disease updated:2026-01-01..", 50);
  ASSERT_FALSE(recent.hits.empty());
  for (const SearchHit& hit : recent.hits) EXPECT_GE(hit.updated, "2026-01-01") << hit.id;
  SearchResponse bad_date = search("disease updated:yesterday..", 5);
  EXPECT_FALSE(bad_date.notes.empty());
}

TEST_F(SearchTest, MalformedQueriesStillSearchOrReturnNothing) {
  std::string huge;
  for (int i = 0; i < 10000; ++i) huge += "asthma ";
  const std::string kQueries[] = {"\"unbalanced asthma", "-",    "AND AND", "+",     "\"\"",
                                  "asthma\x01",          "((((", "::::",    "type:", huge,
                                  "\xFF\xFE asthma"};
  for (const std::string& query : kQueries) {
    SearchResponse response;
    ASSERT_NO_THROW(response = search(query)) << query.substr(0, 40);
  }
  SearchResponse unbalanced = search("\"unbalanced asthma");
  ASSERT_FALSE(unbalanced.hits.empty());
  EXPECT_EQ(unbalanced.hits[0].id, "017_asthma-treated");
  EXPECT_FALSE(unbalanced.notes.empty());
  SearchResponse cut = search(huge);
  EXPECT_FALSE(cut.notes.empty());
  EXPECT_FALSE(cut.hits.empty());
  // Nothing searchable: an empty list that says why, never silence.
  for (const char* query : {"AND AND", "-", "\"\"", "((((", "*", "::::", "OR"}) {
    SearchResponse nothing = search(query);
    EXPECT_TRUE(nothing.hits.empty()) << query;
    EXPECT_FALSE(nothing.notes.empty()) << query << " finds nothing without saying why";
  }
}

TEST_F(SearchTest, AnswerPhrasesWithStopwordsMatchInOrderAndNoWider) {
  // The body keeps no positions for stopwords; its phrases must still be phrases.
  auto ids = [this](const std::string& query) {
    std::set<std::string> found;
    for (const SearchHit& hit : search(query, 50).hits) found.insert(hit.id);
    return found;
  };
  EXPECT_EQ(ids("answer:\"one in four chance of producing a child\""),
            std::set<std::string>{"001_cystic-fibrosis-hereditary"});
  EXPECT_TRUE(ids("answer:\"child a producing of chance\"").empty()) << "out of order";
  EXPECT_TRUE(ids("answer:\"four chance producing child\"").empty())
      << "the same words, closer than written";
  EXPECT_FALSE(ids("answer:\"of the\"").empty()) << "a phrase of stopwords alone asks for them all";
}

// An index that knows every term and gives one synonym list, as the index's own table would.
class SynonymsOnly : public IndexLookup {
 public:
  SynonymsOnly(std::string key, std::vector<std::string> synonyms)
      : key_(std::move(key)), synonyms_(std::move(synonyms)) {}
  bool term_exists(const std::string&) const override { return true; }
  std::string spelling_correction(const std::string&) const override { return ""; }
  std::vector<std::string> synonyms(const std::string& key) const override {
    return key == key_ ? synonyms_ : std::vector<std::string>{};
  }

 private:
  std::string key_;
  std::vector<std::string> synonyms_;
};

TEST(QueryBuilderSynonyms, AnAcronymSynonymSearchesTheAcronymTermNotAStem) {
  Analyzer analyzer;
  std::vector<Token> tokens = analyzer.analyze("acute lymphocytic leukemia");
  std::string key;
  for (const Token& token : tokens) key += (key.empty() ? "" : " ") + schema::name_key_part(token);
  SynonymsOnly index(key, {"_all", "acut lymphoblast leukemia"});
  QueryWeights weights;
  weights.synonym = 0.5;
  Xapian::Query query =
      build_query(parse_query("acute lymphocytic leukemia"), analyzer, weights, &index).query;
  std::set<std::string> terms;
  for (auto term = query.get_terms_begin(); term != query.get_terms_end(); ++term)
    terms.insert(*term);
  EXPECT_TRUE(terms.count("_all")) << query.get_description();
  EXPECT_TRUE(terms.count(std::string(schema::kQuestionPrefix) + "_all"))
      << query.get_description();
  EXPECT_FALSE(terms.count(schema::field_term(schema::kAnswerPrefix, "_all")))
      << "no stem term spells an acronym";
  EXPECT_TRUE(terms.count(schema::field_term(schema::kAnswerPrefix, "lymphoblast")))
      << query.get_description();
}

TEST_F(SearchTest, AnswerPhrasesCheckTheSpanTypedNotTheStopwordsAroundIt) {
  // Leading and trailing stopwords widen nothing: "the chance producing child of" is no looser
  // than "chance producing child".
  auto ids = [this](const std::string& query) {
    std::set<std::string> found;
    for (const SearchHit& hit : search(query, 50).hits) found.insert(hit.id);
    return found;
  };
  EXPECT_TRUE(ids("answer:\"the chance producing child of\"").empty());
  EXPECT_EQ(ids("answer:\"the chance of producing a child of\""),
            std::set<std::string>{"001_cystic-fibrosis-hereditary"});
}

TEST_F(SearchTest, DeepRequestsAreClampedWithANote) {
  SearchResponse response = search("disease", 5000, 1000000);
  EXPECT_FALSE(response.notes.empty());
  EXPECT_TRUE(response.hits.empty());
}

TEST(SearchProximity, WhenEnabledWordsTogetherOutrankWordsApart) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  testing::index_documents(
      index,
      {testing::make_document("apart", "What is it?",
                              "Pressure on the chest can follow a fall; blood tests help."),
       testing::make_document("together", "What is it?",
                              "Tests help; high blood pressure can follow a fall on the chest.")});
  SearcherOptions options;
  options.index_dirs = {index};
  options.ranking.weights.proximity = 1.0;
  Searcher searcher(options);
  SearchRequest request;
  request.query = "blood pressure";
  SearchResponse response = searcher.search(request);
  ASSERT_EQ(response.hits.size(), 2u);
  EXPECT_EQ(response.hits[0].id, "together");
  EXPECT_GT(response.hits[0].score, response.hits[1].score * 1.2);
}

TEST(SearchFieldWeights, AFieldOfWeightZeroIsNotSearchedUnlessEveryFieldIs) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  testing::index_documents(
      index, {testing::make_document("gout", "What causes gout?", "Uric acid crystals in a joint."),
              testing::make_document("lupus", "What is lupus?",
                                     "An autoimmune disease; gout it is not.")});
  auto ids = [&index](double question, double answer) {
    SearcherOptions options;
    options.index_dirs = {index};
    options.ranking.weights.question = question;
    options.ranking.weights.answer = answer;
    options.ranking.weights.name_match = 0;
    Searcher searcher(options);
    SearchRequest request;
    request.query = "gout";
    std::vector<std::string> found;
    for (const SearchHit& hit : searcher.search(request).hits) found.push_back(hit.id);
    std::sort(found.begin(), found.end());
    return found;
  };
  EXPECT_EQ(ids(2, 1), (std::vector<std::string>{"gout", "lupus"}));
  EXPECT_EQ(ids(0, 1), std::vector<std::string>{"lupus"}) << "only answers are searched";
  EXPECT_EQ(ids(1, 0), std::vector<std::string>{"gout"}) << "only questions are searched";
  EXPECT_EQ(ids(0, 0), (std::vector<std::string>{"gout", "lupus"})) << "all fields, unscored";
}

TEST(SearchDuplicates, AnswersRepeatedWordForWordAreShownOnce) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  testing::index_documents(
      index,
      {testing::make_document("first", "What is gout? (first)", "Gout is a form of arthritis."),
       testing::make_document("second", "What is gout? (second)", "Gout  is a form of\nARTHRITIS."),
       testing::make_document("third", "How is gout treated?", "Gout is treated with medicines.")});
  SearcherOptions options;
  options.index_dirs = {index};
  Searcher searcher(options);
  SearchRequest request;
  request.query = "gout";
  SearchResponse collapsed = searcher.search(request);
  EXPECT_EQ(collapsed.hits.size(), 2u);
  request.collapse_duplicates = false;
  EXPECT_EQ(searcher.search(request).hits.size(), 3u);
}

// Regression (found by tests/fuzz/http_fuzzer): the spelling and synonym tables were read
// from a second database that was never reopened, so once commits had overtaken it, every
// search with a word the index did not know (and every completion) failed with "the index kept
// changing during the search" (a 503 from the HTTP service) until the server restarted.
TEST(SearchWhileIndexing, SpellingAndCompletionSurviveCommitsMadeWhileTheSearcherIsOpen) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  // Enough distinct words that the spelling table spans many blocks, which commits rewrite.
  auto batch = [](int n) {
    std::vector<AnswerDocument> documents;
    for (int i = 0; i < 200; ++i) {
      std::string word = "w" + std::to_string(n) + "x" + std::to_string(i) + "zq";
      documents.push_back(testing::make_document(word, "What is " + word + " gout?",
                                                 "Gout and " + word + " are forms of arthritis."));
    }
    return documents;
  };
  testing::index_documents(index, batch(0));
  SearcherOptions options;
  options.index_dirs = {index};
  Searcher searcher(options);
  SearchRequest request;
  request.query = "goutt";  // unknown: looked up in the spelling table
  ASSERT_EQ(searcher.search(request).suggestion, "gout");
  for (int n = 1; n <= 4; ++n) testing::index_documents(index, batch(n));
  SearchResponse response;
  ASSERT_NO_THROW(response = searcher.search(request));
  EXPECT_EQ(response.suggestion, "gout");
  EXPECT_EQ(response.total, 1000u);
  EXPECT_NO_THROW(searcher.complete("w4x1", 5));
}

TEST(SearcherOpen, AnIndexOfAnotherSchemaVersionIsRefusedNotSearchedEmpty) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  testing::index_documents(
      index, {testing::make_document("old", "What is gout?", "Gout is a kind of arthritis.")});
  {
    Xapian::WritableDatabase db(index, Xapian::DB_OPEN);
    db.set_metadata(schema::kSchemaVersionKey, "1");  // as an hqa before "Z" stems wrote it
    db.commit();
  }
  SearcherOptions options;
  options.index_dirs = {index};
  try {
    Searcher searcher(options);
    FAIL() << "an index of schema version 1 was opened";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 1"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("rebuild"), std::string::npos) << e.what();
  }
}

TEST_F(SearchTest, DocumentAndQueryAnalysisGiveTheSameTerms) {
  // The same text indexed as a question and searched in the question field yields the same
  // terms, less the stopwords a ranked query leaves out.
  const std::string text =
      "Is Non-Hodgkin's lymphoma (NHL) or COVID-19 treated with 5mg of a β-blocker after an "
      "x-ray in Ménière's disease?";
  testing::TempDir dir;
  {
    IndexWriter writer({(dir.path() / "index").string(), 10, {}});
    AnswerDocument doc;
    doc.id = "parity";
    doc.question = text;
    doc.answer = "unused";
    writer.add(doc);
  }
  Xapian::Database db((dir.path() / "index").string());
  // Question terms, less their field marks: "ZXQ" + stem, or "XQ" + acronym term.
  const std::string stems = schema::field_term(schema::kQuestionPrefix, "");
  const std::string acronyms(schema::kQuestionPrefix);
  auto question_part = [&](const std::string& term) -> std::optional<std::string> {
    if (term.rfind(stems, 0) == 0) return term.substr(stems.size());
    if (term.rfind(acronyms, 0) == 0) return term.substr(acronyms.size());
    return std::nullopt;
  };
  std::set<std::string> indexed;
  for (const std::string& prefix : {stems, acronyms}) {
    for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
      indexed.insert(*question_part(*term));
    }
  }
  Analyzer analyzer;
  Xapian::Query query = build_query(parse_query("question:\"" + text + "\""), analyzer, {}).query;
  std::set<std::string> phrase_terms;
  for (auto term = query.get_terms_begin(); term != query.get_terms_end(); ++term) {
    if (auto part = question_part(*term)) phrase_terms.insert(*part);
  }
  Xapian::Query ranked = build_query(parse_query(text), analyzer, {}).query;
  std::set<std::string> ranked_terms;
  for (auto term = ranked.get_terms_begin(); term != ranked.get_terms_end(); ++term) {
    if (auto part = question_part(*term)) ranked_terms.insert(*part);
  }
  // The phrase is every word; the ranked query every non-stopword plus joined forms and
  // acronyms. Together they are what was indexed, but for the acronym inside a hyphenated
  // group ("COVID" of "COVID-19"), which the query reaches through the group's joined form
  // and phrase rather than alone.
  std::set<std::string> both = phrase_terms;
  both.insert(ranked_terms.begin(), ranked_terms.end());
  for (const std::string& term : both) EXPECT_TRUE(indexed.count(term)) << term;
  std::set<std::string> only_indexed;
  for (const std::string& term : indexed) {
    if (!both.count(term)) only_indexed.insert(term);
  }
  EXPECT_EQ(only_indexed, std::set<std::string>{"_covid"});
  EXPECT_TRUE(indexed.count("_nhl"));
  EXPECT_TRUE(indexed.count("covid19"));
  EXPECT_TRUE(indexed.count("menier"));
}

}  // namespace
}  // namespace hqa
