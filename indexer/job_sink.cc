// @brief Documents to the writer, outcomes to the summary, rejections to the report.
#include "indexer/job_sink.h"

#include <mutex>
#include <ostream>

namespace hqa {

void record_rejection(Rejection rejection, IndexJobSummary& summary, std::ostream* stream) {
  static std::mutex stream_mutex;  // a sharded build's writers report to one stream
  ++summary.rejected;
  if (stream) {
    std::lock_guard<std::mutex> lock(stream_mutex);
    *stream << "rejected: " << rejection.to_string() << "\n" << std::flush;
  }
  if (summary.rejection_list.size() < kMaxListedRejections) {
    summary.rejection_list.push_back(std::move(rejection));
  }
}

JobSink::JobSink(WriteDocument write, IndexJobSummary& summary, std::ostream* rejections,
                 bool track_seen)
    : write_(std::move(write)),
      summary_(summary),
      rejections_(rejections),
      track_seen_(track_seen) {}

void JobSink::accept(AnswerDocument doc) {
  const uint64_t id_hash = stable_hash(doc.id);
  std::string named = "id " + doc.id.substr(0, 60);
  if (std::optional<std::string> refused =
          write_(std::move(doc), current_file, current_source_file)) {
    files_with_rejections_.insert(current_source_file);
    record_rejection({current_file, 0, std::move(named), *refused}, summary_, rejections_);
    return;
  }
  // Ids are kept as hashes: a million of them fit in a few megabytes. A collision can only
  // spare a document from pruning, never remove one.
  if (track_seen_) seen_ids_.insert(id_hash);
  if (on_document) on_document();
}

void JobSink::reject(Rejection rejection) {
  files_with_rejections_.insert(current_source_file);
  record_rejection(std::move(rejection), summary_, rejections_);
}

void JobSink::skip_unanswered() { ++summary_.unanswered; }

bool JobSink::seen(const std::string& id) const { return seen_ids_.count(stable_hash(id)) > 0; }

bool JobSink::had_rejections(const std::string& source_file) const {
  return files_with_rejections_.count(source_file) > 0;
}

}  // namespace hqa
