// @brief Explanations of documents' scores: parts, filters and what a document lacks.
#include "searcher/score_parts.h"

#include <algorithm>
#include <cmath>

#include "searcher/score_walk.h"
#include "searcher/term_names.h"

namespace hqa {
namespace {

using Q = Xapian::Query;

void check_filter(ScoreWalk& walk, const Q& filter, bool exclusion,
                  const std::vector<ExplainTarget>& targets, std::vector<Explanation>& explained) {
  const DocWeights matching = walk.weigh(filter);
  const std::string description = (exclusion ? "-" : "") + describe_query(filter);
  for (size_t k = 0; k < targets.size(); ++k) {
    const bool passed = (matching.count(targets[k].docid) > 0) != exclusion;
    explained[k].filters.push_back({description, exclusion, passed});
    if (!passed && !explained[k].matched) {
      explained[k].why_not.push_back((exclusion ? "excluded by " : "filtered out by ") +
                                     description);
    }
  }
}

// Filters and exclusions every match passes: the right sides of FILTER and AND_NOT on the path
// of the nodes a match needs (the top, AND, and the left of FILTER, AND_NOT and AND_MAYBE). A
// document not matched is told which of them it failed, and which words it lacks.
void requirements(ScoreWalk& walk, const Q& query, bool required,
                  const std::vector<ExplainTarget>& targets, std::vector<Explanation>& explained) {
  switch (query.get_type()) {
    case Q::LEAF_MATCH_ALL:
      return;
    case Q::OP_SCALE_WEIGHT:
    case Q::OP_AND_MAYBE:
      requirements(walk, query.get_subquery(0), required, targets, explained);
      return;
    case Q::OP_AND:
      for (size_t i = 0; i < query.get_num_subqueries(); ++i)
        requirements(walk, query.get_subquery(i), true, targets, explained);
      return;
    case Q::OP_FILTER:
    case Q::OP_AND_NOT: {
      requirements(walk, query.get_subquery(0), required, targets, explained);
      const bool exclusion = query.get_type() == Q::OP_AND_NOT;
      for (size_t i = 1; i < query.get_num_subqueries(); ++i) {
        // Each filter of an AND of them on its own. Exclusions stay together: an OR of them
        // cannot be told from the OR of one word's fields.
        const Q side = query.get_subquery(i);
        const bool split = !exclusion && side.get_type() == Q::OP_AND;
        for (size_t j = 0; j < (split ? side.get_num_subqueries() : 1); ++j)
          check_filter(walk, split ? side.get_subquery(j) : side, exclusion, targets, explained);
      }
      return;
    }
    default: {
      const DocWeights matching = walk.weigh(query);
      for (size_t k = 0; k < targets.size(); ++k) {
        if (explained[k].matched || matching.count(targets[k].docid)) continue;
        explained[k].why_not.push_back(required ? "it lacks " + describe_query(query) +
                                                      ", which the query requires"
                                                : "it has none of " + describe_query(query));
      }
    }
  }
}

bool same_weight(double a, double b) {
  return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
}

}  // namespace

ScoreParts::ScoreParts(const Xapian::Database& db, const Xapian::Weight& weighting,
                       const RankingOptions& ranking, bool remote)
    : db_(db), weighting_(weighting.clone()), ranking_(ranking), remote_(remote) {}

ScoreParts::~ScoreParts() = default;

std::vector<Explanation> ScoreParts::explain(const SearchedQuery& searched,
                                             const std::vector<ExplainTarget>& targets) {
  std::vector<Explanation> explained;
  for (const ExplainTarget& target : targets) explained.push_back(explain(searched, target));
  return explained;
}

Explanation ScoreParts::explain(const SearchedQuery& searched, const ExplainTarget& target) {
  const WeighingScheme scheme{weighting_->name() == "Xapian::BM25Weight", ranking_};
  const std::vector<ExplainTarget> alone = {target};
  ScoreWalk walk(db_, *weighting_, scheme, remote_, alone);
  std::vector<Explanation> explained(1);
  Explanation& e = explained[0];
  e.id = target.id;
  e.weighting = scheme.bm25 ? "bm25" : "field-bm25";
  e.k1 = ranking_.bm25_k1;
  e.b = ranking_.bm25_b;
  e.short_field_b = scheme.bm25 ? ranking_.bm25_b : ranking_.short_field_b;
  e.length = db_.get_doclength(target.docid);
  e.average_length = db_.get_avlength();
  e.documents = db_.get_doccount();
  if (searched.query.empty()) {
    e.why_not.push_back("the query has nothing to search");
    return e;
  }
  const DocWeights scores = walk.weigh(searched.query);
  if (auto found = scores.find(target.docid); found != scores.end()) {
    e.matched = true;
    e.score = found->second;
  }
  // Feedback ORs its terms in at the top (searcher/feedback.h).
  const Q base = searched.expansion.empty() ? searched.query : searched.query.get_subquery(0);
  PartsByDoc parts;
  const DocSet matched = e.matched ? DocSet{target.docid} : DocSet{};
  walk.walk(base, PartContext(), matched, parts);
  if (!searched.expansion.empty()) {
    PartContext feedback;
    feedback.kind = "feedback";
    walk.walk(searched.query.get_subquery(1), feedback, matched, parts);
  }
  requirements(walk, base, false, alone, explained);
  e.parts = std::move(parts[target.docid]);
  std::stable_sort(e.parts.begin(), e.parts.end(),
                   [](const ScorePart& a, const ScorePart& b) { return a.score > b.score; });
  if (e.matched && !same_weight(e.sum_of_parts(), e.score)) {
    e.notes.push_back("the parts add up to " + std::to_string(e.sum_of_parts()) +
                      ", not to the score: a part of the query was not taken apart");
  }
  if (!e.matched && e.why_not.empty()) e.why_not.push_back("the query matches no document");
  return e;
}

}  // namespace hqa
