// The two checks the index format used to spell in several ways, tried on every path that takes
// them: a last-updated date must be a real calendar day (readers, the writer, POST /documents,
// --from/--to, from/to, updated: in queries), and exact values (filters, facets, completion of
// condition names) fold case and accents as the analyzer does (schema version 3).
#include <gtest/gtest.h>
#include <httplib.h>
#include <xapian.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "indexer/index_writer.h"
#include "indexer/indexing_job.h"
#include "schema/date.h"
#include "schema/errors.h"
#include "schema/index_format.h"
#include "searcher/searcher.h"
#include "service/http_service.h"
#include "tests/test_support.h"

namespace hqa {
namespace {

using nlohmann::json;

TEST(CalendarDate, OnlyRealDaysParse) {
  for (const char* day : {"2024-02-29", "2000-02-29", "2026-12-31", "1999-01-01"}) {
    ASSERT_TRUE(Date::parse(day).has_value()) << day;
    EXPECT_EQ(Date::parse(day)->iso(), day);
  }
  EXPECT_EQ(Date::parse("2024-02-29")->sortable(), "20240229");
  for (const char* not_a_day :
       {"2024-13-45", "2024-ab-cd", "2023-02-29", "1900-02-29", "2024-04-31", "2024-00-10",
        "2024-01-00", "2024-1-01", "20240101", "", "2024-01-01 ", "May 2026"}) {
    EXPECT_FALSE(Date::parse(not_a_day).has_value()) << not_a_day;
  }
  try {
    parse_date("2024-13-45", "field 'updated'");
    FAIL() << "2024-13-45 was read as a date";
  } catch (const InvalidInput& e) {
    EXPECT_NE(std::string(e.what()).find("field 'updated'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("2024-13-45"), std::string::npos) << e.what();
  }
}

class DatesTest : public ::testing::Test {
 protected:
  std::string index() const { return (dir_.path() / "index").string(); }
  testing::TempDir dir_;
};

TEST_F(DatesTest, AJsonlLineWithAnImpossibleDateIsRejectedByFileLineAndFieldAndTheRestIndexed) {
  const auto file = dir_.write(
      "docs.jsonl",
      R"({"id": "good-1", "question": "Is gout painful?", "answer": "Yes, it hurts.", "updated": "2024-02-29"})"
      "\n"
      R"({"id": "bad-month", "question": "Is gout common?", "answer": "Yes.", "updated": "2024-13-45"})"
      "\n"
      R"({"id": "bad-digits", "question": "Is gout rare?", "answer": "No.", "updated": "2024-ab-cd"})"
      "\n"
      R"({"id": "good-2", "question": "Is gout treated?", "answer": "Yes, with drugs.", "updated": "2025-01-31"})"
      "\n");
  IndexJobOptions job;
  job.index_dir = index();
  job.inputs = {file.string()};
  IndexJobSummary summary = run_index_job(job);
  EXPECT_EQ(summary.added, 2u);
  ASSERT_EQ(summary.rejected, 2u);
  ASSERT_EQ(summary.rejection_list.size(), 2u);
  EXPECT_EQ(summary.rejection_list[0].file, file.string());
  EXPECT_EQ(summary.rejection_list[0].line, 2u);
  EXPECT_EQ(summary.rejection_list[1].line, 3u);
  for (const Rejection& rejection : summary.rejection_list) {
    EXPECT_NE(rejection.reason.find("'updated'"), std::string::npos) << rejection.reason;
  }
  // Nothing of the bad lines reached the index; the good ones sort by their dates.
  SearcherOptions options;
  options.index_dirs = {index()};
  Searcher searcher(options);
  SearchRequest request;
  request.query = "gout";
  request.sort = SearchRequest::Sort::kUpdated;
  SearchResponse response = searcher.search(request);
  ASSERT_EQ(response.hits.size(), 2u);
  EXPECT_EQ(response.hits[0].id, "good-2");
  EXPECT_EQ(response.hits[1].id, "good-1");
}

TEST_F(DatesTest, APageWithAnImpossibleDateIsRejectedAtItsHeaderLine) {
  const auto page = dir_.write("impossible-date.txt",
                               "Last updated: 2024-02-30\n"
                               "Yes, usually.\n"
                               "Is gout painful? Here is why.\n"
                               "Gout causes sudden pain in the joints.\n");
  IndexJobOptions job;
  job.index_dir = index();
  job.inputs = {page.string()};
  IndexJobSummary summary = run_index_job(job);
  EXPECT_EQ(summary.added, 0u);
  ASSERT_EQ(summary.rejection_list.size(), 1u);
  EXPECT_EQ(summary.rejection_list[0].line, 1u);
  EXPECT_NE(summary.rejection_list[0].reason.find("2024-02-30"), std::string::npos);
}

TEST_F(DatesTest, TheWriterRefusesAnImpossibleDateAndChangesNothing) {
  IndexWriterOptions options;
  options.index_dir = index();
  IndexWriter writer(options);
  AnswerDocument doc = testing::make_document("d1", "Is gout painful?", "Yes.");
  doc.updated = "2024-13-45";
  EXPECT_THROW(writer.add(doc), InvalidInput);
  writer.commit();
  EXPECT_EQ(Xapian::Database(index()).get_doccount(), 0u);
}

TEST_F(DatesTest, AnUpdatedQueryWithAnImpossibleDateIsIgnoredWithANote) {
  AnswerDocument doc = testing::make_document("d1", "Is gout painful?", "Yes, gout is painful.");
  doc.updated = "2024-05-01";
  testing::index_documents(index(), {doc});
  SearcherOptions options;
  options.index_dirs = {index()};
  Searcher searcher(options);
  SearchRequest request;
  request.query = "gout updated:2024-13-45..";
  SearchResponse response = searcher.search(request);
  ASSERT_EQ(response.hits.size(), 1u);
  ASSERT_FALSE(response.notes.empty());
  EXPECT_NE(response.notes[0].find("updated:"), std::string::npos) << response.notes[0];
  request.query = "gout updated:2024-05-02..";
  EXPECT_TRUE(searcher.search(request).hits.empty());
  request.query = "gout updated:2024-04-30..2024-05-01";
  EXPECT_EQ(searcher.search(request).hits.size(), 1u);
}

TEST_F(DatesTest, TheCommandLineRefusesAnImpossibleFromOrTo) {
  testing::index_documents(index(), {testing::make_document("d1", "Is gout painful?", "Yes.")});
  for (const char* flag : {"--from 2024-13-45", "--to 2024-02-30", "--from 2024-ab-cd"}) {
    testing::CommandResult result = testing::run_command(
        testing::search_bin() + " --index " + testing::shell_quote(index()) + " " + flag + " gout");
    EXPECT_EQ(result.exit_code, 2) << flag;
    EXPECT_NE(result.err.find(std::string(flag).substr(0, 4)), std::string::npos) << result.err;
  }
  testing::CommandResult fine =
      testing::run_command(testing::search_bin() + " --index " + testing::shell_quote(index()) +
                           " --from 2024-02-29 gout");
  EXPECT_EQ(fine.exit_code, 0) << fine.err;
}

// An index whose condition, source and type are written in capitals and with accents.
class FoldingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AnswerDocument meniere =
        testing::make_document("meniere", "What are the symptoms of MÉNIÈRE disease?",
                               "Vertigo, ringing and hearing loss.");
    meniere.condition = "MÉNIÈRE disease";
    meniere.source = "Ärzteblatt";
    meniere.question_type = "Symptoms";
    AnswerDocument gout =
        testing::make_document("gout", "What are the symptoms of gout?", "Sudden joint pain.");
    gout.condition = "Gout";
    gout.source = "NIDDK";
    testing::index_documents(index(), {meniere, gout});
    SearcherOptions options;
    options.index_dirs = {index()};
    searcher_ = std::make_unique<Searcher>(options);
  }
  std::string index() const { return (dir_.path() / "index").string(); }
  std::vector<std::string> ids_with_filter(const std::string& filter) {
    SearchRequest request;
    request.query = "symptoms";
    add_filter(filter, request);
    std::vector<std::string> ids;
    for (const SearchHit& hit : searcher_->search(request).hits) ids.push_back(hit.id);
    return ids;
  }

  testing::TempDir dir_;
  std::unique_ptr<Searcher> searcher_;
};

TEST_F(FoldingTest, FiltersMatchWhateverTheCaseAndAccentsTyped) {
  const std::vector<std::string> meniere = {"meniere"};
  for (const char* filter :
       {"condition:ménière disease", "condition:MÉNIÈRE disease", "condition:Meniere Disease",
        "condition:MENIERE DISEASE", "source:ärzteblatt", "source:ARZTEBLATT", "type:symptoms"}) {
    EXPECT_EQ(ids_with_filter(filter), meniere) << filter;
  }
  EXPECT_EQ(ids_with_filter("source:niddk"), std::vector<std::string>{"gout"});
  EXPECT_TRUE(ids_with_filter("condition:meniere").empty());  // a filter is the whole value
}

TEST_F(FoldingTest, QuerySyntaxFiltersFoldToo) {
  SearchRequest request;
  request.query = "symptoms source:ÄRZTEBLATT";
  SearchResponse response = searcher_->search(request);
  ASSERT_EQ(response.hits.size(), 1u);
  EXPECT_EQ(response.hits[0].id, "meniere");
}

TEST_F(FoldingTest, FacetsCountValuesAsWritten) {
  SearchRequest request;
  request.query = "symptoms";
  add_facet("condition", request);
  add_facet("source", request);
  SearchResponse response = searcher_->search(request);
  std::vector<std::string> conditions;
  for (const FacetCount& count : response.facets[Field::kCondition]) {
    conditions.push_back(count.value);
  }
  EXPECT_NE(std::find(conditions.begin(), conditions.end(), "MÉNIÈRE disease"), conditions.end());
}

TEST_F(FoldingTest, CompletionFindsConditionNamesWhateverTheCaseAndAccentsTyped) {
  for (const char* typed : {"mén", "MEN", "Meni", "ménière d"}) {
    std::vector<std::string> suggestions = searcher_->complete(typed, 5);
    ASSERT_FALSE(suggestions.empty()) << typed;
    EXPECT_EQ(suggestions[0], "MÉNIÈRE disease") << typed;
  }
}

TEST_F(FoldingTest, AnIndexOfTheEarlierSchemaIsRefusedAndRebuildMigratesIt) {
  searcher_.reset();
  {
    Xapian::WritableDatabase db(index());
    db.set_metadata(schema::kSchemaVersionKey, "2");
    db.commit();
  }
  SearcherOptions options;
  options.index_dirs = {index()};
  try {
    Searcher refused(options);
    FAIL() << "an index of schema version 2 was opened";
  } catch (const IndexError& e) {
    EXPECT_NE(std::string(e.what()).find("--rebuild"), std::string::npos) << e.what();
  }
  const auto file = dir_.write(
      "docs.jsonl",
      R"({"id": "meniere", "question": "What are the symptoms of MÉNIÈRE disease?", "answer": "Vertigo.", "focus": "MÉNIÈRE disease"})"
      "\n");
  IndexJobOptions job;
  job.index_dir = index();
  job.inputs = {file.string()};
  job.rebuild = true;
  IndexJobSummary summary = run_index_job(job);
  EXPECT_TRUE(summary.swapped);
  EXPECT_EQ(Xapian::Database(index()).get_metadata(schema::kSchemaVersionKey),
            schema::kSchemaVersion);
  searcher_ = std::make_unique<Searcher>(options);
  EXPECT_EQ(ids_with_filter("condition:ménière disease"), std::vector<std::string>{"meniere"});
}

// The HTTP API takes the same dates and folds the same values.
class DatesAndFoldingOverHttpTest : public FoldingTest {
 protected:
  void SetUp() override {
    FoldingTest::SetUp();
    ServiceOptions options;
    options.searcher.index_dirs = {index()};
    options.port = 0;
    options.threads = 4;
    options.api_key = "key";
    service_ = std::make_unique<HttpService>(options);
    thread_ = std::thread([this] { service_->run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", service_->port());
    for (int i = 0; i < 100 && !client_->Get("/health"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  void TearDown() override {
    service_->stop();
    thread_.join();
  }
  std::unique_ptr<HttpService> service_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(DatesAndFoldingOverHttpTest, PostedDocumentsWithImpossibleDatesAreRejectedByLine) {
  httplib::Headers key = {{"X-API-Key", "key"}};
  const std::string body =
      R"({"id": "web-1", "question": "Is lupus contagious?", "answer": "No.", "updated": "2024-06-01"})"
      "\n"
      R"({"id": "web-2", "question": "Is lupus common?", "answer": "No.", "updated": "2024-13-45"})"
      "\n";
  auto res = client_->Post("/documents", key, body, "application/x-ndjson");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 207) << res->body;
  json summary = json::parse(res->body);
  EXPECT_EQ(summary["added"], 1);
  ASSERT_EQ(summary["rejected"].size(), 1u);
  EXPECT_EQ(summary["rejected"][0]["line"], 2);
  EXPECT_NE(summary["rejected"][0]["reason"].get<std::string>().find("'updated'"),
            std::string::npos);
}

TEST_F(DatesAndFoldingOverHttpTest, FromAndToMustBeCalendarDays) {
  for (const char* path : {"/search?q=symptoms&from=2024-13-45", "/search?q=symptoms&to=2024-02-30",
                           "/search?q=symptoms&from=2024-ab-cd"}) {
    auto res = client_->Get(path);
    ASSERT_TRUE(res) << path;
    EXPECT_EQ(res->status, 400) << path;
    json error = json::parse(res->body);
    EXPECT_NE(error["error"].get<std::string>().find("YYYY-MM-DD"), std::string::npos) << res->body;
  }
  EXPECT_EQ(client_->Get("/search?q=symptoms&from=2024-02-29")->status, 200);
}

TEST_F(DatesAndFoldingOverHttpTest, FiltersAndSuggestionsFold) {
  auto res = client_->Get("/search?q=symptoms&filter=condition:m%C3%A9ni%C3%A8re%20disease");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body;
  json body = json::parse(res->body);
  ASSERT_EQ(body["hits"].size(), 1u);
  EXPECT_EQ(body["hits"][0]["id"], "meniere");
  json suggestions = json::parse(client_->Get("/suggest?q=meni")->body);
  ASSERT_FALSE(suggestions["suggestions"].empty());
  EXPECT_EQ(suggestions["suggestions"][0], "MÉNIÈRE disease");
}

}  // namespace
}  // namespace hqa
