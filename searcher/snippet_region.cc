// @brief The regions of an answer a snippet is taken from, by a scan for the query's words.
#include "searcher/snippet_region.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>

namespace hqa {
namespace {

// Answers this short are analysed whole: the scan would save little.
constexpr size_t kAnalyzeWholeBytes = 512;

bool is_ascii_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

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

using Hit = std::pair<size_t, size_t>;  // (byte offset, probe)

// The start of the `width`-byte window with the most different probes (then the most hits),
// among the hits `counts` accepts, and those probes. `hits` are sorted; one pass, sliding.
template <typename Counts>
std::pair<size_t, std::set<size_t>> best_window(const std::vector<Hit>& hits, size_t probes,
                                                size_t width, Counts counts) {
  std::vector<size_t> in_window(probes, 0);
  size_t kinds = 0, count = 0, end = 0;
  size_t best_begin = std::string::npos, best_kinds = 0, best_count = 0;
  for (size_t i = 0; i < hits.size(); ++i) {
    if (i > 0 && counts(hits[i - 1].second)) {  // the window no longer starts at hit i - 1
      kinds -= --in_window[hits[i - 1].second] == 0;
      --count;
    }
    for (; end < hits.size() && hits[end].first < hits[i].first + width; ++end) {
      if (!counts(hits[end].second)) continue;
      kinds += in_window[hits[end].second]++ == 0;
      ++count;
    }
    if (!counts(hits[i].second)) continue;
    if (kinds > best_kinds || (kinds == best_kinds && count > best_count)) {
      best_begin = hits[i].first;
      best_kinds = kinds;
      best_count = count;
    }
  }
  std::set<size_t> best;
  for (const Hit& hit : hits) {
    if (hit.first >= best_begin && hit.first < best_begin + width && counts(hit.second)) {
      best.insert(hit.second);
    }
  }
  return {best_begin, best};
}

}  // namespace

SnippetRegions snippet_regions(std::string_view text, const HighlightTerms& terms, size_t words) {
  SnippetRegions whole;
  whole.regions = {{0, text.size()}};
  if (text.size() <= kAnalyzeWholeBytes) return whole;
  const std::vector<std::string> probes = probes_of(terms);
  std::string lower(text);
  for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  std::vector<Hit> hits;
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
  for (const Hit& hit : hits) found_anywhere.insert(hit.second);
  // (Latin letters with accents start with bytes C3 to C9 in UTF-8; curly quotes and dashes,
  // which most answers have, do not.)
  const bool accented = std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte >= 0xC3 && byte <= 0xC9;
  });
  if (found_anywhere.size() < probes.size() && accented) return whole;
  std::sort(hits.begin(), hits.end());
  const size_t width = words * 8;  // bytes: a word and its space are about 7 in English text
  auto [first, kinds] = best_window(hits, probes.size(), width, [](size_t) { return true; });
  std::vector<size_t> starts{first};
  if (kinds.size() < found_anywhere.size()) {
    // Words found only outside the first window make the snippet's second passage.
    const std::set<size_t> shown = kinds;
    auto [second, more] =
        best_window(hits, probes.size(), width, [&shown](size_t p) { return !shown.count(p); });
    starts.push_back(second);
    kinds.insert(more.begin(), more.end());
  }
  std::sort(starts.begin(), starts.end());
  SnippetRegions chosen;
  const size_t margin = width / 4;
  for (size_t start : starts) {
    size_t begin = start > margin ? start - margin : 0;
    size_t end = std::min(text.size(), start + width + margin);
    while (begin > 0 && !is_text_space(text[begin - 1])) --begin;
    while (end < text.size() && !is_text_space(text[end])) ++end;
    // Regions that meet, or have only spaces between them, are one: two passages there would
    // say text was left out where none was.
    const bool meets =
        !chosen.regions.empty() &&
        std::all_of(
            text.begin() + static_cast<std::ptrdiff_t>(std::min(begin, chosen.regions.back().end)),
            text.begin() + static_cast<std::ptrdiff_t>(begin), is_text_space);
    if (meets) {
      chosen.regions.back().end = std::max(chosen.regions.back().end, end);
    } else {
      chosen.regions.push_back({begin, end});
    }
  }
  for (const Hit& hit : hits) {
    const bool inside =
        std::any_of(chosen.regions.begin(), chosen.regions.end(), [&hit](const TextRegion& region) {
          return hit.first >= region.begin && hit.first < region.end;
        });
    if (inside && kinds.count(hit.second)) chosen.hits.push_back(hit);
  }
  return chosen;
}

}  // namespace hqa
