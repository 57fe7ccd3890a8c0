// What a hit shows besides its rank and score: its stored fields (question, condition, source,
// type, url, date) and, highlighted as HTML, its question and a snippet of its answer.
#ifndef HQA_SEARCHER_PRESENTATION_H_
#define HQA_SEARCHER_PRESENTATION_H_

#include <xapian.h>

#include <cstddef>

#include "analysis/analyzer.h"
#include "searcher/query_builder.h"
#include "searcher/search_request.h"

namespace hqa {

// Fills `hit` from the stored document `xdoc`, marking `marks` in the question and, when the
// request wants snippets, in a snippet of the request's length or else `snippet_words` words,
// with the request's tags and crop marker; the stored fields only a request asks for
// (kHitFields) only then.
void present(const Xapian::Document& xdoc, const SearchRequest& request,
             const HighlightTerms& marks, const Analyzer& analyzer, size_t snippet_words,
             SearchHit& hit);

}  // namespace hqa

#endif  // HQA_SEARCHER_PRESENTATION_H_
