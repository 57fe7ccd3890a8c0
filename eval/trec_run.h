// Batch searching for researchers: topics files in, TREC runs out.
#ifndef HQA_EVAL_TREC_RUN_H_
#define HQA_EVAL_TREC_RUN_H_

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "searcher/searcher.h"

namespace hqa {

struct Topic {
  std::string qid;
  std::string query;
};

// Reads "qid<TAB>query" lines (blank lines skipped). Throws std::runtime_error naming the line
// that has no tab.
std::vector<Topic> read_topics(std::istream& in, const std::string& name);

struct BatchSummary {
  size_t topics = 0;
  size_t lines = 0;
  double search_seconds = 0;  // time inside Searcher::search, summed
};

// Searches every topic to `depth` results and writes "qid Q0 docid rank score tag" lines.
BatchSummary write_trec_run(Searcher& searcher, const std::vector<Topic>& topics, size_t depth,
                            const std::string& tag, std::ostream& out);

}  // namespace hqa

#endif  // HQA_EVAL_TREC_RUN_H_
