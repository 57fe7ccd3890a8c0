// A batch indexing run, as `hqa-index` performs it: walks the inputs (files, folders
// recursively, "-" for JSONL on stdin), reads each with the reader its format needs, writes the
// documents, applies deletions, and accounts for everything in a summary.
#ifndef HQA_INDEXER_INDEXING_JOB_H_
#define HQA_INDEXER_INDEXING_JOB_H_

#include <cstdint>
#include <iosfwd>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "indexer/index_writer.h"
#include "indexer/input_plan.h"
#include "indexer/reader.h"
#include "schema/synonyms.h"

namespace hqa {

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
  // More than 1: builds that many shards in parallel threads, each with its own writer fed by
  // one reader, then merges them with Xapian's compaction into index_dir, which must be new or
  // empty.
  unsigned jobs = 1;
  // With jobs > 1: keeps the shards as index_dir/shard-N and writes a stub database
  // (schema::kShardStubFile) listing them, instead of merging.
  bool keep_shards = false;
  // Builds into a fresh folder beside index_dir and swaps it in atomically when done, so that
  // searchers see the old index until the swap and the whole new one after it. If index_dir is
  // a symlink, the link is flipped to the new build; if it is a folder, the two folders are
  // exchanged (the previous build is kept as index_dir + ".previous" until the next rebuild).
  // A run with rejected inputs does not swap unless swap_despite_rejections.
  bool rebuild = false;
  bool swap_despite_rejections = false;
  // After indexing, removes the documents that came from files under the named inputs and
  // were not seen in this run: their file is gone, or no longer holds them. A file that had
  // rejections prunes nothing (bad input never costs indexed documents).
  bool prune = false;
  // A site's synonyms file (schema/synonyms.h): its groups replace those of the previous file,
  // in the run's first commit (alone, when there is nothing else to do). Read and checked whole
  // before anything is written. Without it, a --rebuild keeps the groups the index had.
  std::string synonyms_file;
  std::optional<std::vector<SynonymGroup>> synonym_groups;  // filled by run_index_job
  std::ostream* progress = nullptr;    // a terminal: draws a live progress line there
  std::ostream* rejections = nullptr;  // each rejection is reported here as it happens
};

// Added, replaced and unchanged (same id, same content: nothing written) come from WriteCounts.
struct IndexJobSummary : WriteCounts {
  uint64_t unanswered = 0;  // questions without an answer, skipped
  uint64_t rejected = 0;
  uint64_t deleted = 0;
  uint64_t delete_missing = 0;  // --delete ids not in the index
  uint64_t pruned = 0;          // removed by --prune
  bool swapped = false;         // --rebuild: the new build is in place
  std::string rebuild_dir;      // --rebuild: where the new build was made (kept if not swapped)
  uint64_t files = 0;
  uint64_t ignored_files = 0;  // files in folders whose extension no reader takes
  uint64_t bytes = 0;          // input bytes read
  double seconds = 0;
  std::optional<size_t> synonym_groups;  // groups written from a synonyms file
  std::vector<Rejection> rejection_list;

  std::string to_string() const;  // one readable paragraph
  nlohmann::json to_json() const;
  int exit_code() const { return rejected > 0 ? 1 : 0; }
};

// Runs the job. Bad input never stops it (it is counted and reported), but for a bad synonyms
// file, which throws InvalidInput naming its file and line before anything is written. Throws
// IndexError only when
// the index cannot be opened or written, when jobs > 1 is asked of an index that already has
// documents (shards cannot replace documents by id; use rebuild), or when another rebuild of the
// same index is running.
IndexJobSummary run_index_job(const IndexJobOptions& options);

// The jobs hqa-index uses when --jobs is not given: every core for a new (missing or empty)
// index and for a rebuild, which are built as shards and merged; 1 for an update of an existing
// index, which replaces documents by id in place, and for deletions.
unsigned default_jobs(const IndexJobOptions& options);

}  // namespace hqa

#endif  // HQA_INDEXER_INDEXING_JOB_H_
