// The service's metrics, served at GET /metrics in Prometheus's text exposition format (version
// 0.0.4): requests by route pattern and status, a latency histogram per route, searches in
// flight, and gauges of the index read at each scrape (documents, age of the last commit,
// unavailable shards). Shared by the request threads: every member is thread-safe.
#ifndef HQA_SERVICE_METRICS_H_
#define HQA_SERVICE_METRICS_H_

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace hqa {

// The content type of the exposition format.
inline constexpr const char* kMetricsContentType = "text/plain; version=0.0.4; charset=utf-8";

// Upper bounds (seconds) of the latency buckets: a search takes about a millisecond to a few
// hundred (README, "Search as you type"); --search-seconds caps it at seconds.
inline constexpr std::array<double, 13> kLatencyBuckets = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

// What a scrape reads from the index; nullopt in render() when it cannot be read.
struct IndexGauges {
  uint64_t documents = 0;
  int64_t last_commit = 0;  // Unix seconds; 0: unknown (no age is reported then)
  size_t unavailable_shards = 0;
};

class SearcherPool;

// The index's gauges as a borrowed Searcher reads them; nullopt if the index cannot be read.
std::optional<IndexGauges> read_index_gauges(SearcherPool& pool);

class Metrics {
 public:
  // Counts an answered request: its route pattern (service/routes.h), status and duration.
  void observe(std::string_view route, int status, double seconds);
  // Brackets a /search request, waiting for its turn included.
  void search_started() { ++searches_in_flight_; }
  void search_ended() { --searches_in_flight_; }

  // The exposition text: HELP and TYPE lines, then the samples, for every metric.
  // `now` is the current Unix time, for the index's age.
  std::string render(const std::optional<IndexGauges>& index, int64_t now) const;

 private:
  struct Histogram {
    std::array<uint64_t, kLatencyBuckets.size() + 1> counts{};  // per bucket; last: over all
    double sum = 0;
    uint64_t count = 0;
  };

  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, uint64_t> requests_;  // (route, status) -> count
  std::map<std::string, Histogram> latency_;                  // route -> histogram
  std::atomic<int64_t> searches_in_flight_{0};
};

}  // namespace hqa

#endif  // HQA_SERVICE_METRICS_H_
