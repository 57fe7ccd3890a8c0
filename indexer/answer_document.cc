// @brief AnswerDocument <-> JSON, and its content hash.
#include "indexer/answer_document.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <regex>

#include "analysis/analyzer.h"
#include "analysis/question_form.h"

namespace hqa {
namespace {

void put(nlohmann::json& json, const char* key, const std::string& value) {
  if (!value.empty()) json[key] = value;
}

void get(const nlohmann::json& json, const char* key, std::string& value) {
  auto found = json.find(key);
  if (found != json.end() && !found->is_null()) value = found->get<std::string>();
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
