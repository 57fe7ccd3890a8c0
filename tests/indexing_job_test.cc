// @brief Incremental and whole-index runs of the indexing job: --prune, --keep-shards, --rebuild.
#include "indexer/indexing_job.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <thread>

#include "schema/index_format.h"
#include "schema/terms.h"
#include "searcher/searcher.h"
#include "tests/test_support.h"

namespace hqa {
namespace {
namespace fs = std::filesystem;

// A copy of corpus/ that a test may change.
class IndexingJobTest : public ::testing::Test {
 protected:
  void SetUp() override { fs::copy(testing::corpus_dir(), pages(), fs::copy_options::recursive); }
  fs::path pages() const { return temp_.path() / "pages"; }
  std::string index_dir() const { return (temp_.path() / "index").string(); }
  IndexJobOptions job() const {
    IndexJobOptions options;
    options.index_dir = index_dir();
    options.inputs = {pages().string()};
    return options;
  }
  static bool has_id(const std::string& dir, const std::string& id) {
    return Xapian::Database(dir).term_exists(schema::id_term(id));
  }
  static std::vector<std::string> top_ids(const std::string& dir, const std::string& query) {
    SearcherOptions options;
    options.index_dirs = {dir};
    Searcher searcher(options);
    SearchRequest request;
    request.query = query;
    request.limit = 20;
    std::vector<std::string> ids;
    for (const SearchHit& hit : searcher.search(request).hits) ids.push_back(hit.id);
    return ids;
  }

  static constexpr const char* kGout =
      R"({"id":"a","question":"What is gout?","answer":"A kind of arthritis."})";
  static constexpr const char* kLupus =
      R"({"id":"b","question":"What is lupus?","answer":"An autoimmune disease."})";

  // Indexes the pages and more.jsonl holding documents "a" and "b"; returns the job that did.
  IndexJobOptions index_pages_and_two_lines() {
    fs::path jsonl = temp_.write("more.jsonl", std::string(kGout) + "\n" + kLupus + "\n");
    IndexJobOptions options = job();
    options.inputs.push_back(jsonl.string());
    run_index_job(options);
    return options;
  }

  testing::TempDir temp_;
};

TEST_F(IndexingJobTest, PruneRemovesTheDocumentsOfDeletedFiles) {
  run_index_job(job());
  fs::remove(pages() / "002_chickenpox-contagious.txt");
  IndexJobOptions again = job();
  again.prune = true;
  IndexJobSummary summary = run_index_job(again);
  EXPECT_EQ(summary.pruned, 1u);
  EXPECT_EQ(summary.unchanged, 35u) << "the other pages are skipped by their content hash";
  EXPECT_FALSE(has_id(index_dir(), "002_chickenpox-contagious"));
  EXPECT_TRUE(has_id(index_dir(), "001_cystic-fibrosis-hereditary"));
}

TEST_F(IndexingJobTest, WithoutPruneDocumentsOfDeletedFilesStay) {
  run_index_job(job());
  fs::remove(pages() / "002_chickenpox-contagious.txt");
  IndexJobSummary summary = run_index_job(job());
  EXPECT_EQ(summary.pruned, 0u);
  EXPECT_TRUE(has_id(index_dir(), "002_chickenpox-contagious"));
}

TEST_F(IndexingJobTest, PruneRemovesLinesDroppedFromAJsonlFile) {
  IndexJobOptions options = index_pages_and_two_lines();
  temp_.write("more.jsonl", std::string(kGout) + "\n");
  options.prune = true;
  EXPECT_EQ(run_index_job(options).pruned, 1u);
  EXPECT_TRUE(has_id(index_dir(), "a"));
  EXPECT_FALSE(has_id(index_dir(), "b"));
}

TEST_F(IndexingJobTest, PruneSparesFilesWithRejectedInput) {
  IndexJobOptions options = index_pages_and_two_lines();
  // Line 2 is now broken: "b" must not be lost because its new version cannot be read.
  temp_.write("more.jsonl", std::string(kGout) + "\n{\"id\":\"b\", broken\n");
  options.prune = true;
  IndexJobSummary summary = run_index_job(options);
  EXPECT_EQ(summary.rejected, 1u);
  EXPECT_EQ(summary.pruned, 0u);
  EXPECT_TRUE(has_id(index_dir(), "b"));
}

TEST_F(IndexingJobTest, PruneTouchesOnlyDocumentsUnderTheNamedInputs) {
  fs::path other = temp_.write(
      "other.jsonl", R"({"id":"elsewhere","question":"What is gout?","answer":"Arthritis."})"
                     "\n");
  IndexJobOptions first = job();
  first.inputs = {other.string()};
  run_index_job(first);
  IndexJobOptions pages_only = job();
  pages_only.prune = true;
  run_index_job(pages_only);
  EXPECT_TRUE(has_id(index_dir(), "elsewhere")) << "other.jsonl was not among the inputs";
}

TEST_F(IndexingJobTest, KeptShardsOpenAsOneIndexWithTheMergedRanking) {
  IndexJobOptions merged = job();
  merged.jobs = 2;
  IndexJobOptions kept = merged;
  kept.index_dir = (temp_.path() / "kept").string();
  kept.keep_shards = true;
  run_index_job(merged);
  IndexJobSummary summary = run_index_job(kept);
  EXPECT_EQ(summary.added, 36u);
  EXPECT_TRUE(fs::exists(fs::path(kept.index_dir) / "shard-0" / "iamglass"));
  EXPECT_TRUE(fs::exists(fs::path(kept.index_dir) / "shard-1" / "iamglass"));
  // Xapian itself opens the folder through the stub, as delve and quest do.
  EXPECT_EQ(Xapian::Database(kept.index_dir).get_doccount(), 36u);
  for (const char* query :
       {"is cystic fibrosis inherited", "chickenpox contagious", "diabetes symptoms"}) {
    EXPECT_EQ(top_ids(kept.index_dir, query), top_ids(merged.index_dir, query)) << query;
  }
}

TEST_F(IndexingJobTest, KeptShardsRefuseUpdatesInPlace) {
  IndexJobOptions kept = job();
  kept.jobs = 2;
  kept.keep_shards = true;
  run_index_job(kept);
  EXPECT_THROW(run_index_job(job()), std::runtime_error);
  EXPECT_EQ(Xapian::Database(index_dir()).get_doccount(), 36u);
}

TEST_F(IndexingJobTest, RebuildSwapsANewIndexIntoAFolderAndKeepsThePrevious) {
  run_index_job(job());
  Xapian::Database before(index_dir());
  fs::remove(pages() / "002_chickenpox-contagious.txt");
  IndexJobOptions rebuild = job();
  rebuild.rebuild = true;
  IndexJobSummary summary = run_index_job(rebuild);
  EXPECT_TRUE(summary.swapped);
  EXPECT_EQ(summary.added, 35u);
  EXPECT_EQ(Xapian::Database(index_dir()).get_doccount(), 35u);
  EXPECT_FALSE(has_id(index_dir(), "002_chickenpox-contagious"));
  EXPECT_TRUE(fs::exists(index_dir() + ".previous/iamglass"));
  EXPECT_FALSE(fs::exists(index_dir() + ".rebuild"));
  // A reader that opened the old index before the swap still reads it.
  EXPECT_EQ(before.get_doccount(), 36u);
  EXPECT_TRUE(before.term_exists(schema::id_term("002_chickenpox-contagious")));
}

TEST_F(IndexingJobTest, RebuildFlipsASymlinkToANewVersionedFolder) {
  IndexJobOptions first = job();
  first.index_dir = (temp_.path() / "build-1").string();
  run_index_job(first);
  fs::create_directory_symlink("build-1", index_dir());
  IndexJobOptions rebuild = job();
  rebuild.rebuild = true;
  rebuild.jobs = 2;
  for (int round = 0; round < 3; ++round) {
    ASSERT_TRUE(run_index_job(rebuild).swapped);
    ASSERT_TRUE(fs::is_symlink(index_dir()));
    EXPECT_EQ(Xapian::Database(index_dir()).get_doccount(), 36u);
  }
  EXPECT_TRUE(fs::exists(temp_.path() / "build-1")) << "a folder hqa did not make is never removed";
  size_t versions = 0;
  for (const auto& entry : fs::directory_iterator(temp_.path())) {
    if (entry.path().filename().string().rfind("index.v", 0) == 0) ++versions;
  }
  EXPECT_EQ(versions, 2u) << "the current build and the one before it";
}

TEST_F(IndexingJobTest, RebuildWithRejectedInputLeavesTheIndexAsItWas) {
  run_index_job(job());
  fs::path bad = temp_.write("bad.jsonl", "{not json\n");
  IndexJobOptions rebuild = job();
  rebuild.rebuild = true;
  rebuild.inputs.push_back(bad.string());
  IndexJobSummary summary = run_index_job(rebuild);
  EXPECT_FALSE(summary.swapped);
  EXPECT_EQ(summary.exit_code(), 1);
  EXPECT_EQ(summary.rebuild_dir, index_dir() + ".rebuild");
  EXPECT_TRUE(fs::exists(summary.rebuild_dir)) << "kept for a look";
  rebuild.swap_despite_rejections = true;
  EXPECT_TRUE(run_index_job(rebuild).swapped);
}

TEST_F(IndexingJobTest, ProgressLineShowsMegabytesOfTheTotalAndAnEstimate) {
  std::ostringstream progress;
  IndexJobOptions options = job();
  options.progress = &progress;
  run_index_job(options);
  EXPECT_NE(progress.str().find(" MB · "), std::string::npos) << progress.str();
  EXPECT_NE(progress.str().find("/0.1 MB"), std::string::npos) << progress.str();
}

TEST(DefaultJobs, EveryCoreForANewIndexOrARebuildAndOneForAnUpdate) {
  testing::TempDir dir;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  IndexJobOptions job;
  job.index_dir = (dir.path() / "index").string();
  job.inputs = {testing::corpus_dir().string()};
  EXPECT_EQ(default_jobs(job), cores);  // missing
  std::filesystem::create_directories(job.index_dir);
  EXPECT_EQ(default_jobs(job), cores);  // empty
  job.jobs = default_jobs(job);
  EXPECT_EQ(run_index_job(job).added, 36u);
  EXPECT_EQ(default_jobs(job), 1u);  // an update replaces by id in place
  job.rebuild = true;
  EXPECT_EQ(default_jobs(job), cores);
  job.rebuild = false;
  job.delete_ids = {"008_measles-contagious"};
  EXPECT_EQ(default_jobs(job), 1u);
}

}  // namespace
}  // namespace hqa
