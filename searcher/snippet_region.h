// Where in an answer a snippet can come from, found before any analysis by a scan for the
// query's words: analysing whole answers cost more than the search that found them (issue 12).
// The snippet (searcher/snippet.h) analyses only these regions, and the whole text when a scan
// could mislead.
#ifndef HQA_SEARCHER_SNIPPET_REGION_H_
#define HQA_SEARCHER_SNIPPET_REGION_H_

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

#include "searcher/query_builder.h"

namespace hqa {

// The whitespace snippets cut at and collapse into one space (escape_html): regions, passages
// and the escaped text must agree on it.
inline bool is_text_space(char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; }

struct TextRegion {
  size_t begin, end;  // byte offsets, cut at spaces
};

struct SnippetRegions {
  std::vector<TextRegion> regions;  // in text order, with text between them
  // Where the scan found query words in the regions: (byte offset, which word). The analysis
  // must mark each word at one of its places, or the scan was misled ("die" of "diet" in
  // "died") and the whole text decides.
  std::vector<std::pair<size_t, size_t>> hits;
  bool whole(std::string_view text) const {
    return regions.size() == 1 && regions[0].begin == 0 && regions[0].end == text.size();
  }
};

// The regions of `text` to analyse for a snippet of `words` words: the window of about that many
// words holding the most different query words (then the most matches), and, when some are found
// only outside it, the best window of those; each with a margin of a few words on both sides
// (passages start a few words before their first match). All of `text` when it is short, when no
// query word is found in it, or when it has accented letters and some query word is not found
// (only the analyzer folds "Ménière" to "meniere").
SnippetRegions snippet_regions(std::string_view text, const HighlightTerms& terms, size_t words);

}  // namespace hqa

#endif  // HQA_SEARCHER_SNIPPET_REGION_H_
