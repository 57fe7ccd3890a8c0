// UTF-8 validation for input checks: readers reject text that is not UTF-8 with the place where
// it stops being UTF-8, rather than indexing replacement characters.
#ifndef HQA_ANALYSIS_UTF8_H_
#define HQA_ANALYSIS_UTF8_H_

#include <cstddef>
#include <optional>
#include <string_view>

namespace hqa {

// The byte offset of the first ill-formed sequence or NUL byte in `text`, or nullopt if `text`
// is well-formed UTF-8 without NUL bytes. (A NUL byte is legal UTF-8 but marks binary data.)
std::optional<size_t> find_invalid_utf8(std::string_view text);

// True if `text` holds only spaces, tabs and line breaks (or nothing).
bool is_blank(std::string_view text);

// 1-based line number of byte `offset` in `text`.
size_t line_of_offset(std::string_view text, size_t offset);

}  // namespace hqa

#endif  // HQA_ANALYSIS_UTF8_H_
