// @brief Expansion terms from the top documents.
#include "searcher/feedback.h"

#include <cctype>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "schema/terms.h"

namespace hqa {
namespace {

// Expansion terms: answer-body terms (unprefixed), not stopwords, not numbers.
class BodyTermDecider : public Xapian::ExpandDecider {
 public:
  // Stems of the answer body: "Z" and a lowercase letter, where a field prefix would be capitals.
  bool operator()(const std::string& term) const override {
    const size_t marker = schema::kStemMarker.size();
    if (term.compare(0, marker, schema::kStemMarker) != 0 || term.size() <= marker + 2 ||
        !std::islower(static_cast<unsigned char>(term[marker]))) {
      return false;
    }
    return !Analyzer::is_stopword(std::string_view(term).substr(marker));
  }
};

}  // namespace

Xapian::Query feedback_expansion(Xapian::Enquire& enquire, const FeedbackOptions& feedback) {
  Xapian::MSet top = enquire.get_mset(0, static_cast<Xapian::doccount>(feedback.documents));
  if (top.empty()) return {};
  Xapian::RSet relevant;
  for (auto it = top.begin(); it != top.end(); ++it) relevant.add_document(*it);
  BodyTermDecider decider;
  Xapian::ESet expansion =
      enquire.get_eset(static_cast<Xapian::termcount>(feedback.terms), relevant, &decider);
  std::vector<Xapian::Query> terms;
  for (auto it = expansion.begin(); it != expansion.end(); ++it) terms.emplace_back(*it);
  if (terms.empty()) return {};
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                       feedback.weight);
}

}  // namespace hqa
