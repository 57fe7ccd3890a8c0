// @brief Checks of the highlight tags and crop marker a request chooses.
#include "searcher/highlight_tags.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "analysis/utf8.h"
#include "schema/errors.h"

namespace hqa {
namespace {

// Elements that only style a run of text: nothing that runs code, loads anything or changes
// the page's structure. An allow-list, so that an element nobody thought of is refused.
constexpr std::array<std::string_view, 12> kElements = {
    "mark", "em", "strong", "b", "i", "u", "s", "span", "code", "small", "ins", "kbd"};
constexpr std::string_view kElementList =
    "mark, em, strong, b, i, u, s, span, code, small, ins, kbd";
constexpr std::array<std::string_view, 4> kAttributes = {"class", "lang", "dir", "title"};
constexpr std::string_view kAttributeList = "class, lang, dir, title, data-*";

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

[[noreturn]] void refuse(std::string_view name, const std::string& why) {
  throw InvalidInput(std::string(name) + " " + why);
}

void check_size_and_encoding(std::string_view text, std::string_view name) {
  if (text.size() > kMaxMarkBytes) {
    refuse(name, "is longer than " + std::to_string(kMaxMarkBytes) + " bytes");
  }
  if (find_invalid_utf8(text)) refuse(name, "is not valid UTF-8");
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-'; }

bool is_value_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == ' ' || c == '-' || c == '_' ||
         c == '.' || c == ':';
}

// One attribute of an opening tag, from `at` (just past its leading space) to past its closing
// quote; returns that position.
size_t check_attribute(std::string_view inside, size_t at, std::string_view name) {
  size_t end = at;
  while (end < inside.size() && is_name_char(inside[end])) ++end;
  const std::string attribute = lower(inside.substr(at, end - at));
  if (attribute.empty()) refuse(name, "must be a plain opening tag such as <em>");
  if (attribute.rfind("on", 0) == 0) {
    refuse(name, "may not hold the event handler attribute '" + attribute + "'");
  }
  if (std::find(kAttributes.begin(), kAttributes.end(), attribute) == kAttributes.end() &&
      attribute.rfind("data-", 0) != 0) {
    refuse(name, "may not hold the attribute '" + attribute +
                     "' (allowed: " + std::string(kAttributeList) + ")");
  }
  if (end + 1 >= inside.size() || inside[end] != '=' || inside[end + 1] != '"') {
    refuse(name, "must give attribute '" + attribute + "' a value in double quotes");
  }
  const size_t close = inside.find('"', end + 2);
  if (close == std::string_view::npos) refuse(name, "has an unclosed attribute value");
  std::string_view value = inside.substr(end + 2, close - end - 2);
  if (!std::all_of(value.begin(), value.end(), is_value_char) ||
      lower(value).find("javascript") != std::string::npos) {
    refuse(name, "may hold in attribute values only letters, digits, spaces and - _ . :");
  }
  return close + 1;
}

// The element name of the opening tag `tag`; throws InvalidInput naming `name` otherwise.
std::string element_of_opening_tag(std::string_view tag, std::string_view name) {
  const size_t close = tag.find('>');
  if (close == std::string_view::npos) refuse(name, "has an unclosed <");
  if (close + 1 != tag.size() || tag.find('<', 1) != std::string_view::npos) {
    refuse(name, "must be one opening tag such as <em>, and nothing else");
  }
  std::string_view inside = tag.substr(1, tag.size() - 2);
  size_t at = 0;
  while (at < inside.size() && std::isalpha(static_cast<unsigned char>(inside[at]))) ++at;
  const std::string element = lower(inside.substr(0, at));
  if (element.empty()) refuse(name, "must be an opening tag such as <em>");
  if (std::find(kElements.begin(), kElements.end(), element) == kElements.end()) {
    refuse(name, "may not be a <" + element.substr(0, 20) +
                     "> tag (allowed elements: " + std::string(kElementList) + ")");
  }
  while (at < inside.size()) {
    if (inside[at] != ' ') {
      refuse(name, "must separate attributes with a space and close with > (no / or quotes)");
    }
    while (at < inside.size() && inside[at] == ' ') ++at;
    if (at < inside.size()) at = check_attribute(inside, at, name);
  }
  return element;
}

}  // namespace

void check_text_marker(std::string_view marker, std::string_view name) {
  check_size_and_encoding(marker, name);
  for (char c : marker) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '<' || c == '>' || c == '&' || c == '"' || c == '\'' || u < 0x20 || u == 0x7F) {
      refuse(name, "must be plain text without < > & quotes or control characters");
    }
  }
}

void check_highlight_tags(const HighlightTags& tags, std::string_view pre_name,
                          std::string_view post_name) {
  check_size_and_encoding(tags.pre, pre_name);
  check_size_and_encoding(tags.post, post_name);
  if (tags.pre.empty() || tags.pre[0] != '<') {
    // Text markers, both: "[[" and "]]".
    check_text_marker(tags.pre, pre_name);
    if (!tags.post.empty() && tags.post[0] == '<') {
      refuse(post_name, "must be a plain-text marker, as " + std::string(pre_name) + " is");
    }
    check_text_marker(tags.post, post_name);
    return;
  }
  const std::string element = element_of_opening_tag(tags.pre, pre_name);
  if (lower(tags.post) != "</" + element + ">") {
    refuse(post_name, "must be </" + element + ">, the closing tag of " + std::string(pre_name));
  }
}

}  // namespace hqa
