// Searching one or several hqa indexes: the Searcher answers a SearchRequest
// (searcher/search_request.h) with BM25, field weights, snippets and facets, and serves the
// stored documents, completion and statistics of the indexes.
//
// A Searcher holds an open Xapian::Database and an Analyzer, neither of them thread-safe: use
// one Searcher per thread.
#ifndef HQA_SEARCHER_SEARCHER_H_
#define HQA_SEARCHER_SEARCHER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "searcher/explanation.h"
#include "searcher/ranking_options.h"
#include "searcher/search_request.h"

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
  // The shipped synonym lists (*.txt), read when ranking.weights.synonym asks for them; empty:
  // shipped_synonyms_dir() (schema/synonyms.h), beside the executable.
  std::string synonyms_dir;
  size_t snippet_words = 36;
  // Limits that keep one request from costing too much.
  size_t max_query_bytes = 4096;  // longer queries are cut at a word boundary, with a note
  size_t max_limit = 1000;        // results per request
  size_t max_depth = 10000;       // offset + limit
  double time_limit_seconds = 0;  // per search, 0: none; past it, results are best-effort
  size_t facet_depth = 10000;     // matches examined for facet counts
  size_t facet_values = 20;       // values listed per facet
};

class Searcher {
 public:
  // Opens the indexes. Throws IndexError naming the folder that cannot be opened, or when no
  // index at all can be reached (a remote shard that is down is otherwise left out); with
  // synonyms weighed, InvalidInput if the shipped lists cannot be read.
  explicit Searcher(const SearcherOptions& options);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Never throws for any query text; limit and offset are clamped to the configured limits,
  // with a note. Throws IndexError only if the index itself fails (the readers below throw
  // Xapian::Error then).
  SearchResponse search(const SearchRequest& request);

  // Why the document `id` scores what it does for `request` (its query, filters, sort and
  // collapsing), part by part, and where it ranks among all results (searcher/explanation.h);
  // nullopt if no document has this id. A document the query does not match is explained too,
  // with why not. Never throws for any query text; throws IndexError as search() does.
  std::optional<Explanation> explain(const SearchRequest& request, const std::string& id);

  uint64_t document_count();  // as of the latest commit
  // The stored document with this id, as JSON text; nullopt if there is none.
  std::optional<std::string> document_json(const std::string& id);
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
  // What monitoring asks every few seconds, without walking the index as stats() does:
  // documents, the last commit (Unix seconds, the latest of the local indexes; 0 if unknown)
  // and the remote shards left out now.
  struct Health {
    uint64_t documents = 0;
    int64_t last_commit = 0;
    std::vector<std::string> unavailable_shards;
  };
  Health health();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hqa

#endif  // HQA_SEARCHER_SEARCHER_H_
