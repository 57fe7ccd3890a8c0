// hqa-search: searches hqa indexes from the command line.
//   hqa-search --index DIR [--json] QUERY...        one search
//   hqa-search batch --index DIR --topics FILE      a TREC run for a topics file
//   hqa-search eval --qrels FILE [-m MEASURE...] RUN...   measures of runs, as trec_eval
//   hqa-search fuse [--method rrf|combsum] RUN...    runs fused into one
//   hqa-search explain --index DIR --id DOC QUERY   a document's score, part by part
//   hqa-search serve --index DIR [--listen H:P]     the HTTP API and search page
// Exit codes: 0 done (even with no results), 2 usage error or unreadable index or file.
#include <unistd.h>
#include <xapian.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>

#include "schema/date.h"
#include "schema/errors.h"
#include "schema/version.h"
#include "searcher/result_format.h"
#include "searcher/searcher.h"
#include "service/serve.h"
#include "tools/explain_command.h"
#include "tools/research_commands.h"
#include "tools/search_flags.h"

namespace {

// One search from the command line: the query words and how to show the results.
struct QueryCommand {
  hqa::SearcherOptions options;
  hqa::SearchRequest request;
  std::vector<std::string> words, filters, facets;
  std::string sort = "relevance", from, to, fields;
  bool json = false;
  bool no_snippets = false;
  CLI::Option* from_flag = nullptr;
  CLI::Option* to_flag = nullptr;

  void add_flags(CLI::App& app) {
    hqa::add_searcher_options(app, options, false);
    app.add_option("query", words, "the query (words, \"phrases\", +must, -not, field:word)");
    app.add_flag("--json", json, "print one JSON object");
    app.add_option("--limit", request.limit, "results to show")->check(CLI::Range(0, 1000));
    app.add_option("--offset", request.offset, "results to skip")->check(CLI::Range(0, 100000));
    app.add_flag("--no-snippets", no_snippets, "leave snippets out");
    app.add_flag("--prefix", request.last_word_is_prefix,
                 "search as you type: the last word is unfinished, and also searched as the "
                 "start of words");
    app.add_option("--filter", filters, "FIELD:VALUE, FIELD condition, source or type (repeatable)")
        ->allow_extra_args(false);
    app.add_option("--facets", facets, "count results per value of these fields")->delimiter(',');
    app.add_option("--sort", sort, "relevance or updated (newest first)")
        ->check(CLI::IsMember({"relevance", "updated"}));
    from_flag = app.add_option("--from", from, "last updated on or after (YYYY-MM-DD)");
    to_flag = app.add_option("--to", to, "last updated on or before (YYYY-MM-DD)");
    app.add_option("--snippet-words", options.snippet_words, "words per snippet")
        ->check(CLI::Range(hqa::kMinSnippetWords, hqa::kMaxSnippetWords));
    add_presentation_flags(app);
  }

  // The presentation parameters of GET /search, as flags (service/presentation_params.h).
  void add_presentation_flags(CLI::App& app) {
    app.add_option("--highlight-pre", request.tags.pre,
                   "mark before a match: an element's opening tag (<em>) or a text marker");
    app.add_option("--highlight-post", request.tags.post,
                   "mark after a match: the closing tag (</em>) or a text marker");
    app.add_option("--crop-marker", request.crop_marker, "where a snippet leaves text out");
    app.add_option("--fields", fields, "fields each hit shows in --json (id,question,...)");
    app.add_option("--max-values", request.facet_values, "values listed per facet")
        ->check(CLI::Range(size_t{1}, hqa::kMaxFacetValues));
  }

  // Throws InvalidInput naming the flag whose value is wrong.
  int run() {
    request.snippets = !no_snippets;
    if (sort == "updated") request.sort = hqa::SearchRequest::Sort::kUpdated;
    if (from_flag->count() > 0) request.updated_from = hqa::parse_date(from, "--from");
    if (to_flag->count() > 0) request.updated_to = hqa::parse_date(to, "--to");
    for (const std::string& filter : filters) hqa::add_filter(filter, request, "--filter");
    for (const std::string& name : facets) hqa::add_facet(name, request, "--facets");
    hqa::check_highlight_tags(request.tags, "--highlight-pre", "--highlight-post");
    hqa::check_text_marker(request.crop_marker, "--crop-marker");
    if (!fields.empty()) hqa::select_hit_fields(fields, request, "--fields");
    for (const std::string& word : words) {
      if (!request.query.empty()) request.query += ' ';
      request.query += word;
    }
    hqa::Searcher searcher(options);
    hqa::SearchResponse response = searcher.search(request);
    if (json) {
      std::cout << hqa::to_json(response).dump(2, ' ', false,
                                               nlohmann::json::error_handler_t::replace)
                << "\n";
    } else {
      std::cout << hqa::format_for_terminal(response, isatty(STDOUT_FILENO));
    }
    return 0;
  }
};

// hqa-search serve: the HTTP API and the search page.
struct ServeCommand {
  hqa::ServiceOptions service;
  std::string listen = "127.0.0.1:8080";
  std::string log_format = "text";

  CLI::App* add_to(CLI::App& app) {
    CLI::App* serve = app.add_subcommand("serve", "serve the HTTP JSON API and the search page");
    hqa::add_searcher_options(*serve, service.searcher, true);
    serve->add_option("--listen", listen, "HOST:PORT to listen on (port 0: any free port)");
    serve->add_option("--threads", service.threads, "connections served at once")
        ->check(CLI::Range(1, 1024));
    service.concurrent_searches = std::max(1u, std::thread::hardware_concurrency());
    serve
        ->add_option("--concurrent-searches", service.concurrent_searches,
                     "searches running at once (default: the number of cores)")
        ->check(CLI::Range(1, 256));
    serve->add_option("--api-key", service.api_key,
                      "key that enables POST/DELETE /documents (or env HQA_API_KEY)");
    serve->add_option("--keys", service.keys_file,
                      "file of API keys and their actions, one 'KEY ACTION[,ACTION...]' a line "
                      "(re-read on SIGHUP)");
    serve->add_flag("--private-search", service.private_reads,
                    "searches and reads need a key with the search action");
    serve->add_option("--log-format", log_format, "request log lines: text or json")
        ->check(CLI::IsMember({"text", "json"}));
    serve->add_flag("--log-queries", service.log_queries, "log query strings too (never keys)");
    serve->add_option("--cors-origin", service.cors_origin,
                      "allow this origin (CORS); off by default");
    serve->add_option("--max-query-bytes", service.max_query_bytes, "longest query accepted")
        ->check(CLI::Range(16, 65536));
    serve->add_option("--max-limit", service.max_limit, "most results per request")
        ->check(CLI::Range(1, 1000));
    serve->add_option("--max-depth", service.max_depth, "largest offset + limit")
        ->check(CLI::Range(1, 100000));
    serve->add_option("--max-body-bytes", service.max_body_bytes, "largest request body")
        ->check(CLI::Range(1024, 1 << 30));
    serve->add_option("--search-seconds", service.search_seconds, "time limit of one search")
        ->check(CLI::Range(0.01, 60.0));
    return serve;
  }

  int run() {
    hqa::set_listen_address(listen, service);
    service.log_format = hqa::parse_log_format(log_format);
    return hqa::serve_until_signal(service);
  }
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"hqa-search: search health answer indexes"};
  app.set_version_flag("--version", hqa::version_text("hqa-search", hqa::version_info()),
                       "print the versions of hqa, Xapian, ICU and the index schema");
  app.require_subcommand(0, 1);
  QueryCommand query;
  query.add_flags(app);
  hqa::ResearchCommands research;  // batch, eval, fuse
  research.add_to(app);
  ServeCommand serve;
  CLI::App* serve_command = serve.add_to(app);
  hqa::ExplainCommand explain;
  CLI::App* explain_command = explain.add_to(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  try {
    if (std::optional<int> code = research.run_parsed()) return *code;
    if (*serve_command) return serve.run();
    if (*explain_command) return explain.run();
    if (query.words.empty() || query.options.index_dirs.empty()) {
      std::cerr << "hqa-search: give --index and a query, or a subcommand (batch, eval, fuse, "
                   "serve); see --help\n";
      return 2;
    }
    return query.run();
  } catch (const std::exception& e) {
    std::cerr << "hqa-search: " << e.what() << "\n";
    return 2;
  } catch (const Xapian::Error& e) {  // from Xapian, underneath the libraries
    std::cerr << "hqa-search: " << e.get_description() << "\n";
    return 2;
  }
}
