// The flags every hqa-search subcommand that searches shares: the indexes, remote shards and
// the ranking options (searcher/ranking_options.h), so that a researcher sweeps the same knobs
// in one search, a batch run and the service.
#ifndef HQA_TOOLS_SEARCH_FLAGS_H_
#define HQA_TOOLS_SEARCH_FLAGS_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "searcher/searcher.h"

namespace hqa {

// Adds --index, --vocabulary, --remote-timeout, --weighting, --language and the ranking flags.
void add_searcher_options(CLI::App& app, SearcherOptions& options, bool index_required);

// The flags that narrow or order a search: --filter, --sort, --from, --to.
struct RequestFlags {
  std::vector<std::string> filters;
  std::string sort = "relevance", from, to;
  CLI::Option* from_flag = nullptr;
  CLI::Option* to_flag = nullptr;

  void add_to(CLI::App& app);
  // Sets them in `request`; throws InvalidInput naming the flag whose value is wrong.
  void apply(SearchRequest& request) const;
};

}  // namespace hqa

#endif  // HQA_TOOLS_SEARCH_FLAGS_H_
