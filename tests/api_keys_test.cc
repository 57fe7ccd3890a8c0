// API keys with actions: the keys file and its bad forms, 401 for a missing or unknown key and
// 403 for a key without the action, private reads, and rotating keys by editing the file and
// sending SIGHUP (through AccessControl::reload, and to a real `hqa-search serve`).
#include "service/api_keys.h"

#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "indexer/indexing_job.h"
#include "schema/errors.h"
#include "service/http_params.h"
#include "service/http_service.h"
#include "tests/served_index.h"
#include "tests/test_support.h"

namespace hqa {
namespace {

const std::string kSearchKey = "search-key-0123456789";
const std::string kAddKey = "add-key-0123456789abcdef";
const std::string kDeleteKey = "delete-key-0123456789abc";
const std::string kAllKey = "all-key-0123456789abcdefgh";

// Writes a keys file readable by its owner only, as the server wants it.
std::string write_keys(const testing::TempDir& dir, const std::string& text,
                       const std::string& name = "keys") {
  std::filesystem::path path = dir.write(name, text);
  ::chmod(path.c_str(), 0600);
  return path.string();
}

// The status AccessControl::check answers `method path` with `key` (0 when it lets it through).
int status_for(const AccessControl& access, const std::string& method, const std::string& path,
               const std::string& key) {
  httplib::Request req;
  req.method = method;
  req.path = path;
  if (!key.empty()) req.headers.emplace("X-API-Key", key);
  try {
    access.check(req);
    return 0;
  } catch (const HttpError& e) {
    return e.status;
  }
}

std::string error_of(const std::string& text) {
  try {
    parse_keys(text, "keys");
  } catch (const InvalidInput& e) {
    return e.what();
  }
  return "";
}

TEST(KeysFile, HoldsKeysWithCommaSeparatedActionsCommentsAndBlankLines) {
  std::vector<ApiKey> keys = parse_keys(
      "# the indexing job\n" + kAddKey + " documents.add\n\n  \t\n" + kAllKey +
          "\tsearch,documents.add,documents.delete\r\n" + kSearchKey + "   search  # reads only?\n",
      "keys");
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_EQ(keys[0].key, kAddKey);
  EXPECT_EQ(keys[0].actions, kAddDocuments);
  EXPECT_EQ(keys[1].key, kAllKey);
  EXPECT_EQ(keys[1].actions, kSearch | kAddDocuments | kDeleteDocuments);
  EXPECT_EQ(keys[2].actions, kSearch);
}

TEST(KeysFile, BadLinesAreRefusedNamingTheLineAndNeverTheKey) {
  struct Case {
    const char* what;
    std::string text;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"a key twice", kAddKey + " documents.add\n# x\n" + kAddKey + " search\n",
       "keys:3: the key on this line is already on line 1"},
      {"an unknown action", kAddKey + " documents.add,documents.write\n",
       "keys:1: unknown action 'documents.write'"},
      {"a key without actions", "\n" + kAddKey + "\n", "keys:2: a key without actions"},
      {"actions separated by spaces", kAddKey + " search documents.add\n",
       "keys:1: more than a key and its actions"},
      {"a stray comma", kAddKey + " search,\n", "keys:1: an empty action"},
      {"two commas", kAddKey + " search,,documents.add\n", "keys:1: an empty action"},
      {"a short key", "abc search\n", "keys:1: a key must be 16 to 256"},
      {"a key with bytes that are not ASCII", "k\xC3\xA9y-0123456789abcdef search\n",
       "keys:1: a key must be"},
      {"a key where the actions go", kSearchKey + " " + kAddKey + "\n",
       "keys:1: unknown action (not shown"},
  };
  for (const Case& c : cases) {
    std::string message = error_of(c.text);
    EXPECT_NE(message.find(c.message), std::string::npos) << c.what << ": " << message;
    EXPECT_EQ(message.find(kAddKey), std::string::npos) << c.what << ": the key is not shown";
  }
  EXPECT_EQ(error_of(""), "") << "an empty file holds no keys";
  EXPECT_EQ(action_name(kDeleteDocuments), "documents.delete");
}

TEST(KeysFile, AFileGroupOrOthersMayReadIsRefusedNamingTheFile) {
  testing::TempDir dir;
  std::string path = write_keys(dir, kAddKey + " documents.add\n");
  EXPECT_EQ(read_keys_file(path).size(), 1u);
  for (mode_t mode : {0644, 0640, 0604, 0620}) {
    ::chmod(path.c_str(), mode);
    try {
      read_keys_file(path);
      ADD_FAILURE() << "mode " << std::oct << mode << " accepted";
    } catch (const InvalidInput& e) {
      std::string message = e.what();
      EXPECT_NE(message.find(path), std::string::npos) << message;
      EXPECT_NE(message.find("chmod 600"), std::string::npos) << message;
    }
  }
  EXPECT_THROW(read_keys_file((dir.path() / "absent").string()), InvalidInput);
  EXPECT_THROW(read_keys_file(dir.path().string()), InvalidInput) << "a folder";
}

TEST(AccessControl, MissingOrUnknownKeysAre401AndKeysWithoutTheActionAre403) {
  testing::TempDir dir;
  AccessControl access({write_keys(dir, kAddKey + " documents.add\n" + kDeleteKey +
                                            " documents.delete\n" + kSearchKey + " search\n"),
                        "", false});
  EXPECT_EQ(status_for(access, "POST", "/documents", ""), 401);
  EXPECT_EQ(status_for(access, "POST", "/documents", "not-a-key-0123456789"), 401);
  EXPECT_EQ(status_for(access, "POST", "/documents", kAddKey.substr(0, 10)), 401);
  EXPECT_EQ(status_for(access, "POST", "/documents", kAddKey + "x"), 401);
  EXPECT_EQ(status_for(access, "POST", "/documents", kAddKey), 0);
  EXPECT_EQ(status_for(access, "POST", "/documents", kDeleteKey), 403);
  EXPECT_EQ(status_for(access, "POST", "/documents", kSearchKey), 403);
  EXPECT_EQ(status_for(access, "DELETE", "/documents/abc", kDeleteKey), 0);
  EXPECT_EQ(status_for(access, "DELETE", "/documents/abc", kAddKey), 403);
  // Reads are public unless --private-search.
  EXPECT_EQ(status_for(access, "GET", "/search", ""), 0);
  EXPECT_EQ(status_for(access, "GET", "/doc/abc", "not-a-key-0123456789"), 0);
  // Authorization: Bearer works as X-API-Key does.
  httplib::Request bearer;
  bearer.method = "DELETE";
  bearer.path = "/documents/abc";
  bearer.headers.emplace("Authorization", "Bearer " + kDeleteKey);
  EXPECT_NO_THROW(access.check(bearer));
}

TEST(AccessControl, TheApiKeyFlagAllowsBothWritesAloneOrBesideAKeysFile) {
  AccessControl alone({"", "s3cret", false});
  EXPECT_EQ(status_for(alone, "POST", "/documents", "s3cret"), 0);
  EXPECT_EQ(status_for(alone, "DELETE", "/documents/x", "s3cret"), 0);
  EXPECT_EQ(status_for(alone, "POST", "/documents", "guess"), 401);
  EXPECT_EQ(alone.summary(), "writes on, with the API key");
  AccessControl none({"", "", false});
  EXPECT_EQ(status_for(none, "POST", "/documents", "s3cret"), 403) << "writes are off";
  EXPECT_EQ(none.summary(), "writes off");
  testing::TempDir dir;
  AccessControl both({write_keys(dir, kSearchKey + " search\n"), "s3cret", true});
  EXPECT_EQ(status_for(both, "POST", "/documents", "s3cret"), 0);
  EXPECT_EQ(status_for(both, "GET", "/search", "s3cret"), 403);
  EXPECT_EQ(status_for(both, "GET", "/search", kSearchKey), 0);
  EXPECT_EQ(status_for(both, "DELETE", "/documents/x", kSearchKey), 403);
}

TEST(AccessControl, PrivateSearchCoversReadsButNotThePageHealthVersionOrMetrics) {
  testing::TempDir dir;
  AccessControl access(
      {write_keys(dir, kSearchKey + " search\n" + kAddKey + " documents.add\n"), "", true});
  for (const char* path : {"/search", "/suggest", "/doc/abc", "/stats"}) {
    EXPECT_EQ(status_for(access, "GET", path, ""), 401) << path;
    EXPECT_EQ(status_for(access, "GET", path, kAddKey), 403) << path;
    EXPECT_EQ(status_for(access, "GET", path, kSearchKey), 0) << path;
  }
  for (const char* path : {"/", "/health", "/version", "/metrics", "/openapi.json"}) {
    EXPECT_EQ(status_for(access, "GET", path, ""), 0) << path;
  }
  EXPECT_EQ(status_for(access, "POST", "/documents", kSearchKey), 403);
  EXPECT_EQ(access.summary(), "writes on, with API keys; reads need a key");
}

TEST(AccessControl, PrivateSearchWithoutAnySearchKeyIsRefused) {
  testing::TempDir dir;
  try {
    AccessControl access({write_keys(dir, kAddKey + " documents.add\n"), "", true});
    ADD_FAILURE() << "accepted";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("--private-search"), std::string::npos) << e.what();
  }
  EXPECT_THROW(AccessControl({"", "s3cret", true}), InvalidInput);
}

TEST(AccessControl, ReloadRotatesKeysAndABadFileKeepsTheKeysInUse) {
  testing::TempDir dir;
  std::string path = write_keys(dir, kAddKey + " documents.add\n");
  AccessControl access({path, "", false});
  EXPECT_EQ(status_for(access, "POST", "/documents", kAddKey), 0);

  write_keys(dir, kAllKey + " documents.add,documents.delete\n");  // rotated
  EXPECT_EQ(access.reload(), 1u);
  EXPECT_EQ(status_for(access, "POST", "/documents", kAddKey), 401) << "the old key is gone";
  EXPECT_EQ(status_for(access, "DELETE", "/documents/x", kAllKey), 0);

  const std::vector<std::string> bad_files = {
      kAddKey + " documents.add\n" + kAddKey + " documents.delete\n",  // a key twice
      kAddKey + " documents.remove\n",                                 // an unknown action
      kAddKey + "\n",                                                  // no actions
  };
  for (const std::string& bad : bad_files) {
    write_keys(dir, bad);
    EXPECT_THROW(access.reload(), InvalidInput) << bad;
    EXPECT_EQ(status_for(access, "DELETE", "/documents/x", kAllKey), 0) << "the keys stay";
    EXPECT_EQ(status_for(access, "POST", "/documents", kAddKey), 401);
  }
  write_keys(dir, kAddKey + " documents.add\n");
  ::chmod(path.c_str(), 0644);
  EXPECT_THROW(access.reload(), InvalidInput) << "world-readable";
  EXPECT_EQ(status_for(access, "DELETE", "/documents/x", kAllKey), 0) << "the keys stay";
  std::filesystem::remove(path);
  EXPECT_THROW(access.reload(), InvalidInput) << "gone";
  EXPECT_EQ(status_for(access, "DELETE", "/documents/x", kAllKey), 0) << "the keys stay";
}

class KeyedServiceTest : public ::testing::Test {
 protected:
  void SetUp() override { index_ = testing::index_corpus(dir_.path()); }
  void start(const std::string& keys_file, bool private_reads) {
    ServiceOptions options;
    options.searcher.index_dirs = {index_};
    options.keys_file = keys_file;
    options.private_reads = private_reads;
    served_ = std::make_unique<testing::ServedIndex>(options);
  }
  // The in-process service's client, or the one a test made for a server process.
  httplib::Client& client() { return process_client_ ? *process_client_ : served_->client(); }
  int post(const std::string& key) {
    httplib::Headers headers = {{"X-API-Key", key}};
    auto res = client().Post("/documents", headers,
                             R"({"id":"web-1","question":"Is lupus contagious?","answer":"No."})",
                             "application/x-ndjson");
    return res ? res->status : -1;
  }
  int get(const std::string& path, const std::string& key) {
    httplib::Headers headers;
    if (!key.empty()) headers.emplace("X-API-Key", key);
    auto res = client().Get(path, headers);
    if (res && res->status >= 400) {
      nlohmann::json error = nlohmann::json::parse(res->body, nullptr, false);
      EXPECT_EQ(error["status"], res->status) << path << ": a JSON error";
    }
    return res ? res->status : -1;
  }
  int remove(const std::string& key) {
    httplib::Headers headers = {{"X-API-Key", key}};
    auto res = client().Delete("/documents/web-1", headers);
    return res ? res->status : -1;
  }

  testing::TempDir dir_;
  std::string index_;
  std::unique_ptr<testing::ServedIndex> served_;
  std::unique_ptr<httplib::Client> process_client_;
};

TEST_F(KeyedServiceTest, EachKeyDoesWhatItsActionsAllowOverHttp) {
  start(write_keys(dir_, kAddKey + " documents.add\n" + kDeleteKey + " documents.delete\n"), false);
  EXPECT_EQ(post(""), 401);
  EXPECT_EQ(post("unknown-key-0123456789"), 401);
  EXPECT_EQ(post(kDeleteKey), 403);
  EXPECT_EQ(post(kAddKey), 200);
  EXPECT_EQ(remove(kAddKey), 403);
  EXPECT_EQ(remove(kDeleteKey), 200);
  EXPECT_EQ(get("/search?q=lupus", ""), 200) << "reads are public";
}

TEST_F(KeyedServiceTest, PrivateSearchNeedsAKeyWithSearchOverHttp) {
  start(write_keys(dir_, kSearchKey + " search\n" + kAddKey + " documents.add\n"), true);
  EXPECT_EQ(get("/search?q=measles", ""), 401);
  EXPECT_EQ(get("/search?q=measles", "unknown-key-0123456789"), 401);
  EXPECT_EQ(get("/search?q=measles", kAddKey), 403);
  EXPECT_EQ(get("/search?q=measles", kSearchKey), 200);
  EXPECT_EQ(get("/suggest?q=meas", ""), 401);
  EXPECT_EQ(get("/doc/008_measles-contagious", kSearchKey), 200);
  EXPECT_EQ(get("/stats", ""), 401);
  EXPECT_EQ(get("/health", ""), 200);
  EXPECT_EQ(get("/version", ""), 200);
  EXPECT_EQ(get("/metrics", ""), 200);
  EXPECT_EQ(get("/", ""), 200);
}

TEST_F(KeyedServiceTest, ReloadKeysRotatesThemWhileServing) {
  std::string path = write_keys(dir_, kAddKey + " documents.add\n");
  start(path, false);
  EXPECT_EQ(post(kAddKey), 200);
  write_keys(dir_, kAllKey + " documents.add\n");
  EXPECT_EQ(served_->service().reload_keys(), 1u);
  EXPECT_EQ(post(kAddKey), 401);
  EXPECT_EQ(post(kAllKey), 200);
  write_keys(dir_, kAllKey + " documents.add\n" + kAllKey + " search\n");
  EXPECT_THROW(served_->service().reload_keys(), InvalidInput);
  EXPECT_EQ(post(kAllKey), 200) << "a bad file keeps the keys in use";
}

TEST_F(KeyedServiceTest, ABadKeysFileStopsTheServiceFromStarting) {
  std::filesystem::path path = dir_.write("keys", kAddKey + " documents.add\n");
  ::chmod(path.c_str(), 0644);
  EXPECT_THROW(start(path.string(), false), InvalidInput);
}

// `hqa-search serve` as a child process, its stdout and stderr in files.
class ServeProcess {
 public:
  ServeProcess(const std::string& arguments, const std::filesystem::path& dir)
      : out_(dir / "serve.out"), log_(dir / "serve.log") {
    std::string command = "exec " + testing::search_bin() + " serve " + arguments + " >" +
                          testing::shell_quote(out_.string()) + " 2>" +
                          testing::shell_quote(log_.string());
    pid_ = fork();
    if (pid_ == 0) {
      execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
  }
  ~ServeProcess() { stop(SIGKILL); }

  // The port it serves on, once it says so; 0 if it exited or did not say within 10 s.
  int port() {
    for (int i = 0; i < 100; ++i) {
      std::string out = testing::read_file(out_);
      size_t at = out.find("http://127.0.0.1:");
      if (at != std::string::npos) return std::stoi(out.substr(at + 17));
      if (exited()) return 0;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return 0;
  }
  bool exited() {
    if (pid_ <= 0) return true;
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      return true;
    }
    return false;
  }
  void signal(int number) { ::kill(pid_, number); }
  // Stops it and returns its exit code.
  int stop(int number = SIGTERM) {
    if (pid_ > 0) {
      ::kill(pid_, number);
      int status = 0;
      waitpid(pid_, &status, 0);
      pid_ = -1;
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    return exit_code_;
  }
  std::string log() const { return testing::read_file(log_); }

 private:
  std::filesystem::path out_, log_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

TEST_F(KeyedServiceTest, SighupToTheServerRotatesKeysAndABadFileKeepsThem) {
  std::string path = write_keys(dir_, kAddKey + " documents.add\n");
  ServeProcess serve("--index " + testing::shell_quote(index_) + " --listen 127.0.0.1:0 --keys " +
                         testing::shell_quote(path),
                     dir_.path());
  int port = serve.port();
  ASSERT_GT(port, 0) << serve.log();
  process_client_ = std::make_unique<httplib::Client>("127.0.0.1", port);
  EXPECT_EQ(post(kAddKey), 200);

  write_keys(dir_, kAllKey + " documents.add\n");
  serve.signal(SIGHUP);
  int status = 0;
  for (int i = 0; i < 50 && (status = post(kAllKey)) != 200; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(status, 200) << serve.log();
  EXPECT_EQ(post(kAddKey), 401);
  EXPECT_NE(serve.log().find("reloaded " + path + ": 1 keys in use"), std::string::npos)
      << serve.log();

  write_keys(dir_, kAllKey + " documents.add\n" + kAllKey + " search\n");  // a key twice
  serve.signal(SIGHUP);
  for (int i = 0; i < 50 && serve.log().find("not reloaded") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::string log = serve.log();
  EXPECT_NE(log.find("keys not reloaded, the previous keys stay: " + path + ":2:"),
            std::string::npos)
      << log;
  EXPECT_EQ(post(kAllKey), 200) << "still the rotated key";
  EXPECT_EQ(log.find(kAllKey), std::string::npos) << "keys are never logged";
  EXPECT_EQ(serve.stop(), 0) << serve.log();
}

TEST_F(KeyedServiceTest, TheServerRefusesToStartOnABadKeysFileWithExitTwo) {
  std::filesystem::path path = dir_.write("keys", kAddKey + " documents.add\n");
  ::chmod(path.c_str(), 0644);
  testing::CommandResult result = testing::run_command(
      testing::search_bin() + " serve --index " + testing::shell_quote(index_) +
      " --listen 127.0.0.1:0 --keys " + testing::shell_quote(path.string()));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("hqa-search: keys file " + path.string()), std::string::npos)
      << result.err;
  ::chmod(path.c_str(), 0600);
  dir_.write("keys", kAddKey + " documents.add,documents.nuke\n");
  result = testing::run_command(testing::search_bin() + " serve --index " +
                                testing::shell_quote(index_) + " --listen 127.0.0.1:0 --keys " +
                                testing::shell_quote(path.string()));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(path.string() + ":1: unknown action 'documents.nuke'"),
            std::string::npos)
      << result.err;
}

}  // namespace
}  // namespace hqa
