// @brief Log lines (text or JSON) and metrics of answered requests.
#include "service/request_log.h"

#include <httplib.h>

#include <cmath>
#include <cstdio>
#include <ctime>

#include "schema/errors.h"
#include "service/routes.h"

namespace hqa {
namespace {

using Clock = std::chrono::steady_clock;

// What is noted about the request this thread is handling.
struct RequestNote {
  Clock::time_point start{};  // unset for requests refused before routing
  std::optional<size_t> results;
  bool counted_as_search = false;
};

RequestNote& current_request() {
  thread_local RequestNote note;
  return note;
}

// Control characters percent-escaped, so that a path cannot forge log lines.
std::string escape_controls(const std::string& text, size_t max_bytes) {
  std::string out;
  for (char c : text.substr(0, max_bytes)) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "%%%02X", u);
      out += hex;
    } else {
      out += c;
    }
  }
  return out;
}

std::string utc_now() {
  auto now = std::chrono::system_clock::now();
  std::time_t seconds = std::chrono::system_clock::to_time_t(now);
  auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[80];  // room for any int the compiler imagines in each field
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(millis.count()));
  return text;
}

}  // namespace

LogFormat parse_log_format(const std::string& name) {
  if (name == "text") return LogFormat::kText;
  if (name == "json") return LogFormat::kJson;
  throw InvalidInput("--log-format must be text or json, not '" + name + "'");
}

void note_result_count(const nlohmann::json& body) {
  if (!body.is_object()) return;
  for (const char* key : {"hits", "suggestions"}) {
    auto found = body.find(key);
    if (found != body.end() && found->is_array()) current_request().results = found->size();
  }
}

std::string format_log_line(const RequestRecord& record, LogFormat format) {
  if (format == LogFormat::kJson) {
    nlohmann::ordered_json line = {{"time", record.time},     {"method", record.method},
                                   {"path", record.path},     {"route", record.route},
                                   {"status", record.status}, {"ms", nullptr},
                                   {"bytes", record.bytes}};
    if (record.ms) line["ms"] = std::round(*record.ms * 1000) / 1000;
    if (record.results) line["results"] = *record.results;
    if (record.query) line["query"] = *record.query;
    return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  std::string took = "-";
  if (record.ms) {
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1fms", *record.ms);
    took = ms;
  }
  std::string target = record.path + (record.query ? "?" + *record.query : "");
  return record.method.substr(0, 16) + " " + target + " " + std::to_string(record.status) + " " +
         took;
}

void RequestObserver::started(const httplib::Request& req) {
  RequestNote& note = current_request();
  // A request this thread routed but never logged (none should be) must not stay in flight.
  if (note.counted_as_search) metrics_.search_ended();
  note = RequestNote{};
  note.start = Clock::now();
  if (req.path == "/search") {
    note.counted_as_search = true;
    metrics_.search_started();
  }
}

void RequestObserver::finished(const httplib::Request& req, const httplib::Response& res) {
  RequestNote note = current_request();
  current_request() = RequestNote{};
  if (note.counted_as_search) metrics_.search_ended();
  RequestRecord record;
  record.route = route_of(req.path);
  record.status = res.status;
  record.bytes = res.body.size();
  record.results = note.results;
  if (note.start != Clock::time_point{}) {
    record.ms = std::chrono::duration<double, std::milli>(Clock::now() - note.start).count();
  }
  metrics_.observe(record.route, record.status, record.ms.value_or(0) / 1000);
  if (!options_.log) return;
  record.time = utc_now();
  record.method = req.method;
  record.path = escape_controls(req.path, 200);
  size_t question = req.target.find('?');
  if (options_.log_queries && question != std::string::npos) {
    record.query = escape_controls(req.target.substr(question + 1), 2000);
  }
  std::string line = format_log_line(record, options_.format) + "\n";
  std::lock_guard<std::mutex> lock(log_mutex_);
  *options_.log << line << std::flush;
}

}  // namespace hqa
