// Fuzzes the one-pass reader of stored documents (schema/stored_strings.h) against nlohmann's
// parser: whatever it reads, nlohmann reads the same; whatever nlohmann reads as an object of
// strings, it reads too.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "schema/stored_strings.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view json(reinterpret_cast<const char*>(data), size);
  std::optional<hqa::StoredStrings> fast =
      hqa::read_stored_strings(json, [](std::string_view) { return true; });
  nlohmann::json parsed = nlohmann::json::parse(json, nullptr, false);
  std::optional<hqa::StoredStrings> slow;
  if (!parsed.is_discarded() && parsed.is_object()) {
    slow.emplace();
    for (const auto& [key, value] : parsed.items()) {
      if (!value.is_string()) {
        slow.reset();
        break;
      }
      slow->emplace_back(key, value.get<std::string>());
    }
  }
  // nlohmann skips a byte-order mark at the start and stops reading at a NUL byte outside a
  // string; stored documents have neither, and the reader refuses both.
  const bool bom = json.substr(0, 3) == "\xEF\xBB\xBF";
  const bool nul = json.find('\0') != std::string_view::npos;
  if (fast.has_value() != slow.has_value() && !((bom || nul) && slow)) std::abort();
  if (fast && slow) {
    std::sort(fast->begin(), fast->end());
    std::sort(slow->begin(), slow->end());
    if (*fast != *slow) std::abort();
  }
  // Reading no key only checks the syntax: it agrees with nlohmann on every object.
  const bool object = !parsed.is_discarded() && parsed.is_object();
  if (hqa::read_stored_strings(json, [](std::string_view) { return false; }).has_value() &&
      !object) {
    std::abort();
  }
  // Some keys wanted, others passed over: what it reads is nlohmann's value of each wanted key.
  auto even = [](std::string_view key) { return key.size() % 2 == 0; };
  std::optional<hqa::StoredStrings> some = hqa::read_stored_strings(json, even);
  if (some) {
    if (!object) std::abort();
    size_t wanted = 0;
    for (const auto& [key, value] : parsed.items()) {
      if (!even(key)) continue;
      ++wanted;
      if (!value.is_string() || hqa::stored_string(*some, key) != value.get<std::string>()) {
        std::abort();
      }
    }
    if (wanted != some->size()) std::abort();
  }
  return 0;
}
