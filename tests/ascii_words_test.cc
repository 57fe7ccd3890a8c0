// Plain ASCII text is segmented without ICU (analysis/ascii_words.h): the analyzer must give the
// same tokens either way, on the bundled pages, on LiveQA-Med answers, and on random text made
// of the characters where UAX #29's rules differ.
#include "analysis/ascii_words.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "tests/test_support.h"

namespace hqa {
namespace {

std::string describe(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    out += t.term + "/" + t.stem + (t.acronym ? "/A" : "") +
           (t.kind == Token::Kind::kJoined ? "/J" : "") + "@" + std::to_string(t.position) + "[" +
           std::to_string(t.begin) + "," + std::to_string(t.end) + ") ";
  }
  return out;
}

class AsciiSegmentation : public ::testing::Test {
 protected:
  // The tokens of `text` from both analyzers, as comparable strings.
  void expect_same_tokens(const std::string& text) {
    EXPECT_EQ(describe(fast_.analyze(text)), describe(icu_.analyze(text))) << "text: " << text;
  }
  Analyzer fast_;
  Analyzer icu_{icu_only()};
  static AnalyzerOptions icu_only() {
    AnalyzerOptions options;
    options.ascii_segmentation = false;
    return options;
  }
};

TEST_F(AsciiSegmentation, BundledPagesGiveTheTokensIcuGives) {
  size_t ascii_lines = 0;
  for (const auto& entry : std::filesystem::directory_iterator(testing::corpus_dir())) {
    if (entry.path().extension() != ".txt") continue;
    const std::string page = testing::read_file(entry.path());
    // Line by line too: most lines are ASCII even where the page is not.
    expect_same_tokens(page);
    std::istringstream lines(page);
    for (std::string line; std::getline(lines, line);) {
      expect_same_tokens(line);
      ascii_lines += std::all_of(line.begin(), line.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    }
  }
  EXPECT_GT(ascii_lines, 100u);
}

TEST_F(AsciiSegmentation, LiveQaAnswersGiveTheTokensIcuGives) {
  const std::filesystem::path corpus = testing::shared_data("liveqa-med/corpus.jsonl");
  if (corpus.empty() || !std::filesystem::exists(corpus)) {
    GTEST_SKIP() << "../shared/data/liveqa-med/corpus.jsonl is absent";
  }
  std::ifstream in(corpus);
  std::string line;
  for (size_t n = 0; n < 1500 && std::getline(in, line); ++n) {
    const nlohmann::json doc = nlohmann::json::parse(line);
    for (const char* field : {"question", "answer"}) {
      if (doc.contains(field) && doc[field].is_string()) expect_same_tokens(doc[field]);
    }
  }
}

TEST_F(AsciiSegmentation, RandomTextOfTheCharactersWhereTheRulesDifferGivesTheTokensIcuGives) {
  // Letters (lower and upper case, for acronyms), digits, every mark that can join two words,
  // hyphens (groups), spaces and line breaks, and other punctuation.
  // Some text beyond ASCII too ("é", a curly quote, a combining accent, a no-break space), and
  // "_" and "@", which ICU segments: the stretches around them are ASCII's.
  const std::vector<std::string> alphabet = {
      "a", "b", "X",  "Y",  "0",      "1",      "9",      ".",      "'",      ";",     ":",  ",",
      "-", " ", " ",  "\n", "\t",     "\r",     "(",      "/",      "!",      "?",     "\"", "#",
      "%", "&", "*",  "+",  "<",      "=",      "@",      "[",      "`",      "{",     "|",  "~",
      "$", "^", "\\", "_",  "\u00e9", "\u201c", "\u0301", "\u00a0", "\u2019", "\u4e2d"};
  std::mt19937 random(20261202);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1), length(1, 30);
  for (int i = 0; i < 20000; ++i) {
    std::string text;
    for (size_t n = length(random); n > 0; --n) text += alphabet[pick(random)];
    expect_same_tokens(text);
    if (HasFailure()) break;  // one example says enough
  }
  for (const char* text : {"e.g. 3.5 mg", "U.S.A.", "don't", "1,000,000", "a:b 1:2 a;b 1;2",
                           "x-ray 5mg 2.5mg COVID-19", "'quoted' ..a.. 1..2", "a.5 5.a a'5"}) {
    expect_same_tokens(text);
  }
}

TEST(AsciiWords, TextBeyondAsciiOrWithUnderscoresIsLeftToIcu) {
  const std::u16string plain = u"Is it hereditary? (ALL) 3.5 mg";
  EXPECT_TRUE(ascii_words_apply(reinterpret_cast<const UChar*>(plain.data()),
                                static_cast<int32_t>(plain.size())));
  const std::vector<std::u16string> others = {u"M\u00e9ni\u00e8re", u"snake_case",
                                              u"curly \u201cquotes\u201d",
                                              std::u16string(u"nul\0byte", 8)};
  for (const std::u16string& text : others) {
    EXPECT_FALSE(ascii_words_apply(reinterpret_cast<const UChar*>(text.data()),
                                   static_cast<int32_t>(text.size())));
  }
}

TEST(AsciiWords, OnlyThePiecesAroundWhatTheRulesDoNotCoverGoToIcu) {
  // Pieces end at a space before a printable ASCII character (a space before "“" is no cut):
  // "one “two” " and "four_five " go to ICU; "three " and "six" are segmented here.
  const std::u16string text = u"one \u201ctwo\u201d three four_five six";
  std::vector<std::pair<int32_t, int32_t>> words, others;
  ascii_words_where_they_apply(reinterpret_cast<const UChar*>(text.data()),
                               static_cast<int32_t>(text.size()), words, others);
  auto at = [&text](const char16_t* part) { return static_cast<int32_t>(text.find(part)); };
  const std::vector<std::pair<int32_t, int32_t>> ascii = {{at(u"three"), at(u"three") + 5},
                                                          {at(u"six"), at(u"six") + 3}};
  EXPECT_EQ(words, ascii);
  const std::vector<std::pair<int32_t, int32_t>> icu = {{0, at(u"three")},
                                                        {at(u"four"), at(u"six")}};
  EXPECT_EQ(others, icu);
}

}  // namespace
}  // namespace hqa
