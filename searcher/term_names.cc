// @brief Index terms and query parts as a person reads them.
#include "searcher/term_names.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>
#include <string_view>
#include <utility>
#include <vector>

#include "schema/date.h"
#include "schema/index_format.h"
#include "schema/terms.h"

namespace hqa {

TermName term_name(const std::string& term) {
  std::string_view rest = term;
  // Stems: "Z" + a text field's prefix + stem, where the answer's prefix is empty.
  if (rest.substr(0, schema::kStemMarker.size()) == schema::kStemMarker &&
      rest.size() > schema::kStemMarker.size()) {
    rest.remove_prefix(schema::kStemMarker.size());
    for (auto [prefix, field] : {std::pair{schema::kQuestionPrefix, "question"},
                                 std::pair{schema::kConditionPrefix, "condition"}}) {
      if (rest.substr(0, prefix.size()) == prefix)
        return {field, std::string(rest.substr(prefix.size()))};
    }
    return {"answer", std::string(rest)};
  }
  // Acronyms (prefix + "_" + acronym), whole names and boolean terms; the id's "Q" last, as the
  // others start with capitals too.
  static const std::pair<std::string_view, const char*> kPrefixes[] = {
      {schema::kQuestionPrefix, "question"},
      {schema::kConditionPrefix, "condition"},
      {schema::kNamePrefix, "name"},
      {schema::kSourcePrefix, "source"},
      {schema::kTypePrefix, "type"},
      {schema::kConditionFilterPrefix, "condition"},
      {schema::kIdPrefix, "id"}};
  for (auto [prefix, field] : kPrefixes) {
    if (rest.substr(0, prefix.size()) == prefix)
      return {field, std::string(rest.substr(prefix.size()))};
  }
  if (rest.substr(0, schema::kAcronymMarker.size()) == schema::kAcronymMarker)
    return {"answer", std::string(rest)};
  return {"other", std::string(rest)};
}

namespace {

// "Query(VALUE_RANGE 0 20200101 99999999)" -> "updated:2020-01-01..".
std::string describe_range(const std::string& description) {
  std::istringstream in(description.substr(std::string_view("Query(VALUE_RANGE ").size()));
  unsigned slot = 0;
  std::string ends[2];
  in >> slot >> ends[0] >> ends[1];
  if (!ends[1].empty() && ends[1].back() == ')') ends[1].pop_back();
  if (slot != schema::kUpdatedSlot) return description;
  std::string out = "updated:";
  for (int i = 0; i < 2; ++i) {
    if (i == 1) out += "..";
    if (std::optional<Date> date = Date::parse_sortable(ends[i])) out += date->iso();
  }
  return out;
}

}  // namespace

std::string describe_query(const Xapian::Query& query, size_t limit) {
  std::vector<std::pair<std::string, std::vector<std::string>>> words;  // word -> its fields
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    TermName name = term_name(*it);
    auto same = std::find_if(words.begin(), words.end(),
                             [&name](const auto& word) { return word.first == name.word; });
    if (same == words.end()) {
      words.push_back({name.word, {name.field}});
    } else {
      same->second.push_back(name.field);
    }
  }
  const std::string description = query.get_description();
  if (words.empty()) {
    return description.rfind("Query(VALUE_RANGE ", 0) == 0 ? describe_range(description)
                                                           : description;
  }
  std::string out;
  for (size_t i = 0; i < words.size() && i < limit; ++i) {
    if (i > 0) out += ", ";
    const auto& [word, fields] = words[i];
    if (fields.size() == 1) {
      out += fields[0] + ":" + word;
      continue;
    }
    out += word + " (";
    for (size_t f = 0; f < fields.size(); ++f) out += (f > 0 ? ", " : "") + fields[f];
    out += ")";
  }
  if (words.size() > limit) out += " and " + std::to_string(words.size() - limit) + " more";
  return out;
}

}  // namespace hqa
