// The knobs of hqa's ranking, in one place, so a researcher can sweep them from the command line
// (hqa-search --k1 ... --question-weight ...) without recompiling.
//
// Defaults were chosen on the LiveQA-Med dev topics (README, "Ranking"): a low b keeps long
// answers from burying short ones whose question matches, and a condition name the query
// contains whole lifts the answers about it; per-word condition matching, the intent bonus,
// the shipped synonym lists and feedback did not help there, so they are off unless asked for
// (a site's own synonyms file is on).
#ifndef HQA_SEARCHER_RANKING_OPTIONS_H_
#define HQA_SEARCHER_RANKING_OPTIONS_H_

#include <cstddef>

namespace hqa {

struct QueryWeights {
  double question = 2.0;   // a query word in the question
  double condition = 0.0;  // a query word in the condition or its other names
  double answer = 1.0;     // a query word in the answer
  // A condition name (or other name) that the query contains whole: scale of its BM25 weight.
  // Worth most where documents name their condition: readers fill it from the question's form
  // when the input leaves it out (schema/answer_document.h).
  double name_match = 1.0;
  // A document whose question type is one the query asks about: a fixed bonus.
  double intent_match = 0.0;
  // Adjacent query words that stand near each other (within 3 positions) in a question or an
  // answer: scale of that pair's weight, a bonus on top of the words' own.
  double proximity = 0.0;
  // Synonyms of a name the query contains (schema/synonyms.h), searched as phrases, relative
  // to the words the user typed. Off by default: on the LiveQA-Med dev topics every weight
  // tried lowered nDCG@10 (README, "Ranking").
  double synonym = 0.0;
  // The site's own synonym groups (hqa-index --synonyms FILE), single words too: what a site
  // says its names mean is meant to take effect, so they are on, below the words typed, so
  // that answers written in the query's own words still come first. No index has them unless
  // a site gave a file, so rankings without one do not change.
  double site_synonym = 0.5;
  // A ranked query of more optional words than this searches only this many of them, those
  // that can weigh most (Xapian's OP_ELITE_SET: the rarest words, in practice); 0: all. Over
  // several indexes each picks its own, so rankings can differ from their merge's.
  size_t max_optional_words = 0;
};

// Pseudo-relevance feedback: the best terms of the top documents (Xapian's ESet), added to the
// query at a lower weight, and the query run again.
struct FeedbackOptions {
  size_t terms = 0;       // expansion terms; 0: off
  size_t documents = 10;  // top documents taken as relevant
  double weight = 0.3;    // scale of the expansion terms
};

struct RankingOptions {
  // kFieldBm25: field_weight.h. kBm25: Xapian's own BM25Weight with the same k1 and b for every
  // field (field weights still apply); the only scheme xapian-tcpsrv knows, so searches over
  // remote shards use it whatever is asked.
  enum class Weighting { kFieldBm25, kBm25 };
  Weighting weighting = Weighting::kFieldBm25;
  double bm25_k1 = 0.9;
  double bm25_b = 0.35;        // length normalisation of answer matches
  double short_field_b = 0.0;  // of question, condition and name matches (field_weight.h)
  QueryWeights weights;
  FeedbackOptions feedback;
};

}  // namespace hqa

#endif  // HQA_SEARCHER_RANKING_OPTIONS_H_
