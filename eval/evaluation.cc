// @brief The default evaluation table: six measures, their means and paired tests.
#include "eval/evaluation.h"

#include <cstdio>

#include "eval/measures.h"
#include "eval/significance.h"

namespace hqa {
namespace {

Scores topic_scores(const std::map<std::string, int>& judged, const std::vector<RunEntry>& entries,
                    int threshold) {
  const JudgedRanking topic = judge_ranking(judged, entries);
  return {ndcg_at(topic, 10),
          ndcg_at(topic, 100),
          average_precision(topic, threshold),
          reciprocal_rank(topic, threshold, 10),
          precision_at(topic, 10, threshold),
          recall_at(topic, 100, threshold)};
}

double mean_of(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? 0 : sum / values.size();
}

std::vector<double> paired_differences(const RunEvaluation& a, const RunEvaluation& b,
                                       size_t measure) {
  std::vector<double> differences;
  for (const auto& [qid, scores] : a.per_topic) {
    auto other = b.per_topic.find(qid);
    if (other != b.per_topic.end()) differences.push_back(scores[measure] - other->second[measure]);
  }
  return differences;
}

}  // namespace

RunEvaluation evaluate(const Qrels& qrels, const Run& run, int relevance_threshold) {
  RunEvaluation result;
  std::vector<std::vector<double>> columns(measure_names().size());
  for (const auto& [qid, entries] : run) {
    auto judged = qrels.find(qid);
    if (judged == qrels.end()) continue;
    Scores scores = topic_scores(judged->second, entries, relevance_threshold);
    for (size_t m = 0; m < scores.size(); ++m) columns[m].push_back(scores[m]);
    result.per_topic[qid] = std::move(scores);
  }
  for (const auto& column : columns) result.mean.push_back(mean_of(column));
  for (const auto& [qid, judged] : qrels) {
    if (run.count(qid) == 0) result.missing.push_back(qid);
  }
  return result;
}

double paired_randomization_p(const RunEvaluation& a, const RunEvaluation& b, size_t measure,
                              int trials) {
  return randomization_test_p(paired_differences(a, b, measure), trials);
}

double paired_t_p(const RunEvaluation& a, const RunEvaluation& b, size_t measure) {
  return paired_t_test_p(paired_differences(a, b, measure));
}

namespace {

// One table row: the run's name, its topic count, and a cell per measure.
std::string table_row(const std::string& name, const std::string& topics,
                      const std::vector<std::string>& cells) {
  char text[64];
  std::snprintf(text, sizeof text, "%-24s %6s", name.substr(0, 24).c_str(), topics.c_str());
  std::string row = text;
  for (const std::string& cell : cells) {
    std::snprintf(text, sizeof text, " %18s", cell.c_str());
    row += text;
  }
  return row + '\n';
}

std::string fixed4(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.4f", value);
  return text;
}

// The rows of run `r`: its means, and after the first run the paired tests against it.
std::string run_rows(const std::vector<NamedEvaluation>& runs, size_t r) {
  const RunEvaluation& e = runs[r].evaluation;
  std::vector<std::string> means, t_tests;
  char cell[64];
  for (size_t m = 0; m < measure_names().size(); ++m) {
    if (r == 0) {
      means.push_back(fixed4(e.mean[m]));
      continue;
    }
    std::snprintf(cell, sizeof cell, "%8.4f (p=%.3f)", e.mean[m],
                  paired_randomization_p(runs[0].evaluation, e, m));
    means.push_back(cell);
    std::snprintf(cell, sizeof cell, "(t: p=%.3f)", paired_t_p(runs[0].evaluation, e, m));
    t_tests.push_back(cell);
  }
  std::string rows = table_row(runs[r].name, std::to_string(e.per_topic.size()), means);
  if (r > 0) rows += table_row("  paired t-test", "", t_tests);
  return rows;
}

std::string missing_topics_note(const NamedEvaluation& run) {
  const std::vector<std::string>& missing = run.evaluation.missing;
  if (missing.empty()) return "";
  const size_t qrels_topics = missing.size() + run.evaluation.per_topic.size();
  std::string note = run.name + ": " + std::to_string(missing.size()) + " of the " +
                     std::to_string(qrels_topics) + " qrels topics not in the run (";
  for (size_t i = 0; i < missing.size() && i < 10; ++i) note += (i ? " " : "") + missing[i];
  if (missing.size() > 10) note += " ...";
  return note + "), left out of its means here; eval -m counts them as 0 (trec_eval -c)\n";
}

}  // namespace

std::string format_evaluation_report(const std::vector<NamedEvaluation>& runs, bool per_topic) {
  std::string out = table_row("run", "topics", measure_names());
  for (size_t r = 0; r < runs.size(); ++r) out += run_rows(runs, r);
  if (runs.size() > 1) {
    out +=
        "p: paired randomization test against the first run, two-sided; t: paired t-test, "
        "two-sided\n";
  }
  for (const NamedEvaluation& run : runs) out += missing_topics_note(run);
  if (!per_topic) return out;
  out += '\n';
  for (const NamedEvaluation& run : runs) {
    for (const auto& [qid, scores] : run.evaluation.per_topic) {
      std::vector<std::string> cells;
      for (double score : scores) cells.push_back(fixed4(score));
      out += table_row(run.name, qid, cells);
    }
  }
  return out;
}

}  // namespace hqa
