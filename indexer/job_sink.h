// Where a batch job's readers send what they read: JobSink writes each document (to its shard,
// in a sharded build), counts outcomes and rejections in the job's summary, reports rejections
// as they happen, and remembers what --prune needs (the ids seen, the files with rejections).
#ifndef HQA_INDEXER_JOB_SINK_H_
#define HQA_INDEXER_JOB_SINK_H_

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <mutex>
#include <string>
#include <unordered_set>

#include "indexer/index_writer.h"
#include "indexer/indexing_job.h"
#include "indexer/reader.h"

namespace hqa {

// The summary lists at most this many rejections (all are counted and reported on the stream):
// a million bad lines must not hold a million messages.
inline constexpr size_t kMaxListedRejections = 1000;

class JobSink : public DocumentSink {
 public:
  // A sink of shard `shard` of `shards` writes the documents whose id hashes to it, so that
  // every version of an id meets in one shard and the last one read wins there, as in a single
  // index. Only shard 0 reports what the readers reject and the unanswered questions, so that
  // together the shards count each input once; the writer's rejections of a shard's own
  // documents are its own to report.
  JobSink(IndexWriter& writer, IndexJobSummary& summary, std::ostream* rejections, unsigned shard,
          unsigned shards, bool track_seen);

  void accept(AnswerDocument doc) override;
  void reject(Rejection rejection) override;
  void skip_unanswered() override;

  bool seen(const std::string& id) const;
  bool had_rejections(const std::string& source_file) const;

  std::string current_file;         // named in rejections the writer causes
  std::string current_source_file;  // its absolute path, recorded with each document
  std::function<void()> on_document;

 private:
  void report(Rejection rejection);

  IndexWriter& writer_;
  IndexJobSummary& summary_;
  std::ostream* rejections_;
  unsigned shard_;
  unsigned shards_;
  bool track_seen_;
  std::unordered_set<uint64_t> seen_ids_;
  std::unordered_set<std::string> files_with_rejections_;
};

}  // namespace hqa

#endif  // HQA_INDEXER_JOB_SINK_H_
