// Snippets: passage choice, word-boundary cuts, highlighting of every matched form, escaping.
#include "searcher/snippet.h"

#include <gtest/gtest.h>

#include "searcher/query_builder.h"
#include "searcher/query_parser.h"
#include "searcher/snippet_region.h"

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

namespace hqa {
namespace {

// A long answer of filler sentences with `first` early and `second` late in it.
std::string long_answer(const std::string& first, const std::string& second) {
  std::string text;
  const std::string filler = "Doctors look at the history and the examination of each patient. ";
  for (int i = 0; i < 50; ++i) {
    if (i == 2) text += "It is said that " + first + " spreads in families. ";
    if (i == 45) text += "Some call it " + second + " in the spring. ";
    text += filler;
  }
  return text;
}

class SnippetRegionTest : public SnippetTest {};

TEST_F(SnippetRegionTest, WordsFarApartGiveTwoRegionsAndTwoMarkedPassages) {
  const std::string text = long_answer("measles", "contagious");
  ASSERT_GT(text.size(), 3000u);
  SnippetRegions regions = snippet_regions(text, terms_for("measles contagious"), 36);
  ASSERT_EQ(regions.regions.size(), 2u);
  const size_t measles = text.find("measles"), contagious = text.find("contagious");
  EXPECT_LE(regions.regions[0].begin, measles);
  EXPECT_GT(regions.regions[0].end, measles);
  EXPECT_LE(regions.regions[1].begin, contagious);
  EXPECT_GT(regions.regions[1].end, contagious);
  // Together they are a small part of the answer: that is what the scan saves.
  EXPECT_LT(regions.regions[0].end - regions.regions[0].begin + regions.regions[1].end -
                regions.regions[1].begin,
            text.size() / 3);
  EXPECT_EQ(regions.hits.size(), 2u);

  const std::string shown = snippet(text, "measles contagious", 36);
  EXPECT_NE(shown.find("<mark>measles</mark>"), std::string::npos) << shown;
  EXPECT_NE(shown.find("<mark>contagious</mark>"), std::string::npos) << shown;
  // Two passages, with the text left out between them said.
  EXPECT_LT(shown.find("\u2026", shown.find("measles")), shown.find("contagious")) << shown;
}

TEST_F(SnippetRegionTest, WordsCloseTogetherGiveOneRegionAndShortAnswersAreWhole) {
  const std::string text = long_answer("measles", "measles");
  SnippetRegions near = snippet_regions(text, terms_for("measles spreads"), 36);
  ASSERT_EQ(near.regions.size(), 1u);
  EXPECT_FALSE(near.whole(text));
  const std::string short_text = "Measles spreads in families.";
  EXPECT_TRUE(snippet_regions(short_text, terms_for("measles"), 36).whole(short_text));
  EXPECT_TRUE(snippet_regions(text, terms_for("tuberculosis"), 36).whole(text))
      << "a word the scan cannot find: the analysis decides on the whole text";
}

TEST_F(SnippetRegionTest, AScanMisledByAnotherWordFallsBackToTheWholeText) {
  // "diet" is probed as "die", which "died" starts with; the analysis marks no "died" for
  // "diet", so the whole answer decides, and its one "diet" near the end is shown.
  std::string text = long_answer("measles", "measles");
  text.replace(text.find("Doctors"), 7, "Some died");
  text += "A diet helps.";
  const std::string shown = snippet(text, "diet", 12);
  EXPECT_NE(shown.find("<mark>diet</mark>"), std::string::npos) << shown;
}

}  // namespace
}  // namespace hqa
