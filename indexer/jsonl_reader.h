// Reads JSON Lines: one answer document per line, with the fields of
// ../shared/data/liveqa-med/corpus.jsonl (id, question, answer, focus, qtype, source, url) and
// optionally updated ("YYYY-MM-DD"), other_names (array of strings) and short_answer. The
// names hqa itself writes (condition, type) are accepted too. Blank lines are ignored; a
// document with an empty answer is counted as unanswered.
#ifndef HQA_INDEXER_JSONL_READER_H_
#define HQA_INDEXER_JSONL_READER_H_

#include <cstdint>
#include <istream>
#include <string>

#include "indexer/reader.h"

namespace hqa {

// Reads `in` to its end; `file` names it in rejections. Returns the number of bytes read.
uint64_t read_jsonl(std::istream& in, const std::string& file, DocumentSink& sink,
                    const ReaderLimits& limits = {});

}  // namespace hqa

#endif  // HQA_INDEXER_JSONL_READER_H_
