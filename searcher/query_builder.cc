// @brief Parsed query -> Xapian query, through the shared analyzer.
#include "searcher/query_builder.h"

#include <algorithm>
#include <cctype>

#include "analysis/question_form.h"
#include "indexer/index_schema.h"
#include "searcher/field_weight.h"

namespace hqa {
namespace {

struct FieldSpec {
  std::string_view prefix;
  double weight;
};

// Short fields are marked for FieldBm25Weight through the within-query frequency.
Xapian::termcount wqf_of(std::string_view prefix) {
  return prefix == schema::kAnswerPrefix ? 1 : FieldBm25Weight::kShortFieldWqf;
}

// The fields a clause's words are searched in. `scored` (the optional words of a ranked query)
// leaves out fields of weight 0: they add no score, only postings for the matcher to walk and
// matches that rank below every scored one; a document known only by a condition name still
// matches through the name itself (whole_name_matches). Required and excluded words look in
// every field, weighted or not, and so do the words when every field weighs 0.
std::vector<FieldSpec> text_fields(QueryField field, const QueryWeights& weights, bool scored) {
  switch (field) {
    case QueryField::kQuestion: return {{schema::kQuestionPrefix, 1.0}};
    case QueryField::kCondition: return {{schema::kConditionPrefix, 1.0}};
    case QueryField::kAnswer: return {{schema::kAnswerPrefix, 1.0}};
    default: {
      std::vector<FieldSpec> all = {{schema::kQuestionPrefix, weights.question},
                                    {schema::kConditionPrefix, weights.condition},
                                    {schema::kAnswerPrefix, weights.answer}};
      if (!scored) return all;
      std::vector<FieldSpec> weighted;
      for (const FieldSpec& spec : all) {
        if (spec.weight > 0) weighted.push_back(spec);
      }
      return weighted.empty() ? all : weighted;
    }
  }
}

// One way of matching a query word: a single term, a phrase of stems, or an acronym.
struct Alternative {
  std::vector<std::string> stems;  // one stem, or a phrase
  bool acronym = false;            // stems[0] is a folded acronym
};

// A query word or group: matched by any of its alternatives.
using Unit = std::vector<Alternative>;

Xapian::Query alternative_query(const Alternative& alt, std::string_view prefix) {
  if (alt.acronym) {
    std::string term(prefix);
    term += kAcronymMarker;
    term += alt.stems[0];
    return Xapian::Query(term, wqf_of(prefix));
  }
  // Name keys from the synonym table spell an acronym as "_all": its term is the acronym's.
  auto term_of = [prefix](const std::string& stem) {
    return stem.rfind(kAcronymMarker, 0) == 0 ? std::string(prefix) + stem : field_term(prefix, stem);
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

Xapian::Query unit_query(const Unit& unit, const std::vector<FieldSpec>& fields) {
  std::vector<Xapian::Query> per_field;
  for (const FieldSpec& field : fields) {
    std::vector<Xapian::Query> alternatives;
    for (const Alternative& alt : unit) alternatives.push_back(alternative_query(alt, field.prefix));
    Xapian::Query query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
    if (field.weight != 1.0) query = Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, query, field.weight);
    per_field.push_back(query);
  }
  return Xapian::Query(Xapian::Query::OP_OR, per_field.begin(), per_field.end());
}

// Splits the tokens of a word clause into units. Stopword-only units go to `stop_units`, to be
// searched only if the query has nothing else.
void word_units(const std::vector<Token>& tokens, const Analyzer& analyzer, const IndexLookup* index,
                std::vector<Unit>& units, std::vector<Unit>& stop_units, HighlightTerms& highlight) {
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

// Runs of words the query contains whole that are indexed condition names (a bonus for the
// documents about them) or names with synonyms (searched too, as phrases, at a lower weight).
void whole_name_matches(const std::vector<Token>& words, const QueryWeights& weights,
                        const IndexLookup* index, std::vector<Xapian::Query>& names,
                        std::vector<Xapian::Query>& expansions, HighlightTerms& highlight) {
  constexpr size_t kMaxNameWords = 6;
  if (!index) return;
  std::set<std::string> seen;
  for (size_t begin = 0; begin < words.size(); ++begin) {
    std::string key;
    for (size_t end = begin; end < words.size() && end - begin < kMaxNameWords; ++end) {
      if (!key.empty()) key += ' ';
      key += name_key_part(words[end]);
      // A name of stopwords alone ("the", "all") is no name.
      if (end == begin && Analyzer::is_stopword(key)) break;
      if (!seen.insert(key).second) continue;
      std::string term = std::string(schema::kNamePrefix) + key;
      if (weights.name_match > 0 && index->might_have_term(term)) {
        names.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                           Xapian::Query(term, FieldBm25Weight::kShortFieldWqf), weights.name_match);
      }
      // A single ordinary word ("cancer", "sugar") has too many senses to expand safely; a
      // several-word name or an acronym names one thing.
      bool single_word = begin == end && !words[begin].acronym;
      if (weights.synonym <= 0 || single_word) continue;
      for (const std::string& synonym : index->synonyms(key)) {
        Alternative phrase;
        for (size_t from = 0; from <= synonym.size();) {
          size_t space = synonym.find(' ', from);
          if (space == std::string::npos) space = synonym.size();
          phrase.stems.push_back(synonym.substr(from, space - from));
          from = space + 1;
        }
        Xapian::Query query = unit_query({phrase}, text_fields(QueryField::kAll, weights, true));
        expansions.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, query, weights.synonym);
        if (phrase.stems.size() > 1) {
          highlight.phrases.push_back(phrase.stems);
        } else if (phrase.stems[0].rfind(kAcronymMarker, 0) == 0) {
          highlight.acronyms.insert(phrase.stems[0].substr(kAcronymMarker.size()));
        } else {
          highlight.stems.insert(phrase.stems[0]);
        }
      }
    }
  }
}

// Pairs of adjacent non-stopword query words, near each other in the question or the answer.
std::vector<Xapian::Query> proximity_pairs(const std::vector<Token>& words, const QueryWeights& weights) {
  constexpr size_t kMaxPairs = 16;  // long chatty queries: the first pairs carry the topic
  constexpr Xapian::termcount kWindow = 3;
  std::vector<const Token*> content;
  for (const Token& word : words) {
    // Words whose stem the body holds without positions could never be near anything there.
    if (!Analyzer::is_stopword(word.term) && !positionless_in_body(word.stem)) content.push_back(&word);
  }
  std::vector<Xapian::Query> pairs;
  for (size_t i = 0; i + 1 < content.size() && pairs.size() < kMaxPairs; ++i) {
    if (content[i]->stem == content[i + 1]->stem) continue;
    std::vector<Xapian::Query> per_field;
    for (std::string_view prefix : {schema::kQuestionPrefix, schema::kAnswerPrefix}) {
      Xapian::Query near[] = {Xapian::Query(field_term(prefix, content[i]->stem), wqf_of(prefix)),
                              Xapian::Query(field_term(prefix, content[i + 1]->stem), wqf_of(prefix))};
      per_field.emplace_back(Xapian::Query::OP_NEAR, near, near + 2, kWindow);
    }
    pairs.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_OR, per_field.begin(), per_field.end()),
                       weights.proximity);
  }
  return pairs;
}

// "2024-01-01..2025-12-31", either side may be empty: a range on the updated slot, or an empty
// query when the text is not such a range.
Xapian::Query date_range(const std::string& text) {
  size_t dots = text.find("..");
  if (dots == std::string::npos) return {};
  // An empty side is an open end; anything else must be a date.
  auto sortable = [](const std::string& date, std::string& out) {
    if (date.empty()) return true;
    out = schema::sortable_date(date);
    return !out.empty();
  };
  std::string from = "00000000", to = "99999999";
  if (!sortable(text.substr(0, dots), from) || !sortable(text.substr(dots + 2), to)) return {};
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kUpdatedSlot, from, to);
}

}  // namespace

bool is_unknown_word(const Token& token, const IndexLookup& index) {
  if (token.kind != Token::Kind::kWord || token.acronym || token.term.size() < 3 ||
      std::isdigit(static_cast<unsigned char>(token.term[0])) || Analyzer::is_stopword(token.term)) {
    return false;
  }
  return !index.term_exists(field_term(schema::kAnswerPrefix, token.stem)) &&
         !index.term_exists(field_term(schema::kQuestionPrefix, token.stem));
}

BuiltQuery build_query(const ParsedQuery& parsed, const Analyzer& analyzer,
                       const QueryWeights& weights, const IndexLookup* index) {
  BuiltQuery built;
  built.notes = parsed.notes;
  std::vector<Xapian::Query> should, must, must_not, filters;
  std::vector<Unit> stop_units;
  std::vector<Token> positive_words;  // in query order, for names and intents
  for (const QueryClause& clause : parsed.clauses) {
    std::vector<Xapian::Query>& target = clause.occur == QueryClause::Occur::kMust      ? must
                                         : clause.occur == QueryClause::Occur::kMustNot ? must_not
                                                                                        : should;
    if (clause.field == QueryField::kUpdated) {
      Xapian::Query range = date_range(clause.text);
      if (range.empty()) {
        built.notes.push_back("updated: wants FROM..TO with YYYY-MM-DD dates; '" +
                              clause.text.substr(0, 40) + "' was ignored");
      } else {
        (clause.occur == QueryClause::Occur::kMustNot ? must_not : filters).push_back(range);
      }
      continue;
    }
    if (clause.field == QueryField::kSource || clause.field == QueryField::kType) {
      auto prefix = clause.field == QueryField::kSource ? schema::kSourcePrefix : schema::kTypePrefix;
      Xapian::Query term(schema::boolean_term(prefix, clause.text));
      (clause.occur == QueryClause::Occur::kMustNot ? must_not : filters).push_back(term);
      continue;
    }
    const std::vector<FieldSpec> fields =
        text_fields(clause.field, weights, clause.occur == QueryClause::Occur::kShould);
    std::vector<Token> tokens = analyzer.analyze(clause.text);
    if (clause.occur != QueryClause::Occur::kMustNot && clause.field == QueryField::kAll) {
      for (const Token& token : tokens) {
        if (token.kind == Token::Kind::kWord) positive_words.push_back(token);
      }
    }
    HighlightTerms ignored;
    HighlightTerms& highlight = clause.occur == QueryClause::Occur::kMustNot ? ignored : built.highlight;
    std::vector<Unit> units;
    if (clause.prefix) {
      std::string stub;
      for (const Token& token : tokens) {
        if (token.kind == Token::Kind::kWord) stub = token.term;
      }
      if (stub.empty()) continue;
      std::vector<Xapian::Query> per_field;
      for (const FieldSpec& field : fields) {
        Xapian::Query wildcard(Xapian::Query::OP_WILDCARD, field_term(field.prefix, stub),
                               kMaxPrefixExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
        per_field.push_back(field.weight == 1.0 ? wildcard
                                                : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, wildcard, field.weight));
      }
      target.emplace_back(Xapian::Query::OP_OR, per_field.begin(), per_field.end());
      highlight.prefixes.push_back(stub);
      continue;
    }
    if (clause.phrase) {
      Alternative phrase;
      for (const Token& token : tokens) {
        if (token.kind == Token::Kind::kWord) phrase.stems.push_back(token.stem);
      }
      if (phrase.stems.empty()) continue;
      if (phrase.stems.size() == 1) {
        highlight.stems.insert(phrase.stems[0]);
      } else {
        highlight.phrases.push_back(phrase.stems);
      }
      units.push_back({phrase});
    } else {
      std::vector<Unit> clause_stop_units;
      word_units(tokens, analyzer, index, units, clause_stop_units, highlight);
      if (clause.occur == QueryClause::Occur::kShould) {
        stop_units.insert(stop_units.end(), clause_stop_units.begin(), clause_stop_units.end());
      } else if (units.empty()) {
        units = clause_stop_units;  // "+the" or "-the": the user asked for that word
      }
    }
    for (const Unit& unit : units) target.push_back(unit_query(unit, fields));
  }
  if (should.empty() && must.empty() && !stop_units.empty()) {
    built.notes.push_back("the query has only common words; they were searched as they are");
    for (const Unit& unit : stop_units) {
      should.push_back(unit_query(unit, text_fields(QueryField::kAll, weights, true)));
      built.highlight.stems.insert(unit[0].stems[0]);
    }
  }

  // Condition names and synonyms join the optional words, so that filters and exclusions apply
  // to them, and a document known by the name the query gives (an other name, in its condition
  // field alone) is found by it.
  std::vector<Xapian::Query> boosts;
  if (!positive_words.empty()) {
    std::vector<Xapian::Query> names, expansions;
    whole_name_matches(positive_words, weights, index, names, expansions, built.highlight);
    should.insert(should.end(), names.begin(), names.end());
    should.insert(should.end(), expansions.begin(), expansions.end());
  }

  Xapian::Query query;
  if (!must.empty()) {
    query = Xapian::Query(Xapian::Query::OP_AND, must.begin(), must.end());
    if (!should.empty()) {
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                            Xapian::Query(Xapian::Query::OP_OR, should.begin(), should.end()));
    }
  } else if (weights.max_optional_words > 0 && should.size() > weights.max_optional_words) {
    query = Xapian::Query(Xapian::Query::OP_ELITE_SET, should.begin(), should.end(),
                          static_cast<Xapian::termcount>(weights.max_optional_words));
  } else if (!should.empty()) {
    query = Xapian::Query(Xapian::Query::OP_OR, should.begin(), should.end());
  } else if (!filters.empty() || !must_not.empty()) {
    query = Xapian::Query::MatchAll;
  }
  if (!filters.empty() && !query.empty()) {
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
  }
  if (!must_not.empty() && !query.empty()) {
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                          Xapian::Query(Xapian::Query::OP_OR, must_not.begin(), must_not.end()));
  }
  if (!query.empty() && !positive_words.empty()) {
    if (weights.proximity > 0) {
      std::vector<Xapian::Query> pairs = proximity_pairs(positive_words, weights);
      boosts.insert(boosts.end(), pairs.begin(), pairs.end());
    }
    for (const std::string& type : question_intents(positive_words)) {
      if (weights.intent_match <= 0) break;
      auto* bonus = new Xapian::FixedWeightPostingSource(weights.intent_match);
      boosts.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(bonus->release()),
                          Xapian::Query(schema::boolean_term(schema::kTypePrefix, type)));
    }
    if (!boosts.empty()) {
      query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                            Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
    }
  }
  if (query.empty() && !parsed.clauses.empty() && built.notes.empty()) {
    built.notes.push_back("the query has no word that can be searched (only punctuation or symbols)");
  }
  built.query = query;
  return built;
}

}  // namespace hqa
