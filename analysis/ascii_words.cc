// @brief UAX #29 word segments of ASCII text, as ICU finds them, without ICU.
#include "analysis/ascii_words.h"

namespace hqa {
namespace {

bool is_letter(UChar c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(UChar c) { return c >= '0' && c <= '9'; }
bool is_alnum(UChar c) { return is_letter(c) || is_digit(c); }

// Word_Break classes of the ASCII punctuation that can join two words into one (WB6/7, WB11/12).
// ICU's root rules take ":" out of MidLetter (CLDR), so "a:b" is two words.
bool joins_letters(UChar c) { return c == '.' || c == '\''; }                         // MidNumLetQ
bool joins_digits(UChar c) { return c == '.' || c == '\'' || c == ',' || c == ';'; }  // MidNum too

// The words of units[from, length).
void ascii_words_from(const UChar* units, int32_t from, int32_t length,
                      std::vector<std::pair<int32_t, int32_t>>& words) {
  for (int32_t i = from; i < length;) {
    if (!is_alnum(units[i])) {
      ++i;
      continue;
    }
    int32_t end = i + 1;
    while (end < length) {
      if (is_alnum(units[end])) {  // WB5, WB8, WB9, WB10
        ++end;
        continue;
      }
      // One joining mark between two letters or two digits (WB6/7, WB11/12).
      if (end + 1 < length) {
        const UChar before = units[end - 1], mark = units[end], after = units[end + 1];
        if ((is_letter(before) && is_letter(after) && joins_letters(mark)) ||
            (is_digit(before) && is_digit(after) && joins_digits(mark))) {
          end += 2;
          continue;
        }
      }
      break;
    }
    words.emplace_back(i, end);
    i = end;
  }
}

}  // namespace

bool ascii_words_apply(const UChar* units, int32_t length) {
  for (int32_t i = 0; i < length; ++i) {
    const UChar c = units[i];
    const bool printable = c >= 0x20 && c < 0x7F && c != '_' && c != '@';
    const bool space = c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == 0x0C;
    if (!printable && !space) return false;
  }
  return true;
}

void ascii_words(const UChar* units, int32_t length,
                 std::vector<std::pair<int32_t, int32_t>>& words) {
  ascii_words_from(units, 0, length, words);
}

void ascii_words_where_they_apply(const UChar* units, int32_t length,
                                  std::vector<std::pair<int32_t, int32_t>>& words,
                                  std::vector<std::pair<int32_t, int32_t>>& others) {
  // A space before a printable ASCII character is a cut: no word spans it, and no rule joins
  // across it (rules look at most two characters on, and a space joins nothing). The piece
  // between the cuts around a character the rules do not cover goes to ICU; the rest is ASCII's.
  auto is_cut = [units](int32_t at) {
    return units[at - 1] == ' ' && units[at] > ' ' && units[at] < 0x7F;
  };
  int32_t ascii_begin = 0;  // start of the text not yet given to either
  for (int32_t i = 0; i < length;) {
    if (ascii_words_apply(units + i, 1)) {
      ++i;
      continue;
    }
    int32_t begin = i;
    while (begin > ascii_begin && !is_cut(begin)) --begin;
    int32_t end = i + 1;
    while (end < length && !is_cut(end)) ++end;
    if (ascii_begin < begin) ascii_words_from(units, ascii_begin, begin, words);
    if (!others.empty() && others.back().second == begin) {
      others.back().second = end;  // the pieces meet: one run
    } else {
      others.emplace_back(begin, end);
    }
    ascii_begin = i = end;
  }
  if (ascii_begin < length) ascii_words_from(units, ascii_begin, length, words);
}

}  // namespace hqa
