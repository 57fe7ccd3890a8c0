// Highlighted, HTML-escaped excerpts of document text. The text is analysed with the same
// analyzer as the query, so every form that matched (stems, acronyms, joined and split
// hyphenations) is marked, and phrases are marked only where the whole phrase occurs.
//
// Output is HTML: document text is escaped first, then matches are wrapped in <mark>...</mark>,
// or in the tags a request chose (searcher/highlight_tags.h; checked before they get here).
#ifndef HQA_SEARCHER_SNIPPET_H_
#define HQA_SEARCHER_SNIPPET_H_

#include <cstddef>
#include <string>
#include <string_view>

#include "analysis/analyzer.h"
#include "searcher/highlight_tags.h"
#include "searcher/query_builder.h"

namespace hqa {

struct SnippetOptions {
  size_t words = 36;  // words in the snippet, over at most two passages
  HighlightTags tags;
  std::string crop_marker = "\u2026";  // where text was left out
};

// The best one or two passages of `text` for `terms`, cut at word boundaries, with "…" (the
// crop marker) where text was left out. The start of the text when nothing matches.
std::string make_snippet(std::string_view text, const HighlightTerms& terms,
                         const Analyzer& analyzer, const SnippetOptions& options = {});

// All of `text`, escaped, with matches marked (for titles).
std::string highlight_all(std::string_view text, const HighlightTerms& terms,
                          const Analyzer& analyzer, const HighlightTags& tags = {});

// `text` with & < > " ' replaced by entities; each run of whitespace becomes one space.
std::string escape_html(std::string_view text);

}  // namespace hqa

#endif  // HQA_SEARCHER_SNIPPET_H_
