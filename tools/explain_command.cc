// @brief The explain subcommand of hqa-search.
#include "tools/explain_command.h"

#include <iostream>
#include <nlohmann/json.hpp>

#include "schema/errors.h"
#include "searcher/explanation_format.h"

namespace hqa {

CLI::App* ExplainCommand::add_to(CLI::App& app) {
  CLI::App* explain = app.add_subcommand(
      "explain", "why a document scores what it does for a query: its score as a sum of parts");
  add_searcher_options(*explain, options_, true);
  explain->add_option("--id", id_, "the document's id")->required();
  explain->add_option("query", words_, "the query, as a search takes it")->required();
  explain->add_flag("--json", json_, "print one JSON object");
  explain->add_flag("--prefix", request_.last_word_is_prefix,
                    "search as you type: the last word is unfinished (as with hqa-search)");
  request_flags_.add_to(*explain);
  return explain;
}

int ExplainCommand::run() {
  request_flags_.apply(request_);
  for (const std::string& word : words_) {
    if (!request_.query.empty()) request_.query += ' ';
    request_.query += word;
  }
  Searcher searcher(options_);
  std::optional<Explanation> explanation = searcher.explain(request_, id_);
  if (!explanation) throw InvalidInput("--id: no document has the id '" + id_ + "'");
  if (json_) {
    std::cout << to_json(*explanation).dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    std::cout << format_for_terminal(*explanation);
  }
  return 0;
}

}  // namespace hqa
