// @brief Documents to the writer, outcomes to the summary, rejections to the report.
#include "indexer/job_sink.h"

#include <ostream>

namespace hqa {
namespace {

// Shards report to one stream from several threads.
std::mutex& report_mutex() {
  static std::mutex mutex;
  return mutex;
}

}  // namespace

JobSink::JobSink(IndexWriter& writer, IndexJobSummary& summary, std::ostream* rejections,
                 unsigned shard, unsigned shards, bool track_seen)
    : writer_(writer),
      summary_(summary),
      rejections_(rejections),
      shard_(shard),
      shards_(shards),
      track_seen_(track_seen) {}

void JobSink::accept(AnswerDocument doc) {
  const uint64_t id_hash = stable_hash(doc.id);
  if (shards_ > 1 && id_hash % shards_ != shard_) return;
  if (std::optional<std::string> refused =
          write_and_count(writer_, doc, current_source_file, summary_)) {
    files_with_rejections_.insert(current_source_file);
    report({current_file, 0, "id " + doc.id.substr(0, 60), *refused});
    return;
  }
  // Ids are kept as hashes: a million of them fit in a few megabytes. A collision can only
  // spare a document from pruning, never remove one.
  if (track_seen_) seen_ids_.insert(id_hash);
  if (on_document) on_document();
}

void JobSink::reject(Rejection rejection) {
  files_with_rejections_.insert(current_source_file);
  if (shard_ == 0) report(std::move(rejection));
}

void JobSink::skip_unanswered() {
  if (shard_ == 0) ++summary_.unanswered;
}

bool JobSink::seen(const std::string& id) const { return seen_ids_.count(stable_hash(id)) > 0; }

bool JobSink::had_rejections(const std::string& source_file) const {
  return files_with_rejections_.count(source_file) > 0;
}

void JobSink::report(Rejection rejection) {
  ++summary_.rejected;
  if (rejections_) {
    std::lock_guard<std::mutex> lock(report_mutex());
    *rejections_ << "rejected: " << rejection.to_string() << "\n" << std::flush;
  }
  if (summary_.rejection_list.size() < kMaxListedRejections) {
    summary_.rejection_list.push_back(std::move(rejection));
  }
}

}  // namespace hqa
