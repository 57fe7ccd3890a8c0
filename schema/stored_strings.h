// Reading a stored document (the JSON of to_json, schema/answer_document.h, kept as the Xapian
// document data) for a result list: its top-level string members, in one pass, without building
// a tree. A page of results reads ten stored documents per search, and nlohmann's parser, which
// copies every byte through its lexer twice, cost more than the match that found them (issue
// 12's profile: 23% of a short query's time). This reads what JSON allows and refuses the rest,
// so that a caller can fall back on nlohmann's parser when it says no.
#ifndef HQA_SCHEMA_STORED_STRINGS_H_
#define HQA_SCHEMA_STORED_STRINGS_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hqa {

// (key, value) pairs, each key once (a key given twice keeps its last value, as nlohmann does).
using StoredStrings = std::vector<std::pair<std::string, std::string>>;

// The members of the top-level JSON object in `json` whose keys `wanted` accepts, with their
// string values unescaped; members of other keys, of any type, are skipped. nullopt when `json`
// is not one JSON object (bad syntax, an escape JSON does not have, a lone surrogate, bytes that
// are not UTF-8, nesting deeper than 64, text after the object), or when a wanted key's value is
// not a string.
std::optional<StoredStrings> read_stored_strings(
    std::string_view json, const std::function<bool(std::string_view key)>& wanted);

// The value of `key` in `strings`, or "" when it has none.
const std::string& stored_string(const StoredStrings& strings, std::string_view key);

}  // namespace hqa

#endif  // HQA_SCHEMA_STORED_STRINGS_H_
