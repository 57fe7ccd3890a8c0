// @brief The HTTP service in-process, for tests.
#include "tests/served_index.h"

#include <gtest/gtest.h>

#include <chrono>

namespace hqa::testing {

ServedIndex::ServedIndex(ServiceOptions options, const std::string& ready_path) {
  options.port = 0;
  options.threads = 4;
  if (options.log == nullptr) options.log = &log_;
  service_ = std::make_unique<HttpService>(options);
  thread_ = std::thread([this] { service_->run(); });
  client_ = std::make_unique<httplib::Client>("127.0.0.1", service_->port());
  for (int i = 0; i < 100 && !client_->Get(ready_path); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

ServedIndex::~ServedIndex() {
  service_->stop();
  if (thread_.joinable()) thread_.join();
}

nlohmann::json ServedIndex::get_json(const std::string& target, int expected_status) {
  auto res = client_->Get(target);
  EXPECT_TRUE(res) << target;
  if (!res) return nlohmann::json(nlohmann::json::value_t::discarded);
  EXPECT_EQ(res->status, expected_status) << target << " -> " << res->body;
  EXPECT_NE(res->get_header_value("Content-Type").find("application/json"), std::string::npos)
      << target;
  return nlohmann::json::parse(res->body, nullptr, false);
}

std::string url_encode(const std::string& value) {
  return httplib::detail::encode_query_param(value);
}

}  // namespace hqa::testing
