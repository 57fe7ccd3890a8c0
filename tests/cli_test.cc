// The executables end to end: hqa-index and hqa-search on corpus/ and on MedQuAD, exit codes,
// JSON output, and the index's openness to Xapian's own tools.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "tests/test_support.h"

namespace hqa {
namespace {

using testing::run_command;
using testing::shell_quote;

std::string index_command(const std::string& index, const std::string& inputs) {
  return testing::index_bin() + " --index " + shell_quote(index) + " " + inputs;
}

std::string search_command(const std::string& index, const std::string& args) {
  return testing::search_bin() + " --index " + shell_quote(index) + " " + args;
}

TEST(Cli, IndexesTheCorpusAndSearchesItAsJson) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  auto indexed = run_command(index_command(index, shell_quote(testing::corpus_dir().string())));
  ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
  EXPECT_NE(indexed.err.find("added 36"), std::string::npos) << indexed.err;

  auto searched = run_command(
      search_command(index, "--json --limit 3 " + shell_quote("is measles contagious")));
  ASSERT_EQ(searched.exit_code, 0) << searched.err;
  nlohmann::json json = nlohmann::json::parse(searched.out);
  for (const char* key : {"query", "total", "took_ms", "hits"})
    EXPECT_TRUE(json.contains(key)) << key;
  EXPECT_EQ(json["query"], "is measles contagious");
  ASSERT_GE(json["hits"].size(), 1u);
  const auto& hit = json["hits"][0];
  for (const char* key :
       {"id", "rank", "score", "question", "condition", "url", "updated", "snippet"}) {
    EXPECT_TRUE(hit.contains(key)) << key;
  }
  EXPECT_EQ(hit["id"], "008_measles-contagious");
  EXPECT_EQ(hit["rank"], 1);
  EXPECT_NE(hit["snippet"].get<std::string>().find("<mark>"), std::string::npos);

  // The person's view: numbered results, no HTML tags when not on a terminal.
  auto text = run_command(search_command(index, "is measles contagious"));
  ASSERT_EQ(text.exit_code, 0);
  EXPECT_NE(text.out.find("1. Is Measles contagious?"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find("<mark>"), std::string::npos);
}

TEST(Cli, ReindexingTheSameInputChangesNothing) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  const std::string corpus = shell_quote(testing::corpus_dir().string());
  ASSERT_EQ(run_command(index_command(index, corpus)).exit_code, 0);
  auto again = run_command(index_command(index, corpus + " --json"));
  ASSERT_EQ(again.exit_code, 0) << again.err;
  nlohmann::json summary = nlohmann::json::parse(again.out);
  EXPECT_EQ(summary["added"], 0);
  EXPECT_EQ(summary["replaced"], 0);
  EXPECT_EQ(summary["unchanged"], 36);
  EXPECT_EQ(Xapian::Database(index).get_doccount(), 36u);
}

TEST(Cli, ShardedBuildReadsStandardInputOnce) {
  testing::TempDir dir;
  std::string lines;
  for (int i = 0; i < 40; ++i) {
    lines += R"({"id":"d)" + std::to_string(i) + R"(","question":"What is gout )" +
             std::to_string(i) + R"(?","answer":"Gout is a kind of arthritis."})" + "\n";
  }
  lines += "not json\n";
  const std::string input = dir.write("docs.jsonl", lines).string();
  const std::string index = (dir.path() / "index").string();
  auto indexed = run_command(testing::index_bin() + " --jobs 2 --json --index " +
                             shell_quote(index) + " - < " + shell_quote(input));
  EXPECT_EQ(indexed.exit_code, 1) << indexed.err;  // the line that is not JSON
  nlohmann::json summary = nlohmann::json::parse(indexed.out);
  EXPECT_EQ(summary["added"], 40);
  EXPECT_EQ(summary["rejected"], 1);
  EXPECT_EQ(Xapian::Database(index).get_doccount(), 40u);
  EXPECT_NE(indexed.err.find("<stdin>:41"), std::string::npos) << indexed.err;
}

TEST(Cli, DeleteRemovesDocumentsById) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  ASSERT_EQ(
      run_command(index_command(index, shell_quote(testing::corpus_dir().string()))).exit_code, 0);
  auto deleted = run_command(testing::index_bin() + " --index " + shell_quote(index) +
                             " --delete 008_measles-contagious no-such-id");
  EXPECT_EQ(deleted.exit_code, 0) << deleted.err;
  EXPECT_NE(deleted.err.find("deleted 1 (1 ids not found)"), std::string::npos) << deleted.err;
  auto searched = run_command(search_command(index, "--json measles"));
  EXPECT_EQ(searched.out.find("008_measles-contagious"), std::string::npos);
}

TEST(Cli, FiltersFacetsAndSortWorkAsInTheApi) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  ASSERT_EQ(
      run_command(index_command(index, shell_quote(testing::corpus_dir().string()))).exit_code, 0);
  auto searched = run_command(search_command(
      index,
      "--json --limit 20 --filter type:transmission --facets type,source --sort updated virus"));
  ASSERT_EQ(searched.exit_code, 0) << searched.err;
  nlohmann::json json = nlohmann::json::parse(searched.out);
  ASSERT_FALSE(json["hits"].empty());
  std::string previous = "9999";
  for (const auto& hit : json["hits"]) {
    EXPECT_EQ(hit["type"], "transmission");
    EXPECT_LE(hit["updated"].get<std::string>(), previous);
    previous = hit["updated"];
  }
  EXPECT_EQ(json["facets"]["type"][0]["value"], "transmission");
  EXPECT_EQ(run_command(search_command(index, "--filter colour:red virus")).exit_code, 2);
}

TEST(Cli, ServeAnswersLogsRequestsAndStopsCleanlyOnSigterm) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  ASSERT_EQ(
      run_command(index_command(index, shell_quote(testing::corpus_dir().string()))).exit_code, 0);
  const std::string out = (dir.path() / "serve.out").string();
  const std::string log = (dir.path() / "serve.log").string();
  // Start, wait for the URL, ask for /health, stop with SIGTERM, report the exit status.
  const std::string script =
      testing::search_bin() + " serve --index " + shell_quote(index) + " --listen 127.0.0.1:0 >" +
      shell_quote(out) + " 2>" + shell_quote(log) + " & pid=$!; url=; for i in $(seq 100); do " +
      "url=$(grep -o 'http://[0-9.:]*' " + shell_quote(out) +
      "); [ -n \"$url\" ] && break; sleep 0.1; done; " +
      "python3 -c \"import urllib.request,sys; print(urllib.request.urlopen(sys.argv[1] + "
      "'/health').read().decode())\" \"$url\"; " +
      "kill -TERM $pid; wait $pid; echo exit=$?";
  auto result = run_command("bash -c " + shell_quote(script));
  EXPECT_NE(result.out.find("\"status\":\"ok\""), std::string::npos) << result.out << result.err;
  EXPECT_NE(result.out.find("exit=0"), std::string::npos) << result.out;
  std::string logged = testing::read_file(log);
  EXPECT_NE(logged.find("GET /health 200"), std::string::npos) << logged;
  EXPECT_NE(logged.find("stopping"), std::string::npos) << logged;
}

TEST(Cli, UsageErrorsExitWithTwo) {
  EXPECT_EQ(run_command(testing::index_bin()).exit_code, 2);
  EXPECT_EQ(run_command(testing::index_bin() + " --index /tmp/x").exit_code, 2);
  EXPECT_EQ(run_command(testing::index_bin() + " --index /tmp/x --format nope a.txt").exit_code, 2);
  EXPECT_EQ(run_command(testing::search_bin() + " gout").exit_code, 2);
  auto missing = run_command(testing::search_bin() + " --index /nonexistent/index gout");
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("/nonexistent/index"), std::string::npos) << missing.err;
}

TEST(Cli, UnparsableQueriesStillSearch) {
  testing::TempDir dir;
  const std::string index = (dir.path() / "index").string();
  ASSERT_EQ(
      run_command(index_command(index, shell_quote(testing::corpus_dir().string()))).exit_code, 0);
  auto searched = run_command(search_command(index, "--json " + shell_quote("\"gout AND AND -")));
  ASSERT_EQ(searched.exit_code, 0) << searched.err;
  nlohmann::json json = nlohmann::json::parse(searched.out);
  ASSERT_FALSE(json["hits"].empty());
  EXPECT_EQ(json["hits"][0]["id"], "010_gout-causes");
  EXPECT_FALSE(json["notes"].empty());
}

class MedQuadCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (testing::shared_data("medquad").empty()) return;
    dir_ = new testing::TempDir();
    auto indexed =
        run_command(index_command((dir_->path() / "index").string(),
                                  "--quiet --format medquad --json " +
                                      shell_quote(testing::shared_data("medquad").string())));
    exit_code_ = indexed.exit_code;
    summary_ = nlohmann::json::parse(indexed.out, nullptr, false);
  }
  static void TearDownTestSuite() { delete dir_; }
  void SetUp() override {
    if (!dir_) GTEST_SKIP() << "../shared/data/medquad is absent";
  }
  static std::string index() { return (dir_->path() / "index").string(); }

  static testing::TempDir* dir_;
  static int exit_code_;
  static nlohmann::json summary_;
};

testing::TempDir* MedQuadCli::dir_ = nullptr;
int MedQuadCli::exit_code_ = -1;
nlohmann::json MedQuadCli::summary_;

TEST_F(MedQuadCli, IndexesEveryAnsweredPairAndSkipsTheUnanswered) {
  ASSERT_EQ(exit_code_, 0) << summary_.dump(2);
  EXPECT_EQ(summary_["rejected"], 0);
  EXPECT_GT(summary_["unanswered"].get<int>(), 30000);
  EXPECT_GT(Xapian::Database(index()).get_doccount(), 16000u);
}

TEST_F(MedQuadCli, FindsTheRightAnswerForTypicalQuestions) {
  struct Case {
    const char* query;
    const char* condition;
  };
  const Case kCases[] = {
      {"What are the symptoms of Aarskog-Scott syndrome", "Aarskog-Scott syndrome"},
      {"is cystic fibrosis inherited", "cystic fibrosis"},
      {"Noonan syndrome treatment", "Noonan syndrome"},
  };
  for (const Case& c : kCases) {
    auto searched =
        run_command(search_command(index(), "--json --limit 5 " + shell_quote(c.query)));
    ASSERT_EQ(searched.exit_code, 0) << searched.err;
    nlohmann::json json = nlohmann::json::parse(searched.out);
    ASSERT_FALSE(json["hits"].empty()) << c.query;
    std::string condition = json["hits"][0]["condition"];
    std::transform(condition.begin(), condition.end(), condition.begin(), ::tolower);
    std::string expected = c.condition;
    std::transform(expected.begin(), expected.end(), expected.begin(), ::tolower);
    // MedQuAD has several entries per condition ("Noonan syndrome", "Noonan syndrome 1").
    EXPECT_EQ(condition.rfind(expected, 0), 0u) << c.query << " -> " << condition;
    EXPECT_NE(json["hits"][0]["snippet"].get<std::string>().find("<mark>"), std::string::npos);
  }
}

TEST_F(MedQuadCli, XapianToolsOpenTheIndex) {
  auto delve = run_command("xapian-delve " + shell_quote(index()));
  if (delve.exit_code == 127) GTEST_SKIP() << "xapian-delve is not installed (xapian-tools)";
  EXPECT_EQ(delve.exit_code, 0) << delve.err;
  EXPECT_NE(delve.out.find("number of documents"), std::string::npos);
  // quest with its defaults (English stemming, Xapian's "Z" stem terms) finds answers by their
  // words, and with -p by their question's words.
  auto quest = run_command("quest -d " + shell_quote(index()) + " -m 3 'leukemia treatments'");
  EXPECT_EQ(quest.exit_code, 0) << quest.err;
  EXPECT_NE(quest.out.find("Zleukemia"), std::string::npos) << quest.out;
  EXPECT_EQ(quest.out.find("Exactly 0 matches"), std::string::npos) << quest.out;
  EXPECT_NE(quest.out.find("\"id\""), std::string::npos)
      << "hits show their document data: " << quest.out;
  auto by_question = run_command("quest -d " + shell_quote(index()) +
                                 " -m 3 -p question:XQ 'question:leukemia question:inherited'");
  EXPECT_EQ(by_question.exit_code, 0) << by_question.err;
  EXPECT_NE(by_question.out.find("ZXQleukemia"), std::string::npos) << by_question.out;
  EXPECT_EQ(by_question.out.find("Exactly 0 matches"), std::string::npos) << by_question.out;
}

}  // namespace
}  // namespace hqa
