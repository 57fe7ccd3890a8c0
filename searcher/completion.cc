// @brief Condition names and vocabulary words completing what was typed.
#include "searcher/completion.h"

#include <algorithm>
#include <utility>

#include "schema/index_format.h"
#include "schema/terms.h"

namespace hqa {
namespace {

using Counted = std::vector<std::pair<Xapian::doccount, std::string>>;

void most_frequent_first(Counted& counted) {
  std::sort(counted.begin(), counted.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
}

// Condition names that begin with everything typed so far, as written in some document.
void add_names(const Xapian::Database& db, const std::string& typed, size_t limit,
               std::vector<std::string>& out) {
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
    if (out.size() >= limit) break;
    Xapian::PostingIterator doc = db.postlist_begin(term);
    std::string name = db.get_document(*doc).get_value(schema::kConditionSlot);
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
}

// The last word completed from the vocabulary of questions and names.
void add_words(const Xapian::Database& vocabulary, const Analyzer& analyzer,
               const std::string& typed, size_t limit, std::vector<std::string>& out) {
  const size_t cut = typed.find_last_of(' ');
  const std::string head = cut == std::string::npos ? "" : typed.substr(0, cut + 1);
  const std::string last = cut == std::string::npos ? typed : typed.substr(cut + 1);
  std::vector<Token> tokens = analyzer.analyze(last);
  if (tokens.empty() || tokens.back().kind != Token::Kind::kWord || tokens.back().term.size() < 2) {
    return;
  }
  const std::string& stub = tokens.back().term;
  Counted words;
  Xapian::TermIterator word = vocabulary.spellings_begin();
  word.skip_to(stub);
  for (; word != vocabulary.spellings_end() && (*word).compare(0, stub.size(), stub) == 0; ++word) {
    words.emplace_back(word.get_termfreq(), *word);
  }
  most_frequent_first(words);
  for (const auto& [count, found] : words) {
    if (out.size() >= limit) break;
    std::string completion = head + found;
    if (std::find(out.begin(), out.end(), completion) == out.end()) out.push_back(completion);
  }
}

}  // namespace

std::vector<std::string> complete(const Xapian::Database& db, const Xapian::Database& vocabulary,
                                  const Analyzer& analyzer, const std::string& typed,
                                  size_t limit) {
  std::vector<std::string> out;
  add_names(db, typed, limit, out);
  add_words(vocabulary, analyzer, typed, limit, out);
  return out;
}

}  // namespace hqa
