// Pseudo-relevance feedback (RankingOptions::feedback): the best answer-body terms of the top
// documents (Xapian's ESet), added to the query at a lower weight.
#ifndef HQA_SEARCHER_FEEDBACK_H_
#define HQA_SEARCHER_FEEDBACK_H_

#include <xapian.h>

#include "searcher/ranking_options.h"

namespace hqa {

// `query` OR the expansion terms of its top `feedback.documents` documents in `enquire`, scaled
// by feedback.weight; `query` itself when they find nothing.
Xapian::Query with_feedback(Xapian::Enquire& enquire, const Xapian::Query& query,
                            const FeedbackOptions& feedback);

}  // namespace hqa

#endif  // HQA_SEARCHER_FEEDBACK_H_
