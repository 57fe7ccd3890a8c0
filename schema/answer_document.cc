// @brief AnswerDocument <-> JSON, and its content hash.
#include "schema/answer_document.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <regex>

#include "analysis/analyzer.h"
#include "analysis/question_form.h"
#include "analysis/utf8.h"
#include "schema/date.h"
#include "schema/errors.h"

namespace hqa {
namespace {

void put(nlohmann::json& json, const char* key, const std::string& value) {
  if (!value.empty()) json[key] = value;
}

void get(const nlohmann::json& json, const char* key, std::string& value) {
  auto found = json.find(key);
  if (found != json.end() && !found->is_null()) value = found->get<std::string>();
}

// The first of `keys` present in `object`, as a string; InvalidInput when it holds something
// else.
void read_string_field(const nlohmann::json& object, std::initializer_list<const char*> keys,
                       std::string& value) {
  for (const char* key : keys) {
    auto found = object.find(key);
    if (found == object.end() || found->is_null()) continue;
    if (!found->is_string())
      throw InvalidInput(std::string("field '") + key + "' must be a string");
    value = found->get<std::string>();
    return;
  }
}

void read_names_field(const nlohmann::json& object, std::vector<std::string>& names) {
  for (const char* key : {"other_names", "synonyms"}) {
    auto found = object.find(key);
    if (found == object.end() || found->is_null()) continue;
    if (!found->is_array()) {
      throw InvalidInput(std::string("field '") + key + "' must be an array of strings");
    }
    for (const auto& name : *found) {
      if (!name.is_string()) {
        throw InvalidInput(std::string("field '") + key + "' must hold only strings");
      }
      names.push_back(name.get<std::string>());
    }
  }
}

nlohmann::json parse_json_object(std::string_view text) {
  if (auto bad = find_invalid_utf8(text)) {
    throw InvalidInput("not UTF-8 text (invalid or NUL byte at column " + std::to_string(*bad + 1) +
                       ")");
  }
  nlohmann::json object;
  try {
    object = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 1e999
    std::string what = e.what();
    size_t detail = what.find("] ");
    throw InvalidInput("malformed JSON: " +
                       (detail == std::string::npos ? what : what.substr(detail + 2)));
  }
  if (!object.is_object()) throw InvalidInput("expected a JSON object");
  return object;
}

}  // namespace

nlohmann::json to_json(const AnswerDocument& doc) {
  nlohmann::json json = nlohmann::json::object();
  put(json, "id", doc.id);
  put(json, "question", doc.question);
  put(json, "answer", doc.answer);
  put(json, "short_answer", doc.short_answer);
  put(json, "condition", doc.condition);
  if (!doc.other_names.empty()) json["other_names"] = doc.other_names;
  put(json, "type", doc.question_type);
  put(json, "source", doc.source);
  put(json, "url", doc.url);
  put(json, "updated", doc.updated);
  put(json, "experience", doc.experience);
  put(json, "disclaimer", doc.disclaimer);
  return json;
}

AnswerDocument answer_document_from_json(const nlohmann::json& json) {
  AnswerDocument doc;
  get(json, "id", doc.id);
  get(json, "question", doc.question);
  get(json, "answer", doc.answer);
  get(json, "short_answer", doc.short_answer);
  get(json, "condition", doc.condition);
  auto names = json.find("other_names");
  if (names != json.end() && !names->is_null()) {
    doc.other_names = names->get<std::vector<std::string>>();
  }
  get(json, "type", doc.question_type);
  get(json, "source", doc.source);
  get(json, "url", doc.url);
  get(json, "updated", doc.updated);
  get(json, "experience", doc.experience);
  get(json, "disclaimer", doc.disclaimer);
  return doc;
}

void read_document_json(std::string_view text, AnswerDocument& doc) {
  const nlohmann::json object = parse_json_object(text);
  read_string_field(object, {"id"}, doc.id);
  read_string_field(object, {"question"}, doc.question);
  read_string_field(object, {"answer"}, doc.answer);
  read_string_field(object, {"short_answer"}, doc.short_answer);
  read_string_field(object, {"focus", "condition"}, doc.condition);
  read_string_field(object, {"qtype", "type"}, doc.question_type);
  read_string_field(object, {"source"}, doc.source);
  read_string_field(object, {"url"}, doc.url);
  read_string_field(object, {"updated", "last_updated"}, doc.updated);
  read_string_field(object, {"experience"}, doc.experience);
  read_string_field(object, {"disclaimer"}, doc.disclaimer);
  read_names_field(object, doc.other_names);
  if (is_blank(doc.id)) throw InvalidInput("missing field 'id'");
  if (doc.id.size() > kMaxIdBytes) {
    throw InvalidInput("field 'id' is " + std::to_string(doc.id.size()) +
                       " bytes, over the limit of " + std::to_string(kMaxIdBytes));
  }
  if (is_blank(doc.question)) throw InvalidInput("missing field 'question'");
  if (!doc.updated.empty()) parse_date(doc.updated, "field 'updated'");
  complete_from_question_form(doc);
}

void complete_from_question_form(AnswerDocument& doc) {
  if (!doc.condition.empty() && !doc.question_type.empty()) return;
  QuestionForm form = classify_question(doc.question);
  if (doc.question_type.empty()) doc.question_type = form.type;
  const size_t first = form.subject.find_first_not_of(" \t");
  if (!doc.condition.empty() || first == std::string::npos) return;
  doc.condition = form.subject.substr(first, form.subject.find_last_not_of(" \t") + 1 - first);
  auto add_name = [&doc](std::string name) {
    if (!name.empty() && name != doc.condition &&
        std::find(doc.other_names.begin(), doc.other_names.end(), name) == doc.other_names.end()) {
      doc.other_names.push_back(std::move(name));
    }
  };
  static const std::regex kDefinedAcronym(R"(^(.+?)\s*\(([A-Z][A-Za-z0-9-]*[A-Z0-9])\)$)");
  static const std::regex kQualified(R"(^(.+?) - .+$)");
  std::smatch match;
  if (std::regex_match(doc.condition, match, kDefinedAcronym)) {
    add_name(match[1].str());
    add_name(match[2].str());
  } else if (std::regex_match(doc.condition, match, kQualified)) {
    add_name(match[1].str());
  }
}

uint64_t stable_hash(std::string_view text) {
  uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

std::string content_hash(const AnswerDocument& doc) {
  return content_hash_of_json(to_json(doc).dump());
}

std::string content_hash_of_json(std::string_view json_text) {
  std::string text(json_text);
  text += "#analyzer=" + std::to_string(Analyzer::kVersion);
  const uint64_t hash = stable_hash(text);
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  return hex;
}

}  // namespace hqa
