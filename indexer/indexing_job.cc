// @brief A batch job: in place, sharded, or rebuilt beside the index and swapped in.
#include "indexer/indexing_job.h"

#include <algorithm>
#include <filesystem>
#include <thread>

#include "indexer/job.h"
#include "indexer/rebuild.h"
#include "indexer/sharded_build.h"

namespace hqa {
namespace {

IndexJobSummary run_in_place(const IndexJobOptions& options) {
  if (options.jobs > 1 && options.delete_ids.empty()) return run_sharded(options);
  return Job(options).run();
}

}  // namespace

unsigned default_jobs(const IndexJobOptions& options) {
  namespace fs = std::filesystem;
  std::error_code error;
  const bool new_index =
      !fs::exists(options.index_dir, error) ||
      (fs::is_directory(options.index_dir, error) && fs::is_empty(options.index_dir, error));
  if (!(options.rebuild || new_index) || !options.delete_ids.empty()) return 1;
  return std::max(1u, std::thread::hardware_concurrency());
}

IndexJobSummary run_index_job(const IndexJobOptions& options) {
  IndexJobOptions job = options;
  if (!options.synonyms_file.empty()) {
    job.synonym_groups = read_synonym_file(options.synonyms_file, Analyzer(options.analyzer));
  } else if (options.rebuild) {
    // A rebuild replaces the index, and keeps what the site said its names mean.
    std::vector<SynonymGroup> kept = site_synonym_groups(options.index_dir, &job.synonyms_file);
    if (!kept.empty()) job.synonym_groups = std::move(kept);
  }
  if (job.rebuild) return run_rebuild(job, run_in_place);
  return run_in_place(job);
}

}  // namespace hqa
