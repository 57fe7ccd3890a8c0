// @brief Stored fields and highlighted text of a hit.
#include "searcher/presentation.h"

#include <nlohmann/json.hpp>

#include "searcher/snippet.h"

namespace hqa {
namespace {

std::string display_date(const std::string& yyyymmdd_or_iso) {
  const std::string& d = yyyymmdd_or_iso;
  if (d.size() == 8) return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
  return d;
}

}  // namespace

void present(const Xapian::Document& xdoc, const SearchRequest& request,
             const HighlightTerms& marks, const Analyzer& analyzer, size_t snippet_words,
             SearchHit& hit) {
  nlohmann::json data = nlohmann::json::parse(xdoc.get_data(), nullptr, false);
  if (data.is_discarded() || !data.is_object()) data = nlohmann::json::object();
  auto field = [&data](const char* key) {
    auto found = data.find(key);
    return found != data.end() && found->is_string() ? found->get<std::string>() : std::string();
  };
  hit.id = field("id");
  hit.question_text = field("question");
  hit.question = highlight_all(hit.question_text, marks, analyzer);
  hit.condition = field("condition");
  hit.source = field("source");
  hit.question_type = field("type");
  hit.url = field("url");
  hit.updated = display_date(field("updated"));
  if (request.snippets)
    hit.snippet = make_snippet(field("answer"), marks, analyzer, {snippet_words});
}

}  // namespace hqa
