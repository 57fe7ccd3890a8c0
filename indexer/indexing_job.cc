// @brief A batch job: in place, sharded, or rebuilt beside the index and swapped in.
#include "indexer/indexing_job.h"

#include <algorithm>

#include "indexer/job.h"
#include "indexer/rebuild.h"
#include "indexer/sharded_build.h"

namespace hqa {
namespace {

IndexJobSummary run_in_place(const IndexJobOptions& options) {
  // Shards each read every input, so standard input (readable once) keeps to one job.
  bool reads_stdin =
      std::find(options.inputs.begin(), options.inputs.end(), "-") != options.inputs.end();
  if (options.jobs > 1 && options.delete_ids.empty() && !reads_stdin) return run_sharded(options);
  return Job(options).run();
}

}  // namespace

IndexJobSummary run_index_job(const IndexJobOptions& options) {
  if (options.rebuild) return run_rebuild(options, run_in_place);
  return run_in_place(options);
}

}  // namespace hqa
