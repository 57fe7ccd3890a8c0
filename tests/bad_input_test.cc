// @brief Bad input through the indexing job and hqa-index: every problem is reported with its
// file, line and reason, the good input beside it is indexed, and the index stays whole.
#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "analysis/analyzer.h"
#include "indexer/indexing_job.h"
#include "schema/index_format.h"
#include "schema/terms.h"
#include "tests/test_support.h"

namespace hqa {
namespace {
namespace fs = std::filesystem;
using hqa::testing::shell_quote;

std::vector<std::string> corpus_ids() {
  std::vector<std::string> ids;
  for (const auto& entry : fs::directory_iterator(hqa::testing::corpus_dir())) {
    if (entry.path().extension() == ".txt") ids.push_back(entry.path().stem().string());
  }
  return ids;
}

std::string json_line(const std::string& id, const std::string& answer) {
  return nlohmann::json{{"id", id}, {"question", "What is " + id + "?"}, {"answer", answer}}
             .dump() +
         "\n";
}

// A MedQuAD file cut in half: the real GHR file when ../shared/data is there.
std::string truncated_medquad() {
  fs::path ghr = hqa::testing::shared_data("medquad");
  std::string content;
  if (!ghr.empty()) content = hqa::testing::read_file(ghr / "3_GHR_QA" / "0000001.xml");
  if (content.empty()) {
    content =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<Document id=\"0000001\" source=\"GHR\" url=\"https://example.org/\">\n"
        "<Focus>Gout</Focus>\n<QAPairs>\n\t<QAPair pid=\"1\">\n"
        "\t\t<Question qid=\"0000001-1\" qtype=\"causes\">What causes Gout ?</Question>\n"
        "\t\t<Answer>Uric acid crystals in a joint.</Answer>\n\t</QAPair>\n</QAPairs>\n"
        "</Document>\n";
  }
  return content.substr(0, content.size() / 2);
}

// Corpus page 001 with a Latin-1 byte inside its fifth line.
std::string page_with_invalid_utf8() {
  std::string page =
      hqa::testing::read_file(hqa::testing::corpus_dir() / "001_cystic-fibrosis-hereditary.txt");
  size_t line5 = 0;
  for (int i = 0; i < 4; ++i) line5 = page.find('\n', line5) + 1;
  page.insert(page.find(' ', line5), " caf\xE9");
  return page;
}

std::string random_binary() {
  std::mt19937 random(20260508);
  std::string bytes("\x00\x01\x02\x03", 4);
  for (int i = 0; i < 8192; ++i) bytes += static_cast<char>(random() % 256);
  return bytes;
}

// The folder of bad input, beside some good input. Each name appears in no other.
class BadInputFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    inputs_ = temp_.path() / "inputs";
    temp_.write("inputs/latin1_page.txt", page_with_invalid_utf8());
    temp_.write("inputs/mixed.jsonl",
                json_line("jsonl-good-1", "First good line.") +
                    "{\"id\": \"jsonl-bad\", \"question\": \"Q?\", \"answer\"\n" +
                    json_line("jsonl-good-2", "Third line, also good."));
    temp_.write("inputs/truncated.xml", truncated_medquad());
    temp_.write("inputs/empty.txt", "");
    temp_.write("inputs/binary.txt", random_binary());
    temp_.write("inputs/good_page.txt", hqa::testing::read_file(hqa::testing::corpus_dir() /
                                                                "002_chickenpox-contagious.txt"));
    // One 50 MB line: a JSON string of 'x', then a good line.
    std::string huge = "{\"id\": \"huge\", \"question\": \"Q?\", \"answer\": \"";
    huge.append(50u << 20, 'x');
    huge += "\"}\n" + json_line("after-huge", "The line after the huge one.");
    temp_.write("inputs/huge.jsonl", huge);
  }

  std::string index_dir() const { return (temp_.path() / "index").string(); }

  IndexJobSummary index(const std::vector<std::string>& inputs,
                        std::ostream* rejections = nullptr) {
    IndexJobOptions job;
    job.index_dir = index_dir();
    job.inputs = inputs;
    job.rejections = rejections;
    return run_index_job(job);
  }

  // The rejection of the file named `name`; fails the test if there is not exactly one.
  static Rejection rejection_of(const IndexJobSummary& summary, const std::string& name) {
    std::vector<Rejection> found;
    for (const Rejection& r : summary.rejection_list) {
      if (fs::path(r.file).filename() == name) found.push_back(r);
    }
    EXPECT_EQ(found.size(), 1u) << name;
    return found.empty() ? Rejection{} : found[0];
  }

  // Every corpus page is still in the index and found by its words.
  void expect_corpus_intact(const Xapian::Database& db) {
    for (const std::string& id : corpus_ids()) {
      EXPECT_TRUE(db.term_exists(schema::id_term(id))) << id;
    }
    Analyzer analyzer;
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(
        Xapian::Query::OP_AND,
        Xapian::Query(
            schema::field_term(schema::kQuestionPrefix, analyzer.analyze("measles")[0].stem)),
        Xapian::Query(
            schema::field_term(schema::kAnswerPrefix, analyzer.analyze("contagious")[0].stem))));
    Xapian::MSet found = enquire.get_mset(0, 10);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(nlohmann::json::parse(found.begin().get_document().get_data())["id"],
              "008_measles-contagious");
  }

  hqa::testing::TempDir temp_;
  fs::path inputs_;
};

TEST_F(BadInputFolder, EachBadFileIsRejectedWithItsFileLineAndReason) {
  IndexJobSummary before = index({hqa::testing::corpus_dir().string()});
  ASSERT_EQ(before.added, corpus_ids().size());
  ASSERT_EQ(before.rejected, 0u);

  std::ostringstream reported;
  auto start = std::chrono::steady_clock::now();
  IndexJobSummary summary = index({inputs_.string()}, &reported);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const double limit = HQA_SANITIZED ? 25.0 : 5.0;  // AddressSanitizer slows reading down
  EXPECT_LT(seconds, limit) << "a 50 MB line must be skipped, not parsed";

  EXPECT_EQ(summary.files, 7u);
  EXPECT_EQ(summary.rejected, 6u);
  EXPECT_EQ(summary.rejection_list.size(), 6u);
  EXPECT_EQ(summary.exit_code(), 1);

  Rejection latin1 = rejection_of(summary, "latin1_page.txt");
  EXPECT_EQ(latin1.line, 5u);
  EXPECT_NE(latin1.reason.find("UTF-8"), std::string::npos) << latin1.reason;

  Rejection jsonl = rejection_of(summary, "mixed.jsonl");
  EXPECT_EQ(jsonl.line, 2u);
  EXPECT_NE(jsonl.reason.find("malformed JSON"), std::string::npos) << jsonl.reason;

  Rejection xml = rejection_of(summary, "truncated.xml");
  EXPECT_GT(xml.line, 0u);
  EXPECT_NE(xml.reason.find("malformed XML"), std::string::npos) << xml.reason;

  Rejection empty = rejection_of(summary, "empty.txt");
  EXPECT_NE(empty.reason.find("empty"), std::string::npos) << empty.reason;

  Rejection binary = rejection_of(summary, "binary.txt");
  EXPECT_EQ(binary.line, 1u);
  EXPECT_NE(binary.reason.find("UTF-8"), std::string::npos) << binary.reason;

  Rejection huge = rejection_of(summary, "huge.jsonl");
  EXPECT_EQ(huge.line, 1u);
  EXPECT_NE(huge.reason.find("longer than the limit"), std::string::npos) << huge.reason;

  // Each rejection was also reported as it happened, with its file.
  for (const char* name : {"latin1_page.txt", "mixed.jsonl:2", "truncated.xml", "empty.txt",
                           "binary.txt", "huge.jsonl:1"}) {
    EXPECT_NE(reported.str().find(name), std::string::npos) << name << " in:\n" << reported.str();
  }
}

TEST_F(BadInputFolder, GoodInputBesideTheBadIsIndexedAndTheIndexStaysWhole) {
  index({hqa::testing::corpus_dir().string()});
  IndexJobSummary summary = index({inputs_.string()});
  // The two good lines around the bad one, the line after the huge one, and the good page.
  EXPECT_EQ(summary.added, 4u);

  Xapian::Database db(index_dir());
  EXPECT_EQ(db.get_doccount(), corpus_ids().size() + 4);
  for (const char* id : {"jsonl-good-1", "jsonl-good-2", "after-huge", "good_page"}) {
    EXPECT_TRUE(db.term_exists(schema::id_term(id))) << id;
  }
  for (const char* id : {"jsonl-bad", "huge", "latin1_page", "empty", "binary"}) {
    EXPECT_FALSE(db.term_exists(schema::id_term(id))) << id;
  }
  expect_corpus_intact(db);
}

TEST_F(BadInputFolder, HqaIndexExitsWithOneAndNamesTheRejectedFiles) {
  std::string command = hqa::testing::index_bin() + " --quiet --index " + shell_quote(index_dir());
  hqa::testing::CommandResult corpus =
      hqa::testing::run_command(command + " " + shell_quote(hqa::testing::corpus_dir().string()));
  ASSERT_EQ(corpus.exit_code, 0) << corpus.err;

  hqa::testing::CommandResult bad =
      hqa::testing::run_command(command + " " + shell_quote(inputs_.string()));
  EXPECT_EQ(bad.exit_code, 1) << bad.err;
  for (const char* name : {"latin1_page.txt:5", "mixed.jsonl:2", "truncated.xml", "empty.txt",
                           "binary.txt", "huge.jsonl:1"}) {
    EXPECT_NE(bad.err.find(name), std::string::npos) << name << " in:\n" << bad.err;
  }
  EXPECT_NE(bad.err.find("rejected 6"), std::string::npos) << bad.err;

  Xapian::Database db(index_dir());
  EXPECT_EQ(db.get_doccount(), corpus_ids().size() + 4);
  expect_corpus_intact(db);
}

TEST(HqaIndexExitCode, IsZeroWhenAllInputIsIndexed) {
  hqa::testing::TempDir temp;
  hqa::testing::CommandResult result =
      hqa::testing::run_command(hqa::testing::index_bin() + " --quiet --json --index " +
                                shell_quote((temp.path() / "index").string()) + " " +
                                shell_quote(hqa::testing::corpus_dir().string()));
  EXPECT_EQ(result.exit_code, 0) << result.err;
  nlohmann::json summary = nlohmann::json::parse(result.out);
  EXPECT_EQ(summary["added"], corpus_ids().size());
  EXPECT_EQ(summary["rejected"], 0);
}

TEST(HqaIndexExitCode, IsTwoWithoutInputs) {
  hqa::testing::TempDir temp;
  hqa::testing::CommandResult result = hqa::testing::run_command(
      hqa::testing::index_bin() + " --index " + shell_quote((temp.path() / "index").string()));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("nothing to do"), std::string::npos) << result.err;
}

TEST(HqaIndexExitCode, IsTwoWithoutAnIndexFolder) {
  hqa::testing::CommandResult result = hqa::testing::run_command(
      hqa::testing::index_bin() + " " + shell_quote(hqa::testing::corpus_dir().string()));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("--index"), std::string::npos) << result.err;
}

TEST(HqaIndexExitCode, IsTwoWhenTheIndexCannotBeCreated) {
  hqa::testing::TempDir temp;
  fs::path file = temp.write("a-file", "not a folder");
  hqa::testing::CommandResult result = hqa::testing::run_command(
      hqa::testing::index_bin() + " --quiet --index " + shell_quote((file / "index").string()) +
      " " + shell_quote(hqa::testing::corpus_dir().string()));
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("a-file"), std::string::npos) << result.err;
}

TEST(HqaIndexExitCode, IsOneForAnInputThatDoesNotExist) {
  hqa::testing::TempDir temp;
  hqa::testing::CommandResult result =
      hqa::testing::run_command(hqa::testing::index_bin() + " --quiet --index " +
                                shell_quote((temp.path() / "index").string()) + " " +
                                shell_quote((temp.path() / "no-such-folder").string()));
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("no-such-folder"), std::string::npos) << result.err;
}

// Regression: an id longer than Xapian's term limit aborted hqa-index and lost the batch.
TEST(OverlongIds, AreRejectedWhileTheRestOfTheBatchIsIndexed) {
  testing::TempDir dir;
  const std::string long_id(300, 'x');
  testing::TempDir inputs;
  inputs.write("docs.jsonl",
               "{\"id\":\"ok1\",\"question\":\"q1?\",\"answer\":\"a1\"}\n"
               "{\"id\":\"" +
                   long_id +
                   "\",\"question\":\"q2?\",\"answer\":\"a2\"}\n"
                   "{\"id\":\"ok3\",\"question\":\"q3?\",\"answer\":\"a3\"}\n");
  const std::string page_name = std::string(220, 'p') + ".txt";
  inputs.write(page_name, testing::read_file(testing::corpus_dir() / "008_measles-contagious.txt"));
  IndexJobOptions job;
  job.index_dir = (dir.path() / "index").string();
  job.inputs = {inputs.path().string()};
  IndexJobSummary summary = run_index_job(job);
  EXPECT_EQ(summary.added, 2u);
  EXPECT_EQ(summary.rejected, 2u);
  ASSERT_EQ(summary.rejection_list.size(), 2u);
  bool line_named = false, page_named = false;
  for (const Rejection& r : summary.rejection_list) {
    line_named |= r.line == 2 && r.reason.find("id") != std::string::npos;
    page_named |= r.file.find(page_name) != std::string::npos;
  }
  EXPECT_TRUE(line_named);
  EXPECT_TRUE(page_named);
  Xapian::Database db(job.index_dir);
  EXPECT_EQ(db.get_doccount(), 2u);
}

}  // namespace
}  // namespace hqa
