// Fuzzes the analyzer (analysis/analyzer.h): any bytes in, tokens that keep its documented rules.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analysis/analyzer.h"
#include "schema/terms.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const hqa::Analyzer analyzer;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  uint32_t previous = 0;
  for (const hqa::Token& token : analyzer.analyze(text, 7)) {
    if (token.term.empty() || token.stem.empty()) __builtin_trap();
    if (token.begin >= token.end || token.end > size) __builtin_trap();     // a byte range of text
    if (token.position < 7 || token.position < previous) __builtin_trap();  // in text order
    if (token.kind == hqa::Token::Kind::kWord && token.term.size() > 64) __builtin_trap();
    previous = token.position;
    (void)hqa::schema::name_key_part(token);
  }
  return 0;
}
