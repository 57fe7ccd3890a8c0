// @brief The answer-page reader on the seed page, its malformed variants and corpus/.
#include "indexer/page_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace hqa {
namespace {
namespace fs = std::filesystem;

using hqa::testing::count_of;

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

std::string join(const std::vector<std::string>& parts, size_t first, size_t last,
                 const std::string& separator) {
  std::string text;
  for (size_t i = first; i < last; ++i) {
    if (i > first) text += separator;
    text += parts[i];
  }
  return text;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

CollectingSink read(const std::string& content, const std::string& file = "page.txt") {
  CollectingSink sink;
  read_page(content, file, "page", sink);
  return sink;
}

void expect_same_document(const AnswerDocument& a, const AnswerDocument& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.question, b.question);
  EXPECT_EQ(a.answer, b.answer);
  EXPECT_EQ(a.short_answer, b.short_answer);
  EXPECT_EQ(a.condition, b.condition);
  EXPECT_EQ(a.other_names, b.other_names);
  EXPECT_EQ(a.question_type, b.question_type);
  EXPECT_EQ(a.source, b.source);
  EXPECT_EQ(a.url, b.url);
  EXPECT_EQ(a.updated, b.updated);
  EXPECT_EQ(a.experience, b.experience);
  EXPECT_EQ(a.disclaimer, b.disclaimer);
}

// The seed page, split into its lines (see the layout in indexer/page_reader.h).
class SeedPage : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(hqa::testing::seed_page())) {
      GTEST_SKIP() << "seed page " << hqa::testing::seed_page() << " is absent";
    }
    text_ = hqa::testing::read_file(hqa::testing::seed_page());
    lines_ = split_lines(text_);
    ASSERT_EQ(lines_.size(), 9u) << "the seed page is expected to have 9 lines";
  }

  // The one document read from `content`, with no rejection.
  AnswerDocument read_one(const std::string& content) {
    CollectingSink sink = read(content);
    EXPECT_TRUE(sink.rejections.empty())
        << (sink.rejections.empty() ? "" : sink.rejections[0].to_string());
    EXPECT_EQ(sink.documents.size(), 1u);
    return sink.documents.empty() ? AnswerDocument{} : sink.documents[0];
  }

  std::string text_;
  std::vector<std::string> lines_;  // 0 header, 1 question line, 2 experience, 3 short answer,
                                    // 4..7 body, 8 disclaimer
};

TEST_F(SeedPage, ReadsTheQuestionDateConditionAndType) {
  AnswerDocument doc = read_one(text_);
  EXPECT_EQ(doc.id, "page");
  EXPECT_EQ(doc.question, "Is Acute lymphocytic leukemia (ALL) hereditary?");
  EXPECT_EQ(doc.updated, "2026-05-08");
  EXPECT_EQ(doc.condition, "Acute lymphocytic leukemia (ALL)");
  EXPECT_EQ(doc.other_names, (std::vector<std::string>{"Acute lymphocytic leukemia", "ALL"}));
  EXPECT_EQ(doc.question_type, "inheritance");
  EXPECT_EQ(doc.source, "DiseaseMaps");
}

TEST_F(SeedPage, ShortAnswerIsTheFirstTwoSentences) {
  AnswerDocument doc = read_one(text_);
  EXPECT_EQ(doc.short_answer,
            "Acute lymphocytic leukemia (ALL) is generally not considered an inherited or "
            "hereditary disease, as it is primarily caused by acquired (somatic) genetic mutations "
            "that occur after birth. While rare underlying genetic syndromes can slightly increase "
            "susceptibility, the vast majority of cases of Acute lymphocytic leukemia (ALL) arise "
            "from sporadic, non-hereditary events in the patient's own cells.");
  // The page repeats it word for word on its fourth line.
  EXPECT_EQ(doc.short_answer, lines_[3]);
}

TEST_F(SeedPage, DropsTheRepeatedShortAnswerAndTheTeaser) {
  AnswerDocument doc = read_one(text_);
  // The short answer appears twice on the page and the teaser twice; each once in the answer.
  ASSERT_EQ(count_of(text_, "arise from sporadic, non-hereditary events"), 2u);
  ASSERT_EQ(count_of(text_, "In the overwhelming majority of cases"), 2u);
  EXPECT_EQ(count_of(doc.answer, "arise from sporadic, non-hereditary events"), 1u);
  EXPECT_EQ(count_of(doc.answer, "In the overwhelming majority of cases"), 1u);
  EXPECT_EQ(count_of(doc.answer, "Is Acute lymphocytic leukemia (ALL) hereditary?"), 0u);
}

TEST_F(SeedPage, AnswerIsTheShortAnswerThenEachBodyParagraphOnce) {
  AnswerDocument doc = read_one(text_);
  // Lines 4 to 8 of the page: the short answer and the four body paragraphs.
  EXPECT_EQ(doc.answer, join(lines_, 3, 8, "\n\n"));
}

TEST_F(SeedPage, KeepsExperienceAndDisclaimerAsMetadataOutsideTheAnswer) {
  AnswerDocument doc = read_one(text_);
  EXPECT_EQ(doc.experience,
            "1 people with Acute lymphocytic leukemia (ALL) have shared their first-person "
            "experience on this question at DiseaseMaps.");
  EXPECT_EQ(doc.disclaimer.rfind("Medical disclaimer: This information is for educational", 0), 0u);
  EXPECT_EQ(doc.disclaimer, lines_[8]);
  EXPECT_EQ(doc.answer.find("first-person experience"), std::string::npos);
  EXPECT_EQ(doc.answer.find("disclaimer"), std::string::npos);
  EXPECT_EQ(doc.answer.find("Short answer"), std::string::npos);
  EXPECT_EQ(doc.answer.find("Last updated"), std::string::npos);
}

TEST_F(SeedPage, CrlfLineEndsGiveTheSameDocument) {
  AnswerDocument lf = read_one(text_);
  std::string crlf = replace_all(text_, "\n", "\r\n");
  ASSERT_NE(crlf, text_);
  AnswerDocument doc = read_one(crlf);
  expect_same_document(doc, lf);
  EXPECT_EQ(doc.answer.find('\r'), std::string::npos);
}

TEST_F(SeedPage, ByteOrderMarkGivesTheSameDocument) {
  AnswerDocument plain = read_one(text_);
  AnswerDocument doc = read_one("\xEF\xBB\xBF" + text_);
  expect_same_document(doc, plain);
}

TEST_F(SeedPage, PageWithoutHeaderHasNoDate) {
  AnswerDocument full = read_one(text_);
  AnswerDocument doc = read_one(join(lines_, 1, lines_.size(), "\n"));
  EXPECT_EQ(doc.updated, "");
  EXPECT_EQ(doc.question, full.question);
  EXPECT_EQ(doc.answer, full.answer);
  EXPECT_EQ(doc.condition, full.condition);
}

TEST_F(SeedPage, PageWithoutQuestionIsRejectedNamingTheFile) {
  std::string content = replace_all(text_, "Is Acute lymphocytic leukemia (ALL) hereditary? ", "");
  ASSERT_NE(content, text_);
  ASSERT_EQ(content.find('?'), std::string::npos);
  CollectingSink sink = read(content, "no-question.txt");
  EXPECT_TRUE(sink.documents.empty());
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_EQ(sink.rejections[0].file, "no-question.txt");
  EXPECT_NE(sink.rejections[0].reason.find("question"), std::string::npos)
      << sink.rejections[0].reason;
  EXPECT_NE(sink.rejections[0].to_string().find("no-question.txt"), std::string::npos);
}

TEST_F(SeedPage, InvalidUtf8IsRejectedNamingTheLine) {
  // A Latin-1 "é" (0xE9 followed by a space) in the fifth line, the first body paragraph.
  std::vector<std::string> lines = lines_;
  lines[4].insert(lines[4].find("genetic"), "\xE9 ");
  CollectingSink sink = read(join(lines, 0, lines.size(), "\n"), "latin1.txt");
  EXPECT_TRUE(sink.documents.empty());
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_EQ(sink.rejections[0].file, "latin1.txt");
  EXPECT_EQ(sink.rejections[0].line, 5u);
  EXPECT_NE(sink.rejections[0].reason.find("UTF-8"), std::string::npos)
      << sink.rejections[0].reason;
}

TEST_F(SeedPage, QuestionFoundOnlyInTheFirstLinesNotInTheBody) {
  // A question mark deep in the body must not make a body sentence the page's question.
  std::vector<std::string> lines = lines_;
  lines[1] = lines[1].substr(0, lines[1].find("Is Acute"));
  lines[7] += " Should relatives be tested?";
  CollectingSink sink = read(join(lines, 0, lines.size(), "\n"));
  EXPECT_TRUE(sink.documents.empty());
  EXPECT_EQ(sink.rejections.size(), 1u);
}

TEST(PageReader, EmptyFileIsRejected) {
  CollectingSink sink = read("", "empty.txt");
  EXPECT_TRUE(sink.documents.empty());
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_EQ(sink.rejections[0].file, "empty.txt");
  EXPECT_NE(sink.rejections[0].reason.find("empty"), std::string::npos)
      << sink.rejections[0].reason;
}

TEST(PageReader, WhitespaceOnlyFileIsRejectedAsEmpty) {
  CollectingSink sink = read("  \n\t\n\r\n   \n", "blank.txt");
  EXPECT_TRUE(sink.documents.empty());
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_EQ(sink.rejections[0].file, "blank.txt");
  EXPECT_NE(sink.rejections[0].reason.find("empty"), std::string::npos)
      << sink.rejections[0].reason;
}

TEST(PageReader, BinaryBytesWithNulAreRejected) {
  // The start of a gzip stream: valid-looking bytes, then NULs.
  const std::string binary("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03Is it hereditary?\n\x00\x01",
                           30);
  CollectingSink sink = read(binary, "archive.txt");
  EXPECT_TRUE(sink.documents.empty());
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_EQ(sink.rejections[0].file, "archive.txt");
  EXPECT_EQ(sink.rejections[0].line, 1u);
  EXPECT_NE(sink.rejections[0].reason.find("UTF-8"), std::string::npos)
      << sink.rejections[0].reason;
}

TEST(PageReader, NulByteInOtherwiseValidTextIsRejected) {
  std::string text = "Is Gout hereditary?\nGout is not usually inherited.\n";
  text.insert(text.find("usually"), 1, '\0');
  CollectingSink sink = read(text);
  EXPECT_TRUE(sink.documents.empty());
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_EQ(sink.rejections[0].line, 2u);
}

TEST(PageReader, MegabyteLinesAreReadWithoutExhaustingTheStack) {
  // std::regex recurses per character; these lines once crashed hqa-index (SIGSEGV).
  std::string experience = "12 people shared a first-person experience";
  std::string question = "What causes";
  while (experience.size() < 1000000) experience += " x";
  while (question.size() < 1000000) question += " gout";
  CollectingSink sink = read("Last updated: 2024-01-01\nYes.\n" + question + "?\n" + experience +
                             "\nMedical disclaimer: " + std::string(1000000, 'z') + "\n");
  ASSERT_EQ(sink.documents.size(), 1u);
  EXPECT_EQ(sink.documents[0].question_type, "") << "too long to be a question of a known form";
  EXPECT_NE(sink.documents[0].answer.find("first-person experience"), std::string::npos)
      << "too long to be an experience line: kept as text";
  EXPECT_EQ(sink.documents[0].disclaimer.substr(0, 19), "Medical disclaimer:");
}

TEST(PageReader, QuestionWithoutAnswerTextIsRejected) {
  CollectingSink sink = read(
      "Short answer · Medically reviewed summary · Last updated: 2026-01-02\n"
      "Is Gout hereditary?\n");
  EXPECT_TRUE(sink.documents.empty());
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_NE(sink.rejections[0].reason.find("no answer"), std::string::npos)
      << sink.rejections[0].reason;
}

// The question type each corpus/ file name ends with.
std::string type_of_file_name(const std::string& stem) {
  static const std::vector<std::pair<std::string, std::string>> kSuffixes = {
      {"-hereditary", "inheritance"}, {"-contagious", "transmission"},
      {"-symptoms", "symptoms"},      {"-causes", "causes"},
      {"-treated", "treatment"},      {"-prevented", "prevention"}};
  for (const auto& [suffix, type] : kSuffixes) {
    if (stem.size() > suffix.size() && stem.ends_with(suffix)) return type;
  }
  return "";
}

TEST(PageReader, EveryCorpusPageReadsIntoOneDocumentOfItsQuestionForm) {
  std::vector<fs::path> pages;
  for (const auto& entry : fs::directory_iterator(hqa::testing::corpus_dir())) {
    if (entry.path().extension() == ".txt") pages.push_back(entry.path());
  }
  ASSERT_EQ(pages.size(), 36u) << "corpus/README.md describes 36 pages";
  static const std::regex kExperience(R"(^\d+ people with (.+) have shared .*)");
  std::set<std::string> types;
  for (const fs::path& page : pages) {
    SCOPED_TRACE(page.filename().string());
    std::string text = hqa::testing::read_file(page);
    std::vector<std::string> lines = split_lines(text);
    ASSERT_GE(lines.size(), 7u);
    CollectingSink sink;
    read_page(text, page.string(), page.stem().string(), sink);
    ASSERT_EQ(sink.documents.size(), 1u);
    EXPECT_TRUE(sink.rejections.empty());
    const AnswerDocument& doc = sink.documents[0];

    EXPECT_EQ(doc.id, page.stem().string());
    EXPECT_FALSE(doc.updated.empty());
    EXPECT_EQ(doc.question_type, type_of_file_name(page.stem().string()));
    types.insert(doc.question_type);
    // The condition is the one the experience line names.
    std::smatch experience;
    ASSERT_TRUE(std::regex_match(lines[2], experience, kExperience)) << lines[2];
    EXPECT_FALSE(doc.condition.empty());
    EXPECT_EQ(doc.condition, experience[1].str());
    EXPECT_NE(doc.question.find(doc.condition), std::string::npos);
    // The answer is the short answer (line 4) and the body, without the disclaimer (last line).
    EXPECT_EQ(doc.short_answer, lines[3]);
    EXPECT_EQ(doc.answer, join(lines, 3, lines.size() - 1, "\n\n"));
    EXPECT_EQ(doc.disclaimer, lines.back());
    EXPECT_EQ(doc.experience, lines[2]);
  }
  EXPECT_EQ(types, (std::set<std::string>{"inheritance", "transmission", "symptoms", "causes",
                                          "treatment", "prevention"}));
}

TEST(PageReader, ConditionWithDefinedAcronymHasBothSpellingsAsOtherNames) {
  fs::path page = hqa::testing::corpus_dir() / "023_copd-treated.txt";
  CollectingSink sink;
  read_page(hqa::testing::read_file(page), page.string(), "copd", sink);
  ASSERT_EQ(sink.documents.size(), 1u);
  EXPECT_EQ(sink.documents[0].condition, "Chronic obstructive pulmonary disease (COPD)");
  EXPECT_EQ(sink.documents[0].other_names,
            (std::vector<std::string>{"Chronic obstructive pulmonary disease", "COPD"}));
}

}  // namespace
}  // namespace hqa
