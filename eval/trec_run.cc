// @brief Topics files and TREC run output.
#include "eval/trec_run.h"

#include <chrono>
#include <cstdio>
#include <stdexcept>

#include "schema/errors.h"

namespace hqa {

std::vector<Topic> read_topics(std::istream& in, const std::string& name) {
  std::vector<Topic> topics;
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) {
      throw InvalidInput(name + ":" + std::to_string(number) + ": expected 'qid<TAB>query'");
    }
    topics.push_back({line.substr(0, tab), line.substr(tab + 1)});
  }
  return topics;
}

BatchSummary write_trec_run(Searcher& searcher, const std::vector<Topic>& topics, size_t depth,
                            const std::string& tag, std::ostream& out) {
  BatchSummary summary;
  char line[512];
  for (const Topic& topic : topics) {
    SearchRequest request;
    request.query = topic.query;
    request.limit = depth;
    request.presentation = false;
    request.collapse_duplicates = false;  // every document is judged on its own
    auto start = std::chrono::steady_clock::now();
    SearchResponse response = searcher.search(request);
    summary.search_seconds +=
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ++summary.topics;
    for (const SearchHit& hit : response.hits) {
      std::snprintf(line, sizeof line, " Q0 %s %zu %.6f ", hit.id.c_str(), hit.rank, hit.score);
      out << topic.qid << line << tag << '\n';
      ++summary.lines;
    }
  }
  return summary;
}

}  // namespace hqa
