// @brief Sharded builds: shards side by side in threads, then merged or kept behind a stub.
#include "indexer/sharded_build.h"

#include <xapian.h>

#include <filesystem>
#include <fstream>

#include "indexer/job.h"
#include "indexer/job_sink.h"
#include "indexer/shard_writers.h"
#include "schema/errors.h"
#include "schema/index_format.h"

namespace hqa {
namespace fs = std::filesystem;
namespace {

std::string shard_name(unsigned shard) { return "shard-" + std::to_string(shard); }

}  // namespace

// Builds options.jobs shards side by side in threads, then compacts them into the index, or
// keeps them behind a stub database.
IndexJobSummary run_sharded(const IndexJobOptions& options) {
  std::error_code error;
  if (fs::exists(options.index_dir, error) && !fs::is_empty(options.index_dir, error)) {
    throw IndexError("--jobs builds a new index, and " + options.index_dir +
                     " is not empty: index into a new folder, rebuild it with --rebuild, "
                     "or run with --jobs 1");
  }
  auto start = std::chrono::steady_clock::now();
  const fs::path shard_root =
      options.keep_shards ? fs::path(options.index_dir) : fs::path(options.index_dir + ".shards");
  if (!options.keep_shards) fs::remove_all(shard_root, error);
  std::vector<std::string> shard_dirs;
  for (unsigned shard = 0; shard < options.jobs; ++shard) {
    shard_dirs.push_back((shard_root / shard_name(shard)).string());
  }
  // Shards that are merged at the end are scratch; kept ones are the index.
  ShardWriters writers(options, shard_dirs, !options.keep_shards);
  // One reader parses every input once and routes each document to its shard's writer.
  IndexJobSummary summary = Job(options, [&](AnswerDocument doc, const std::string& file,
                                             const std::string& source_file) {
                              writers.write(std::move(doc), file, source_file);
                              return std::optional<std::string>();
                            }).run();
  // What the reader rejected and counted stays; what was written comes from the writers.
  IndexJobSummary written = writers.finish();
  summary.added = written.added;
  summary.replaced = written.replaced;
  summary.unchanged = written.unchanged;
  summary.rejected += written.rejected;
  summary.synonym_groups = written.synonym_groups;
  for (Rejection& rejection : written.rejection_list) {
    if (summary.rejection_list.size() >= kMaxListedRejections) break;
    summary.rejection_list.push_back(std::move(rejection));
  }
  if (options.keep_shards) {
    // Written last, so that a killed build leaves no stub naming half-built shards.
    const fs::path stub = shard_root / schema::kShardStubFile;
    const fs::path partial = shard_root / (std::string(schema::kShardStubFile) + ".tmp");
    {
      std::ofstream out(partial);
      for (unsigned shard = 0; shard < options.jobs; ++shard)
        out << "auto " << shard_name(shard) << "\n";
      if (!out.flush()) throw IndexError("cannot write " + partial.string());
    }
    fs::rename(partial, stub);
  } else {
    try {
      Xapian::Database shards;
      for (unsigned shard = 0; shard < options.jobs; ++shard) {
        shards.add_database(Xapian::Database((shard_root / shard_name(shard)).string()));
      }
      shards.compact(options.index_dir);
    } catch (const Xapian::Error& e) {
      throw IndexError("merging the shards into " + options.index_dir +
                       " failed: " + e.get_description() + " (the shards are kept in " +
                       shard_root.string() + ")");
    }
    fs::remove_all(shard_root, error);
  }
  summary.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return summary;
}

}  // namespace hqa
