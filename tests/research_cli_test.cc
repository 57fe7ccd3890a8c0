// hqa-search batch, eval and fuse end to end on an index of corpus/: a TREC topic file to a
// scored and a fused run, the run's header, threads, JSON Lines, and bad input refused whole.
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>

#include "tests/test_support.h"

namespace hqa {
namespace {

using testing::run_command;
using testing::shell_quote;

// Topics on conditions that corpus/ answers, in TREC's SGML layout.
const char* kTrecTopics =
    "<top>\n<num> Number: 1\n<title> measles contagious\n"
    "<desc> Description:\nCan measles spread from one person to another?\n</top>\n\n"
    "<top>\n<num> Number: 2\n<title> gout causes\n"
    "<desc> Description:\nWhat makes uric acid build up in joints?\n</top>\n\n"
    "<top>\n<num> Number: 3\n<title> asthma treatment\n"
    "<desc> Description:\nHow is asthma treated?\n</top>\n";
// The answers judged relevant (grade 2) and not (0) for those topics.
const char* kQrels =
    "1 0 008_measles-contagious 2\n1 0 002_chickenpox-contagious 0\n"
    "2 0 010_gout-causes 2\n2 0 016_kidney-stones-causes 1\n"
    "3 0 017_asthma-treated 2\n3 0 023_copd-treated 0\n";

class ResearchCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<testing::TempDir>();
    index_ = (dir_->path() / "index").string();
    auto indexed = run_command(testing::index_bin() + " --quiet --index " + shell_quote(index_) +
                               " " + shell_quote(testing::corpus_dir().string()));
    ASSERT_EQ(indexed.exit_code, 0) << indexed.err;
    topics_ = dir_->write("topics.trec", kTrecTopics).string();
    qrels_ = dir_->write("qrels.txt", kQrels).string();
  }
  static void TearDownTestSuite() { dir_.reset(); }

  static testing::CommandResult hqa(const std::string& args) {
    return run_command(testing::search_bin() + " " + args);
  }
  static std::string batch(const std::string& args) {
    return "batch --index " + shell_quote(index_) + " " + args;
  }
  static std::string path(const std::string& name) { return (dir_->path() / name).string(); }

  static std::unique_ptr<testing::TempDir> dir_;
  static std::string index_, topics_, qrels_;
};
std::unique_ptr<testing::TempDir> ResearchCli::dir_;
std::string ResearchCli::index_, ResearchCli::topics_, ResearchCli::qrels_;

TEST_F(ResearchCli, TrecTopicsMakeARunWithAHeaderThatEvalScoresAsTrecEval) {
  auto made = hqa(batch("--topics " + shell_quote(topics_) + " --output " + path("run.txt")));
  ASSERT_EQ(made.exit_code, 0) << made.err;
  const std::string run = testing::read_file(path("run.txt"));
  EXPECT_EQ(run.rfind("# hqa-search batch: index " + index_ + " (36 documents, schema ", 0), 0u)
      << run.substr(0, 300);
  EXPECT_NE(run.find("(trec, fields title); depth 1000; ranking --weighting field-bm25"),
            std::string::npos)
      << run.substr(0, 300);
  EXPECT_NE(run.find("\n1 Q0 008_measles-contagious 1 "), std::string::npos) << run;
  EXPECT_NE(run.find("\n2 Q0 010_gout-causes 1 "), std::string::npos) << run;
  EXPECT_NE(made.err.find("3 topics (0 skipped)"), std::string::npos) << made.err;

  auto scored = hqa("eval --qrels " + shell_quote(qrels_) + " -m recip_rank P.1 judged.2 -q " +
                    path("run.txt"));
  ASSERT_EQ(scored.exit_code, 0) << scored.err;
  EXPECT_NE(scored.out.find("recip_rank            \t1\t1.0000\n"), std::string::npos)
      << scored.out;
  EXPECT_NE(scored.out.find("P_1                   \tall\t1.0000\n"), std::string::npos)
      << scored.out;
  // The default table reads the same run, its header skipped.
  auto table = hqa("eval --qrels " + shell_quote(qrels_) + " " + path("run.txt"));
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("nDCG@10"), std::string::npos) << table.out;
}

TEST_F(ResearchCli, ThreadsWriteExactlyTheRunOfOneThread) {
  std::string many;
  for (const auto& entry : std::filesystem::directory_iterator(testing::corpus_dir())) {
    std::string name = entry.path().stem().string();
    if (name.size() < 5 || name == "README") continue;
    std::string words = name.substr(4);
    for (char& c : words) c = c == '-' ? ' ' : c;
    many += "q" + name.substr(0, 3) + "\t" + words + "\n";
  }
  const std::string topics = dir_->write("many.tsv", many).string();
  auto one = hqa(batch("--topics " + topics + " --output " + path("one.txt")));
  auto three = hqa(batch("--topics " + topics + " --threads 3 --output " + path("three.txt")));
  ASSERT_EQ(one.exit_code, 0) << one.err;
  ASSERT_EQ(three.exit_code, 0) << three.err;
  const std::string run = testing::read_file(path("one.txt"));
  EXPECT_GT(testing::count_of(run, "\n"), 36u * 5);
  EXPECT_EQ(run, testing::read_file(path("three.txt")));
}

TEST_F(ResearchCli, JsonLinesRunsCarryTheQuestionAndSnippetWhenAsked) {
  auto made = hqa(
      batch("--topics " + shell_quote(topics_) + " --output-format jsonl --with-text --depth 2"));
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::vector<nlohmann::json> lines;
  size_t at = 0;
  for (size_t end; (end = made.out.find('\n', at)) != std::string::npos; at = end + 1) {
    lines.push_back(nlohmann::json::parse(made.out.substr(at, end - at)));
  }
  ASSERT_EQ(lines.size(), 1u + 3 * 2);
  EXPECT_EQ(lines[0]["header"]["documents"], 36);
  EXPECT_EQ(lines[0]["header"]["ranking"]["k1"], "0.9");
  EXPECT_EQ(lines[1]["qid"], "1");
  EXPECT_EQ(lines[1]["docid"], "008_measles-contagious");
  EXPECT_EQ(lines[1]["rank"], 1);
  EXPECT_TRUE(lines[1]["score"].is_number());
  EXPECT_NE(lines[1]["snippet"].get<std::string>().find("<mark>"), std::string::npos);
  EXPECT_NE(lines[1]["question"].get<std::string>().find("Measles"), std::string::npos);
}

TEST_F(ResearchCli, FuseWritesARunThatEvalReads) {
  ASSERT_EQ(
      hqa(batch("--topics " + shell_quote(topics_) + " --output " + path("title.txt"))).exit_code,
      0);
  ASSERT_EQ(hqa(batch("--topics " + shell_quote(topics_) + " --topic-fields description --output " +
                      path("desc.txt")))
                .exit_code,
            0);
  auto fused = hqa("fuse --method rrf --k 60 --weights 1,0.5 --output " + path("fused.txt") + " " +
                   path("title.txt") + " " + path("desc.txt"));
  ASSERT_EQ(fused.exit_code, 0) << fused.err;
  const std::string run = testing::read_file(path("fused.txt"));
  EXPECT_EQ(run.rfind("# hqa-search fuse: rrf k 60, weights 1,0.5; depth 1000; runs ", 0), 0u)
      << run.substr(0, 200);
  EXPECT_NE(run.find("\n1 Q0 008_measles-contagious 1 "), std::string::npos) << run;
  auto scored = hqa("eval --qrels " + shell_quote(qrels_) + " -m ndcg_cut.10 " + path("title.txt") +
                    " " + path("fused.txt"));
  ASSERT_EQ(scored.exit_code, 0) << scored.err;
  EXPECT_NE(scored.out.find("paired tests against"), std::string::npos) << scored.out;
  auto wrong = hqa("fuse --weights 1 " + path("title.txt") + " " + path("desc.txt"));
  EXPECT_EQ(wrong.exit_code, 2);
  EXPECT_NE(wrong.err.find("--weights: 1 weights for 2 runs"), std::string::npos) << wrong.err;
}

TEST_F(ResearchCli, BadInputIsRefusedNamingTheFileAndLineAndWritesNothing) {
  const std::string output = dir_->write("kept.txt", "an earlier run\n").string();
  const std::string twice = dir_->write("twice.tsv", "1\tmeasles\n2\tgout\n1\tasthma\n").string();
  auto refused = hqa(batch("--topics " + twice + " --output " + output));
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find(twice + ":3: topic 1 again (first on line 1)"), std::string::npos)
      << refused.err;
  EXPECT_EQ(testing::read_file(output), "an earlier run\n");
  for (const auto& entry : std::filesystem::directory_iterator(dir_->path())) {
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
  }

  auto forced = hqa(batch("--topics " + shell_quote(topics_) + " --topic-format jsonl"));
  EXPECT_EQ(forced.exit_code, 2);
  EXPECT_NE(forced.err.find(topics_ + ":1: expected a JSON object"), std::string::npos)
      << forced.err;
  EXPECT_EQ(forced.out, "");

  const std::string short_run = dir_->write("short.run", "1 Q0 a 1 2 t\n1 Q0 b 2\n").string();
  auto columns = hqa("eval --qrels " + shell_quote(qrels_) + " -m map " + short_run);
  EXPECT_EQ(columns.exit_code, 2);
  EXPECT_NE(columns.err.find(short_run + ":2: expected 6 columns"), std::string::npos)
      << columns.err;
  EXPECT_EQ(columns.out, "");
  const std::string twice_run = dir_->write("twice.run", "1 Q0 a 1 2 t\n1 Q0 a 2 1 t\n").string();
  auto duplicate = hqa("eval --qrels " + shell_quote(qrels_) + " " + twice_run);
  EXPECT_EQ(duplicate.exit_code, 2);
  EXPECT_NE(duplicate.err.find("topic 1 lists document a twice"), std::string::npos)
      << duplicate.err;
  const std::string bad_qrels = dir_->write("bad.qrels", "1 0 a 2\n1 0 b high\n").string();
  auto grade = hqa("eval --qrels " + bad_qrels + " " + short_run);
  EXPECT_EQ(grade.exit_code, 2);
  EXPECT_NE(grade.err.find(bad_qrels + ":2: grade 'high' is not an integer"), std::string::npos)
      << grade.err;
}

}  // namespace
}  // namespace hqa
