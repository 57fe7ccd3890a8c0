// The writers of a sharded build (hqa-index --jobs N): one thread and one scratch or kept index
// per shard, each fed by a bounded queue. The job's one reader routes every document to the
// shard its id hashes to, so that all versions of an id meet in one shard, in reading order,
// and the last one read wins there as in a single index.
#ifndef HQA_INDEXER_SHARD_WRITERS_H_
#define HQA_INDEXER_SHARD_WRITERS_H_

#include <condition_variable>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "indexer/indexing_job.h"

namespace hqa {

class ShardWriters {
 public:
  // Opens a writer on each of `shard_dirs` (IndexError if one cannot be opened) and starts its
  // thread. `scratch`: see IndexWriterOptions.
  ShardWriters(const IndexJobOptions& options, const std::vector<std::string>& shard_dirs,
               bool scratch);
  // Stops the threads if finish() was not called (the build failed elsewhere).
  ~ShardWriters();
  ShardWriters(const ShardWriters&) = delete;
  ShardWriters& operator=(const ShardWriters&) = delete;

  // Queues `doc`, read from `file` (absolute path `source_file`), for its shard; waits while that
  // shard's queue is full. Never refuses: a writer's refusal is reported by the writer.
  void write(AnswerDocument doc, const std::string& file, const std::string& source_file);

  // Lets the writers finish their queues and commit. Returns what they wrote and refused, summed;
  // rethrows the first failure of a writer (IndexError: a shard that cannot be written).
  IndexJobSummary finish();

 private:
  struct Item {
    AnswerDocument doc;
    std::string file;
    std::string source_file;
  };
  struct Shard {
    std::mutex mutex;
    std::condition_variable changed;
    std::deque<Item> queue;
    bool closed = false;
    IndexJobSummary summary;
    std::exception_ptr failure;
    std::thread thread;
  };

  // `first`: the shard that also writes the site's synonyms (IndexJobOptions::synonym_groups).
  void drain(Shard& shard, const IndexJobOptions& options, const std::string& dir, bool scratch,
             bool first);
  void close_all();

  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace hqa

#endif  // HQA_INDEXER_SHARD_WRITERS_H_
