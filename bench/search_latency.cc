// Query latency of the in-process Searcher (with snippets), over the queries of a topics file
// (`qid<TAB>query` lines), repeated: prints a table of median, p90, p99 and max in ms.
//   search_latency INDEX TOPICS [TOPICS...] [--rounds N] [--max-query-words N] [--slowest N]
//                  [--no-presentation] [--no-snippets] [--no-collapse] [--prefix]
//                  [--vocabulary DIR]
// INDEX may list several indexes or remote shards (tcp://HOST:PORT) separated by commas, with
// --vocabulary naming the local index of their spelling and synonym tables (and of every term).
// --no-snippets leaves snippets out (stored fields and highlighted questions stay); --prefix
// searches as a search box does, the last word unfinished (SearchRequest::last_word_is_prefix).
// --no-presentation times the match alone (ids; no snippets, stored fields or "did you mean",
// and so no corrected second search for queries that find nothing); --no-collapse keeps
// duplicate answers apart: each shows what that stage adds to the search.
// --slowest N also lists the N slowest searches of the last round on stderr, with their
// query's length in words, to see what the tail is made of.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "searcher/searcher.h"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr
        << "usage: search_latency INDEX TOPICS... [--rounds N] [--max-query-words N] [--slowest N]"
           " [--no-presentation] [--no-collapse]\n";
    return 2;
  }
  int rounds = 3;
  size_t max_query_words = 0;
  size_t slowest = 0;
  bool presentation = true;
  bool collapse = true;
  bool snippets = true;
  bool prefix = false;
  std::vector<std::string> vocabulary;
  std::vector<std::string> queries;
  for (int i = 2; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rounds") == 0 && i + 1 < argc) {
      rounds = std::atoi(argv[++i]);
      continue;
    }
    if (std::strcmp(argv[i], "--slowest") == 0 && i + 1 < argc) {
      slowest = static_cast<size_t>(std::atoi(argv[++i]));
      continue;
    }
    if (std::strcmp(argv[i], "--no-presentation") == 0) {
      presentation = false;
      continue;
    }
    if (std::strcmp(argv[i], "--no-collapse") == 0) {
      collapse = false;
      continue;
    }
    if (std::strcmp(argv[i], "--no-snippets") == 0) {
      snippets = false;
      continue;
    }
    if (std::strcmp(argv[i], "--prefix") == 0) {
      prefix = true;
      continue;
    }
    if (std::strcmp(argv[i], "--vocabulary") == 0 && i + 1 < argc) {
      vocabulary.push_back(argv[++i]);
      continue;
    }
    if (std::strcmp(argv[i], "--max-query-words") == 0 && i + 1 < argc) {
      max_query_words = static_cast<size_t>(std::atoi(argv[++i]));
      continue;
    }
    std::ifstream in(argv[i]);
    for (std::string line; std::getline(in, line);) {
      size_t tab = line.find('\t');
      if (tab != std::string::npos) queries.push_back(line.substr(tab + 1));
    }
  }
  hqa::SearcherOptions options;
  for (std::string_view list = argv[1]; !list.empty();) {
    size_t comma = std::min(list.find(','), list.size());
    options.index_dirs.emplace_back(list.substr(0, comma));
    list.remove_prefix(std::min(comma + 1, list.size()));
  }
  options.vocabulary_dirs = vocabulary;
  options.ranking.weights.max_optional_words = max_query_words;
  hqa::Searcher searcher(options);
  std::vector<double> ms;
  std::vector<std::pair<double, const std::string*>> last_round;
  for (int round = 0; round < rounds; ++round) {
    last_round.clear();
    for (const std::string& query : queries) {
      hqa::SearchRequest request;
      request.query = query;
      request.presentation = presentation;
      request.collapse_duplicates = collapse;
      request.snippets = snippets;
      request.last_word_is_prefix = prefix;
      auto start = std::chrono::steady_clock::now();
      hqa::SearchResponse response = searcher.search(request);
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
              .count());
      last_round.emplace_back(ms.back(), &query);
    }
  }
  std::sort(last_round.rbegin(), last_round.rend());
  for (size_t i = 0; i < slowest && i < last_round.size(); ++i) {
    const std::string& query = *last_round[i].second;
    size_t words = 0;
    bool in_word = false;
    for (char c : query) {
      bool space = c == ' ' || c == '\t';
      if (!space && !in_word) ++words;
      in_word = !space;
    }
    std::fprintf(stderr, "%8.2f ms  %3zu words  %.100s\n", last_round[i].first, words,
                 query.c_str());
  }
  std::sort(ms.begin(), ms.end());
  auto at = [&ms](double q) {
    return ms[std::min(ms.size() - 1, static_cast<size_t>(q * ms.size()))];
  };
  double total = 0;
  for (double m : ms) total += m;
  std::printf("%-28s %8s %8s %8s %8s %8s %8s %9s\n", "search (top 10 + snippets)", "queries",
              "p50 ms", "p90 ms", "p99 ms", "max ms", "mean ms", "queries/s");
  std::printf("%-28s %8zu %8.2f %8.2f %8.2f %8.2f %8.3f %9.0f\n", "in-process Searcher", ms.size(),
              at(0.5), at(0.9), at(0.99), ms.back(), total / ms.size(), 1000.0 * ms.size() / total);
  return 0;
}
