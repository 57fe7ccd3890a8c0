// The flags every hqa-search subcommand that searches shares: the indexes, remote shards and
// the ranking options (searcher/ranking_options.h), so that a researcher sweeps the same knobs
// in one search, a batch run and the service.
#ifndef HQA_TOOLS_SEARCH_FLAGS_H_
#define HQA_TOOLS_SEARCH_FLAGS_H_

#include <CLI/CLI.hpp>

#include "searcher/searcher.h"

namespace hqa {

// Adds --index, --vocabulary, --remote-timeout, --weighting, --language and the ranking flags.
void add_searcher_options(CLI::App& app, SearcherOptions& options, bool index_required);

}  // namespace hqa

#endif  // HQA_TOOLS_SEARCH_FLAGS_H_
