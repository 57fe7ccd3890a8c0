// @brief trec_eval's measures over one topic, and the -m measure lists.
#include "eval/measures.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "schema/errors.h"

namespace hqa {
namespace {

bool is_relevant(int grade, int level) { return grade >= level && grade >= 1; }

double dcg(const std::vector<int>& grades, size_t k) {
  double sum = 0;
  for (size_t i = 0; i < std::min(k, grades.size()); ++i) {
    if (grades[i] > 0) sum += grades[i] / std::log2(i + 2.0);
  }
  return sum;
}

size_t relevant_in_qrels(const JudgedRanking& topic, int level) {
  return std::count_if(topic.qrels_grades.begin(), topic.qrels_grades.end(),
                       [level](int grade) { return is_relevant(grade, level); });
}

size_t relevant_in_top(const JudgedRanking& topic, size_t k, int level) {
  size_t end = std::min(k, topic.grades.size());
  return std::count_if(topic.grades.begin(), topic.grades.begin() + end,
                       [level](int grade) { return is_relevant(grade, level); });
}

// Measures with cut-offs, in trec_eval's print order; then those without.
const std::vector<std::string>& cutoff_measures() {
  static const std::vector<std::string> kNames = {"P", "recall", "ndcg_cut", "judged"};
  return kNames;
}
const std::vector<std::string>& print_order() {
  static const std::vector<std::string> kNames = {"map",    "bpref", "recip_rank", "P",
                                                  "recall", "ndcg",  "ndcg_cut",   "judged"};
  return kNames;
}
bool takes_cutoffs(const std::string& name) {
  const auto& names = cutoff_measures();
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Splits "P.5,10" into its name and cut-offs. Throws InvalidInput naming `spec`.
std::pair<std::string, std::vector<size_t>> parse_spec(const std::string& spec) {
  const size_t dot = spec.find('.');
  const std::string name = spec.substr(0, dot);
  const auto& known = print_order();
  if (std::find(known.begin(), known.end(), name) == known.end()) {
    throw InvalidInput("-m " + spec + ": unknown measure (known: " + MeasureSet::known_names() +
                       ")");
  }
  std::vector<size_t> cutoffs;
  if (dot == std::string::npos) {
    if (takes_cutoffs(name)) cutoffs = {5, 10, 15, 20, 30, 100, 200, 500, 1000};
    return {name, cutoffs};
  }
  if (!takes_cutoffs(name)) throw InvalidInput("-m " + spec + ": " + name + " takes no cut-offs");
  const std::string list = spec.substr(dot + 1);
  size_t at = 0;
  while (true) {
    size_t comma = list.find(',', at);
    std::string item = list.substr(at, comma == std::string::npos ? std::string::npos : comma - at);
    char* end = nullptr;
    long value = std::strtol(item.c_str(), &end, 10);
    if (item.empty() || *end != '\0' || value <= 0 || value > 100000000) {
      throw InvalidInput("-m " + spec + ": cut-off '" + item + "' is not a positive integer");
    }
    if (std::find(cutoffs.begin(), cutoffs.end(), static_cast<size_t>(value)) != cutoffs.end()) {
      throw InvalidInput("-m " + spec + ": cut-off " + item + " is given twice");
    }
    cutoffs.push_back(static_cast<size_t>(value));
    if (comma == std::string::npos) break;
    at = comma + 1;
  }
  return {name, cutoffs};
}

}  // namespace

JudgedRanking judge_ranking(const std::map<std::string, int>& judgements,
                            const std::vector<RunEntry>& entries) {
  JudgedRanking topic;
  for (const RunEntry& entry : rank_entries(entries)) {
    auto found = judgements.find(entry.doc_id);
    if (found == judgements.end()) {
      topic.grades.push_back(JudgedRanking::kNotInQrels);
    } else {
      topic.grades.push_back(found->second < 0 ? JudgedRanking::kPoolUnjudged : found->second);
    }
  }
  for (const auto& [doc, grade] : judgements) {
    if (grade >= 0) topic.qrels_grades.push_back(grade);
  }
  return topic;
}

double ndcg_at(const JudgedRanking& topic, size_t k) {
  std::vector<int> ideal = topic.qrels_grades;
  std::sort(ideal.rbegin(), ideal.rend());
  double best = dcg(ideal, k);
  return best > 0 ? dcg(topic.grades, k) / best : 0.0;
}

double precision_at(const JudgedRanking& topic, size_t k, int level) {
  return static_cast<double>(relevant_in_top(topic, k, level)) / k;
}

double recall_at(const JudgedRanking& topic, size_t k, int level) {
  size_t relevant = relevant_in_qrels(topic, level);
  return relevant ? static_cast<double>(relevant_in_top(topic, k, level)) / relevant : 0.0;
}

double average_precision(const JudgedRanking& topic, int level) {
  size_t relevant = relevant_in_qrels(topic, level);
  double sum = 0;
  size_t seen = 0;
  for (size_t i = 0; i < topic.grades.size(); ++i) {
    if (!is_relevant(topic.grades[i], level)) continue;
    ++seen;
    sum += static_cast<double>(seen) / (i + 1);
  }
  return relevant ? sum / relevant : 0.0;
}

double reciprocal_rank(const JudgedRanking& topic, int level, size_t k) {
  for (size_t i = 0; i < std::min(k, topic.grades.size()); ++i) {
    if (is_relevant(topic.grades[i], level)) return 1.0 / (i + 1);
  }
  return 0.0;
}

double bpref(const JudgedRanking& topic, int level) {
  const double relevant = static_cast<double>(relevant_in_qrels(topic, level));
  const double nonrelevant =
      static_cast<double>(std::count_if(topic.qrels_grades.begin(), topic.qrels_grades.end(),
                                        [level](int grade) { return !is_relevant(grade, level); }));
  double sum = 0, nonrelevant_above = 0;
  for (int grade : topic.grades) {
    if (grade < 0) continue;  // not judged: bpref looks at judged documents only
    if (!is_relevant(grade, level)) {
      ++nonrelevant_above;
    } else if (nonrelevant_above > 0) {
      sum += 1.0 - std::min(nonrelevant_above, relevant) / std::min(nonrelevant, relevant);
    } else {
      sum += 1.0;
    }
  }
  return relevant > 0 ? sum / relevant : 0.0;
}

double judged_at(const JudgedRanking& topic, size_t k) {
  size_t end = std::min(k, topic.grades.size());
  size_t judged = std::count_if(topic.grades.begin(), topic.grades.begin() + end,
                                [](int grade) { return grade >= 0; });
  return static_cast<double>(judged) / k;
}

MeasureSet::MeasureSet(const std::vector<std::string>& specs) {
  std::map<std::string, std::vector<size_t>> wanted;
  for (const std::string& spec : specs) {
    auto [name, cutoffs] = parse_spec(spec);
    std::vector<size_t>& all = wanted[name];
    for (size_t cutoff : cutoffs) {
      if (std::find(all.begin(), all.end(), cutoff) == all.end()) all.push_back(cutoff);
    }
  }
  for (const std::string& name : print_order()) {
    auto found = wanted.find(name);
    if (found == wanted.end()) continue;
    Measure measure{name, found->second};
    std::sort(measure.cutoffs.begin(), measure.cutoffs.end());
    if (measure.cutoffs.empty()) names_.push_back(name);
    for (size_t cutoff : measure.cutoffs) names_.push_back(name + "_" + std::to_string(cutoff));
    measures_.push_back(std::move(measure));
  }
}

bool MeasureSet::is_measure(const std::string& spec) {
  try {
    parse_spec(spec);
    return true;
  } catch (const InvalidInput&) {
    return false;
  }
}

std::string MeasureSet::known_names() {
  return "map, bpref, recip_rank, ndcg, and at cut-offs P, recall, ndcg_cut, judged";
}

std::vector<double> MeasureSet::compute(const JudgedRanking& topic, int level) const {
  std::vector<double> values;
  for (const Measure& m : measures_) {
    if (m.name == "map") values.push_back(average_precision(topic, level));
    if (m.name == "bpref") values.push_back(bpref(topic, level));
    if (m.name == "recip_rank") values.push_back(reciprocal_rank(topic, level));
    if (m.name == "ndcg") values.push_back(ndcg_at(topic, static_cast<size_t>(-1)));
    for (size_t k : m.cutoffs) {
      if (m.name == "P") values.push_back(precision_at(topic, k, level));
      if (m.name == "recall") values.push_back(recall_at(topic, k, level));
      if (m.name == "ndcg_cut") values.push_back(ndcg_at(topic, k));
      if (m.name == "judged") values.push_back(judged_at(topic, k));
    }
  }
  return values;
}

}  // namespace hqa
