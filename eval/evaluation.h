// hqa-search eval's default report: six measures at fixed cut-offs (nDCG@10, nDCG@100, MAP,
// MRR@10, P@10, recall@100) per run, their means, and paired tests between runs. The measures
// of `eval -m` in trec_eval's names and layout are in trec_eval_report.h.
//
// Conventions (trec_eval's, measures.h): a run's documents are ranked by score, descending
// (ties: document id, descending), ignoring the rank column; gain for nDCG is the judged grade,
// unjudged documents count 0; binary measures count a document relevant when its grade is at
// least `relevance_threshold` (2 by default here, where trec_eval's -l is 1); means are over
// the topics that are in both the qrels and the run, as trec_eval's without -c: the report says
// how many qrels topics a run leaves out (`eval -m` counts them as 0, as trec_eval -c does).
#ifndef HQA_EVAL_EVALUATION_H_
#define HQA_EVAL_EVALUATION_H_

#include <map>
#include <string>
#include <vector>

#include "eval/trec_files.h"

namespace hqa {

inline const std::vector<std::string>& measure_names() {
  static const std::vector<std::string> kNames = {"nDCG@10", "nDCG@100", "MAP",
                                                  "MRR@10",  "P@10",     "recall@100"};
  return kNames;
}

// Measures in the order of measure_names().
using Scores = std::vector<double>;

struct RunEvaluation {
  std::map<std::string, Scores> per_topic;  // qid -> scores
  Scores mean;
  std::vector<std::string> missing;  // qrels topics the run has no line for, left out of `mean`
};

RunEvaluation evaluate(const Qrels& qrels, const Run& run, int relevance_threshold = 2);

// Two-sided p-value of a paired randomization test of the difference in mean between `a` and
// `b` over the topics both have, for measure `measure` (an index into measure_names()).
// Deterministic: a fixed seed and `trials` random sign flips (significance.h).
double paired_randomization_p(const RunEvaluation& a, const RunEvaluation& b, size_t measure,
                              int trials = 10000);
// The same for Student's paired t-test (significance.h).
double paired_t_p(const RunEvaluation& a, const RunEvaluation& b, size_t measure);

struct NamedEvaluation {
  std::string name;
  RunEvaluation evaluation;
};

// A table of mean measures, one row per run; rows after the first carry, per measure, the
// p-value of the paired randomization test against the first, and a second row the paired
// t-test's. A run that leaves qrels topics out is named under the table with how many. With
// `per_topic`, the table is followed by one row per run and topic.
std::string format_evaluation_report(const std::vector<NamedEvaluation>& runs, bool per_topic);

}  // namespace hqa

#endif  // HQA_EVAL_EVALUATION_H_
