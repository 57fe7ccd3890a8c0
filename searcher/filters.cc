// @brief Filter and date-range queries over the field table.
#include "searcher/filters.h"

#include <algorithm>
#include <map>

#include "analysis/analyzer.h"
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

// Facet values counted as filters match them, folded: "MÉNIÈRE disease" and "Ménière disease"
// are one value, shown in its most frequent written form. Most frequent first, then by value.
std::vector<FacetCount> folded_facet_counts(const Xapian::ValueCountMatchSpy& spy, size_t limit) {
  struct Group {
    uint64_t count = 0;
    std::string shown;
    uint64_t shown_count = 0;
  };
  std::map<std::string, Group> groups;
  for (auto value = spy.values_begin(); value != spy.values_end(); ++value) {
    Group& group = groups[fold_text(*value)];
    group.count += value.get_termfreq();
    if (value.get_termfreq() > group.shown_count) {
      group.shown = *value;
      group.shown_count = value.get_termfreq();
    }
  }
  std::vector<FacetCount> counts;
  for (auto& [folded, group] : groups) counts.push_back({std::move(group.shown), group.count});
  std::sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.count != b.count ? a.count > b.count : a.value < b.value;
  });
  if (counts.size() > limit) counts.resize(limit);
  return counts;
}

}  // namespace hqa
