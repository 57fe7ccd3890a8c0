// @brief Query words to Xapian queries over the text fields.
#include "searcher/query_units.h"

#include <algorithm>

#include "schema/index_format.h"
#include "schema/terms.h"
#include "searcher/field_weight.h"

namespace hqa {

using schema::field_term;
using schema::kAcronymMarker;
using schema::positionless_in_body;

Xapian::termcount wqf_of(std::string_view prefix) {
  return prefix == schema::kAnswerPrefix ? 1 : FieldBm25Weight::kShortFieldWqf;
}

std::vector<WeightedField> text_fields(std::optional<Field> field, const QueryWeights& weights,
                                       bool scored) {
  if (field) return {{field_spec(*field).text_prefix, 1.0}};
  std::vector<WeightedField> all = {{schema::kQuestionPrefix, weights.question},
                                    {schema::kConditionPrefix, weights.condition},
                                    {schema::kAnswerPrefix, weights.answer}};
  if (!scored) return all;
  std::vector<WeightedField> weighted;
  for (const WeightedField& spec : all) {
    if (spec.weight > 0) weighted.push_back(spec);
  }
  return weighted.empty() ? all : weighted;
}

Xapian::Query alternative_query(const Alternative& alt, std::string_view prefix) {
  if (alt.acronym) return Xapian::Query(schema::acronym_term(prefix, alt.stems[0]), wqf_of(prefix));
  // Name keys from the synonym table spell an acronym as "_all": its term is the acronym's.
  auto term_of = [prefix](const std::string& stem) {
    return stem.rfind(kAcronymMarker, 0) == 0 ? std::string(prefix) + stem
                                              : field_term(prefix, stem);
  };
  if (alt.stems.size() == 1) return Xapian::Query(term_of(alt.stems[0]), wqf_of(prefix));
  // In the answer body, stopwords have no positions: the phrase is its other words, in order,
  // within the span they were typed over ("risk of cancer": risk, then cancer at most two places
  // on), and the stopwords' places are not checked. With fewer than two such words there is no
  // order to check, and every word is required instead.
  const bool body = prefix == schema::kAnswerPrefix;
  std::vector<Xapian::Query> positioned, all;
  size_t first = alt.stems.size(), last = 0;
  for (size_t i = 0; i < alt.stems.size(); ++i) {
    const std::string& stem = alt.stems[i];
    all.emplace_back(term_of(stem), wqf_of(prefix));
    if (body && stem.rfind(kAcronymMarker, 0) != 0 && positionless_in_body(stem)) continue;
    positioned.push_back(all.back());
    first = std::min(first, i);
    last = i;
  }
  if (positioned.size() < 2) return Xapian::Query(Xapian::Query::OP_AND, all.begin(), all.end());
  return Xapian::Query(Xapian::Query::OP_PHRASE, positioned.begin(), positioned.end(),
                       static_cast<Xapian::termcount>(last - first + 1));
}

Xapian::Query unit_query(const Unit& unit, const std::vector<WeightedField>& fields,
                         Xapian::Query::op combine) {
  std::vector<Xapian::Query> per_field;
  for (const WeightedField& field : fields) {
    std::vector<Xapian::Query> alternatives;
    for (const Alternative& alt : unit)
      alternatives.push_back(alternative_query(alt, field.prefix));
    Xapian::Query query(combine, alternatives.begin(), alternatives.end());
    if (field.weight != 1.0)
      query = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, field.weight);
    per_field.push_back(query);
  }
  return Xapian::Query(Xapian::Query::OP_OR, per_field.begin(), per_field.end());
}

// Splits the tokens of a word clause into units. Stopword-only units go to `stop_units`, to be
// searched only if the query has nothing else.
void word_units(const std::vector<Token>& tokens, const Analyzer& analyzer,
                const IndexLookup* index, std::vector<Unit>& units, std::vector<Unit>& stop_units,
                HighlightTerms& highlight) {
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.kind == Token::Kind::kJoined) {
      Alternative parts;
      while (i + 1 < tokens.size() && tokens[i + 1].kind == Token::Kind::kWord &&
             tokens[i + 1].end <= token.end) {
        parts.stems.push_back(tokens[++i].stem);
      }
      units.push_back({Alternative{{token.stem}}, parts});
      highlight.stems.insert(token.stem);
      highlight.phrases.push_back(parts.stems);
      continue;
    }
    bool stopword = Analyzer::is_stopword(token.term);
    if (token.acronym) {
      Unit unit{Alternative{{token.term}, true}};
      if (!stopword) {
        unit.push_back(Alternative{{token.stem}});
        highlight.stems.insert(token.stem);
      }
      units.push_back(std::move(unit));
      highlight.acronyms.insert(token.term);
    } else if (stopword) {
      stop_units.push_back({Alternative{{token.stem}}});
    } else {
      Unit unit{Alternative{{token.stem}}};
      highlight.stems.insert(token.stem);
      if (index && is_unknown_word(token, *index)) {
        std::string correction = index->spelling_correction(token.term);
        if (!correction.empty()) {
          std::string stem = analyzer.stem(correction);
          unit.push_back(Alternative{{stem}});
          highlight.stems.insert(stem);
        }
      }
      units.push_back(std::move(unit));
    }
  }
}

void merge_repeated(std::vector<Xapian::Query>& queries) {
  std::vector<std::pair<std::string, size_t>> seen;  // (serialised query, times given)
  std::vector<Xapian::Query> merged;
  for (const Xapian::Query& query : queries) {
    std::string key = query.serialise();
    auto found = std::find_if(seen.begin(), seen.end(),
                              [&key](const auto& entry) { return entry.first == key; });
    if (found != seen.end()) {
      ++found->second;
      continue;
    }
    seen.emplace_back(std::move(key), 1);
    merged.push_back(query);
  }
  if (merged.size() == queries.size()) return;
  for (size_t i = 0; i < merged.size(); ++i) {
    if (seen[i].second > 1) {
      merged[i] = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, merged[i],
                                static_cast<double>(seen[i].second));
    }
  }
  queries = std::move(merged);
}

}  // namespace hqa
