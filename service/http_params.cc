// @brief Parameter checks and JSON answers shared by the routes.
#include "service/http_params.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string_view>

#include "analysis/utf8.h"
#include "service/request_log.h"

namespace hqa {

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  note_result_count(body);  // for the log line
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), kJsonType);
}

void send_error(httplib::Response& res, int status, const std::string& message) {
  send_json(res, status, {{"error", message}, {"status", status}});
}

size_t parse_count(const std::string& name, const std::string& text, size_t max) {
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos) {
    throw HttpError{400, "parameter '" + name + "' must be a whole number"};
  }
  size_t value = std::stoul(text);
  if (value > max) {
    throw HttpError{400, "parameter '" + name + "' must be at most " + std::to_string(max)};
  }
  return value;
}

bool parse_bool(const std::string& name, const std::string& text) {
  if (text == "1" || text == "true" || text == "on" || text.empty()) return true;
  if (text == "0" || text == "false" || text == "off") return false;
  throw HttpError{400, "parameter '" + name + "' must be true or false"};
}

void check_text(const std::string& name, const std::string& text, size_t max_bytes,
                NulBytes nul_bytes) {
  if (text.size() > max_bytes) {
    throw HttpError{
        400, "parameter '" + name + "' is longer than " + std::to_string(max_bytes) + " bytes"};
  }
  std::string_view checked = text;
  std::string without_nul;
  if (nul_bytes == NulBytes::kAllowed && text.find('\0') != std::string::npos) {
    without_nul = text;
    std::replace(without_nul.begin(), without_nul.end(), '\0', ' ');
    checked = without_nul;
  }
  if (auto bad = find_invalid_utf8(checked)) {
    throw HttpError{400, "parameter '" + name + "' " +
                             (checked[*bad] == '\0' ? "holds a NUL byte" : "is not valid UTF-8")};
  }
}

void check_known_parameters(const httplib::Request& req, const std::set<std::string>& known) {
  for (const auto& [name, value] : req.params) {
    if (!known.count(name)) throw HttpError{400, "unknown parameter '" + name + "'"};
    // Only filter repeats; for anything else two values would leave us guessing which is meant.
    if (name != "filter" && req.get_param_value_count(name) > 1) {
      throw HttpError{400, "parameter '" + name + "' is given more than once"};
    }
  }
}

bool same_secret(const std::string& a, const std::string& b) {
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  for (size_t i = 0; i < a.size(); ++i) difference |= a[i] ^ (i < b.size() ? b[i] : 0);
  return difference == 0;
}

}  // namespace hqa
