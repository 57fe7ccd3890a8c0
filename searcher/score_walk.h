// The walk of searcher/score_parts.h: a query's tree taken down to the leaves Xapian weighs,
// each leaf weighed by a search of its own, restricted to the documents explained, with the
// search's weighting object and the scale factors above the leaf. Internal to searcher/.
#ifndef HQA_SEARCHER_SCORE_WALK_H_
#define HQA_SEARCHER_SCORE_WALK_H_

#include <xapian.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "searcher/bm25_stats.h"
#include "searcher/explanation.h"
#include "searcher/score_parts.h"

namespace hqa {

using DocWeights = std::map<Xapian::docid, double>;
using DocSet = std::set<Xapian::docid>;
using PartsByDoc = std::map<Xapian::docid, std::vector<ScorePart>>;

// Where a part is weighed: the scale above it, and what it belongs to.
struct PartContext {
  double factor = 1;
  std::string kind;                       // "feedback", "proximity": set by an ancestor
  std::vector<std::string> within;        // the words of the phrase or NEAR pair above it
  std::vector<std::string> filter_terms;  // of the FILTER above a bonus (the question type)
};

class ScoreWalk {
 public:
  // Weighs with `weighting` over `db`, in the documents `targets`. With `remote` shards, groups
  // of terms get no statistics (bm25_stats.h, group_stats).
  ScoreWalk(const Xapian::Database& db, const Xapian::Weight& weighting,
            const WeighingScheme& scheme, bool remote, const std::vector<ExplainTarget>& targets);

  // The weight of `query` in each of the documents that it matches, as the search weighs it.
  DocWeights weigh(const Xapian::Query& query);

  // Adds to `out` the parts that `query`, under `context`, gives each of `docs` (documents
  // that the whole query matches).
  void walk(const Xapian::Query& query, const PartContext& context, const DocSet& docs,
            PartsByDoc& out);

  const WeighingScheme& scheme() const { return scheme_; }

 private:
  void walk_conjunction(const Xapian::Query& query, const PartContext& context, const DocSet& docs,
                        PartsByDoc& out);
  void walk_elite(const Xapian::Query& query, const PartContext& context, const DocSet& docs,
                  PartsByDoc& out);
  std::vector<size_t> elite_choice(const Xapian::Query& query, const PartContext& context,
                                   const DocSet& docs, const std::vector<Xapian::Query>& candidates,
                                   size_t keep);
  void leaf(const Xapian::Query& query, const PartContext& context, const DocSet& docs,
            PartsByDoc& out);
  ScorePart part(const Xapian::Query& query, const PartContext& context, Xapian::docid doc,
                 double score);
  std::vector<std::string> terms_in(const Xapian::Query& query, Xapian::docid doc) const;

  const Xapian::Database& db_;
  WeighingScheme scheme_;
  bool remote_;
  Xapian::Enquire enquire_;
  Xapian::Query restriction_;  // the documents explained, by their id terms
  Xapian::doccount most_ = 0;
  std::map<Xapian::docid, std::string> id_terms_;
};

}  // namespace hqa

#endif  // HQA_SEARCHER_SCORE_WALK_H_
