// The parts of documents' scores, taken from Xapian itself: the query the search ran is walked
// down to its leaves (terms, groups of terms weighed as one, bonuses), and each leaf is weighed
// by a search of its own, restricted to the documents explained, with the search's weighting
// object and the scale factors above it. Xapian's score is the sum of its leaves' weights under
// OR, AND, AND_MAYBE, PHRASE and NEAR (what a document does not match adds nothing; FILTER and
// AND_NOT weigh only their left side; OP_SCALE_WEIGHT multiplies), so the parts add up to the
// score by construction. The score itself is the whole query's weight for the document.
//
// Xapian 1.4 has no explain of its own; this is the read path's, used by Searcher::explain and
// by searches that ask for explanations (SearchRequest::explain).
#ifndef HQA_SEARCHER_SCORE_PARTS_H_
#define HQA_SEARCHER_SCORE_PARTS_H_

#include <xapian.h>

#include <memory>
#include <string>
#include <vector>

#include "searcher/explanation.h"
#include "searcher/ranking_options.h"

namespace hqa {

// A document to explain: its docid in the database searched, and its id.
struct ExplainTarget {
  Xapian::docid docid = 0;
  std::string id;
};

// What a search ran: `query` as its Enquire searched it, and `expansion`, the feedback terms'
// subquery of it (pseudo-relevance feedback ORs them in at the top), or an empty query.
struct SearchedQuery {
  Xapian::Query query;
  Xapian::Query expansion;
};

class ScoreParts {
 public:
  // `db`: the collection the search ran over (all its shards); `weighting`: its weighting
  // object. With `remote` shards, groups of terms (OP_SYNONYM) get no statistics: those are
  // read through a weighting object of hqa's own, which xapian-tcpsrv cannot run.
  ScoreParts(const Xapian::Database& db, const Xapian::Weight& weighting,
             const RankingOptions& ranking, bool remote);
  ~ScoreParts();

  // One explanation per target, in order: matched, score, parts (largest first), filters,
  // why_not, the document statistics and the weighting. Rank and collapsing are the caller's.
  //
  // `score` is the query's weight for the document searched alone, which is the search's own
  // score but where Xapian 1.4 errs: its matcher can give a document the weight of a phrase or
  // NEAR that the document does not match, when the phrase is in an OR under AND_MAYBE and the
  // document before it was weighed in the same match (matcher/orpostlist.cc, OrPostList::check
  // takes "not at did" for "at did + 1"). Alone, a document is weighed as the query says; the
  // callers note where the search's score differs.
  std::vector<Explanation> explain(const SearchedQuery& searched,
                                   const std::vector<ExplainTarget>& targets);

 private:
  Explanation explain(const SearchedQuery& searched, const ExplainTarget& target);

  Xapian::Database db_;
  std::unique_ptr<Xapian::Weight> weighting_;
  RankingOptions ranking_;
  bool remote_;
};

}  // namespace hqa

#endif  // HQA_SEARCHER_SCORE_PARTS_H_
