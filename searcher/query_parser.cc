// @brief The query syntax: phrases, +/-, field prefixes.
#include "searcher/query_parser.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace hqa {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Control characters (other than whitespace) carry no meaning in a query; they become spaces.
std::string without_controls(std::string_view query) {
  std::string clean;
  clean.reserve(query.size());
  for (char c : query) {
    auto u = static_cast<unsigned char>(c);
    clean += (u < 0x20 || u == 0x7F) ? ' ' : c;
  }
  return clean;
}

bool is_operator(const QueryClause& clause) {
  return !clause.phrase && !clause.field && clause.occur == QueryClause::Occur::kShould &&
         (clause.text == "AND" || clause.text == "OR" || clause.text == "NOT");
}

// Folds AND, OR and NOT into the occurrence of the clauses around them.
void apply_operators(ParsedQuery& parsed) {
  std::vector<QueryClause> out;
  std::string pending;  // the operator waiting for its right-hand side
  for (QueryClause& clause : parsed.clauses) {
    if (is_operator(clause)) {
      if (clause.text == "NOT" && pending == "AND") {
        pending = "AND NOT";
      } else if ((clause.text != "NOT" && out.empty()) || !pending.empty()) {
        parsed.notes.push_back("the operator " + clause.text + " has nothing to join; ignored");
      } else {
        pending = clause.text;
      }
      continue;
    }
    if (pending == "AND" || pending == "AND NOT") {
      if (out.back().occur == QueryClause::Occur::kShould)
        out.back().occur = QueryClause::Occur::kMust;
    }
    if (clause.occur == QueryClause::Occur::kShould) {
      if (pending == "AND") clause.occur = QueryClause::Occur::kMust;
      if (pending == "NOT" || pending == "AND NOT") clause.occur = QueryClause::Occur::kMustNot;
    }
    pending.clear();
    out.push_back(std::move(clause));
  }
  if (!pending.empty())
    parsed.notes.push_back("the operator " + pending + " at the end was ignored");
  parsed.clauses = std::move(out);
}

// The last clause, when it is plain words the person is still typing: not a phrase (its
// closing quote was typed), not a prefix (its '*' was), not an exact field (source:GHR).
// Only a clause that ends where the query ends: after "treat AND" or "treat -", the operator
// was typed after the word, which is finished.
void mark_typing(ParsedQuery& parsed, size_t query_size) {
  if (parsed.clauses.empty()) return;
  QueryClause& last = parsed.clauses.back();
  if (last.end != query_size) return;
  if (last.phrase || last.prefix || last.occur == QueryClause::Occur::kMustNot) return;
  if (last.field && !field_spec(*last.field).words) return;
  last.typing = true;
}

}  // namespace

ParsedQuery parse_query(std::string_view raw, const ParseOptions& options) {
  ParsedQuery parsed;
  const std::string query = without_controls(raw);
  for (char c : raw) {
    auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && !is_space(c)) || u == 0x7F) {
      parsed.notes.push_back("control characters were ignored");
      break;
    }
  }
  size_t i = 0;
  const size_t n = query.size();
  while (i < n) {
    while (i < n && is_space(query[i])) ++i;
    if (i >= n) break;
    QueryClause clause;
    if (query[i] == '+' || query[i] == '-') {
      clause.occur = query[i] == '+' ? QueryClause::Occur::kMust : QueryClause::Occur::kMustNot;
      ++i;
      if (i >= n || is_space(query[i])) {
        parsed.notes.push_back(std::string("a lone '") + query[i - 1] + "' was ignored");
        continue;
      }
    }
    // field:...
    size_t word_end = i;
    while (word_end < n && std::isalpha(static_cast<unsigned char>(query[word_end]))) ++word_end;
    if (word_end < n && word_end > i && query[word_end] == ':') {
      const FieldSpec* field = find_field(std::string_view(query).substr(i, word_end - i));
      if (field && word_end + 1 < n && !is_space(query[word_end + 1])) {
        clause.field = field->field;
        i = word_end + 1;
      } else if (!field) {
        parsed.notes.push_back("unknown field '" + query.substr(i, word_end - i) +
                               "' was searched as words");
      }
    }
    if (query[i] == '"') {
      size_t close = query.find('"', i + 1);
      if (close == std::string::npos) {
        parsed.notes.push_back("an unbalanced quote was ignored");
        clause.text = query.substr(i + 1);
        i = n;
      } else {
        clause.phrase = true;
        clause.text = query.substr(i + 1, close - i - 1);
        i = close + 1;
      }
    } else {
      size_t end = i;
      while (end < n && !is_space(query[end]) && query[end] != '"') ++end;
      clause.text = query.substr(i, end - i);
      i = end;
    }
    if (clause.text.find_first_not_of(" \t") == std::string::npos) {
      if (clause.phrase) parsed.notes.push_back("an empty phrase was ignored");
      continue;
    }
    if (!clause.phrase && clause.text.size() > 1 && clause.text.back() == '*') {
      clause.text.pop_back();
      clause.prefix = true;
    }
    clause.end = i;
    parsed.clauses.push_back(std::move(clause));
  }
  // In a query typed all in capitals, AND, OR and NOT are words, not operators; unless they are
  // all it holds ("AND AND"), which reads as operators with nothing to join.
  bool shouting = std::none_of(query.begin(), query.end(),
                               [](char c) { return std::islower(static_cast<unsigned char>(c)); });
  bool only_operators = std::all_of(parsed.clauses.begin(), parsed.clauses.end(), is_operator);
  if (!shouting || only_operators) apply_operators(parsed);
  if (options.last_word_open && !query.empty() && !is_space(query.back())) {
    mark_typing(parsed, query.size());
  }
  remove_repeated_notes(parsed.notes);
  return parsed;
}

void remove_repeated_notes(std::vector<std::string>& notes) {
  std::vector<std::string> distinct;
  std::set<std::string> said;
  for (std::string& note : notes) {
    if (said.insert(note).second) distinct.push_back(std::move(note));
  }
  notes = std::move(distinct);
}

}  // namespace hqa
