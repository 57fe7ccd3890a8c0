// Why a document scores what it scores for a query: its score as a sum of parts (each term's
// BM25 weight in one field, the condition-name bonus, proximity, feedback and intent bonuses),
// the statistics each part was weighed with, the filters it passed or failed, and where it
// ranks. `hqa-search explain` prints one; `/search?explain=true` adds one to each hit shown.
//
// The parts are weighed by the same Xapian weighting objects as the search, on the same query,
// so they add up to the document's score (searcher/score_parts.h says how).
#ifndef HQA_SEARCHER_EXPLANATION_H_
#define HQA_SEARCHER_EXPLANATION_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hqa {

// The statistics a BM25 part was weighed with. A term's weight in a document is
//   weight * idf * (k1 + 1) * wdf / (k1 * (1 - b + b * length / average_length) + wdf)
// where length is the document's (Xapian keeps one length for all fields) and, with Xapian's
// own BM25 (--weighting bm25), length / average_length is at least 0.5.
struct Bm25Stats {
  uint64_t wdf = 0;       // occurrences in the field (of a group's terms together)
  uint64_t termfreq = 0;  // documents holding the term (a group's: Xapian's estimate)
  double idf = 0;         // field-bm25: ln(1 + (N - n + 0.5) / (n + 0.5)); bm25: Xapian's
  double k1 = 0;
  double b = 0;  // of this part's field
};

struct ScorePart {
  // "term" (a query word in a field), "name" (a condition name the query contains whole),
  // "proximity" (two query words near each other), "feedback" (an expansion term), "intent" (an
  // answer of the question type asked about), "other" (anything else the query weighs).
  std::string kind;
  std::string field;               // question, condition, answer, name, type; or empty
  std::vector<std::string> terms;  // index terms, several for a group weighed as one
  std::vector<std::string> words;  // the same without prefixes: stems, acronyms ("_all")
  // The phrase, or the pair of near words, this term is part of (stems); empty if none.
  std::vector<std::string> within;
  double weight = 1;  // the scale applied: field weight, times name, proximity or feedback weight
  double score = 0;   // what this part adds to the document's score
  // Missing for a bonus of fixed weight, and for a group of terms over remote shards.
  std::optional<Bm25Stats> bm25;
};

// A filter or an exclusion the query applies, and whether the document passed it.
struct FilterCheck {
  std::string description;  // "source:ghr", "updated:20200101..20241231", "-answer:cough"
  bool exclusion = false;   // from -word or NOT: the document must not match
  bool passed = false;
};

struct Explanation {
  std::string id;
  std::string query;  // as searched (cut to the length limit, or the spelling suggestion)
  bool matched = false;
  double score = 0;              // the search's score of the document; 0 when not matched
  std::optional<size_t> rank;    // 1-based, as the search ranks; nullopt: not in the results
  std::string collapsed_under;   // id of the duplicate shown in its place, when collapsed
  size_t duplicates_hidden = 0;  // duplicates of this answer collapsed under it
  std::string weighting;         // "field-bm25" or "bm25"
  double k1 = 0, b = 0, short_field_b = 0;
  uint64_t length = 0;  // the document's length, in terms
  double average_length = 0;
  uint64_t documents = 0;  // in the collection searched (all shards)
  std::vector<ScorePart> parts;
  std::vector<FilterCheck> filters;
  std::vector<std::string> why_not;  // when not matched: each reason
  std::vector<std::string> notes;

  double sum_of_parts() const {
    double sum = 0;
    for (const ScorePart& part : parts) sum += part.score;
    return sum;
  }
};

}  // namespace hqa

#endif  // HQA_SEARCHER_EXPLANATION_H_
