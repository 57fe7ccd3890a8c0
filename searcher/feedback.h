// Pseudo-relevance feedback (RankingOptions::feedback): the best answer-body terms of the top
// documents (Xapian's ESet), added to the query at a lower weight.
#ifndef HQA_SEARCHER_FEEDBACK_H_
#define HQA_SEARCHER_FEEDBACK_H_

#include <xapian.h>

#include "searcher/ranking_options.h"

namespace hqa {

// The expansion terms of the top `feedback.documents` documents of `enquire`'s query, ORed and
// scaled by feedback.weight: the search ORs them into its query. An empty query when they find
// nothing.
Xapian::Query feedback_expansion(Xapian::Enquire& enquire, const FeedbackOptions& feedback);

}  // namespace hqa

#endif  // HQA_SEARCHER_FEEDBACK_H_
