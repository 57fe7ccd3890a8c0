// The retrieval measures, one topic at a time, defined as trec_eval 10 computes them
// (m_ndcg_cut.c, m_P.c, m_recall.c, m_map.c, m_recip_rank.c, m_bpref.c), and the measure lists
// that `hqa-search eval -m` takes in trec_eval's syntax ("ndcg_cut.5,10", "P.10", "map").
//
// A topic's documents are ranked as trec_eval ranks them (trec_files.h: score descending, ties
// by document id descending). Gain for nDCG is the judged grade; binary measures count a
// document relevant when its grade is at least `level` (trec_eval's -l, 1 by default). Cut-offs
// past the end of the ranking are filled with documents that are neither relevant nor judged.
#ifndef HQA_EVAL_MEASURES_H_
#define HQA_EVAL_MEASURES_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "eval/trec_files.h"

namespace hqa {

// One topic's ranking with its judgements, as trec_eval's form_res_rels builds it.
struct JudgedRanking {
  static constexpr int kNotInQrels = -1;    // retrieved, never judged
  static constexpr int kPoolUnjudged = -2;  // in the qrels with a negative grade
  std::vector<int> grades;                  // per rank, from the first
  std::vector<int> qrels_grades;            // every grade >= 0 the qrels give this topic
};

// Ranks `entries` (rank_entries) and looks each document up in `judgements`.
JudgedRanking judge_ranking(const std::map<std::string, int>& judgements,
                            const std::vector<RunEntry>& entries);

// trec_eval's ndcg_cut at k: DCG of the grades (gain g / log2(rank + 1)) over the ideal DCG of
// the qrels' grades, both cut at k. 0 when the topic has no grade above 0.
double ndcg_at(const JudgedRanking& topic, size_t k);
// P at k: relevant documents in the top k, over k.
double precision_at(const JudgedRanking& topic, size_t k, int level);
// recall at k: relevant documents in the top k, over the topic's relevant documents (0 if none).
double recall_at(const JudgedRanking& topic, size_t k, int level);
// Average precision over the topic's relevant documents, retrieved or not (map).
double average_precision(const JudgedRanking& topic, int level);
// 1 / the rank of the first relevant document, if it is within the first `k` (recip_rank: all).
double reciprocal_rank(const JudgedRanking& topic, int level, size_t k = static_cast<size_t>(-1));
// bpref (Buckley and Voorhees 2004, as trec_eval 8 and later compute it): unjudged documents
// are left out; each relevant document retrieved scores 1 - (judged non-relevant documents
// above it, at most R) / min(R, judged non-relevant documents of the topic); the sum over R.
double bpref(const JudgedRanking& topic, int level);
// judged at k (Pyserini's judged@k, not in trec_eval): documents in the top k that the qrels
// judge, with any grade of 0 or more, over k; a ranking shorter than k counts as unjudged there.
double judged_at(const JudgedRanking& topic, size_t k);

// The measures a `-m` list names, each once, in trec_eval's print order (map, bpref,
// recip_rank, P, recall, ndcg_cut, then judged), cut-offs ascending.
class MeasureSet {
 public:
  // `specs` in trec_eval's syntax: a name, or a name with cut-offs after a dot separated by
  // commas ("P.5,10"); a cut-off measure without cut-offs takes trec_eval's default ones
  // (5,10,15,20,30,100,200,500,1000). A measure named twice gets the union of its cut-offs.
  // Throws InvalidInput naming the spec for an unknown name or a bad cut-off.
  explicit MeasureSet(const std::vector<std::string>& specs);

  // True if `spec` parses as a measure of this tool ("map", "P.10"), false otherwise.
  static bool is_measure(const std::string& spec);
  // The names of the measures known, for help and messages.
  static std::string known_names();

  // Output names in order, as trec_eval prints them: "map", "P_5", "ndcg_cut_10".
  const std::vector<std::string>& names() const { return names_; }
  // One value per name.
  std::vector<double> compute(const JudgedRanking& topic, int level) const;

 private:
  struct Measure {
    std::string name;
    std::vector<size_t> cutoffs;  // empty for measures without
  };
  std::vector<Measure> measures_;
  std::vector<std::string> names_;
};

}  // namespace hqa

#endif  // HQA_EVAL_MEASURES_H_
