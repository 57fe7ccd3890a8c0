// What a running hqa is made of, said in one place for `--version`, GET /version, /health and
// the metrics' build info: the hqa release (CMake's project version), the Xapian and ICU
// libraries it runs on (as loaded at run time, which a Debian upgrade can change under a
// built binary), and the index schema version it reads and writes (schema/index_format.h).
#ifndef HQA_SCHEMA_VERSION_H_
#define HQA_SCHEMA_VERSION_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace hqa {

struct VersionInfo {
  std::string hqa;       // "0.1.0"
  std::string xapian;    // "1.4.22"
  std::string icu;       // "72.1"
  int index_schema = 0;  // schema::kSchemaVersion as a number
};

// Never throws.
VersionInfo version_info();

// {"hqa": "0.1.0", "xapian": "1.4.22", "icu": "72.1", "index_schema": 3}
nlohmann::json version_json(const VersionInfo& version);

// What `PROGRAM --version` prints, one item a line (no newline after the last):
//   hqa-search 0.1.0
//   Xapian 1.4.22
//   ICU 72.1
//   index schema 3
std::string version_text(std::string_view program, const VersionInfo& version);

}  // namespace hqa

#endif  // HQA_SCHEMA_VERSION_H_
