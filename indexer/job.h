// A batch job's pass over the inputs: reads every input once and writes the documents into the
// index, then prunes, deletes and commits; or, for a sharded build (sharded_build.h), hands
// them to the shards' writers. run_index_job (indexing_job.h) runs it.
#ifndef HQA_INDEXER_JOB_H_
#define HQA_INDEXER_JOB_H_

#include <iosfwd>
#include <optional>

#include "indexer/index_writer.h"
#include "indexer/indexing_job.h"
#include "indexer/input_plan.h"
#include "indexer/job_sink.h"
#include "indexer/progress_line.h"

namespace hqa {

class Job {
 public:
  // Opens the index (IndexError if it cannot) and writes there.
  explicit Job(const IndexJobOptions& options);
  // Opens no index: every document goes to `write`, and run() neither prunes, deletes nor
  // commits. Its summary counts the documents handed over as added.
  Job(const IndexJobOptions& options, WriteDocument write);

  IndexJobSummary run();

 private:
  uint64_t bytes_done() const;
  void read_file(const InputFile& input);
  // Reads a page or MedQuAD file whole, within the size limit.
  void read_whole_file(const InputFile& input);
  void prune();

  const IndexJobOptions& options_;
  IndexJobSummary summary_;
  std::optional<IndexWriter> writer_;
  JobSink sink_;
  ProgressLine::Clock::time_point start_;
  ProgressLine progress_;
  std::istream* current_stream_ = nullptr;  // the JSONL file being read, for progress
};

}  // namespace hqa

#endif  // HQA_INDEXER_JOB_H_
