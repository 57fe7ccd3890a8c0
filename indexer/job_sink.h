// Where a batch job's readers send what they read: JobSink hands each document to the job's
// writer (the index, or a sharded build's queues), counts outcomes and rejections in the job's
// summary, reports rejections as they happen, and remembers what --prune needs (the ids seen,
// the files with rejections).
#ifndef HQA_INDEXER_JOB_SINK_H_
#define HQA_INDEXER_JOB_SINK_H_

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <unordered_set>

#include "indexer/index_writer.h"
#include "indexer/indexing_job.h"
#include "indexer/reader.h"

namespace hqa {

// The summary lists at most this many rejections (all are counted and reported on the stream):
// a million bad lines must not hold a million messages.
inline constexpr size_t kMaxListedRejections = 1000;

// Counts `rejection` in `summary`, lists it there (up to kMaxListedRejections) and reports it on
// `stream` (if any). Several threads may report to one stream.
void record_rejection(Rejection rejection, IndexJobSummary& summary, std::ostream* stream);

// Writes one document read from `file` (as named in rejections; `source_file` is its absolute
// path, or empty); returns why the document was refused, if it was. (A sharded build's writers
// refuse later, and report that themselves.)
using WriteDocument = std::function<std::optional<std::string>(
    AnswerDocument doc, const std::string& file, const std::string& source_file)>;

class JobSink : public DocumentSink {
 public:
  JobSink(WriteDocument write, IndexJobSummary& summary, std::ostream* rejections, bool track_seen);

  void accept(AnswerDocument doc) override;
  void reject(Rejection rejection) override;
  void skip_unanswered() override;

  bool seen(const std::string& id) const;
  bool had_rejections(const std::string& source_file) const;

  std::string current_file;         // named in rejections the writer causes
  std::string current_source_file;  // its absolute path, recorded with each document
  std::function<void()> on_document;

 private:
  WriteDocument write_;
  IndexJobSummary& summary_;
  std::ostream* rejections_;
  bool track_seen_;
  std::unordered_set<uint64_t> seen_ids_;
  std::unordered_set<std::string> files_with_rejections_;
};

}  // namespace hqa

#endif  // HQA_INDEXER_JOB_SINK_H_
