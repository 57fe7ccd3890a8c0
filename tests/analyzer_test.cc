// Golden tables for the analyzer: the rules analysis/analyzer.h states, on health strings.
#include "analysis/analyzer.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <string>
#include <vector>

namespace hqa {
namespace {

// Tokens as "term" for words, "+term" for joined forms, "term!" for acronyms, in order.
std::string render_terms(const Analyzer& analyzer, const std::string& text) {
  std::string out;
  for (const Token& token : analyzer.analyze(text)) {
    if (!out.empty()) out += ' ';
    if (token.kind == Token::Kind::kJoined) out += '+';
    out += token.term;
    if (token.acronym) out += '!';
  }
  return out;
}

std::string render_stems(const Analyzer& analyzer, const std::string& text) {
  std::string out;
  for (const Token& token : analyzer.analyze(text)) {
    if (!out.empty()) out += ' ';
    out += token.stem;
  }
  return out;
}

struct Golden {
  const char* text;
  const char* terms;
};

TEST(Analyzer, HealthTokensFollowTheDocumentedRules) {
  const Golden kTable[] = {
      {"COVID-19", "+covid19 covid! 19"},
      {"5mg", "+5mg 5 mg"},
      {"2.5mg tablets", "+2.5mg 2.5 mg tablets"},
      {"20 mg", "20 mg"},
      {"Type 2 diabetes", "type 2 diabetes"},
      {"x-ray", "+xray x ray"},
      {"chest X-ray", "chest +xray x ray"},
      {"non-Hodgkin's lymphoma", "+nonhodgkin non hodgkin lymphoma"},
      {"β-blocker", "+betablocker beta blocker"},
      {"α-thalassemia", "+alphathalassemia alpha thalassemia"},
      {"HbA1c", "hba1c"},
      {"vitamin B12", "vitamin b12"},
      {"Down's syndrome", "down syndrome"},
      {"Down’s syndrome", "down syndrome"},
      {"Ménière's disease", "meniere disease"},
      {"MÉNIÈRE syndrome", "meniere! syndrome"},  // capitals make an acronym term too
      {"naïve café", "naive cafe"},
      {"Straße", "strasse"},
      {"ＣＯＶＩＤ", "covid!"},
      {"Acute lymphocytic leukemia (ALL)", "acute lymphocytic leukemia all!"},
      {"is all cancer hereditary", "is all cancer hereditary"},
      {"HIV/AIDS", "hiv! aids!"},
      {"BRCA1 gene", "brca1! gene"},
      {"don't", "dont"},
      {"parents' genes", "parents genes"},
      {"", ""},
      {"  ... !!! ", ""},
  };
  Analyzer analyzer;
  for (const Golden& row : kTable) {
    EXPECT_EQ(render_terms(analyzer, row.text), row.terms) << "text: " << row.text;
  }
}

TEST(Analyzer, ThreeCapitalisedWordsInARowAreShoutingNotAcronyms) {
  Analyzer analyzer;
  EXPECT_EQ(render_terms(analyzer, "IS ALL CANCER HEREDITARY"), "is all cancer hereditary");
  EXPECT_EQ(render_terms(analyzer, "ALL and AML"), "all! and aml!");
  EXPECT_EQ(render_terms(analyzer, "COPD HIV"), "copd! hiv!");
}

TEST(Analyzer, SingleCapitalLettersAreNotAcronyms) {
  Analyzer analyzer;
  EXPECT_EQ(render_terms(analyzer, "I have A fever"), "i have a fever");
}

TEST(Analyzer, StemsWithSnowballEnglishByDefault) {
  Analyzer analyzer;
  EXPECT_EQ(render_stems(analyzer, "Type 2 diabetes treatments"), "type 2 diabet treatment");
  EXPECT_EQ(render_stems(analyzer, "inherited hereditary"), "inherit hereditari");
  EXPECT_EQ(render_stems(analyzer, "β-blockers"), "betablock beta blocker");
}

TEST(Analyzer, NoneLanguageKeepsFoldedTerms) {
  Analyzer analyzer({"none"});
  EXPECT_EQ(render_stems(analyzer, "Treatments Diabetes"), "treatments diabetes");
}

TEST(Analyzer, UnknownLanguageIsRejected) {
  EXPECT_THROW(Analyzer({"klingon"}), std::invalid_argument);
}

TEST(Analyzer, VariantSpellingsOfTheSameThingMeet) {
  Analyzer analyzer;
  auto stems_of = [&analyzer](const std::string& text) {
    std::vector<std::string> stems;
    for (const Token& token : analyzer.analyze(text)) stems.push_back(token.stem);
    return stems;
  };
  auto contains = [](const std::vector<std::string>& stems, const std::string& stem) {
    return std::find(stems.begin(), stems.end(), stem) != stems.end();
  };
  // The joined form of the hyphenated spelling is what the closed-up spelling indexes as.
  EXPECT_TRUE(contains(stems_of("x-ray"), stems_of("xray")[0]));
  EXPECT_TRUE(contains(stems_of("COVID-19"), stems_of("covid19")[0]));
  EXPECT_TRUE(contains(stems_of("5 mg"), "mg"));
  EXPECT_TRUE(contains(stems_of("5mg"), "mg"));
  EXPECT_EQ(stems_of("Down's syndrome"), stems_of("Down syndrome"));
  EXPECT_EQ(stems_of("Ménière's"), stems_of("menieres"));
  EXPECT_EQ(stems_of("β-blocker"), stems_of("beta-blocker"));
}

TEST(Analyzer, PositionsCountWordsAndJoinedFormsShareTheFirstPartsPosition) {
  Analyzer analyzer;
  std::vector<Token> tokens = analyzer.analyze("a chest x-ray today", 10);
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[0].position, 10u);  // a
  EXPECT_EQ(tokens[1].position, 11u);  // chest
  EXPECT_EQ(tokens[2].term, "xray");
  EXPECT_EQ(tokens[2].position, 12u);
  EXPECT_EQ(tokens[3].position, 12u);  // x
  EXPECT_EQ(tokens[4].position, 13u);  // ray
  EXPECT_EQ(tokens[5].position, 14u);  // today
}

TEST(Analyzer, ByteOffsetsPointAtTheOriginalText) {
  Analyzer analyzer;
  const std::string text = "Ménière's disease, β-blocker";
  for (const Token& token : analyzer.analyze(text)) {
    ASSERT_LE(token.begin, token.end);
    ASSERT_LE(token.end, text.size());
  }
  std::vector<Token> tokens = analyzer.analyze(text);
  EXPECT_EQ(text.substr(tokens[0].begin, tokens[0].end - tokens[0].begin), "Ménière's");
  EXPECT_EQ(text.substr(tokens[1].begin, tokens[1].end - tokens[1].begin), "disease");
  EXPECT_EQ(text.substr(tokens[2].begin, tokens[2].end - tokens[2].begin), "β-blocker");
}

TEST(Analyzer, InvalidUtf8NeverThrowsAndKeepsOffsetsInRange) {
  Analyzer analyzer;
  const std::string text = "caf\xC3 \xFF\xFE leukemia \xE2\x82";
  std::vector<Token> tokens;
  ASSERT_NO_THROW(tokens = analyzer.analyze(text));
  bool found = false;
  for (const Token& token : tokens) {
    EXPECT_LE(token.end, text.size());
    if (token.term == "leukemia") found = true;
  }
  EXPECT_TRUE(found);
}

// The analyzer folds an all-ASCII word by lower-casing A-Z alone, without ICU normalisation, and
// classifies ASCII letters without ICU: right only while ICU agrees for every ASCII character.
TEST(Analyzer, FoldingAsciiIsPlainLowerCasing) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  ASSERT_TRUE(U_SUCCESS(status));
  for (UChar32 c = 0; c < 0x80; ++c) {
    const bool upper = c >= 'A' && c <= 'Z';
    const bool lower = c >= 'a' && c <= 'z';
    const icu::UnicodeString lowered(static_cast<UChar32>(upper ? c - 'A' + 'a' : c));
    EXPECT_EQ(casefold->normalize(icu::UnicodeString(c), status), lowered) << "U+" << c;
    EXPECT_EQ(nfd->normalize(lowered, status), lowered) << "U+" << c;
    EXPECT_NE(u_charType(c), U_NON_SPACING_MARK) << "U+" << c;
    EXPECT_EQ(static_cast<bool>(u_isalpha(c)), upper || lower) << "U+" << c;
    EXPECT_EQ(static_cast<bool>(u_isupper(c)), upper) << "U+" << c;
  }
  EXPECT_TRUE(U_SUCCESS(status));
}

// A soft hyphen (U+00AD) stays inside the word and folding drops it, so the same word with one
// goes through ICU normalisation: both paths must give the same terms.
TEST(Analyzer, AsciiWordsFoldAsTheNormalisingPathDoes) {
  Analyzer analyzer;
  for (const char* word :
       {"HIV",  "COPD",  "Down's",    "don't", "parents'", "__init", "HbA1c",     "B12",
        "x",    "Non",   "Hodgkin's", "a_b",   "U.S",      "e.g",    "MIXEDcase", "O'Neil",
        "3.14", "1,000", "ALL",       "zZ_9",  "'s",       "___"}) {
    const std::string ascii = word;
    const std::string marked = ascii + "\u00AD";
    const std::vector<Token> expected = analyzer.analyze(marked);
    const std::vector<Token> actual = analyzer.analyze(ascii);
    ASSERT_EQ(actual.size(), expected.size()) << word;
    for (size_t i = 0; i < actual.size(); ++i) {
      EXPECT_EQ(actual[i].term, expected[i].term) << word;
      EXPECT_EQ(actual[i].stem, expected[i].stem) << word;
      EXPECT_EQ(actual[i].acronym, expected[i].acronym) << word;
      EXPECT_EQ(actual[i].position, expected[i].position) << word;
    }
  }
}

TEST(Analyzer, OverlongWordsAreDropped) {
  Analyzer analyzer;
  std::string junk(200, 'q');
  EXPECT_EQ(render_terms(analyzer, "before " + junk + " after"), "before after");
}

TEST(Analyzer, StopwordsAreCommonWordsButNotMeaningfulOnes) {
  EXPECT_TRUE(Analyzer::is_stopword("all"));
  EXPECT_TRUE(Analyzer::is_stopword("the"));
  EXPECT_TRUE(Analyzer::is_stopword("is"));
  EXPECT_FALSE(Analyzer::is_stopword("down"));  // Down syndrome
  EXPECT_FALSE(Analyzer::is_stopword("not"));
  EXPECT_FALSE(Analyzer::is_stopword("leukemia"));
}

}  // namespace
}  // namespace hqa
