// Case and accent folding, the one ICU pipeline behind both the analyzer's words and whole
// values (fold_text): apostrophe variants made "'", NFKC case folding, accents (non-spacing
// marks) removed, NFC. Internal to analysis/.
#ifndef HQA_ANALYSIS_FOLDING_H_
#define HQA_ANALYSIS_FOLDING_H_

#include <unicode/unistr.h>
#include <unicode/utypes.h>

namespace hqa {

// U+0027 and the characters written for it (U+2019, U+02BC, U+FF07).
bool is_apostrophe(UChar32 c);

// `text` folded; false if ICU fails (then `text` is unspecified).
bool fold_unicode(icu::UnicodeString& text);

}  // namespace hqa

#endif  // HQA_ANALYSIS_FOLDING_H_
