// A search request held within a Searcher's limits (query bytes, results per page, depth), with
// a note in the response for each limit applied, so that nobody is refused for asking too much.
#ifndef HQA_SEARCHER_REQUEST_LIMITS_H_
#define HQA_SEARCHER_REQUEST_LIMITS_H_

#include <string>
#include <vector>

#include "searcher/searcher.h"

namespace hqa {

// `request` within the configured limits; what was changed is noted in `notes`.
SearchRequest within_limits(const SearchRequest& request, const SearcherOptions& options,
                            std::vector<std::string>& notes);

}  // namespace hqa

#endif  // HQA_SEARCHER_REQUEST_LIMITS_H_
