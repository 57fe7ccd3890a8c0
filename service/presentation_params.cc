// @brief The presentation parameters of GET /search.
#include "service/presentation_params.h"

#include "service/http_params.h"

namespace hqa {
namespace {

// A whole number from `min` to `max`; HttpError 400 saying so otherwise.
size_t parse_in_range(const std::string& name, const std::string& text, size_t min, size_t max) {
  const std::string range = "parameter '" + name + "' must be a whole number from " +
                            std::to_string(min) + " to " + std::to_string(max);
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    throw HttpError{400, range};
  }
  const size_t value = std::stoul(text);
  if (value < min || value > max) throw HttpError{400, range};
  return value;
}

}  // namespace

void read_presentation_params(const httplib::Request& req, SearchRequest& request) {
  if (req.has_param("highlight_pre")) request.tags.pre = req.get_param_value("highlight_pre");
  if (req.has_param("highlight_post")) request.tags.post = req.get_param_value("highlight_post");
  check_highlight_tags(request.tags, "parameter 'highlight_pre'", "parameter 'highlight_post'");
  if (req.has_param("crop_marker")) {
    request.crop_marker = req.get_param_value("crop_marker");
    check_text_marker(request.crop_marker, "parameter 'crop_marker'");
  }
  if (req.has_param("snippet_words")) {
    request.snippet_words = parse_in_range("snippet_words", req.get_param_value("snippet_words"),
                                           kMinSnippetWords, kMaxSnippetWords);
  }
  if (req.has_param("fields")) {
    select_hit_fields(req.get_param_value("fields"), request, "parameter 'fields'");
  }
  if (req.has_param("max_values")) {
    request.facet_values =
        parse_in_range("max_values", req.get_param_value("max_values"), 1, kMaxFacetValues);
  }
}

}  // namespace hqa
