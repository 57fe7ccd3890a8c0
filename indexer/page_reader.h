// Reads one answer page in the format of ../shared/seeds (and corpus/):
//
//   Short answer · Medically reviewed summary · Last updated: 2026-05-08    <- header (optional)
//   <short answer> <question?> <teaser: the start of a later paragraph>     <- question line
//   N people with <condition> have shared their first-person experience ...  <- metadata
//   <short answer again>                                                     <- repeat, dropped
//   <body paragraphs, one per line>
//   Medical disclaimer: ...                                                  <- metadata
//
// Every paragraph is indexed once: the repeated short answer and the teaser are dropped. CRLF
// line ends and a UTF-8 byte order mark are accepted; a page without header has no date. A page
// whose first lines hold no question, or that has no answer text, is rejected.
#ifndef HQA_INDEXER_PAGE_READER_H_
#define HQA_INDEXER_PAGE_READER_H_

#include <string>
#include <string_view>

#include "indexer/reader.h"

namespace hqa {

// Reads the page text `content` of `file` as the document `id`, into `sink`.
void read_page(std::string_view content, const std::string& file, const std::string& id,
               DocumentSink& sink);

}  // namespace hqa

#endif  // HQA_INDEXER_PAGE_READER_H_
