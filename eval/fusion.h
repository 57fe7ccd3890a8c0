// Fusion of TREC runs into one, as hybrid and ensemble runs are made (Pyserini's
// pyserini.fusion): reciprocal rank fusion, and CombSUM of min-max normalised scores.
//
// A document's rank in an input run is its place when the run is ranked as trec_eval ranks it
// (trec_files.h: score descending, ties by document id descending), not the rank column. Fused
// scores are rounded to the 10 decimals they are written with, and ties between them are broken
// by document id descending, the order in which trec_eval reads tied scores, so that the rank
// column written and the ranking trec_eval evaluates agree.
#ifndef HQA_EVAL_FUSION_H_
#define HQA_EVAL_FUSION_H_

#include <string>
#include <vector>

#include "eval/trec_files.h"

namespace hqa {

struct FusionOptions {
  // kRrf: sum over runs of weight / (k + rank) (Cormack, Clarke and Buettcher, SIGIR 2009).
  // kCombSum: sum over runs of weight * (score - min) / (max - min), min and max of that run's
  // scores for the topic (1 for every document when they are equal); a run that does not hold
  // the document adds 0.
  enum class Method { kRrf, kCombSum };
  Method method = Method::kRrf;
  double k = 60;                // RRF's constant
  std::vector<double> weights;  // one per run, >= 0; empty: 1 each
  size_t depth = 1000;          // documents kept per topic
};

// The fused run: every topic of any input run, its documents ranked (score descending, ties by
// document id descending) and cut at `options.depth`. Throws InvalidInput when the weights are
// not one per run, or one is negative.
Run fuse_runs(const std::vector<Run>& runs, const FusionOptions& options);

// A fused run as TREC run lines after `header` (a '#' line): topics in the order of their ids as
// text, ranks from 1.
std::string format_run(const Run& run, const std::string& tag, const std::string& header);

}  // namespace hqa

#endif  // HQA_EVAL_FUSION_H_
