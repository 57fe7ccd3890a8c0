// @brief eval -m: trec_eval's measures over all qrels topics, in trec_eval's layout.
#include "eval/trec_eval_report.h"

#include <cstdio>

#include "eval/significance.h"

namespace hqa {
namespace {

std::string measure_line(const std::string& measure, const std::string& qid, double value) {
  char line[256];
  std::snprintf(line, sizeof line, "%-22s\t%s\t%6.4f\n", measure.c_str(), qid.c_str(), value);
  return line;
}

std::string listed(const std::vector<std::string>& qids) {
  std::string text;
  for (size_t i = 0; i < qids.size() && i < 10; ++i) text += (i ? " " : "") + qids[i];
  return qids.size() > 10 ? text + " ..." : text;
}

}  // namespace

MeasuredRun measure_run(const std::string& name, const Qrels& qrels, const Run& run,
                        const MeasureSet& measures, int level) {
  MeasuredRun result;
  result.name = name;
  result.measures = measures.names();
  result.mean.assign(result.measures.size(), 0.0);
  const std::vector<RunEntry> nothing;
  for (const auto& [qid, judgements] : qrels) {
    auto found = run.find(qid);
    if (found == run.end()) result.missing.push_back(qid);
    const std::vector<RunEntry>& entries = found == run.end() ? nothing : found->second;
    std::vector<double> values = measures.compute(judge_ranking(judgements, entries), level);
    for (size_t m = 0; m < values.size(); ++m) result.mean[m] += values[m];
    result.per_topic[qid] = std::move(values);
  }
  if (!qrels.empty()) {
    for (double& sum : result.mean) sum /= qrels.size();
  }
  for (const auto& [qid, entries] : run) {
    if (qrels.count(qid) == 0) result.unjudged.push_back(qid);
  }
  return result;
}

std::string format_trec_eval(const MeasuredRun& run, bool per_topic) {
  std::string out;
  if (per_topic) {
    for (const auto& [qid, values] : run.per_topic) {
      for (size_t m = 0; m < values.size(); ++m)
        out += measure_line(run.measures[m], qid, values[m]);
    }
  }
  for (size_t m = 0; m < run.mean.size(); ++m)
    out += measure_line(run.measures[m], "all", run.mean[m]);
  return out;
}

std::string format_trec_eval_runs(const std::vector<MeasuredRun>& runs, bool per_topic) {
  if (runs.size() == 1) return format_trec_eval(runs[0], per_topic);
  std::string out;
  char line[512];
  for (const MeasuredRun& run : runs) {
    std::snprintf(line, sizeof line, "%-22s\tall\t%s\n", "runid", run.name.c_str());
    out += line;
    out += format_trec_eval(run, per_topic);
  }
  const MeasuredRun& base = runs[0];
  out += "\npaired tests against " + base.name + ", two-sided, over the " +
         std::to_string(base.per_topic.size()) + " qrels topics\n";
  std::snprintf(line, sizeof line, "%-22s %-32s %9s %9s %9s\n", "measure", "run", "mean",
                "p_random", "p_t");
  out += line;
  for (size_t r = 1; r < runs.size(); ++r) {
    for (size_t m = 0; m < base.measures.size(); ++m) {
      std::vector<double> differences;
      for (const auto& [qid, values] : base.per_topic) {
        differences.push_back(values[m] - runs[r].per_topic.at(qid)[m]);
      }
      std::snprintf(line, sizeof line, "%-22s %-32s %9.4f %9.4f %9.4f\n", base.measures[m].c_str(),
                    runs[r].name.c_str(), runs[r].mean[m], randomization_test_p(differences),
                    paired_t_test_p(differences));
      out += line;
    }
  }
  return out;
}

std::string topic_coverage_note(const MeasuredRun& run) {
  std::string note;
  const size_t topics = run.per_topic.size();
  if (!run.missing.empty()) {
    note +=
        run.name + ": " + std::to_string(run.missing.size()) + " of the " + std::to_string(topics) +
        " qrels topics not in the run, counted as 0 (trec_eval -c): " + listed(run.missing) + "\n";
  }
  if (!run.unjudged.empty()) {
    note += run.name + ": " + std::to_string(run.unjudged.size()) +
            (run.unjudged.size() == 1 ? " topic" : " topics") +
            " of the run not in the qrels, ignored: " + listed(run.unjudged) + "\n";
  }
  if (topics > 0 && run.missing.size() == topics && !run.unjudged.empty()) {
    note += run.name +
            ": no topic of the run is in the qrels: do the topic ids need batch's "
            "--qid-strip-prefix or --qid-map?\n";
  }
  return note;
}

}  // namespace hqa
