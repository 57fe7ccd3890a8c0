// @brief Case and accent folding with ICU, for words and whole values alike.
#include "analysis/folding.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include "analysis/analyzer.h"

namespace hqa {

bool is_apostrophe(UChar32 c) { return c == u'\'' || c == 0x2019 || c == 0x02BC || c == 0xFF07; }

bool fold_unicode(icu::UnicodeString& text) {
  UErrorCode status = U_ZERO_ERROR;
  static const icu::Normalizer2* const casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  static const icu::Normalizer2* const nfd = icu::Normalizer2::getNFDInstance(status);
  static const icu::Normalizer2* const nfc = icu::Normalizer2::getNFCInstance(status);
  if (!casefold || !nfd || !nfc) return false;
  for (int32_t i = 0; i < text.length(); ++i) {
    if (is_apostrophe(text.charAt(i))) text.setCharAt(i, u'\'');
  }
  icu::UnicodeString decomposed = nfd->normalize(casefold->normalize(text, status), status);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    UChar32 c = decomposed.char32At(i);
    if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
    i += U16_LENGTH(c);
  }
  text = nfc->normalize(bare, status);
  return U_SUCCESS(status);
}

std::string fold_text(std::string_view text) {
  std::string out(text);
  bool ascii = true;
  for (char& c : out) {
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
      break;
    }
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  if (ascii) return out;
  icu::UnicodeString folded = icu::UnicodeString::fromUTF8(text);
  out.clear();
  if (fold_unicode(folded)) folded.toUTF8String(out);
  return out;
}

}  // namespace hqa
