// @brief trec_eval-compatible measures and a paired randomization test.
#include "eval/evaluation.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <sstream>
#include <stdexcept>

#include "schema/errors.h"

namespace hqa {
namespace {

double dcg(const std::vector<int>& gains, size_t k) {
  double sum = 0;
  for (size_t i = 0; i < std::min(k, gains.size()); ++i) sum += gains[i] / std::log2(i + 2.0);
  return sum;
}

Scores topic_scores(const std::map<std::string, int>& judged, std::vector<RunEntry> entries,
                    int threshold) {
  std::sort(entries.begin(), entries.end(), [](const RunEntry& a, const RunEntry& b) {
    return a.score != b.score ? a.score > b.score : a.doc_id > b.doc_id;
  });
  std::vector<int> gains;
  gains.reserve(entries.size());
  for (const RunEntry& entry : entries) {
    auto found = judged.find(entry.doc_id);
    gains.push_back(found == judged.end() ? 0 : std::max(found->second, 0));
  }
  std::vector<int> ideal;
  size_t relevant_total = 0;
  for (const auto& [doc, grade] : judged) {
    if (grade > 0) ideal.push_back(grade);
    if (grade >= threshold) ++relevant_total;
  }
  std::sort(ideal.rbegin(), ideal.rend());

  auto ndcg = [&](size_t k) {
    double best = dcg(ideal, k);
    return best > 0 ? dcg(gains, k) / best : 0.0;
  };
  double precision_sum = 0, reciprocal_rank = 0;
  size_t relevant_seen = 0, relevant_at_10 = 0, relevant_at_100 = 0;
  for (size_t i = 0; i < gains.size(); ++i) {
    if (gains[i] < threshold || gains[i] == 0) continue;
    ++relevant_seen;
    precision_sum += static_cast<double>(relevant_seen) / (i + 1);
    if (i < 10 && reciprocal_rank == 0) reciprocal_rank = 1.0 / (i + 1);
    if (i < 10) ++relevant_at_10;
    if (i < 100) ++relevant_at_100;
  }
  double ap = relevant_total ? precision_sum / relevant_total : 0;
  double recall = relevant_total ? static_cast<double>(relevant_at_100) / relevant_total : 0;
  return {ndcg(10), ndcg(100), ap, reciprocal_rank, relevant_at_10 / 10.0, recall};
}

double mean_of(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? 0 : sum / values.size();
}

}  // namespace

Qrels read_qrels(std::istream& in, const std::string& name) {
  Qrels qrels;
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::istringstream fields(line);
    std::string qid, iteration, doc;
    int grade;
    if (!(fields >> qid >> iteration >> doc >> grade)) {
      throw InvalidInput(name + ":" + std::to_string(number) +
                         ": expected 'qid iteration docid grade'");
    }
    qrels[qid][doc] = grade;
  }
  return qrels;
}

Run read_run(std::istream& in, const std::string& name) {
  Run run;
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::istringstream fields(line);
    std::string qid, q0, doc, tag;
    long rank;
    double score;
    if (!(fields >> qid >> q0 >> doc >> rank >> score)) {
      throw InvalidInput(name + ":" + std::to_string(number) +
                         ": expected 'qid Q0 docid rank score tag'");
    }
    run[qid].push_back({doc, score});
  }
  return run;
}

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
  return result;
}

double paired_randomization_p(const RunEvaluation& a, const RunEvaluation& b, size_t measure,
                              int trials) {
  std::vector<double> differences;
  for (const auto& [qid, scores] : a.per_topic) {
    auto other = b.per_topic.find(qid);
    if (other != b.per_topic.end()) differences.push_back(scores[measure] - other->second[measure]);
  }
  if (differences.empty()) return 1.0;
  const double observed = std::fabs(mean_of(differences));
  std::mt19937_64 random(20170);
  int at_least_as_extreme = 0;
  for (int t = 0; t < trials; ++t) {
    double sum = 0;
    for (double d : differences) sum += (random() & 1) ? d : -d;
    if (std::fabs(sum / differences.size()) >= observed - 1e-12) ++at_least_as_extreme;
  }
  return (at_least_as_extreme + 1.0) / (trials + 1.0);
}

std::string format_evaluation_report(const std::vector<NamedEvaluation>& runs, bool per_topic) {
  const auto& names = measure_names();
  char cell[64];
  std::string out;
  std::snprintf(cell, sizeof cell, "%-24s %6s", "run", "topics");
  out += cell;
  for (const std::string& name : names) {
    std::snprintf(cell, sizeof cell, " %18s", name.c_str());
    out += cell;
  }
  out += '\n';
  for (size_t r = 0; r < runs.size(); ++r) {
    const RunEvaluation& e = runs[r].evaluation;
    std::snprintf(cell, sizeof cell, "%-24s %6zu", runs[r].name.substr(0, 24).c_str(),
                  e.per_topic.size());
    out += cell;
    for (size_t m = 0; m < names.size(); ++m) {
      if (r == 0) {
        std::snprintf(cell, sizeof cell, " %18.4f", e.mean[m]);
      } else {
        double p = paired_randomization_p(runs[0].evaluation, e, m);
        std::snprintf(cell, sizeof cell, " %8.4f (p=%.3f)", e.mean[m], p);
      }
      out += cell;
    }
    out += '\n';
  }
  if (runs.size() > 1) out += "p: paired randomization test against the first run, two-sided\n";
  if (!per_topic) return out;
  out += '\n';
  for (const NamedEvaluation& run : runs) {
    for (const auto& [qid, scores] : run.evaluation.per_topic) {
      std::snprintf(cell, sizeof cell, "%-24s %6s", run.name.substr(0, 24).c_str(), qid.c_str());
      out += cell;
      for (double score : scores) {
        std::snprintf(cell, sizeof cell, " %18.4f", score);
        out += cell;
      }
      out += '\n';
    }
  }
  return out;
}

}  // namespace hqa
