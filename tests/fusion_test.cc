// Run fusion on hand-made runs whose fused scores are computed by hand.
#include "eval/fusion.h"

#include <gtest/gtest.h>

#include <sstream>

namespace hqa {
namespace {

hqa::Run parse_run(const std::string& text) {
  std::istringstream in(text);
  return read_run(in, "run");
}

// Run A ranks a, b, c (ranks by score; the rank column is ignored); run B ranks c, a, d.
const char* kRunA = "1 Q0 a 3 30 A\n1 Q0 b 1 20 A\n1 Q0 c 2 10 A\n2 Q0 x 1 5 A\n";
const char* kRunB = "1 Q0 c 1 0.9 B\n1 Q0 a 2 0.5 B\n1 Q0 d 3 0.1 B\n";

std::vector<std::string> ids(const std::vector<RunEntry>& entries) {
  std::vector<std::string> out;
  for (const RunEntry& entry : entries) out.push_back(entry.doc_id);
  return out;
}

TEST(Fusion, ReciprocalRankFusionSumsOneOverKPlusRank) {
  FusionOptions options;  // RRF, k 60
  hqa::Run fused = fuse_runs({parse_run(kRunA), parse_run(kRunB)}, options);
  const std::vector<RunEntry>& topic = fused.at("1");
  // a: 1/61 + 1/62; c: 1/63 + 1/61; b: 1/62; d: 1/63.
  ASSERT_EQ(ids(topic), (std::vector<std::string>{"a", "c", "b", "d"}));
  EXPECT_NEAR(topic[0].score, 1.0 / 61 + 1.0 / 62, 1e-10);
  EXPECT_NEAR(topic[1].score, 1.0 / 63 + 1.0 / 61, 1e-10);
  EXPECT_NEAR(topic[2].score, 1.0 / 62, 1e-10);
  EXPECT_NEAR(topic[3].score, 1.0 / 63, 1e-10);
  // Topic 2 is in one run only: it is kept, with that run's contribution.
  ASSERT_EQ(fused.at("2").size(), 1u);
  EXPECT_NEAR(fused.at("2")[0].score, 1.0 / 61, 1e-10);
}

TEST(Fusion, WeightsScaleEachRunsContribution) {
  FusionOptions options;
  options.k = 1;
  options.weights = {1, 3};
  hqa::Run fused = fuse_runs({parse_run(kRunA), parse_run(kRunB)}, options);
  // a: 1/2 + 3/3 = 1.5; c: 1/4 + 3/2 = 1.75; b: 1/3; d: 3/4.
  const std::vector<RunEntry>& topic = fused.at("1");
  ASSERT_EQ(ids(topic), (std::vector<std::string>{"c", "a", "d", "b"}));
  EXPECT_NEAR(topic[0].score, 1.75, 1e-10);
  EXPECT_NEAR(topic[1].score, 1.5, 1e-10);
  EXPECT_NEAR(topic[2].score, 0.75, 1e-10);
  EXPECT_NEAR(topic[3].score, 1.0 / 3, 1e-10);
  options.weights = {1};
  EXPECT_THROW(fuse_runs({parse_run(kRunA), parse_run(kRunB)}, options), std::runtime_error);
  options.weights = {1, -1};
  EXPECT_THROW(fuse_runs({parse_run(kRunA), parse_run(kRunB)}, options), std::runtime_error);
}

TEST(Fusion, CombSumAddsMinMaxNormalisedScores) {
  FusionOptions options;
  options.method = FusionOptions::Method::kCombSum;
  hqa::Run fused = fuse_runs({parse_run(kRunA), parse_run(kRunB)}, options);
  // A: a 1, b 0.5, c 0. B: c 1, a 0.5, d 0. Sums: a 1.5, c 1, b 0.5, d 0.
  const std::vector<RunEntry>& topic = fused.at("1");
  ASSERT_EQ(ids(topic), (std::vector<std::string>{"a", "c", "b", "d"}));
  EXPECT_NEAR(topic[0].score, 1.5, 1e-10);
  EXPECT_NEAR(topic[1].score, 1.0, 1e-10);
  EXPECT_NEAR(topic[2].score, 0.5, 1e-10);
  EXPECT_NEAR(topic[3].score, 0.0, 1e-10);
  // A topic whose scores are all equal normalises them to 1.
  EXPECT_NEAR(fused.at("2")[0].score, 1.0, 1e-10);
}

TEST(Fusion, TiesAreBrokenByDocumentIdDescendingAsTrecEvalReadsThem) {
  // b and c swap places in the two runs: equal fused scores (added in another order).
  hqa::Run one = parse_run("1 Q0 a 1 3 X\n1 Q0 b 2 2 X\n1 Q0 c 3 1 X\n");
  hqa::Run two = parse_run("1 Q0 a 1 3 Y\n1 Q0 c 2 2 Y\n1 Q0 b 3 1 Y\n");
  for (auto method : {FusionOptions::Method::kRrf, FusionOptions::Method::kCombSum}) {
    FusionOptions options;
    options.method = method;
    hqa::Run fused = fuse_runs({one, two}, options);
    EXPECT_EQ(ids(fused.at("1")), (std::vector<std::string>{"a", "c", "b"}));
    EXPECT_EQ(fused.at("1")[1].score, fused.at("1")[2].score);
  }
}

TEST(Fusion, DepthCutsEveryTopicAndTheRunIsWrittenWithAHeader) {
  FusionOptions options;
  options.depth = 2;
  hqa::Run fused = fuse_runs({parse_run(kRunA), parse_run(kRunB)}, options);
  EXPECT_EQ(fused.at("1").size(), 2u);
  const std::string text = format_run(fused, "hqa-rrf", "# fused\n");
  EXPECT_EQ(text,
            "# fused\n"
            "1 Q0 a 1 0.0325224749 hqa-rrf\n"
            "1 Q0 c 2 0.0322664585 hqa-rrf\n"
            "2 Q0 x 1 0.0163934426 hqa-rrf\n");
  // Read back, it ranks as written.
  hqa::Run back = parse_run(text);
  EXPECT_EQ(ids(rank_entries(back.at("1"))), (std::vector<std::string>{"a", "c"}));
}

}  // namespace
}  // namespace hqa
