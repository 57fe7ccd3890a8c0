// The parameters of GET /search, checked and read into a SearchRequest: q, limit, offset, sort,
// filter, from, to, facets, highlight, snippets, prefix and explain; and of GET /explain: id and
// the search's q, sort, filter, from, to and prefix (README, "The HTTP service").
#ifndef HQA_SERVICE_SEARCH_PARAMS_H_
#define HQA_SERVICE_SEARCH_PARAMS_H_

#include <httplib.h>

#include <string>

#include "searcher/search_request.h"
#include "service/http_service.h"

namespace hqa {

// Throws HttpError 400 (service/http_params.h) for an unknown, repeated or bad parameter and
// for limits over `options`' own, InvalidInput for a bad filter, facet or date.
SearchRequest search_request(const httplib::Request& req, const ServiceOptions& options);

struct ExplainRequest {
  SearchRequest request;
  std::string id;
};

// The same checks; HttpError 400 without an id, or with one over 200 bytes.
ExplainRequest explain_request(const httplib::Request& req, const ServiceOptions& options);

}  // namespace hqa

#endif  // HQA_SERVICE_SEARCH_PARAMS_H_
