// @brief Parsed query -> Xapian query, through the shared analyzer.
#include "searcher/query_builder.h"

#include <algorithm>
#include <cctype>

#include "analysis/question_form.h"
#include "schema/index_format.h"
#include "schema/terms.h"
#include "searcher/field_weight.h"
#include "searcher/filters.h"
#include "searcher/query_units.h"

namespace hqa {

using schema::field_term;
using schema::kAcronymMarker;
using schema::name_key_part;
using schema::positionless_in_body;

namespace {

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
                           Xapian::Query(term, FieldBm25Weight::kShortFieldWqf),
                           weights.name_match);
      }
      // A single ordinary word ("cancer", "sugar") has too many senses to expand safely; a
      // several-word name or an acronym names one thing. A site's own groups are what it
      // asked for, single words too.
      bool single_word = begin == end && !words[begin].acronym;
      std::vector<std::pair<std::string, double>> expand;
      if (weights.site_synonym > 0) {
        for (std::string& synonym : index->site_synonyms(key))
          expand.emplace_back(std::move(synonym), weights.site_synonym);
      }
      if (weights.synonym > 0 && !single_word) {
        for (std::string& synonym : index->synonyms(key)) {
          if (std::none_of(expand.begin(), expand.end(),
                           [&synonym](const auto& e) { return e.first == synonym; }))
            expand.emplace_back(std::move(synonym), weights.synonym);
        }
      }
      for (const auto& [synonym, weight] : expand) {
        Alternative phrase;
        for (size_t from = 0; from <= synonym.size();) {
          size_t space = synonym.find(' ', from);
          if (space == std::string::npos) space = synonym.size();
          phrase.stems.push_back(synonym.substr(from, space - from));
          from = space + 1;
        }
        Xapian::Query query = unit_query({phrase}, text_fields(std::nullopt, weights, true));
        expansions.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, query, weight);
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
std::vector<Xapian::Query> proximity_pairs(const std::vector<Token>& words,
                                           const QueryWeights& weights) {
  constexpr size_t kMaxPairs = 16;  // long chatty queries: the first pairs carry the topic
  constexpr Xapian::termcount kWindow = 3;
  std::vector<const Token*> content;
  for (const Token& word : words) {
    // Words whose stem the body holds without positions could never be near anything there.
    if (!Analyzer::is_stopword(word.term) && !positionless_in_body(word.stem))
      content.push_back(&word);
  }
  std::vector<Xapian::Query> pairs;
  for (size_t i = 0; i + 1 < content.size() && pairs.size() < kMaxPairs; ++i) {
    if (content[i]->stem == content[i + 1]->stem) continue;
    std::vector<Xapian::Query> per_field;
    for (std::string_view prefix : {schema::kQuestionPrefix, schema::kAnswerPrefix}) {
      Xapian::Query near[] = {
          Xapian::Query(field_term(prefix, content[i]->stem), wqf_of(prefix)),
          Xapian::Query(field_term(prefix, content[i + 1]->stem), wqf_of(prefix))};
      per_field.emplace_back(Xapian::Query::OP_NEAR, near, near + 2, kWindow);
    }
    pairs.emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_OR, per_field.begin(), per_field.end()),
                       weights.proximity);
  }
  return pairs;
}

}  // namespace

bool is_unknown_word(const Token& token, const IndexLookup& index) {
  if (token.kind != Token::Kind::kWord || token.acronym || token.term.size() < 3 ||
      std::isdigit(static_cast<unsigned char>(token.term[0])) ||
      Analyzer::is_stopword(token.term)) {
    return false;
  }
  return !index.term_exists(field_term(schema::kAnswerPrefix, token.stem)) &&
         !index.term_exists(field_term(schema::kQuestionPrefix, token.stem));
}

namespace {

using Occur = QueryClause::Occur;

// build_query's work in steps: each clause adds its queries to the lists of its occurrence,
// then assemble() combines them, and the name matches and boosts are laid over.
class QueryAssembly {
 public:
  QueryAssembly(const Analyzer& analyzer, const QueryWeights& weights, const IndexLookup* index,
                BuiltQuery& built)
      : analyzer_(analyzer), weights_(weights), index_(index), built_(built) {}

  void add(const QueryClause& clause) {
    if (clause.field && !field_spec(*clause.field).words) {
      add_exact(clause);
      return;
    }
    std::vector<Token> tokens = analyzer_.analyze(clause.text);
    if (clause.occur != Occur::kMustNot && !clause.field) {
      for (const Token& token : tokens) {
        if (token.kind == Token::Kind::kWord) positive_words_.push_back(token);
      }
    }
    if (clause.prefix) {
      add_prefix(clause, tokens);
    } else {
      add_words(clause, tokens);
    }
  }

  Xapian::Query assemble() {
    search_stopwords_if_alone();
    add_name_matches();
    Xapian::Query query = combine();
    if (!query.empty() && !positive_words_.empty()) query = with_boosts(query);
    return query;
  }

 private:
  std::vector<Xapian::Query>& target(Occur occur) {
    return occur == Occur::kMust ? must_ : occur == Occur::kMustNot ? must_not_ : should_;
  }
  // Filters and dates restrict, or exclude; they never score.
  std::vector<Xapian::Query>& restriction(Occur occur) {
    return occur == Occur::kMustNot ? must_not_ : filters_;
  }
  HighlightTerms& highlight(Occur occur) {
    return occur == Occur::kMustNot ? ignored_highlight_ : built_.highlight;
  }

  // source:GHR, type:treatment, updated:FROM..TO.
  void add_exact(const QueryClause& clause) {
    if (*clause.field == Field::kUpdated) {
      std::optional<Xapian::Query> range = parse_updated_range(clause.text);
      if (!range) {
        built_.notes.push_back("updated: wants FROM..TO with YYYY-MM-DD dates; '" +
                               clause.text.substr(0, 40) + "' was ignored");
        return;
      }
      restriction(clause.occur).push_back(*range);
      return;
    }
    restriction(clause.occur)
        .push_back(exact_values_query(field_spec(*clause.field), {clause.text}));
  }

  // leuk*: the most frequent indexed words that start so, in each field.
  void add_prefix(const QueryClause& clause, const std::vector<Token>& tokens) {
    std::string stub;
    for (const Token& token : tokens) {
      if (token.kind == Token::Kind::kWord) stub = token.term;
    }
    if (stub.empty()) return;
    std::vector<Xapian::Query> per_field;
    for (const WeightedField& field :
         text_fields(clause.field, weights_, clause.occur == Occur::kShould)) {
      Xapian::Query wildcard(Xapian::Query::OP_WILDCARD, field_term(field.prefix, stub),
                             kMaxPrefixExpansion, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
      per_field.push_back(field.weight == 1.0 ? wildcard
                                              : Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                                              wildcard, field.weight));
    }
    target(clause.occur).emplace_back(Xapian::Query::OP_OR, per_field.begin(), per_field.end());
    highlight(clause.occur).prefixes.push_back(stub);
  }

  void add_words(const QueryClause& clause, const std::vector<Token>& tokens) {
    const std::vector<WeightedField> fields =
        text_fields(clause.field, weights_, clause.occur == Occur::kShould);
    HighlightTerms& marks = highlight(clause.occur);
    std::vector<Unit> units;
    if (clause.phrase) {
      Alternative phrase;
      for (const Token& token : tokens) {
        if (token.kind == Token::Kind::kWord) phrase.stems.push_back(token.stem);
      }
      if (phrase.stems.empty()) return;
      if (phrase.stems.size() == 1) {
        marks.stems.insert(phrase.stems[0]);
      } else {
        marks.phrases.push_back(phrase.stems);
      }
      units.push_back({phrase});
    } else {
      std::vector<Token> complete = tokens;
      if (clause.typing && ends_in_open_word(clause.text, complete)) {
        add_typed_word(complete.back(), clause.occur, fields, marks);
        complete.pop_back();
      }
      std::vector<Unit> clause_stop_units;
      word_units(complete, analyzer_, index_, units, clause_stop_units, marks);
      if (clause.occur == Occur::kShould) {
        stop_units_.insert(stop_units_.end(), clause_stop_units.begin(), clause_stop_units.end());
      } else if (units.empty()) {
        units = clause_stop_units;  // "+the" or "-the": the user asked for that word
      }
    }
    for (const Unit& unit : units) target(clause.occur).push_back(unit_query(unit, fields));
  }

  // True if the last token of `tokens` is a word that ends where `text` ends, on its own (not
  // part of a hyphenated group, which is matched whole): the word being typed.
  static bool ends_in_open_word(const std::string& text, const std::vector<Token>& tokens) {
    if (tokens.empty()) return false;
    const Token& last = tokens.back();
    if (last.kind != Token::Kind::kWord || last.end != text.size()) return false;
    return !(tokens.size() >= 2 && tokens[tokens.size() - 2].end == last.end) &&
           std::none_of(tokens.begin(), tokens.end(), [&last](const Token& token) {
             return token.kind == Token::Kind::kJoined && token.end >= last.end;
           });
  }

  // The word being typed: itself (unless it is a stopword) and its most frequent completions,
  // never a spelling correction. Too short to complete, it is searched as typed.
  void add_typed_word(const Token& word, Occur occur, const std::vector<WeightedField>& fields,
                      HighlightTerms& marks) {
    Unit unit;
    const bool stopword = Analyzer::is_stopword(word.term);
    if (word.acronym) {
      // Typed in capitals ("symptoms of ALL"): an acronym, searched as a complete one is.
      std::vector<Unit> units, stop_units;
      word_units({word}, analyzer_, nullptr, units, stop_units, marks);
      for (const Unit& acronym : units) target(occur).push_back(unit_query(acronym, fields));
      return;
    }
    if (!stopword) {
      unit.push_back(Alternative{{word.stem}});
      marks.stems.insert(word.stem);
    }
    size_t characters = 0;
    for (unsigned char c : word.term) characters += (c & 0xC0) != 0x80 ? 1 : 0;
    if (characters < kMinTypingCompletionChars) {
      built_.notes.push_back("'" + word.term +
                             "' is too short to complete; it was searched as typed");
    } else if (index_) {
      // Marked as what they are, words of the index: "diab" marks "diabetes" and "diabetic",
      // and "the" marks "therapy" but not "the".
      for (const std::string& stem : index_->completions(word.term, kMaxTypingCompletions)) {
        if (stem == word.stem) continue;
        unit.push_back(Alternative{{stem}});
        marks.stems.insert(stem);
      }
      marks.typed.push_back(word.term);
    }
    if (unit.empty()) {
      if (stopword && occur == Occur::kShould) stop_units_.push_back({Alternative{{word.stem}}});
      return;
    }
    target(occur).push_back(unit_query(unit, fields, Xapian::Query::OP_SYNONYM));
  }

  void search_stopwords_if_alone() {
    if (!should_.empty() || !must_.empty() || stop_units_.empty()) return;
    built_.notes.push_back("the query has only common words; they were searched as they are");
    for (const Unit& unit : stop_units_) {
      should_.push_back(unit_query(unit, text_fields(std::nullopt, weights_, true)));
      built_.highlight.stems.insert(unit[0].stems[0]);
    }
  }

  // Condition names and synonyms join the optional words, so that filters and exclusions apply
  // to them, and a document known by the name the query gives (an other name, in its condition
  // field alone) is found by it.
  void add_name_matches() {
    if (positive_words_.empty()) return;
    std::vector<Xapian::Query> names, expansions;
    whole_name_matches(positive_words_, weights_, index_, names, expansions, built_.highlight);
    should_.insert(should_.end(), names.begin(), names.end());
    should_.insert(should_.end(), expansions.begin(), expansions.end());
  }

  Xapian::Query combine() {
    const bool elite = must_.empty() && weights_.max_optional_words > 0 &&
                       should_.size() > weights_.max_optional_words;
    // OP_ELITE_SET picks among the words as given; everywhere else a repeated word is searched
    // once.
    if (!elite) merge_repeated(should_);
    Xapian::Query query;
    if (!must_.empty()) {
      query = Xapian::Query(Xapian::Query::OP_AND, must_.begin(), must_.end());
      if (!should_.empty()) {
        query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                              Xapian::Query(Xapian::Query::OP_OR, should_.begin(), should_.end()));
      }
    } else if (elite) {
      query = Xapian::Query(Xapian::Query::OP_ELITE_SET, should_.begin(), should_.end(),
                            static_cast<Xapian::termcount>(weights_.max_optional_words));
    } else if (!should_.empty()) {
      query = Xapian::Query(Xapian::Query::OP_OR, should_.begin(), should_.end());
    } else if (!filters_.empty() || !must_not_.empty()) {
      query = Xapian::Query::MatchAll;
    }
    if (!filters_.empty() && !query.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(Xapian::Query::OP_AND, filters_.begin(), filters_.end()));
    }
    if (!must_not_.empty() && !query.empty()) {
      query =
          Xapian::Query(Xapian::Query::OP_AND_NOT, query,
                        Xapian::Query(Xapian::Query::OP_OR, must_not_.begin(), must_not_.end()));
    }
    return query;
  }

  // Bonuses on top of the match: proximity of adjacent words, and answers of the question type
  // the query asks about.
  Xapian::Query with_boosts(const Xapian::Query& query) const {
    std::vector<Xapian::Query> boosts;
    if (weights_.proximity > 0) boosts = proximity_pairs(positive_words_, weights_);
    for (const std::string& type : question_intents(positive_words_)) {
      if (weights_.intent_match <= 0) break;
      auto* bonus = new Xapian::FixedWeightPostingSource(weights_.intent_match);
      boosts.emplace_back(Xapian::Query::OP_FILTER, Xapian::Query(bonus->release()),
                          exact_values_query(field_spec(Field::kType), {type}));
    }
    if (boosts.empty()) return query;
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                         Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
  }

  const Analyzer& analyzer_;
  const QueryWeights& weights_;
  const IndexLookup* index_;
  BuiltQuery& built_;
  std::vector<Xapian::Query> should_, must_, must_not_, filters_;
  std::vector<Unit> stop_units_;
  std::vector<Token> positive_words_;  // in query order, for names and intents
  HighlightTerms ignored_highlight_;   // excluded words are not marked
};

}  // namespace

BuiltQuery build_query(const ParsedQuery& parsed, const Analyzer& analyzer,
                       const QueryWeights& weights, const IndexLookup* index) {
  BuiltQuery built;
  built.notes = parsed.notes;
  QueryAssembly assembly(analyzer, weights, index, built);
  for (const QueryClause& clause : parsed.clauses) assembly.add(clause);
  built.query = assembly.assemble();
  if (built.query.empty() && !parsed.clauses.empty() && built.notes.empty()) {
    built.notes.push_back(
        "the query has no word that can be searched (only punctuation or symbols)");
  }
  return built;
}

}  // namespace hqa
