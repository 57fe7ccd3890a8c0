// @brief The versions of hqa, its libraries and its index schema.
#include "schema/version.h"

#include <unicode/uversion.h>
#include <xapian.h>

#include <string>

#include "schema/index_format.h"

#ifndef HQA_VERSION
#error "HQA_VERSION is set by schema/CMakeLists.txt from project(hqa VERSION ...)"
#endif

namespace hqa {

VersionInfo version_info() {
  VersionInfo version;
  version.hqa = HQA_VERSION;
  version.xapian = Xapian::version_string();
  // u_getVersion: the ICU loaded at run time, not the headers built against.
  UVersionInfo icu;
  u_getVersion(icu);
  char icu_text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(icu, icu_text);
  version.icu = icu_text;
  version.index_schema = std::stoi(schema::kSchemaVersion);
  return version;
}

nlohmann::json version_json(const VersionInfo& version) {
  return {{"hqa", version.hqa},
          {"xapian", version.xapian},
          {"icu", version.icu},
          {"index_schema", version.index_schema}};
}

std::string version_text(std::string_view program, const VersionInfo& version) {
  return std::string(program) + " " + version.hqa + "\nXapian " + version.xapian + "\nICU " +
         version.icu + "\nindex schema " + std::to_string(version.index_schema);
}

}  // namespace hqa
