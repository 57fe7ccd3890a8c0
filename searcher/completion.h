// Completion for search-as-you-type: condition names that begin with what was typed, then the
// last word completed from the vocabulary of questions and names (the spelling table). Names
// are matched folded as the index folds them, so "mén" and "MEN" both complete "Ménière disease".
#ifndef HQA_SEARCHER_COMPLETION_H_
#define HQA_SEARCHER_COMPLETION_H_

#include <xapian.h>

#include <string>
#include <vector>

#include "analysis/analyzer.h"

namespace hqa {

// At most `limit` completions of `typed`, best first. `db` holds the documents, `vocabulary`
// the spelling table (they differ over remote shards).
std::vector<std::string> complete(const Xapian::Database& db, const Xapian::Database& vocabulary,
                                  const Analyzer& analyzer, const std::string& typed, size_t limit);

// Completions of a word being typed (IndexLookup::completions): up to `limit` stems of the
// answers in `terms` that start with `folded_start`, stopwords left out, most frequent first,
// after the stem the typed letters have run past, if any ("diabeti" has passed "diabet").
std::vector<std::string> typing_completions(const Xapian::Database& terms,
                                            const std::string& folded_start, size_t limit);

}  // namespace hqa

#endif  // HQA_SEARCHER_COMPLETION_H_
