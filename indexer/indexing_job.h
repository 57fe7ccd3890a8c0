// A batch indexing run, as `hqa-index` performs it: walks the inputs (files, folders
// recursively, "-" for JSONL on stdin), reads each with the reader its format needs, writes the
// documents, applies deletions, and accounts for everything in a summary.
#ifndef HQA_INDEXER_INDEXING_JOB_H_
#define HQA_INDEXER_INDEXING_JOB_H_

#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "analysis/analyzer.h"
#include "indexer/reader.h"

namespace hqa {

enum class InputFormat { kAuto, kPage, kJsonl, kMedquad };

// "page", "jsonl", "medquad" or "auto"; throws std::invalid_argument on anything else.
InputFormat parse_input_format(const std::string& name);

struct IndexJobOptions {
  std::string index_dir;
  std::vector<std::string> inputs;      // files, folders, or "-" (JSONL on stdin)
  std::vector<std::string> delete_ids;  // applied after the inputs
  // kAuto picks by extension (.txt/.page: page, .jsonl/.ndjson: JSONL, .xml: MedQuAD). A fixed
  // format reads every named file as that format, and in folders only files of its extensions.
  InputFormat format = InputFormat::kAuto;
  size_t batch_size = 1000;
  ReaderLimits limits;
  AnalyzerOptions analyzer;
  // More than 1: builds that many shards in parallel threads, each with its own writer, then
  // merges them with Xapian's compaction into index_dir, which must be new or empty.
  unsigned jobs = 1;
  std::ostream* progress = nullptr;    // a terminal: draws a live progress line there
  std::ostream* rejections = nullptr;  // each rejection is reported here as it happens
};

struct IndexJobSummary {
  uint64_t added = 0;
  uint64_t replaced = 0;
  uint64_t unchanged = 0;   // same id, same content: nothing written
  uint64_t unanswered = 0;  // questions without an answer, skipped
  uint64_t rejected = 0;
  uint64_t deleted = 0;
  uint64_t delete_missing = 0;  // --delete ids not in the index
  uint64_t files = 0;
  uint64_t ignored_files = 0;  // files in folders whose extension no reader takes
  uint64_t bytes = 0;          // input bytes read
  double seconds = 0;
  std::vector<Rejection> rejection_list;

  std::string to_string() const;  // one readable paragraph
  nlohmann::json to_json() const;
  int exit_code() const { return rejected > 0 ? 1 : 0; }
};

// Runs the job. Bad input never stops it (it is counted and reported); throws
// std::runtime_error only when the index cannot be opened or written, or when jobs > 1 is asked
// of an index that already has documents (shards cannot replace documents by id).
IndexJobSummary run_index_job(const IndexJobOptions& options);

}  // namespace hqa

#endif  // HQA_INDEXER_INDEXING_JOB_H_
