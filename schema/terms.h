// How the analyzer's tokens and a document's exact values become Xapian terms: the term
// builders the index writer and the query builder both call, so that a query term is spelled
// exactly as the indexed one. The prefixes themselves are in schema/index_format.h; the whole
// layout, with a table of prefixes, is in docs/index-format.md.
#ifndef HQA_SCHEMA_TERMS_H_
#define HQA_SCHEMA_TERMS_H_

#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"

namespace hqa::schema {

// The prefix an acronym term carries inside a field: "_" never starts an ordinary term, because
// segmentation strips leading underscores.
inline constexpr std::string_view kAcronymMarker = "_";

// Stemmed terms start with "Z", before the field's prefix, as Xapian's TermGenerator writes them
// and its QueryParser looks them up: `quest` and Omega find lowercase words in an hqa index with
// their default settings.
inline constexpr std::string_view kStemMarker = "Z";

// The index term a token's stem contributes to a field with `prefix` ("" for the answer body):
// "Z" + prefix + stem, with positions (but see positionless_in_body).
std::string field_term(std::string_view prefix, std::string_view stem);

// True for the stems the answer body holds without positions: the stopwords, a third of an
// answer's words and most of its position table. A phrase searched in the body leaves them out
// and checks its other words' order within the span typed. The indexer and the query builder
// both decide by this, on the stem, so that the two always agree even where only stems are known
// (synonym names); so the few stopwords whose stem differs ("because" -> "becaus") keep their
// positions, and the few words that stem to a stopword ("wills" -> "will") lose theirs.
inline bool positionless_in_body(std::string_view stem) { return Analyzer::is_stopword(stem); }

// The acronym term of a folded acronym within a field: prefix + "_" + acronym.
std::string acronym_term(std::string_view prefix, std::string_view folded_acronym);

// Names (a condition and its other names) are also matched whole: the name key is the stems of
// the name's words (Kind::kWord tokens) joined by spaces, where an acronym that is also a
// stopword keeps its acronym form ("_all"), so that the word "all" never matches the name "ALL".
std::string name_key_part(const Token& token);
// The name key of a whole name: name_key_part() of its words, joined by spaces; empty if the
// name has no words.
std::string name_key(const Analyzer& analyzer, std::string_view name);
// The same for a name already analysed: `tokens` is analyzer.analyze(name), at any position.
std::string name_key(const std::vector<Token>& tokens);
// Xapian's limit is 245 bytes a term; longer "names" are descriptions, not names.
bool usable_name_key(std::string_view key);

// A boolean term for the exact value `value` under `prefix`: folded as the analyzer folds
// (fold_text: case and accents), cut at a character boundary to fit Xapian's term limit.
std::string boolean_term(std::string_view prefix, std::string_view value);

// The unique term of a document id, which is not folded: ids are exact.
std::string id_term(std::string_view id);

}  // namespace hqa::schema

#endif  // HQA_SCHEMA_TERMS_H_
