// @brief The MedQuAD XML reader on files of the published collection, and on the whole of it.
#include "indexer/medquad_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "schema/answer_document.h"
#include "tests/test_support.h"

namespace hqa {
namespace {
namespace fs = std::filesystem;

using hqa::testing::count_of;

// Runs of white space as one space, for comparing text across formats.
std::string squeeze(const std::string& text) {
  std::string out;
  for (char c : text) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

class MedquadFile : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = hqa::testing::shared_data("medquad");
    if (root_.empty()) GTEST_SKIP() << "../shared/data/medquad is absent";
  }

  CollectingSink read(const std::string& relative) {
    fs::path file = root_ / relative;
    content_ = hqa::testing::read_file(file);
    EXPECT_FALSE(content_.empty()) << file;
    CollectingSink sink;
    read_medquad(content_, file.string(), sink);
    return sink;
  }

  fs::path root_;
  std::string content_;  // of the file read last
};

TEST_F(MedquadFile, GhrFileGivesOneDocumentPerPairWithFocusAndSynonyms) {
  CollectingSink sink = read("3_GHR_QA/0000001.xml");
  EXPECT_TRUE(sink.rejections.empty());
  EXPECT_EQ(sink.unanswered, 0u);
  ASSERT_EQ(sink.documents.size(), 5u);
  const std::vector<std::string> kTypes = {"information", "frequency", "genetic changes",
                                           "inheritance", "treatment"};
  for (size_t i = 0; i < sink.documents.size(); ++i) {
    const AnswerDocument& doc = sink.documents[i];
    SCOPED_TRACE(doc.id);
    EXPECT_EQ(doc.id, "GHR_0000001_Sec" + std::to_string(i + 1));
    EXPECT_EQ(doc.condition, "Aarskog-Scott syndrome");
    EXPECT_EQ(doc.other_names,
              (std::vector<std::string>{"Aarskog syndrome", "AAS", "Facio-digito-genital dysplasia",
                                        "Faciogenital dysplasia"}));
    EXPECT_EQ(doc.question_type, kTypes[i]);
    EXPECT_EQ(doc.source, "GHR");
    EXPECT_EQ(doc.url, "https://ghr.nlm.nih.gov/condition/aarskog-scott-syndrome");
    EXPECT_FALSE(doc.answer.empty());
    EXPECT_TRUE(doc.updated.empty());
  }
  EXPECT_EQ(sink.documents[3].question, "Is Aarskog-Scott syndrome inherited ?");
  EXPECT_EQ(sink.documents[3].answer.rfind(
                "Aarskog-Scott syndrome is inherited in an X-linked recessive pattern.", 0),
            0u);
  EXPECT_TRUE(
      sink.documents[3].answer.ends_with("fathers cannot pass X-linked traits to their sons."));
}

TEST_F(MedquadFile, DecodesXmlEntitiesInAnswers) {
  CollectingSink sink = read("3_GHR_QA/0000001.xml");
  ASSERT_NE(content_.find("widow&apos;s peak"), std::string::npos);
  ASSERT_FALSE(sink.documents.empty());
  for (const AnswerDocument& doc : sink.documents) {
    EXPECT_EQ(doc.answer.find("&apos;"), std::string::npos) << doc.id;
    EXPECT_EQ(doc.answer.find("&amp;"), std::string::npos) << doc.id;
  }
  EXPECT_NE(sink.documents[0].answer.find("a widow's peak hairline"), std::string::npos);
}

TEST_F(MedquadFile, AgreesWithTheLiveQaCorpusOnTheSamePairs) {
  fs::path jsonl = hqa::testing::shared_data("liveqa-med");
  if (jsonl.empty()) GTEST_SKIP() << "../shared/data/liveqa-med is absent";
  CollectingSink sink = read("3_GHR_QA/0000001.xml");
  std::map<std::string, nlohmann::json> expected;
  std::ifstream in(jsonl / "corpus.jsonl");
  for (std::string line; std::getline(in, line);) {
    if (line.find("\"GHR_0000001_Sec") == std::string::npos) continue;
    nlohmann::json object = nlohmann::json::parse(line);
    expected[object["id"].get<std::string>()] = object;
  }
  ASSERT_EQ(expected.size(), 5u);
  for (const AnswerDocument& doc : sink.documents) {
    SCOPED_TRACE(doc.id);
    ASSERT_EQ(expected.count(doc.id), 1u);
    const nlohmann::json& object = expected[doc.id];
    EXPECT_EQ(doc.question, object["question"].get<std::string>());
    EXPECT_EQ(doc.condition, object["focus"].get<std::string>());
    EXPECT_EQ(doc.question_type, object["qtype"].get<std::string>());
    EXPECT_EQ(doc.url, object["url"].get<std::string>());
    EXPECT_EQ(squeeze(doc.answer), squeeze(object["answer"].get<std::string>()));
  }
}

TEST_F(MedquadFile, AdamFileHasNoAnswersAndEveryPairIsCountedAsUnanswered) {
  CollectingSink sink = read("10_MPlus_ADAM_QA/0000001.xml");
  size_t pairs = count_of(content_, "<QAPair ");
  ASSERT_GT(pairs, 0u);
  EXPECT_TRUE(sink.documents.empty());
  EXPECT_EQ(sink.unanswered, pairs);
  EXPECT_TRUE(sink.rejections.empty());
}

TEST_F(MedquadFile, HerbsAndSupplementsIdsUseTheShortSourceSpelling) {
  // The subset ships without answers; give pair 1 the answer text liveqa-med has for it.
  read("12_MPlusHerbsSupplements_QA/0000001.xml");
  ASSERT_NE(content_.find("source=\"MPlusHerbsSupplements\""), std::string::npos);
  std::string content = content_;
  size_t first_answer = content.find("<Answer></Answer>");
  ASSERT_NE(first_answer, std::string::npos);
  content.replace(first_answer, 17, "<Answer>Activated charcoal is used for poisoning.</Answer>");
  CollectingSink sink;
  read_medquad(content, "herbs.xml", sink);
  EXPECT_TRUE(sink.rejections.empty());
  ASSERT_EQ(sink.documents.size(), 1u);
  EXPECT_EQ(sink.documents[0].id, "MPlusHerbsSuppls_0000001_Sec1");
  EXPECT_EQ(sink.documents[0].source, "MPlusHerbsSuppls");
  EXPECT_EQ(sink.documents[0].condition, "Activated Charcoal");
  EXPECT_EQ(sink.unanswered, count_of(content, "<QAPair ") - 1);

  // The same id as the judged answer in the evaluation corpus.
  fs::path jsonl = hqa::testing::shared_data("liveqa-med");
  if (!jsonl.empty()) {
    std::string corpus = hqa::testing::read_file(jsonl / "corpus.jsonl");
    EXPECT_NE(corpus.find("\"id\": \"MPlusHerbsSuppls_0000001_Sec1\""), std::string::npos);
  }
}

TEST_F(MedquadFile, TruncatedFileIsRejectedAsMalformedXmlWithALine) {
  read("3_GHR_QA/0000001.xml");
  std::string half = content_.substr(0, content_.size() / 2);
  size_t lines = count_of(half, "\n") + 1;
  CollectingSink sink;
  read_medquad(half, "half.xml", sink);
  EXPECT_TRUE(sink.documents.empty());
  ASSERT_EQ(sink.rejections.size(), 1u);
  const Rejection& rejection = sink.rejections[0];
  EXPECT_EQ(rejection.file, "half.xml");
  EXPECT_GT(rejection.line, 0u);
  EXPECT_LE(rejection.line, lines);
  EXPECT_NE(rejection.reason.find("malformed XML"), std::string::npos) << rejection.reason;
}

TEST_F(MedquadFile, XmlWithoutDocumentElementIsRejected) {
  CollectingSink sink;
  read_medquad("<?xml version=\"1.0\"?>\n<html><body>Not found</body></html>\n", "page.xml", sink);
  EXPECT_TRUE(sink.documents.empty());
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_NE(sink.rejections[0].reason.find("<Document>"), std::string::npos)
      << sink.rejections[0].reason;
}

TEST_F(MedquadFile, PairWithoutQuestionIsRejectedAndTheOthersKept) {
  read("3_GHR_QA/0000001.xml");
  std::string content = content_;
  size_t question = content.find("<Question qid=\"0000001-2\"");
  ASSERT_NE(question, std::string::npos);
  size_t end = content.find("</Question>", question) + std::string("</Question>").size();
  content.erase(question, end - question);
  CollectingSink sink;
  read_medquad(content, "ghr.xml", sink);
  EXPECT_EQ(sink.documents.size(), 4u);
  ASSERT_EQ(sink.rejections.size(), 1u);
  EXPECT_EQ(sink.rejections[0].element, "QAPair pid=2");
  EXPECT_GT(sink.rejections[0].line, 0u);
}

// Regression (found by tests/fuzz/medquad_reader_fuzzer): a file that is UTF-8 can hold
// character references that decode to bytes that are not ("&#xD800;", "&#x110000;"). The
// reader passed them on, and writing the document's JSON threw, which stopped hqa-index with
// exit 2 instead of rejecting the pair.
TEST(MedquadReader, CharacterReferenceThatIsNotUnicodeRejectsThePairInsteadOfStoppingTheRun) {
  const std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<Document id=\"0000001\" source=\"GHR\" url=\"https://example.org\">\n"
      "<Focus>Example syndrome</Focus>\n<QAPairs>\n"
      "<QAPair pid=\"1\"><Question qid=\"1\" qtype=\"information\">What is it?</Question>"
      "<Answer>A lone surrogate &#xD800; here.</Answer></QAPair>\n"
      "<QAPair pid=\"2\"><Question qid=\"2\" qtype=\"&#x110000;\">What causes it?</Question>"
      "<Answer>Past U+10FFFF in the type.</Answer></QAPair>\n"
      "<QAPair pid=\"3\"><Question qid=\"3\" qtype=\"treatment\">How is it treated?</Question>"
      "<Answer>With rest &#x3B2;.</Answer></QAPair>\n"
      "</QAPairs>\n</Document>\n";
  CollectingSink sink;
  read_medquad(xml, "refs.xml", sink);
  ASSERT_EQ(sink.documents.size(), 1u);
  EXPECT_EQ(sink.documents[0].id, "GHR_0000001_Sec3");
  EXPECT_EQ(sink.documents[0].answer, "With rest \u03b2.");
  EXPECT_NO_THROW(content_hash(sink.documents[0]));
  ASSERT_EQ(sink.rejections.size(), 2u);
  EXPECT_EQ(sink.rejections[0].element, "QAPair pid=1");
  EXPECT_EQ(sink.rejections[1].element, "QAPair pid=2");
  EXPECT_NE(sink.rejections[0].reason.find("not UTF-8"), std::string::npos);
}

TEST_F(MedquadFile, CdcFileWithDiseaseFileRootIsRead) {
  // 9_CDC_QA/0000397.xml is the one file whose root is <DiseaseFile fid=...>, not <Document
  // id=...>.
  CollectingSink sink = read("9_CDC_QA/0000397.xml");
  ASSERT_NE(content_.find("<DiseaseFile fid=\"0000397\""), std::string::npos);
  EXPECT_TRUE(sink.rejections.empty());
  ASSERT_EQ(sink.documents.size(), 5u);
  std::vector<std::string> ids;
  for (const AnswerDocument& doc : sink.documents) ids.push_back(doc.id);
  EXPECT_EQ(ids,
            (std::vector<std::string>{"CDC_0000397_Sec1", "CDC_0000397_Sec2", "CDC_0000397_Sec5",
                                      "CDC_0000397_Sec6", "CDC_0000397_Sec7"}));
  EXPECT_EQ(sink.documents[0].condition, "Parasites - Taeniasis");
  EXPECT_EQ(sink.documents[0].question_type, "information");
  EXPECT_EQ(sink.documents[4].question_type, "prevention");
  EXPECT_EQ(sink.documents[0].url, "http://www.cdc.gov/parasites/taeniasis/");
  // Its answers' blank lines become paragraph breaks.
  EXPECT_NE(sink.documents[1].answer.find(".\n\nInfections with T. saginata"), std::string::npos)
      << sink.documents[1].answer;
}

TEST_F(MedquadFile, NindsFileInTheOlderLowerCaseLayoutIsRead) {
  // Four NINDS files use <doc docid corpus>, <doctitle-focus>, <qaPairs>, <pair>, <question>.
  CollectingSink sink = read("6_NINDS_QA/0000018.xml");
  ASSERT_NE(content_.find("<doc docid=\"0000018\" corpus=\"NINDS\""), std::string::npos);
  EXPECT_TRUE(sink.rejections.empty());
  ASSERT_EQ(sink.documents.size(), 4u);
  const std::vector<std::string> kTypes = {"information", "treatment", "outlook", "research"};
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(sink.documents[i].id, "NINDS_0000018_Sec" + std::to_string(i + 1));
    EXPECT_EQ(sink.documents[i].source, "NINDS");
    EXPECT_EQ(sink.documents[i].condition, "ALS");
    EXPECT_EQ(sink.documents[i].question_type, kTypes[i]);
  }
  EXPECT_EQ(sink.documents[1].question, "is there any treatment for ALS ?");
  EXPECT_NE(sink.documents[0].answer.find("Lou Gehrig's disease"), std::string::npos);
}

// The collection as published. data/README.md counts 47,441 <QAPair> elements and 16,373
// answered pairs; what the files hold:
// - 16,407 answered <QAPair>s, but 16,373 distinct ids: twelve CancerGov files
//   (1_CancerGov_QA/0000013_2_*.xml, 0000013_3_*.xml) repeat the <Document id> of 0000013_2.xml
//   and 0000013_3.xml, each for a different focus, so 34 answered pairs share their id
//   "<source>_<Document id>_Sec<pid>" with another pair and, indexed, the last one read wins.
//   liveqa-med/corpus.jsonl likewise has 695 CancerGov documents for 729 CancerGov pairs.
// - 16 more answered pairs in four NINDS files of an older layout (<doc>, <pair>), which the
//   README's count leaves out; their ids are distinct from all others.
TEST(MedquadCollection, ReadsEveryFileWithoutRejections) {
  fs::path root = hqa::testing::shared_data("medquad");
  if (root.empty()) GTEST_SKIP() << "../shared/data/medquad is absent";
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file() && entry.path().extension() == ".xml")
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());

  CollectingSink sink;
  size_t qa_pairs = 0;     // <QAPair> elements, as the README counts them
  size_t older_pairs = 0;  // <pair> elements of the older NINDS layout
  size_t empty_answers = 0;
  std::map<std::string, std::set<std::string>> files_of_id;
  std::set<std::string> qa_pair_ids;
  for (const fs::path& file : files) {
    std::string content = hqa::testing::read_file(file);
    size_t in_file = count_of(content, "<QAPair ");
    qa_pairs += in_file;
    older_pairs += count_of(content, "<pair ");
    empty_answers += count_of(content, "<Answer></Answer>");
    size_t before = sink.documents.size();
    read_medquad(content, file.string(), sink);
    for (size_t i = before; i < sink.documents.size(); ++i) {
      files_of_id[sink.documents[i].id].insert(file.filename().string());
      if (in_file > 0) qa_pair_ids.insert(sink.documents[i].id);
    }
  }
  EXPECT_TRUE(sink.rejections.empty())
      << sink.rejections.size() << " rejections, first: " << sink.rejections[0].to_string();
  EXPECT_EQ(qa_pairs, 47441u) << "data/README.md: 47,441 pairs";
  EXPECT_EQ(older_pairs, 16u);
  EXPECT_EQ(sink.documents.size() + sink.unanswered, qa_pairs + older_pairs);
  EXPECT_EQ(sink.unanswered, empty_answers);
  EXPECT_EQ(sink.documents.size(), 16407u + 16u);
  EXPECT_EQ(qa_pair_ids.size(), 16373u) << "data/README.md: 16,373 answered pairs";
  EXPECT_EQ(files_of_id.size(), 16373u + 16u);

  // Every shared id is one of the two CancerGov topics split over several files.
  size_t surplus = 0;
  for (const auto& [id, names] : files_of_id) {
    if (names.size() < 2) continue;
    surplus += names.size() - 1;
    EXPECT_TRUE(id.starts_with("CancerGov_0000013_2_Sec") ||
                id.starts_with("CancerGov_0000013_3_Sec"))
        << id;
  }
  EXPECT_EQ(surplus, 34u);
}

}  // namespace
}  // namespace hqa
