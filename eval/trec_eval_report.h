// `hqa-search eval -m`: the measures a researcher names in trec_eval's syntax, computed as
// trec_eval -c computes them (every qrels topic counts; one the run lacks scores 0 on every
// measure) and printed in trec_eval's layout ("measure<TAB>qid|all<TAB>value"), so that
// scripts written for trec_eval's output read it.
#ifndef HQA_EVAL_TREC_EVAL_REPORT_H_
#define HQA_EVAL_TREC_EVAL_REPORT_H_

#include <map>
#include <string>
#include <vector>

#include "eval/measures.h"
#include "eval/trec_files.h"

namespace hqa {

struct MeasuredRun {
  std::string name;                                      // the run's file
  std::vector<std::string> measures;                     // MeasureSet::names()
  std::map<std::string, std::vector<double>> per_topic;  // every qrels topic -> values
  std::vector<double> mean;                              // over every qrels topic
  std::vector<std::string> missing;   // qrels topics without a line in the run: scored 0
  std::vector<std::string> unjudged;  // run topics the qrels do not know: ignored
};

// Measures `run` on every topic of `qrels` with relevance level `level` (trec_eval's -l).
MeasuredRun measure_run(const std::string& name, const Qrels& qrels, const Run& run,
                        const MeasureSet& measures, int level);

// trec_eval's output: with `per_topic` (-q), each topic's lines (topics in qrels order, measures
// in MeasureSet order), then the "all" lines; "%-22s\t%s\t%6.4f" as trec_eval prints them.
std::string format_trec_eval(const MeasuredRun& run, bool per_topic);

// Several runs: each run's lines after a "runid<TAB>all<TAB>FILE" line, then a table of the
// paired randomization test's and t-test's two-sided p-values of every later run against the
// first, per measure, over all qrels topics.
std::string format_trec_eval_runs(const std::vector<MeasuredRun>& runs, bool per_topic);

// What a researcher should know about a run's topics, or "" (for stderr): qrels topics it lacks
// (counted as 0) and its topics the qrels lack (ignored), with a hint when none match.
std::string topic_coverage_note(const MeasuredRun& run);

}  // namespace hqa

#endif  // HQA_EVAL_TREC_EVAL_REPORT_H_
