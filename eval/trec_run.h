// Batch searching for researchers: topics in (topics.h), a run out, as TREC run lines
// ("qid Q0 docid rank score tag") or JSON Lines, after a header that says what made the run.
#ifndef HQA_EVAL_TREC_RUN_H_
#define HQA_EVAL_TREC_RUN_H_

#include <ostream>
#include <string>
#include <vector>

#include "eval/topics.h"
#include "searcher/searcher.h"

namespace hqa {

struct BatchOptions {
  size_t depth = 1000;  // results per topic, as TREC runs and trec_eval's measures assume
  std::string tag = "hqa";
  // Topics searched at once, each thread with a Searcher of its own (a Xapian database is not
  // thread-safe). The run is the same whatever the number: it is written in topic order.
  size_t threads = 1;
  enum class Format { kTrec, kJsonl };
  Format format = Format::kTrec;
  // JSON Lines only: each hit's question and snippet too (HTML, matches marked), for reading by
  // eye. The ranking is that of the run without them.
  bool with_text = false;
  // Where the topics came from, for the header: "FILE (liveqa, fields subject+message)".
  std::string topics_description;
};

struct BatchSummary {
  size_t topics = 0;
  size_t lines = 0;
  double search_seconds = 0;  // time inside Searcher::search, summed over threads
};

// The run's first line: a '#' comment (TREC; eval and trec_eval 10 skip it) or a
// {"header": {...}} object (JSON Lines) naming the indexes, their document count, the schema
// version, the ranking options (as hqa-search's flags name them), the topics and the depth.
std::string run_header(const SearcherOptions& options, uint64_t documents,
                       const BatchOptions& batch);

// Searches every topic to `batch.depth` results with `batch.threads` Searchers opened with
// `options`, then writes the header and the run to `out`: nothing is written before every
// topic has been searched, so a failure leaves `out` untouched. Throws IndexError if an index
// cannot be opened or searched.
BatchSummary write_run(const SearcherOptions& options, const std::vector<Topic>& topics,
                       const BatchOptions& batch, std::ostream& out);

// One Searcher, no header, TREC lines: the run of `topics` as tests and tools that hold a
// Searcher already want it.
BatchSummary write_trec_run(Searcher& searcher, const std::vector<Topic>& topics, size_t depth,
                            const std::string& tag, std::ostream& out);

}  // namespace hqa

#endif  // HQA_EVAL_TREC_RUN_H_
