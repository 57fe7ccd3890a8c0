// @brief The JSON Lines reader.
#include "indexer/jsonl_reader.h"

#include <initializer_list>
#include <nlohmann/json.hpp>

#include "analysis/utf8.h"

namespace hqa {
namespace {

// Reads one line without its '\n' into `line`, keeping at most `limit` bytes so that a huge
// line costs no memory; `too_long` says some were dropped. False at end of input.
bool read_bounded_line(std::streambuf& in, std::string& line, size_t limit, bool& too_long,
                       uint64_t& bytes) {
  line.clear();
  too_long = false;
  bool any = false;
  for (int c = in.sbumpc(); c != std::char_traits<char>::eof(); c = in.sbumpc()) {
    any = true;
    ++bytes;
    if (c == '\n') return true;
    if (line.size() < limit) {
      line.push_back(static_cast<char>(c));
    } else {
      too_long = true;
    }
  }
  return any;
}

// The first of `keys` present in `object` as a string. Returns false with `error` set when the
// key holds something else.
bool string_field(const nlohmann::json& object, std::initializer_list<const char*> keys,
                  std::string& value, std::string& error) {
  for (const char* key : keys) {
    auto found = object.find(key);
    if (found == object.end() || found->is_null()) continue;
    if (!found->is_string()) {
      error = std::string("field '") + key + "' must be a string";
      return false;
    }
    value = found->get<std::string>();
    return true;
  }
  return true;
}

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

}  // namespace

std::string document_from_json_text(std::string_view text, AnswerDocument& doc) {
  if (auto bad = find_invalid_utf8(text)) {
    return "not UTF-8 text (invalid or NUL byte at column " + std::to_string(*bad + 1) + ")";
  }
  nlohmann::json object;
  try {
    object = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 1e999
    std::string what = e.what();
    size_t detail = what.find("] ");
    return "malformed JSON: " + (detail == std::string::npos ? what : what.substr(detail + 2));
  }
  if (!object.is_object()) return "expected a JSON object";
  std::string error;
  bool ok = string_field(object, {"id"}, doc.id, error) &&
            string_field(object, {"question"}, doc.question, error) &&
            string_field(object, {"answer"}, doc.answer, error) &&
            string_field(object, {"short_answer"}, doc.short_answer, error) &&
            string_field(object, {"focus", "condition"}, doc.condition, error) &&
            string_field(object, {"qtype", "type"}, doc.question_type, error) &&
            string_field(object, {"source"}, doc.source, error) &&
            string_field(object, {"url"}, doc.url, error) &&
            string_field(object, {"updated", "last_updated"}, doc.updated, error) &&
            string_field(object, {"experience"}, doc.experience, error) &&
            string_field(object, {"disclaimer"}, doc.disclaimer, error);
  if (!ok) return error;
  for (const char* key : {"other_names", "synonyms"}) {
    auto names = object.find(key);
    if (names == object.end() || names->is_null()) continue;
    if (!names->is_array()) return std::string("field '") + key + "' must be an array of strings";
    for (const auto& name : *names) {
      if (!name.is_string()) return std::string("field '") + key + "' must hold only strings";
      doc.other_names.push_back(name.get<std::string>());
    }
  }
  if (is_blank(doc.id)) return "missing field 'id'";
  if (doc.id.size() > kMaxIdBytes) {
    return "field 'id' is " + std::to_string(doc.id.size()) + " bytes, over the limit of " +
           std::to_string(kMaxIdBytes);
  }
  if (is_blank(doc.question)) return "missing field 'question'";
  if (!doc.updated.empty() && !(doc.updated.size() == 10 && doc.updated[4] == '-' &&
                                doc.updated[7] == '-')) {
    return "field 'updated' must be a date YYYY-MM-DD, not '" + doc.updated + "'";
  }
  complete_from_question_form(doc);
  return {};
}

uint64_t read_jsonl(std::istream& in, const std::string& file, DocumentSink& sink,
                    const ReaderLimits& limits) {
  uint64_t bytes = 0;
  std::streambuf* buffer = in.rdbuf();
  if (buffer == nullptr) return 0;
  std::string line;
  bool too_long = false;
  for (size_t number = 1; read_bounded_line(*buffer, line, limits.max_input_bytes, too_long, bytes);
       ++number) {
    if (too_long) {
      sink.reject({file, number, "",
                   "line longer than the limit of " + std::to_string(limits.max_input_bytes) +
                       " bytes"});
      continue;
    }
    if (is_blank(line)) continue;
    AnswerDocument doc;
    std::string error = document_from_json_text(line, doc);
    if (!error.empty()) {
      sink.reject({file, number, doc.id.empty() ? "" : "id " + doc.id, error});
    } else if (is_blank(doc.answer)) {
      sink.skip_unanswered();
    } else {
      sink.accept(std::move(doc));
    }
  }
  return bytes;
}

}  // namespace hqa
