// The user's query string as clauses: which text, in which field, required or excluded, as a
// phrase or as words. Parsing only finds the structure; the words themselves are left to the
// analyzer (query_builder.h), so there is no second tokenizer here.
//
// Syntax: words; "exact phrases"; +required; -excluded; a AND b, a OR b, NOT a (operators in
// capitals, between words: AND makes both sides required, NOT excludes what follows, OR is the
// default; in a query typed all in capitals they are words, unless the query holds nothing else);
// prefix* (expanded to at most a bounded number of indexed words); field:word or field:"a phrase"
// for the fields of schema/fields.h (question, answer, condition, source, type); updated:FROM..TO
// with YYYY-MM-DD dates, either side may be empty. Parsing never fails: anything it cannot read as
// syntax (an unbalanced quote, a lone '-', an operator with nothing to join, an unknown field,
// a bad date) is read as plain words or dropped, with a note, and control characters are dropped.
#ifndef HQA_SEARCHER_QUERY_PARSER_H_
#define HQA_SEARCHER_QUERY_PARSER_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/fields.h"

namespace hqa {

struct QueryClause {
  enum class Occur { kShould, kMust, kMustNot };
  Occur occur = Occur::kShould;
  std::optional<Field> field;  // named as field:..., by the table of schema/fields.h; else all
  bool phrase = false;
  bool prefix = false;  // text is the start of words: "leuk*"
  // The query ends inside this clause's last word, which is still being typed (search as you
  // type, ParseOptions::last_word_open): that word is also searched as the start of words.
  bool typing = false;
  size_t end = 0;    // byte offset in the query just past the clause
  std::string text;  // for kUpdated: "FROM..TO"
};

struct ParsedQuery {
  std::vector<QueryClause> clauses;
  std::vector<std::string> notes;  // what was read differently from how it was written, and why
};

struct ParseOptions {
  // The query comes from a search box while the person types: a last word with no space after
  // it is unfinished (QueryClause::typing). Off for complete queries (the CLI, batch runs).
  bool last_word_open = false;
};

ParsedQuery parse_query(std::string_view query, const ParseOptions& options = {});

// Drops the notes said before, keeping the order: one note per kind of problem ("AND AND AND"
// needs saying once, and a corrected search repeats the first one's).
void remove_repeated_notes(std::vector<std::string>& notes);

}  // namespace hqa

#endif  // HQA_SEARCHER_QUERY_PARSER_H_
