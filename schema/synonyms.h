// Names that mean the same thing — lay and clinical names, acronyms — for query expansion. A
// query that contains one name of a group whole also searches the others, at a lower weight.
//
// Groups come from three places:
//   - the lists hqa ships, files installed with it in share/hqa/synonyms/ (from schema/synonyms/:
//     curated.txt written for hqa, wordnet.txt generated from WordNet 3.0 by
//     scripts/build_synonyms.py), read by the searcher when --synonym-weight asks for them;
//   - the other names of conditions that documents carry, stored in the index's synonym table
//     by the indexer;
//   - a site's own file (hqa-index --synonyms FILE), stored in the index's synonym table under
//     schema::kSiteSynonymPrefix, replacing the previous file's groups.
// The files have one group a line, names separated by "|" ("heart attack | myocardial
// infarction | MI"); blank lines and lines starting with '#' are skipped. Names are compared by
// name key (schema/terms.h), so "Heart attacks" matches "heart attack".
#ifndef HQA_SCHEMA_SYNONYMS_H_
#define HQA_SCHEMA_SYNONYMS_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analysis/analyzer.h"

namespace hqa {

// A group's names as name keys, each once, in the order written; at least two.
using SynonymGroup = std::vector<std::string>;

// Parses a synonyms file's text. Throws InvalidInput "FILE:LINE: reason" (`file` names it) for
// the first line that is not UTF-8, holds a control character, has an empty name (" | MI"),
// fewer than two names, or a name without words or too long for a key; nothing is returned
// then. A group whose names share one key ("ache | aching") is left out: it expands nothing.
std::vector<SynonymGroup> parse_synonym_groups(std::string_view text, std::string_view file,
                                               const Analyzer& analyzer);
// The same for the file at `path`; InvalidInput naming it if it cannot be read.
std::vector<SynonymGroup> read_synonym_file(const std::string& path, const Analyzer& analyzer);

// Where the shipped lists are installed: <folder of the running executable>/../share/hqa/synonyms
// (/proc/self/exe), so build/bin/hqa-search finds build/share/hqa/synonyms and /usr/bin's finds
// /usr/share/hqa/synonyms.
std::string shipped_synonyms_dir();

class SynonymTable {
 public:
  void add(const std::vector<SynonymGroup>& groups);
  // Parses `text` as parse_synonym_groups does (for messages, file "synonyms") and adds it.
  void add_groups(std::string_view text, const Analyzer& analyzer);
  // Name keys of the other names in the groups of `key`; empty if none.
  const std::vector<std::string>& expansions(const std::string& key) const;
  size_t size() const { return by_key_.size(); }

  // The lists in `dir` (every *.txt, by name), keyed with `analyzer`. Throws InvalidInput
  // naming the folder if it holds no list, or the file and line of a bad line.
  static SynonymTable from_directory(const std::string& dir, const Analyzer& analyzer);

 private:
  std::unordered_map<std::string, std::vector<std::string>> by_key_;
};

}  // namespace hqa

#endif  // HQA_SCHEMA_SYNONYMS_H_
