// @brief The Searcher: query building, ranking, result assembly.
#include "searcher/searcher.h"

#include <xapian.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "indexer/index_schema.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"
#include "searcher/snippet.h"

namespace hqa {
namespace {

std::string display_date(const std::string& yyyymmdd_or_iso) {
  const std::string& d = yyyymmdd_or_iso;
  if (d.size() == 8) return d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6, 2);
  return d;
}

// Cuts `query` to at most `limit` bytes, at a space if there is one, never inside a UTF-8
// sequence.
std::string cut_query(const std::string& query, size_t limit) {
  size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(query[cut]) & 0xC0) == 0x80) --cut;
  size_t space = query.rfind(' ', cut);
  if (space != std::string::npos && space > limit / 2) cut = space;
  return query.substr(0, cut);
}

}  // namespace

struct Searcher::Impl {
  SearcherOptions options;
  Xapian::Database db;
  Analyzer analyzer;

  explicit Impl(const SearcherOptions& o) : options(o), analyzer(o.analyzer) {}

  SearchResponse run(const SearchRequest& request, SearchResponse response);
};

Searcher::Searcher(const SearcherOptions& options) : impl_(std::make_unique<Impl>(options)) {
  if (options.index_dirs.empty()) throw std::runtime_error("no index to search");
  for (const std::string& dir : options.index_dirs) {
    try {
      impl_->db.add_database(Xapian::Database(dir));
    } catch (const Xapian::Error& e) {
      throw std::runtime_error("cannot open index " + dir + ": " + e.get_description());
    }
  }
}

Searcher::~Searcher() = default;

uint64_t Searcher::document_count() const { return impl_->db.get_doccount(); }

SearchResponse Searcher::search(const SearchRequest& request) {
  auto start = std::chrono::steady_clock::now();
  SearchResponse response;
  response.query = request.query;
  SearchRequest bounded = request;
  const SearcherOptions& options = impl_->options;
  if (bounded.query.size() > options.max_query_bytes) {
    bounded.query = cut_query(bounded.query, options.max_query_bytes);
    response.notes.push_back("the query was cut to its first " +
                             std::to_string(bounded.query.size()) + " bytes");
  }
  if (bounded.limit > options.max_limit) {
    bounded.limit = options.max_limit;
    response.notes.push_back("limit lowered to " + std::to_string(options.max_limit));
  }
  if (bounded.offset + bounded.limit > options.max_depth) {
    bounded.offset = options.max_depth > bounded.limit ? options.max_depth - bounded.limit : 0;
    response.notes.push_back("results beyond rank " + std::to_string(options.max_depth) +
                             " are not served");
  }
  // A writer may commit while we read; Xapian then asks us to reopen and try again.
  for (int attempt = 0;; ++attempt) {
    try {
      response = impl_->run(bounded, response);
      break;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 2) throw std::runtime_error("the index kept changing during the search");
      impl_->db.reopen();
    } catch (const Xapian::Error& e) {
      throw std::runtime_error("search failed: " + e.get_description());
    }
  }
  response.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return response;
}

SearchResponse Searcher::Impl::run(const SearchRequest& request, SearchResponse response) {
  response.hits.clear();
  const RankingOptions& r = options.ranking;
  BuiltQuery built = build_query(
      parse_query(request.query), analyzer, r.weights,
      [this](const std::string& term) { return db.term_exists(term); });
  response.notes.insert(response.notes.end(), built.notes.begin(), built.notes.end());
  if (built.query.empty() || request.limit == 0) return response;

  Xapian::Enquire enquire(db);
  enquire.set_query(built.query);
  enquire.set_weighting_scheme(Xapian::BM25Weight(r.bm25_k1, 0, 1, r.bm25_b, 0.5));
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                       static_cast<Xapian::doccount>(request.limit));
  response.total = mset.get_matches_estimated();
  response.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  for (auto it = mset.begin(); it != mset.end(); ++it) {
    Xapian::Document xdoc = it.get_document();
    SearchHit hit;
    hit.rank = it.get_rank() + 1;
    hit.score = it.get_weight();
    if (!request.presentation) {
      hit.id = xdoc.get_value(schema::kIdSlot);
      response.hits.push_back(std::move(hit));
      continue;
    }
    nlohmann::json data = nlohmann::json::parse(xdoc.get_data(), nullptr, false);
    if (data.is_discarded() || !data.is_object()) data = nlohmann::json::object();
    auto field = [&data](const char* key) {
      auto found = data.find(key);
      return found != data.end() && found->is_string() ? found->get<std::string>() : std::string();
    };
    hit.id = field("id");
    hit.question_text = field("question");
    hit.question = highlight_all(hit.question_text, built.highlight, analyzer);
    hit.condition = field("condition");
    hit.source = field("source");
    hit.question_type = field("type");
    hit.url = field("url");
    hit.updated = display_date(field("updated"));
    if (request.snippets) {
      hit.snippet = make_snippet(field("answer"), built.highlight, analyzer, {options.snippet_words});
    }
    response.hits.push_back(std::move(hit));
  }
  return response;
}

}  // namespace hqa
