// @brief Routes, parameter validation and limits of the HTTP service.
#include "service/http_service.h"

#include <httplib.h>
#include <sys/socket.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "indexer/index_writer.h"
#include "indexer/jsonl_reader.h"
#include "schema/errors.h"
#include "schema/version.h"
#include "searcher/explanation_format.h"
#include "searcher/result_format.h"
#include "searcher/searcher_pool.h"
#include "searcher/shards.h"
#include "service/api_keys.h"
#include "service/http_params.h"
#include "service/metrics.h"
#include "service/openapi.h"
#include "service/presentation_params.h"
#include "service/request_log.h"
#include "service/search_gate.h"
#include "service/search_params.h"

namespace hqa {

struct HttpService::Impl {
  ServiceOptions options;
  SearcherPool pool;
  httplib::Server server;
  std::mutex write_mutex;  // one writer at a time from this process
  Metrics metrics;
  RequestObserver observer;
  AccessControl access;
  int bound_port = -1;
  int listen_socket = -1;  // seen in the socket options callback, for the backlog below
  std::vector<std::pair<std::string, std::string>> route_list;  // (method, path pattern)

  SearchGate searches;

  explicit Impl(const ServiceOptions& o)
      : options(o),
        pool(with_limits(o)),
        observer({o.log, o.log_format, o.log_queries}, metrics),
        access({o.keys_file, o.api_key, o.private_reads}),
        searches(o.concurrent_searches) {}

  static SearcherOptions with_limits(const ServiceOptions& o) {
    SearcherOptions s = o.searcher;
    s.max_query_bytes = o.max_query_bytes;
    s.max_limit = o.max_limit;
    s.max_depth = o.max_depth;
    s.time_limit_seconds = o.search_seconds;
    return s;
  }

  // Runs a handler, turning HttpError and any other failure into a JSON error response.
  void handle(const httplib::Request& req, httplib::Response& res,
              const std::function<void(const httplib::Request&, httplib::Response&)>& handler) {
    try {
      access.check(req);  // 401 or 403 unless the request's key allows what it asks
      handler(req, res);
    } catch (const HttpError& e) {
      send_error(res, e.status, e.message);
    } catch (const InvalidInput& e) {
      send_error(res, 400, e.what());
    } catch (const Xapian::Error& e) {
      send_error(res, 503, "the index cannot be read right now: " + e.get_description());
    } catch (const std::exception& e) {
      send_error(res, 503, std::string("the index cannot be searched right now: ") + e.what());
    }
  }

  void search(const httplib::Request& req, httplib::Response& res) {
    SearchRequest request = search_request(req, options);
    SearchGate::Pass pass(searches);
    SearcherPool::Lease searcher = pool.borrow();
    send_json(res, 200, to_json(searcher->search(request)));
  }

  void explain(const httplib::Request& req, httplib::Response& res) {
    ExplainRequest asked = explain_request(req, options);
    SearchGate::Pass pass(searches);
    SearcherPool::Lease searcher = pool.borrow();
    std::optional<Explanation> explanation = searcher->explain(asked.request, asked.id);
    if (!explanation) throw HttpError{404, "no document with this id"};
    send_json(res, 200, to_json(*explanation));
  }

  void suggest(const httplib::Request& req, httplib::Response& res) {
    check_known_parameters(req, {"q", "limit"});
    std::string q = req.get_param_value("q");
    check_text("q", q, 256, NulBytes::kAllowed);
    std::replace(q.begin(), q.end(), '\0', ' ');
    size_t limit = options.max_suggestions;
    if (req.has_param("limit"))
      limit = parse_count("limit", req.get_param_value("limit"), options.max_suggestions);
    SearchGate::Pass pass(searches);
    SearcherPool::Lease searcher = pool.borrow();
    send_json(res, 200, {{"query", q}, {"suggestions", searcher->complete(q, limit)}});
  }

  void document(const httplib::Request& req, httplib::Response& res) {
    check_known_parameters(req, {});
    std::string id = req.matches[1];
    check_text("id", id, 200);
    SearcherPool::Lease searcher = pool.borrow();
    std::optional<std::string> data = searcher->document_json(id);
    if (!data) throw HttpError{404, "no document with this id"};
    res.status = 200;
    res.set_content(*data, kJsonType);
  }

  void stats(const httplib::Request& req, httplib::Response& res) {
    check_known_parameters(req, {});
    SearchGate::Pass pass(searches);  // counting terms walks the index: one at a time per core
    SearcherPool::Lease searcher = pool.borrow();
    Searcher::Stats s = searcher->stats();
    send_json(res, 200,
              {{"documents", s.documents},
               {"terms", s.terms},
               {"index_bytes", s.bytes},
               {"last_update", s.last_commit}});
  }

  void health(const httplib::Request& req, httplib::Response& res) {
    check_known_parameters(req, {});
    SearcherPool::Lease searcher = pool.borrow();
    send_json(res, 200,
              {{"status", "ok"},
               {"documents", searcher->document_count()},
               {"version", version_json(version_info())}});
  }

  void version(const httplib::Request& req, httplib::Response& res) {
    check_known_parameters(req, {});
    send_json(res, 200, version_json(version_info()));
  }

  void metrics_text(const httplib::Request& req, httplib::Response& res) {
    check_known_parameters(req, {});
    res.set_content(metrics.render(read_index_gauges(pool), std::time(nullptr)),
                    kMetricsContentType);
  }

  // Runs `write` on an IndexWriter of the first index, one writer at a time.
  void with_writer(const std::function<void(IndexWriter&)>& write) {
    std::lock_guard<std::mutex> lock(write_mutex);
    std::unique_ptr<IndexWriter> writer;
    const std::string& first = options.searcher.index_dirs.front();
    if (is_remote_shard(first)) {
      throw HttpError{409, "writes go to the first --index, and " + first +
                               " is a remote shard: index into its folder on its host instead"};
    }
    try {
      writer = std::make_unique<IndexWriter>(
          IndexWriterOptions{options.searcher.index_dirs.front(), 1000, options.searcher.analyzer});
    } catch (const IndexError& e) {
      throw HttpError{503, std::string("the index cannot be written right now: ") + e.what()};
    }
    write(*writer);
    writer->commit();
  }

  void post_documents(const httplib::Request& req, httplib::Response& res) {
    std::istringstream body(req.body);
    CollectingSink sink;
    read_jsonl(body, "request body", sink, {options.max_body_bytes});
    WriteCounts counts;
    with_writer([&](IndexWriter& writer) {
      for (const AnswerDocument& doc : sink.documents) {
        if (std::optional<std::string> refused = write_and_count(writer, doc, "", counts)) {
          sink.reject({"request body", 0, "id " + doc.id.substr(0, 60), *refused});
        }
      }
    });
    nlohmann::json summary = {{"added", counts.added},
                              {"replaced", counts.replaced},
                              {"unchanged", counts.unchanged},
                              {"unanswered", sink.unanswered}};
    nlohmann::json rejected = nlohmann::json::array();
    for (const Rejection& r : sink.rejections)
      rejected.push_back({{"line", r.line}, {"reason", r.reason}});
    summary["rejected"] = rejected;
    if (sink.documents.empty() && !sink.rejections.empty()) {
      // Nothing usable at all: a plain client error, with the reasons.
      summary["error"] =
          "no document in the body could be indexed: " + sink.rejections.front().reason;
      summary["status"] = 400;
      send_json(res, 400, summary);
      return;
    }
    send_json(res, sink.rejections.empty() ? 200 : 207, summary);
  }

  void delete_document(const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    check_text("id", id, 200);
    bool removed = false;
    with_writer([&](IndexWriter& writer) { removed = writer.remove(id); });
    if (!removed) throw HttpError{404, "no document with this id"};
    send_json(res, 200, {{"deleted", id}});
  }

  void page(const httplib::Request&, httplib::Response& res) {
    res.set_content(search_page_html(), "text/html; charset=utf-8");
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                   "img-src 'self' data:");
  }

  void openapi(const httplib::Request& req, httplib::Response& res) {
    check_known_parameters(req, {});
    res.set_content(openapi_json(), kJsonType);
  }

  // Every route in one table: its handler is registered from it, other methods on its path are
  // answered 405 (not 404), and HttpService::routes() lists it (the OpenAPI test reads that).
  void routes() {
    using Member = void (Impl::*)(const httplib::Request&, httplib::Response&);
    const std::vector<std::tuple<std::string, std::string, Member>> kRoutes = {
        {"GET", "/", &Impl::page},
        {"GET", "/search", &Impl::search},
        {"GET", "/explain", &Impl::explain},
        {"GET", "/suggest", &Impl::suggest},
        {"GET", R"(/doc/(.+))", &Impl::document},
        {"GET", "/stats", &Impl::stats},
        {"GET", "/health", &Impl::health},
        {"GET", "/version", &Impl::version},
        {"GET", "/metrics", &Impl::metrics_text},
        {"GET", "/openapi.json", &Impl::openapi},
        {"POST", "/documents", &Impl::post_documents},
        {"DELETE", R"(/documents/(.+))", &Impl::delete_document}};
    using Handler = httplib::Server::Handler;
    for (const auto& [allowed, path, member] : kRoutes) {
      Handler handler = [this, member = member](const httplib::Request& req,
                                                httplib::Response& res) {
        handle(req, res, [this, member](const httplib::Request& q, httplib::Response& r) {
          (this->*member)(q, r);
        });
      };
      Handler refuse = [allowed = allowed](const httplib::Request& req, httplib::Response& res) {
        res.set_header("Allow", allowed);
        send_error(res, 405, "method " + req.method + " is not allowed here; use " + allowed);
      };
      auto when = [&, allowed = allowed](const char* method) {
        return allowed == method ? handler : refuse;
      };
      server.Get(path, when("GET")).Post(path, when("POST")).Delete(path, when("DELETE"));
      server.Put(path, refuse).Patch(path, refuse);
      route_list.emplace_back(allowed, path);
    }
    if (!options.cors_origin.empty()) {
      server.Options(R"(.*)",
                     [](const httplib::Request&, httplib::Response& res) { res.status = 204; });
    }
  }

  void configure() {
    const size_t threads = options.threads == 0 ? 1 : options.threads;
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.set_socket_options([this](socket_t sock) {
      httplib::default_socket_options(sock);
      listen_socket = sock;
    });
    server.set_tcp_nodelay(true);  // else Nagle and delayed ACKs add 40 ms to keep-alive requests
    server.set_payload_max_length(options.max_body_bytes);
    server.set_read_timeout(5, 0);
    server.set_write_timeout(5, 0);
    // httplib gives each connection a thread while it lives: keep-alive connections must not
    // hold threads for long, or clients beyond the pool wait for seconds.
    server.set_keep_alive_max_count(100);
    server.set_keep_alive_timeout(2);
    server.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      observer.started(req);
      if (!options.cors_origin.empty()) {
        res.set_header("Access-Control-Allow-Origin", options.cors_origin);
        res.set_header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
        res.set_header("Access-Control-Allow-Headers", "Content-Type, X-API-Key, Authorization");
      }
      if (req.target.size() > 8192) {
        send_error(res, 414, "the request target is too long");
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server.set_error_handler([](const httplib::Request&, httplib::Response& res) {
      if (!res.body.empty()) return;
      const char* reason = res.status == 413
                               ? "the request body is too large (send JSON Lines with "
                                 "Content-Type: application/x-ndjson)"
                           : res.status == 404 ? "no such endpoint"
                                               : "bad request";
      send_error(res, res.status, reason);
    });
    server.set_exception_handler(
        [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
          send_error(res, 500, "internal error");
        });
    // Always: the metrics count every request, logged or not.
    server.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
      observer.finished(req, res);
    });
  }
};

HttpService::HttpService(const ServiceOptions& options) : impl_(std::make_unique<Impl>(options)) {
  impl_->configure();
  impl_->routes();
  if (options.port == 0) {
    impl_->bound_port = impl_->server.bind_to_any_port(options.host);
  } else {
    impl_->bound_port = impl_->server.bind_to_port(options.host, options.port) ? options.port : -1;
  }
  if (impl_->bound_port < 0) {
    throw std::runtime_error("cannot listen on " + options.host + ":" +
                             std::to_string(options.port));
  }
  // The library listens with a backlog of 5: a burst of new connections would see SYNs dropped
  // and retried a second later. Listening again on the socket only raises the backlog.
  if (impl_->listen_socket >= 0) ::listen(impl_->listen_socket, 1024);
}

HttpService::~HttpService() = default;

int HttpService::port() const { return impl_->bound_port; }

const std::vector<std::pair<std::string, std::string>>& HttpService::routes() const {
  return impl_->route_list;
}

bool HttpService::run() { return impl_->server.listen_after_bind(); }

void HttpService::stop() { impl_->server.stop(); }

size_t HttpService::reload_keys() { return impl_->access.reload(); }

std::string HttpService::access_summary() const { return impl_->access.summary(); }

}  // namespace hqa
