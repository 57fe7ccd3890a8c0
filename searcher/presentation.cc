// @brief Stored fields and highlighted text of a hit.
#include "searcher/presentation.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "schema/date.h"
#include "schema/stored_strings.h"
#include "searcher/snippet.h"

namespace hqa {
namespace {

// The stored date as YYYY-MM-DD (documents store it so; a sortable YYYYMMDD is converted).
std::string display_date(const std::string& stored) {
  std::optional<Date> sortable = Date::parse_sortable(stored);
  return sortable ? sortable->iso() : stored;
}

struct StoredFields {
  StoredStrings strings;
  std::vector<std::string> other_names;
};

// The stored fields a hit shows, read by the one-pass reader; nlohmann's parser reads what it
// refuses, and other_names (an array, asked for only with `fields`).
StoredFields read_fields(const std::string& data, bool need_answer, bool need_extras) {
  auto wanted = [need_answer, need_extras](std::string_view key) {
    return key == "id" || key == "question" || key == "condition" || key == "source" ||
           key == "type" || key == "url" || key == "updated" || (need_answer && key == "answer") ||
           (need_extras && (key == "short_answer" || key == "other_names"));
  };
  StoredFields fields;
  if (!need_extras) {
    std::optional<StoredStrings> strings = read_stored_strings(data, wanted);
    if (strings) {
      fields.strings = std::move(*strings);
      return fields;
    }
  }
  auto shown = [&wanted](int depth, nlohmann::json::parse_event_t event, nlohmann::json& parsed) {
    return depth != 1 || event != nlohmann::json::parse_event_t::key ||
           wanted(parsed.get_ref<const std::string&>());
  };
  nlohmann::json parsed = nlohmann::json::parse(data, shown, false);
  if (parsed.is_discarded() || !parsed.is_object()) return fields;
  for (const auto& [key, value] : parsed.items()) {
    if (value.is_string()) fields.strings.emplace_back(key, value.get<std::string>());
  }
  auto names = parsed.find("other_names");
  if (names != parsed.end() && names->is_array()) {
    for (const nlohmann::json& name : *names) {
      if (name.is_string()) fields.other_names.push_back(name.get<std::string>());
    }
  }
  return fields;
}

}  // namespace

void present(const Xapian::Document& xdoc, const SearchRequest& request,
             const HighlightTerms& marks, const Analyzer& analyzer, size_t snippet_words,
             SearchHit& hit) {
  // Only the fields a hit shows are read (the answer only for a snippet or when asked for); the
  // rest (the experience line, the disclaimer) is skipped.
  const bool snippet = request.snippets && shows_field(request.fields, "snippet");
  const bool need_answer = snippet || shows_field(request.fields, "answer");
  const bool need_extras = !request.fields.empty();
  StoredFields stored = read_fields(xdoc.get_data(), need_answer, need_extras);
  auto field = [&stored](const char* key) -> const std::string& {
    return stored_string(stored.strings, key);
  };
  hit.id = field("id");
  hit.question_text = field("question");
  hit.question = highlight_all(hit.question_text, marks, analyzer, request.tags);
  hit.condition = field("condition");
  hit.source = field("source");
  hit.question_type = field("type");
  hit.url = field("url");
  hit.updated = display_date(field("updated"));
  if (snippet) {
    hit.snippet = make_snippet(
        field("answer"), marks, analyzer,
        {request.snippet_words.value_or(snippet_words), request.tags, request.crop_marker});
  }
  if (!need_extras) return;
  if (shows_field(request.fields, "answer")) hit.answer = field("answer");
  hit.short_answer = field("short_answer");
  hit.other_names = std::move(stored.other_names);
}

}  // namespace hqa
