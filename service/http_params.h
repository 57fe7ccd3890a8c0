// The checks every route applies to its parameters, the error a handler throws to answer with
// a 4xx status, and how routes answer with JSON. InvalidInput from the libraries (a bad date, an
// unknown filter field) is answered as a 400 in the same place (HttpService's handle()).
#ifndef HQA_SERVICE_HTTP_PARAMS_H_
#define HQA_SERVICE_HTTP_PARAMS_H_

#include <httplib.h>

#include <cstddef>
#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>

namespace hqa {

// JSON is UTF-8 by definition (RFC 8259), and cpp-httplib compresses (gzip, brotli) only a
// content type it knows exactly: "application/json", with no parameters.
inline constexpr const char* kJsonType = "application/json";

// Answers with `body` as JSON (invalid UTF-8 in it replaced), or with the error object
// {"error": message, "status": status}.
void send_json(httplib::Response& res, int status, const nlohmann::json& body);
void send_error(httplib::Response& res, int status, const std::string& message);

// Inside handlers, an error is thrown as an HttpError and answered in one place.
struct HttpError {
  int status;
  std::string message;
};

// A whole number from 0 to `max`; HttpError 400 naming the parameter otherwise.
size_t parse_count(const std::string& name, const std::string& text, size_t max);
// true/1/on/empty or false/0/off; HttpError 400 otherwise.
bool parse_bool(const std::string& name, const std::string& text);

// Whether NUL bytes may pass: a search query drops control characters with a note (NUL among
// them), and completion reads them as spaces; an id or a filter value holding one cannot match
// anything and is refused.
enum class NulBytes { kRefused, kAllowed };

// HttpError 400 for text over `max_bytes`, not UTF-8, or holding a refused NUL byte.
void check_text(const std::string& name, const std::string& text, size_t max_bytes,
                NulBytes nul_bytes = NulBytes::kRefused);

// HttpError 400 for a parameter not in `known`, or given twice (but filter, which repeats).
void check_known_parameters(const httplib::Request& req, const std::set<std::string>& known);

// Compares without leaking through timing where the key and the guess first differ.
bool same_secret(const std::string& a, const std::string& b);

}  // namespace hqa

#endif  // HQA_SERVICE_HTTP_PARAMS_H_
