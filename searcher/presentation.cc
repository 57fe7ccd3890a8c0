// @brief Stored fields and highlighted text of a hit.
#include "searcher/presentation.h"

#include <nlohmann/json.hpp>
#include <optional>

#include "schema/date.h"
#include "searcher/snippet.h"

namespace hqa {
namespace {

// The stored date as YYYY-MM-DD (documents store it so; a sortable YYYYMMDD is converted).
std::string display_date(const std::string& stored) {
  std::optional<Date> sortable = Date::parse_sortable(stored);
  return sortable ? sortable->iso() : stored;
}

}  // namespace

void present(const Xapian::Document& xdoc, const SearchRequest& request,
             const HighlightTerms& marks, const Analyzer& analyzer, size_t snippet_words,
             SearchHit& hit) {
  // Only the fields a hit shows are kept as they are parsed (the answer only for a snippet or
  // when asked for); the rest (the experience line, the disclaimer) is skipped.
  const bool snippet = request.snippets && shows_field(request.fields, "snippet");
  const bool need_answer = snippet || shows_field(request.fields, "answer");
  const bool need_extras = !request.fields.empty();
  auto shown = [need_answer, need_extras](int depth, nlohmann::json::parse_event_t event,
                                          nlohmann::json& parsed) {
    if (depth != 1 || event != nlohmann::json::parse_event_t::key) return true;
    const std::string& key = parsed.get_ref<const std::string&>();
    return key == "id" || key == "question" || key == "condition" || key == "source" ||
           key == "type" || key == "url" || key == "updated" || (need_answer && key == "answer") ||
           (need_extras && (key == "short_answer" || key == "other_names"));
  };
  nlohmann::json data = nlohmann::json::parse(xdoc.get_data(), shown, false);
  if (data.is_discarded() || !data.is_object()) data = nlohmann::json::object();
  auto field = [&data](const char* key) {
    auto found = data.find(key);
    return found != data.end() && found->is_string() ? found->get<std::string>() : std::string();
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
  auto names = data.find("other_names");
  if (names != data.end() && names->is_array()) {
    for (const nlohmann::json& name : *names) {
      if (name.is_string()) hit.other_names.push_back(name.get<std::string>());
    }
  }
}

}  // namespace hqa
