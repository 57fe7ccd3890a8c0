// @brief Condition names and vocabulary words completing what was typed.
#include "searcher/completion.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string_view>
#include <utility>

#include "schema/index_format.h"
#include "schema/terms.h"

namespace hqa {
namespace {

using Counted = std::vector<std::pair<Xapian::doccount, std::string>>;

// Vocabulary words looked at for the last word; the most frequent win.
constexpr size_t kMaxWordCandidates = 200;
// Documents whose questions say which completions go with the earlier words.
constexpr Xapian::doccount kContextDocuments = 20;

void most_frequent_first(Counted& counted) {
  std::sort(counted.begin(), counted.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
}

// Suggestions in order, one per folded form: "Type 2 diabetes" and "type 2 diabetes" are one.
class Suggestions {
 public:
  explicit Suggestions(size_t limit) : limit_(limit) {}
  bool full() const { return out_.size() >= limit_; }
  void add(const std::string& suggestion) {
    if (!full() && seen_.insert(fold_text(suggestion)).second) out_.push_back(suggestion);
  }
  std::vector<std::string> take() { return std::move(out_); }

 private:
  size_t limit_;
  std::set<std::string> seen_;
  std::vector<std::string> out_;
};

// Condition names that begin with everything typed so far, as written in some document, the
// names of most documents first.
void add_names(const Xapian::Database& db, const std::string& typed, Suggestions& out) {
  const size_t first = typed.find_first_not_of(' ');
  if (first == std::string::npos) return;
  const std::string name_prefix =
      schema::boolean_term(schema::kConditionFilterPrefix, typed.substr(first));
  if (name_prefix.size() < schema::kConditionFilterPrefix.size() + 2) return;
  Counted names;
  for (auto term = db.allterms_begin(name_prefix); term != db.allterms_end(name_prefix); ++term) {
    names.emplace_back(term.get_termfreq(), *term);
  }
  most_frequent_first(names);
  for (const auto& [count, term] : names) {
    if (out.full()) break;
    Xapian::PostingIterator doc = db.postlist_begin(term);
    std::string name = db.get_document(*doc).get_value(schema::kConditionSlot);
    if (!name.empty()) out.add(name);
  }
}

// What was typed, split: the words before the last ("type 2 "), as typed, and the last word
// as the analyzer reads it.
struct TypedWords {
  std::string head;
  Token last;
  bool last_ends_typed = false;  // nothing (no punctuation) follows the last word
};

std::optional<TypedWords> split_typed(const std::string& typed, const Analyzer& analyzer) {
  const size_t cut = typed.find_last_of(' ');
  const size_t last_begin = cut == std::string::npos ? 0 : cut + 1;
  std::vector<Token> tokens = analyzer.analyze(std::string_view(typed).substr(last_begin));
  if (tokens.empty() || tokens.back().kind != Token::Kind::kWord) return std::nullopt;
  TypedWords words;
  words.head = typed.substr(0, last_begin);
  words.last = std::move(tokens.back());
  words.last_ends_typed = words.last.end == typed.size() - last_begin;
  return words;
}

// The stems of the content words of `text` (not stopwords) as terms of the field `prefix`.
std::vector<Xapian::Query> content_terms(const Analyzer& analyzer, const std::string& text,
                                         std::string_view prefix) {
  std::vector<Xapian::Query> terms;
  for (const Token& token : analyzer.analyze(text)) {
    if (token.kind == Token::Kind::kWord && !Analyzer::is_stopword(token.term)) {
      terms.emplace_back(schema::field_term(prefix, token.stem));
    }
  }
  return terms;
}

// How often each word starting with `stub` is written in the stored field `key` (question or
// answer) of the best documents for `required` AND a word of `field_prefix` starting so. Read
// from the text, since a stem ("diabet") is shared by words the person would tell apart
// ("diabetes", "diabetic").
std::map<std::string, size_t> words_written(const Xapian::Database& db,
                                            std::vector<Xapian::Query> required,
                                            std::string_view field_prefix, const char* key,
                                            const std::string& stub, const Analyzer& analyzer) {
  required.emplace_back(Xapian::Query::OP_WILDCARD, schema::field_term(field_prefix, stub),
                        kMaxWordCandidates, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  Xapian::Enquire enquire(db);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, required.begin(), required.end()));
  std::map<std::string, size_t> counts;
  Xapian::MSet top = enquire.get_mset(0, kContextDocuments);
  for (auto doc = top.begin(); doc != top.end(); ++doc) {
    nlohmann::json data = nlohmann::json::parse(doc.get_document().get_data(), nullptr, false);
    if (!data.is_object() || !data.contains(key) || !data[key].is_string()) continue;
    for (const Token& token : analyzer.analyze(data[key].get_ref<const std::string&>())) {
      if (token.kind == Token::Kind::kWord && token.term.compare(0, stub.size(), stub) == 0) {
        ++counts[token.term];
      }
    }
  }
  return counts;
}

// The last word completed from the vocabulary of questions and names: first the completions
// that the questions holding the earlier words write most, then the most frequent.
void add_words(const Xapian::Database& db, const Xapian::Database& vocabulary,
               const Analyzer& analyzer, const std::string& typed, Suggestions& out) {
  std::optional<TypedWords> words_typed = split_typed(typed, analyzer);
  if (!words_typed || words_typed->last.term.size() < 2) return;
  const std::string& head = words_typed->head;
  const std::string& stub = words_typed->last.term;
  Counted words;
  Xapian::TermIterator word = vocabulary.spellings_begin();
  word.skip_to(stub);
  for (; word != vocabulary.spellings_end() && (*word).compare(0, stub.size(), stub) == 0; ++word) {
    words.emplace_back(word.get_termfreq(), *word);
  }
  most_frequent_first(words);
  if (words.size() > kMaxWordCandidates) words.resize(kMaxWordCandidates);
  std::vector<Xapian::Query> context = content_terms(analyzer, head, schema::kQuestionPrefix);
  if (context.empty()) {
    for (const auto& [count, found] : words) out.add(head + found);
    return;
  }
  const std::map<std::string, size_t> written =
      words_written(db, std::move(context), schema::kQuestionPrefix, "question", stub, analyzer);
  auto count_of = [&written](const std::string& completion) {
    auto found = written.find(completion);
    return found == written.end() ? size_t{0} : found->second;
  };
  std::stable_sort(words.begin(), words.end(), [&](const auto& a, const auto& b) {
    return count_of(a.second) > count_of(b.second);
  });
  for (const auto& [count, found] : words) out.add(head + found);
}

// Words of the answers' text, for a last word the questions and names never write ("is measles
// contag": only answers say "contagious"): read from the answers that hold the earlier words
// and a word starting so, most written first.
void add_answer_words(const Xapian::Database& db, const Analyzer& analyzer,
                      const std::string& typed, Suggestions& out) {
  if (out.full()) return;
  std::optional<TypedWords> words_typed = split_typed(typed, analyzer);
  if (!words_typed || words_typed->last.term.size() < 3 || !words_typed->last_ends_typed) return;
  const std::string& head = words_typed->head;
  const std::map<std::string, size_t> written =
      words_written(db, content_terms(analyzer, head, schema::kAnswerPrefix), schema::kAnswerPrefix,
                    "answer", words_typed->last.term, analyzer);
  // A word glued to the next by a missing space in the source ("diabetesis") is in a few
  // answers: a word worth suggesting is in at least five, and in at least a hundredth as many
  // as the most common completion (diabetes is in thousands, diabetesis in a handful).
  constexpr Xapian::doccount kMinAnswers = 5;
  constexpr Xapian::doccount kMaxRarity = 100;
  std::vector<std::pair<std::string, Xapian::doccount>> answers;
  Xapian::doccount most = 0;
  for (const auto& [word, count] : written) {
    answers.emplace_back(
        word, db.get_termfreq(schema::field_term(schema::kAnswerPrefix, analyzer.stem(word))));
    most = std::max(most, answers.back().second);
  }
  std::vector<std::pair<size_t, std::string>> ranked;
  for (const auto& [word, in_answers] : answers) {
    if (in_answers >= std::max(kMinAnswers, most / kMaxRarity)) {
      ranked.emplace_back(written.at(word), word);
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [count, word] : ranked) out.add(head + word);
}

}  // namespace

std::vector<std::string> complete(const Xapian::Database& db, const Xapian::Database& vocabulary,
                                  const Analyzer& analyzer, const std::string& typed,
                                  size_t limit) {
  // Spaces are not what was typed: " type  2 diab" completes as "type 2 diab".
  std::string words;
  for (size_t i = 0; i < typed.size(); ++i) {
    const bool space = typed[i] == ' ' || typed[i] == '\t';
    if (!space) {
      words += typed[i];
    } else if (!words.empty() && words.back() != ' ') {
      words += ' ';
    }
  }
  Suggestions out(limit);
  add_names(db, words, out);
  add_words(db, vocabulary, analyzer, words, out);
  add_answer_words(db, analyzer, words, out);
  return out.take();
}

// The answers' stems that start with `folded_start`, most frequent first, and the stem the
// typed letters run past ("diabeti" has passed "diabet", the stem of "diabetes" and "diabetic":
// no stem starts with it). The scan stops after kMaxScannedTerms terms, so that a start of one
// or two letters costs a bounded time.
std::vector<std::string> typing_completions(const Xapian::Database& terms,
                                            const std::string& folded_start, size_t limit) {
  constexpr size_t kMaxScannedTerms = 5000;
  constexpr size_t kMaxPassedLetters = 4;
  const std::string start = schema::field_term(schema::kAnswerPrefix, folded_start);
  std::vector<std::pair<Xapian::doccount, std::string>> found;
  size_t scanned = 0;
  for (auto term = terms.allterms_begin(start);
       term != terms.allterms_end(start) && scanned < kMaxScannedTerms; ++term, ++scanned) {
    std::string stem = (*term).substr(schema::kStemMarker.size());
    if (!Analyzer::is_stopword(stem)) found.emplace_back(term.get_termfreq(), std::move(stem));
  }
  const size_t kept = std::min(limit, found.size());
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(kept), found.end(),
                    [](const auto& a, const auto& b) {
                      return a.first != b.first ? a.first > b.first : a.second < b.second;
                    });
  std::vector<std::string> stems;
  for (size_t cut = 1; cut <= kMaxPassedLetters && folded_start.size() >= cut + 3; ++cut) {
    const size_t length = folded_start.size() - cut;
    if ((static_cast<unsigned char>(folded_start[length]) & 0xC0) == 0x80)
      continue;  // mid-character
    std::string passed = folded_start.substr(0, length);
    if (!Analyzer::is_stopword(passed) &&
        terms.term_exists(schema::field_term(schema::kAnswerPrefix, passed))) {
      stems.push_back(std::move(passed));
      break;
    }
  }
  for (size_t i = 0; i < kept && stems.size() < limit; ++i) {
    stems.push_back(std::move(found[i].second));
  }
  return stems;
}

}  // namespace hqa
