// Turns a parsed query into a Xapian query over hqa's fields, through the shared analyzer, and
// says which terms the results should highlight.
//
// Each word is searched in the question, the condition (with its other names) and the answer,
// weighted per field; condition names the query contains whole, and the question types it asks
// about (analysis/question_form.h), add to the score of documents that share them; stopwords are
// dropped from ranked queries unless the query has nothing else; a word written as an acronym
// ("ALL") searches the acronym term; a hyphenated or number-unit group ("x-ray", "5mg") matches its
// joined form or its parts as a phrase.
#ifndef HQA_SEARCHER_QUERY_BUILDER_H_
#define HQA_SEARCHER_QUERY_BUILDER_H_

#include <xapian.h>

#include <set>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "searcher/query_parser.h"
#include "searcher/ranking_options.h"

namespace hqa {

// What the builder may ask of the index: whether a term occurs (to find condition names in the
// query and words the index does not know), and the spelling table's correction of a word.
class IndexLookup {
 public:
  virtual ~IndexLookup() = default;
  virtual bool term_exists(const std::string& term) const = 0;
  // False only when `term` is surely absent. Where asking costs a round trip to every shard
  // (remote shards), it may say true unasked: a name bonus for an absent term weighs nothing,
  // and one query carrying it costs less than a question per candidate name.
  virtual bool might_have_term(const std::string& term) const { return term_exists(term); }
  // A known word within two edits of `folded_word`, or empty.
  virtual std::string spelling_correction(const std::string& folded_word) const = 0;
  // Name keys of the synonyms of the name key `key` (shipped lists and the index's own).
  virtual std::vector<std::string> synonyms(const std::string& key) const = 0;
  // Those of the site's synonyms file (hqa-index --synonyms), weighed on their own.
  virtual std::vector<std::string> site_synonyms(const std::string& key) const {
    (void)key;
    return {};
  }
  // Up to `limit` stems of the answers' vocabulary that start with `folded_start`, not
  // stopwords, most frequent first: the completions of a word being typed. Bounded in time
  // however short the start (a few thousand terms are looked at, at most).
  virtual std::vector<std::string> completions(const std::string& folded_start,
                                               size_t limit) const {
    (void)folded_start;
    (void)limit;
    return {};
  }
};

// A word of the query worth correcting: an ordinary word (not a stopword, acronym or number)
// whose stem occurs in neither the answers nor the questions.
bool is_unknown_word(const Token& token, const IndexLookup& index);

// What a snippet marks: stems of query words (not stopwords), acronyms, and phrases, which are
// marked only where the whole phrase occurs.
struct HighlightTerms {
  std::set<std::string> stems;
  std::set<std::string> acronyms;                 // folded acronym terms ("all")
  std::vector<std::vector<std::string>> phrases;  // stems in order
  std::vector<std::string> prefixes;              // folded starts of words ("leuk")
  // Folded words being typed ("diab"); their completions are among `stems`. Snippets look for
  // them as one word, not one per completion.
  std::vector<std::string> typed;

  bool empty() const {
    return stems.empty() && acronyms.empty() && phrases.empty() && prefixes.empty();
  }
};

struct BuiltQuery {
  Xapian::Query query;  // MatchNothing when nothing searchable is left
  HighlightTerms highlight;
  std::vector<std::string> notes;
};

// A prefix query ("leuk*") expands to at most this many indexed words per field, the most
// frequent ones: "a*" must not become a query of every word in the index.
inline constexpr unsigned kMaxPrefixExpansion = 100;

// A word being typed (QueryClause::typing) is searched as itself and as its most frequent
// completions, at most this many, once it has this many characters; a shorter one is searched
// as typed. It is never corrected for spelling: it is not finished.
inline constexpr size_t kMaxTypingCompletions = 20;
inline constexpr size_t kMinTypingCompletionChars = 3;

// Without `index`, no name matching and no spelling correction. With it, a word the index does
// not know is searched as its spelling correction too.
BuiltQuery build_query(const ParsedQuery& parsed, const Analyzer& analyzer,
                       const QueryWeights& weights, const IndexLookup* index = nullptr);

}  // namespace hqa

#endif  // HQA_SEARCHER_QUERY_BUILDER_H_
