// @brief The analyzer: ICU segmentation, grouping and folding, Snowball stemming.
#include "analysis/analyzer.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utext.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <xapian.h>

#include <algorithm>
#include <stdexcept>
#include <unordered_map>
#include <unordered_set>

#include "analysis/ascii_words.h"
#include "analysis/folding.h"

namespace hqa {
namespace {

// Hyphenated groups longer than this are split into several groups: a run of dozens of
// hyphenated words is a separator line or a chemical name, and its joined form helps no one.
constexpr size_t kMaxGroupSegments = 6;
constexpr int kMaxAcronymLength = 10;
constexpr size_t kStemCacheLimit = 1 << 17;
// Longer "words" are encoded data or URLs, not language; dropping them keeps terms within
// Xapian's 245-byte limit on both sides alike.
constexpr size_t kMaxTermBytes = 64;

bool is_hyphen(UChar32 c) { return c == u'-' || c == 0x2010 || c == 0x2011; }

// Greek letters standing alone ("β-blocker", "α-thalassemia") are spelled out, because English
// health text writes both. Indexed by code point - 0x3B1 (lower case; upper case is folded first).
constexpr const char* kGreekNames[] = {
    "alpha", "beta",   "gamma",   "delta", "epsilon", "zeta",    "eta",  "theta", "iota",
    "kappa", "lambda", "mu",      "nu",    "xi",      "omicron", "pi",   "rho",   "sigma",
    "sigma", "tau",    "upsilon", "phi",   "chi",     "psi",     "omega"};

// One UAX #29 word segment of the text, with its spans in both encodings.
struct Segment {
  int32_t u16_begin, u16_end;
  uint32_t byte_begin, byte_end;
  bool all_caps = false;  // has letters, none of them lower case
  bool acronym = false;   // decided after the shouting rule
};

// A part of a group after number-unit splitting, before stemming.
struct Part {
  std::string term;
  uint32_t byte_begin, byte_end;
  bool acronym;
};

bool is_ascii(const UChar* s, int32_t length) {
  for (int32_t i = 0; i < length; ++i) {
    if (s[i] >= 0x80) return false;
  }
  return true;
}

// ASCII classes, as ICU's u_isalpha/u_isupper and the "C" locale's isdigit/islower decide them
// for ASCII; spelled out so that the common case makes no library call.
bool is_ascii_digit(UChar32 c) { return c >= '0' && c <= '9'; }
bool is_ascii_lower(UChar32 c) { return c >= 'a' && c <= 'z'; }
bool is_ascii_upper(UChar32 c) { return c >= 'A' && c <= 'Z'; }

// Drops a trailing possessive ("hodgkin's" -> "hodgkin", "parents'" -> "parents") and the
// apostrophes left inside ("don't" -> "dont"), and underscores at either end.
void strip_apostrophes_and_underscores(std::string& term) {
  if (term.size() > 2 && term.compare(term.size() - 2, 2, "'s") == 0) term.resize(term.size() - 2);
  term.erase(std::remove(term.begin(), term.end(), '\''), term.end());
  size_t first = term.find_first_not_of('_');
  if (first == std::string::npos) {
    term.clear();
    return;
  }
  term.resize(term.find_last_not_of('_') + 1);
  term.erase(0, first);
}

// "5mg", "20ml", "2.5mg": the length of the leading number when the rest is letters, else 0.
size_t number_unit_split(const std::string& term) {
  size_t i = 0;
  while (i < term.size() && (is_ascii_digit(term[i]) || term[i] == '.' || term[i] == ',')) ++i;
  if (i == 0 || i == term.size() || !is_ascii_digit(term[i - 1])) return 0;
  for (size_t j = i; j < term.size(); ++j) {
    if (!is_ascii_lower(term[j])) return 0;
  }
  return i;
}

size_t joined_size(const std::vector<Part>& parts) {
  size_t size = 0;
  for (const Part& part : parts) size += part.term.size();
  return size;
}

const std::unordered_set<std::string_view>& stopwords() {
  // Snowball's English list, less the words that carry meaning in health questions ("down" as
  // in Down syndrome, "no", "not", "more", "over", "under", "out", "off", "other", "only").
  static const std::unordered_set<std::string_view> kWords = {
      "a",      "about",     "above",    "after",     "against", "all",        "am",      "an",
      "and",    "any",       "are",      "as",        "at",      "be",         "because", "been",
      "before", "being",     "below",    "between",   "both",    "but",        "by",      "can",
      "could",  "did",       "do",       "does",      "doing",   "during",     "each",    "for",
      "from",   "had",       "has",      "have",      "having",  "he",         "her",     "here",
      "hers",   "herself",   "him",      "himself",   "his",     "how",        "i",       "if",
      "in",     "into",      "is",       "it",        "its",     "itself",     "just",    "me",
      "my",     "myself",    "nor",      "of",        "on",      "once",       "or",      "our",
      "ours",   "ourselves", "she",      "should",    "so",      "some",       "such",    "than",
      "that",   "the",       "their",    "theirs",    "them",    "themselves", "then",    "there",
      "these",  "they",      "this",     "those",     "through", "to",         "too",     "until",
      "very",   "was",       "we",       "were",      "what",    "when",       "where",   "which",
      "while",  "who",       "whom",     "why",       "will",    "with",       "would",   "you",
      "your",   "yours",     "yourself", "yourselves"};
  return kWords;
}

}  // namespace

struct Analyzer::Impl {
  Xapian::Stem stemmer;
  bool stemming = true;
  bool ascii_segmentation = true;
  std::unique_ptr<icu::BreakIterator> words;
  mutable std::unordered_map<std::string, std::string> stem_cache;

  // Scratch space of analyze(), kept between calls so that analysing a text allocates little
  // beyond its tokens. (This is why an Analyzer serves one thread at a time.)
  mutable std::vector<UChar> utext;       // the text in UTF-16
  mutable std::vector<uint32_t> byte_at;  // byte offset in the text of each UTF-16 unit, + end
  mutable std::vector<Segment> segments;
  mutable std::vector<std::pair<int32_t, int32_t>> spans;     // word segments found, in units
  mutable std::vector<std::pair<int32_t, int32_t>> icu_runs;  // what ICU segments: not plain ASCII
  mutable std::vector<Part> parts;
  mutable UText utext_view = UTEXT_INITIALIZER;  // `utext` as the break iterator reads it

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() { utext_close(&utext_view); }

  // The folded term of the UTF-16 word segment [begin, begin + length).
  std::string fold(const UChar* begin, int32_t length) const;
  // The steps of analyze(), on the scratch space above.
  void decode(std::string_view text) const;           // fills utext and byte_at
  Segment segment(int32_t begin, int32_t end) const;  // a word segment of utext, classified
  bool find_segments() const;                         // fills segments; false if ICU fails
  size_t group_end(size_t first) const;  // one past the hyphenated group starting at `first`
  void fill_parts(size_t first, size_t end) const;  // the group's folded parts
  void emit_parts(uint32_t& position, std::vector<Token>& tokens) const;
  // The stem of `term`; valid until the next call.
  const std::string& stem(const std::string& term) const;
};

Analyzer::Analyzer(const AnalyzerOptions& options) : impl_(std::make_unique<Impl>()) {
  if (options.language != "none") {
    try {
      impl_->stemmer = Xapian::Stem(options.language);
    } catch (const Xapian::Error& e) {
      throw std::invalid_argument("unknown stemming language '" + options.language +
                                  "': " + e.get_msg());
    }
  } else {
    impl_->stemming = false;
  }
  impl_->ascii_segmentation = options.ascii_segmentation;
  UErrorCode status = U_ZERO_ERROR;
  impl_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || !impl_->words) {
    throw std::runtime_error(std::string("ICU initialisation failed: ") + u_errorName(status));
  }
}

Analyzer::~Analyzer() = default;
Analyzer::Analyzer(Analyzer&&) noexcept = default;
Analyzer& Analyzer::operator=(Analyzer&&) noexcept = default;

std::string Analyzer::Impl::fold(const UChar* begin, int32_t length) const {
  std::string out;
  if (is_ascii(begin, length)) {
    // Nothing to normalise: NFKC_Casefold maps ASCII to ASCII by lower-casing A-Z, and there
    // are no marks to remove (the test FoldingAsciiIsPlainLowerCasing pins this).
    out.resize(static_cast<size_t>(length));
    for (int32_t i = 0; i < length; ++i) {
      UChar c = begin[i];
      out[static_cast<size_t>(i)] = static_cast<char>(is_ascii_upper(c) ? c - 'A' + 'a' : c);
    }
  } else {
    icu::UnicodeString text(begin, length);
    if (text.countChar32() == 1) {
      UChar32 c = u_tolower(text.char32At(0));
      if (c >= 0x3B1 && c <= 0x3C9) return kGreekNames[c - 0x3B1];
    }
    if (!fold_unicode(text)) return {};
    text.toUTF8String(out);
  }
  strip_apostrophes_and_underscores(out);
  return out;
}

const std::string& Analyzer::Impl::stem(const std::string& term) const {
  if (!stemming) return term;
  auto found = stem_cache.find(term);
  if (found != stem_cache.end()) return found->second;
  if (stem_cache.size() >= kStemCacheLimit) stem_cache.clear();
  return stem_cache.emplace(term, stemmer(term)).first->second;
}

std::string Analyzer::stem(const std::string& folded_term) const {
  return impl_->stem(folded_term);
}

bool Analyzer::is_stopword(std::string_view folded_term) {
  return stopwords().count(folded_term) > 0;
}

void Analyzer::Impl::decode(std::string_view text) const {
  // Decode by hand rather than with UnicodeString::fromUTF8, to keep the byte offset of every
  // UTF-16 unit: snippets cut and highlight the original bytes.
  utext.clear();
  byte_at.clear();
  utext.reserve(text.size());
  byte_at.reserve(text.size() + 1);
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {
      utext.push_back(bytes[i]);
      byte_at.push_back(static_cast<uint32_t>(i++));
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) c = 0xFFFD;
    if (U16_LENGTH(c) == 2) {
      utext.push_back(U16_LEAD(c));
      utext.push_back(U16_TRAIL(c));
      byte_at.push_back(static_cast<uint32_t>(start));
    } else {
      utext.push_back(static_cast<UChar>(c));
    }
    byte_at.push_back(static_cast<uint32_t>(start));
  }
  byte_at.push_back(static_cast<uint32_t>(text.size()));
}

Segment Analyzer::Impl::segment(int32_t begin, int32_t end) const {
  const UChar* const units = utext.data();
  const auto unit_count = static_cast<int32_t>(utext.size());
  Segment segment{begin, end, byte_at[begin], byte_at[end]};
  int letters = 0;
  bool lower = false;
  for (int32_t i = begin; i < end;) {
    UChar32 c = units[i];
    if (c < 0x80) {
      ++i;
      if (is_ascii_lower(c)) {
        ++letters;
        lower = true;
      } else if (is_ascii_upper(c)) {
        ++letters;
      }
      continue;
    }
    U16_NEXT(units, i, unit_count, c);
    if (u_isalpha(c)) {
      ++letters;
      if (!u_isupper(c)) lower = true;
    }
  }
  segment.all_caps = letters > 0 && !lower;
  segment.acronym = segment.all_caps && letters >= 2 && (end - begin) <= kMaxAcronymLength;
  return segment;
}

bool Analyzer::Impl::find_segments() const {
  segments.clear();
  spans.clear();
  icu_runs.clear();
  const auto length = static_cast<int32_t>(utext.size());
  if (ascii_segmentation) {
    ascii_words_where_they_apply(utext.data(), length, spans, icu_runs);
  } else {
    icu_runs.emplace_back(0, length);
  }
  const bool interleaved = !spans.empty() && !icu_runs.empty();
  for (auto [run_begin, run_end] : icu_runs) {
    icu::BreakIterator& words_iterator = *words;
    UErrorCode status = U_ZERO_ERROR;
    utext_openUChars(&utext_view, utext.data() + run_begin, run_end - run_begin, &status);
    words_iterator.setText(&utext_view, status);
    if (U_FAILURE(status)) return false;
    for (int32_t begin = words_iterator.first(), end = words_iterator.next();
         end != icu::BreakIterator::DONE; begin = end, end = words_iterator.next()) {
      if (words_iterator.getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
      spans.emplace_back(run_begin + begin, run_begin + end);
    }
  }
  if (interleaved) std::sort(spans.begin(), spans.end());
  for (auto [begin, end] : spans) segments.push_back(segment(begin, end));
  // A run of three or more capitalised words is shouting, not a list of acronyms.
  for (size_t i = 0; i < segments.size();) {
    size_t j = i;
    while (j < segments.size() && segments[j].all_caps) ++j;
    if (j - i >= 3) {
      for (size_t k = i; k < j; ++k) segments[k].acronym = false;
    }
    i = (j == i) ? i + 1 : j;
  }
  return true;
}

size_t Analyzer::Impl::group_end(size_t first) const {
  size_t end = first + 1;
  while (end < segments.size() && end - first < kMaxGroupSegments &&
         segments[end].u16_begin - segments[end - 1].u16_end == 1 &&
         is_hyphen(utext[segments[end - 1].u16_end])) {
    ++end;
  }
  return end;
}

void Analyzer::Impl::fill_parts(size_t first, size_t end) const {
  parts.clear();
  for (size_t k = first; k < end; ++k) {
    const Segment& s = segments[k];
    std::string term = fold(utext.data() + s.u16_begin, s.u16_end - s.u16_begin);
    if (term.empty() || term.size() > kMaxTermBytes) continue;
    size_t split = number_unit_split(term);
    bool ascii_source = s.byte_end - s.byte_begin == term.size();
    if (split > 0 && ascii_source) {
      parts.push_back({term.substr(0, split), s.byte_begin, s.byte_begin + uint32_t(split), false});
      parts.push_back({term.substr(split), s.byte_begin + uint32_t(split), s.byte_end, false});
    } else {
      parts.push_back({std::move(term), s.byte_begin, s.byte_end, s.acronym});
    }
  }
}

void Analyzer::Impl::emit_parts(uint32_t& position, std::vector<Token>& tokens) const {
  if (parts.size() > 1 && joined_size(parts) <= kMaxTermBytes) {
    Token joined;
    joined.kind = Token::Kind::kJoined;
    for (const Part& part : parts) joined.term += part.term;
    joined.stem = stem(joined.term);
    joined.position = position;
    joined.begin = parts.front().byte_begin;
    joined.end = parts.back().byte_end;
    tokens.push_back(std::move(joined));
  }
  for (Part& part : parts) {
    Token token;
    token.stem = stem(part.term);
    token.term = std::move(part.term);
    token.acronym = part.acronym;
    token.position = position++;
    token.begin = part.byte_begin;
    token.end = part.byte_end;
    tokens.push_back(std::move(token));
  }
}

std::vector<Token> Analyzer::analyze(std::string_view text, uint32_t first_position) const {
  Impl& impl = *impl_;
  impl.decode(text);
  if (!impl.find_segments()) return {};
  std::vector<Token> tokens;
  tokens.reserve(impl.segments.size() + impl.segments.size() / 8);
  uint32_t position = first_position;
  for (size_t i = 0; i < impl.segments.size();) {
    // The hyphenated group that starts at segment i, folded and split into its parts.
    const size_t end = impl.group_end(i);
    impl.fill_parts(i, end);
    i = end;
    if (!impl.parts.empty()) impl.emit_parts(position, tokens);
  }
  return tokens;
}

}  // namespace hqa
