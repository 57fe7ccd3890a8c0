// @brief The index writer and the indexing job: outcomes, schema, durability, re-runs, deletes.
#include "indexer/index_writer.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "analysis/analyzer.h"
#include "indexer/indexing_job.h"
#include "indexer/page_reader.h"
#include "schema/index_format.h"
#include "schema/terms.h"
#include "tests/test_support.h"

namespace hqa {
namespace {
namespace fs = std::filesystem;

AnswerDocument gout() {
  AnswerDocument doc;
  doc.id = "gout-causes";
  doc.question = "What causes Gout?";
  doc.answer = "Gout is caused by uric acid crystals forming in a joint.";
  doc.condition = "Gout";
  doc.question_type = "causes";
  doc.source = "test";
  return doc;
}

// The stem the analyzer gives a single word.
std::string stem_of(const std::string& word) {
  Analyzer analyzer;
  std::vector<Token> tokens = analyzer.analyze(word);
  EXPECT_EQ(tokens.size(), 1u) << word;
  return tokens.empty() ? std::string() : tokens[0].stem;
}

bool has_term(const Xapian::Database& db, const std::string& term) { return db.term_exists(term); }

// The one document of `db` holding the id term of `id`.
Xapian::Document document_of(const Xapian::Database& db, const std::string& id) {
  std::string term = schema::id_term(id);
  Xapian::PostingIterator it = db.postlist_begin(term);
  if (it == db.postlist_end(term)) throw std::runtime_error("no document " + id);
  return db.get_document(*it);
}

size_t pages_in_corpus() {
  size_t pages = 0;
  for (const auto& entry : fs::directory_iterator(hqa::testing::corpus_dir())) {
    if (entry.path().extension() == ".txt") ++pages;
  }
  return pages;
}

class IndexWriterTest : public ::testing::Test {
 protected:
  IndexWriterOptions options() const {
    IndexWriterOptions options;
    options.index_dir = index_dir();
    return options;
  }
  std::string index_dir() const { return (temp_.path() / "index").string(); }

  hqa::testing::TempDir temp_;
};

TEST_F(IndexWriterTest, AddingTheSameDocumentAgainLeavesItUnchanged) {
  IndexWriter writer(options());
  EXPECT_EQ(writer.add(gout()), WriteOutcome::kAdded);
  EXPECT_EQ(writer.add(gout()), WriteOutcome::kUnchanged);
  writer.commit();
  EXPECT_EQ(Xapian::Database(index_dir()).get_doccount(), 1u);
}

TEST_F(IndexWriterTest, ChangedAnswerReplacesTheDocumentUnderTheSameId) {
  IndexWriter writer(options());
  ASSERT_EQ(writer.add(gout()), WriteOutcome::kAdded);
  AnswerDocument changed = gout();
  changed.answer = "Gout follows a diet rich in purines.";
  EXPECT_EQ(writer.add(changed), WriteOutcome::kReplaced);
  EXPECT_EQ(writer.add(changed), WriteOutcome::kUnchanged);
  writer.commit();

  Xapian::Database db(index_dir());
  EXPECT_EQ(db.get_doccount(), 1u);
  EXPECT_TRUE(has_term(db, schema::field_term(schema::kAnswerPrefix, stem_of("purines"))));
  EXPECT_FALSE(has_term(db, schema::field_term(schema::kAnswerPrefix, stem_of("crystals"))))
      << "the old answer's terms are gone";
  nlohmann::json data = nlohmann::json::parse(document_of(db, "gout-causes").get_data());
  EXPECT_EQ(data["answer"], changed.answer);
}

TEST_F(IndexWriterTest, ChangedMetadataAloneAlsoReplaces) {
  IndexWriter writer(options());
  ASSERT_EQ(writer.add(gout()), WriteOutcome::kAdded);
  AnswerDocument changed = gout();
  changed.updated = "2026-01-31";
  EXPECT_EQ(writer.add(changed), WriteOutcome::kReplaced);
}

TEST_F(IndexWriterTest, RemoveSaysWhetherTheIdWasThere) {
  IndexWriter writer(options());
  writer.add(gout());
  writer.commit();
  EXPECT_TRUE(writer.remove("gout-causes"));
  EXPECT_FALSE(writer.remove("gout-causes"));
  EXPECT_FALSE(writer.remove("no-such-id"));
  writer.commit();
  Xapian::Database db(index_dir());
  EXPECT_EQ(db.get_doccount(), 0u);
  EXPECT_FALSE(has_term(db, "Qgout-causes"));
}

TEST_F(IndexWriterTest, SeedPageIsStoredUnderTheSchemaPrefixesAndSlots) {
  if (!fs::exists(hqa::testing::seed_page())) GTEST_SKIP() << "seed page is absent";
  CollectingSink sink;
  const std::string kId = "000_683c2e98c07ba2e0";
  read_page(hqa::testing::read_file(hqa::testing::seed_page()), "seed", kId, sink);
  ASSERT_EQ(sink.documents.size(), 1u);
  {
    IndexWriter writer(options());
    writer.add(sink.documents[0]);
    writer.commit();
  }

  // A plain Xapian reader, as any other tool would open it.
  Xapian::Database db(index_dir());
  ASSERT_EQ(db.get_doccount(), 1u);
  EXPECT_TRUE(has_term(db, "Q000_683c2e98c07ba2e0"));
  EXPECT_EQ(db.get_metadata(schema::kSchemaVersionKey), schema::kSchemaVersion);

  // Stems as Xapian's TermGenerator marks them, "Z" + prefix + stem: question terms under XQ,
  // condition terms under XC, answer terms unprefixed.
  EXPECT_TRUE(has_term(db, "ZXQleukemia"));
  EXPECT_TRUE(has_term(db, "ZXCleukemia"));
  EXPECT_TRUE(has_term(db, "Zleukemia"));
  Analyzer analyzer;
  for (const Token& token : analyzer.analyze(sink.documents[0].question)) {
    EXPECT_TRUE(has_term(db, "ZXQ" + token.stem)) << token.term;
  }
  std::string somatic = stem_of("somatic");  // in the answer only
  EXPECT_TRUE(has_term(db, "Z" + somatic));
  EXPECT_FALSE(has_term(db, "ZXQ" + somatic));
  EXPECT_FALSE(has_term(db, "ZXC" + somatic));
  // "ALL" the acronym, apart from the stopword "all", in the question, condition and answer.
  EXPECT_TRUE(has_term(db, "XQ_all"));
  EXPECT_TRUE(has_term(db, "XC_all"));
  EXPECT_TRUE(has_term(db, "_all"));
  // Positions are kept, for phrases.
  Xapian::docid docid = document_of(db, kId).get_docid();
  EXPECT_TRUE(db.positionlist_begin(docid, "ZXQleukemia") !=
              db.positionlist_end(docid, "ZXQleukemia"));
  EXPECT_TRUE(db.positionlist_begin(docid, "Zleukemia") != db.positionlist_end(docid, "Zleukemia"));
  // ...but for the answer body's stopwords, indexed for queries of common words alone.
  ASSERT_TRUE(has_term(db, "Zthe"));
  EXPECT_TRUE(db.positionlist_begin(docid, "Zthe") == db.positionlist_end(docid, "Zthe"));
  EXPECT_TRUE(db.positionlist_begin(docid, "ZXQis") != db.positionlist_end(docid, "ZXQis"))
      << "questions keep their stopwords' positions";

  // The experience line and disclaimer are metadata: their words are not indexed.
  EXPECT_FALSE(has_term(db, schema::field_term(schema::kAnswerPrefix, stem_of("physician"))));
  EXPECT_FALSE(has_term(db, schema::field_term(schema::kAnswerPrefix, stem_of("disclaimer"))));
  EXPECT_FALSE(has_term(db, schema::field_term(schema::kAnswerPrefix, stem_of("DiseaseMaps"))));

  // Filters and values.
  EXPECT_TRUE(has_term(db, std::string(schema::kTypePrefix) + "inheritance"));
  EXPECT_TRUE(has_term(db, std::string(schema::kSourcePrefix) + "diseasemaps"));
  EXPECT_TRUE(has_term(
      db, std::string(schema::kConditionFilterPrefix) + "acute lymphocytic leukemia (all)"));
  Xapian::Document doc = document_of(db, kId);
  EXPECT_EQ(doc.get_value(schema::kUpdatedSlot), "20260508");
  EXPECT_EQ(doc.get_value(schema::kTypeSlot), "inheritance");
  EXPECT_EQ(doc.get_value(schema::kContentHashSlot), content_hash(sink.documents[0]));

  // The document itself, as JSON.
  nlohmann::json data = nlohmann::json::parse(doc.get_data());
  EXPECT_EQ(data["id"], kId);
  EXPECT_EQ(data["question"], "Is Acute lymphocytic leukemia (ALL) hereditary?");
  EXPECT_EQ(answer_document_from_json(data).answer, sink.documents[0].answer);
  EXPECT_EQ(answer_document_from_json(data).disclaimer, sink.documents[0].disclaimer);
}

TEST_F(IndexWriterTest, CommitMakesChangesVisibleToASeparateReader) {
  IndexWriterOptions opts = options();
  opts.batch_size = 1000;
  IndexWriter writer(opts);
  writer.add(gout());
  EXPECT_EQ(Xapian::Database(index_dir()).get_doccount(), 0u) << "nothing committed yet";
  writer.commit();
  Xapian::Database db(index_dir());
  EXPECT_EQ(db.get_doccount(), 1u);
  EXPECT_TRUE(has_term(db, "Qgout-causes"));
}

TEST_F(IndexWriterTest, FullBatchIsCommittedWithoutBeingAsked) {
  IndexWriterOptions opts = options();
  opts.batch_size = 2;
  IndexWriter writer(opts);
  AnswerDocument first = gout();
  AnswerDocument second = gout();
  second.id = "gout-again";
  AnswerDocument third = gout();
  third.id = "gout-third";
  writer.add(first);
  writer.add(second);
  writer.add(third);
  Xapian::Database db(index_dir());
  EXPECT_EQ(db.get_doccount(), 2u) << "the first batch of two, not the pending third";
}

TEST_F(IndexWriterTest, DestroyingTheWriterCommitsWhatIsPending) {
  {
    IndexWriter writer(options());
    writer.add(gout());
  }
  EXPECT_EQ(Xapian::Database(index_dir()).get_doccount(), 1u);
}

TEST_F(IndexWriterTest, SecondWriterOnTheSameIndexIsRefusedReadably) {
  IndexWriter writer(options());
  try {
    IndexWriter second(options());
    FAIL() << "a second writer opened a locked index";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
  }
}

TEST_F(IndexWriterTest, CorruptIndexIsRefusedReadably) {
  temp_.write("index/iamglass", "garbage");
  temp_.write("index/postlist.glass", std::string(8192, '\x5a'));
  try {
    IndexWriter writer(options());
    FAIL() << "a corrupt index was opened";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot open index " + index_dir()), std::string::npos)
        << e.what();
  }
}

TEST_F(IndexWriterTest, IndexOfAnotherSchemaVersionIsRefused) {
  {
    Xapian::WritableDatabase db(index_dir(), Xapian::DB_CREATE_OR_OPEN);
    db.set_metadata(schema::kSchemaVersionKey, "0");
    db.commit();
  }
  try {
    IndexWriter writer(options());
    FAIL() << "an index of schema version 0 was opened";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("schema version 0"), std::string::npos) << e.what();
  }
}

TEST_F(IndexWriterTest, IndexPathUnderAFileIsRefusedReadably) {
  fs::path file = temp_.write("a-file", "not a folder");
  IndexWriterOptions opts = options();
  opts.index_dir = (file / "index").string();
  try {
    IndexWriter writer(opts);
    FAIL() << "an index was created under a file";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(opts.index_dir), std::string::npos) << e.what();
  }
}

TEST_F(IndexWriterTest, IndexingTheCorpusAgainChangesNothing) {
  IndexJobOptions job;
  job.index_dir = index_dir();
  job.inputs = {hqa::testing::corpus_dir().string()};
  const size_t pages = pages_in_corpus();
  ASSERT_EQ(pages, 36u);

  IndexJobSummary first = run_index_job(job);
  EXPECT_EQ(first.added, pages);
  EXPECT_EQ(first.rejected, 0u) << (first.rejection_list.empty()
                                        ? ""
                                        : first.rejection_list[0].to_string());
  EXPECT_EQ(first.files, pages);
  EXPECT_EQ(first.ignored_files, 1u) << "corpus/README.md";
  EXPECT_EQ(first.exit_code(), 0);

  IndexJobSummary second = run_index_job(job);
  EXPECT_EQ(second.added, 0u);
  EXPECT_EQ(second.replaced, 0u);
  EXPECT_EQ(second.unchanged, pages);
  EXPECT_EQ(second.rejected, 0u);

  Xapian::Database db(index_dir());
  EXPECT_EQ(db.get_doccount(), pages);
  EXPECT_TRUE(has_term(db, "Q001_cystic-fibrosis-hereditary"));
  EXPECT_TRUE(has_term(db, "Q036_hepatitis-b-prevented"));
}

TEST_F(IndexWriterTest, JobDeletesIdsAndCountsTheMissingOnes) {
  IndexJobOptions job;
  job.index_dir = index_dir();
  job.inputs = {hqa::testing::corpus_dir().string()};
  run_index_job(job);

  IndexJobOptions deletion;
  deletion.index_dir = index_dir();
  deletion.delete_ids = {"008_measles-contagious", "no-such-page", "008_measles-contagious"};
  IndexJobSummary summary = run_index_job(deletion);
  EXPECT_EQ(summary.deleted, 1u);
  EXPECT_EQ(summary.delete_missing, 2u) << "the second delete of the same id finds nothing";
  EXPECT_EQ(summary.rejected, 0u);
  EXPECT_EQ(summary.exit_code(), 0);

  Xapian::Database db(index_dir());
  EXPECT_EQ(db.get_doccount(), pages_in_corpus() - 1);
  EXPECT_FALSE(has_term(db, "Q008_measles-contagious"));
  EXPECT_TRUE(has_term(db, "Q007_huntingtons-disease-hereditary"));
}

TEST(ShardedIndexing, TwoJobsBuildTheSameIndexAsOne) {
  testing::TempDir dir;
  IndexJobOptions one;
  one.index_dir = (dir.path() / "one").string();
  one.inputs = {testing::corpus_dir().string()};
  IndexJobOptions two = one;
  two.index_dir = (dir.path() / "two").string();
  two.jobs = 2;
  IndexJobSummary single = run_index_job(one);
  IndexJobSummary sharded = run_index_job(two);
  EXPECT_EQ(sharded.added, single.added);
  EXPECT_EQ(sharded.rejected, single.rejected);
  EXPECT_EQ(sharded.files, single.files);
  Xapian::Database a(one.index_dir), b(two.index_dir);
  EXPECT_EQ(a.get_doccount(), b.get_doccount());
  for (auto term = a.allterms_begin(); term != a.allterms_end(); ++term) {
    ASSERT_EQ(a.get_termfreq(*term), b.get_termfreq(*term)) << *term;
  }
  EXPECT_FALSE(std::filesystem::exists(two.index_dir + ".shards"));
}

TEST(ShardedIndexing, AnIdReadTwiceIsOneDocumentHoldingTheLastVersion) {
  testing::TempDir dir;
  // "a" comes back as the fourth line: in turn-taking shards it would land in the other shard
  // from its first version, and the merge would hold both.
  std::string lines;
  for (const char* id : {"a", "b", "c", "a", "d", "e"}) {
    std::string text =
        std::string(id) == "a" && !lines.empty() ? "second version" : "first version";
    lines += R"({"id":")" + std::string(id) + R"(","question":"What is )" + id +
             R"(?","answer":")" + text + "\"}\n";
  }
  std::filesystem::path input = dir.write("twice.jsonl", lines);
  IndexJobOptions one;
  one.index_dir = (dir.path() / "one").string();
  one.inputs = {input.string()};
  for (unsigned jobs : {1u, 2u, 3u}) {
    IndexJobOptions job = one;
    job.index_dir = (dir.path() / ("jobs-" + std::to_string(jobs))).string();
    job.jobs = jobs;
    IndexJobSummary summary = run_index_job(job);
    EXPECT_EQ(summary.added, 5u) << jobs << " jobs";
    EXPECT_EQ(summary.replaced, 1u) << jobs << " jobs";
    Xapian::Database db(job.index_dir);
    EXPECT_EQ(db.get_doccount(), 5u) << jobs << " jobs";
    EXPECT_EQ(db.get_termfreq(schema::id_term("a")), 1u) << jobs << " jobs";
    EXPECT_EQ(db.get_termfreq(schema::field_term(schema::kAnswerPrefix, "second")), 1u)
        << jobs << " jobs";
    EXPECT_EQ(db.get_termfreq(schema::field_term(schema::kAnswerPrefix, "first")), 4u)
        << jobs << " jobs";
  }
}

TEST(ShardedIndexing, MedquadIdsPublishedTwiceAreNotDuplicatedAcrossShards) {
  std::filesystem::path medquad = testing::shared_data("medquad");
  if (medquad.empty()) GTEST_SKIP() << "../shared/data/medquad is absent";
  // MedQuAD reuses some Document ids across CancerGov files (34 answered pairs).
  testing::TempDir dir;
  IndexJobOptions one;
  one.index_dir = (dir.path() / "one").string();
  one.inputs = {(medquad / "1_CancerGov_QA").string()};
  IndexJobOptions two = one;
  two.index_dir = (dir.path() / "two").string();
  two.jobs = 2;
  IndexJobSummary single = run_index_job(one);
  IndexJobSummary sharded = run_index_job(two);
  ASSERT_GT(single.replaced, 0u) << "the subset has ids published twice";
  EXPECT_EQ(sharded.added, single.added);
  EXPECT_EQ(sharded.replaced, single.replaced);
  EXPECT_EQ(Xapian::Database(two.index_dir).get_doccount(),
            Xapian::Database(one.index_dir).get_doccount());
}

TEST(ShardedIndexing, EveryShardReportsTheDocumentsItsWriterRefuses) {
  testing::TempDir dir;
  // Pages are named by their file: four names over the id limit, whichever shards they hash to.
  const std::string page = testing::read_file(testing::corpus_dir() / "008_measles-contagious.txt");
  for (char letter : {'a', 'b', 'c', 'd'}) {
    dir.write("pages/" + std::string(kMaxIdBytes + 10, letter) + ".txt", page);
  }
  dir.write("pages/short.txt", page);
  IndexJobOptions one;
  one.index_dir = (dir.path() / "one").string();
  one.inputs = {(dir.path() / "pages").string()};
  IndexJobOptions two = one;
  two.index_dir = (dir.path() / "two").string();
  two.jobs = 2;
  IndexJobSummary single = run_index_job(one);
  IndexJobSummary sharded = run_index_job(two);
  EXPECT_EQ(single.rejected, 4u);
  EXPECT_EQ(sharded.rejected, 4u);
  EXPECT_EQ(sharded.rejection_list.size(), 4u);
  EXPECT_EQ(sharded.added, 1u);
  EXPECT_EQ(sharded.exit_code(), single.exit_code());
}

TEST(ShardedIndexing, RefusesAnIndexThatAlreadyHasDocuments) {
  testing::TempDir dir;
  IndexJobOptions job;
  job.index_dir = (dir.path() / "index").string();
  job.inputs = {testing::corpus_dir().string()};
  run_index_job(job);
  job.jobs = 2;
  EXPECT_THROW(run_index_job(job), std::runtime_error);
  EXPECT_EQ(Xapian::Database(job.index_dir).get_doccount(), 36u);
}

}  // namespace
}  // namespace hqa
