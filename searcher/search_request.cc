// @brief Filters and facets of a request, by field name.
#include "searcher/search_request.h"

#include <algorithm>

#include "schema/errors.h"

namespace hqa {

void add_filter(const std::string& spec, SearchRequest& request, std::string_view what) {
  const size_t colon = spec.find(':');
  const FieldSpec* field = nullptr;
  if (colon != std::string::npos && colon + 1 < spec.size()) {
    field = find_field(std::string_view(spec).substr(0, colon));
  }
  if (!field || !field->exact || field->name != std::string_view(spec).substr(0, colon)) {
    throw InvalidInput(std::string(what) + " wants FIELD:VALUE with FIELD " + exact_field_names() +
                       ", not '" + spec.substr(0, 60) + "'");
  }
  request.filters[field->field].push_back(spec.substr(colon + 1));
}

void add_facet(const std::string& name, SearchRequest& request, std::string_view what) {
  const FieldSpec* field = find_field(name);
  if (!field || !field->exact || field->name != name) {
    throw InvalidInput(std::string(what) + ": unknown facet '" + name.substr(0, 40) + "' (" +
                       exact_field_names() + ")");
  }
  if (std::find(request.facets.begin(), request.facets.end(), field->field) ==
      request.facets.end()) {
    request.facets.push_back(field->field);
  }
}

}  // namespace hqa
