// hqa-search: searches hqa indexes from the command line.
//   hqa-search --index DIR [--json] QUERY...        one search
//   hqa-search batch --index DIR --topics FILE      a TREC run for a topics file
//   hqa-search eval --qrels FILE RUN...             trec_eval-style measures of runs
//   hqa-search serve --index DIR [--listen H:P]     the HTTP API and search page
// Exit codes: 0 done (even with no results), 2 usage error or unreadable index or file.
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <thread>

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <regex>

#include "eval/trec_run.h"
#include "eval/evaluation.h"
#include "service/http_service.h"
#include "searcher/result_format.h"
#include "searcher/searcher.h"

namespace {

// Options every subcommand that searches shares.
void add_searcher_options(CLI::App& app, hqa::SearcherOptions& options, bool index_required) {
  app.add_option("--index", options.index_dirs,
                 "index folder, or remote shard tcp://HOST:PORT (xapian-tcpsrv); repeat to "
                 "search several as one")
      ->allow_extra_args(false)
      ->required(index_required);
  app.add_option("--vocabulary", options.vocabulary_dirs,
                 "local index whose spelling and synonym tables serve remote shards (repeat for "
                 "several; default: the local --index folders)")
      ->allow_extra_args(false);
  app.add_option("--remote-timeout", options.remote_timeout_ms,
                 "milliseconds a remote shard may take before it is left out (partial results)")
      ->check(CLI::Range(100, 600000));
  app.add_option("--weighting", options.ranking.weighting,
                 "field-bm25 (per-field length normalisation) or bm25 (Xapian's BM25Weight, "
                 "always used with remote shards)")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, hqa::RankingOptions::Weighting>{
              {"field-bm25", hqa::RankingOptions::Weighting::kFieldBm25},
              {"bm25", hqa::RankingOptions::Weighting::kBm25}},
          CLI::ignore_case));
  app.add_option("--language", options.analyzer.language, "stemming language of the index");
  app.add_option("--k1", options.ranking.bm25_k1, "BM25 k1")->check(CLI::Range(0.0, 10.0));
  app.add_option("--b", options.ranking.bm25_b, "BM25 b of answer matches")->check(CLI::Range(0.0, 1.0));
  app.add_option("--short-field-b", options.ranking.short_field_b,
                 "BM25 b of question, condition and name matches")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--question-weight", options.ranking.weights.question, "weight of the question")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--condition-weight", options.ranking.weights.condition,
                 "weight of the condition and its other names")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--answer-weight", options.ranking.weights.answer, "weight of the answer")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--feedback-terms", options.ranking.feedback.terms,
                 "pseudo-relevance feedback: expansion terms from the top documents (0: off)")
      ->check(CLI::Range(0, 200));
  app.add_option("--feedback-docs", options.ranking.feedback.documents, "documents feedback reads")
      ->check(CLI::Range(1, 100));
  app.add_option("--feedback-weight", options.ranking.feedback.weight, "weight of expansion terms")
      ->check(CLI::Range(0.0, 10.0));
  app.add_option("--proximity-weight", options.ranking.weights.proximity,
                 "bonus for adjacent query words near each other in a document (0: off)")
      ->check(CLI::Range(0.0, 10.0));
  app.add_option("--synonym-weight", options.ranking.weights.synonym,
                 "weight of synonyms of names in the query (0: off)")
      ->check(CLI::Range(0.0, 10.0));
  app.add_option("--name-weight", options.ranking.weights.name_match,
                 "weight of a condition name the query contains whole (0: off)")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--max-query-words", options.ranking.weights.max_optional_words,
                 "search only this many of a long query's optional words, the rarest (0: all)");
  app.add_option("--intent-weight", options.ranking.weights.intent_match,
                 "bonus for answers of the question type the query asks about (0: off)")
      ->check(CLI::Range(0.0, 100.0));
}

// "host:port", "[::1]:port" or ":port" (loopback).
void parse_listen(const std::string& listen, hqa::ServiceOptions& service) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) throw std::runtime_error("--listen wants HOST:PORT, not " + listen);
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  service.host = host.empty() ? "127.0.0.1" : host;
  const std::string port = listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) > 65535) {
    throw std::runtime_error("--listen: bad port '" + port + "'");
  }
  service.port = std::stoi(port);
}

// Serves until SIGINT or SIGTERM, then lets requests under way finish.
int serve(hqa::ServiceOptions& service, const std::string& listen) {
  parse_listen(listen, service);
  if (service.api_key.empty()) {
    if (const char* key = std::getenv("HQA_API_KEY")) service.api_key = key;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any thread starts: all inherit it
  service.log = &std::cerr;
  hqa::HttpService http(service);
  std::thread stopper([&http, &signals] {
    int signal = 0;
    sigwait(&signals, &signal);
    std::cerr << "hqa-search: stopping (signal " << signal << ")\n";
    http.stop();
  });
  std::string host = service.host.find(':') != std::string::npos ? "[" + service.host + "]" : service.host;
  std::cout << "hqa-search: serving at http://" << host << ":" << http.port() << "/ (writes "
            << (service.api_key.empty() ? "off" : "on, with the API key") << ")" << std::endl;
  bool ok = http.run();
  if (stopper.joinable()) {
    // run() ended without a signal (it failed): wake the stopper so it can be joined.
    pthread_kill(stopper.native_handle(), SIGTERM);
    stopper.join();
  }
  return ok ? 0 : 2;
}

std::ifstream open_input(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  return in;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hqa-search: search health answer indexes"};
  app.require_subcommand(0, 1);

  hqa::SearcherOptions options;
  hqa::SearchRequest request;
  std::vector<std::string> words;
  bool json = false;
  bool no_snippets = false;
  add_searcher_options(app, options, false);
  app.add_option("query", words, "the query (words, \"phrases\", +must, -not, field:word)");
  app.add_flag("--json", json, "print one JSON object");
  app.add_option("--limit", request.limit, "results to show")->check(CLI::Range(0, 1000));
  app.add_option("--offset", request.offset, "results to skip")->check(CLI::Range(0, 100000));
  app.add_flag("--no-snippets", no_snippets, "leave snippets out");
  std::vector<std::string> filters, facets;
  std::string sort = "relevance";
  app.add_option("--filter", filters, "FIELD:VALUE, FIELD condition, source or type (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--facets", facets, "count results per value of these fields")->delimiter(',');
  app.add_option("--sort", sort, "relevance or updated (newest first)")
      ->check(CLI::IsMember({"relevance", "updated"}));
  const CLI::Validator kDate(
      [](std::string& date) {
        static const std::regex kPattern(R"(\d{4}-\d{2}-\d{2})");
        return std::regex_match(date, kPattern) ? std::string() : "a date is YYYY-MM-DD, not " + date;
      },
      "YYYY-MM-DD");
  app.add_option("--from", request.updated_from, "last updated on or after (YYYY-MM-DD)")->check(kDate);
  app.add_option("--to", request.updated_to, "last updated on or before (YYYY-MM-DD)")->check(kDate);
  app.add_option("--snippet-words", options.snippet_words, "words per snippet")
      ->check(CLI::Range(4, 200));

  hqa::SearcherOptions batch_options;
  std::string topics_path, output_path, tag = "hqa";
  size_t depth = 100;
  CLI::App* batch = app.add_subcommand("batch", "search a topics file (qid<TAB>query), write a TREC run");
  add_searcher_options(*batch, batch_options, true);
  batch->add_option("--topics", topics_path, "topics file")->required();
  batch->add_option("--depth", depth, "results per topic")->check(CLI::Range(1, 10000));
  batch->add_option("--tag", tag, "run tag (last column)");
  batch->add_option("--output", output_path, "write the run here instead of stdout");

  std::string qrels_path;
  std::vector<std::string> run_paths;
  bool per_topic = false;
  int threshold = 2;
  CLI::App* eval = app.add_subcommand("eval", "evaluate TREC runs against qrels");
  eval->add_option("--qrels", qrels_path, "TREC qrels (qid 0 docid grade)")->required();
  eval->add_option("runs", run_paths, "TREC run files; the first is the baseline")->required();
  eval->add_flag("--per-topic", per_topic, "also print every topic's measures");
  eval->add_option("--relevance-threshold", threshold,
                   "grade from which binary measures count a document relevant")
      ->check(CLI::Range(1, 100));

  hqa::ServiceOptions service;
  std::string listen = "127.0.0.1:8080";
  CLI::App* serve_command = app.add_subcommand("serve", "serve the HTTP JSON API and the search page");
  add_searcher_options(*serve_command, service.searcher, true);
  serve_command->add_option("--listen", listen, "HOST:PORT to listen on (port 0: any free port)");
  serve_command->add_option("--threads", service.threads, "connections served at once")
      ->check(CLI::Range(1, 1024));
  service.concurrent_searches = std::max(1u, std::thread::hardware_concurrency());
  serve_command->add_option("--concurrent-searches", service.concurrent_searches,
                            "searches running at once (default: the number of cores)")
      ->check(CLI::Range(1, 256));
  serve_command->add_option("--api-key", service.api_key,
                            "key that enables POST/DELETE /documents (or env HQA_API_KEY)");
  serve_command->add_option("--cors-origin", service.cors_origin, "allow this origin (CORS); off by default");
  serve_command->add_option("--max-query-bytes", service.max_query_bytes, "longest query accepted")
      ->check(CLI::Range(16, 65536));
  serve_command->add_option("--max-limit", service.max_limit, "most results per request")
      ->check(CLI::Range(1, 1000));
  serve_command->add_option("--max-depth", service.max_depth, "largest offset + limit")
      ->check(CLI::Range(1, 100000));
  serve_command->add_option("--max-body-bytes", service.max_body_bytes, "largest request body")
      ->check(CLI::Range(1024, 1 << 30));
  serve_command->add_option("--search-seconds", service.search_seconds, "time limit of one search")
      ->check(CLI::Range(0.01, 60.0));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }

  try {
    if (*batch) {
      std::ifstream topics_in = open_input(topics_path);
      std::vector<hqa::Topic> topics = hqa::read_topics(topics_in, topics_path);
      batch_options.max_depth = std::max(batch_options.max_depth, depth);
      batch_options.max_limit = std::max(batch_options.max_limit, depth);
      hqa::Searcher searcher(batch_options);
      std::ofstream file;
      if (!output_path.empty()) {
        file.open(output_path);
        if (!file) throw std::runtime_error("cannot write " + output_path);
      }
      hqa::BatchSummary summary =
          hqa::write_trec_run(searcher, topics, depth, tag, output_path.empty() ? std::cout : file);
      std::cerr << "hqa-search batch: " << summary.topics << " topics, " << summary.lines
                << " lines, " << summary.search_seconds * 1000 << " ms of search\n";
      return 0;
    }
    if (*serve_command) return serve(service, listen);
    if (*eval) {
      std::ifstream qrels_in = open_input(qrels_path);
      hqa::Qrels qrels = hqa::read_qrels(qrels_in, qrels_path);
      std::vector<hqa::NamedEvaluation> runs;
      for (const std::string& path : run_paths) {
        std::ifstream run_in = open_input(path);
        runs.push_back({path, hqa::evaluate(qrels, hqa::read_run(run_in, path), threshold)});
      }
      std::cout << hqa::format_evaluation_report(runs, per_topic);
      return 0;
    }
    if (words.empty() || options.index_dirs.empty()) {
      std::cerr << "hqa-search: give --index and a query, or a subcommand (batch, eval); see --help\n";
      return 2;
    }
    request.snippets = !no_snippets;
    if (sort == "updated") request.sort = hqa::SearchRequest::Sort::kUpdated;
    for (const std::string& filter : filters) {
      if (!hqa::add_filter(filter, request)) {
        std::cerr << "hqa-search: --filter wants condition:VALUE, source:VALUE or type:VALUE\n";
        return 2;
      }
    }
    for (const std::string& name : facets) {
      if (!hqa::add_facet(name, request)) {
        std::cerr << "hqa-search: unknown facet '" << name << "' (condition, source, type)\n";
        return 2;
      }
    }
    for (const std::string& word : words) {
      if (!request.query.empty()) request.query += ' ';
      request.query += word;
    }
    hqa::Searcher searcher(options);
    hqa::SearchResponse response = searcher.search(request);
    if (json) {
      std::cout << hqa::to_json(response).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
                << "\n";
    } else {
      std::cout << hqa::format_for_terminal(response, isatty(STDOUT_FILENO));
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "hqa-search: " << e.what() << "\n";
    return 2;
  }
}
