// @brief GET /search's parameters read into a SearchRequest.
#include "service/search_params.h"

#include <set>
#include <sstream>
#include <string>

#include "schema/date.h"
#include "service/http_params.h"
#include "service/presentation_params.h"

namespace hqa {

namespace {

SearchRequest read_request(const httplib::Request& req, const ServiceOptions& options,
                           const std::set<std::string>& known) {
  check_known_parameters(req, known);
  SearchRequest request;
  request.query = req.get_param_value("q");
  check_text("q", request.query, options.max_query_bytes, NulBytes::kAllowed);
  if (req.has_param("limit"))
    request.limit = parse_count("limit", req.get_param_value("limit"), options.max_limit);
  if (req.has_param("offset")) {
    request.offset = parse_count("offset", req.get_param_value("offset"), options.max_depth);
  }
  if (request.offset + request.limit > options.max_depth) {
    throw HttpError{400, "offset + limit must be at most " + std::to_string(options.max_depth)};
  }
  std::string sort = req.get_param_value("sort");
  if (sort == "updated") {
    request.sort = SearchRequest::Sort::kUpdated;
  } else if (!sort.empty() && sort != "relevance") {
    throw HttpError{400, "parameter 'sort' must be relevance or updated"};
  }
  for (size_t i = 0; i < req.get_param_value_count("filter"); ++i) {
    std::string filter = req.get_param_value("filter", i);
    check_text("filter", filter, options.max_query_bytes);
    add_filter(filter, request, "parameter 'filter'");
  }
  if (req.has_param("from"))
    request.updated_from = parse_date(req.get_param_value("from"), "parameter 'from'");
  if (req.has_param("to"))
    request.updated_to = parse_date(req.get_param_value("to"), "parameter 'to'");
  std::stringstream facets(req.get_param_value("facets"));
  for (std::string name; std::getline(facets, name, ',');) {
    if (!name.empty()) add_facet(name, request, "parameter 'facets'");
  }
  if (req.has_param("highlight"))
    request.highlight = parse_bool("highlight", req.get_param_value("highlight"));
  // A search box sends what is typed so far: its last word is a prefix unless prefix=false.
  request.last_word_is_prefix =
      !req.has_param("prefix") || parse_bool("prefix", req.get_param_value("prefix"));
  if (req.has_param("snippets"))
    request.snippets = parse_bool("snippets", req.get_param_value("snippets"));
  // The hits shown, each with its score taken apart (searcher/explanation.h).
  if (req.has_param("explain"))
    request.explain = parse_bool("explain", req.get_param_value("explain"));
  return request;
}

}  // namespace

SearchRequest search_request(const httplib::Request& req, const ServiceOptions& options) {
  SearchRequest request =
      read_request(req, options,
                   {"q", "limit", "offset", "sort", "filter", "from", "to", "facets", "highlight",
                    "snippets", "prefix", "explain", "highlight_pre", "highlight_post",
                    "crop_marker", "snippet_words", "fields", "max_values"});
  read_presentation_params(req, request);  // tags, snippet length, fields, facet values
  return request;
}

ExplainRequest explain_request(const httplib::Request& req, const ServiceOptions& options) {
  ExplainRequest explain;
  explain.request =
      read_request(req, options, {"q", "id", "sort", "filter", "from", "to", "prefix"});
  explain.id = req.get_param_value("id");
  if (explain.id.empty()) throw HttpError{400, "parameter 'id' is required"};
  check_text("id", explain.id, 200);
  return explain;
}

}  // namespace hqa
