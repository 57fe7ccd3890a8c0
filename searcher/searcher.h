// Searching one or several hqa indexes: the request and response types the CLI (and later the
// HTTP service) use, and the Searcher that answers them with BM25, field weights and snippets.
//
// A Searcher holds an open Xapian::Database and an Analyzer, neither of them thread-safe: use
// one Searcher per thread.
#ifndef HQA_SEARCHER_SEARCHER_H_
#define HQA_SEARCHER_SEARCHER_H_

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "searcher/ranking_options.h"

namespace hqa {

struct SearcherOptions {
  // Searched as one collection. Each is a local index folder or a remote shard
  // "tcp://HOST:PORT" served by Xapian's xapian-tcpsrv.
  std::vector<std::string> index_dirs;
  // Local indexes whose spelling and synonym tables serve "did you mean", completion and
  // synonyms; Xapian's remote protocol carries neither table. Empty: the local index_dirs.
  std::vector<std::string> vocabulary_dirs;
  // A remote shard that cannot be reached within these is left out and the response flagged
  // partial; it is tried again every few seconds.
  int remote_timeout_ms = 5000;
  int remote_connect_timeout_ms = 2000;
  AnalyzerOptions analyzer;
  RankingOptions ranking;
  size_t snippet_words = 36;
  // Limits that keep one request from costing too much.
  size_t max_query_bytes = 4096;  // longer queries are cut at a word boundary, with a note
  size_t max_limit = 1000;        // results per request
  size_t max_depth = 10000;       // offset + limit
  double time_limit_seconds = 0;  // per search, 0: none; past it, results are best-effort
  size_t facet_depth = 10000;     // matches examined for facet counts
  size_t facet_values = 20;       // values listed per facet
};

// Fields that filters and facets work on.
enum class FacetField { kCondition, kSource, kType };

struct SearchRequest {
  std::string query;
  size_t offset = 0;
  size_t limit = 10;
  enum class Sort { kRelevance, kUpdated };  // kUpdated: newest first
  Sort sort = Sort::kRelevance;
  // Only documents with one of the values, per field; fields combine with AND.
  std::map<FacetField, std::vector<std::string>> filters;
  std::string updated_from;  // YYYY-MM-DD, inclusive; empty: open
  std::string updated_to;
  std::vector<FacetField> facets;  // count matches per value of these fields
  bool snippets = true;
  bool highlight = true;  // mark matches in questions and snippets
  // Answers repeated word for word (MedQuAD has some) are shown once, under the best rank.
  bool collapse_duplicates = true;
  // False for ranking only (batch runs): no highlighted question, no snippet, no metadata.
  bool presentation = true;
};

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
  std::map<FacetField, std::vector<FacetCount>> facets;  // most frequent values first
  // Some shards could not be searched: the results are of the others only.
  bool partial = false;
  std::vector<std::string> unavailable_shards;
};

// True if `spec` names a remote shard ("tcp://..."), well-formed or not.
bool is_remote_shard(const std::string& spec);
// True for a well-formed "tcp://HOST:PORT"; sets host and port.
bool parse_remote_shard(const std::string& spec, std::string& host, unsigned& port);

// "condition", "source", "type"; false for anything else.
bool parse_facet_field(const std::string& name, FacetField& field);
const char* facet_field_name(FacetField field);

// Adds a "FIELD:VALUE" filter (FIELD condition, source or type; VALUE not empty) to `request`;
// false, and `request` unchanged, if `spec` is not of that form. The CLI and the HTTP API share it.
bool add_filter(const std::string& spec, SearchRequest& request);
// Adds a facet by field name, once; false for an unknown name.
bool add_facet(const std::string& name, SearchRequest& request);

class Searcher {
 public:
  // Opens the indexes. Throws std::runtime_error naming the folder that cannot be opened, or
  // when no index at all can be reached (a remote shard that is down is otherwise left out).
  explicit Searcher(const SearcherOptions& options);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Never throws for any query text; limit and offset are clamped to the configured limits,
  // with a note. Throws std::runtime_error only if the index itself fails (the readers below
  // throw Xapian::Error then).
  SearchResponse search(const SearchRequest& request);

  uint64_t document_count();  // as of the latest commit
  // The stored document with this id, as JSON text, or empty if there is none.
  std::string document_json(const std::string& id);
  // Words and condition names completing `prefix` (search-as-you-type), best first.
  std::vector<std::string> complete(const std::string& prefix, size_t limit);
  // Documents, distinct terms, bytes on disk, last commit (Unix seconds; 0 if unknown).
  struct Stats {
    uint64_t documents = 0;
    uint64_t terms = 0;
    uint64_t bytes = 0;
    int64_t last_commit = 0;
  };
  Stats stats();

 private:
  // The readers above, without the retry that a concurrent commit may need.
  std::string document_json_now(const std::string& id);
  std::vector<std::string> complete_now(const std::string& prefix, size_t limit);
  Stats stats_now();

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hqa

#endif  // HQA_SEARCHER_SEARCHER_H_
