// What the service records of each request when it has been answered: one log line, as text
// (the default: "GET /search 200 1.2ms") or as one JSON object (--log-format json), and the
// metrics (service/metrics.h). Neither the query string nor any header (where keys travel) is
// ever logged, unless log_queries asks for the query string.
//
// A request is handled from routing to its log line on one pool thread, so what is noted about
// it along the way (its start, its result count) is kept per thread.
#ifndef HQA_SERVICE_REQUEST_LOG_H_
#define HQA_SERVICE_REQUEST_LOG_H_

#include <chrono>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "service/metrics.h"

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace hqa {

enum class LogFormat { kText, kJson };

// "text" or "json"; InvalidInput naming --log-format otherwise.
LogFormat parse_log_format(const std::string& name);

// Notes the result count of a response body being sent, if it has one (the hits of /search, the
// suggestions of /suggest), for the log line of this thread's request.
void note_result_count(const nlohmann::json& body);

// One request, as logged.
struct RequestRecord {
  std::string time;  // ISO 8601, UTC, milliseconds: "2025-06-01T12:00:00.123Z"
  std::string method;
  std::string path;                  // the path, control characters percent-escaped
  std::string route;                 // the route pattern (service/routes.h)
  std::optional<std::string> query;  // the query string, only with log_queries
  int status = 0;
  std::optional<double> ms;  // unknown for requests refused before routing
  std::optional<size_t> results;
  size_t bytes = 0;  // of the response body as sent (compressed, if it was)
};

// The line, without its newline.
std::string format_log_line(const RequestRecord& record, LogFormat format);

struct RequestLogOptions {
  std::ostream* log = nullptr;  // no log lines when null; the metrics are kept all the same
  LogFormat format = LogFormat::kText;
  bool log_queries = false;
};

// Called by the server at the two ends of every request.
class RequestObserver {
 public:
  RequestObserver(const RequestLogOptions& options, Metrics& metrics)
      : options_(options), metrics_(metrics) {}
  // From the pre-routing handler: the request is about to be routed.
  void started(const httplib::Request& req);
  // From the server's logger: the response has been written.
  void finished(const httplib::Request& req, const httplib::Response& res);

 private:
  RequestLogOptions options_;
  Metrics& metrics_;
  std::mutex log_mutex_;  // whole lines
};

}  // namespace hqa

#endif  // HQA_SERVICE_REQUEST_LOG_H_
