// How an answer document is laid out in a Xapian database: term prefixes per field, boolean
// filter terms, value slots. The indexer writes it and the searcher reads it; nothing else
// should spell these constants.
//
// Text fields hold the analyzer's stems as "Z" + prefix + stem, with positions but for the answer
// body's stopwords (positionless_in_body); acronyms add prefix + "_" + acronym (see
// analysis/analyzer.h). Following Xapian's conventions (stemmed terms marked "Z", the answer body
// unprefixed), `quest` searches the answer body as it is.
#ifndef HQA_INDEXER_INDEX_SCHEMA_H_
#define HQA_INDEXER_INDEX_SCHEMA_H_

#include <string>
#include <string_view>

#include <xapian.h>

namespace hqa::schema {

// Text fields.
inline constexpr std::string_view kAnswerPrefix = "";
inline constexpr std::string_view kQuestionPrefix = "XQ";
inline constexpr std::string_view kConditionPrefix = "XC";  // the condition and its other names
// Whole names: "XF" + name key (analysis/analyzer.h) of the condition and of each other name.
inline constexpr std::string_view kNamePrefix = "XF";

// Boolean terms: exact values, lower-cased, for filters and updates by id.
inline constexpr std::string_view kIdPrefix = "Q";
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

// The spelling table holds the folded words of questions, conditions and other names: the
// vocabulary of "did you mean" and of search-as-you-type.

// A database made of shards (hqa-index --keep-shards) is a folder holding this stub file, which
// lists the shard folders beside it one per line ("auto shard-0"), as Xapian's stub databases do.
inline constexpr const char* kShardStubFile = "XAPIANDB";

// Metadata keys.
inline constexpr const char* kSchemaVersionKey = "hqa.schema";
// 2: stems carry Xapian's "Z" marker, and the answer body's stopwords have no positions
// (positionless_in_body); version 1 wrote bare stems, all with positions.
inline constexpr const char* kSchemaVersion = "2";

// Why `db` cannot be used by this hqa: "has schema version 1; this hqa reads version 2: rebuild
// it (hqa-index --rebuild)", with `use` ("reads", "writes") in it; empty if it holds this schema
// or none yet (a new index). An index of another schema would match no query, silently.
std::string schema_mismatch(const Xapian::Database& db, std::string_view use);

// A boolean term for `value` under `prefix`: lower-cased ASCII, cut to fit Xapian's term limit.
std::string boolean_term(std::string_view prefix, std::string_view value);

// "2026-05-08" -> "20260508", the form of the updated slot; empty unless `date` is YYYY-MM-DD.
std::string sortable_date(std::string_view date);

inline std::string id_term(std::string_view id) { return std::string(kIdPrefix) + std::string(id); }

}  // namespace hqa::schema

#endif  // HQA_INDEXER_INDEX_SCHEMA_H_
