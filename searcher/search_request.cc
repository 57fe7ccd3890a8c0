// @brief Filters, facets and hit fields of a request, by field name.
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

void select_hit_fields(const std::string& list, SearchRequest& request, std::string_view what) {
  std::vector<std::string> fields;
  size_t from = 0;
  while (from <= list.size()) {
    size_t comma = std::min(list.find(',', from), list.size());
    std::string name = list.substr(from, comma - from);
    from = comma + 1;
    if (name.empty()) continue;
    if (std::find(kHitFields.begin(), kHitFields.end(), name) == kHitFields.end()) {
      std::string known;
      for (std::string_view field : kHitFields)
        known += (known.empty() ? "" : ", ") + std::string(field);
      throw InvalidInput(std::string(what) + ": unknown field '" + name.substr(0, 40) + "' (" +
                         known + ")");
    }
    if (std::find(fields.begin(), fields.end(), name) == fields.end()) fields.push_back(name);
  }
  if (fields.empty()) throw InvalidInput(std::string(what) + " names no field");
  // A hit is always shown with its id, which GET /doc/{id} and links need.
  if (std::find(fields.begin(), fields.end(), "id") == fields.end())
    fields.insert(fields.begin(), "id");
  request.fields = std::move(fields);
}

bool shows_field(const std::vector<std::string>& fields, std::string_view name) {
  if (fields.empty()) {
    return std::find(kHitFields.begin(), kHitFields.begin() + kDefaultHitFields, name) !=
           kHitFields.begin() + kDefaultHitFields;
  }
  return std::find(fields.begin(), fields.end(), name) != fields.end();
}

}  // namespace hqa
