// TREC qrels and runs, the files trec_eval reads: their reading, strict about what trec_eval
// would misread, and the order in which trec_eval ranks a run's documents.
#ifndef HQA_EVAL_TREC_FILES_H_
#define HQA_EVAL_TREC_FILES_H_

#include <istream>
#include <map>
#include <string>
#include <vector>

namespace hqa {

// qid -> docid -> grade. A negative grade is trec_eval's "in the pool but not judged".
using Qrels = std::map<std::string, std::map<std::string, int>>;

struct RunEntry {
  std::string doc_id;
  double score = 0;
};
// qid -> entries (in file order; rank_entries() puts them in trec_eval's order).
using Run = std::map<std::string, std::vector<RunEntry>>;

// Reads "qid iteration docid grade" lines (blank lines skipped). Throws InvalidInput naming
// `name` and the line for a line of another number of columns or a grade that is not an
// integer. A document judged twice for one topic keeps its last grade, as hqa always did (the
// LiveQA-Med dev qrels judge 89 documents twice, with different grades; trec_eval refuses such
// qrels): each such line is described in `repeated`, when given, for the caller to report.
Qrels read_qrels(std::istream& in, const std::string& name,
                 std::vector<std::string>* repeated = nullptr);

// Reads "qid Q0 docid rank score tag" lines; blank lines and lines starting with '#' (the
// header hqa-search batch writes, which trec_eval 10 skips too) are skipped. Throws InvalidInput
// naming `name` and the line for a line of another number of columns, a rank that is not an
// integer, a score that is not a finite number, or a document listed twice for one topic (the
// message names the topic and the document).
Run read_run(std::istream& in, const std::string& name);

// `entries` as trec_eval ranks them: score descending, ties by document id descending (strcmp);
// the rank column is ignored.
std::vector<RunEntry> rank_entries(std::vector<RunEntry> entries);

}  // namespace hqa

#endif  // HQA_EVAL_TREC_FILES_H_
