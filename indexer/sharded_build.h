// hqa-index --jobs N: N shards built side by side in threads, each parsing every input and
// writing the documents whose id hashes to it, then compacted into the index (or kept behind a
// stub database with --keep-shards).
#ifndef HQA_INDEXER_SHARDED_BUILD_H_
#define HQA_INDEXER_SHARDED_BUILD_H_

#include "indexer/indexing_job.h"

namespace hqa {

// Builds options.jobs shards into the new or empty options.index_dir; IndexError otherwise, or
// when a shard cannot be written or merged.
IndexJobSummary run_sharded(const IndexJobOptions& options);

}  // namespace hqa

#endif  // HQA_INDEXER_SHARDED_BUILD_H_
