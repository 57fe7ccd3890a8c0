// Names that mean the same thing — lay and clinical names, acronyms — for query expansion. A
// query that contains one name of a group whole also searches the others, at a lower weight.
//
// Groups come from the lists hqa ships (schema/synonyms/: curated.txt written for hqa,
// wordnet.txt generated from WordNet 3.0 by scripts/build_synonyms.py) and from the other names
// of conditions that documents carry (stored in the index's synonym table by the indexer).
// Names are compared by name key (schema/terms.h), so "Heart attacks" matches "heart attack".
#ifndef HQA_SCHEMA_SYNONYMS_H_
#define HQA_SCHEMA_SYNONYMS_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/analyzer.h"

namespace hqa {

class SynonymTable {
 public:
  // Adds groups given one per line, names separated by " | "; lines starting with '#' and
  // blank lines are skipped.
  void add_groups(std::string_view text, const Analyzer& analyzer);
  // Name keys of the other names in the groups of `key`; empty if none.
  const std::vector<std::string>& expansions(const std::string& key) const;
  size_t size() const { return by_key_.size(); }

  // The lists hqa ships, keyed with `analyzer`.
  static SynonymTable builtin(const Analyzer& analyzer);

 private:
  std::unordered_map<std::string, std::vector<std::string>> by_key_;
};

}  // namespace hqa

#endif  // HQA_SCHEMA_SYNONYMS_H_
