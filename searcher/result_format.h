// How search responses are written out: the JSON object of `--json` (and of the HTTP API),
// and the plain-text listing a person reads in a terminal.
#ifndef HQA_SEARCHER_RESULT_FORMAT_H_
#define HQA_SEARCHER_RESULT_FORMAT_H_

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "searcher/search_request.h"

namespace hqa {

// {query, total, total_exact, took_ms, notes, hits: [{id, rank, score, question, condition,
// source, type, url, updated, snippet}], facets, facets_estimated, partial,
// unavailable_shards}. question and snippet are HTML; a hit shows only the fields a request
// chose (SearchRequest::fields), when it chose; partial is true when some shards could not be
// searched. A hit explained (SearchRequest::explain) has an "explanation" too
// (searcher/explanation_format.h).
nlohmann::json to_json(const SearchResponse& response);

// A numbered listing; matches in bold when `ansi` is set (a terminal), else plain text.
std::string format_for_terminal(const SearchResponse& response, bool ansi);

}  // namespace hqa

#endif  // HQA_SEARCHER_RESULT_FORMAT_H_
