// Fuzzes the query parser and the query builder (searcher/query_parser.h, query_builder.h).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/analyzer.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"

namespace {

// An index that knows some words, corrects every unknown one and has synonyms for everything,
// so that the builder's spelling, name and synonym paths all run.
class FakeIndex : public hqa::IndexLookup {
 public:
  bool term_exists(const std::string& term) const override { return term.size() % 3 == 0; }
  std::string spelling_correction(const std::string& folded_word) const override {
    if (folded_word.size() < 4) return "";
    return folded_word.substr(1);
  }
  std::vector<std::string> synonyms(const std::string& key) const override {
    if (key.empty()) return {};
    return {key + " syndrome", "_all", "heart attack"};
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const hqa::Analyzer analyzer;
  static const FakeIndex index;
  std::string_view query(reinterpret_cast<const char*>(data), size);
  hqa::ParsedQuery parsed = hqa::parse_query(query);
  hqa::QueryWeights weights;
  hqa::BuiltQuery plain = hqa::build_query(parsed, analyzer, weights);
  weights.condition = 1.5;  // every optional part of the builder on
  weights.name_match = 1.0;
  weights.intent_match = 0.3;
  weights.proximity = 0.2;
  weights.synonym = 0.5;
  hqa::BuiltQuery with_index = hqa::build_query(parsed, analyzer, weights, &index);
  (void)plain.query.get_description();
  (void)with_index.query.get_description();
  return 0;
}
