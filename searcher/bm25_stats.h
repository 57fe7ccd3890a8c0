// The statistics a part of a score was weighed with (searcher/explanation.h, Bm25Stats), read
// from the index as Xapian's weighting objects read them, for showing beside the part's weight.
#ifndef HQA_SEARCHER_BM25_STATS_H_
#define HQA_SEARCHER_BM25_STATS_H_

#include <xapian.h>

#include <optional>
#include <string>

#include "searcher/explanation.h"
#include "searcher/ranking_options.h"

namespace hqa {

// How the search weighed: FieldBm25Weight, or Xapian's BM25Weight (`bm25`), with `ranking`'s
// k1 and b.
struct WeighingScheme {
  bool bm25 = false;
  RankingOptions ranking;

  // The idf of a term in `termfreq` of `documents` documents.
  double idf(double documents, double termfreq) const;
};

// A single term's statistics in document `doc` of `db`. `field` (question, condition, answer,
// name) decides its b, as the query builder marks it for FieldBm25Weight.
Bm25Stats term_stats(const Xapian::Database& db, const WeighingScheme& scheme,
                     const std::string& term, const std::string& field, Xapian::docid doc);

// The statistics Xapian weighs a group of terms with (OP_SYNONYM, OP_WILDCARD: their wdf
// summed, Xapian's estimate of their frequency) in the document whose id term is `id_term`,
// read through a weighting object of hqa's own; nullopt if `group` does not match it. Local
// databases only: xapian-tcpsrv runs no weighting object it does not know.
std::optional<Bm25Stats> group_stats(const Xapian::Database& db, const WeighingScheme& scheme,
                                     const Xapian::Query& group, const std::string& id_term);

// Occurrences of `term` in document `doc`; 0 if it has none.
Xapian::termcount wdf_of(const Xapian::Database& db, const std::string& term, Xapian::docid doc);

}  // namespace hqa

#endif  // HQA_SEARCHER_BM25_STATS_H_
