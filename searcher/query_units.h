// How one word or phrase of a query becomes a Xapian query over hqa's text fields: the fields
// a clause searches with their weights, and the alternatives a word is matched by (its stem, an
// acronym, the joined and split forms of a hyphenated group). The query builder's parts; the
// index side writes the same terms through schema/terms.h.
#ifndef HQA_SEARCHER_QUERY_UNITS_H_
#define HQA_SEARCHER_QUERY_UNITS_H_

#include <xapian.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "schema/fields.h"
#include "searcher/query_builder.h"
#include "searcher/ranking_options.h"

namespace hqa {

// A text field a word is searched in, and the weight of its matches.
struct WeightedField {
  std::string_view prefix;
  double weight;
};

// The fields a clause's words are searched in: `field` alone, or (nullopt) every text field
// weighted by `weights`. `scored` (the optional words of a ranked query) leaves out fields of
// weight 0: they add no score, only postings for the matcher to walk and matches that rank below
// every scored one; a document known only by a condition name still matches through the name
// itself. Required and excluded words look in every field, weighted or not, and so do the words
// when every field weighs 0.
std::vector<WeightedField> text_fields(std::optional<Field> field, const QueryWeights& weights,
                                       bool scored);

// The within-query frequency of a term of the field with `prefix`: short fields are marked for
// FieldBm25Weight through it.
Xapian::termcount wqf_of(std::string_view prefix);

// One way of matching a query word: a single term, a phrase of stems, or an acronym.
struct Alternative {
  std::vector<std::string> stems;  // one stem, or a phrase
  bool acronym = false;            // stems[0] is a folded acronym
};

// A query word or group: matched by any of its alternatives.
using Unit = std::vector<Alternative>;

Xapian::Query alternative_query(const Alternative& alt, std::string_view prefix);
// The unit in each of `fields`, weighted, the fields combined with OR. Its alternatives combine
// with `combine`: OR (each weighs as the word it is), or SYNONYM (all weigh as one word, by
// their combined frequency: the completions of a word being typed, so that a rare one does not
// outweigh the common ones, as Xapian's own wildcards do).
Xapian::Query unit_query(const Unit& unit, const std::vector<WeightedField>& fields,
                         Xapian::Query::op combine = Xapian::Query::OP_OR);

// `queries` with each one given more than once kept once, its weight scaled by the times it was
// given (at its first place): a word a long question repeats scores as before, but the matcher
// walks its postings once, not once a repetition.
void merge_repeated(std::vector<Xapian::Query>& queries);

// Splits the tokens of a word clause into units, and says what to mark. Stopword-only units go
// to `stop_units`, to be searched only if the query has nothing else. With `index`, a word it
// does not know is matched by its spelling correction too.
void word_units(const std::vector<Token>& tokens, const Analyzer& analyzer,
                const IndexLookup* index, std::vector<Unit>& units, std::vector<Unit>& stop_units,
                HighlightTerms& highlight);

}  // namespace hqa

#endif  // HQA_SEARCHER_QUERY_UNITS_H_
