// @brief Boolean term spelling shared by indexer and searcher.
#include "indexer/index_schema.h"

#include <cctype>

namespace hqa::schema {

std::string boolean_term(std::string_view prefix, std::string_view value) {
  // Xapian terms are at most 245 bytes; leave room for the prefix.
  constexpr size_t kMaxValueBytes = 200;
  std::string term(prefix);
  for (char c : value.substr(0, kMaxValueBytes)) {
    term += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return term;
}

std::string schema_mismatch(const Xapian::Database& db, std::string_view use) {
  const std::string version = db.get_metadata(kSchemaVersionKey);
  if (version.empty() || version == kSchemaVersion) return {};
  return "has schema version " + version + "; this hqa " + std::string(use) + " version " +
         kSchemaVersion + ": rebuild it (hqa-index --rebuild)";
}

std::string sortable_date(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return {};
  std::string digits;
  for (size_t i = 0; i < date.size(); ++i) {
    if (i == 4 || i == 7) continue;
    if (!std::isdigit(static_cast<unsigned char>(date[i]))) return {};
    digits += date[i];
  }
  return digits;
}

}  // namespace hqa::schema
