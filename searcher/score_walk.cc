// @brief The walk of a query's tree down to the leaves Xapian weighs.
#include "searcher/score_walk.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <string_view>

#include "schema/terms.h"
#include "searcher/term_names.h"

namespace hqa {
namespace {

using Q = Xapian::Query;

// Xapian keeps an OP_SCALE_WEIGHT's factor to itself, but describes it with 20 significant
// digits ("Query(2 * ...)"), which read back as the same double.
double scale_factor(const Q& scaled) {
  const std::string description = scaled.get_description();
  return std::strtod(description.c_str() + std::string_view("Query(").size(), nullptr);
}

// The `keep` of "(a ELITE_SET 10 b ...)".
size_t elite_size(const Q& elite) {
  const std::string description = elite.get_description();
  const size_t at = description.find(" ELITE_SET ");
  return at == std::string::npos ? 0 : std::strtoul(description.c_str() + at + 11, nullptr, 10);
}

std::vector<std::string> leaf_terms(const Q& query) {
  return {query.get_unique_terms_begin(), query.get_unique_terms_end()};
}

Q scaled(const Q& query, double factor) {
  return factor == 1.0 ? query : Q(Q::OP_SCALE_WEIGHT, query, factor);
}

// Xapian flattens the ORs under an ELITE_SET (not OP_SCALE_WEIGHT) and chooses among them all.
void flatten_or(const Q& query, std::vector<Q>& out) {
  if (query.get_type() != Q::OP_OR && query.get_type() != Q::OP_ELITE_SET) {
    out.push_back(query);
    return;
  }
  for (size_t i = 0; i < query.get_num_subqueries(); ++i) flatten_or(query.get_subquery(i), out);
}

bool same_weight(double a, double b) {
  return std::abs(a - b) <= 1e-9 * std::max({1.0, std::abs(a), std::abs(b)});
}

}  // namespace

ScoreWalk::ScoreWalk(const Xapian::Database& db, const Xapian::Weight& weighting,
                     const WeighingScheme& scheme, bool remote,
                     const std::vector<ExplainTarget>& targets)
    : db_(db), scheme_(scheme), remote_(remote), enquire_(db) {
  enquire_.set_weighting_scheme(weighting);
  std::vector<Q> ids;
  for (const ExplainTarget& target : targets) {
    id_terms_[target.docid] = schema::id_term(target.id);
    ids.emplace_back(id_terms_[target.docid]);
  }
  restriction_ = Q(Q::OP_OR, ids.begin(), ids.end());
  most_ = static_cast<Xapian::doccount>(2 * targets.size() + 8);  // an id twice over shards
}

DocWeights ScoreWalk::weigh(const Q& query) {
  DocWeights weights;
  if (query.empty()) return weights;
  enquire_.set_query(Q(Q::OP_FILTER, query, restriction_));
  Xapian::MSet mset = enquire_.get_mset(0, most_);
  for (auto it = mset.begin(); it != mset.end(); ++it) weights[*it] = it.get_weight();
  return weights;
}

void ScoreWalk::walk(const Q& query, const PartContext& context, const DocSet& docs,
                     PartsByDoc& out) {
  if (docs.empty()) return;
  switch (query.get_type()) {
    case Q::LEAF_MATCH_NOTHING:
    case Q::LEAF_MATCH_ALL:  // Xapian never weighs the empty term
      return;
    case Q::OP_SCALE_WEIGHT: {
      PartContext inner = context;
      inner.factor *= scale_factor(query);
      walk(query.get_subquery(0), inner, docs, out);
      return;
    }
    case Q::OP_OR:
      for (size_t i = 0; i < query.get_num_subqueries(); ++i)
        walk(query.get_subquery(i), context, docs, out);
      return;
    case Q::OP_ELITE_SET:
      walk_elite(query, context, docs, out);
      return;
    case Q::OP_AND:
    case Q::OP_AND_MAYBE:
    case Q::OP_PHRASE:
    case Q::OP_NEAR:
    case Q::OP_FILTER:
    case Q::OP_AND_NOT:
      walk_conjunction(query, context, docs, out);
      return;
    default:  // a term, a group weighed as one (SYNONYM, WILDCARD), a posting source...
      leaf(query, context, docs, out);
  }
}

void ScoreWalk::walk_conjunction(const Q& query, const PartContext& context, const DocSet& docs,
                                 PartsByDoc& out) {
  const DocWeights matching = weigh(query);
  DocSet here;
  for (Xapian::docid doc : docs) {
    if (matching.count(doc)) here.insert(doc);
  }
  const Q::op type = query.get_type();
  PartContext inner = context;
  if (type == Q::OP_PHRASE || type == Q::OP_NEAR) {
    inner.within.clear();
    for (size_t i = 0; i < query.get_num_subqueries(); ++i) {
      for (const std::string& term : leaf_terms(query.get_subquery(i)))
        inner.within.push_back(term_name(term).word);
    }
    if (type == Q::OP_NEAR && inner.kind.empty()) inner.kind = "proximity";
  }
  // FILTER and AND_NOT weigh their left side alone.
  const bool left_only = type == Q::OP_FILTER || type == Q::OP_AND_NOT;
  if (type == Q::OP_FILTER) {
    inner.filter_terms.clear();
    for (size_t i = 1; i < query.get_num_subqueries(); ++i) {
      for (const std::string& term : leaf_terms(query.get_subquery(i)))
        inner.filter_terms.push_back(term);
    }
  }
  const size_t weighed = left_only ? 1 : query.get_num_subqueries();
  for (size_t i = 0; i < weighed; ++i) walk(query.get_subquery(i), inner, here, out);
}

void ScoreWalk::leaf(const Q& query, const PartContext& context, const DocSet& docs,
                     PartsByDoc& out) {
  const DocWeights weights = weigh(scaled(query, context.factor));
  for (Xapian::docid doc : docs) {
    auto found = weights.find(doc);
    if (found == weights.end() || found->second == 0) continue;
    out[doc].push_back(part(query, context, doc, found->second));
  }
}

ScorePart ScoreWalk::part(const Q& query, const PartContext& context, Xapian::docid doc,
                          double score) {
  ScorePart part;
  part.score = score;
  part.weight = context.factor;
  part.within = context.within;
  const bool source = query.get_type() == Q::LEAF_POSTING_SOURCE;
  // A posting source's bonus is for what the FILTER above it names (the question type).
  part.terms = source ? context.filter_terms : terms_in(query, doc);
  for (const std::string& term : part.terms) {
    TermName name = term_name(term);
    part.words.push_back(name.word);
    part.field = name.field;
  }
  if (!context.kind.empty()) {
    part.kind = context.kind;
  } else if (source) {
    part.kind = "intent";
  } else if (part.field == "name") {
    part.kind = "name";
  } else {
    part.kind = part.field == "question" || part.field == "condition" || part.field == "answer"
                    ? "term"
                    : "other";
  }
  if (query.get_type() == Q::LEAF_TERM && !part.terms.empty()) {
    part.bm25 = term_stats(db_, scheme_, part.terms[0], part.field, doc);
  } else if (!source && !remote_) {
    part.bm25 = group_stats(db_, scheme_, query, id_terms_[doc]);
  }
  return part;
}

std::vector<std::string> ScoreWalk::terms_in(const Q& query, Xapian::docid doc) const {
  if (query.get_type() == Q::LEAF_TERM) return leaf_terms(query);
  std::vector<std::string> held;
  if (query.get_type() == Q::OP_WILDCARD) {
    // "Query(WILDCARD SYNONYM ZXQleuk)": the words of the document that start so.
    const std::string description = query.get_description();
    const size_t space = description.rfind(' ');
    const std::string start = description.substr(space + 1, description.size() - space - 2);
    for (auto it = db_.termlist_begin(doc); it != db_.termlist_end(doc); ++it) {
      it.skip_to(start);
      if (it == db_.termlist_end(doc) || (*it).rfind(start, 0) != 0) break;
      held.push_back(*it);
    }
    return held;
  }
  for (const std::string& term : leaf_terms(query)) {
    if (wdf_of(db_, term, doc) > 0) held.push_back(term);
  }
  return held;
}

void ScoreWalk::walk_elite(const Q& query, const PartContext& context, const DocSet& docs,
                           PartsByDoc& out) {
  std::vector<Q> candidates;
  flatten_or(query, candidates);
  const size_t keep = elite_size(query);
  std::vector<size_t> chosen;
  if (keep == 0 || candidates.size() <= keep) {
    for (size_t i = 0; i < candidates.size(); ++i) chosen.push_back(i);
  } else {
    chosen = elite_choice(query, context, docs, candidates, keep);
  }
  for (size_t i : chosen) walk(candidates[i], context, docs, out);
}

// Xapian keeps the `keep` candidates of greatest maximum weight (OrContext::select_elite_set in
// api/queryinternal.cc). Ties at the boundary are broken by std::nth_element, which cannot be
// replayed: of the tied, the choice taken is the one whose parts add up to the ELITE_SET's own
// weight in every document explained.
std::vector<size_t> ScoreWalk::elite_choice(const Q& query, const PartContext& context,
                                            const DocSet& docs, const std::vector<Q>& candidates,
                                            size_t keep) {
  std::vector<double> most(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    enquire_.set_query(scaled(candidates[i], context.factor));
    most[i] = enquire_.get_mset(0, 0).get_max_possible();
  }
  std::vector<double> order = most;
  std::nth_element(order.begin(), order.begin() + keep - 1, order.end(), std::greater<>());
  const double boundary = order[keep - 1];
  std::vector<size_t> chosen, tied;
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (most[i] > boundary) chosen.push_back(i);
    if (most[i] == boundary) tied.push_back(i);
  }
  const size_t open = keep - chosen.size();
  if (tied.size() <= open) {
    chosen.insert(chosen.end(), tied.begin(), tied.end());
    return chosen;
  }
  // Each candidate's weight in each document, and what the ELITE_SET weighs there.
  std::vector<DocWeights> sums(candidates.size());
  for (size_t i = 0; i < candidates.size(); ++i) {
    PartsByDoc alone;
    walk(candidates[i], context, docs, alone);
    for (const auto& [doc, parts] : alone) {
      for (const ScorePart& part : parts) sums[i][doc] += part.score;
    }
  }
  const DocWeights whole = weigh(scaled(query, context.factor));
  std::vector<bool> pick(tied.size(), false);
  std::fill(pick.begin(), pick.begin() + static_cast<long>(open), true);
  for (int tries = 0; tries < 10000; ++tries) {
    bool adds_up = true;
    for (Xapian::docid doc : docs) {
      double sum = 0;
      for (size_t i : chosen) sum += sums[i][doc];
      for (size_t t = 0; t < tied.size(); ++t) sum += pick[t] ? sums[tied[t]][doc] : 0;
      adds_up = adds_up && same_weight(sum, whole.count(doc) ? whole.at(doc) : 0);
    }
    if (adds_up || !std::prev_permutation(pick.begin(), pick.end())) break;
  }
  for (size_t t = 0; t < tied.size(); ++t) {
    if (pick[t]) chosen.push_back(tied[t]);
  }
  return chosen;
}

}  // namespace hqa
