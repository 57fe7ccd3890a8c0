// Synonym groups: keys, acronyms, the shipped lists, and expansion in searches when enabled.
#include "schema/synonyms.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "schema/terms.h"
#include "searcher/searcher.h"
#include "tests/test_support.h"

namespace hqa {
namespace {

bool contains(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

TEST(SynonymTable, GroupsAreKeyedByStemmedNameKeys) {
  Analyzer analyzer;
  SynonymTable table;
  table.add_groups("# comment\nheart attack | myocardial infarction | MI\n\nflu | influenza\n",
                   analyzer);
  EXPECT_EQ(schema::name_key(analyzer, "Heart attacks"), "heart attack");
  const auto& heart = table.expansions(schema::name_key(analyzer, "heart attacks"));
  EXPECT_TRUE(contains(heart, schema::name_key(analyzer, "myocardial infarction")));
  EXPECT_TRUE(contains(heart, "mi"));
  EXPECT_TRUE(contains(table.expansions("influenza"), "flu"));
  EXPECT_TRUE(table.expansions("nothing").empty());
}

TEST(SynonymTable, AStopwordAcronymIsKeyedAsAnAcronym) {
  Analyzer analyzer;
  SynonymTable table;
  table.add_groups("acute lymphocytic leukemia | ALL\n", analyzer);
  EXPECT_EQ(schema::name_key(analyzer, "ALL"), "_all");
  EXPECT_EQ(schema::name_key(analyzer, "all"), "all");
  EXPECT_TRUE(table.expansions("all").empty());
  EXPECT_EQ(table.expansions("_all").size(), 1u);
}

TEST(SynonymTable, TheShippedListsHoldLayAndClinicalNames) {
  Analyzer analyzer;
  SynonymTable table = SynonymTable::from_directory(shipped_synonyms_dir(), analyzer);
  EXPECT_GT(table.size(), 1000u);
  EXPECT_TRUE(
      contains(table.expansions(schema::name_key(analyzer, "high blood pressure")), "hypertens"));
  EXPECT_TRUE(contains(table.expansions(schema::name_key(analyzer, "heart attack")),
                       schema::name_key(analyzer, "myocardial infarction")));
}

TEST(SynonymExpansion, FindsTheClinicalNameForALayQueryWhenEnabled) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  testing::index_documents(
      index, {testing::make_document(
                  "mi", "What is a myocardial infarction?",
                  "A myocardial infarction happens when blood flow to the heart muscle stops."),
              testing::make_document("other", "What is a panic attack?",
                                     "A panic attack is a sudden episode of intense fear.")});
  SearcherOptions options;
  options.index_dirs = {index};
  options.ranking.weights.synonym = 0.5;
  Searcher searcher(options);
  SearchRequest request;
  request.query = "heart attack";
  SearchResponse response = searcher.search(request);
  ASSERT_FALSE(response.hits.empty());
  EXPECT_EQ(response.hits[0].id, "mi");
  EXPECT_NE(response.hits[0].snippet.find("<mark>myocardial infarction</mark>"), std::string::npos)
      << response.hits[0].snippet;
}

// Regression: synonyms were OR-ed on after exclusions and filters, and so escaped them.
TEST(SynonymExpansion, ExclusionsAndFiltersStillApply) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  AnswerDocument treated = testing::make_document("treated", "How is hypertension treated?",
                                                  "Hypertension is treated with medicines.");
  treated.question_type = "treatment";
  AnswerDocument symptoms =
      testing::make_document("symptoms", "What are the symptoms of high blood pressure?",
                             "High blood pressure often has no symptoms.");
  symptoms.question_type = "symptoms";
  testing::index_documents(index, {treated, symptoms});
  SearcherOptions options;
  options.index_dirs = {index};
  options.ranking.weights.synonym = 0.5;
  Searcher searcher(options);
  SearchRequest request;
  request.query = "high blood pressure -hypertension";
  for (const SearchHit& hit : searcher.search(request).hits) EXPECT_NE(hit.id, "treated");
  request.query = "high blood pressure type:symptoms";
  for (const SearchHit& hit : searcher.search(request).hits) EXPECT_EQ(hit.id, "symptoms");
}

TEST(SynonymExpansion, UsesTheOtherNamesDocumentsCarry) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  AnswerDocument doc = testing::make_document(
      "aarskog", "What is Aarskog-Scott syndrome?",
      "A genetic disorder that affects the development of many parts of the body.");
  doc.condition = "Aarskog-Scott syndrome";
  doc.other_names = {"Faciogenital dysplasia"};
  testing::index_documents(index, {doc});
  SearcherOptions options;
  options.index_dirs = {index};
  options.ranking.weights.synonym = 0.5;
  // A field of weight 0 is not searched: not the condition's names, where the dysplasia is
  // indexed, so only the expansion to the question's "Aarskog-Scott syndrome" can find it.
  options.ranking.weights.condition = 0;
  options.ranking.weights.name_match = 0;
  Searcher searcher(options);
  SearchRequest request;
  request.query = "aarskog scott syndrome";
  ASSERT_FALSE(searcher.search(request).hits.empty());
  request.query = "faciogenital dysplasia";
  SearchResponse response = searcher.search(request);
  ASSERT_FALSE(response.hits.empty());
  EXPECT_EQ(response.hits[0].id, "aarskog");
}

TEST(ConditionNames, ADocumentIsFoundByAnOtherNameAndExcludedByAWordOfItsCondition) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  AnswerDocument aarskog = testing::make_document(
      "aarskog", "What is Aarskog-Scott syndrome?",
      "A genetic disorder that affects the development of many parts of the body.");
  aarskog.condition = "Aarskog-Scott syndrome";
  aarskog.other_names = {"Faciogenital dysplasia"};
  AnswerDocument noonan =
      testing::make_document("noonan", "What is Noonan syndrome?",
                             "A genetic disorder that affects many parts of the body.");
  testing::index_documents(index, {aarskog, noonan});
  SearcherOptions options;
  options.index_dirs = {index};  // defaults: the condition's words weigh 0, the name bonus 1
  Searcher searcher(options);
  SearchRequest request;
  // Only the condition field holds the other name: the whole name finds the document.
  request.query = "faciogenital dysplasia";
  SearchResponse response = searcher.search(request);
  ASSERT_EQ(response.hits.size(), 1u);
  EXPECT_EQ(response.hits[0].id, "aarskog");
  // Exclusions look in every field, weighted or not.
  request.query = "genetic disorder -faciogenital";
  response = searcher.search(request);
  ASSERT_EQ(response.hits.size(), 1u);
  EXPECT_EQ(response.hits[0].id, "noonan");
  request.query = "+dysplasia genetic";
  response = searcher.search(request);
  ASSERT_EQ(response.hits.size(), 1u);
  EXPECT_EQ(response.hits[0].id, "aarskog");
}

}  // namespace
}  // namespace hqa
