// The user's query string as clauses: which text, in which field, required or excluded, as a
// phrase or as words. Parsing only finds the structure; the words themselves are left to the
// analyzer (query_builder.h), so there is no second tokenizer here.
//
// Syntax: words; "exact phrases"; +required; -excluded; field:word or field:"a phrase" for
// question, answer, condition, source and type. Parsing never fails: anything it cannot read
// as syntax (an unbalanced quote, a lone '-', an unknown field) is read as plain words and
// noted, and control characters are dropped.
#ifndef HQA_SEARCHER_QUERY_PARSER_H_
#define HQA_SEARCHER_QUERY_PARSER_H_

#include <string>
#include <string_view>
#include <vector>

namespace hqa {

enum class QueryField { kAll, kQuestion, kAnswer, kCondition, kSource, kType };

struct QueryClause {
  enum class Occur { kShould, kMust, kMustNot };
  Occur occur = Occur::kShould;
  QueryField field = QueryField::kAll;
  bool phrase = false;
  std::string text;
};

struct ParsedQuery {
  std::vector<QueryClause> clauses;
  std::vector<std::string> notes;  // what was read differently from how it was written, and why
};

ParsedQuery parse_query(std::string_view query);

}  // namespace hqa

#endif  // HQA_SEARCHER_QUERY_PARSER_H_
