// @brief Search over shards, local (a --keep-shards stub) and remote (two xapian-tcpsrv
// processes): the same ranking as the merged index, snippets, facets and spelling through them,
// and partial results, not a hang, when a shard is down.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "indexer/indexing_job.h"
#include "schema/index_format.h"
#include "schema/terms.h"
#include "searcher/searcher.h"
#include "tests/test_support.h"

namespace hqa {
namespace {
namespace fs = std::filesystem;

// A port nobody listens on right now.
int free_port() {
  int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ::bind(sock, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  ::getsockname(sock, reinterpret_cast<sockaddr*>(&address), &length);
  int port = ntohs(address.sin_port);
  ::close(sock);
  return port;
}

bool accepts_connections(int port) {
  int sock = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = ::connect(sock, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(sock);
  return ok;
}

// xapian-tcpsrv serving one database on a loopback port, stopped when the object dies.
class TcpServer {
 public:
  explicit TcpServer(const std::string& database) : port_(free_port()) {
    pid_ = ::fork();
    if (pid_ > 0) ::setpgid(pid_, pid_);  // also here, so that no signal races the child's call
    if (pid_ == 0) {
      std::string port = std::to_string(port_);
      // A group of its own: on SIGTERM the server signals its whole process group (its
      // per-connection children), which must not include the test.
      ::setpgid(0, 0);
      // Its complaints about clients that hang up belong to the server's log, not the test's.
      if (!::freopen("/dev/null", "w", stderr)) ::_exit(126);
      ::execlp("xapian-tcpsrv", "xapian-tcpsrv", "--interface", "127.0.0.1", "--port", port.c_str(),
               "--quiet", database.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    for (int wait = 0; wait < 100 && !accepts_connections(port_); ++wait) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (!accepts_connections(port_)) throw std::runtime_error("xapian-tcpsrv did not start");
  }
  ~TcpServer() { stop(); }
  void stop() {
    if (pid_ > 0) {
      // SIGKILL, not SIGTERM: xapian-tcpsrv's SIGTERM handler can deadlock in a connection
      // child that is already exiting (seen: stuck in __cxa_finalize), and such a child keeps
      // CTest's output pipe open until the test times out. The group holds those children too.
      ::kill(-pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }
  void pause() { ::kill(-pid_, SIGSTOP); }
  std::string spec() const { return "tcp://127.0.0.1:" + std::to_string(port_); }

 private:
  int port_;
  pid_t pid_ = -1;
};

bool have_tcpsrv() { return std::system("command -v xapian-tcpsrv >/dev/null 2>&1") == 0; }

// Two shards kept behind a stub (hqa-index --jobs 2 --keep-shards) and their merge, built once:
// from the LiveQA-Med corpus when ../shared/data has it, else from corpus/.
class ShardedSearchTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    fs::path corpus = testing::shared_data("liveqa-med/corpus.jsonl");
    bool have_corpus = !corpus.empty() && fs::exists(corpus);
    if (!have_corpus) {
      std::cerr << "ShardedSearchTest: ../shared/data/liveqa-med is absent; using corpus/ "
                   "and its own questions\n";
    }
    IndexJobOptions job;
    job.index_dir = shards();
    job.inputs = {have_corpus ? corpus.string() : testing::corpus_dir().string()};
    job.jobs = 2;
    job.keep_shards = true;
    run_index_job(job);
    Xapian::Database(shards()).compact(merged());
    queries_ = new std::vector<std::string>(queries(have_corpus));
  }
  static void TearDownTestSuite() {
    delete queries_;
    delete dir_;
  }

  // Up to 200 queries: the LiveQA-Med dev questions in all three wordings, then the indexed
  // questions themselves.
  static std::vector<std::string> queries(bool have_corpus) {
    std::vector<std::string> out;
    if (have_corpus) {
      for (const char* kind : {"original", "paraphrase", "summary"}) {
        std::ifstream topics(
            testing::shared_data(std::string("liveqa-med/topics-dev-") + kind + ".tsv"));
        std::string line;
        while (std::getline(topics, line) && out.size() < 200) {
          size_t tab = line.find('\t');
          if (tab != std::string::npos) out.push_back(line.substr(tab + 1));
        }
      }
    }
    Xapian::Database db(merged());
    const Xapian::docid step = std::max<Xapian::docid>(1, db.get_lastdocid() / 200);
    for (Xapian::docid id = 1; id <= db.get_lastdocid() && out.size() < 200; id += step) {
      std::string data = db.get_document(id).get_data();
      size_t at = data.find("\"question\":\"");
      if (at == std::string::npos) continue;
      at += 12;
      out.push_back(data.substr(at, data.find('"', at) - at));
    }
    return out;
  }

  static std::string shards() { return (dir_->path() / "shards").string(); }
  // Searching remote shards with short timeouts: a shard that is left out is noticed quickly.
  static SearcherOptions remote_options(const std::vector<std::string>& specs) {
    SearcherOptions options;
    options.index_dirs = specs;
    options.remote_timeout_ms = 1000;
    options.remote_connect_timeout_ms = 500;
    return options;
  }
  static std::string merged() { return (dir_->path() / "merged").string(); }

  static SearchResponse search(const std::vector<std::string>& indexes, const std::string& query,
                               RankingOptions::Weighting weighting, bool presentation = false,
                               const std::vector<std::string>& vocabulary = {}) {
    SearcherOptions options;
    options.index_dirs = indexes;
    options.vocabulary_dirs = vocabulary;
    options.ranking.weighting = weighting;
    options.remote_timeout_ms = 1500;
    options.remote_connect_timeout_ms = 500;
    Searcher searcher(options);
    SearchRequest request;
    request.query = query;
    request.limit = 100;
    request.presentation = presentation;
    // Which of several equal duplicates represents them depends on document numbers, which
    // differ between shards and their merge; TREC runs do not collapse either.
    request.collapse_duplicates = false;
    return searcher.search(request);
  }

  // The same documents at the same scores, rank by rank; documents of equal score may come in
  // another order (each shard numbers its documents its own way), and the last tie group may be
  // cut differently at rank 100.
  static void expect_same_ranking(const SearchResponse& a, const SearchResponse& b,
                                  const std::string& query) {
    // Totals are estimates, made per shard by a remote server: only the ranking must agree.
    ASSERT_EQ(a.hits.size(), b.hits.size()) << query;
    std::vector<std::pair<double, std::string>> left, right;
    for (size_t i = 0; i < a.hits.size(); ++i) {
      ASSERT_NEAR(a.hits[i].score, b.hits[i].score, 1e-9 * std::max(1.0, a.hits[i].score))
          << query << " at rank " << i + 1 << ": " << a.hits[i].id << " / " << b.hits[i].id;
      left.emplace_back(a.hits[i].score, a.hits[i].id);
      right.emplace_back(b.hits[i].score, b.hits[i].id);
    }
    if (left.empty()) return;
    const double last = left.back().first;
    auto above_last = [last](const std::pair<double, std::string>& hit) {
      return hit.first > last + 1e-9;
    };
    std::vector<std::string> ids_a, ids_b;
    for (const auto& hit : left)
      if (above_last(hit)) ids_a.push_back(hit.second);
    for (const auto& hit : right)
      if (above_last(hit)) ids_b.push_back(hit.second);
    std::sort(ids_a.begin(), ids_a.end());
    std::sort(ids_b.begin(), ids_b.end());
    std::vector<std::string> only_a, only_b;
    std::set_difference(ids_a.begin(), ids_a.end(), ids_b.begin(), ids_b.end(),
                        std::back_inserter(only_a));
    std::set_difference(ids_b.begin(), ids_b.end(), ids_a.begin(), ids_a.end(),
                        std::back_inserter(only_b));
    EXPECT_TRUE(only_a.empty() && only_b.empty())
        << query << ": only in the first " << ::testing::PrintToString(only_a)
        << ", only in the second " << ::testing::PrintToString(only_b);
  }

  static testing::TempDir* dir_;
  static std::vector<std::string>* queries_;
};

testing::TempDir* ShardedSearchTest::dir_ = nullptr;
std::vector<std::string>* ShardedSearchTest::queries_ = nullptr;

TEST_F(ShardedSearchTest, LocalShardsRankExactlyAsTheMergedIndex) {
  ASSERT_GE(queries_->size(), 30u);
  for (const std::string& query : *queries_) {
    // One vocabulary for both: Xapian's spelling suggestions over several spelling tables can
    // pick another word of equal edit distance than over their merge.
    expect_same_ranking(
        search({shards()}, query, RankingOptions::Weighting::kFieldBm25, false, {merged()}),
        search({merged()}, query, RankingOptions::Weighting::kFieldBm25), query);
  }
}

TEST_F(ShardedSearchTest, ShardsNamedOneByOneRankAsTheMergedIndex) {
  for (size_t i = 0; i < queries_->size(); i += 5) {
    const std::string& query = (*queries_)[i];
    expect_same_ranking(search({shards() + "/shard-0", shards() + "/shard-1"}, query,
                               RankingOptions::Weighting::kFieldBm25, false, {merged()}),
                        search({merged()}, query, RankingOptions::Weighting::kFieldBm25), query);
  }
}

TEST_F(ShardedSearchTest, RemoteShardsRankAsTheMergedIndexWithXapiansBm25) {
  if (!have_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv (Debian xapian-tools) is not installed";
  TcpServer first(shards() + "/shard-0"), second(shards() + "/shard-1");
  SearcherOptions options;
  options.index_dirs = {first.spec(), second.spec()};
  options.vocabulary_dirs = {merged()};
  Searcher remote(options);  // one connection per shard for all the queries
  for (const std::string& query : *queries_) {
    SearchRequest request;
    request.query = query;
    request.limit = 100;
    request.presentation = false;
    request.collapse_duplicates = false;
    SearchResponse over_network = remote.search(request);
    EXPECT_FALSE(over_network.partial);
    expect_same_ranking(over_network, search({merged()}, query, RankingOptions::Weighting::kBm25),
                        query);
  }
}

TEST_F(ShardedSearchTest, RemoteHitsReadTheirDocumentsFromTheVocabularyNotTheShards) {
  if (!have_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv (Debian xapian-tools) is not installed";
  SearchRequest request;
  request.query = "is measles contagious";
  const std::vector<SearchHit> local =
      search({merged()}, request.query, RankingOptions::Weighting::kBm25).hits;
  ASSERT_FALSE(local.empty());
  // A vocabulary whose copy of the first hit says something the shards' copy does not: the
  // remote hit shows the vocabulary's, which no round trip to a shard fetched.
  const std::string vocabulary = (dir_->path() / "vocabulary-marked").string();
  Xapian::Database(merged()).compact(vocabulary);
  {
    Xapian::WritableDatabase db(vocabulary, Xapian::DB_OPEN);
    Xapian::docid id = *db.postlist_begin(schema::id_term(local[0].id));
    Xapian::Document doc = db.get_document(id);
    nlohmann::json data = nlohmann::json::parse(doc.get_data());
    data["question"] = "The vocabulary's copy";
    doc.set_data(data.dump());
    db.replace_document(id, doc);
    db.commit();
  }
  TcpServer first(shards() + "/shard-0"), second(shards() + "/shard-1");
  SearcherOptions options;
  options.index_dirs = {first.spec(), second.spec()};
  options.vocabulary_dirs = {vocabulary};
  SearchResponse response = Searcher(options).search(request);
  ASSERT_FALSE(response.hits.empty());
  EXPECT_EQ(response.hits[0].id, local[0].id);
  EXPECT_NE(response.hits[0].question.find("vocabulary"), std::string::npos)
      << response.hits[0].question;
  // Sorted by date, the ids do not come back with the results: the shards' copies are read.
  request.sort = SearchRequest::Sort::kUpdated;
  request.limit = 100;
  for (const SearchHit& hit : Searcher(options).search(request).hits) {
    EXPECT_EQ(hit.question.find("The vocabulary"), std::string::npos) << hit.id;
  }
}

TEST_F(ShardedSearchTest, RemoteShardsServeSnippetsFacetsAndSpellingFromTheVocabulary) {
  if (!have_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv (Debian xapian-tools) is not installed";
  TcpServer first(shards() + "/shard-0"), second(shards() + "/shard-1");
  SearcherOptions options;
  options.index_dirs = {first.spec(), second.spec()};
  options.vocabulary_dirs = {merged()};
  Searcher searcher(options);
  SearchRequest request;
  request.query = "is cystic fibrosis inherited";
  request.facets = {Field::kCondition};
  SearchResponse response = searcher.search(request);
  ASSERT_FALSE(response.hits.empty());
  EXPECT_NE(response.hits[0].snippet.find("<mark>"), std::string::npos) << response.hits[0].snippet;
  EXPECT_NE(response.hits[0].question.find("<mark>"), std::string::npos);
  ASSERT_FALSE(response.facets[Field::kCondition].empty());
  EXPECT_GT(response.facets[Field::kCondition][0].count, 0u);

  request.query = "cystic fibrosus";
  request.facets.clear();
  EXPECT_EQ(searcher.search(request).suggestion, "cystic fibrosis");
  EXPECT_FALSE(searcher.complete("fibro", 5).empty());
}

TEST_F(ShardedSearchTest, AShardThatIsDownGivesPartialResultsFlaggedAsSuch) {
  if (!have_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv (Debian xapian-tools) is not installed";
  TcpServer first(shards() + "/shard-0"), second(shards() + "/shard-1");
  SearcherOptions options = remote_options({first.spec(), second.spec()});
  Searcher searcher(options);
  SearchRequest request;
  request.query = "symptoms";
  SearchResponse whole = searcher.search(request);
  ASSERT_FALSE(whole.partial);

  second.stop();
  SearchResponse half = searcher.search(request);
  EXPECT_TRUE(half.partial);
  EXPECT_EQ(half.unavailable_shards, std::vector<std::string>{second.spec()});
  EXPECT_FALSE(half.hits.empty());
  EXPECT_LT(half.total, whole.total);

  // Opened while a shard is down: the same.
  SearchResponse later = Searcher(options).search(request);
  EXPECT_TRUE(later.partial);
  EXPECT_FALSE(later.hits.empty());
}

TEST_F(ShardedSearchTest, AShardThatStopsAnsweringTimesOutIntoPartialResults) {
  if (!have_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv (Debian xapian-tools) is not installed";
  TcpServer first(shards() + "/shard-0"), second(shards() + "/shard-1");
  SearcherOptions options;
  options.index_dirs = {first.spec(), second.spec()};
  options.remote_timeout_ms = 1000;
  Searcher searcher(options);
  SearchRequest request;
  request.query = "treatment";
  ASSERT_FALSE(searcher.search(request).partial);
  second.pause();  // connected, but silent: only the timeout ends the wait
  SearchResponse response = searcher.search(request);
  EXPECT_TRUE(response.partial);
  EXPECT_FALSE(response.hits.empty());
}

TEST_F(ShardedSearchTest, ARemoteShardOfAnotherSchemaIsLeftOutAndSaysWhy) {
  if (!have_tcpsrv()) GTEST_SKIP() << "xapian-tcpsrv (Debian xapian-tools) is not installed";
  // A copy of shard 1 as an older hqa would have written it.
  const std::string old = (dir_->path() / "old-schema").string();
  Xapian::Database(shards() + "/shard-1").compact(old);
  {
    Xapian::WritableDatabase db(old, Xapian::DB_OPEN);
    db.set_metadata(schema::kSchemaVersionKey, "1");
    db.commit();
  }
  TcpServer current(shards() + "/shard-0"), outdated(old);
  SearcherOptions options = remote_options({current.spec(), outdated.spec()});
  Searcher searcher(options);
  SearchRequest request;
  request.query = "symptoms";
  SearchResponse response = searcher.search(request);
  EXPECT_TRUE(response.partial);
  EXPECT_EQ(response.unavailable_shards, std::vector<std::string>{outdated.spec()});
  EXPECT_FALSE(response.hits.empty()) << "the current shard still answers";
  // With no current shard at all, the error names the schema.
  options.index_dirs = {outdated.spec()};
  try {
    Searcher alone(options);
    FAIL() << "an index of schema version 1 was searched";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 1"), std::string::npos) << e.what();
  }
}

// Explanations over shards weigh with the statistics of all of them, as their search does: the
// parts add up to the score the search gives, ranks agree, and a document scores as in the
// merged index; locally and over xapian-tcpsrv (where groups of terms get no statistics).
TEST_F(ShardedSearchTest, ExplanationsOverShardsAddUpToTheScoresTheirSearchGives) {
  std::vector<std::pair<std::string, SearcherOptions>> setups;
  SearcherOptions stub;
  stub.index_dirs = {shards()};
  stub.vocabulary_dirs = {merged()};
  setups.push_back({"stub", stub});
  SearcherOptions named = stub;
  named.index_dirs = {shards() + "/shard-0", shards() + "/shard-1"};
  setups.push_back({"named", named});
  std::unique_ptr<TcpServer> first, second;
  if (have_tcpsrv()) {
    first = std::make_unique<TcpServer>(shards() + "/shard-0");
    second = std::make_unique<TcpServer>(shards() + "/shard-1");
    SearcherOptions remote = remote_options({first->spec(), second->spec()});
    remote.vocabulary_dirs = {merged()};
    setups.push_back({"remote", remote});
  }
  SearcherOptions whole;
  whole.index_dirs = {merged()};
  Searcher merged_searcher(whole);
  size_t checked = 0;
  for (const auto& [name, options] : setups) {
    Searcher searcher(options);
    for (size_t i = 0; i < queries_->size(); i += 20) {
      SearchRequest request;
      request.query = (*queries_)[i];
      request.limit = 3;
      request.last_word_is_prefix = i % 40 == 0;  // completions: a group of terms
      for (const SearchHit& hit : searcher.search(request).hits) {
        std::optional<Explanation> e = searcher.explain(request, hit.id);
        ASSERT_TRUE(e) << name << " " << hit.id;
        const std::string where = name + ": " + request.query + " " + hit.id;
        EXPECT_NEAR(e->sum_of_parts(), hit.score, 1e-9 * std::max(1.0, hit.score)) << where;
        EXPECT_EQ(e->rank, std::optional<size_t>(hit.rank)) << where;
        EXPECT_EQ(e->documents, Xapian::Database(merged()).get_doccount()) << where;
        if (name != "remote") {
          std::optional<Explanation> alone = merged_searcher.explain(request, hit.id);
          ASSERT_TRUE(alone) << where;
          EXPECT_NEAR(alone->score, e->score, 1e-9 * std::max(1.0, e->score)) << where;
        }
        ++checked;
      }
    }
  }
  EXPECT_GE(checked, 20u);
}

TEST_F(ShardedSearchTest, NoReachableShardIsAClearError) {
  SearcherOptions options;
  options.index_dirs = {"tcp://127.0.0.1:" + std::to_string(free_port())};
  options.remote_connect_timeout_ms = 500;
  try {
    Searcher searcher(options);
    FAIL() << "opened nothing";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot reach any index"), std::string::npos) << e.what();
  }
  options.index_dirs = {"tcp://no-port-here"};
  EXPECT_THROW(Searcher{options}, std::runtime_error);
}

}  // namespace
}  // namespace hqa
