// @brief TREC's SGML topic files: <top> blocks whose field tags may or may not be closed.
//
// They are not XML (no root element, unclosed tags), so they are read here tag by tag: inside
// <top> ... </top>, a start tag opens a field that runs to the next tag; a closing tag may end
// it; text outside a field or outside <top> is an error, as is a field given twice.
#include <cctype>
#include <optional>

#include "analysis/utf8.h"
#include "eval/topic_readers.h"
#include "schema/errors.h"

namespace hqa {
namespace {

struct Tag {
  bool closing = false;
  std::string name;  // lower case
  size_t end = 0;    // just past '>'
};

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

// The tag that starts at content[at] == '<', or nullopt when that '<' is text ("<5 years").
// Start tags may carry attributes (<top lang='bn'>) but not span lines.
std::optional<Tag> tag_at(const std::string& content, size_t at) {
  Tag tag;
  size_t i = at + 1;
  if (i < content.size() && content[i] == '/') {
    tag.closing = true;
    ++i;
  }
  const size_t name_begin = i;
  while (i < content.size() && is_name_char(content[i])) ++i;
  if (i == name_begin || !std::isalpha(static_cast<unsigned char>(content[name_begin]))) {
    return std::nullopt;
  }
  const size_t close = content.find_first_of(">\n<", i);
  if (close == std::string::npos || content[close] != '>') return std::nullopt;
  if (close != i && !std::isspace(static_cast<unsigned char>(content[i]))) return std::nullopt;
  for (size_t n = name_begin; n < i; ++n) {
    tag.name += static_cast<char>(std::tolower(static_cast<unsigned char>(content[n])));
  }
  tag.end = close + 1;
  return tag;
}

std::string canonical_field(const std::string& tag) {
  if (tag == "desc") return "description";
  if (tag == "narr") return "narrative";
  if (tag == "smry") return "summary";
  return tag;
}

std::string trimmed(const std::string& text) {
  const size_t begin = text.find_first_not_of(" \t\r\n\v\f");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r\n\v\f") - begin + 1);
}

// The field's text without the label TREC writes at its start ("Number: 301", "Description:",
// "Topic:" in TREC 1-3 titles, "Concept(s):" in other fields).
std::string without_label(const std::string& field, const std::string& raw) {
  std::string text = trimmed(raw);
  const size_t colon = text.find(':');
  if (colon == std::string::npos) return text;
  std::string label;
  for (size_t i = 0; i < colon; ++i) {
    label += static_cast<char>(std::tolower(static_cast<unsigned char>(text[i])));
  }
  bool is_label;
  if (field == "num") {
    is_label = label == "number";
  } else if (field == "title") {
    is_label = label == "topic" || label == "title";
  } else {
    is_label = !label.empty() &&
               label.find_first_not_of("abcdefghijklmnopqrstuvwxyz()") == std::string::npos;
  }
  return is_label ? trimmed(text.substr(colon + 1)) : text;
}

class SgmlTopicReader {
 public:
  SgmlTopicReader(const std::string& content, const std::string& name)
      : content_(content), name_(name) {}

  std::vector<RawTopic> read() {
    size_t at = 0;
    while (at < content_.size()) {
      size_t lt = content_.find('<', at);
      std::optional<Tag> tag;
      while (lt != std::string::npos && !(tag = tag_at(content_, lt)) && !is_markup(lt)) {
        lt = content_.find('<', lt + 1);
      }
      const size_t text_end = lt == std::string::npos ? content_.size() : lt;
      text(at, text_end);
      if (lt == std::string::npos) break;
      at = tag ? handle_tag(*tag, lt) : skip_markup(lt);
    }
    if (in_topic_) fail(topic_begin_, "<top> is not closed (no </top> before the end)");
    if (topics_.empty()) throw InvalidInput(name_ + ": no <top> topics (a TREC topic file?)");
    return std::move(topics_);
  }

 private:
  [[noreturn]] void fail(size_t offset, const std::string& what) const {
    throw InvalidInput(name_ + ":" + std::to_string(line_of_offset(content_, offset)) + ": " +
                       what);
  }

  // <?xml ...?>, <!-- ... --> and <!DOCTYPE ...> outside topics.
  bool is_markup(size_t lt) const {
    return !in_topic_ && lt + 1 < content_.size() &&
           (content_[lt + 1] == '?' || content_[lt + 1] == '!');
  }
  size_t skip_markup(size_t lt) const {
    const bool comment = content_.compare(lt, 4, "<!--") == 0;
    size_t end = content_.find(comment ? "-->" : ">", lt);
    if (end == std::string::npos) fail(lt, "markup that is not closed");
    return end + (comment ? 3 : 1);
  }

  void text(size_t begin, size_t end) {
    if (in_topic_ && !field_.empty()) {
      current_.fields.back().second.append(content_, begin, end - begin);
      return;
    }
    const size_t first = content_.find_first_not_of(" \t\r\n\v\f", begin);
    if (first == std::string::npos || first >= end) return;
    fail(first, in_topic_ ? "text outside any field of the topic"
                          : "text outside <top> ... </top> (a TREC topic file?)");
  }

  // Handles `tag` at `lt`; returns where the text after it starts.
  size_t handle_tag(const Tag& tag, size_t lt) {
    if (tag.name == "top") {
      tag.closing ? close_topic(lt) : open_topic(lt);
    } else if (!in_topic_) {
      static const char* kFields[] = {"num", "title", "desc", "narr"};
      for (const char* field : kFields) {
        if (tag.name == field) fail(lt, "<" + tag.name + "> outside <top> ... </top>");
      }
      // Any other tag out here wraps the topics (<topics>): nothing to read in it.
    } else if (tag.closing) {
      if (canonical_field(tag.name) != field_) {
        fail(lt, "</" + tag.name + "> closes no open field" +
                     (field_.empty() ? std::string() : " (open: " + field_ + ")"));
      }
      field_.clear();
    } else {
      field_ = canonical_field(tag.name);
      for (const auto& [field, text] : current_.fields) {
        if (field == field_) fail(lt, "a second <" + tag.name + "> in the topic");
      }
      current_.fields.emplace_back(field_, "");
    }
    return tag.end;
  }

  void open_topic(size_t lt) {
    if (in_topic_) {
      fail(lt, "<top> inside the topic opened on line " +
                   std::to_string(line_of_offset(content_, topic_begin_)) + " (no </top>?)");
    }
    in_topic_ = true;
    topic_begin_ = lt;
    current_ = RawTopic{};
    current_.line = line_of_offset(content_, lt);
  }

  void close_topic(size_t lt) {
    if (!in_topic_) fail(lt, "</top> without <top>");
    RawTopic topic;
    topic.line = current_.line;
    for (const auto& [field, raw] : current_.fields) {
      if (field == "num") {
        topic.qid = without_label(field, raw);
      } else {
        topic.fields.emplace_back(field, without_label(field, raw));
      }
    }
    if (topic.qid.empty()) fail(topic_begin_, "the topic has no <num> (or an empty one)");
    topics_.push_back(std::move(topic));
    in_topic_ = false;
    field_.clear();
  }

  const std::string& content_;
  const std::string& name_;
  std::vector<RawTopic> topics_;
  bool in_topic_ = false;
  size_t topic_begin_ = 0;
  RawTopic current_;
  std::string field_;  // the open field, "" when none
};

}  // namespace

std::vector<RawTopic> read_trec_sgml_topics(const std::string& content, const std::string& name) {
  return SgmlTopicReader(content, name).read();
}

}  // namespace hqa
