// How index terms and the parts of a query read to a person, for explanations of scores: the
// field and word of a term ("ZXQdiabet" is the question's "diabet"), and what a filter or an
// exclusion looks for ("source:ghr", "updated:2020-01-01..", "cough (question, answer)").
#ifndef HQA_SEARCHER_TERM_NAMES_H_
#define HQA_SEARCHER_TERM_NAMES_H_

#include <xapian.h>

#include <cstddef>
#include <string>

namespace hqa {

struct TermName {
  // question, condition, answer (words); name (a whole name); source, type, condition
  // (filters); id; or "other".
  std::string field;
  std::string word;  // the term without its prefixes: a stem, "_" + acronym, a name key
};

// Reads the prefixes of schema/index_format.h off `term`.
TermName term_name(const std::string& term);

// What `query` looks for: its words, each with the fields it is looked for in, or a date range;
// at most `limit` words, then how many more.
std::string describe_query(const Xapian::Query& query, size_t limit = 8);

}  // namespace hqa

#endif  // HQA_SEARCHER_TERM_NAMES_H_
