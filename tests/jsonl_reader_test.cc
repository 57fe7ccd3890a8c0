// @brief The JSON Lines reader on the real liveqa-med corpus and on small malformed inputs.
#include "indexer/jsonl_reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>

#include "tests/test_support.h"

namespace hqa {
namespace {
namespace fs = std::filesystem;

CollectingSink read(const std::string& text, const ReaderLimits& limits = {}) {
  std::istringstream in(text);
  CollectingSink sink;
  uint64_t bytes = read_jsonl(in, "inline.jsonl", sink, limits);
  EXPECT_EQ(bytes, text.size());
  return sink;
}

std::string line(const std::string& id, const std::string& answer = "An answer.") {
  return nlohmann::json{{"id", id}, {"question", "Question " + id + "?"}, {"answer", answer}}
             .dump() +
         "\n";
}

std::vector<std::string> ids_of(const CollectingSink& sink) {
  std::vector<std::string> ids;
  for (const AnswerDocument& doc : sink.documents) ids.push_back(doc.id);
  return ids;
}

// The one rejection of `sink`, or a failure.
Rejection only_rejection(const CollectingSink& sink) {
  EXPECT_EQ(sink.rejections.size(), 1u);
  return sink.rejections.empty() ? Rejection{} : sink.rejections[0];
}

fs::path corpus_jsonl() {
  fs::path dir = hqa::testing::shared_data("liveqa-med");
  return dir.empty() ? fs::path() : dir / "corpus.jsonl";
}

TEST(JsonlReader, ReadsEveryLineOfTheLiveQaCorpusWithoutRejections) {
  fs::path file = corpus_jsonl();
  if (file.empty()) GTEST_SKIP() << "../shared/data/liveqa-med is absent";

  // What the file holds, counted independently of the reader.
  size_t lines = 0;
  size_t answered = 0;
  std::set<std::string> ids;
  {
    std::ifstream in(file);
    for (std::string text; std::getline(in, text);) {
      ++lines;
      nlohmann::json object = nlohmann::json::parse(text);
      ids.insert(object.at("id").get<std::string>());
      if (object.at("answer").get<std::string>().find_first_not_of(" \t\r\n") !=
          std::string::npos) {
        ++answered;
      }
    }
  }
  ASSERT_EQ(lines, 17908u) << "data/README.md describes 17,908 documents";

  std::ifstream in(file, std::ios::binary);
  CollectingSink sink;
  uint64_t bytes = read_jsonl(in, file.string(), sink);
  EXPECT_EQ(bytes, fs::file_size(file));
  EXPECT_TRUE(sink.rejections.empty())
      << sink.rejections.size() << " rejections, first: " << sink.rejections[0].to_string();
  EXPECT_EQ(sink.documents.size() + sink.unanswered, 17908u);
  EXPECT_EQ(sink.documents.size(), answered);
  std::set<std::string> read_ids;
  for (const AnswerDocument& doc : sink.documents) read_ids.insert(doc.id);
  EXPECT_EQ(read_ids.size(), sink.documents.size()) << "ids are unique in corpus.jsonl";
  EXPECT_EQ(read_ids.size(), ids.size());
}

TEST(JsonlReader, MapsTheCorpusFieldsOntoTheDocument) {
  fs::path file = corpus_jsonl();
  if (file.empty()) GTEST_SKIP() << "../shared/data/liveqa-med is absent";
  // GHR_0000001_Sec4: "Is Aarskog-Scott syndrome inherited ?", the seed page's question form.
  const std::string kId = "GHR_0000001_Sec4";
  std::ifstream in(file);
  std::string text;
  size_t number = 0;
  for (std::string candidate; std::getline(in, candidate);) {
    ++number;
    if (candidate.find("\"id\": \"" + kId + "\"") != std::string::npos) {
      text = candidate;
      break;
    }
  }
  ASSERT_FALSE(text.empty()) << kId << " not found in " << file;
  nlohmann::json expected = nlohmann::json::parse(text);

  // Read the line where it stands, with the lines before it, so line counting is exercised too.
  std::ifstream again(file, std::ios::binary);
  std::string head;
  for (size_t i = 0; i < number; ++i) {
    std::string l;
    std::getline(again, l);
    head += l + "\n";
  }
  CollectingSink sink = read(head);
  ASSERT_TRUE(sink.rejections.empty());
  ASSERT_FALSE(sink.documents.empty());
  const AnswerDocument& doc = sink.documents.back();
  EXPECT_EQ(doc.id, kId);
  EXPECT_EQ(doc.question, expected["question"].get<std::string>());
  EXPECT_EQ(doc.question, "Is Aarskog-Scott syndrome inherited ?");
  EXPECT_EQ(doc.answer, expected["answer"].get<std::string>());
  EXPECT_EQ(doc.answer.rfind("Aarskog-Scott syndrome is inherited in an X-linked recessive", 0),
            0u);
  EXPECT_EQ(doc.condition, expected["focus"].get<std::string>());
  EXPECT_EQ(doc.condition, "Aarskog-Scott syndrome");
  EXPECT_EQ(doc.question_type, "inheritance");
  EXPECT_EQ(doc.source, "GHR");
  EXPECT_EQ(doc.url, expected["url"].get<std::string>());
  EXPECT_TRUE(doc.other_names.empty());
  EXPECT_TRUE(doc.updated.empty());
}

TEST(JsonlReader, MalformedLineIsRejectedWithFileAndLineAndItsNeighboursAccepted) {
  CollectingSink sink =
      read(line("a") + "{\"id\": \"b\", \"question\": \"Q?\", \"answer\": \n" + line("c"));
  EXPECT_EQ(ids_of(sink), (std::vector<std::string>{"a", "c"}));
  Rejection rejection = only_rejection(sink);
  EXPECT_EQ(rejection.file, "inline.jsonl");
  EXPECT_EQ(rejection.line, 2u);
  EXPECT_NE(rejection.reason.find("malformed JSON"), std::string::npos) << rejection.reason;
  EXPECT_EQ(rejection.to_string().rfind("inline.jsonl:2: ", 0), 0u) << rejection.to_string();
}

// Regression (found by tests/fuzz/jsonl_reader_fuzzer): a number too large for a double
// ("1e999") makes nlohmann::json throw out_of_range, not parse_error; it escaped the reader and
// stopped hqa-index with exit 2 (and POST /documents answered 503) instead of rejecting the line.
TEST(JsonlReader, NumberTooLargeForADoubleRejectsTheLineInsteadOfStoppingTheRun) {
  CollectingSink sink;
  ASSERT_NO_THROW(sink = read(line("a") +
                              "{\"id\": \"b\", \"question\": \"Q?\", \"answer\": \"A.\", "
                              "\"rank\": 1e999}\n" +
                              line("c")));
  EXPECT_EQ(ids_of(sink), (std::vector<std::string>{"a", "c"}));
  Rejection rejection = only_rejection(sink);
  EXPECT_EQ(rejection.line, 2u);
  EXPECT_NE(rejection.reason.find("malformed JSON"), std::string::npos) << rejection.reason;
}

TEST(JsonlReader, LineThatIsNotAnObjectIsRejected) {
  CollectingSink sink = read("[\"id\", \"question\"]\n42\n\"text\"\nnull\n" + line("ok"));
  EXPECT_EQ(ids_of(sink), (std::vector<std::string>{"ok"}));
  ASSERT_EQ(sink.rejections.size(), 4u);
  for (size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(sink.rejections[i].line, i + 1);
    EXPECT_NE(sink.rejections[i].reason.find("object"), std::string::npos)
        << sink.rejections[i].reason;
  }
}

TEST(JsonlReader, LineWithoutIdIsRejected) {
  CollectingSink sink = read(R"({"question": "Is gout hereditary?", "answer": "No."})"
                             "\n"
                             R"({"id": "  ", "question": "Is gout hereditary?", "answer": "No."})"
                             "\n");
  EXPECT_TRUE(sink.documents.empty());
  ASSERT_EQ(sink.rejections.size(), 2u);
  for (const Rejection& rejection : sink.rejections) {
    EXPECT_NE(rejection.reason.find("'id'"), std::string::npos) << rejection.reason;
  }
}

TEST(JsonlReader, LineWithoutQuestionIsRejectedNamingTheId) {
  Rejection rejection = only_rejection(read(R"({"id": "q1", "answer": "No."})"
                                            "\n"));
  EXPECT_EQ(rejection.line, 1u);
  EXPECT_NE(rejection.reason.find("'question'"), std::string::npos) << rejection.reason;
  EXPECT_NE(rejection.to_string().find("q1"), std::string::npos) << rejection.to_string();
}

TEST(JsonlReader, FieldOfTheWrongTypeIsRejectedNamingTheField) {
  CollectingSink sink = read(R"({"id": "a", "question": "Q?", "answer": 42})"
                             "\n"
                             R"({"id": 7, "question": "Q?", "answer": "A."})"
                             "\n"
                             R"({"id": "c", "question": "Q?", "answer": "A.", "other_names": "B"})"
                             "\n"
                             R"({"id": "d", "question": "Q?", "answer": "A.", "other_names": [1]})"
                             "\n");
  EXPECT_TRUE(sink.documents.empty());
  ASSERT_EQ(sink.rejections.size(), 4u);
  EXPECT_NE(sink.rejections[0].reason.find("'answer' must be a string"), std::string::npos)
      << sink.rejections[0].reason;
  EXPECT_NE(sink.rejections[1].reason.find("'id' must be a string"), std::string::npos)
      << sink.rejections[1].reason;
  EXPECT_NE(sink.rejections[2].reason.find("'other_names'"), std::string::npos)
      << sink.rejections[2].reason;
  EXPECT_NE(sink.rejections[3].reason.find("'other_names'"), std::string::npos)
      << sink.rejections[3].reason;
}

TEST(JsonlReader, BlankLinesAreIgnoredButCountedInLineNumbers) {
  CollectingSink sink = read("\n   \n" + line("a") + "\t\n\n{broken\n" + line("b") + "\n");
  EXPECT_EQ(ids_of(sink), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(sink.unanswered, 0u);
  EXPECT_EQ(only_rejection(sink).line, 6u);
}

TEST(JsonlReader, CrlfLineEndsAreAccepted) {
  CollectingSink sink =
      read(R"({"id": "a", "question": "Is gout hereditary?", "answer": "No.", "focus": "Gout"})"
           "\r\n"
           R"({"id": "b", "question": "Is gout contagious?", "answer": "No."})"
           "\r\n");
  EXPECT_TRUE(sink.rejections.empty());
  ASSERT_EQ(ids_of(sink), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(sink.documents[0].condition, "Gout");
  EXPECT_EQ(sink.documents[1].answer, "No.");
}

TEST(JsonlReader, EmptyAnswerIsCountedAsUnansweredNotRejected) {
  CollectingSink sink = read(line("empty", "") + line("blank", "  \n ") +
                             R"({"id": "none", "question": "Q?"})"
                             "\n" +
                             line("full"));
  EXPECT_EQ(ids_of(sink), (std::vector<std::string>{"full"}));
  EXPECT_EQ(sink.unanswered, 3u);
  EXPECT_TRUE(sink.rejections.empty());
}

TEST(JsonlReader, LineOverTheSizeLimitIsRejectedAndReadingGoesOn) {
  ReaderLimits limits;
  limits.max_input_bytes = 1000;
  std::string long_line = line("long", std::string(5000, 'x'));
  CollectingSink sink = read(line("before") + long_line + line("after"), limits);
  EXPECT_EQ(ids_of(sink), (std::vector<std::string>{"before", "after"}));
  Rejection rejection = only_rejection(sink);
  EXPECT_EQ(rejection.line, 2u);
  EXPECT_NE(rejection.reason.find("longer than the limit of 1000 bytes"), std::string::npos)
      << rejection.reason;
}

TEST(JsonlReader, LineExactlyAtTheSizeLimitIsAccepted) {
  ReaderLimits limits;
  std::string text = line("edge", "A.");
  text.pop_back();  // the '\n' is not part of the line
  text.insert(text.size() - 1, std::string(20, ' '));
  limits.max_input_bytes = text.size();
  CollectingSink sink = read(text + "\n", limits);
  EXPECT_EQ(ids_of(sink), (std::vector<std::string>{"edge"}));
  EXPECT_TRUE(sink.rejections.empty());
}

TEST(JsonlReader, OtherNamesArrayAndHqaFieldNamesAreAccepted) {
  CollectingSink sink = read(
      R"json({"id": "all", "question": "Is ALL hereditary?", "answer": "Rarely.",)json"
      R"json( "condition": "Acute lymphocytic leukemia (ALL)", "type": "inheritance",)json"
      R"json( "other_names": ["Acute lymphocytic leukemia", "ALL"], "updated": "2026-05-08",)json"
      R"json( "short_answer": "Rarely."})json"
      "\n");
  ASSERT_EQ(sink.documents.size(), 1u);
  const AnswerDocument& doc = sink.documents[0];
  EXPECT_EQ(doc.other_names, (std::vector<std::string>{"Acute lymphocytic leukemia", "ALL"}));
  EXPECT_EQ(doc.condition, "Acute lymphocytic leukemia (ALL)");
  EXPECT_EQ(doc.question_type, "inheritance");
  EXPECT_EQ(doc.updated, "2026-05-08");
  EXPECT_EQ(doc.short_answer, "Rarely.");
}

TEST(JsonlReader, LineWithoutFocusTakesConditionTypeAndOtherNamesFromItsQuestion) {
  CollectingSink sink = read(
      line("knee", "") +  // unanswered: not read further
      R"json({"id": "a", "question": "What causes Knee pain ?", "answer": "Injury."})json"
      "\n"
      R"json({"id": "b", "question": "What are the treatments for Brain tumor - children ?",)json"
      R"json( "answer": "Surgery."})json"
      "\n"
      R"json({"id": "c", "question": "Do you have information about Complement component 3 (C3)",)json"
      R"json( "answer": "A blood test."})json"
      "\n"
      R"json({"id": "d", "question": "What causes gout?", "answer": "Uric acid.",)json"
      R"json( "focus": "Gout", "qtype": "causes", "other_names": []})json"
      "\n"
      R"json({"id": "e", "question": "amphetamine salts, are they gluten free", "answer": "No."})json"
      "\n"
      R"json({"id": "f", "question": "What causes   Gout ?", "answer": "Uric acid."})json"
      "\n");
  ASSERT_TRUE(sink.rejections.empty());
  ASSERT_EQ(sink.documents.size(), 6u);
  const AnswerDocument& knee = sink.documents[0];
  EXPECT_EQ(knee.condition, "Knee pain");
  EXPECT_EQ(knee.question_type, "causes");
  EXPECT_TRUE(knee.other_names.empty());
  const AnswerDocument& tumor = sink.documents[1];
  EXPECT_EQ(tumor.condition, "Brain tumor - children");
  EXPECT_EQ(tumor.question_type, "treatment");
  EXPECT_EQ(tumor.other_names, std::vector<std::string>{"Brain tumor"});
  const AnswerDocument& c3 = sink.documents[2];
  EXPECT_EQ(c3.condition, "Complement component 3 (C3)");
  EXPECT_EQ(c3.question_type, "information");
  EXPECT_EQ(c3.other_names, (std::vector<std::string>{"Complement component 3", "C3"}));
  // What the input says is kept.
  EXPECT_EQ(sink.documents[3].condition, "Gout");
  EXPECT_TRUE(sink.documents[3].other_names.empty());
  // A question of no known form names nothing.
  EXPECT_EQ(sink.documents[4].condition, "");
  EXPECT_EQ(sink.documents[4].question_type, "");
  EXPECT_EQ(sink.documents[5].condition, "Gout") << "spaces around the name are not part of it";
}

TEST(JsonlReader, EveryLiveQaAnswerWithoutFocusGetsAConditionFromItsQuestion) {
  fs::path file = corpus_jsonl();
  if (file.empty()) GTEST_SKIP() << "../shared/data/liveqa-med is absent";
  // Counted independently: the lines that leave focus or qtype out.
  size_t without_focus = 0;
  {
    std::ifstream in(file);
    for (std::string text; std::getline(in, text);) {
      nlohmann::json object = nlohmann::json::parse(text);
      if (object.value("focus", "").empty()) ++without_focus;
    }
  }
  ASSERT_GT(without_focus, 1000u) << "the MedlinePlus answers of corpus.jsonl carry no focus";
  std::ifstream in(file, std::ios::binary);
  CollectingSink sink;
  read_jsonl(in, file.string(), sink);
  size_t without_condition = 0, without_type = 0;
  for (const AnswerDocument& doc : sink.documents) {
    without_condition += doc.condition.empty();
    without_type += doc.question_type.empty();
  }
  // MedQuAD writes its questions in templates; a handful of free-form ones stay unknown (14
  // when this was written).
  EXPECT_LE(without_condition, 20u) << "of " << without_focus;
  EXPECT_LE(without_type, 20u) << "of " << without_focus;
  auto find = [&sink](const std::string& id) -> const AnswerDocument* {
    for (const AnswerDocument& doc : sink.documents) {
      if (doc.id == id) return &doc;
    }
    return nullptr;
  };
  const AnswerDocument* drug = find("MPlusDrugs_0000226_Sec6");
  ASSERT_NE(drug, nullptr);
  EXPECT_EQ(drug->question, "What are the side effects or risks of Cephalexin ?");
  EXPECT_EQ(drug->condition, "Cephalexin");
  EXPECT_EQ(drug->question_type, "side effects");
}

TEST(JsonlReader, UpdatedThatIsNotADateIsRejected) {
  Rejection rejection =
      only_rejection(read(R"({"id": "a", "question": "Q?", "answer": "A.", "updated": "May 2026"})"
                          "\n"));
  EXPECT_NE(rejection.reason.find("'updated'"), std::string::npos) << rejection.reason;
}

TEST(JsonlReader, InvalidUtf8IsRejectedWithItsLine) {
  std::string bad = R"({"id": "a", "question": "Is M)"
                    "\xE9"
                    R"(ni)"
                    "\xE8"
                    R"(re's hereditary?", "answer": "No."})"
                    "\n";
  CollectingSink sink = read(line("first") + bad + line("third"));
  EXPECT_EQ(ids_of(sink), (std::vector<std::string>{"first", "third"}));
  Rejection rejection = only_rejection(sink);
  EXPECT_EQ(rejection.line, 2u);
  EXPECT_NE(rejection.reason.find("UTF-8"), std::string::npos) << rejection.reason;
}

TEST(JsonlReader, ByteOrderMarkBeforeTheFirstLineIsAccepted) {
  CollectingSink sink = read("\xEF\xBB\xBF" + line("a") + line("b"));
  EXPECT_TRUE(sink.rejections.empty())
      << (sink.rejections.empty() ? "" : sink.rejections[0].to_string());
  EXPECT_EQ(ids_of(sink), (std::vector<std::string>{"a", "b"}));
}

TEST(JsonlReader, LastLineWithoutNewlineIsRead) {
  std::string text = line("a") + line("b");
  text.pop_back();
  EXPECT_EQ(ids_of(read(text)), (std::vector<std::string>{"a", "b"}));
}

}  // namespace
}  // namespace hqa
