// @brief Lookups in the field table.
#include "schema/fields.h"

namespace hqa {

const FieldSpec& field_spec(Field field) {
  for (const FieldSpec& spec : kFields) {
    if (spec.field == field) return spec;
  }
  return kFields.front();  // unreachable: every Field has a row
}

const FieldSpec* find_field(std::string_view name) {
  for (const FieldSpec& spec : kFields) {
    if (name == spec.name || (!spec.alias.empty() && name == spec.alias)) return &spec;
  }
  return nullptr;
}

std::string exact_field_names() {
  std::string names;
  size_t left = 0;
  for (const FieldSpec& spec : kFields) left += spec.exact ? 1 : 0;
  for (const FieldSpec& spec : kFields) {
    if (!spec.exact) continue;
    names += spec.name;
    --left;
    names += left > 1 ? ", " : left == 1 ? " or " : "";
  }
  return names;
}

}  // namespace hqa
