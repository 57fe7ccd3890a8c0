// One writer's part of a batch job: reads every input, writes the documents (of its shard, in
// a sharded build), prunes and deletes, and commits. run_index_job (indexing_job.h) runs one,
// or several side by side for --jobs.
#ifndef HQA_INDEXER_JOB_H_
#define HQA_INDEXER_JOB_H_

#include <iosfwd>

#include "indexer/index_writer.h"
#include "indexer/indexing_job.h"
#include "indexer/input_plan.h"
#include "indexer/job_sink.h"
#include "indexer/progress_line.h"

namespace hqa {

class Job {
 public:
  // Opens the index (IndexError if it cannot). Shard `shard` of `shards` writes the documents
  // whose id hashes to it.
  explicit Job(const IndexJobOptions& options, unsigned shard = 0, unsigned shards = 1);

  IndexJobSummary run();

 private:
  uint64_t bytes_done() const;
  void read_file(const InputFile& input);
  // Reads a page or MedQuAD file whole, within the size limit.
  void read_whole_file(const InputFile& input);
  void prune();

  const IndexJobOptions& options_;
  const unsigned shard_;
  IndexJobSummary summary_;
  IndexWriter writer_;
  JobSink sink_;
  ProgressLine::Clock::time_point start_;
  ProgressLine progress_;
  std::istream* current_stream_ = nullptr;  // the JSONL file being read, for progress
};

}  // namespace hqa

#endif  // HQA_INDEXER_JOB_H_
