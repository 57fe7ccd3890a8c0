// @brief A sharded build's writers, each behind a bounded queue.
#include "indexer/shard_writers.h"

#include "indexer/index_writer.h"
#include "indexer/job_sink.h"

namespace hqa {
namespace {

// Documents waiting per shard: enough to keep a writer busy while the reader parses, few
// enough that memory does not grow with the input.
constexpr size_t kQueueDocuments = 256;

}  // namespace

ShardWriters::ShardWriters(const IndexJobOptions& options,
                           const std::vector<std::string>& shard_dirs, bool scratch) {
  for (const std::string& dir : shard_dirs) {
    shards_.push_back(std::make_unique<Shard>());
    Shard& shard = *shards_.back();
    const bool first = shards_.size() == 1;
    shard.thread = std::thread([this, &shard, &options, dir, scratch, first] {
      drain(shard, options, dir, scratch, first);
    });
  }
}

ShardWriters::~ShardWriters() {
  close_all();
  for (auto& shard : shards_) {
    if (shard->thread.joinable()) shard->thread.join();
  }
}

void ShardWriters::close_all() {
  for (auto& shard : shards_) {
    std::lock_guard<std::mutex> lock(shard->mutex);
    shard->closed = true;
    shard->changed.notify_all();
  }
}

void ShardWriters::write(AnswerDocument doc, const std::string& file,
                         const std::string& source_file) {
  Shard& shard = *shards_[stable_hash(doc.id) % shards_.size()];
  std::unique_lock<std::mutex> lock(shard.mutex);
  shard.changed.wait(lock, [&] { return shard.queue.size() < kQueueDocuments; });
  shard.queue.push_back({std::move(doc), file, source_file});
  shard.changed.notify_all();
}

// A writer's thread: writes what its queue brings until the queue is closed and empty. After a
// failure it keeps taking documents, unwritten, so that the reader never waits for it.
void ShardWriters::drain(Shard& shard, const IndexJobOptions& options, const std::string& dir,
                         bool scratch, bool first) {
  std::optional<IndexWriter> writer;
  try {
    writer.emplace(IndexWriterOptions{dir, options.batch_size, options.analyzer, scratch});
    if (first && options.synonym_groups) {
      writer->replace_site_synonyms(*options.synonym_groups, options.synonyms_file);
      shard.summary.synonym_groups = options.synonym_groups->size();
    }
  } catch (...) {
    shard.failure = std::current_exception();
  }
  for (;;) {
    Item item;
    {
      std::unique_lock<std::mutex> lock(shard.mutex);
      shard.changed.wait(lock, [&] { return !shard.queue.empty() || shard.closed; });
      if (shard.queue.empty()) break;
      item = std::move(shard.queue.front());
      shard.queue.pop_front();
      shard.changed.notify_all();
    }
    if (shard.failure) continue;
    try {
      if (std::optional<std::string> refused =
              write_and_count(*writer, item.doc, item.source_file, shard.summary)) {
        record_rejection({item.file, 0, "id " + item.doc.id.substr(0, 60), *refused}, shard.summary,
                         options.rejections);
      }
    } catch (...) {
      shard.failure = std::current_exception();
    }
  }
  try {
    if (writer && !shard.failure) writer->commit();
  } catch (...) {
    shard.failure = std::current_exception();
  }
}

IndexJobSummary ShardWriters::finish() {
  close_all();
  IndexJobSummary total;
  for (auto& shard : shards_) shard->thread.join();
  for (auto& shard : shards_) {
    if (shard->failure) std::rethrow_exception(shard->failure);
    const IndexJobSummary& part = shard->summary;
    total.added += part.added;
    total.replaced += part.replaced;
    total.unchanged += part.unchanged;
    total.rejected += part.rejected;
    if (part.synonym_groups) total.synonym_groups = part.synonym_groups;
    for (const Rejection& rejection : part.rejection_list) {
      if (total.rejection_list.size() >= kMaxListedRejections) break;
      total.rejection_list.push_back(rejection);
    }
  }
  return total;
}

}  // namespace hqa
