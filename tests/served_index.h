// A test's own `hqa-search serve`: the HTTP service in-process on a free loopback port, with a
// client, for tests that talk to it over HTTP.
#ifndef HQA_TESTS_SERVED_INDEX_H_
#define HQA_TESTS_SERVED_INDEX_H_

#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>

#include "service/http_service.h"

namespace hqa::testing {

class ServedIndex {
 public:
  // Serves `options` until destroyed, on a free port with 4 threads, logging to `options.log`
  // or, when that is null, to a stream of its own. Returns once `ready_path` answers; tests that
  // count requests probe with a path they expect to count.
  explicit ServedIndex(ServiceOptions options, const std::string& ready_path = "/health");
  ~ServedIndex();
  ServedIndex(const ServedIndex&) = delete;
  ServedIndex& operator=(const ServedIndex&) = delete;

  HttpService& service() { return *service_; }
  httplib::Client& client() { return *client_; }
  // GETs `target` and checks (gtest) the status and that the body is JSON; the parsed body, or
  // a discarded value if it was not JSON.
  nlohmann::json get_json(const std::string& target, int expected_status = 200);

 private:
  std::ostringstream log_;
  std::unique_ptr<HttpService> service_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

// `value` percent-encoded for a query string.
std::string url_encode(const std::string& value);

}  // namespace hqa::testing

#endif  // HQA_TESTS_SERVED_INDEX_H_
