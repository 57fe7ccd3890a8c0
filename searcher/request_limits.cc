// @brief Requests held within the Searcher's limits.
#include "searcher/request_limits.h"

#include <algorithm>
#include <string>

namespace hqa {
namespace {

// Cuts `query` to at most `limit` bytes, at a space if there is one, never inside a UTF-8
// sequence.
std::string cut_query(const std::string& query, size_t limit) {
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(query[cut]) & 0xC0) == 0x80) --cut;
  size_t space = query.rfind(' ', cut);
  if (space != std::string::npos && space > limit / 2) cut = space;
  return query.substr(0, cut);
}

}  // namespace

SearchRequest within_limits(const SearchRequest& request, const SearcherOptions& options,
                            std::vector<std::string>& notes) {
  SearchRequest out = request;
  if (out.query.size() > options.max_query_bytes) {
    out.query = cut_query(out.query, options.max_query_bytes);
    notes.push_back("the query was cut to its first " + std::to_string(out.query.size()) +
                    " bytes");
  }
  if (out.limit > options.max_limit) {
    out.limit = options.max_limit;
    notes.push_back("limit lowered to " + std::to_string(options.max_limit));
  }
  if (out.offset + out.limit > options.max_depth) {
    out.offset = options.max_depth > out.limit ? options.max_depth - out.limit : 0;
    notes.push_back("results beyond rank " + std::to_string(options.max_depth) + " are not served");
  }
  if (out.snippet_words) {
    out.snippet_words = std::clamp(*out.snippet_words, kMinSnippetWords, kMaxSnippetWords);
  }
  if (out.facet_values) out.facet_values = std::min(*out.facet_values, kMaxFacetValues);
  return out;
}

}  // namespace hqa
