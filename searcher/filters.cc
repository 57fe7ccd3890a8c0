// @brief Filter and date-range queries over the field table.
#include "searcher/filters.h"

#include "schema/index_format.h"
#include "schema/terms.h"

namespace hqa {

Xapian::Query exact_values_query(const FieldSpec& field, const std::vector<std::string>& values) {
  std::vector<Xapian::Query> any;
  for (const std::string& value : values) {
    any.emplace_back(schema::boolean_term(field.filter_prefix, value));
  }
  return Xapian::Query(Xapian::Query::OP_OR, any.begin(), any.end());
}

Xapian::Query updated_range_query(const std::optional<Date>& from, const std::optional<Date>& to) {
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kUpdatedSlot,
                       from ? from->sortable() : kBeforeAllSortableDates,
                       to ? to->sortable() : kAfterAllSortableDates);
}

std::optional<Xapian::Query> parse_updated_range(std::string_view text) {
  const size_t dots = text.find("..");
  if (dots == std::string_view::npos) return std::nullopt;
  // An empty side is an open end; anything else must be a date.
  std::optional<Date> ends[2];
  const std::string_view sides[2] = {text.substr(0, dots), text.substr(dots + 2)};
  for (int i = 0; i < 2; ++i) {
    if (sides[i].empty()) continue;
    ends[i] = Date::parse(sides[i]);
    if (!ends[i]) return std::nullopt;
  }
  return updated_range_query(ends[0], ends[1]);
}

}  // namespace hqa
