// @brief Reciprocal rank fusion and CombSUM of TREC runs.
#include "eval/fusion.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "schema/errors.h"

namespace hqa {
namespace {

constexpr const char* kScoreFormat = "%.10f";

std::string score_text(double score) {
  char text[64];
  std::snprintf(text, sizeof text, kScoreFormat, score);
  return text;
}

// `score` as it will be read back from the run: equal sums that differ in their last bits (the
// order of additions) are then equal, and their tie goes to the document id.
double as_written(double score) { return std::strtod(score_text(score).c_str(), nullptr); }

// Adds one run's contribution for one topic to `fused` (docid -> score).
void add_topic(const std::vector<RunEntry>& entries, double weight, const FusionOptions& options,
               std::map<std::string, double>& fused) {
  const std::vector<RunEntry> ranked = rank_entries(entries);
  if (ranked.empty()) return;
  if (options.method == FusionOptions::Method::kRrf) {
    for (size_t i = 0; i < ranked.size(); ++i) {
      fused[ranked[i].doc_id] += weight / (options.k + static_cast<double>(i + 1));
    }
    return;
  }
  const double max = ranked.front().score, min = ranked.back().score;
  for (const RunEntry& entry : ranked) {
    fused[entry.doc_id] += weight * (max > min ? (entry.score - min) / (max - min) : 1.0);
  }
}

}  // namespace

Run fuse_runs(const std::vector<Run>& runs, const FusionOptions& options) {
  std::vector<double> weights = options.weights;
  if (weights.empty()) weights.assign(runs.size(), 1.0);
  if (weights.size() != runs.size()) {
    throw InvalidInput("--weights: " + std::to_string(weights.size()) + " weights for " +
                       std::to_string(runs.size()) + " runs (one per run)");
  }
  for (double weight : weights) {
    if (!(weight >= 0) || !std::isfinite(weight)) {
      throw InvalidInput("--weights: " + std::to_string(weight) + " (weights are 0 or more)");
    }
  }
  std::map<std::string, std::map<std::string, double>> by_topic;  // qid -> docid -> score
  for (size_t r = 0; r < runs.size(); ++r) {
    for (const auto& [qid, entries] : runs[r])
      add_topic(entries, weights[r], options, by_topic[qid]);
  }
  Run fused;
  for (const auto& [qid, scores] : by_topic) {
    std::vector<RunEntry> entries;
    entries.reserve(scores.size());
    for (const auto& [doc, score] : scores) entries.push_back({doc, as_written(score)});
    entries = rank_entries(std::move(entries));
    if (entries.size() > options.depth) entries.resize(options.depth);
    fused[qid] = std::move(entries);
  }
  return fused;
}

std::string format_run(const Run& run, const std::string& tag, const std::string& header) {
  std::string out = header;
  for (const auto& [qid, entries] : run) {
    for (size_t i = 0; i < entries.size(); ++i) {
      out += qid + " Q0 " + entries[i].doc_id + " " + std::to_string(i + 1) + " " +
             score_text(entries[i].score) + " " + tag + "\n";
    }
  }
  return out;
}

}  // namespace hqa
