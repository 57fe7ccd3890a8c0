// Snippets: passage choice, word-boundary cuts, highlighting of every matched form, escaping.
#include "searcher/snippet.h"

#include <gtest/gtest.h>

#include "searcher/query_builder.h"
#include "searcher/query_parser.h"

namespace hqa {
namespace {

class SnippetTest : public ::testing::Test {
 protected:
  HighlightTerms terms_for(const std::string& query) {
    return build_query(parse_query(query), analyzer_, {}).highlight;
  }
  std::string snippet(const std::string& text, const std::string& query, size_t words = 12) {
    SnippetOptions options;
    options.words = words;
    return make_snippet(text, terms_for(query), analyzer_, options);
  }
  Analyzer analyzer_;
};

TEST_F(SnippetTest, MarksStemmedVariantsOfQueryWords) {
  EXPECT_EQ(snippet("The condition is inherited from parents.", "inheritance", 20),
            "The condition is <mark>inherited</mark> from parents.");
}

TEST_F(SnippetTest, MarksAccentedAndPossessiveFormsOfAFoldedQuery) {
  EXPECT_EQ(snippet("Symptoms of Ménière's disease vary.", "menieres", 20),
            "Symptoms of <mark>Ménière&#39;s</mark> disease vary.");
}

TEST_F(SnippetTest, MarksAcronymsOnlyWhereWrittenAsAcronyms) {
  EXPECT_EQ(snippet("Not all leukemia is ALL.", "ALL", 20),
            "Not all leukemia is <mark>ALL</mark>.");
}

TEST_F(SnippetTest, MarksHyphenatedFormsForAClosedUpQuery) {
  EXPECT_EQ(snippet("A chest x-ray was taken.", "xray", 20),
            "A chest <mark>x-ray</mark> was taken.");
  EXPECT_EQ(snippet("A chest xray was taken.", "x-ray", 20),
            "A chest <mark>xray</mark> was taken.");
}

TEST_F(SnippetTest, MarksPhrasesOnlyWhereTheWholePhraseOccurs) {
  EXPECT_EQ(
      snippet("High blood sugar and high pressure; blood pressure too.", "\"blood pressure\"", 20),
      "High blood sugar and high pressure; <mark>blood pressure</mark> too.");
}

TEST_F(SnippetTest, EscapesDocumentTextBeforeMarking) {
  std::string out = snippet("<script>alert('x')</script> leukemia & \"more\"", "leukemia", 20);
  EXPECT_EQ(out.find("<script>"), std::string::npos);
  EXPECT_NE(out.find("&lt;script&gt;"), std::string::npos);
  EXPECT_NE(out.find("<mark>leukemia</mark> &amp; &quot;more&quot;"), std::string::npos);
}

TEST_F(SnippetTest, CutsAtWordBoundariesWithEllipses) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += "filler" + std::to_string(i) + " ";
  text += "the gout attack began ";
  for (int i = 0; i < 50; ++i) text += "tail" + std::to_string(i) + " ";
  std::string out = snippet(text, "gout", 10);
  EXPECT_EQ(out.rfind("\u2026", 0), 0u) << out;  // starts with an ellipsis
  EXPECT_NE(out.find("<mark>gout</mark>"), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 3), "\u2026");
  // Every word shown is whole.
  EXPECT_EQ(out.find("filler4 "), std::string::npos);
  EXPECT_NE(out.find("\u2026filler48 filler49 the <mark>gout</mark>"), std::string::npos) << out;
}

TEST_F(SnippetTest, ShowsTwoPassagesWhenTheQueryWordsAreFarApart) {
  std::string text = "Gout is painful. ";
  for (int i = 0; i < 60; ++i) text += "filler" + std::to_string(i) + " ";
  text += "Cherries may help.";
  std::string out = snippet(text, "gout cherries", 12);
  EXPECT_NE(out.find("<mark>Gout</mark>"), std::string::npos) << out;
  EXPECT_NE(out.find("<mark>Cherries</mark>"), std::string::npos) << out;
  EXPECT_NE(out.find(" \u2026"), std::string::npos) << out;
}

TEST_F(SnippetTest, LongAnswersMarkTheQueryWordsEvenWhereAScanWouldBeMisled) {
  // Over 512 bytes, a scan picks the region to analyse: "died" starts like the stem "diet", and
  // "Ménière" is written with accents. The snippet still shows the words themselves.
  std::string text = "Patients who died early were excluded. ";
  for (int i = 0; i < 40; ++i) text += "filler" + std::to_string(i) + " ";
  text += "A low-salt diet helps with Ménière disease. ";
  for (int i = 40; i < 80; ++i) text += "filler" + std::to_string(i) + " ";
  std::string out = snippet(text, "diet", 12);
  EXPECT_NE(out.find("<mark>diet</mark>"), std::string::npos) << out;
  out = snippet(text, "meniere", 12);
  EXPECT_NE(out.find("<mark>Ménière</mark>"), std::string::npos) << out;
}

TEST_F(SnippetTest, StartsAtTheBeginningWhenNothingMatches) {
  EXPECT_EQ(snippet("One two three four five six", "absent", 3), "One two three\u2026");
}

TEST_F(SnippetTest, EmptyTextGivesAnEmptySnippet) { EXPECT_EQ(snippet("", "gout"), ""); }

TEST_F(SnippetTest, HighlightAllMarksAWholeTitle) {
  EXPECT_EQ(highlight_all("Is Acute lymphocytic leukemia (ALL) hereditary?",
                          terms_for("ALL hereditary"), analyzer_),
            "Is Acute lymphocytic leukemia (<mark>ALL</mark>) <mark>hereditary</mark>?");
}

}  // namespace
}  // namespace hqa
