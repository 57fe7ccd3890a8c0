// @brief The searching flags of hqa-search.
#include "tools/search_flags.h"

#include <map>
#include <string>

#include "schema/date.h"

namespace hqa {

void add_searcher_options(CLI::App& app, SearcherOptions& options, bool index_required) {
  app.add_option("--index", options.index_dirs,
                 "index folder, or remote shard tcp://HOST:PORT (xapian-tcpsrv); repeat to "
                 "search several as one")
      ->allow_extra_args(false)
      ->required(index_required);
  app.add_option("--vocabulary", options.vocabulary_dirs,
                 "local index whose spelling and synonym tables serve remote shards (repeat for "
                 "several; default: the local --index folders)")
      ->allow_extra_args(false);
  app.add_option("--remote-timeout", options.remote_timeout_ms,
                 "milliseconds a remote shard may take before it is left out (partial results)")
      ->check(CLI::Range(100, 600000));
  app.add_option("--weighting", options.ranking.weighting,
                 "field-bm25 (per-field length normalisation) or bm25 (Xapian's BM25Weight, "
                 "always used with remote shards)")
      ->transform(CLI::CheckedTransformer(
          std::map<std::string, RankingOptions::Weighting>{
              {"field-bm25", RankingOptions::Weighting::kFieldBm25},
              {"bm25", RankingOptions::Weighting::kBm25}},
          CLI::ignore_case));
  app.add_option("--language", options.analyzer.language, "stemming language of the index");
  app.add_option("--k1", options.ranking.bm25_k1, "BM25 k1")->check(CLI::Range(0.0, 10.0));
  app.add_option("--b", options.ranking.bm25_b, "BM25 b of answer matches")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--short-field-b", options.ranking.short_field_b,
                 "BM25 b of question, condition and name matches")
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--question-weight", options.ranking.weights.question, "weight of the question")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--condition-weight", options.ranking.weights.condition,
                 "weight of the condition and its other names")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--answer-weight", options.ranking.weights.answer, "weight of the answer")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--feedback-terms", options.ranking.feedback.terms,
                 "pseudo-relevance feedback: expansion terms from the top documents (0: off)")
      ->check(CLI::Range(0, 200));
  app.add_option("--feedback-docs", options.ranking.feedback.documents, "documents feedback reads")
      ->check(CLI::Range(1, 100));
  app.add_option("--feedback-weight", options.ranking.feedback.weight, "weight of expansion terms")
      ->check(CLI::Range(0.0, 10.0));
  app.add_option("--proximity-weight", options.ranking.weights.proximity,
                 "bonus for adjacent query words near each other in a document (0: off)")
      ->check(CLI::Range(0.0, 10.0));
  app.add_option("--synonym-weight", options.ranking.weights.synonym,
                 "weight of the shipped synonym lists and documents' other names (0: off)")
      ->check(CLI::Range(0.0, 10.0));
  app.add_option("--site-synonym-weight", options.ranking.weights.site_synonym,
                 "weight of the index's synonyms file groups (hqa-index --synonyms; 0: off)")
      ->check(CLI::Range(0.0, 10.0));
  app.add_option("--name-weight", options.ranking.weights.name_match,
                 "weight of a condition name the query contains whole (0: off)")
      ->check(CLI::Range(0.0, 100.0));
  app.add_option("--max-query-words", options.ranking.weights.max_optional_words,
                 "search only this many of a long query's optional words, the rarest (0: all)");
  app.add_option("--intent-weight", options.ranking.weights.intent_match,
                 "bonus for answers of the question type the query asks about (0: off)")
      ->check(CLI::Range(0.0, 100.0));
}

void RequestFlags::add_to(CLI::App& app) {
  app.add_option("--filter", filters, "FIELD:VALUE, FIELD condition, source or type (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--sort", sort, "relevance or updated (newest first)")
      ->check(CLI::IsMember({"relevance", "updated"}));
  from_flag = app.add_option("--from", from, "last updated on or after (YYYY-MM-DD)");
  to_flag = app.add_option("--to", to, "last updated on or before (YYYY-MM-DD)");
}

void RequestFlags::apply(SearchRequest& request) const {
  if (sort == "updated") request.sort = SearchRequest::Sort::kUpdated;
  if (from_flag->count() > 0) request.updated_from = parse_date(from, "--from");
  if (to_flag->count() > 0) request.updated_to = parse_date(to, "--to");
  for (const std::string& filter : filters) add_filter(filter, request, "--filter");
}

}  // namespace hqa
