// @brief Batch runs: topics searched in parallel, the run written in topic order with its header.
#include "eval/trec_run.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "schema/errors.h"
#include "schema/index_format.h"

namespace hqa {
namespace {

struct TopicResult {
  std::string text;  // the topic's lines
  size_t lines = 0;
  double seconds = 0;
};

SearchRequest ranking_request(const Topic& topic, size_t depth) {
  SearchRequest request;
  request.query = topic.query;
  request.limit = depth;
  request.presentation = false;
  request.collapse_duplicates = false;  // every document is judged on its own
  return request;
}

std::string jsonl_line(const Topic& topic, const SearchHit& hit, const SearchHit* shown) {
  nlohmann::ordered_json line = {{"qid", topic.qid},
                                 {"docid", hit.id},
                                 {"rank", hit.rank},
                                 {"score", std::round(hit.score * 1e6) / 1e6}};
  if (shown != nullptr) {
    line["question"] = shown->question;
    line["snippet"] = shown->snippet;
  }
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + '\n';
}

// With text, the hits again with presentation (question and snippet). Only asked when the
// ranking found something: presentation would otherwise search a spelling suggestion instead.
std::vector<SearchHit> shown_hits(Searcher& searcher, const Topic& topic, const BatchOptions& batch,
                                  const SearchResponse& ranked) {
  if (!batch.with_text || ranked.hits.empty()) return {};
  SearchRequest request = ranking_request(topic, batch.depth);
  request.presentation = true;
  std::vector<SearchHit> hits = searcher.search(request).hits;
  bool same = hits.size() == ranked.hits.size();
  for (size_t i = 0; same && i < hits.size(); ++i) same = hits[i].id == ranked.hits[i].id;
  if (!same) throw IndexError("topic " + topic.qid + ": the index changed during the run");
  return hits;
}

TopicResult search_topic(Searcher& searcher, const Topic& topic, const BatchOptions& batch) {
  TopicResult result;
  auto start = std::chrono::steady_clock::now();
  SearchResponse response = searcher.search(ranking_request(topic, batch.depth));
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const std::vector<SearchHit> shown = shown_hits(searcher, topic, batch, response);
  char line[512];
  for (size_t i = 0; i < response.hits.size(); ++i) {
    const SearchHit& hit = response.hits[i];
    if (batch.format == BatchOptions::Format::kJsonl) {
      result.text += jsonl_line(topic, hit, shown.empty() ? nullptr : &shown[i]);
    } else {
      std::snprintf(line, sizeof line, " Q0 %s %zu %.6f ", hit.id.c_str(), hit.rank, hit.score);
      result.text += topic.qid + line + batch.tag + '\n';
    }
    ++result.lines;
  }
  return result;
}

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

// The ranking options as the flags that set them (tools/search_flags.cc), so that a run can be
// made again.
std::vector<std::pair<std::string, std::string>> ranking_flags(const SearcherOptions& options) {
  const RankingOptions& r = options.ranking;
  return {{"--weighting", r.weighting == RankingOptions::Weighting::kBm25 ? "bm25" : "field-bm25"},
          {"--language", options.analyzer.language},
          {"--k1", number(r.bm25_k1)},
          {"--b", number(r.bm25_b)},
          {"--short-field-b", number(r.short_field_b)},
          {"--question-weight", number(r.weights.question)},
          {"--condition-weight", number(r.weights.condition)},
          {"--answer-weight", number(r.weights.answer)},
          {"--name-weight", number(r.weights.name_match)},
          {"--intent-weight", number(r.weights.intent_match)},
          {"--proximity-weight", number(r.weights.proximity)},
          {"--synonym-weight", number(r.weights.synonym)},
          {"--max-query-words", std::to_string(r.weights.max_optional_words)},
          {"--feedback-terms", std::to_string(r.feedback.terms)},
          {"--feedback-docs", std::to_string(r.feedback.documents)},
          {"--feedback-weight", number(r.feedback.weight)}};
}

}  // namespace

std::string run_header(const SearcherOptions& options, uint64_t documents,
                       const BatchOptions& batch) {
  std::string indexes;
  for (const std::string& dir : options.index_dirs) indexes += (indexes.empty() ? "" : ",") + dir;
  if (batch.format == BatchOptions::Format::kJsonl) {
    nlohmann::ordered_json ranking;
    for (const auto& [flag, value] : ranking_flags(options)) ranking[flag.substr(2)] = value;
    nlohmann::ordered_json header = {{"index", options.index_dirs},
                                     {"documents", documents},
                                     {"schema", schema::kSchemaVersion},
                                     {"topics", batch.topics_description},
                                     {"depth", batch.depth},
                                     {"ranking", ranking}};
    return nlohmann::json({{"header", header}})
               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) +
           '\n';
  }
  std::string header = "# hqa-search batch: index " + indexes + " (" + std::to_string(documents) +
                       " documents, schema " + schema::kSchemaVersion + "); topics " +
                       batch.topics_description + "; depth " + std::to_string(batch.depth) +
                       "; ranking";
  for (const auto& [flag, value] : ranking_flags(options)) header += ' ' + flag + ' ' + value;
  return header + '\n';
}

BatchSummary write_run(const SearcherOptions& searcher_options, const std::vector<Topic>& topics,
                       const BatchOptions& batch, std::ostream& out) {
  SearcherOptions options = searcher_options;  // deep enough for the run
  options.max_depth = std::max(options.max_depth, batch.depth);
  options.max_limit = std::max(options.max_limit, batch.depth);
  std::vector<TopicResult> results(topics.size());
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::exception_ptr failure;
  auto work = [&](Searcher& searcher) {
    for (size_t i = next++; i < topics.size(); i = next++) {
      try {
        results[i] = search_topic(searcher, topics[i], batch);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!failure) failure = std::current_exception();
        next = topics.size();  // the others stop after their current topic
      }
    }
  };
  Searcher first(options);
  const uint64_t documents = first.document_count();
  std::vector<std::thread> threads;
  for (size_t t = 1; t < std::min(batch.threads, topics.size()); ++t) {
    threads.emplace_back([&] {
      try {
        Searcher searcher(options);
        work(searcher);
      } catch (...) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!failure) failure = std::current_exception();
      }
    });
  }
  work(first);
  for (std::thread& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);
  BatchSummary summary;
  out << run_header(options, documents, batch);
  for (const TopicResult& result : results) {
    out << result.text;
    ++summary.topics;
    summary.lines += result.lines;
    summary.search_seconds += result.seconds;
  }
  return summary;
}

BatchSummary write_trec_run(Searcher& searcher, const std::vector<Topic>& topics, size_t depth,
                            const std::string& tag, std::ostream& out) {
  BatchOptions batch;
  batch.depth = depth;
  batch.tag = tag;
  BatchSummary summary;
  for (const Topic& topic : topics) {
    TopicResult result = search_topic(searcher, topic, batch);
    out << result.text;
    ++summary.topics;
    summary.lines += result.lines;
    summary.search_seconds += result.seconds;
  }
  return summary;
}

}  // namespace hqa
