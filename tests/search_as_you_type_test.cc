// Search as you type: the last word of a query typed into a search box is unfinished, so it is
// searched as the start of words and never "corrected" to another word; completed words are
// searched and corrected as before; completion gives one suggestion per folded form, in the
// context of the words typed before the last.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "indexer/indexing_job.h"
#include "searcher/searcher.h"
#include "tests/test_support.h"

namespace hqa {
namespace {

// The bundled corpus: two diabetes pages, and no word "diab".
class SearchAsYouTypeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    IndexJobOptions job;
    job.index_dir = (dir_->path() / "index").string();
    job.inputs = {testing::corpus_dir().string()};
    ASSERT_EQ(run_index_job(job).rejected, 0u);
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
  SearchResponse typed(const std::string& query, bool prefix = true) {
    SearchRequest request;
    request.query = query;
    request.last_word_is_prefix = prefix;
    return searcher_->search(request);
  }
  static std::vector<std::string> ids(const SearchResponse& response) {
    std::vector<std::string> out;
    for (const SearchHit& hit : response.hits) out.push_back(hit.id);
    return out;
  }

  static testing::TempDir* dir_;
  std::unique_ptr<Searcher> searcher_;
};

testing::TempDir* SearchAsYouTypeTest::dir_ = nullptr;

TEST_F(SearchAsYouTypeTest, AnUnfinishedLastWordFindsTheWordsItStartsAndIsNotCorrected) {
  SearchResponse response = typed("diab");
  EXPECT_TRUE(response.suggestion.empty()) << response.suggestion;
  ASSERT_GE(response.hits.size(), 2u);
  std::vector<std::string> top = {response.hits[0].id, response.hits[1].id};
  std::sort(top.begin(), top.end());
  EXPECT_EQ(top, (std::vector<std::string>{"003_type-1-diabetes-symptoms",
                                           "030_type-2-diabetes-prevented"}));
  // The completed word is marked, in the question and the snippet.
  EXPECT_NE(response.hits[0].question.find("<mark>diabetes</mark>"), std::string::npos)
      << response.hits[0].question;
  EXPECT_NE(response.hits[0].snippet.find("<mark>"), std::string::npos);
}

TEST_F(SearchAsYouTypeTest, TheSameWordCompletedOrSubmittedIsSearchedAsBefore) {
  // Not a word of the index: as a complete query it matches nothing by itself.
  SearchResponse complete = typed("diab", false);
  for (const SearchHit& hit : complete.hits) {
    EXPECT_EQ(hit.question.find("<mark>diabetes</mark>"), std::string::npos) << hit.id;
  }
  SearchResponse spaced = typed("diab ");
  EXPECT_EQ(ids(spaced), ids(complete));
}

TEST_F(SearchAsYouTypeTest, EarlierWordsAreCorrectedButNotTheOneBeingTyped) {
  SearchResponse response = typed("is meesles contag");
  ASSERT_FALSE(response.hits.empty());
  EXPECT_EQ(response.hits[0].id, "008_measles-contagious");
  EXPECT_EQ(response.suggestion, "is measles contag");
  SearchResponse unfinished = typed("is measles contag");
  ASSERT_FALSE(unfinished.hits.empty());
  EXPECT_EQ(unfinished.hits[0].id, "008_measles-contagious");
  EXPECT_TRUE(unfinished.suggestion.empty()) << unfinished.suggestion;
}

TEST_F(SearchAsYouTypeTest, LettersTypedPastAStemStillFindTheWord) {
  // "diabetes" and "diabetic" are both stored as the stem "diabet", which "diabeti" has passed.
  for (const char* typed_so_far : {"diabe", "diabet", "diabeti", "diabetes"}) {
    SearchResponse response = typed(typed_so_far);
    ASSERT_GE(response.hits.size(), 2u) << typed_so_far;
    EXPECT_NE(response.hits[0].id.find("diabetes"), std::string::npos) << typed_so_far;
  }
}

TEST_F(SearchAsYouTypeTest, AnAcronymTypedLastIsSearchedAsTheAcronym) {
  SearchResponse response = typed("how is COPD");
  ASSERT_FALSE(response.hits.empty());
  EXPECT_EQ(response.hits[0].id, "023_copd-treated");
  EXPECT_NE(response.hits[0].question.find("<mark>COPD</mark>"), std::string::npos);
}

TEST_F(SearchAsYouTypeTest, AWordFollowedByAnOperatorOrASignIsFinished) {
  EXPECT_EQ(ids(typed("measles AND")), ids(typed("measles ", false)));
  EXPECT_EQ(ids(typed("measles -")), ids(typed("measles ", false)));
}

TEST_F(SearchAsYouTypeTest, PhrasesPrefixesAndExactFieldsAreNotOpen) {
  // A closed phrase, an explicit prefix and a source are typed in full.
  EXPECT_EQ(ids(typed("\"type 1 diabetes\"")), ids(typed("\"type 1 diabetes\"", false)));
  EXPECT_EQ(ids(typed("diab*")), ids(typed("diab*", false)));
  EXPECT_EQ(ids(typed("diabetes source:pag")), ids(typed("diabetes source:pag", false)));
}

TEST_F(SearchAsYouTypeTest, ShortHostileAndStopwordPrefixesGetABoundedSearchOrANote) {
  for (const char* query : {"d", "di", "*", "th", "the", "is the", "a-", "x-ra", "--", "\"diab"}) {
    SearchResponse response = typed(query);
    EXPECT_TRUE(response.suggestion.empty()) << query;
    EXPECT_LE(response.hits.size(), 10u) << query;
  }
  SearchResponse short_word = typed("di");
  ASSERT_FALSE(short_word.notes.empty());
  EXPECT_NE(short_word.notes[0].find("too short"), std::string::npos) << short_word.notes[0];
  // A stopword being typed completes to words that are not stopwords.
  for (const SearchHit& hit : typed("the").hits) {
    EXPECT_EQ(hit.snippet.find("<mark>the</mark>"), std::string::npos) << hit.snippet;
  }
  std::string long_word(1000, 'a');
  SearchResponse response = typed("diabetes " + long_word);
  EXPECT_FALSE(response.hits.empty());
  std::string many_bytes(1000, 'z');
  EXPECT_NO_THROW(typed("z" + many_bytes));
}

// Completion: one suggestion per folded form, and the last word in the context of the others.
class CompletionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<AnswerDocument> docs;
    auto add = [&docs](const std::string& id, const std::string& question,
                       const std::string& condition) {
      docs.push_back(testing::make_document(id, question, "An answer about " + question));
      docs.back().condition = condition;
    };
    add("t1", "What is Type 2 diabetes?", "Type 2 diabetes");
    add("t2", "How is type 2 diabetes treated?", "type 2 diabetes");
    add("t3", "Is TYPE 2 DIABETES hereditary?", "TYPE 2 DIABETES");
    // "diabetic" is the more frequent word, but never beside "type".
    for (int i = 0; i < 6; ++i) {
      add("d" + std::to_string(i), "What is diabetic neuropathy number " + std::to_string(i) + "?",
          "Diabetic neuropathy");
    }
    add("k1", "Can a kidney stone pass with type 2 diabetes?", "Kidney stones");
    // Only the answers say "contagious"; one also glues it to the next word, as bad sources do.
    for (int i = 0; i < 6; ++i) {
      docs.push_back(testing::make_document("f" + std::to_string(i),
                                            "How does flu spread, case " + std::to_string(i) + "?",
                                            "Flu is contagious for days " + std::to_string(i) +
                                                (i == 0 ? " and contagiousfor" : "")));
    }
    testing::index_documents((dir_.path() / "index").string(), docs);
    SearcherOptions options;
    options.index_dirs = {(dir_.path() / "index").string()};
    searcher_ = std::make_unique<Searcher>(options);
  }
  testing::TempDir dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(CompletionTest, OneSuggestionPerFoldedFormNamesFirst) {
  std::vector<std::string> suggestions = searcher_->complete("type 2 diab", 10);
  ASSERT_FALSE(suggestions.empty());
  EXPECT_EQ(suggestions[0].substr(0, 6) == "Type 2" || suggestions[0].substr(0, 6) == "type 2" ||
                suggestions[0].substr(0, 6) == "TYPE 2",
            true)
      << suggestions[0];
  size_t type_2_diabetes = 0;
  for (const std::string& suggestion : suggestions) {
    type_2_diabetes += fold_text(suggestion) == "type 2 diabetes" ? 1 : 0;
  }
  EXPECT_EQ(type_2_diabetes, 1u);
}

TEST_F(CompletionTest, WordsOnlyAnswersWriteAreSuggestedInContext) {
  std::vector<std::string> suggestions = searcher_->complete("does flu contag", 5);
  EXPECT_EQ(suggestions, std::vector<std::string>{"does flu contagious"});
}

TEST_F(CompletionTest, SpacesTypedDoNotMakeAnotherSuggestion) {
  for (const char* typed : {" type 2 diab", "type  2 diab", "type 2  diab"}) {
    std::vector<std::string> suggestions = searcher_->complete(typed, 10);
    ASSERT_FALSE(suggestions.empty()) << typed;
    size_t type_2_diabetes = 0;
    for (const std::string& suggestion : suggestions) {
      type_2_diabetes += fold_text(suggestion) == "type 2 diabetes" ? 1 : 0;
    }
    EXPECT_EQ(type_2_diabetes, 1u) << typed;
  }
}

TEST_F(CompletionTest, TheLastWordIsCompletedInTheContextOfTheEarlierWords) {
  // No name starts with "kidney stone wi", so the words show: "with" goes with "kidney stone".
  std::vector<std::string> alone = searcher_->complete("diab", 10);
  ASSERT_FALSE(alone.empty());
  EXPECT_EQ(alone[0], "Diabetic neuropathy");  // the most frequent name first
  std::vector<std::string> after_type = searcher_->complete("is type 2 diab", 10);
  ASSERT_FALSE(after_type.empty());
  EXPECT_EQ(after_type[0], "is type 2 diabetes");
  std::vector<std::string> after_what = searcher_->complete("what is diab", 10);
  ASSERT_FALSE(after_what.empty());
  EXPECT_EQ(after_what[0], "what is diabetic");
}

}  // namespace
}  // namespace hqa
