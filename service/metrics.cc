// @brief Request counters, latency histograms and index gauges in Prometheus's text format.
#include "service/metrics.h"

#include <xapian.h>

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "schema/version.h"
#include "searcher/searcher_pool.h"

namespace hqa {
namespace {

// A label value as the format wants it: backslash, double quote and line feed escaped.
std::string label_value(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

void header(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

// The gauges read from the index at the scrape; without an index, only whether it was readable.
void render_index(std::string& out, const std::optional<IndexGauges>& index, int64_t now) {
  header(out, "hqa_index_readable", "gauge", "1 if the index could be read for this scrape.");
  out += std::string("hqa_index_readable ") + (index ? "1" : "0") + "\n";
  header(out, "hqa_index_documents", "gauge", "Documents in the index, as of its last commit.");
  if (index) out += "hqa_index_documents " + std::to_string(index->documents) + "\n";
  header(out, "hqa_index_last_commit_timestamp_seconds", "gauge",
         "Unix time of the index's last commit.");
  if (index && index->last_commit > 0) {
    out += "hqa_index_last_commit_timestamp_seconds " + std::to_string(index->last_commit) + "\n";
  }
  header(out, "hqa_index_age_seconds", "gauge", "Seconds since the index's last commit.");
  if (index && index->last_commit > 0) {
    out += "hqa_index_age_seconds " +
           std::to_string(std::max<int64_t>(0, now - index->last_commit)) + "\n";
  }
  header(out, "hqa_shards_unavailable", "gauge", "Remote shards left out of searches now.");
  if (index) out += "hqa_shards_unavailable " + std::to_string(index->unavailable_shards) + "\n";
}

}  // namespace

std::optional<IndexGauges> read_index_gauges(SearcherPool& pool) {
  try {
    SearcherPool::Lease searcher = pool.borrow();
    Searcher::Health health = searcher->health();
    return IndexGauges{health.documents, health.last_commit, health.unavailable_shards.size()};
  } catch (const std::exception&) {
    return std::nullopt;  // IndexError: hqa_index_readable says so, the counters still go out
  } catch (const Xapian::Error&) {
    return std::nullopt;
  }
}

void Metrics::observe(std::string_view route, int status, double seconds) {
  size_t bucket = std::lower_bound(kLatencyBuckets.begin(), kLatencyBuckets.end(), seconds) -
                  kLatencyBuckets.begin();
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{std::string(route), status}];
  Histogram& histogram = latency_[std::string(route)];
  ++histogram.counts[bucket];
  histogram.sum += seconds;
  ++histogram.count;
}

std::string Metrics::render(const std::optional<IndexGauges>& index, int64_t now) const {
  std::string out;
  VersionInfo version = version_info();
  header(out, "hqa_build_info", "gauge", "Versions of hqa, Xapian, ICU and the index schema.");
  out += "hqa_build_info{version=\"" + label_value(version.hqa) + "\",xapian=\"" +
         label_value(version.xapian) + "\",icu=\"" + label_value(version.icu) +
         "\",index_schema=\"" + std::to_string(version.index_schema) + "\"} 1\n";
  {
    std::lock_guard<std::mutex> lock(mutex_);
    header(out, "hqa_http_requests_total", "counter",
           "HTTP requests answered, by route pattern and status code.");
    for (const auto& [key, count] : requests_) {
      out += "hqa_http_requests_total{route=\"" + label_value(key.first) + "\",code=\"" +
             std::to_string(key.second) + "\"} " + std::to_string(count) + "\n";
    }
    header(out, "hqa_http_request_duration_seconds", "histogram",
           "Time from routing to the response written, by route pattern.");
    for (const auto& [route, histogram] : latency_) {
      const std::string name = "hqa_http_request_duration_seconds";
      const std::string labels = "{route=\"" + label_value(route) + "\",le=\"";
      uint64_t cumulative = 0;
      for (size_t i = 0; i < kLatencyBuckets.size(); ++i) {
        cumulative += histogram.counts[i];
        out += name + "_bucket" + labels + number(kLatencyBuckets[i]) + "\"} " +
               std::to_string(cumulative) + "\n";
      }
      out += name + "_bucket" + labels + "+Inf\"} " + std::to_string(histogram.count) + "\n";
      out += name + "_sum{route=\"" + label_value(route) + "\"} " + number(histogram.sum) + "\n";
      out += name + "_count{route=\"" + label_value(route) + "\"} " +
             std::to_string(histogram.count) + "\n";
    }
  }
  header(out, "hqa_searches_in_flight", "gauge", "Searches being run or waiting for their turn.");
  out += "hqa_searches_in_flight " + std::to_string(searches_in_flight_.load()) + "\n";
  render_index(out, index, now);
  return out;
}

}  // namespace hqa
