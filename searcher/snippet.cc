// @brief Snippet passage selection and highlighting.
#include "searcher/snippet.h"

#include <algorithm>
#include <map>
#include <set>

#include "searcher/snippet_region.h"

namespace hqa {
namespace {

// A passage starts a few words before its first match, so the match has context.
constexpr size_t kLeadWords = 3;

struct Span {
  uint32_t begin, end;
};

// The text analysed and matched against the query terms: the whole text, or the regions of it
// a scan picked (searcher/snippet_region.h), one after the other.
struct MatchedText {
  std::vector<Token> tokens;  // offsets in the whole text
  std::vector<size_t> words;  // indexes into tokens of the kWord tokens, in text order
  std::vector<int> word_key;  // per word: which query unit it matches, or -1
  std::vector<Span> marks;    // byte spans to mark, sorted and merged
  int key_count = 0;
  struct Part {
    TextRegion bytes;
    size_t first_word, end_word;  // its words: [first_word, end_word)
  };
  std::vector<Part> parts;  // the regions analysed, in text order; no passage spans two
  const Part& part_of(size_t word) const {
    for (const Part& part : parts) {
      if (word < part.end_word) return part;
    }
    return parts.back();
  }
};

// Marks where `tokens` (analysed from one region) match the query, appending them to `m`.
void match_region(std::vector<Token> tokens, const HighlightTerms& terms,
                  std::map<std::string, int>& keys, std::vector<Span>& spans, MatchedText& m) {
  auto key_of = [&keys](const std::string& name) {
    return keys.emplace(name, static_cast<int>(keys.size())).first->second;
  };
  const size_t first_token = m.tokens.size();
  const size_t first_word = m.words.size();
  m.tokens.insert(m.tokens.end(), std::make_move_iterator(tokens.begin()),
                  std::make_move_iterator(tokens.end()));
  for (size_t i = first_token; i < m.tokens.size(); ++i) {
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
    if (phrase.empty() || first_word + phrase.size() > m.words.size()) continue;
    for (size_t w = first_word; w + phrase.size() <= m.words.size(); ++w) {
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
}

// `regions` of `text` analysed and matched against the query.
MatchedText match(std::string_view text, const std::vector<TextRegion>& regions,
                  const HighlightTerms& terms, const Analyzer& analyzer) {
  MatchedText m;
  std::map<std::string, int> keys;
  std::vector<Span> spans;
  for (const TextRegion& region : regions) {
    std::vector<Token> tokens =
        analyzer.analyze(text.substr(region.begin, region.end - region.begin));
    for (Token& token : tokens) {
      token.begin += static_cast<uint32_t>(region.begin);
      token.end += static_cast<uint32_t>(region.begin);
    }
    const size_t first_word = m.words.size();
    match_region(std::move(tokens), terms, keys, spans, m);
    m.parts.push_back({region, first_word, m.words.size()});
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
  for (size_t w = start; w < std::min(start + length, m.part_of(start).end_word); ++w) {
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
    const MatchedText::Part& part = m.part_of(w);
    size_t start = std::max(part.first_word, w > kLeadWords ? w - kLeadWords : 0);
    if (start + length > part.end_word) {
      start = part.end_word > part.first_word + length ? part.end_word - length : part.first_word;
    }
    if (start < avoid_end && start + length > avoid_begin) continue;
    Coverage c = coverage(m, start, length, exclude);
    if (c.better_than(best)) {
      best = std::move(c);
      best_start = start;
    }
  }
  return {best_start, best};
}

// True when the analysis marked each query word the scan found in the regions at one of the
// places the scan found it.
bool scan_confirmed(const SnippetRegions& regions, const std::vector<Span>& marks) {
  std::map<size_t, bool> confirmed;  // by the scan's word
  for (auto [offset, word] : regions.hits) {
    bool& marked = confirmed[word];
    if (marked) continue;
    auto after = std::upper_bound(marks.begin(), marks.end(), offset,
                                  [](size_t at, Span span) { return at < span.begin; });
    marked = after != marks.begin() && std::prev(after)->end > offset;
  }
  return std::all_of(confirmed.begin(), confirmed.end(),
                     [](const auto& entry) { return entry.second; });
}

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

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  bool space = false;
  for (char c : text) {
    if (is_text_space(c)) {
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
  MatchedText m = match(text, {{0, text.size()}}, terms, analyzer);
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
  const SnippetRegions regions = snippet_regions(text, terms, length);
  MatchedText m = match(text, regions.regions, terms, analyzer);
  if (!regions.whole(text) && !scan_confirmed(regions, m.marks)) {
    // Some probe hits were other words ("die" of "diet" in "died"): the scan's choice is not to
    // be trusted, so the whole text decides.
    m = match(text, {{0, text.size()}}, terms, analyzer);
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
    const MatchedText::Part& part = m.part_of(first_word);
    size_t last_word = std::min(first_word + count, part.end_word) - 1;
    // A passage that starts or ends its region where the text does keeps what lies beyond its
    // first or last word.
    uint32_t from = first_word == part.first_word && part.bytes.begin == 0
                        ? 0
                        : m.tokens[m.words[first_word]].begin;
    uint32_t to = last_word + 1 == part.end_word && part.bytes.end == text.size()
                      ? static_cast<uint32_t>(text.size())
                      : m.tokens[m.words[last_word]].end;
    // Keep punctuation glued to the passage's ends: "(ALL)", "birth.".
    while (from > 0 && !is_text_space(text[from - 1])) --from;
    while (to < text.size() && !is_text_space(text[to])) ++to;
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
