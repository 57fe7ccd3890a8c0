// hqa-search explain: why a document scores what it does for a query, part by part
// (searcher/explanation.h), and where it ranks, with the searching and ranking flags of a search.
//   hqa-search explain --index DIR --id DOC [--json] [ranking flags] QUERY...
#ifndef HQA_TOOLS_EXPLAIN_COMMAND_H_
#define HQA_TOOLS_EXPLAIN_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "searcher/searcher.h"
#include "tools/search_flags.h"

namespace hqa {

class ExplainCommand {
 public:
  // Adds the subcommand to `app`; main runs it when it was given.
  CLI::App* add_to(CLI::App& app);
  // Prints the explanation. Throws InvalidInput for an id no document has, or a bad flag value.
  int run();

 private:
  SearcherOptions options_;
  SearchRequest request_;
  RequestFlags request_flags_;
  std::string id_;
  std::vector<std::string> words_;
  bool json_ = false;
};

}  // namespace hqa

#endif  // HQA_TOOLS_EXPLAIN_COMMAND_H_
