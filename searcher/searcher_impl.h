// The inside of a Searcher, shared by the files that implement it: searcher.cc (searching) and
// explain.cc (explanations of scores). Not for use outside searcher/.
#ifndef HQA_SEARCHER_SEARCHER_IMPL_H_
#define HQA_SEARCHER_SEARCHER_IMPL_H_

#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "schema/errors.h"
#include "schema/index_format.h"
#include "schema/synonyms.h"
#include "searcher/query_builder.h"
#include "searcher/request_limits.h"
#include "searcher/score_parts.h"
#include "searcher/searcher.h"
#include "searcher/shards.h"

namespace hqa {

struct Searcher::Impl : IndexLookup {
  SearcherOptions options;
  ShardSet shards;
  Xapian::Database vocabulary;  // spelling and synonym tables (see SearcherOptions)
  Analyzer analyzer;
  std::optional<SynonymTable> shipped_synonyms;  // read only when weighed: costly to key
  bool has_site_synonyms = false;                // as of the last reopen
  bool vocabulary_has_terms = false;             // documents, and so every term (terms())

  explicit Impl(const SearcherOptions& o)
      : options(o),
        shards({o.index_dirs, o.remote_timeout_ms, o.remote_connect_timeout_ms}),
        analyzer(o.analyzer) {}

  Xapian::Database& db() { return shards.database(); }
  const Xapian::Database& db() const { return shards.database(); }

  // Asked of every query word twice, by the query builder and by "did you mean": answered once
  // per search (known_terms is cleared when a search starts, as the index may have changed).
  bool term_exists(const std::string& term) const override {
    auto [known, inserted] = known_terms.try_emplace(term, false);
    if (inserted) known->second = terms().term_exists(term);
    return known->second;
  }
  mutable std::unordered_map<std::string, bool> known_terms;
  bool might_have_term(const std::string& term) const override {
    if (shards.any_remote() && !vocabulary_has_terms) return true;
    return terms().term_exists(term);
  }
  // Where words are looked up: over remote shards, the local vocabulary index when it has
  // documents (a compaction of the shards has every term), so that a query costs the same round
  // trips however many words it has; otherwise the shards themselves.
  const Xapian::Database& terms() const {
    return shards.any_remote() && vocabulary_has_terms ? vocabulary : db();
  }
  std::string spelling_correction(const std::string& word) const override {
    return vocabulary.get_spelling_suggestion(word, 2);
  }
  std::vector<std::string> synonyms(const std::string& key) const override {
    std::vector<std::string> all;
    if (shipped_synonyms) all = shipped_synonyms->expansions(key);
    for (auto it = vocabulary.synonyms_begin(key); it != vocabulary.synonyms_end(key); ++it) {
      if (std::find(all.begin(), all.end(), *it) == all.end()) all.push_back(*it);
    }
    return all;
  }
  std::vector<std::string> site_synonyms(const std::string& key) const override {
    if (!has_site_synonyms) return {};
    const std::string site_key = std::string(schema::kSiteSynonymPrefix) + key;
    return {vocabulary.synonyms_begin(site_key), vocabulary.synonyms_end(site_key)};
  }

  std::vector<std::string> completions(const std::string& folded_start,
                                       size_t limit) const override;

  void open_vocabulary() {
    std::vector<std::string> dirs = options.vocabulary_dirs;
    if (dirs.empty()) dirs = shards.local_dirs();
    for (const std::string& dir : dirs) {
      try {
        vocabulary.add_database(Xapian::Database(dir));
      } catch (const Xapian::Error& e) {
        throw IndexError("cannot open vocabulary index " + dir + ": " + e.get_description());
      }
    }
    vocabulary_has_terms = vocabulary.size() > 0 && vocabulary.get_doccount() > 0;
  }

  // The latest commit of the local indexes (Unix seconds; 0 if none says): remote shards'
  // metadata are not ours to read.
  int64_t last_commit() const {
    int64_t last = 0;
    for (const std::string& dir : shards.local_dirs()) {
      std::string value = Xapian::Database(dir).get_metadata(schema::kLastCommitKey);
      if (!value.empty()) last = std::max<int64_t>(last, std::stoll(value));
    }
    return last;
  }

  // Over remote shards with a vocabulary that holds their documents (a compaction of the
  // shards), the hits' documents are read there, not fetched from the shards one round trip at
  // a time; so the vocabulary must be kept as current as the shards (docs/scaling.md).
  bool documents_in_vocabulary() const { return shards.any_remote() && vocabulary_has_terms; }
  // The stored documents of `mset`'s hits, in its order.
  std::vector<Xapian::Document> hit_documents(const Xapian::MSet& mset,
                                              const SearchRequest& request);

  // Reopens to see the latest commit. Over remote shards each reopen is a round trip to every
  // shard, one after another, so they are asked at most once a second (their updates arrive by
  // replication, not from a writer beside us), unless a read failed since.
  void reopen();
  std::chrono::steady_clock::time_point last_reopen;
  bool must_reopen = false;

  void note_unavailable(SearchResponse& response) const {
    response.unavailable_shards = shards.unavailable();
    response.partial = !response.unavailable_shards.empty();
  }

  // Runs `attempt` (a read of the indexes) again when a writer's commit overtook it, or after
  // leaving out a remote shard that went away; throws IndexError when that does not help.
  template <typename Attempt>
  auto retried(Attempt attempt) {
    for (int tries = 0;; ++tries) {
      try {
        return attempt();
      } catch (const Xapian::DatabaseModifiedError&) {
        must_reopen = true;
        if (tries >= 2) throw IndexError("the index kept changing during the search");
      } catch (const Xapian::NetworkError& e) {
        // A remote shard went away or timed out: search the others, and say so.
        shards.drop_dead_shards();
        must_reopen = true;
        if (tries >= 2 || db().size() == 0) {
          throw IndexError("search failed: " + e.get_description());
        }
      } catch (const Xapian::Error& e) {
        throw IndexError("search failed: " + e.get_description());
      }
    }
  }

  SearchResponse search_once(const SearchRequest& request, SearchResponse response);
  SearchResponse run(const SearchRequest& request, SearchResponse response);

  // The steps of a search, shared by run() and explain(), so that an explanation weighs the
  // very query the search ran. The query as built, its notes added to `notes`:
  BuiltQuery build(const SearchRequest& request, std::vector<std::string>& notes) const;
  // `built` within the request's filters (filters alone browse all they pass); empty when
  // there is nothing to search.
  Xapian::Query filtered(const Xapian::Query& built, const SearchRequest& request) const;
  // Weighting, sort order, collapsing and the time limit.
  void set_ranking(Xapian::Enquire& enquire, const SearchRequest& request) const;
  std::unique_ptr<Xapian::Weight> weighting() const;
  // Pseudo-relevance feedback, when on and results are by relevance: its terms ORed into
  // `enquire`'s query `query` (built from `built`). What the enquire searches then.
  SearchedQuery with_feedback(Xapian::Enquire& enquire, const Xapian::Query& query,
                              const BuiltQuery& built, const SearchRequest& request) const;

  // Explanations of `hits`, the hits of `mset`, found for `request` (searcher/explain.cc).
  void explain_hits(const SearchRequest& request, const SearchedQuery& searched,
                    const Xapian::MSet& mset, std::vector<SearchHit>& hits) const;
  std::optional<Explanation> explain_once(const SearchRequest& request, const std::string& id);

  Xapian::Query filter_query(const SearchRequest& request) const;
  std::string suggest(const std::string& query, bool last_word_open) const;
};

}  // namespace hqa

#endif  // HQA_SEARCHER_SEARCHER_IMPL_H_
