// Retrieval evaluation as trec_eval computes it: TREC qrels and runs, per-topic measures
// (nDCG@10, nDCG@100, MAP, MRR@10, P@10, recall@100), their means, and a paired randomization
// test between runs.
//
// Conventions (trec_eval's): a run's documents are ranked by score, descending (ties: document
// id, descending), ignoring the rank column; gain for nDCG is the judged grade, unjudged
// documents count 0; binary measures count a document relevant when its grade is at least
// `relevance_threshold`; means are over the topics that are in both the qrels and the run.
#ifndef HQA_EVAL_EVALUATION_H_
#define HQA_EVAL_EVALUATION_H_

#include <istream>
#include <map>
#include <string>
#include <vector>

namespace hqa {

// qid -> docid -> grade.
using Qrels = std::map<std::string, std::map<std::string, int>>;

struct RunEntry {
  std::string doc_id;
  double score = 0;
};
// qid -> entries (in any order; evaluation sorts them).
using Run = std::map<std::string, std::vector<RunEntry>>;

// Reads "qid 0 docid grade" lines. Throws std::runtime_error naming the line on a bad one.
Qrels read_qrels(std::istream& in, const std::string& name);
// Reads "qid Q0 docid rank score tag" lines. Throws std::runtime_error naming the line.
Run read_run(std::istream& in, const std::string& name);

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
};

RunEvaluation evaluate(const Qrels& qrels, const Run& run, int relevance_threshold = 2);

// Two-sided p-value of a paired randomization test of the difference in mean between `a` and
// `b` over the topics both have, for measure `measure` (an index into measure_names()).
// Deterministic: a fixed seed and `trials` random sign flips.
double paired_randomization_p(const RunEvaluation& a, const RunEvaluation& b, size_t measure,
                              int trials = 10000);

struct NamedEvaluation {
  std::string name;
  RunEvaluation evaluation;
};

// A table of mean measures, one row per run; rows after the first carry, per measure, the
// p-value of the paired randomization test against the first. With `per_topic`, the table is
// followed by one row per run and topic.
std::string format_evaluation_report(const std::vector<NamedEvaluation>& runs, bool per_topic);

}  // namespace hqa

#endif  // HQA_EVAL_EVALUATION_H_
