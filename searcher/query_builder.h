// Turns a parsed query into a Xapian query over hqa's fields, through the shared analyzer, and
// says which terms the results should highlight.
//
// Each word is searched in the question, the condition (with its other names) and the answer,
// weighted per field; condition names the query contains whole, and the question types it asks
// about (analysis/question_form.h), add to the score of documents that share them; stopwords are dropped from ranked queries unless the query has nothing
// else; a word written as an acronym ("ALL") searches the acronym term; a hyphenated or
// number-unit group ("x-ray", "5mg") matches its joined form or its parts as a phrase.
#ifndef HQA_SEARCHER_QUERY_BUILDER_H_
#define HQA_SEARCHER_QUERY_BUILDER_H_

#include <functional>
#include <set>
#include <string>
#include <vector>

#include <xapian.h>

#include "analysis/analyzer.h"
#include "searcher/query_parser.h"
#include "searcher/ranking_options.h"

namespace hqa {

// Whether a term occurs in the index; lets the builder look for condition names in the query.
using TermExists = std::function<bool(const std::string&)>;

// What a snippet marks: stems of query words (not stopwords), acronyms, and phrases, which are
// marked only where the whole phrase occurs.
struct HighlightTerms {
  std::set<std::string> stems;
  std::set<std::string> acronyms;  // folded acronym terms ("all")
  std::vector<std::vector<std::string>> phrases;  // stems in order

  bool empty() const { return stems.empty() && acronyms.empty() && phrases.empty(); }
};

struct BuiltQuery {
  Xapian::Query query;  // MatchNothing when nothing searchable is left
  HighlightTerms highlight;
  std::vector<std::string> notes;
};

// `term_exists` may be empty: then no name matching.
BuiltQuery build_query(const ParsedQuery& parsed, const Analyzer& analyzer,
                       const QueryWeights& weights, const TermExists& term_exists = {});

}  // namespace hqa

#endif  // HQA_SEARCHER_QUERY_BUILDER_H_
