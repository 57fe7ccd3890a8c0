// The one text pipeline of hqa: text in, terms out.
//
// The indexer, the query builder and snippet highlighting all call Analyzer::analyze, so a word
// is found exactly when the query spells it the way some document does, after the rules below.
//
// Pipeline: ICU word segmentation (UAX #29) -> hyphen and number-unit grouping -> folding
// (NFKC_Casefold, then accents removed) -> possessive stripping -> Snowball stem (Xapian::Stem).
//
// Rules for the tokens health text is full of, as terms before stemming (pinned by
// tests/analyzer_test.cc):
//   "Ménière's"        -> meniere              accents folded, possessive 's dropped
//   "Down's syndrome"  -> down, syndrome       so "Down syndrome" gives the same terms
//   "x-ray"            -> x, ray + xray        hyphenated words: every part at its own position,
//   "non-Hodgkin's"    -> non, hodgkin + nonhodgkin   plus the parts joined at the first
//   "COVID-19"         -> covid, 19 + covid19  part's position, so "x ray", "x-ray" and "xray"
//   "β-blocker"        -> beta, blocker + betablocker   all meet
//   "5mg", "2.5mg"     -> 5, mg + 5mg          a number glued to a unit splits like a hyphen,
//                                              so "5 mg" and "5mg" meet
//   "HbA1c", "B12"     -> hba1c, b12           letters and digits mixed otherwise stay one term
//   "Type 2 diabetes"  -> type, 2, diabetes    numbers are terms; nothing is dropped at index time
//   "Straße", "ＣＯＶＩＤ" -> strasse, covid       NFKC case folding
//   a lone Greek letter is spelled out (α -> alpha, β -> beta) so the two spellings meet.
//
// Words longer than 64 bytes after folding are dropped (encoded data, not language).
//
// What becomes of tokens in the index (term prefixes, stem markers, positions) is the index
// format's business: schema/terms.h.
//
// Acronyms: a word of 2 to 10 characters written in capitals with at least two letters ("ALL",
// "COPD", "HIV", "BRCA1") also yields an acronym term, distinct from the ordinary word, so that
// "ALL" (acute lymphocytic leukemia) is findable although "all" is a stopword. A run of three or
// more capitalised words is shouting, not acronyms, and yields none.
//
// Stopwords are kept at index time (queries of common words alone search them, and questions'
// phrases use their positions); query building drops them from ranked queries via is_stopword().
//
// An Analyzer is not thread-safe: use one per thread.
#ifndef HQA_ANALYSIS_ANALYZER_H_
#define HQA_ANALYSIS_ANALYZER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hqa {

struct Token {
  enum class Kind {
    kWord,    // an ordinary word or one part of a hyphenated group
    kJoined,  // the parts of a hyphenated or number-unit group, joined ("xray", "5mg")
  };

  Kind kind = Kind::kWord;
  std::string term;  // folded, unstemmed ("hodgkin", "covid19")
  std::string stem;  // Snowball stem of term; what the index stores
  bool acronym = false;
  uint32_t position = 0;  // 1-based; a joined token shares its first part's position
  // Byte range of the token in the analysed text: [begin, end). A joined token spans its group.
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct AnalyzerOptions {
  std::string language = "english";  // any language Xapian::Stem knows, or "none"
  // Plain ASCII text is segmented without ICU (analysis/ascii_words.h), into the same words;
  // false segments all text with ICU, for the test that compares the two.
  bool ascii_segmentation = true;
};

class Analyzer {
 public:
  // Throws std::invalid_argument if the stemming language is unknown.
  explicit Analyzer(const AnalyzerOptions& options = {});
  ~Analyzer();
  Analyzer(const Analyzer&) = delete;
  Analyzer& operator=(const Analyzer&) = delete;
  Analyzer(Analyzer&&) noexcept;
  Analyzer& operator=(Analyzer&&) noexcept;

  // Tokens of `text` in text order. Invalid UTF-8 is read as U+FFFD and never throws.
  // Positions start at first_position.
  std::vector<Token> analyze(std::string_view text, uint32_t first_position = 1) const;

  // The stem of an already folded term.
  std::string stem(const std::string& folded_term) const;

  // True for common English function words ("the", "is", "all"), by folded term.
  static bool is_stopword(std::string_view folded_term);

  // Bumped whenever a rule above changes the terms of some text, so stored content hashes
  // notice that documents must be indexed again.
  static constexpr int kVersion = 1;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// `text` folded whole as the analyzer folds each word (NFKC case folding, then accents
// removed), keeping its spaces and punctuation: for exact values such as filters, facets and
// condition names, so that "MÉNIÈRE disease" and "ménière disease" are the same value. Invalid
// UTF-8 is read as U+FFFD.
std::string fold_text(std::string_view text);

}  // namespace hqa

#endif  // HQA_ANALYSIS_ANALYZER_H_
