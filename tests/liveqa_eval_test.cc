// The ranking guard: hqa's default settings on the LiveQA-Med dev topics (consumers' original
// wording) must stay above plain Xapian's nDCG@10 on the same data (0.278, data/README.md).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "indexer/indexing_job.h"
#include "searcher/batch.h"
#include "searcher/evaluation.h"
#include "searcher/searcher.h"
#include "tests/test_support.h"

namespace hqa {
namespace {

constexpr double kPlainXapianNdcg10DevOriginal = 0.278;

TEST(LiveQaDevEvaluation, DefaultRankingBeatsPlainXapianOnOriginalQuestions) {
  std::filesystem::path data = testing::shared_data("liveqa-med");
  if (data.empty()) GTEST_SKIP() << "../shared/data/liveqa-med is absent";
  testing::TempDir dir;
  IndexJobOptions job;
  job.index_dir = (dir.path() / "index").string();
  job.inputs = {(data / "corpus.jsonl").string()};
  job.batch_size = 5000;
  IndexJobSummary summary = run_index_job(job);
  ASSERT_EQ(summary.added, 17908u);

  SearcherOptions options;
  options.index_dirs = {job.index_dir};
  Searcher searcher(options);
  std::ifstream topics_in(data / "topics-dev-original.tsv");
  std::vector<Topic> topics = read_topics(topics_in, "topics-dev-original.tsv");
  ASSERT_EQ(topics.size(), 52u);
  std::stringstream run_text;
  write_trec_run(searcher, topics, 100, "hqa", run_text);

  std::ifstream qrels_in(data / "qrels-dev.txt");
  Qrels qrels = read_qrels(qrels_in, "qrels-dev.txt");
  RunEvaluation evaluation = evaluate(qrels, read_run(run_text, "run"));
  const double ndcg10 = evaluation.mean[0];
  std::cout << "nDCG@10 dev-original: " << ndcg10 << " (plain Xapian " << kPlainXapianNdcg10DevOriginal
            << ")\n";
  EXPECT_GE(ndcg10, kPlainXapianNdcg10DevOriginal);
}

}  // namespace
}  // namespace hqa
