// Filters, facets and date ranges of a search request, as Xapian queries over the fields of
// schema/fields.h. The CLI, the HTTP API and the query language (source:GHR, updated:FROM..TO)
// all build their filters here, so a filter means the same wherever it is written.
#ifndef HQA_SEARCHER_FILTERS_H_
#define HQA_SEARCHER_FILTERS_H_

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/date.h"
#include "schema/fields.h"
#include "searcher/search_request.h"

namespace hqa {

// Documents whose `field` (an exact field) holds one of `values`, compared folded as the index
// folds them (schema::boolean_term): "condition:ménière disease" finds "MÉNIÈRE disease".
Xapian::Query exact_values_query(const FieldSpec& field, const std::vector<std::string>& values);

// Documents last updated from `from` to `to`, inclusive; nullopt leaves that end open. Both
// open: the documents that have a date.
Xapian::Query updated_range_query(const std::optional<Date>& from, const std::optional<Date>& to);

// "FROM..TO" as the query language writes it (updated:2024-01-01..), either side may be empty;
// nullopt when the text is not such a range or a side is not a calendar date.
std::optional<Xapian::Query> parse_updated_range(std::string_view text);

// The values a facet's spy counted, grouped as filters match them (folded), each shown in its
// most frequent written form: at most `limit`, most frequent first, then by value.
std::vector<FacetCount> folded_facet_counts(const Xapian::ValueCountMatchSpy& spy, size_t limit);

}  // namespace hqa

#endif  // HQA_SEARCHER_FILTERS_H_
