// hqa-index --rebuild: builds anew beside the index (INDEX.rebuild) and swaps the build in
// atomically, under a lock (INDEX.lock) that keeps two rebuilds apart. Searchers see the old
// index until the swap and the whole new one after it.
#ifndef HQA_INDEXER_REBUILD_H_
#define HQA_INDEXER_REBUILD_H_

#include <functional>

#include "indexer/indexing_job.h"

namespace hqa {

// Builds with `build_in_place` into the folder beside options.index_dir, then swaps it in: a
// symlink is flipped to a new versioned folder, a folder is exchanged with the build (the
// previous one kept as INDEX.previous). A build with rejections is not swapped in unless
// options.swap_despite_rejections. Throws IndexError when another rebuild holds the lock or
// the swap fails.
IndexJobSummary run_rebuild(
    const IndexJobOptions& options,
    const std::function<IndexJobSummary(const IndexJobOptions&)>& build_in_place);

}  // namespace hqa

#endif  // HQA_INDEXER_REBUILD_H_
