// The HTTP JSON API and search page of `hqa-search serve`, on cpp-httplib:
//   GET /                 the search page (self-contained HTML)
//   GET /search           ranked, highlighted results with facets (README lists the parameters)
//   GET /explain?q=&id=   a document's score for a query, part by part (searcher/explanation.h)
//   GET /suggest?q=       completions for search-as-you-type
//   GET /doc/{id}         one stored document
//   GET /health, /stats   liveness; documents, terms, bytes, last update
//   GET /version          versions of hqa, Xapian, ICU and the index schema
//   GET /metrics          Prometheus text format (service/metrics.h)
//   GET /openapi.json     the OpenAPI 3.1 description of all of these (service/openapi.json)
//   POST /documents       JSONL documents to add or replace   (needs a key: documents.add)
//   DELETE /documents/{id}                                     (needs a key: documents.delete)
// Keys and what each allows: service/api_keys.h.
// Every error is a JSON object {"error": message, "status": code} with a 4xx or 5xx status.
// Requests run on a thread pool; each borrows its own Searcher (searcher_pool.h).
#ifndef HQA_SERVICE_HTTP_SERVICE_H_
#define HQA_SERVICE_HTTP_SERVICE_H_

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "searcher/searcher.h"
#include "service/request_log.h"

namespace hqa {

struct ServiceOptions {
  SearcherOptions searcher;
  std::string host = "127.0.0.1";  // loopback unless asked otherwise
  int port = 8080;                 // 0: any free port (see HttpService::port)
  // Connections served at once: httplib gives each a thread for its whole life, so this must
  // cover busy keep-alive clients plus slow ones (slowloris), while SearchGate keeps the CPU
  // work to concurrent_searches at a time. Idle threads cost little.
  size_t threads = 512;
  size_t concurrent_searches = 2;  // searches running at once, in arrival order; about the cores
  std::string api_key;             // empty: writes are off
  std::string keys_file;           // keys and their actions (service/api_keys.h); empty: none
  bool private_reads = false;      // reads need a key with the search action
  std::string cors_origin;         // empty: no CORS headers
  // Limits; past them a request gets a 4xx.
  size_t max_query_bytes = 1024;
  size_t max_limit = 100;
  size_t max_depth = 1000;  // offset + limit
  size_t max_body_bytes = 16u << 20;
  size_t max_suggestions = 10;
  double search_seconds = 2.0;  // Xapian's time limit per search
  std::ostream* log = nullptr;  // one line per request
  LogFormat log_format = LogFormat::kText;
  bool log_queries = false;  // log query strings too (never keys)
};

class HttpService {
 public:
  // Opens the indexes (IndexError if it cannot) and binds the port (std::runtime_error if it
  // cannot).
  explicit HttpService(const ServiceOptions& options);
  ~HttpService();
  HttpService(const HttpService&) = delete;
  HttpService& operator=(const HttpService&) = delete;

  int port() const;  // the bound port
  // Every route served, as (method, path pattern): "GET", "/search"; "GET", "/doc/(.+)".
  const std::vector<std::pair<std::string, std::string>>& routes() const;
  // Serves until stop() is called from another thread; returns false if serving failed.
  bool run();
  // Stops accepting requests and lets those under way finish.
  void stop();
  // Re-reads the keys file and returns the number of keys in use. Throws InvalidInput when the
  // file is bad; the keys in use then stay.
  size_t reload_keys();
  // "writes on, with API keys", "writes off; reads need a key", ... for the start-up line.
  std::string access_summary() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The search page's HTML (service/page/index.html, built in).
const std::string& search_page_html();

}  // namespace hqa

#endif  // HQA_SERVICE_HTTP_SERVICE_H_
