// @brief Filters and facets of a request, by field name.
#include "searcher/search_request.h"

#include <algorithm>

#include "schema/errors.h"

namespace hqa {

void add_filter(const std::string& spec, SearchRequest& request) {
  const size_t colon = spec.find(':');
  if (colon == std::string::npos || colon + 1 == spec.size()) {
    throw InvalidInput("a filter is FIELD:VALUE with FIELD " + exact_field_names() + ", not '" +
                       spec.substr(0, 60) + "'");
  }
  const FieldSpec& field = exact_field(std::string_view(spec).substr(0, colon));
  request.filters[field.field].push_back(spec.substr(colon + 1));
}

void add_facet(const std::string& name, SearchRequest& request) {
  const FieldSpec& field = exact_field(name);
  if (std::find(request.facets.begin(), request.facets.end(), field.field) ==
      request.facets.end()) {
    request.facets.push_back(field.field);
  }
}

}  // namespace hqa
