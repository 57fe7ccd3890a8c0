// @brief The Searcher: query building, ranking, result assembly.
#include "searcher/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <optional>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "analysis/synonyms.h"
#include "indexer/index_schema.h"
#include "searcher/field_weight.h"
#include "searcher/query_builder.h"
#include "searcher/query_parser.h"
#include "searcher/snippet.h"

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

std::string_view filter_prefix(FacetField field) {
  switch (field) {
    case FacetField::kCondition: return schema::kConditionFilterPrefix;
    case FacetField::kSource: return schema::kSourcePrefix;
    case FacetField::kType: return schema::kTypePrefix;
  }
  return {};
}

Xapian::valueno facet_slot(FacetField field) {
  switch (field) {
    case FacetField::kCondition: return schema::kConditionSlot;
    case FacetField::kSource: return schema::kSourceSlot;
    case FacetField::kType: return schema::kTypeSlot;
  }
  return schema::kSourceSlot;
}

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

namespace {

// One --index: a local folder or a remote shard, and its database while it can be reached.
struct Shard {
  std::string spec;
  bool remote = false;
  std::string host;
  unsigned port = 0;
  std::optional<Xapian::Database> db;
  std::string error;  // why it could not be opened, when it could not
};

}  // namespace

struct Searcher::Impl : IndexLookup {
  SearcherOptions options;
  std::vector<Shard> shards;
  Xapian::Database db;          // the shards that can be reached, as one collection
  Xapian::Database vocabulary;  // spelling and synonym tables (see SearcherOptions)
  bool any_remote = false;
  std::chrono::steady_clock::time_point last_reconnect{};
  Analyzer analyzer;

  bool term_exists(const std::string& term) const override { return db.term_exists(term); }
  bool might_have_term(const std::string& term) const override {
    return any_remote || db.term_exists(term);
  }
  std::string spelling_correction(const std::string& word) const override {
    return vocabulary.get_spelling_suggestion(word, 2);
  }
  std::vector<std::string> synonyms(const std::string& key) const override {
    // Built on first use: keying the shipped lists costs more than a whole search.
    if (!shipped_synonyms) shipped_synonyms = SynonymTable::builtin(analyzer);
    std::vector<std::string> all = shipped_synonyms->expansions(key);
    for (auto it = vocabulary.synonyms_begin(key); it != vocabulary.synonyms_end(key); ++it) {
      if (std::find(all.begin(), all.end(), *it) == all.end()) all.push_back(*it);
    }
    return all;
  }
  mutable std::optional<SynonymTable> shipped_synonyms;

  explicit Impl(const SearcherOptions& o) : options(o), analyzer(o.analyzer) {}

  // Opens a shard; false (and shard.error set) if a remote one cannot be reached. A local one
  // that cannot be opened throws: that is a mistake in the command, not an outage.
  bool open(Shard& shard) const {
    try {
      if (shard.remote) {
        shard.db = Xapian::Remote::open(shard.host, shard.port, options.remote_timeout_ms,
                                        options.remote_connect_timeout_ms);
        // A shard of another schema is left out like one that is down, and says why.
        std::string mismatch = schema::schema_mismatch(*shard.db, "reads");
        if (!mismatch.empty()) {
          shard.db.reset();
          shard.error = mismatch;
          return false;
        }
      } else {
        // The resolved path: reopen() then follows commits into this folder, never a symlink
        // flipped to another build (SearcherPool notices that and opens new Searchers).
        std::error_code error;
        std::filesystem::path real = std::filesystem::canonical(shard.spec, error);
        shard.db = Xapian::Database(error ? shard.spec : real.string());
        std::string mismatch = schema::schema_mismatch(*shard.db, "reads");
        if (!mismatch.empty()) throw std::runtime_error("index " + shard.spec + " " + mismatch);
      }
      shard.error.clear();
      return true;
    } catch (const Xapian::NetworkError& e) {
      if (!shard.remote) throw;
      shard.db.reset();
      shard.error = e.get_description();
      return false;
    } catch (const Xapian::Error& e) {
      throw std::runtime_error("cannot open index " + shard.spec + ": " + e.get_description());
    }
  }

  // Rebuilds the collection from the shards that are open.
  void assemble() {
    db = Xapian::Database();
    for (const Shard& shard : shards) {
      if (shard.db) db.add_database(*shard.db);
    }
  }

  // Tries the unreachable shards again, at most every few seconds.
  void reconnect() {
    auto now = std::chrono::steady_clock::now();
    if (now - last_reconnect < std::chrono::seconds(5)) return;
    last_reconnect = now;
    bool reopened = false;
    for (Shard& shard : shards) {
      if (!shard.db && open(shard)) reopened = true;
    }
    if (reopened) assemble();
  }

  // After a network failure: closes the remote shards that no longer answer.
  void drop_dead_shards() {
    for (Shard& shard : shards) {
      if (!shard.remote || !shard.db) continue;
      try {
        shard.db->reopen();  // a round trip to the server
      } catch (const Xapian::Error& e) {
        shard.db.reset();
        shard.error = e.get_description();
      }
    }
    last_reconnect = std::chrono::steady_clock::now();
    assemble();
  }

  void note_unavailable(SearchResponse& response) const {
    response.unavailable_shards.clear();
    for (const Shard& shard : shards) {
      if (!shard.db) response.unavailable_shards.push_back(shard.spec);
    }
    response.partial = !response.unavailable_shards.empty();
  }

  SearchResponse run(const SearchRequest& request, SearchResponse response);
  Xapian::Query filter_query(const SearchRequest& request) const;
  std::string suggest(const std::string& query) const;
  Xapian::Query with_feedback(Xapian::Enquire& enquire, const Xapian::Query& query,
                              const FeedbackOptions& feedback) const;
};

namespace {
constexpr std::string_view kRemoteScheme = "tcp://";
}  // namespace

bool is_remote_shard(const std::string& spec) {
  return spec.compare(0, kRemoteScheme.size(), kRemoteScheme) == 0;
}

bool parse_remote_shard(const std::string& spec, std::string& host, unsigned& port) {
  if (!is_remote_shard(spec)) return false;
  std::string rest = spec.substr(kRemoteScheme.size());
  size_t colon = rest.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == rest.size()) return false;
  std::string digits = rest.substr(colon + 1);
  if (digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string::npos) return false;
  unsigned long number = std::stoul(digits);
  if (number == 0 || number > 65535) return false;
  host = rest.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  port = static_cast<unsigned>(number);
  return true;
}

Searcher::Searcher(const SearcherOptions& options) : impl_(std::make_unique<Impl>(options)) {
  if (options.index_dirs.empty()) throw std::runtime_error("no index to search");
  for (const std::string& spec : options.index_dirs) {
    Shard shard;
    shard.spec = spec;
    if (is_remote_shard(spec)) {
      if (!parse_remote_shard(spec, shard.host, shard.port)) {
        throw std::runtime_error("cannot open index " + spec + ": a remote shard is tcp://HOST:PORT");
      }
      shard.remote = true;
      impl_->any_remote = true;
    }
    impl_->open(shard);
    impl_->shards.push_back(std::move(shard));
  }
  impl_->last_reconnect = std::chrono::steady_clock::now();
  impl_->assemble();
  if (impl_->db.size() == 0) {
    std::string why;
    for (const Shard& shard : impl_->shards) why += "; " + shard.spec + ": " + shard.error;
    throw std::runtime_error("cannot reach any index" + why);
  }
  std::vector<std::string> vocabulary = options.vocabulary_dirs;
  if (vocabulary.empty()) {
    for (const Shard& shard : impl_->shards) {
      if (!shard.remote) vocabulary.push_back(shard.spec);
    }
  }
  for (const std::string& dir : vocabulary) {
    try {
      impl_->vocabulary.add_database(Xapian::Database(dir));
    } catch (const Xapian::Error& e) {
      throw std::runtime_error("cannot open vocabulary index " + dir + ": " + e.get_description());
    }
  }
}

Searcher::~Searcher() = default;

uint64_t Searcher::document_count() {
  return with_reopen(impl_->db, [&] { return static_cast<uint64_t>(impl_->db.get_doccount()); });
}

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
  if (impl_->any_remote) impl_->reconnect();
  // A writer may commit while we read; Xapian then asks us to reopen and try again.
  for (int attempt = 0;; ++attempt) {
    try {
      impl_->db.reopen();  // see what hqa-index committed since the last request
      impl_->vocabulary.reopen();  // the spelling and synonym tables, which commits change too
      response = impl_->run(bounded, response);
      if (bounded.presentation) response.suggestion = impl_->suggest(bounded.query);
      if (response.hits.empty() && !response.suggestion.empty() && bounded.offset == 0) {
        SearchRequest corrected = bounded;
        corrected.query = response.suggestion;
        response = impl_->run(corrected, response);
        response.notes.push_back("no results for the query as typed; showing results for \"" +
                                 response.suggestion + "\"");
      }
      remove_repeated_notes(response.notes);
      break;
    } catch (const Xapian::DatabaseModifiedError&) {
      if (attempt >= 2) throw std::runtime_error("the index kept changing during the search");
    } catch (const Xapian::NetworkError& e) {
      // A remote shard went away or timed out: search the others, and say so.
      impl_->drop_dead_shards();
      if (attempt >= 2 || impl_->db.size() == 0) {
        throw std::runtime_error("search failed: " + e.get_description());
      }
    } catch (const Xapian::Error& e) {
      throw std::runtime_error("search failed: " + e.get_description());
    }
  }
  impl_->note_unavailable(response);
  response.took_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return response;
}

Xapian::Query Searcher::Impl::filter_query(const SearchRequest& request) const {
  std::vector<Xapian::Query> filters;
  for (const auto& [field, values] : request.filters) {
    std::vector<Xapian::Query> any;
    for (const std::string& value : values) {
      any.emplace_back(schema::boolean_term(filter_prefix(field), value));
    }
    if (!any.empty()) filters.emplace_back(Xapian::Query::OP_OR, any.begin(), any.end());
  }
  if (!request.updated_from.empty() || !request.updated_to.empty()) {
    std::string from = schema::sortable_date(request.updated_from);
    std::string to = request.updated_to.empty() ? "99999999" : schema::sortable_date(request.updated_to);
    filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kUpdatedSlot, from, to);
  }
  if (filters.empty()) return {};
  return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

std::string Searcher::Impl::suggest(const std::string& query) const {
  std::vector<Token> tokens = analyzer.analyze(query);
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

namespace {

// Expansion terms: answer-body terms (unprefixed), not stopwords, not numbers.
class BodyTermDecider : public Xapian::ExpandDecider {
 public:
  // Stems of the answer body: "Z" and a lowercase letter, where a field prefix would be capitals.
  bool operator()(const std::string& term) const override {
    const size_t marker = kStemMarker.size();
    if (term.compare(0, marker, kStemMarker) != 0 || term.size() <= marker + 2 ||
        !std::islower(static_cast<unsigned char>(term[marker]))) {
      return false;
    }
    return !Analyzer::is_stopword(std::string_view(term).substr(marker));
  }
};

}  // namespace

Xapian::Query Searcher::Impl::with_feedback(Xapian::Enquire& enquire, const Xapian::Query& query,
                                            const FeedbackOptions& feedback) const {
  Xapian::MSet top = enquire.get_mset(0, static_cast<Xapian::doccount>(feedback.documents));
  if (top.empty()) return query;
  Xapian::RSet relevant;
  for (auto it = top.begin(); it != top.end(); ++it) relevant.add_document(*it);
  BodyTermDecider decider;
  Xapian::ESet expansion = enquire.get_eset(static_cast<Xapian::termcount>(feedback.terms), relevant, &decider);
  std::vector<Xapian::Query> terms;
  for (auto it = expansion.begin(); it != expansion.end(); ++it) terms.emplace_back(*it);
  if (terms.empty()) return query;
  return Xapian::Query(Xapian::Query::OP_OR, query,
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                     Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()),
                                     feedback.weight));
}

SearchResponse Searcher::Impl::run(const SearchRequest& request, SearchResponse response) {
  response.hits.clear();
  response.facets.clear();
  const RankingOptions& r = options.ranking;
  BuiltQuery built = build_query(parse_query(request.query), analyzer, r.weights, this);
  response.notes.insert(response.notes.end(), built.notes.begin(), built.notes.end());
  Xapian::Query query = built.query;
  Xapian::Query filter = filter_query(request);
  if (!filter.empty()) {
    // Filters alone browse everything that passes them.
    query = query.empty() ? filter : Xapian::Query(Xapian::Query::OP_FILTER, query, filter);
  }
  if (query.empty()) {
    response.total_exact = true;  // nothing to search: exactly nothing found
    return response;
  }

  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  if (r.weighting == RankingOptions::Weighting::kBm25 || any_remote) {
    // k3 = 0: the within-query frequency, which marks short fields for FieldBm25Weight, is
    // ignored; k2 = 0 and min_normlen 0.5 are Xapian's defaults.
    enquire.set_weighting_scheme(Xapian::BM25Weight(r.bm25_k1, 0, 0, r.bm25_b, 0.5));
  } else {
    enquire.set_weighting_scheme(FieldBm25Weight(r.bm25_k1, r.bm25_b, r.short_field_b));
  }
  if (request.sort == SearchRequest::Sort::kUpdated) {
    enquire.set_sort_by_value_then_relevance(schema::kUpdatedSlot, true);
  }
  if (request.collapse_duplicates) enquire.set_collapse_key(schema::kAnswerHashSlot);
  if (options.time_limit_seconds > 0) enquire.set_time_limit(options.time_limit_seconds);
  std::vector<std::pair<FacetField, std::unique_ptr<Xapian::ValueCountMatchSpy>>> spies;
  for (FacetField field : request.facets) {
    spies.emplace_back(field, std::make_unique<Xapian::ValueCountMatchSpy>(facet_slot(field)));
    enquire.add_matchspy(spies.back().second.get());
  }
  // Facet counts need the whole match set; results alone only enough of it.
  Xapian::doccount check_at_least =
      spies.empty() ? 0 : static_cast<Xapian::doccount>(options.facet_depth);
  if (r.feedback.terms > 0 && request.sort == SearchRequest::Sort::kRelevance && !built.query.empty()) {
    query = with_feedback(enquire, query, r.feedback);
    enquire.set_query(query);
  }
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(request.offset),
                                       static_cast<Xapian::doccount>(request.limit), check_at_least);
  response.total = mset.get_matches_estimated();
  response.total_exact = mset.get_matches_lower_bound() == mset.get_matches_upper_bound();
  for (auto& [field, spy] : spies) {
    std::vector<FacetCount>& counts = response.facets[field];
    for (auto value = spy->top_values_begin(options.facet_values);
         value != spy->top_values_end(options.facet_values); ++value) {
      counts.push_back({*value, value.get_termfreq()});
    }
  }
  const HighlightTerms none;
  const HighlightTerms& marks = request.highlight ? built.highlight : none;
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
    hit.question = highlight_all(hit.question_text, marks, analyzer);
    hit.condition = field("condition");
    hit.source = field("source");
    hit.question_type = field("type");
    hit.url = field("url");
    hit.updated = display_date(field("updated"));
    if (request.snippets) {
      hit.snippet = make_snippet(field("answer"), marks, analyzer, {options.snippet_words});
    }
    response.hits.push_back(std::move(hit));
  }
  return response;
}

std::string Searcher::document_json(const std::string& id) {
  return with_reopen(impl_->db, [&] { return document_json_now(id); });
}

std::vector<std::string> Searcher::complete(const std::string& prefix, size_t limit) {
  return with_reopen(impl_->db, [&] {
    impl_->vocabulary.reopen();  // completions come from the spelling table
    return complete_now(prefix, limit);
  });
}

Searcher::Stats Searcher::stats() {
  return with_reopen(impl_->db, [&] { return stats_now(); });
}

std::string Searcher::document_json_now(const std::string& id) {
  const std::string term = schema::id_term(id);
  Xapian::PostingIterator found = impl_->db.postlist_begin(term);
  if (found == impl_->db.postlist_end(term)) return {};
  return impl_->db.get_document(*found).get_data();
}

std::vector<std::string> Searcher::complete_now(const std::string& prefix, size_t limit) {
  Xapian::Database& db = impl_->db;
  std::vector<std::pair<Xapian::doccount, std::string>> names, words;
  std::string lowered;
  for (char c : prefix) lowered += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t first = lowered.find_first_not_of(' ');
  lowered = first == std::string::npos ? "" : lowered.substr(first);
  if (lowered.size() >= 2) {
    // Condition names that begin with everything typed so far.
    const std::string name_prefix = schema::boolean_term(schema::kConditionFilterPrefix, lowered);
    for (auto term = db.allterms_begin(name_prefix); term != db.allterms_end(name_prefix); ++term) {
      names.emplace_back(term.get_termfreq(), *term);
    }
  }
  std::sort(names.begin(), names.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<std::string> out;
  for (const auto& [count, term] : names) {
    if (out.size() >= limit) break;
    Xapian::PostingIterator doc = db.postlist_begin(term);
    std::string name = db.get_document(*doc).get_value(schema::kConditionSlot);
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
  // The last word completed from the vocabulary of questions and names.
  size_t cut = prefix.find_last_of(' ');
  std::string head = cut == std::string::npos ? "" : prefix.substr(0, cut + 1);
  std::string last = cut == std::string::npos ? prefix : prefix.substr(cut + 1);
  std::vector<Token> tokens = impl_->analyzer.analyze(last);
  if (!tokens.empty() && tokens.back().kind == Token::Kind::kWord && tokens.back().term.size() >= 2) {
    const std::string& stub = tokens.back().term;
    const Xapian::Database& vocabulary = impl_->vocabulary;
    Xapian::TermIterator word = vocabulary.spellings_begin();
    word.skip_to(stub);
    for (; word != vocabulary.spellings_end() && (*word).compare(0, stub.size(), stub) == 0; ++word) {
      words.emplace_back(word.get_termfreq(), *word);
    }
  }
  std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (const auto& [count, word] : words) {
    if (out.size() >= limit) break;
    std::string completion = head + word;
    if (std::find(out.begin(), out.end(), completion) == out.end()) out.push_back(completion);
  }
  return out;
}

Searcher::Stats Searcher::stats_now() {
  Xapian::Database& db = impl_->db;
  Stats stats;
  stats.documents = db.get_doccount();
  for (auto term = db.allterms_begin(); term != db.allterms_end(); ++term) ++stats.terms;
  for (const Shard& shard : impl_->shards) {
    if (shard.remote) continue;  // neither its files nor its metadata are ours to read
    const std::string& dir = shard.spec;
    std::error_code error;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, error)) {
      if (entry.is_regular_file(error)) stats.bytes += entry.file_size(error);
    }
    std::string last = Xapian::Database(dir).get_metadata("hqa.last_commit");
    if (!last.empty()) stats.last_commit = std::max<int64_t>(stats.last_commit, std::stoll(last));
  }
  return stats;
}

bool parse_facet_field(const std::string& name, FacetField& field) {
  if (name == "condition") {
    field = FacetField::kCondition;
  } else if (name == "source") {
    field = FacetField::kSource;
  } else if (name == "type") {
    field = FacetField::kType;
  } else {
    return false;
  }
  return true;
}

bool add_filter(const std::string& spec, SearchRequest& request) {
  size_t colon = spec.find(':');
  FacetField field;
  if (colon == std::string::npos || colon + 1 == spec.size() ||
      !parse_facet_field(spec.substr(0, colon), field)) {
    return false;
  }
  request.filters[field].push_back(spec.substr(colon + 1));
  return true;
}

bool add_facet(const std::string& name, SearchRequest& request) {
  FacetField field;
  if (!parse_facet_field(name, field)) return false;
  if (std::find(request.facets.begin(), request.facets.end(), field) == request.facets.end()) {
    request.facets.push_back(field);
  }
  return true;
}

const char* facet_field_name(FacetField field) {
  switch (field) {
    case FacetField::kCondition: return "condition";
    case FacetField::kSource: return "source";
    case FacetField::kType: return "type";
  }
  return "";
}

}  // namespace hqa
