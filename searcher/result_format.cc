// @brief JSON and terminal renderings of a SearchResponse.
#include "searcher/result_format.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "searcher/explanation_format.h"

namespace hqa {
namespace {

// Snippet HTML -> terminal text: entities decoded, <mark> as bold or dropped.
std::string html_to_terminal(const std::string& html, bool ansi) {
  static const std::pair<std::string_view, std::string_view> kEntities[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
  std::string out;
  for (size_t i = 0; i < html.size();) {
    std::string_view rest(html.data() + i, html.size() - i);
    if (rest.substr(0, 6) == "<mark>") {
      if (ansi) out += "\033[1m";
      i += 6;
      continue;
    }
    if (rest.substr(0, 7) == "</mark>") {
      if (ansi) out += "\033[0m";
      i += 7;
      continue;
    }
    bool decoded = false;
    for (auto [entity, text] : kEntities) {
      if (rest.substr(0, entity.size()) == entity) {
        out += text;
        i += entity.size();
        decoded = true;
        break;
      }
    }
    if (!decoded) out += html[i++];
  }
  return out;
}

}  // namespace

nlohmann::json to_json(const SearchResponse& response) {
  nlohmann::json hits = nlohmann::json::array();
  for (const SearchHit& hit : response.hits) {
    nlohmann::json shown = {{"id", hit.id},
                            {"rank", hit.rank},
                            {"score", hit.score},
                            {"question", hit.question},
                            {"condition", hit.condition},
                            {"source", hit.source},
                            {"type", hit.question_type},
                            {"url", hit.url},
                            {"updated", hit.updated},
                            {"snippet", hit.snippet}};
    if (!response.fields.empty()) {
      shown["answer"] = hit.answer;
      shown["short_answer"] = hit.short_answer;
      shown["other_names"] = hit.other_names;
      for (std::string_view name : kHitFields) {
        if (!shows_field(response.fields, name)) shown.erase(std::string(name));
      }
    }
    if (hit.explanation) shown["explanation"] = to_json(*hit.explanation);
    hits.push_back(std::move(shown));
  }
  nlohmann::json facets = nlohmann::json::object();
  for (const auto& [field, counts] : response.facets) {
    nlohmann::json values = nlohmann::json::array();
    for (const FacetCount& count : counts)
      values.push_back({{"value", count.value}, {"count", count.count}});
    facets[std::string(field_spec(field).name)] = values;
  }
  return {{"query", response.query},
          {"total", response.total},
          {"total_exact", response.total_exact},
          {"took_ms", response.took_ms},
          {"suggestion",
           response.suggestion.empty() ? nlohmann::json() : nlohmann::json(response.suggestion)},
          {"notes", response.notes},
          {"hits", hits},
          {"facets", facets},
          {"facets_estimated", response.facets_estimated},
          {"partial", response.partial},
          {"unavailable_shards", response.unavailable_shards}};
}

std::string format_for_terminal(const SearchResponse& response, bool ansi) {
  char took[32];
  std::snprintf(took, sizeof took, "%.1f", response.took_ms);
  std::string out = std::string(response.total_exact ? "" : "about ") +
                    std::to_string(response.total) + " results for \"" + response.query + "\" (" +
                    took + " ms)\n";
  if (!response.suggestion.empty()) out += "did you mean: " + response.suggestion + "\n";
  for (const std::string& note : response.notes) out += "note: " + note + "\n";
  for (const std::string& shard : response.unavailable_shards) {
    out += "partial results: " + shard + " could not be searched\n";
  }
  for (const auto& [field, counts] : response.facets) {
    out += std::string(field_spec(field).name) + ":";
    for (const FacetCount& count : counts)
      out += " " + count.value + " (" + std::to_string(count.count) + ")";
    out += "\n";
  }
  for (const SearchHit& hit : response.hits) {
    char score[32];
    std::snprintf(score, sizeof score, "%.3f", hit.score);
    out += "\n" + std::to_string(hit.rank) + ". " + html_to_terminal(hit.question, ansi) + "\n";
    std::string meta = "   " + hit.id;
    if (!hit.condition.empty()) meta += " · " + hit.condition;
    if (!hit.source.empty()) meta += " · " + hit.source;
    if (!hit.updated.empty()) meta += " · updated " + hit.updated;
    meta += " · score " + std::string(score);
    out += meta + "\n";
    if (!hit.url.empty()) out += "   " + hit.url + "\n";
    if (!hit.snippet.empty()) out += "   " + html_to_terminal(hit.snippet, ansi) + "\n";
  }
  return out;
}

}  // namespace hqa
