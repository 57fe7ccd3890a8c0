// @brief Searcher::explain and the explanations of hits: the search's own query taken apart.
#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "schema/index_format.h"
#include "schema/terms.h"
#include "searcher/score_parts.h"
#include "searcher/searcher_impl.h"

namespace hqa {
namespace {

// Duplicates collapse (SearchRequest::collapse_duplicates) under the best ranked of them, by
// the answer's hash: which document that is, and how many it hides. A search of the documents
// that match with the same hash, ranked as the search ranks (`same`) but not collapsed, says
// both.
void place_among_duplicates(Xapian::Enquire& same, const Xapian::Database& db,
                            const SearchedQuery& searched, Xapian::docid doc, Explanation& e) {
  const std::string key = db.get_document(doc).get_value(schema::kAnswerHashSlot);
  if (key.empty()) return;  // Xapian collapses no document without a key
  same.set_collapse_key(Xapian::BAD_VALUENO);
  same.set_query(Xapian::Query(
      Xapian::Query::OP_FILTER, searched.query,
      Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kAnswerHashSlot, key, key)));
  Xapian::MSet duplicates = same.get_mset(0, 1, db.get_doccount());
  if (duplicates.empty()) return;
  if (*duplicates.begin() != doc) {
    e.collapsed_under = duplicates.begin().get_document().get_value(schema::kIdSlot);
    return;
  }
  e.duplicates_hidden = duplicates.get_matches_estimated() - 1;
}

// Where the search's own score of the document is not its parts' sum, says why (score_parts.h).
void note_search_score(double search_score, Explanation& e) {
  if (std::abs(search_score - e.score) <= 1e-9 * std::max({1.0, search_score, e.score})) return;
  char text[400];
  std::snprintf(text, sizeof text,
                "the search scores it %.4f, not %.4f: Xapian 1.4 can add the weight of a phrase or "
                "a proximity pair the document does not match (an OR of them under AND_MAYBE); "
                "the parts are what the query gives the document",
                search_score, e.score);
  e.notes.push_back(text);
}

// The document's rank among all results of `ranked` (the search's Enquire), all of them ranked:
// Xapian 1.4 can lose documents under an ELITE_SET once it prunes by weight, so a search cut at
// the document's weight would not rank it as the search does.
void rank_among_results(Xapian::Enquire& ranked, const Xapian::Database& db, Xapian::docid doc,
                        Explanation& e) {
  Xapian::MSet all = ranked.get_mset(0, db.get_doccount());
  for (auto it = all.begin(); it != all.end(); ++it) {
    if (*it == doc) {
      e.rank = it.get_rank() + 1;
      note_search_score(it.get_weight(), e);
      return;
    }
  }
}

}  // namespace

std::optional<Explanation> Searcher::explain(const SearchRequest& request, const std::string& id) {
  std::vector<std::string> notes;
  const SearchRequest bounded = within_limits(request, impl_->options, notes);
  if (impl_->shards.any_remote()) impl_->shards.reconnect();
  std::optional<Explanation> explained =
      impl_->retried([&] { return impl_->explain_once(bounded, id); });
  if (explained) {
    explained->notes.insert(explained->notes.begin(), notes.begin(), notes.end());
    if (!impl_->shards.unavailable().empty()) {
      explained->notes.push_back(
          "some shards could not be searched: the statistics, the score "
          "and the rank are those of the others");
    }
  }
  return explained;
}

std::optional<Explanation> Searcher::Impl::explain_once(const SearchRequest& request,
                                                        const std::string& id) {
  db().reopen();
  vocabulary.reopen();
  known_terms.clear();
  const std::string id_term = schema::id_term(id);
  Xapian::PostingIterator found = db().postlist_begin(id_term);
  if (found == db().postlist_end(id_term)) return std::nullopt;
  const Xapian::docid doc = *found;
  SearchRequest asked = request;
  std::vector<std::string> notes;
  BuiltQuery built = build(asked, notes);
  Xapian::Query query = filtered(built.query, asked);
  // As search_once(): a query that finds nothing shows the results of its spelling suggestion.
  Xapian::Enquire enquire(db());
  if (asked.presentation && asked.offset == 0 && !query.empty()) {
    enquire.set_query(query);
    std::string suggestion = suggest(asked.query, asked.last_word_is_prefix);
    if (!suggestion.empty() && enquire.get_mset(0, 1).empty()) {
      asked.query = suggestion;
      notes = {"no results for the query as typed; explained for \"" + suggestion +
               "\", whose results the search shows"};
      built = build(asked, notes);
      query = filtered(built.query, asked);
    }
  }
  SearchedQuery searched{query, {}};
  if (!query.empty()) {
    enquire.set_query(query);
    set_ranking(enquire, asked);
    searched = with_feedback(enquire, query, built, asked);
  }
  ScoreParts parts(db(), *weighting(), options.ranking, shards.any_remote());
  Explanation e = parts.explain(searched, {{doc, id}}).front();
  if (e.matched && asked.collapse_duplicates) {
    Xapian::Enquire same(db());
    set_ranking(same, asked);
    place_among_duplicates(same, db(), searched, doc, e);
  }
  if (e.matched && e.collapsed_under.empty()) rank_among_results(enquire, db(), doc, e);
  e.query = asked.query;
  e.notes.insert(e.notes.begin(), notes.begin(), notes.end());
  return e;
}

void Searcher::Impl::explain_hits(const SearchRequest& request, const SearchedQuery& searched,
                                  const Xapian::MSet& mset, std::vector<SearchHit>& hits) const {
  std::vector<ExplainTarget> targets;
  for (auto it = mset.begin(); it != mset.end(); ++it)
    targets.push_back({*it, hits[targets.size()].id});
  ScoreParts parts(db(), *weighting(), options.ranking, shards.any_remote());
  std::vector<Explanation> explained = parts.explain(searched, targets);
  for (size_t k = 0; k < targets.size(); ++k) {
    Explanation& e = explained[k];
    e.query = request.query;
    e.rank = hits[k].rank;
    note_search_score(hits[k].score, e);
    if (request.collapse_duplicates) {
      Xapian::Enquire same(db());
      set_ranking(same, request);
      place_among_duplicates(same, db(), searched, targets[k].docid, e);
    }
    hits[k].explanation = std::move(e);
  }
}

}  // namespace hqa
