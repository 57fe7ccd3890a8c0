// Searching one or several hqa indexes: the request and response types the CLI (and later the
// HTTP service) use, and the Searcher that answers them with BM25, field weights and snippets.
//
// A Searcher holds an open Xapian::Database and an Analyzer, neither of them thread-safe: use
// one Searcher per thread.
#ifndef HQA_SEARCHER_SEARCHER_H_
#define HQA_SEARCHER_SEARCHER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "searcher/ranking_options.h"

namespace hqa {

struct SearcherOptions {
  std::vector<std::string> index_dirs;  // searched as one collection
  AnalyzerOptions analyzer;
  RankingOptions ranking;
  size_t snippet_words = 36;
  // Limits that keep one request from costing too much.
  size_t max_query_bytes = 4096;  // longer queries are cut at a word boundary, with a note
  size_t max_limit = 1000;        // results per request
  size_t max_depth = 10000;       // offset + limit
};

struct SearchRequest {
  std::string query;
  size_t offset = 0;
  size_t limit = 10;
  bool snippets = true;
  // False for ranking only (batch runs): no highlighted question, no snippet, no metadata.
  bool presentation = true;
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
};

class Searcher {
 public:
  // Opens the indexes. Throws std::runtime_error naming the folder that cannot be opened.
  explicit Searcher(const SearcherOptions& options);
  ~Searcher();
  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

  // Never throws for any query text; limit and offset are clamped to the configured limits,
  // with a note. Throws std::runtime_error only if the index itself fails.
  SearchResponse search(const SearchRequest& request);

  uint64_t document_count() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace hqa

#endif  // HQA_SEARCHER_SEARCHER_H_
