// The marks a search request puts around matches in questions and snippets, and at the cuts of a
// snippet: by default <mark>...</mark> and "…". A site may choose its own per request (the
// HTTP parameters highlight_pre, highlight_post and crop_marker, the same flags of hqa-search);
// since they are inserted as given into HTML whose text is escaped, only harmless ones pass:
//   - a plain element tag of an allowed element (mark, em, strong, b, i, u, s, span, code,
//     small, ins, kbd), with at most attributes of an allowed name (class, lang, dir, title,
//     data-*) whose double-quoted values hold only letters, digits, spaces and - _ . :
//     ("<b class="hit">"), and the closing tag of the same element ("</b>");
//   - or plain-text markers without < > & " ' or control characters ("[[" and "]]").
// Each is at most kMaxMarkBytes bytes.
#ifndef HQA_SEARCHER_HIGHLIGHT_TAGS_H_
#define HQA_SEARCHER_HIGHLIGHT_TAGS_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace hqa {

inline constexpr size_t kMaxMarkBytes = 64;

struct HighlightTags {
  std::string pre = "<mark>";
  std::string post = "</mark>";
};

// Throws InvalidInput naming `pre_name` or `post_name` (a parameter or flag, "parameter
// 'highlight_pre'") and saying what is allowed, unless `tags` is an allowed element's opening
// and closing tag, or two plain-text markers.
void check_highlight_tags(const HighlightTags& tags, std::string_view pre_name,
                          std::string_view post_name);

// Throws InvalidInput naming `name` unless `marker` is a plain-text marker (see above).
void check_text_marker(std::string_view marker, std::string_view name);

}  // namespace hqa

#endif  // HQA_SEARCHER_HIGHLIGHT_TAGS_H_
