// @brief Crash safety: hqa-index, hqa-index --rebuild and hqa-search serve killed with SIGKILL at
// random moments. After every kill the index opens, holds every document of every committed
// batch (and nothing half-written), and a re-run finishes the job without duplicates.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "indexer/jsonl_reader.h"
#include "schema/index_format.h"
#include "searcher/searcher.h"
#include "tests/test_support.h"

namespace hqa {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

// A child process running `argv`, with its output thrown away.
pid_t spawn(const std::vector<std::string>& argv, const std::string& stdout_path = "/dev/null") {
  pid_t pid = ::fork();
  if (pid == 0) {
    if (!::freopen(stdout_path.c_str(), "w", stdout) || !::freopen("/dev/null", "w", stderr))
      ::_exit(126);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

// Waits up to `limit` for `pid` to exit. Returns how long it ran if it exited in time (it is
// then reaped), nothing if it is still running.
std::optional<std::chrono::milliseconds> exited_within(pid_t pid, std::chrono::milliseconds limit) {
  const auto started = std::chrono::steady_clock::now();
  for (;;) {
    int status = 0;
    const auto ran = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - started);
    if (::waitpid(pid, &status, WNOHANG) == pid) return ran;
    if (ran >= limit) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

// Kills `pid` with SIGKILL; true if it was still running (the kill interrupted it).
bool kill_now(pid_t pid) {
  int status = 0;
  bool running = ::waitpid(pid, &status, WNOHANG) == 0;
  if (running) {
    ::kill(pid, SIGKILL);
    ::waitpid(pid, &status, 0);
  }
  return running;
}

int wait_for(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// The ids of a JSONL file, in input order.
std::vector<std::string> ids_in(const fs::path& jsonl) {
  std::vector<std::string> ids;
  std::ifstream in(jsonl);
  std::string line;
  while (std::getline(in, line)) {
    json doc = json::parse(line, nullptr, false);
    if (doc.is_object() && doc.contains("id") && doc.contains("answer") &&
        doc["answer"].is_string() && !doc["answer"].get<std::string>().empty()) {
      ids.push_back(doc["id"].get<std::string>());
    }
  }
  return ids;
}

// The input: the LiveQA-Med corpus when ../shared/data has it, else corpus/ pages written out
// 150 times over under distinct ids (5,400 documents).
fs::path make_input(const testing::TempDir& dir) {
  fs::path shared = testing::shared_data("liveqa-med/corpus.jsonl");
  if (!shared.empty() && fs::exists(shared)) return shared;
  std::cerr << "crash_test: ../shared/data is absent; using corpus/ replicated\n";
  fs::path out = dir.path() / "input.jsonl";
  std::ofstream jsonl(out);
  for (int copy = 0; copy < 150; ++copy) {
    for (const auto& entry : fs::directory_iterator(testing::corpus_dir())) {
      if (entry.path().extension() != ".txt") continue;
      std::string text = testing::read_file(entry.path());
      json doc = {{"id", entry.path().stem().string() + "~" + std::to_string(copy)},
                  {"question", text.substr(0, text.find('\n'))},
                  {"answer", text}};
      jsonl << doc.dump() << "\n";
    }
  }
  return out;
}

struct IndexState {
  std::set<std::string> ids;
  size_t duplicated_ids = 0;  // id terms held by more than one document
  Xapian::doccount documents = 0;
};

IndexState read_state(const std::string& index) {
  IndexState state;
  if (!fs::exists(index)) return state;  // killed before it made the folder: nothing indexed
  Xapian::Database db(index);
  state.documents = db.get_doccount();
  const std::string prefix(schema::kIdPrefix);
  for (auto term = db.allterms_begin(prefix); term != db.allterms_end(prefix); ++term) {
    // Only id terms: other prefixes starting with "Q" do not exist in the schema.
    state.ids.insert((*term).substr(prefix.size()));
    if (term.get_termfreq() > 1) ++state.duplicated_ids;
  }
  return state;
}

// True if `present` is exactly the distinct ids of some prefix of `order`: batches commit in
// input order, so a killed run leaves whole batches from the start and nothing after them.
bool is_input_prefix(const std::set<std::string>& present, const std::vector<std::string>& order) {
  std::set<std::string> seen;
  if (present.empty()) return true;
  for (const std::string& id : order) {
    seen.insert(id);
    if (seen.size() == present.size()) return seen == present;
    if (!present.count(id)) return false;
  }
  return false;
}

// A few documents of the index are found by searching their own question.
void expect_searchable(const std::string& index, const std::set<std::string>& ids,
                       std::mt19937& random) {
  if (ids.empty()) return;
  SearcherOptions options;
  options.index_dirs = {index};
  Searcher searcher(options);
  std::vector<std::string> all(ids.begin(), ids.end());
  for (int i = 0; i < 3; ++i) {
    const std::string& id = all[random() % all.size()];
    json doc = json::parse(searcher.document_json(id).value_or("{}"));
    // The first words of its answer, as a phrase: few other documents share them.
    std::istringstream answer(doc["answer"].get<std::string>());
    std::string word, phrase;
    for (int n = 0; n < 10 && answer >> word;) {
      word.erase(std::remove(word.begin(), word.end(), '"'), word.end());
      if (word.empty()) continue;
      phrase += (phrase.empty() ? "" : " ") + word;
      ++n;
    }
    SearchRequest request;
    request.query = "\"" + phrase + "\"";
    request.limit = 1000;
    request.collapse_duplicates = false;
    request.presentation = false;
    bool found = false;
    for (const SearchHit& hit : searcher.search(request).hits) found |= hit.id == id;
    EXPECT_TRUE(found) << id << " is indexed but not found by the phrase " << request.query;
  }
}

TEST(CrashSafety, IndexingKilledTwentyTimesLosesNoCommittedBatchAndAReRunFinishes) {
  testing::TempDir dir;
  const fs::path input = make_input(dir);
  const std::vector<std::string> order = ids_in(input);
  const std::set<std::string> distinct(order.begin(), order.end());
  const std::string index = (dir.path() / "index").string();
  const unsigned seed = std::random_device()();
  std::mt19937 random(seed);
  std::cerr << "crash_test: seed " << seed << ", " << order.size() << " documents\n";
  // Kills land at a random moment before the longest delay. A run that finishes first has no work
  // left to interrupt: the index starts over, so that later kills again land in real work. If it
  // started from an empty index, the delay also outlasts a whole run on this machine, and is cut
  // below that run's length.
  std::chrono::milliseconds longest_delay(2600);
  int interrupted = 0;
  for (int round = 0; round < 20; ++round) {
    const bool from_scratch = !fs::exists(index);
    pid_t indexer = spawn(
        {testing::index_bin(), "--quiet", "--batch-size", "300", "--index", index, input.string()});
    const std::chrono::milliseconds delay(100 + random() % (longest_delay.count() - 100));
    std::optional<std::chrono::milliseconds> finished_after = exited_within(indexer, delay);
    if (!finished_after) interrupted += kill_now(indexer);
    IndexState state = read_state(index);  // opens: nothing half-written is visible
    SCOPED_TRACE("round " + std::to_string(round) + ", seed " + std::to_string(seed));
    EXPECT_EQ(state.duplicated_ids, 0u);
    EXPECT_EQ(state.documents, state.ids.size());
    EXPECT_TRUE(is_input_prefix(state.ids, order))
        << state.ids.size() << " documents are not a prefix of the input";
    expect_searchable(index, state.ids, random);
    if (finished_after) {
      EXPECT_EQ(state.ids, distinct) << "a run that finished holds every document";
      if (from_scratch)
        longest_delay = std::max(std::chrono::milliseconds(400), *finished_after * 3 / 4);
      fs::remove_all(index);
    }
  }
  std::cerr << "crash_test: " << interrupted << " of 20 kills interrupted a run\n";
  EXPECT_GE(interrupted, 10) << "most kills should land while the run is under way";
  EXPECT_EQ(wait_for(spawn({testing::index_bin(), "--quiet", "--index", index, input.string()})),
            0);
  IndexState final_state = read_state(index);
  EXPECT_EQ(final_state.ids, distinct);
  EXPECT_EQ(final_state.duplicated_ids, 0u);
  EXPECT_EQ(final_state.documents, distinct.size());
}

TEST(CrashSafety, AKilledRebuildLeavesTheOldIndexServing) {
  testing::TempDir dir;
  const fs::path input = make_input(dir);
  const std::string index = (dir.path() / "index").string();
  ASSERT_EQ(wait_for(spawn({testing::index_bin(), "--quiet", "--index", index,
                            testing::corpus_dir().string()})),
            0);
  std::mt19937 random(std::random_device{}());
  for (int round = 0; round < 5; ++round) {
    pid_t rebuild =
        spawn({testing::index_bin(), "--quiet", "--rebuild", "--index", index, input.string()});
    // Early in the rebuild: a whole one takes seconds even on a fast machine.
    std::this_thread::sleep_for(std::chrono::milliseconds(100 + random() % 900));
    EXPECT_TRUE(kill_now(rebuild)) << "round " << round << ": the rebuild finished before the kill";
    IndexState state = read_state(index);
    EXPECT_EQ(state.documents, 36u) << "round " << round << ": the old index is intact";
    SearcherOptions options;
    options.index_dirs = {index};
    SearchRequest request;
    request.query = "is cystic fibrosis inherited";
    EXPECT_EQ(Searcher(options).search(request).hits.at(0).id, "001_cystic-fibrosis-hereditary");
  }
  // The next rebuild clears what the killed ones left and swaps in.
  ASSERT_EQ(wait_for(spawn(
                {testing::index_bin(), "--quiet", "--rebuild", "--index", index, input.string()})),
            0);
  std::vector<std::string> order = ids_in(input);
  EXPECT_EQ(read_state(index).ids, std::set<std::string>(order.begin(), order.end()));
  EXPECT_FALSE(fs::exists(index + ".rebuild"));
}

TEST(CrashSafety, AServerKilledWhileWritingAndSearchingLosesNoAcknowledgedDocument) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  ASSERT_EQ(wait_for(spawn({testing::index_bin(), "--quiet", "--index", index,
                            testing::corpus_dir().string()})),
            0);
  std::mt19937 random(std::random_device{}());
  std::set<std::string> acknowledged;
  int next_id = 0;
  for (int round = 0; round < 5; ++round) {
    const std::string out = (dir.path() / "serve.out").string();
    pid_t server = spawn({testing::search_bin(), "serve", "--index", index, "--listen",
                          "127.0.0.1:0", "--api-key", "k"},
                         out);
    std::string url;
    for (int wait = 0; wait < 200 && url.empty(); ++wait) {
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
      std::string text = testing::read_file(out);
      size_t at = text.find("http://127.0.0.1:");
      if (at != std::string::npos)
        url = text.substr(at + 17, text.find_first_not_of("0123456789", at + 17) - at - 17);
    }
    ASSERT_FALSE(url.empty()) << "the server did not start";
    const int port = std::stoi(url);
    std::atomic<bool> stop{false};
    std::vector<std::thread> clients;
    std::mutex mutex;
    for (int c = 0; c < 2; ++c) {
      clients.emplace_back([&, c] {
        httplib::Client client("127.0.0.1", port);
        client.set_read_timeout(5, 0);
        while (!stop) {
          if (c == 0) {
            std::string body, first;
            std::vector<std::string> ids;
            {
              std::lock_guard<std::mutex> lock(mutex);
              for (int i = 0; i < 20; ++i) ids.push_back("posted-" + std::to_string(next_id++));
            }
            for (const std::string& id : ids) {
              body += json({{"id", id},
                            {"question", "Is posted document " + id + " kept?"},
                            {"answer", "It is kept once acknowledged."}})
                          .dump() +
                      "\n";
            }
            auto res =
                client.Post("/documents", {{"X-API-Key", "k"}}, body, "application/x-ndjson");
            if (res && res->status == 200) {
              std::lock_guard<std::mutex> lock(mutex);
              acknowledged.insert(ids.begin(), ids.end());
            }
          } else {
            client.Get("/search?q=is%20posted%20document%20kept&facets=condition");
          }
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(300 + random() % 1500));
    EXPECT_TRUE(kill_now(server));
    stop = true;
    for (std::thread& client : clients) client.join();
    IndexState state = read_state(index);
    EXPECT_EQ(state.duplicated_ids, 0u);
    for (const std::string& id : acknowledged)
      EXPECT_TRUE(state.ids.count(id)) << "round " << round << ": lost " << id;
  }
  EXPECT_GT(acknowledged.size(), 0u) << "some writes were acknowledged before the kills";
}

}  // namespace
}  // namespace hqa
