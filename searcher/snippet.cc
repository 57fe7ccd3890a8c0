// @brief Snippet passage selection and highlighting.
#include "searcher/snippet.h"

#include <algorithm>
#include <map>
#include <set>

namespace hqa {
namespace {

// A passage starts a few words before its first match, so the match has context.
constexpr size_t kLeadWords = 3;

struct Span {
  uint32_t begin, end;
};

// The text analysed and matched against the query terms.
struct MatchedText {
  std::vector<Token> tokens;
  std::vector<size_t> words;  // indexes into tokens of the kWord tokens, in text order
  std::vector<int> word_key;  // per word: which query unit it matches, or -1
  std::vector<Span> marks;    // byte spans to mark, sorted and merged
  int key_count = 0;
};

MatchedText match(std::string_view text, const HighlightTerms& terms, const Analyzer& analyzer) {
  MatchedText m;
  m.tokens = analyzer.analyze(text);
  std::map<std::string, int> keys;
  auto key_of = [&keys](const std::string& name) {
    return keys.emplace(name, static_cast<int>(keys.size())).first->second;
  };
  std::vector<Span> spans;
  for (size_t i = 0; i < m.tokens.size(); ++i) {
    const Token& token = m.tokens[i];
    if (token.kind == Token::Kind::kJoined) {
      if (terms.stems.count(token.stem)) {
        spans.push_back({token.begin, token.end});
        int key = key_of(token.stem);
        // Its parts follow it; they take the joined form's key.
        for (size_t j = i + 1; j < m.tokens.size() && m.tokens[j].end <= token.end; ++j) {
          if (m.tokens[j].kind != Token::Kind::kWord) break;
          m.words.push_back(j);
          m.word_key.push_back(key);
          i = j;
        }
      }
      continue;
    }
    int key = -1;
    if (token.acronym && terms.acronyms.count(token.term)) {
      key = key_of("_" + token.term);
    } else if (terms.stems.count(token.stem)) {
      key = key_of(token.stem);
    } else {
      for (const std::string& prefix : terms.prefixes) {
        if (token.term.compare(0, prefix.size(), prefix) == 0) key = key_of(prefix + "*");
      }
    }
    if (key >= 0) spans.push_back({token.begin, token.end});
    m.words.push_back(i);
    m.word_key.push_back(key);
  }
  for (size_t p = 0; p < terms.phrases.size(); ++p) {
    const std::vector<std::string>& phrase = terms.phrases[p];
    if (phrase.empty() || phrase.size() > m.words.size()) continue;
    for (size_t w = 0; w + phrase.size() <= m.words.size(); ++w) {
      bool all = true;
      for (size_t k = 0; k < phrase.size() && all; ++k) {
        all = m.tokens[m.words[w + k]].stem == phrase[k];
      }
      if (!all) continue;
      int key = key_of("phrase#" + std::to_string(p));
      for (size_t k = 0; k < phrase.size(); ++k) {
        if (m.word_key[w + k] < 0) m.word_key[w + k] = key;
      }
      spans.push_back({m.tokens[m.words[w]].begin, m.tokens[m.words[w + phrase.size() - 1]].end});
    }
  }
  std::sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.begin < b.begin; });
  for (Span span : spans) {
    if (!m.marks.empty() && span.begin <= m.marks.back().end) {
      m.marks.back().end = std::max(m.marks.back().end, span.end);
    } else {
      m.marks.push_back(span);
    }
  }
  m.key_count = static_cast<int>(keys.size());
  return m;
}

struct Coverage {
  std::set<int> keys;
  size_t hits = 0;
  bool better_than(const Coverage& other) const {
    return keys.size() != other.keys.size() ? keys.size() > other.keys.size() : hits > other.hits;
  }
};

Coverage coverage(const MatchedText& m, size_t start, size_t length,
                  const std::set<int>& exclude = {}) {
  Coverage c;
  for (size_t w = start; w < std::min(start + length, m.words.size()); ++w) {
    int key = m.word_key[w];
    if (key >= 0 && !exclude.count(key)) {
      c.keys.insert(key);
      ++c.hits;
    }
  }
  return c;
}

// The window of `length` words with the best coverage, avoiding [avoid_begin, avoid_end).
std::pair<size_t, Coverage> best_window(const MatchedText& m, size_t length,
                                        const std::set<int>& exclude = {}, size_t avoid_begin = 0,
                                        size_t avoid_end = 0) {
  size_t best_start = 0;
  Coverage best;
  for (size_t w = 0; w < m.words.size(); ++w) {
    if (m.word_key[w] < 0) continue;
    size_t start = w > kLeadWords ? w - kLeadWords : 0;
    if (start + length > m.words.size())
      start = m.words.size() > length ? m.words.size() - length : 0;
    if (start < avoid_end && start + length > avoid_begin) continue;
    Coverage c = coverage(m, start, length, exclude);
    if (c.better_than(best)) {
      best = std::move(c);
      best_start = start;
    }
  }
  return {best_start, best};
}

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

// Escapes text[from, to) and wraps the marked spans in it.
void render(std::string_view text, const std::vector<Span>& marks, uint32_t from, uint32_t to,
            const HighlightTags& tags, std::string& out) {
  uint32_t at = from;
  for (Span mark : marks) {
    if (mark.end <= from || mark.begin >= to) continue;
    uint32_t begin = std::max(mark.begin, from);
    uint32_t end = std::min(mark.end, to);
    out += escape_html(text.substr(at, begin - at));
    out += tags.pre;
    out += escape_html(text.substr(begin, end - begin));
    out += tags.post;
    at = end;
  }
  out += escape_html(text.substr(at, to - at));
}

// Answers longer than this are not analysed whole for a snippet: a scan for the query's words
// picks the region the snippet can come from, and only that region (with a margin) is analysed.
// Analysing a whole answer cost more than the search that found it.
constexpr size_t kAnalyzeWholeBytes = 512;
constexpr size_t kTwoPassageBytes = 4096;

struct Region {
  size_t begin, end;
  size_t promised = 0;  // different probes found in it: matches the analysis must confirm
};

// What a scan looks for, case-insensitively at the start of a word, for each thing the snippet
// marks: a stem but its last letter (the stem "hereditari" of "hereditary" ends otherwise), an
// acronym, a prefix. Stems with letters beyond ASCII have no probe: their text may be written
// with accents.
std::vector<std::string> probes_of(const HighlightTerms& terms) {
  std::vector<std::string> probes;
  auto add = [&probes](const std::string& word, bool stem) {
    if (word.empty() || std::any_of(word.begin(), word.end(),
                                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
      return;
    }
    std::string probe = stem && word.size() > 3 ? word.substr(0, word.size() - 1) : word;
    if (std::find(probes.begin(), probes.end(), probe) == probes.end()) probes.push_back(probe);
  };
  // A word being typed is one probe: its completions all start with it.
  for (const std::string& word : terms.typed) add(word, false);
  for (const std::string& stem : terms.stems) {
    if (std::none_of(terms.typed.begin(), terms.typed.end(), [&stem](const std::string& word) {
          return stem.compare(0, word.size(), word) == 0;
        })) {
      add(stem, true);
    }
  }
  for (const std::string& acronym : terms.acronyms) add(acronym, false);
  for (const std::string& prefix : terms.prefixes) add(prefix, false);
  for (const std::vector<std::string>& phrase : terms.phrases) {
    for (const std::string& stem : phrase) add(stem, true);
  }
  return probes;
}

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The part of `text` to analyse for a snippet of `words` words: the window of about that many
// words holding the most different probes (then the most probes), with a margin of a few words
// each side (passages start a few words before their first match), cut at spaces. All of
// `text` when it is short, when no probe is found in it, or when some are found only outside
// that window.
Region snippet_region(std::string_view text, const HighlightTerms& terms, size_t words) {
  const Region whole{0, text.size()};
  if (text.size() <= kAnalyzeWholeBytes) return whole;
  const std::vector<std::string> probes = probes_of(terms);
  std::string lower(text);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  std::vector<std::pair<size_t, size_t>> hits;  // (offset, probe)
  for (size_t p = 0; p < probes.size(); ++p) {
    for (size_t at = lower.find(probes[p]); at != std::string::npos;
         at = lower.find(probes[p], at + 1)) {
      if (at == 0 || !is_ascii_alnum(lower[at - 1])) hits.emplace_back(at, p);
    }
  }
  if (hits.empty()) return whole;
  // A probe found nowhere may be a word written with accents ("Ménière" for "menier"), which
  // only the analyzer folds: where the text has any, it is analysed whole.
  std::set<size_t> found_anywhere;
  for (const auto& hit : hits) found_anywhere.insert(hit.second);
  // (Latin letters with accents start with bytes C3 to C9 in UTF-8; curly quotes and dashes,
  // which most answers have, do not.)
  const bool accented = std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0xC3 && byte <= 0xC9;
  });
  if (found_anywhere.size() < probes.size() && accented) return whole;
  std::sort(hits.begin(), hits.end());
  const size_t width = words * 8;  // bytes: a word and its space are about 7 in English text
  size_t best_begin = hits[0].first, best_kinds = 0, best_count = 0;
  for (size_t i = 0, j = 0; i < hits.size(); ++i) {
    std::set<size_t> kinds;
    for (j = i; j < hits.size() && hits[j].first < hits[i].first + width; ++j) {
      kinds.insert(hits[j].second);
    }
    if (kinds.size() > best_kinds || (kinds.size() == best_kinds && j - i > best_count)) {
      best_begin = hits[i].first;
      best_kinds = kinds.size();
      best_count = j - i;
    }
  }
  // Words found only outside the window make a second passage (make_snippet), which needs the
  // whole text; past kTwoPassageBytes, the best window alone is shown, at a bounded cost.
  if (found_anywhere.size() > best_kinds && text.size() <= kTwoPassageBytes) return whole;
  const size_t margin = width / 4;
  size_t begin = best_begin > margin ? best_begin - margin : 0;
  size_t end = std::min(text.size(), best_begin + width + margin);
  while (begin > 0 && !is_space(text[begin - 1])) --begin;
  while (end < text.size() && !is_space(text[end])) ++end;
  return {begin, end, best_kinds};
}

// `m` analysed from text[offset...]: its offsets made offsets of the whole text.
void shift(MatchedText& m, uint32_t offset) {
  for (Token& token : m.tokens) {
    token.begin += offset;
    token.end += offset;
  }
  for (Span& mark : m.marks) {
    mark.begin += offset;
    mark.end += offset;
  }
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  bool space = false;
  for (char c : text) {
    if (is_space(c)) {
      space = true;
      continue;
    }
    if (space) out += ' ';
    space = false;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  if (space) out += ' ';
  return out;
}

std::string highlight_all(std::string_view text, const HighlightTerms& terms,
                          const Analyzer& analyzer, const HighlightTags& tags) {
  MatchedText m = match(text, terms, analyzer);
  std::string out;
  render(text, m.marks, 0, static_cast<uint32_t>(text.size()), tags, out);
  // Trim the single space escape_html may leave at either end.
  if (!out.empty() && out.front() == ' ') out.erase(0, 1);
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::string make_snippet(std::string_view text, const HighlightTerms& terms,
                         const Analyzer& analyzer, const SnippetOptions& options) {
  const size_t length = std::max<size_t>(options.words, 2);
  Region region = snippet_region(text, terms, length);
  MatchedText m = match(text.substr(region.begin, region.end - region.begin), terms, analyzer);
  shift(m, static_cast<uint32_t>(region.begin));
  if (region.end - region.begin < text.size() &&
      static_cast<size_t>(m.key_count) < region.promised) {
    // Some probe hits were other words ("die" of "diet" in "died"): the scan's choice is not to
    // be trusted, so the whole text decides.
    region = {0, text.size()};
    m = match(text, terms, analyzer);
  }
  if (m.words.empty()) return {};

  std::vector<std::pair<size_t, size_t>> passages;  // [first word, word count)
  auto [start, one] = best_window(m, length);
  passages.push_back({start, length});
  if (static_cast<int>(one.keys.size()) < m.key_count) {
    // Two half-length passages, if together they show more of the query than one.
    auto [first_start, first] = best_window(m, length / 2);
    auto [second_start, second] =
        best_window(m, length / 2, first.keys, first_start, first_start + length / 2);
    if (first.keys.size() + second.keys.size() > one.keys.size() && !second.keys.empty()) {
      passages = {{first_start, length / 2}, {second_start, length / 2}};
      std::sort(passages.begin(), passages.end());
    }
  }

  std::string out;
  for (auto [first_word, count] : passages) {
    size_t last_word = std::min(first_word + count, m.words.size()) - 1;
    uint32_t from = first_word == 0 && region.begin == 0 ? 0 : m.tokens[m.words[first_word]].begin;
    uint32_t to = last_word + 1 == m.words.size() && region.end == text.size()
                      ? static_cast<uint32_t>(text.size())
                      : m.tokens[m.words[last_word]].end;
    // Keep punctuation glued to the passage's ends: "(ALL)", "birth.".
    while (from > 0 && !is_space(text[from - 1])) --from;
    while (to < text.size() && !is_space(text[to])) ++to;
    if (!out.empty()) out += ' ';
    if (from > 0) out += options.crop_marker;
    render(text, m.marks, from, to, options.tags, out);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    // Text follows: say so, unless the passage ends a sentence.
    if (to < text.size() &&
        !(to > 0 && (text[to - 1] == '.' || text[to - 1] == '!' || text[to - 1] == '?'))) {
      out += options.crop_marker;
    }
  }
  if (!out.empty() && out.front() == ' ') out.erase(0, 1);
  return out;
}

}  // namespace hqa
