// @brief Topics files: the format told from the content, the fields that make the query, the
// ids rewritten for the qrels, and the checks that keep a bad file from making a quiet run.
#include "eval/topics.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "analysis/utf8.h"
#include "eval/topic_readers.h"
#include "schema/errors.h"

namespace hqa {
namespace {

std::string place(const std::string& name, size_t line) {
  return name + ":" + std::to_string(line) + ": ";
}

// Runs of white space made one space, none at either end.
std::string squeezed(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f') {
      space = !out.empty();
    } else {
      if (space) out += ' ';
      out += c;
      space = false;
    }
  }
  return out;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  size_t at = 0;
  while (true) {
    size_t next = text.find(separator, at);
    parts.push_back(text.substr(at, next == std::string::npos ? std::string::npos : next - at));
    if (next == std::string::npos) return parts;
    at = next + 1;
  }
}

// The field names `options.fields` asks for, aliases expanded, or the format's default.
std::vector<std::string> wanted_fields(TopicFormat format, const std::string& spec,
                                       const std::vector<RawTopic>& topics) {
  if (format == TopicFormat::kTsv) {
    if (!spec.empty() && spec != "text") {
      throw InvalidInput("--topic-fields " + spec + ": tsv topics have one field, text");
    }
    return {"text"};
  }
  if (spec.empty()) {
    if (format == TopicFormat::kLiveQa) return {"subject", "message"};
    // trec: title, or the query of XML topics; jsonl: query, as Pyserini writes it. Else the
    // first of the others that the file has.
    const std::vector<const char*> names = format == TopicFormat::kTrec
                                               ? std::vector<const char*>{"title", "query", "text"}
                                               : std::vector<const char*>{"query", "title", "text"};
    for (const char* name : names) {
      for (const RawTopic& topic : topics) {
        for (const auto& [field, text] : topic.fields) {
          if (field == name) return {name};
        }
      }
    }
    return {names.front()};
  }
  std::vector<std::string> fields;
  for (const std::string& part : split(spec, '+')) {
    if (format == TopicFormat::kLiveQa && part == "original") {
      fields.insert(fields.end(), {"subject", "message"});
    } else if (format == TopicFormat::kTrec && (part == "desc" || part == "narr")) {
      fields.push_back(part == "desc" ? "description" : "narrative");
    } else if (part.empty()) {
      throw InvalidInput("--topic-fields " + spec + ": an empty field name");
    } else {
      fields.push_back(part);
    }
  }
  return fields;
}

// Throws unless every field in `fields` is in some topic, listing those the file has.
void check_fields_exist(const std::vector<std::string>& fields, const std::vector<RawTopic>& topics,
                        const std::string& name) {
  std::set<std::string> present;
  for (const RawTopic& topic : topics) {
    for (const auto& [field, text] : topic.fields) present.insert(field);
  }
  for (const std::string& field : fields) {
    if (present.count(field)) continue;
    std::string known;
    for (const std::string& p : present) known += (known.empty() ? "" : ", ") + p;
    throw InvalidInput(name + ": no topic has a field '" + field + "' (fields: " + known + ")");
  }
}

std::string query_of(const RawTopic& topic, const std::vector<std::string>& fields, bool raw) {
  std::string query;
  for (const std::string& wanted : fields) {
    for (const auto& [field, text] : topic.fields) {
      if (field != wanted) continue;
      std::string part = raw ? text : squeezed(text);
      if (part.empty()) continue;
      if (!query.empty()) query += ' ';
      query += part;
    }
  }
  return query;
}

// The id to write for `qid`, after --qid-strip-prefix and --qid-map.
std::string mapped_qid(const RawTopic& topic, const TopicOptions& options,
                       const std::string& name) {
  std::string qid = topic.qid;
  const std::string& prefix = options.qid_strip_prefix;
  if (!prefix.empty() && qid.compare(0, prefix.size(), prefix) == 0) qid.erase(0, prefix.size());
  if (!options.qid_map.empty()) {
    auto found = options.qid_map.find(qid);
    if (found == options.qid_map.end()) {
      throw InvalidInput(place(name, topic.line) + "topic " + qid + " is not in --qid-map " +
                         options.qid_map_name);
    }
    qid = found->second;
  }
  if (qid.empty() || qid.find_first_of(" \t\r\n\v\f") != std::string::npos) {
    throw InvalidInput(place(name, topic.line) + "topic id '" + qid +
                       "' is empty or has white space, which a TREC run cannot hold");
  }
  return qid;
}

std::vector<RawTopic> read_raw(TopicFormat format, const std::string& content,
                               const std::string& name) {
  switch (format) {
    case TopicFormat::kTrec:
      return looks_like_trec_xml(content) ? read_trec_xml_topics(content, name)
                                          : read_trec_sgml_topics(content, name);
    case TopicFormat::kLiveQa:
      return read_liveqa_topics(content, name);
    case TopicFormat::kJsonl:
      return read_jsonl_topics(content, name);
    default:
      return read_tsv_topics(content, name);
  }
}

}  // namespace

const char* topic_format_name(TopicFormat format) {
  switch (format) {
    case TopicFormat::kTsv:
      return "tsv";
    case TopicFormat::kTrec:
      return "trec";
    case TopicFormat::kLiveQa:
      return "liveqa";
    case TopicFormat::kJsonl:
      return "jsonl";
    default:
      return "auto";
  }
}

TopicFormat parse_topic_format(const std::string& name) {
  for (TopicFormat format : {TopicFormat::kAuto, TopicFormat::kTsv, TopicFormat::kTrec,
                             TopicFormat::kLiveQa, TopicFormat::kJsonl}) {
    if (name == topic_format_name(format)) return format;
  }
  throw InvalidInput("--topic-format " + name + ": expected auto, tsv, trec, liveqa or jsonl");
}

TopicFormat detect_topic_format(const std::string& content) {
  size_t first = content.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;  // past a byte order mark
  first = content.find_first_not_of(" \t\r\n", first);
  if (first == std::string::npos) return TopicFormat::kTsv;
  if (content[first] == '{') return TopicFormat::kJsonl;
  if (content[first] != '<') return TopicFormat::kTsv;
  if (content.find("<NLM-QUESTION") != std::string::npos) return TopicFormat::kLiveQa;
  return TopicFormat::kTrec;
}

TopicSet read_topics(const std::string& content, const std::string& name,
                     const TopicOptions& options) {
  if (std::optional<size_t> bad = find_invalid_utf8(content)) {
    throw InvalidInput(place(name, line_of_offset(content, *bad)) + "not UTF-8 text");
  }
  TopicSet set;
  set.format = options.format == TopicFormat::kAuto ? detect_topic_format(content) : options.format;
  std::vector<RawTopic> raw = read_raw(set.format, content, name);
  if (raw.empty()) throw InvalidInput(name + ": no topics");
  const std::vector<std::string> fields = wanted_fields(set.format, options.fields, raw);
  check_fields_exist(fields, raw, name);
  if (set.format != TopicFormat::kTsv) {
    for (const std::string& field : fields) set.fields += (set.fields.empty() ? "" : "+") + field;
  }
  std::map<std::string, size_t> first_line;  // qid -> line
  for (const RawTopic& topic : raw) {
    Topic out{mapped_qid(topic, options, name), "", topic.line};
    auto [first, inserted] = first_line.emplace(out.qid, topic.line);
    if (!inserted) {
      throw InvalidInput(place(name, topic.line) + "topic " + out.qid + " again (first on line " +
                         std::to_string(first->second) + ")");
    }
    out.query = query_of(topic, fields, set.format == TopicFormat::kTsv);
    if (is_blank(out.query)) {
      set.skipped.push_back(place(name, topic.line) + "topic " + out.qid + " has no text" +
                            (set.fields.empty() ? "" : " in " + set.fields) + "; skipped");
      continue;
    }
    set.topics.push_back(std::move(out));
  }
  return set;
}

std::vector<RawTopic> read_tsv_topics(const std::string& content, const std::string& name) {
  std::vector<RawTopic> topics;
  size_t number = 0;
  for (std::string line : split(content, '\n')) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (is_blank(line)) continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) {
      throw InvalidInput(place(name, number) + "expected 'qid<TAB>query'");
    }
    topics.push_back({line.substr(0, tab), number, {{"text", line.substr(tab + 1)}}});
  }
  return topics;
}

std::vector<RawTopic> read_jsonl_topics(const std::string& content, const std::string& name) {
  std::vector<RawTopic> topics;
  size_t number = 0;
  for (std::string line : split(content, '\n')) {
    ++number;
    if (is_blank(line)) continue;
    nlohmann::json object = nlohmann::json::parse(line, nullptr, false);
    if (!object.is_object()) {
      throw InvalidInput(place(name, number) +
                         "expected a JSON object {\"qid\": ..., \"query\": ...}");
    }
    RawTopic topic{"", number, {}};
    for (const char* key : {"qid", "id", "_id"}) {
      auto found = object.find(key);
      if (found == object.end() || !topic.qid.empty()) continue;
      if (found->is_string()) topic.qid = found->get<std::string>();
      if (found->is_number_integer()) topic.qid = std::to_string(found->get<long long>());
    }
    if (topic.qid.empty()) {
      throw InvalidInput(place(name, number) +
                         "no \"qid\" (or \"id\", \"_id\"), string or integer");
    }
    for (const auto& [key, value] : object.items()) {
      if (value.is_string() && key != "qid" && key != "id" && key != "_id") {
        topic.fields.emplace_back(key, value.get<std::string>());
      }
    }
    topics.push_back(std::move(topic));
  }
  return topics;
}

std::map<std::string, std::string> read_qid_map(const std::string& content,
                                                const std::string& name) {
  std::map<std::string, std::string> map;
  size_t number = 0;
  for (const std::string& raw : split(content, '\n')) {
    ++number;
    std::vector<std::string> columns;
    for (const std::string& part : split(squeezed(raw), ' ')) {
      if (!part.empty()) columns.push_back(part);
    }
    if (columns.empty()) continue;
    if (columns.size() != 2) throw InvalidInput(place(name, number) + "expected 'from to'");
    if (!map.emplace(columns[0], columns[1]).second) {
      throw InvalidInput(place(name, number) + "topic " + columns[0] + " is mapped twice");
    }
  }
  return map;
}

}  // namespace hqa
