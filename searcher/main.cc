// hqa-search: searches hqa indexes from the command line.
// Exit codes: 0 searched (even with no results), 2 usage error or an index that cannot be read.
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "searcher/result_format.h"
#include "searcher/searcher.h"

int main(int argc, char** argv) {
  hqa::SearcherOptions options;
  hqa::SearchRequest request;
  std::vector<std::string> words;
  bool json = false;
  bool no_snippets = false;

  CLI::App app{"hqa-search: search health answer indexes"};
  app.add_option("--index", options.index_dirs, "index folder (repeat to search several)")
      ->allow_extra_args(false)
      ->required();
  app.add_option("query", words, "the query (words, \"phrases\", +must, -not, field:word)")
      ->required();
  app.add_flag("--json", json, "print one JSON object");
  app.add_option("--limit", request.limit, "results to show")->check(CLI::Range(0, 1000));
  app.add_option("--offset", request.offset, "results to skip")->check(CLI::Range(0, 100000));
  app.add_flag("--no-snippets", no_snippets, "leave snippets out");
  app.add_option("--snippet-words", options.snippet_words, "words per snippet")
      ->check(CLI::Range(4, 200));
  app.add_option("--language", options.analyzer.language, "stemming language of the index");
  app.add_option("--k1", options.ranking.bm25_k1, "BM25 k1")->check(CLI::Range(0.0, 10.0));
  app.add_option("--b", options.ranking.bm25_b, "BM25 b")->check(CLI::Range(0.0, 1.0));
  app.add_option("--question-weight", options.ranking.question_weight, "weight of the question")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--condition-weight", options.ranking.condition_weight,
                 "weight of the condition and its other names")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--answer-weight", options.ranking.answer_weight, "weight of the answer")
      ->check(CLI::Range(0.0, 100.0));
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  request.snippets = !no_snippets;
  for (const std::string& word : words) {
    if (!request.query.empty()) request.query += ' ';
    request.query += word;
  }

  try {
    hqa::Searcher searcher(options);
    hqa::SearchResponse response = searcher.search(request);
    if (json) {
      std::cout << hqa::to_json(response).dump(2) << "\n";
    } else {
      std::cout << hqa::format_for_terminal(response, isatty(STDOUT_FILENO));
    }
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "hqa-search: " << e.what() << "\n";
    return 2;
  }
}
