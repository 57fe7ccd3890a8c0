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
  if (options.rebuild) return run_rebuild(options, run_in_place);
  return run_in_place(options);
}

}  // namespace hqa
