// hqa-search's subcommands for researchers, registered from hqa_search.cc:
//   batch  a run of a topics file (TSV, TREC, TREC LiveQA XML or JSON Lines);
//   eval   measures of runs against qrels: the default table, or trec_eval's -m measures;
//   fuse   runs fused into one (reciprocal rank fusion, CombSUM).
#ifndef HQA_TOOLS_RESEARCH_COMMANDS_H_
#define HQA_TOOLS_RESEARCH_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <memory>
#include <optional>

namespace hqa {

class ResearchCommands {
 public:
  ResearchCommands();
  ~ResearchCommands();
  ResearchCommands(const ResearchCommands&) = delete;
  ResearchCommands& operator=(const ResearchCommands&) = delete;

  // Adds batch, eval and fuse to `app`.
  void add_to(CLI::App& app);
  // After parsing: runs the one of them that was given and returns its exit code; nullopt when
  // none was. Throws what the libraries throw (InvalidInput, IndexError), for main to report.
  std::optional<int> run_parsed();

 private:
  struct Commands;
  std::unique_ptr<Commands> commands_;
};

}  // namespace hqa

#endif  // HQA_TOOLS_RESEARCH_COMMANDS_H_
