// @brief JSON and terminal renderings of an Explanation.
#include "searcher/explanation_format.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace hqa {
namespace {

nlohmann::json part_json(const ScorePart& part) {
  nlohmann::json bm25;  // null for a fixed bonus, or a group's over remote shards
  if (part.bm25) {
    bm25 = {{"wdf", part.bm25->wdf},
            {"termfreq", part.bm25->termfreq},
            {"idf", part.bm25->idf},
            {"k1", part.bm25->k1},
            {"b", part.bm25->b}};
  }
  return {{"kind", part.kind},   {"field", part.field},   {"terms", part.terms},
          {"words", part.words}, {"within", part.within}, {"weight", part.weight},
          {"score", part.score}, {"bm25", bm25}};
}

std::string number(double value, const char* format = "%.4f") {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

std::string joined(const std::vector<std::string>& words, const char* separator) {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : separator) + word;
  return out;
}

std::string part_line(const ScorePart& part, uint64_t documents) {
  char kind[16];
  std::snprintf(kind, sizeof kind, "%-10s", part.kind.c_str());
  std::string line = "  " + number(part.score, "%10.4f") + "  " + kind + " ";
  std::string what =
      part.field.empty() ? joined(part.words, " ") : part.field + ":" + joined(part.words, "|");
  if (!part.within.empty()) {
    what += std::string(part.kind == "proximity" ? " (near: " : " (in \"") +
            joined(part.within, " ") + (part.kind == "proximity" ? ")" : "\")");
  }
  what.resize(std::max<size_t>(what.size(), 24), ' ');
  line += what;
  if (part.weight != 1) line += "  weight " + number(part.weight, "%g");
  if (part.bm25) {
    const Bm25Stats& s = *part.bm25;
    line += "  wdf " + std::to_string(s.wdf) + "  in " + std::to_string(s.termfreq) + "/" +
            std::to_string(documents) + " docs  idf " + number(s.idf) + "  k1 " +
            number(s.k1, "%g") + "  b " + number(s.b, "%g");
  }
  line.erase(line.find_last_not_of(' ') + 1);
  return line + "\n";
}

}  // namespace

nlohmann::json to_json(const Explanation& e) {
  nlohmann::json parts = nlohmann::json::array();
  for (const ScorePart& part : e.parts) parts.push_back(part_json(part));
  nlohmann::json filters = nlohmann::json::array();
  for (const FilterCheck& check : e.filters) {
    filters.push_back(
        {{"filter", check.description}, {"exclusion", check.exclusion}, {"passed", check.passed}});
  }
  return {
      {"id", e.id},
      {"query", e.query},
      {"matched", e.matched},
      {"score", e.score},
      {"sum_of_parts", e.sum_of_parts()},
      {"rank", e.rank ? nlohmann::json(*e.rank) : nlohmann::json()},
      {"collapsed_under",
       e.collapsed_under.empty() ? nlohmann::json() : nlohmann::json(e.collapsed_under)},
      {"duplicates_hidden", e.duplicates_hidden},
      {"weighting",
       {{"scheme", e.weighting}, {"k1", e.k1}, {"b", e.b}, {"short_field_b", e.short_field_b}}},
      {"document",
       {{"length", e.length}, {"average_length", e.average_length}, {"documents", e.documents}}},
      {"parts", parts},
      {"filters", filters},
      {"why_not", e.why_not},
      {"notes", e.notes}};
}

std::string format_for_terminal(const Explanation& e) {
  std::string out = e.id + " for \"" + e.query + "\"\n";
  for (const std::string& note : e.notes) out += "note: " + note + "\n";
  if (e.matched) {
    out += "score " + number(e.score) + ", ";
    out += e.rank ? "rank " + std::to_string(*e.rank)
           : e.collapsed_under.empty()
               ? "not in the results"
               : "not in the results: collapsed under its duplicate " + e.collapsed_under;
    if (e.duplicates_hidden > 0)
      out += "; " + std::to_string(e.duplicates_hidden) + " duplicate(s) collapsed under it";
    out += "\n";
  } else {
    out += "not matched (score 0):\n";
    for (const std::string& reason : e.why_not) out += "  - " + reason + "\n";
  }
  out += e.weighting + " (k1 " + number(e.k1, "%g") + ", b " + number(e.b, "%g") + " in answers, " +
         number(e.short_field_b, "%g") + " in questions, conditions and names); document length " +
         std::to_string(e.length) + ", average " + number(e.average_length, "%.1f") + ", " +
         std::to_string(e.documents) + " documents\n";
  if (!e.parts.empty()) {
    out +=
        "\n  score = weight * idf * (k1 + 1) * wdf / (k1 * (1 - b + b * length / average) + "
        "wdf), per part:\n";
    for (const ScorePart& part : e.parts) out += part_line(part, e.documents);
    out += "  " + number(e.sum_of_parts(), "%10.4f") + "  sum of " +
           std::to_string(e.parts.size()) + " parts\n";
  }
  if (!e.filters.empty()) out += "\n";
  for (const FilterCheck& check : e.filters) {
    out += std::string(check.exclusion ? "exclusion " : "filter ") + check.description + ": " +
           (check.passed ? "passed" : "failed") + "\n";
  }
  return out;
}

}  // namespace hqa
