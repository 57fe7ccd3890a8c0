// @brief The schema version check shared by the writer and the searcher.
#include "schema/index_format.h"

#include "schema/errors.h"

namespace hqa::schema {

void check_schema(const Xapian::Database& db, std::string_view index_name, std::string_view use) {
  const std::string version = db.get_metadata(kSchemaVersionKey);
  if (version.empty() || version == kSchemaVersion) return;
  throw IndexError("index " + std::string(index_name) + " has schema version " + version +
                   "; this hqa " + std::string(use) + " version " + kSchemaVersion +
                   ": rebuild it (hqa-index --rebuild)");
}

}  // namespace hqa::schema
