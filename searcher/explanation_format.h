// How an explanation of a score (searcher/explanation.h) is written out: the JSON object of
// `hqa-search explain --json`, which /search?explain=true also puts in each hit, and the
// listing a person reads in a terminal.
#ifndef HQA_SEARCHER_EXPLANATION_FORMAT_H_
#define HQA_SEARCHER_EXPLANATION_FORMAT_H_

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "searcher/explanation.h"

namespace hqa {

// {id, query, matched, score, sum_of_parts, rank, collapsed_under, duplicates_hidden,
//  weighting: {scheme, k1, b, short_field_b}, document: {length, average_length, documents},
//  parts: [{kind, field, terms, words, within, weight, score,
//           bm25: {wdf, termfreq, idf, k1, b} or null}],
//  filters: [{filter, exclusion, passed}], why_not, notes}. rank and collapsed_under are null
// when they do not apply. README ("Explaining a score") describes each field.
nlohmann::json to_json(const Explanation& explanation);

// The score as a sum, one part a line, largest first, with the statistics of each; then the
// filters, and why not when the document is not matched.
std::string format_for_terminal(const Explanation& explanation);

}  // namespace hqa

#endif  // HQA_SEARCHER_EXPLANATION_FORMAT_H_
