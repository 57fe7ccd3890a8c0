// The on-disk format of an hqa index, written down once: term prefixes per field, boolean
// filter terms, value slots, metadata keys and the schema version. The indexer writes it and the
// searcher reads it; nothing else spells these constants. The term builders are in
// schema/terms.h, the fields that filters, facets and queries name in schema/fields.h, and
// docs/index-format.md describes the whole layout with a table of prefixes, as Omega's
// termprefixes document does.
//
// Text fields hold the analyzer's stems as "Z" + prefix + stem, with positions but for the answer
// body's stopwords (positionless_in_body); acronyms add prefix + "_" + acronym. Following
// Xapian's conventions (stemmed terms marked "Z", the answer body unprefixed), `quest` searches
// the answer body as it is.
#ifndef HQA_SCHEMA_INDEX_FORMAT_H_
#define HQA_SCHEMA_INDEX_FORMAT_H_

#include <xapian.h>

#include <string>
#include <string_view>

namespace hqa::schema {

// Text fields.
inline constexpr std::string_view kAnswerPrefix = "";
inline constexpr std::string_view kQuestionPrefix = "XQ";
inline constexpr std::string_view kConditionPrefix = "XC";  // the condition and its other names
// Whole names: "XF" + name key (schema/terms.h) of the condition and of each other name.
inline constexpr std::string_view kNamePrefix = "XF";

// Boolean terms: exact values, folded (boolean_term), for filters and updates by id.
inline constexpr std::string_view kIdPrefix = "Q";  // the id as given, not folded
inline constexpr std::string_view kSourcePrefix = "XS";
inline constexpr std::string_view kTypePrefix = "XT";
inline constexpr std::string_view kConditionFilterPrefix = "XK";

// Value slots.
inline constexpr Xapian::valueno kUpdatedSlot = 0;      // "YYYYMMDD", sortable, for date ranges
inline constexpr Xapian::valueno kContentHashSlot = 1;  // content_hash() of the document
inline constexpr Xapian::valueno kSourceSlot = 2;       // as written, for facets
inline constexpr Xapian::valueno kConditionSlot = 3;    // as written, for facets
inline constexpr Xapian::valueno kTypeSlot = 4;         // as written, for facets
inline constexpr Xapian::valueno kIdSlot = 5;           // the id: ranking-only runs read no data
inline constexpr Xapian::valueno kAnswerHashSlot = 6;   // equal for answers equal but for case
                                                        // and spacing: duplicates collapse
inline constexpr Xapian::valueno kSourceFileSlot = 7;   // absolute path of the input file the
                                                        // document came from, for --prune

// The document data is the document's JSON (schema/answer_document.h, to_json).

// The spelling table holds the folded words of questions, conditions and other names: the
// vocabulary of "did you mean" and of search-as-you-type. The synonym table holds, by name key,
// the other names of each condition (schema/synonyms.h), and, by kSiteSynonymPrefix + name key,
// the groups of the site's synonyms file (hqa-index --synonyms), which a new file replaces
// whole. Name keys are folded, so they never start with the prefix's capitals.
inline constexpr std::string_view kSiteSynonymPrefix = "XSYN";

// A database made of shards (hqa-index --keep-shards) is a folder holding this stub file, which
// lists the shard folders beside it one per line ("auto shard-0"), as Xapian's stub databases do.
inline constexpr const char* kShardStubFile = "XAPIANDB";

// Metadata keys.
inline constexpr const char* kSchemaVersionKey = "hqa.schema";
inline constexpr const char* kLanguageKey = "hqa.language";       // the stemming language
inline constexpr const char* kLastCommitKey = "hqa.last_commit";  // Unix seconds, as text
// The synonyms file whose groups the index holds, as given to hqa-index --synonyms.
inline constexpr const char* kSynonymsFileKey = "hqa.synonyms_file";
// 2: stems carry Xapian's "Z" marker, and the answer body's stopwords have no positions
// (positionless_in_body); version 1 wrote bare stems, all with positions.
// 3: boolean terms (filters, condition names for completion) are folded as the analyzer folds,
// case and accents alike; version 2 lower-cased ASCII only.
inline constexpr const char* kSchemaVersion = "3";

// Throws IndexError ("index DIR has schema version 2; this hqa reads version 3: rebuild it
// (hqa-index --rebuild)", with `use`, "reads" or "writes", in it) unless `db` holds this schema
// or none yet (a new index). An index of another schema would match no query, silently.
void check_schema(const Xapian::Database& db, std::string_view index_name, std::string_view use);

}  // namespace hqa::schema

#endif  // HQA_SCHEMA_INDEX_FORMAT_H_
