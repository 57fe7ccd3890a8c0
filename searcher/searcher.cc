// @brief The Searcher: query building, ranking, result assembly.
#include "searcher/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <unordered_map>

#include "schema/errors.h"
#include "schema/index_format.h"
#include "schema/synonyms.h"
#include "schema/terms.h"
#include "searcher/completion.h"
#include "searcher/feedback.h"
#include "searcher/field_weight.h"
#include "searcher/filters.h"
#include "searcher/presentation.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"
#include "searcher/searcher_impl.h"

namespace hqa {
namespace {

// Runs `read`, reopening first (to see the latest commit) and again when a writer's commit
// overtook it.
template <typename Read>
auto with_reopen(Xapian::Database& db, Read read) {
  for (int attempt = 0;; ++attempt) {
    try {
      db.reopen();
      return read();
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 2) throw;
    }
  }
}

}  // namespace

Searcher::Searcher(const SearcherOptions& options) : impl_(std::make_unique<Impl>(options)) {
  impl_->open_vocabulary();
  if (options.ranking.weights.synonym > 0) {
    impl_->shipped_synonyms = SynonymTable::from_directory(
        options.synonyms_dir.empty() ? shipped_synonyms_dir() : options.synonyms_dir,
        impl_->analyzer);
  }
}

Searcher::~Searcher() = default;

uint64_t Searcher::document_count() {
  return with_reopen(impl_->db(),
                     [&] { return static_cast<uint64_t>(impl_->db().get_doccount()); });
}

SearchResponse Searcher::search(const SearchRequest& request) {
  auto start = std::chrono::steady_clock::now();
  SearchResponse response;
  response.query = request.query;
  response.fields = request.fields;
  const SearchRequest bounded = within_limits(request, impl_->options, response.notes);
  if (impl_->shards.any_remote()) impl_->shards.reconnect();
  // A writer may commit while we read; Xapian then asks us to reopen and try again.
  response = impl_->retried([&] { return impl_->search_once(bounded, response); });
  impl_->note_unavailable(response);
  response.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return response;
}

void Searcher::Impl::reopen() {
  auto now = std::chrono::steady_clock::now();
  if (must_reopen || !shards.any_remote() || now - last_reopen >= std::chrono::seconds(1)) {
    db().reopen();  // see what hqa-index committed since the last request
    last_reopen = now;
    must_reopen = false;
  }
  vocabulary.reopen();  // the spelling and synonym tables, which commits change too
  const std::string site(schema::kSiteSynonymPrefix);
  has_site_synonyms = vocabulary.synonym_keys_begin(site) != vocabulary.synonym_keys_end(site);
}

// The search as asked, and, when it finds nothing and a spelling suggestion exists, the
// suggestion's.
SearchResponse Searcher::Impl::search_once(const SearchRequest& request, SearchResponse response) {
  reopen();
  known_terms.clear();
  response = run(request, response);
  if (request.presentation) {
    response.suggestion = suggest(request.query, request.last_word_is_prefix);
  }
  if (response.hits.empty() && !response.suggestion.empty() && request.offset == 0) {
    SearchRequest corrected = request;
    corrected.query = response.suggestion;
    response = run(corrected, response);
    response.notes.push_back("no results for the query as typed; showing results for \"" +
                             response.suggestion + "\"");
  }
  remove_repeated_notes(response.notes);
  return response;
}

Xapian::Query Searcher::Impl::filter_query(const SearchRequest& request) const {
  std::vector<Xapian::Query> filters;
  for (const auto& [field, values] : request.filters) {
    if (!values.empty()) filters.push_back(exact_values_query(field_spec(field), values));
  }
  if (request.updated_from || request.updated_to) {
    filters.push_back(updated_range_query(request.updated_from, request.updated_to));
  }
  if (filters.empty()) return {};
  return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

std::vector<std::string> Searcher::Impl::completions(const std::string& folded_start,
                                                     size_t limit) const {
  // Over remote shards with no --vocabulary, the shards' own term lists are read.
  return typing_completions(vocabulary.size() > 0 ? vocabulary : db(), folded_start, limit);
}

// "Did you mean": the query with its unknown complete words corrected. A word still being typed
// (`last_word_open` and no space after it) is not finished, so not corrected.
std::string Searcher::Impl::suggest(const std::string& query, bool last_word_open) const {
  std::vector<Token> tokens = analyzer.analyze(query);
  if (last_word_open && !tokens.empty() && tokens.back().end == query.size()) tokens.pop_back();
  std::string suggestion = query;
  bool changed = false;
  // From the end, so that earlier byte offsets stay valid as words change length.
  for (auto it = tokens.rbegin(); it != tokens.rend(); ++it) {
    const Token& token = *it;
    if (!is_unknown_word(token, *this)) continue;
    std::string better = spelling_correction(token.term);
    if (better.empty() || better == token.term) continue;
    suggestion.replace(token.begin, token.end - token.begin, better);
    changed = true;
  }
  return changed ? suggestion : std::string();
}

std::unique_ptr<Xapian::Weight> Searcher::Impl::weighting() const {
  const RankingOptions& r = options.ranking;
  if (r.weighting == RankingOptions::Weighting::kBm25 || shards.any_remote()) {
    // k3 = 0: the within-query frequency, which marks short fields for FieldBm25Weight, is
    // ignored; k2 = 0 and min_normlen 0.5 are Xapian's defaults.
    return std::make_unique<Xapian::BM25Weight>(r.bm25_k1, 0, 0, r.bm25_b, 0.5);
  }
  return std::make_unique<FieldBm25Weight>(r.bm25_k1, r.bm25_b, r.short_field_b);
}

void Searcher::Impl::set_ranking(Xapian::Enquire& enquire, const SearchRequest& request) const {
  enquire.set_weighting_scheme(*weighting());
  if (request.sort == SearchRequest::Sort::kUpdated) {
    enquire.set_sort_by_value_then_relevance(field_spec(Field::kUpdated).slot, true);
  } else if (documents_in_vocabulary()) {
    // Equal scores in id order, so that each hit's id comes back with the results (its sort
    // key), and its document from the local vocabulary: hit_documents().
    enquire.set_sort_by_relevance_then_value(schema::kIdSlot, false);
  }
  if (request.collapse_duplicates) enquire.set_collapse_key(schema::kAnswerHashSlot);
  if (options.time_limit_seconds > 0) enquire.set_time_limit(options.time_limit_seconds);
}

BuiltQuery Searcher::Impl::build(const SearchRequest& request,
                                 std::vector<std::string>& notes) const {
  ParseOptions parse_options;
  parse_options.last_word_open = request.last_word_is_prefix;
  BuiltQuery built = build_query(parse_query(request.query, parse_options), analyzer,
                                 options.ranking.weights, this);
  notes.insert(notes.end(), built.notes.begin(), built.notes.end());
  return built;
}

Xapian::Query Searcher::Impl::filtered(const Xapian::Query& built,
                                       const SearchRequest& request) const {
  Xapian::Query filter = filter_query(request);
  if (filter.empty()) return built;
  // Filters alone browse everything that passes them.
  return built.empty() ? filter : Xapian::Query(Xapian::Query::OP_FILTER, built, filter);
}

SearchedQuery Searcher::Impl::with_feedback(Xapian::Enquire& enquire, const Xapian::Query& query,
                                            const BuiltQuery& built,
                                            const SearchRequest& request) const {
  const FeedbackOptions& feedback = options.ranking.feedback;
  if (feedback.terms == 0 || request.sort != SearchRequest::Sort::kRelevance ||
      built.query.empty()) {
    return {query, {}};
  }
  Xapian::Query expansion = feedback_expansion(enquire, feedback);
  if (expansion.empty()) return {query, {}};
  SearchedQuery searched{Xapian::Query(Xapian::Query::OP_OR, query, expansion), expansion};
  enquire.set_query(searched.query);
  return searched;
}

SearchResponse Searcher::Impl::run(const SearchRequest& request, SearchResponse response) {
  response.hits.clear();
  response.facets.clear();
  response.facets_estimated = false;
  const BuiltQuery built = build(request, response.notes);
  const Xapian::Query query = filtered(built.query, request);
  if (query.empty()) {
    response.total_exact = true;  // nothing to search: exactly nothing found
    return response;
  }
  Xapian::Enquire enquire(db());
  enquire.set_query(query);
  set_ranking(enquire, request);
  std::vector<std::pair<Field, std::unique_ptr<Xapian::ValueCountMatchSpy>>> spies;
  for (Field field : request.facets) {
    spies.emplace_back(field, std::make_unique<Xapian::ValueCountMatchSpy>(field_spec(field).slot));
    enquire.add_matchspy(spies.back().second.get());
  }
  // Facet counts need the whole match set; results alone only enough of it.
  Xapian::doccount check_at_least =
      spies.empty() ? 0 : static_cast<Xapian::doccount>(options.facet_depth);
  const SearchedQuery searched = with_feedback(enquire, query, built, request);
  Xapian::MSet mset =
      enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                       static_cast<Xapian::doccount>(request.limit), check_at_least);
  response.total = mset.get_matches_estimated();
  response.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  for (auto& [field, spy] : spies) {
    response.facets[field] =
        folded_facet_counts(*spy, request.facet_values.value_or(options.facet_values));
    // The spies saw the documents the match examined, before collapsing: all of them when
    // fewer than check_at_least match; else it may have stopped there, with more to come.
    response.facets_estimated =
        spy->get_total() >= check_at_least && mset.get_matches_upper_bound() > spy->get_total();
  }
  const HighlightTerms none;
  const HighlightTerms& marks = request.highlight ? built.highlight : none;
  const std::vector<Xapian::Document> docs = hit_documents(mset, request);
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    SearchHit hit;
    hit.rank = it.get_rank() + 1;
    hit.score = it.get_weight();
    const Xapian::Document& xdoc = docs[it.get_rank() - mset.get_firstitem()];
    if (request.presentation) {
      present(xdoc, request, marks, analyzer, options.snippet_words, hit);
    } else {
      hit.id = xdoc.get_value(schema::kIdSlot);
    }
    response.hits.push_back(std::move(hit));
  }
  if (request.explain) explain_hits(request, searched, mset, response.hits);
  return response;
}

std::vector<Xapian::Document> Searcher::Impl::hit_documents(const Xapian::MSet& mset,
                                                            const SearchRequest& request) {
  std::vector<Xapian::Document> docs(mset.size());
  std::vector<Xapian::docid> fetch;  // the rest, from the shards
  std::vector<size_t> fetched_at;
  const bool by_id = request.sort == SearchRequest::Sort::kRelevance && documents_in_vocabulary();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    const size_t at = it.get_rank() - mset.get_firstitem();
    if (by_id) {
      const std::string term = schema::id_term(it.get_sort_key());
      Xapian::PostingIterator found = vocabulary.postlist_begin(term);
      if (found != vocabulary.postlist_end(term)) {
        docs[at] = vocabulary.get_document(*found);
        continue;
      }
    }
    fetch.push_back(*it);
    fetched_at.push_back(at);
  }
  std::vector<Xapian::Document> fetched = shards.documents(fetch);
  for (size_t i = 0; i < fetched.size(); ++i) docs[fetched_at[i]] = std::move(fetched[i]);
  return docs;
}

std::optional<std::string> Searcher::document_json(const std::string& id) {
  return with_reopen(impl_->db(), [&] {
    Xapian::Database& db = impl_->db();
    const std::string term = schema::id_term(id);
    Xapian::PostingIterator found = db.postlist_begin(term);
    if (found == db.postlist_end(term)) return std::optional<std::string>();
    return std::optional<std::string>(db.get_document(*found).get_data());
  });
}

std::vector<std::string> Searcher::complete(const std::string& prefix, size_t limit) {
  return with_reopen(impl_->db(), [&] {
    impl_->vocabulary.reopen();  // completions come from the spelling table
    return hqa::complete(impl_->db(), impl_->vocabulary, impl_->analyzer, prefix, limit);
  });
}

Searcher::Stats Searcher::stats() {
  return with_reopen(impl_->db(), [&] {
    Xapian::Database& db = impl_->db();
    Stats stats;
    stats.documents = db.get_doccount();
    for (auto term = db.allterms_begin(); term != db.allterms_end(); ++term) ++stats.terms;
    // Remote shards' files and metadata are not ours to read.
    for (const std::string& dir : impl_->shards.local_dirs()) {
      std::error_code error;
      for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, error)) {
        if (entry.is_regular_file(error)) stats.bytes += entry.file_size(error);
      }
    }
    stats.last_commit = impl_->last_commit();
    return stats;
  });
}

Searcher::Health Searcher::health() {
  if (impl_->shards.any_remote()) impl_->shards.reconnect();
  return with_reopen(impl_->db(), [&] {
    Health health;
    health.documents = impl_->db().get_doccount();
    health.last_commit = impl_->last_commit();
    health.unavailable_shards = impl_->shards.unavailable();
    return health;
  });
}

}  // namespace hqa
