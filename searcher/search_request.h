// A search as the CLI and the HTTP API ask for it, and the response they render: the types that
// cross from the flags and parameters into the Searcher and back out to JSON or a terminal.
#ifndef HQA_SEARCHER_SEARCH_REQUEST_H_
#define HQA_SEARCHER_SEARCH_REQUEST_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/date.h"
#include "schema/fields.h"
#include "searcher/explanation.h"
#include "searcher/highlight_tags.h"

namespace hqa {

struct SearchRequest {
  std::string query;
  size_t offset = 0;
  size_t limit = 10;
  enum class Sort { kRelevance, kUpdated };  // kUpdated: newest first
  Sort sort = Sort::kRelevance;
  // Only documents with one of the values, per exact field (schema/fields.h); fields combine
  // with AND.
  std::map<Field, std::vector<std::string>> filters;
  std::optional<Date> updated_from;  // inclusive; nullopt: open
  std::optional<Date> updated_to;
  std::vector<Field> facets;  // count matches per value of these exact fields
  bool snippets = true;
  bool highlight = true;  // mark matches in questions and snippets
  // Answers repeated word for word (MedQuAD has some) are shown once, under the best rank.
  bool collapse_duplicates = true;
  // False for ranking only (batch runs): no highlighted question, no snippet, no metadata.
  bool presentation = true;
  // Search as you type: a last word with no space after it is unfinished, and is also searched
  // as the start of words (its most frequent completions), never corrected for spelling. The
  // service's default (prefix=true); off for the CLI unless --prefix, never in batch runs.
  bool last_word_is_prefix = false;
  // How hits are shown, per request (a site's own page): the marks around matches
  // (searcher/highlight_tags.h says which pass), the marker where a snippet cuts text, the
  // snippet's length, the fields each hit shows in JSON (kHitFields; empty: the default ones),
  // and the values listed per facet.
  HighlightTags tags;
  std::string crop_marker = "\u2026";
  std::optional<size_t> snippet_words;  // nullopt: SearcherOptions::snippet_words
  std::vector<std::string> fields;
  std::optional<size_t> facet_values;  // nullopt: SearcherOptions::facet_values
  // Each hit shown carries an explanation of its score (searcher/explanation.h): a few small
  // searches per hit, in proportion to the query's length.
  bool explain = false;
};

// What a request may choose of snippet lengths (words) and values per facet.
inline constexpr size_t kMinSnippetWords = 4;
inline constexpr size_t kMaxSnippetWords = 200;
inline constexpr size_t kMaxFacetValues = 100;

// The fields a hit shows in JSON, in this order: the first kDefaultHitFields unless a request
// chooses; answer (the stored answer, plain text), short_answer and other_names only on request.
inline constexpr std::array<std::string_view, 13> kHitFields = {
    "id",  "rank",    "score",   "question", "condition",    "source",     "type",
    "url", "updated", "snippet", "answer",   "short_answer", "other_names"};
inline constexpr size_t kDefaultHitFields = 10;

// Sets request.fields from a comma-separated list of kHitFields names, and "id", which every
// hit shows. Throws InvalidInput naming `what` and the unknown name (or saying the list is
// empty), leaving `request` unchanged.
void select_hit_fields(const std::string& list, SearchRequest& request,
                       std::string_view what = "fields");
// Whether the hits of `fields` (SearchRequest::fields) show the field `name`.
bool shows_field(const std::vector<std::string>& fields, std::string_view name);

// Adds a "FIELD:VALUE" filter (FIELD condition, source or type; VALUE not empty) to `request`.
// Throws InvalidInput naming `what` (the flag or parameter, "--filter"), leaving `request`
// unchanged, if `spec` is not of that form. The CLI and the HTTP API share it.
void add_filter(const std::string& spec, SearchRequest& request,
                std::string_view what = "a filter");
// Adds a facet by field name, once. Throws InvalidInput naming `what` for a field that has no
// facet.
void add_facet(const std::string& name, SearchRequest& request, std::string_view what = "a facet");

struct FacetCount {
  std::string value;
  uint64_t count = 0;
};

struct SearchHit {
  std::string id;
  size_t rank = 0;  // 1-based, across pages
  double score = 0;
  std::string question;       // HTML: escaped, matches marked
  std::string question_text;  // as stored
  std::string condition;
  std::string source;
  std::string question_type;
  std::string url;
  std::string updated;
  std::string snippet;  // HTML: escaped, matches marked
  // Only when a request asks for them (kHitFields): as stored, plain text.
  std::string answer;
  std::string short_answer;
  std::vector<std::string> other_names;
  std::optional<Explanation> explanation;  // when the request asks for explanations
};

struct SearchResponse {
  std::string query;
  uint64_t total = 0;  // Xapian's estimate of all matches
  bool total_exact = false;
  double took_ms = 0;
  std::vector<SearchHit> hits;
  std::vector<std::string> notes;  // parts of the query ignored or read differently, and why
  // "Did you mean": the query with unknown words replaced by indexed ones; empty if none. When
  // the query as typed finds nothing, the results are those of the suggestion.
  std::string suggestion;
  std::map<Field, std::vector<FacetCount>> facets;  // most frequent values first
  // The facet counts come from the first SearcherOptions::facet_depth matches only, and more
  // matched: they are estimates (lower bounds).
  bool facets_estimated = false;
  std::vector<std::string> fields;  // SearchRequest::fields: what each hit shows in JSON
  // Some shards could not be searched: the results are of the others only.
  bool partial = false;
  std::vector<std::string> unavailable_shards;
};

}  // namespace hqa

#endif  // HQA_SEARCHER_SEARCH_REQUEST_H_
