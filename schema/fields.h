// The fields of an answer document that requests name, in one table: the query language
// (question:word, source:GHR, updated:FROM..TO), filters and facets (--filter, filter=,
// --facets, facets=) and sorting (sort=updated) all look fields up here, on the command line
// and over HTTP alike, so a field's name, term prefixes and value slot are spelled once.
#ifndef HQA_SCHEMA_FIELDS_H_
#define HQA_SCHEMA_FIELDS_H_

#include <xapian.h>

#include <array>
#include <string>
#include <string_view>

#include "schema/index_format.h"

namespace hqa {

enum class Field { kQuestion, kAnswer, kCondition, kSource, kType, kUpdated };

struct FieldSpec {
  Field field;
  std::string_view name;   // as requests write it
  std::string_view alias;  // another name the query language takes ("title"), or empty
  // Searched as words (question:word): the stems' prefix. Only where `words`.
  bool words;
  std::string_view text_prefix;
  // Holds one exact value (a source, a type, a condition): filters match its folded boolean
  // term under filter_prefix, and facets count the value as written in `slot`.
  bool exact;
  std::string_view filter_prefix;
  Xapian::valueno slot;  // with `exact`: the value as written; kUpdated: the sortable date
};

inline constexpr std::array<FieldSpec, 6> kFields = {{
    {Field::kQuestion, "question", "title", true, schema::kQuestionPrefix, false, "", 0},
    {Field::kAnswer, "answer", "body", true, schema::kAnswerPrefix, false, "", 0},
    // The words of the condition and its other names; its filter and facet are the condition
    // as written.
    {Field::kCondition, "condition", "focus", true, schema::kConditionPrefix, true,
     schema::kConditionFilterPrefix, schema::kConditionSlot},
    {Field::kSource, "source", "", false, "", true, schema::kSourcePrefix, schema::kSourceSlot},
    {Field::kType, "type", "qtype", false, "", true, schema::kTypePrefix, schema::kTypeSlot},
    {Field::kUpdated, "updated", "date", false, "", false, "", schema::kUpdatedSlot},
}};

const FieldSpec& field_spec(Field field);

// The field called `name` (or its alias), or nullptr.
const FieldSpec* find_field(std::string_view name);

// "condition, source or type": the names of the exact fields (filters and facets), for messages.
std::string exact_field_names();

}  // namespace hqa

#endif  // HQA_SCHEMA_FIELDS_H_
