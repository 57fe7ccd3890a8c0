// Topics files as researchers have them: TSV, TREC (SGML with and without closing tags, and
// XML), TREC LiveQA XML and JSON Lines; the fields that make the query, the topic ids, and the
// files that are refused, each with the file and line named.
#include "eval/topics.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/test_support.h"

namespace hqa {
namespace {

TopicSet read(const std::string& content, const TopicOptions& options = {}) {
  return read_topics(content, "topics.txt", options);
}

TopicOptions with_fields(const std::string& fields) {
  TopicOptions options;
  options.fields = fields;
  return options;
}

// `content` is refused with a message that holds `expected`.
void expect_refused(const std::string& content, const TopicOptions& options,
                    const std::string& expected) {
  try {
    read(content, options);
    FAIL() << "accepted:\n" << content;
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
  }
}

// TREC's own layout (Robust04): field tags never closed, labels before the text.
const char* kTrecSgml =
    "<top>\n"
    "<num> Number: 301\n"
    "<title> International Organized Crime\n"
    "\n"
    "<desc> Description:\n"
    "Identify organizations that participate in international\n"
    "criminal activity.\n"
    "\n"
    "<narr> Narrative:\n"
    "A relevant document must name the organization.\n"
    "</top>\n"
    "\n"
    "<top>\n"
    "<num> Number: 302\n"
    "<title> Poliomyelitis and Post-Polio\n"
    "<desc> Description:\n"
    "Is the disease still a threat?\n"
    "<narr> Narrative:\n"
    "Relevant documents name a case.\n"
    "</top>\n";

TEST(Topics, TrecSgmlTopicsGiveTheirTitlesByDefault) {
  TopicSet set = read(kTrecSgml);
  EXPECT_EQ(set.format, TopicFormat::kTrec);
  EXPECT_EQ(set.fields, "title");
  ASSERT_EQ(set.topics.size(), 2u);
  EXPECT_EQ(set.topics[0].qid, "301");
  EXPECT_EQ(set.topics[0].query, "International Organized Crime");
  EXPECT_EQ(set.topics[0].line, 1u);
  EXPECT_EQ(set.topics[1].qid, "302");
  EXPECT_EQ(set.topics[1].line, 13u);
}

TEST(Topics, TrecFieldsCombineInTheOrderGivenWithoutTheirLabels) {
  TopicSet set = read(kTrecSgml, with_fields("title+description"));
  EXPECT_EQ(set.topics[0].query,
            "International Organized Crime Identify organizations that participate in "
            "international criminal activity.");
  EXPECT_EQ(read(kTrecSgml, with_fields("narr")).topics[1].query,
            "Relevant documents name a case.");
  EXPECT_EQ(read(kTrecSgml, with_fields("desc+title")).topics[1].query,
            "Is the disease still a threat? Poliomyelitis and Post-Polio");
}

TEST(Topics, TrecTopicsWithClosedFieldTagsAsAnseriniShipsThem) {
  const char* core18 =
      "<top>\n"
      "<num> Number: 321 </num>\n"
      "<title>\n"
      "Women in Parliaments\n"
      "</title>\n"
      "<desc> Description:\n"
      "Pertinent documents will reflect the fact that women continue to be poorly "
      "represented.\n"
      "</desc>\n"
      "<narr> Narrative:\n"
      "Pertinent documents relating to this issue will discuss the lack of representation.\n"
      "</narr>\n"
      "</top>\n";
  TopicSet set = read(core18, with_fields("title+desc"));
  ASSERT_EQ(set.topics.size(), 1u);
  EXPECT_EQ(set.topics[0].qid, "321");
  EXPECT_EQ(set.topics[0].query,
            "Women in Parliaments Pertinent documents will reflect the fact that women continue "
            "to be poorly represented.");
}

TEST(Topics, TrecXmlTopicsReadTheirElements) {
  const char* covid =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<topics task=\"COVID\">\n"
      "  <topic number=\"1\">\n"
      "    <query>coronavirus origin</query>\n"
      "    <question>what is the origin of COVID-19</question>\n"
      "    <narrative>seeking range of information about the SARS-CoV-2 virus</narrative>\n"
      "  </topic>\n"
      "</topics>\n";
  TopicSet set = read(covid);
  EXPECT_EQ(set.format, TopicFormat::kTrec);
  EXPECT_EQ(set.fields, "query");
  ASSERT_EQ(set.topics.size(), 1u);
  EXPECT_EQ(set.topics[0].qid, "1");
  EXPECT_EQ(set.topics[0].query, "coronavirus origin");
  EXPECT_EQ(set.topics[0].line, 3u);
  EXPECT_EQ(read(covid, with_fields("query+question")).topics[0].query,
            "coronavirus origin what is the origin of COVID-19");
}

TEST(Topics, MalformedTrecTopicsAreRefusedNamingTheLine) {
  const TopicOptions none;
  expect_refused("<top>\n<num> Number: 1\n<title> a\n", none, "topics.txt:1: <top> is not closed");
  expect_refused("<top>\n<num> Number: 1\n<title> a\n<top>\n", none,
                 "topics.txt:4: <top> inside the topic opened on line 1");
  expect_refused("<top>\n<title> a\n</top>\n", none, "topics.txt:1: the topic has no <num>");
  expect_refused("<top>\n<num> 1\n<title> a\n<title> b\n</top>\n", none,
                 "topics.txt:4: a second <title>");
  expect_refused("<top>\n<num> 1\n<title> a </narr>\n</top>\n", none,
                 "topics.txt:3: </narr> closes no open field");
  expect_refused("<top>\n<num> 1\n<title> a\n</top>\nstray words\n", none,
                 "topics.txt:5: text outside <top>");
  expect_refused("<top>\n<num> 1 </num>\nloose text\n<title> a\n</top>\n", none,
                 "topics.txt:3: text outside any field");
  expect_refused("<title> a\n", none, "topics.txt:1: <title> outside <top>");
}

const char* kLiveQa =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<LiveQA2017-Medical-Test-Set-Full>\n"
    "\t<NLM-QUESTION qid=\"TQ1\">\n"
    "\t\t<Original-Question qfile=\"71.txt\">\n"
    "\t\t\t<SUBJECT>Noonan syndrome </SUBJECT>\n"
    "\t\t\t<MESSAGE>What are the references with noonan syndrome\n"
    "\t\t\tand polycystic renal disease</MESSAGE>\n"
    "\t\t</Original-Question>\n"
    "\t\t<NIST-PARAPHRASE>What is the relationship?</NIST-PARAPHRASE>\n"
    "\t\t<NLM-Summary>Noonan syndrome and renal disease</NLM-Summary>\n"
    "\t\t<ReferenceAnswers><RefAnswer aid=\"TQ1A1\"><ANSWER>Not a query.</ANSWER></RefAnswer>"
    "</ReferenceAnswers>\n"
    "\t</NLM-QUESTION>\n"
    "\t<NLM-QUESTION qid=\"TQ3\">\n"
    "\t\t<Original-Question><SUBJECT></SUBJECT><MESSAGE>gluten free?</MESSAGE>"
    "</Original-Question>\n"
    "\t\t<NIST-PARAPHRASE></NIST-PARAPHRASE>\n"
    "\t\t<NLM-Summary>Do amphetamine salts contain gluten?</NLM-Summary>\n"
    "\t</NLM-QUESTION>\n"
    "</LiveQA2017-Medical-Test-Set-Full>\n";

TEST(Topics, LiveQaQuestionsAreSubjectAndMessageByDefault) {
  TopicSet set = read(kLiveQa);
  EXPECT_EQ(set.format, TopicFormat::kLiveQa);
  EXPECT_EQ(set.fields, "subject+message");
  ASSERT_EQ(set.topics.size(), 2u);
  EXPECT_EQ(set.topics[0].qid, "TQ1");
  EXPECT_EQ(set.topics[0].line, 3u);
  EXPECT_EQ(set.topics[0].query,
            "Noonan syndrome What are the references with noonan syndrome and polycystic renal "
            "disease");
  EXPECT_EQ(set.topics[1].query, "gluten free?");
  EXPECT_EQ(read(kLiveQa, with_fields("original")).topics[1].query, "gluten free?");
  EXPECT_EQ(read(kLiveQa, with_fields("summary")).topics[0].query,
            "Noonan syndrome and renal disease");
}

TEST(Topics, ATopicWithNoTextIsReportedAndSkipped) {
  TopicSet set = read(kLiveQa, with_fields("paraphrase"));
  ASSERT_EQ(set.topics.size(), 1u);
  EXPECT_EQ(set.topics[0].qid, "TQ1");
  ASSERT_EQ(set.skipped.size(), 1u);
  EXPECT_EQ(set.skipped[0], "topics.txt:13: topic TQ3 has no text in paraphrase; skipped");
  TopicSet tsv = read("1\tfirst\n2\t  \n3\tthird\n");
  EXPECT_EQ(tsv.topics.size(), 2u);
  EXPECT_EQ(tsv.skipped, std::vector<std::string>{"topics.txt:2: topic 2 has no text; skipped"});
}

TEST(Topics, QidStripPrefixAndQidMapRewriteIdsForTheQrels) {
  TopicOptions strip;
  strip.qid_strip_prefix = "TQ";
  TopicSet set = read(kLiveQa, strip);
  EXPECT_EQ(set.topics[0].qid, "1");
  EXPECT_EQ(set.topics[1].qid, "3");
  TopicOptions mapped;
  mapped.qid_map = read_qid_map("TQ1 101\n\nTQ3\t103\n", "map.txt");
  mapped.qid_map_name = "map.txt";
  set = read(kLiveQa, mapped);
  EXPECT_EQ(set.topics[0].qid, "101");
  EXPECT_EQ(set.topics[1].qid, "103");
  mapped.qid_map.erase("TQ3");
  expect_refused(kLiveQa, mapped, "topics.txt:13: topic TQ3 is not in --qid-map map.txt");
  EXPECT_THROW(read_qid_map("a 1\nb\n", "map.txt"), std::runtime_error);
  EXPECT_THROW(read_qid_map("a 1\na 2\n", "map.txt"), std::runtime_error);
}

TEST(Topics, DuplicateTopicIdsAreRefusedNamingBothLines) {
  expect_refused("1\tfirst\n2\tsecond\n1\tagain\n", {},
                 "topics.txt:3: topic 1 again (first on line 1)");
  TopicOptions strip;
  strip.qid_strip_prefix = "T";
  expect_refused("T1\tfirst\n1\tsecond\n", strip, "topics.txt:2: topic 1 again (first on line 1)");
}

TEST(Topics, JsonLinesTopicsTakeQueryTitleOrText) {
  TopicSet set = read(
      "{\"qid\": \"q1\", \"query\": \"is  measles\\tcontagious\"}\n\n"
      "{\"qid\": 2, \"query\": \"gout causes\", \"title\": \"gout\"}\n");
  EXPECT_EQ(set.format, TopicFormat::kJsonl);
  EXPECT_EQ(set.fields, "query");
  ASSERT_EQ(set.topics.size(), 2u);
  EXPECT_EQ(set.topics[0].query, "is measles contagious");
  EXPECT_EQ(set.topics[1].qid, "2");
  EXPECT_EQ(set.topics[1].line, 3u);
  TopicSet beir = read("{\"_id\": \"7\", \"text\": \"asthma treatment\", \"metadata\": {}}\n");
  EXPECT_EQ(beir.fields, "text");
  EXPECT_EQ(beir.topics[0].qid, "7");
  expect_refused("{\"qid\": \"1\", \"query\": \"a\"}\n{\"query\": \"b\"}\n", {},
                 "topics.txt:2: no \"qid\"");
  expect_refused("{\"qid\": \"1\", \"query\": \"a\"}\n{not json\n", {},
                 "topics.txt:2: expected a JSON object");
}

TEST(Topics, TsvTopicsKeepTheirTextAsWritten) {
  TopicSet set = read("1\tis  measles contagious\r\n\n2\tgout\n");
  EXPECT_EQ(set.format, TopicFormat::kTsv);
  EXPECT_EQ(set.fields, "");
  ASSERT_EQ(set.topics.size(), 2u);
  EXPECT_EQ(set.topics[0].query, "is  measles contagious");
  EXPECT_EQ(set.topics[1].line, 3u);
  expect_refused("1\tfine\nno tab here\n", {}, "topics.txt:2: expected 'qid<TAB>query'");
  expect_refused("1 2\tspace in the id\n", {}, "topics.txt:1: topic id '1 2'");
}

TEST(Topics, AFileOfAnotherFormatThanForcedIsRefusedNamingTheLine) {
  TopicOptions forced;
  forced.format = TopicFormat::kTrec;
  expect_refused("1\tquery\n", forced, "topics.txt:1: text outside <top>");
  forced.format = TopicFormat::kTsv;
  expect_refused(kTrecSgml, forced, "topics.txt:1: expected 'qid<TAB>query'");
  forced.format = TopicFormat::kJsonl;
  expect_refused("1\tquery\n", forced, "topics.txt:1: expected a JSON object");
  forced.format = TopicFormat::kLiveQa;
  expect_refused("\n1\tquery\n", forced, "topics.txt:2: not well-formed XML");
  expect_refused(kTrecSgml, forced, "not well-formed XML");
  forced.format = TopicFormat::kTrec;
  expect_refused(kLiveQa, forced, "topics.txt:5: text outside <top>");
}

TEST(Topics, FieldsNoTopicHasAreRefusedListingThoseItHas) {
  expect_refused(kTrecSgml, with_fields("titel"),
                 "topics.txt: no topic has a field 'titel' (fields: description, narrative, "
                 "title)");
  expect_refused("1\tq\n", with_fields("title"), "tsv topics have one field");
}

TEST(Topics, TextThatIsNotUtf8IsRefusedNamingTheLine) {
  expect_refused("1\tfine\n2\tbad \xff byte\n", {}, "topics.txt:2: not UTF-8");
  expect_refused("", {}, "no topics");
}

TEST(Topics, FormatIsToldFromTheContent) {
  EXPECT_EQ(detect_topic_format("\xEF\xBB\xBF{\"qid\": 1}"), TopicFormat::kJsonl);
  EXPECT_EQ(detect_topic_format("  <top>\n<num> 1"), TopicFormat::kTrec);
  EXPECT_EQ(detect_topic_format("<?xml version=\"1.0\"?><topics>"), TopicFormat::kTrec);
  EXPECT_EQ(detect_topic_format(kLiveQa), TopicFormat::kLiveQa);
  EXPECT_EQ(detect_topic_format("1\tquery"), TopicFormat::kTsv);
  EXPECT_THROW(parse_topic_format("xml"), std::runtime_error);
}

// The dev questions as LiveQA published them give, field by field, the queries of hqa's TSV
// files: subject+message the original wording, paraphrase and summary theirs.
TEST(Topics, LiveQaDevXmlGivesTheQueriesOfTheDevTsvFiles) {
  std::filesystem::path data = testing::shared_data("liveqa-med");
  if (data.empty()) GTEST_SKIP() << "../shared/data/liveqa-med is absent";
  TopicOptions options;
  options.qid_strip_prefix = "TQ";
  const std::string xml = testing::read_file(data / "topics-dev.xml");
  for (const char* wording : {"original", "paraphrase", "summary"}) {
    options.fields = std::string(wording) == "original" ? "" : wording;
    TopicSet from_xml = read_topics(xml, "topics-dev.xml", options);
    const std::string tsv_name = std::string("topics-dev-") + wording + ".tsv";
    TopicSet from_tsv = read_topics(testing::read_file(data / tsv_name), tsv_name, {});
    ASSERT_EQ(from_xml.topics.size(), from_tsv.topics.size()) << wording;
    for (size_t i = 0; i < from_xml.topics.size(); ++i) {
      EXPECT_EQ(from_xml.topics[i].qid, from_tsv.topics[i].qid) << wording;
      EXPECT_EQ(from_xml.topics[i].query, from_tsv.topics[i].query) << wording;
    }
  }
}

}  // namespace
}  // namespace hqa
