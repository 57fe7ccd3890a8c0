// Word segments of plain ASCII text found without ICU: UAX #29's word rules as ICU applies them
// to ASCII letters, digits, spaces and punctuation. ICU's rule-based break iterator spends about
// 180 instructions a character, and a search analyses the snippet regions of ten answers; this
// finds the same words about twenty times cheaper. The analyzer takes it for the stretches of text
// it covers and ICU for the rest, and a test compares the two on real and random text.
#ifndef HQA_ANALYSIS_ASCII_WORDS_H_
#define HQA_ANALYSIS_ASCII_WORDS_H_

#include <unicode/umachine.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace hqa {

// True when every unit of the UTF-16 text is an ASCII character the rules below cover: letters,
// digits, spaces, tabs, line breaks and punctuation but "_" and "@" (which ICU joins to words
// in ways these rules leave to it: "a_b", "a@b", and "@" alone is a word).
bool ascii_words_apply(const UChar* units, int32_t length);

// The [begin, end) unit spans of the word segments (those ICU gives a word or number status) of
// a text ascii_words_apply accepts: runs of letters and digits, joined across a single "." or
// "'" between letters or between digits, and "," or ";" between digits.
void ascii_words(const UChar* units, int32_t length,
                 std::vector<std::pair<int32_t, int32_t>>& words);

// Splits the UTF-16 text into pieces at the spaces followed by a printable ASCII character
// (where every segmentation breaks, whatever lies around), appends the word spans of the pieces
// ascii_words_apply accepts to `words`, and the spans of the runs of other pieces, which ICU must
// segment, to `others`. Real answers are mostly ASCII with a curly quote or a dash here and there.
void ascii_words_where_they_apply(const UChar* units, int32_t length,
                                  std::vector<std::pair<int32_t, int32_t>>& words,
                                  std::vector<std::pair<int32_t, int32_t>>& others);

}  // namespace hqa

#endif  // HQA_ANALYSIS_ASCII_WORDS_H_
