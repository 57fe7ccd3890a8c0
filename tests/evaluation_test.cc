// The default eval table: its six measures against small cases computed by hand, and its report.
#include "eval/evaluation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

namespace hqa {
namespace {

Qrels parse_qrels(const std::string& text) {
  std::istringstream in(text);
  return read_qrels(in, "qrels");
}

hqa::Run parse_run(const std::string& text) {
  std::istringstream in(text);
  return read_run(in, "run");
}

enum Measure { kNdcg10, kNdcg100, kMap, kMrr10, kP10, kRecall100 };

TEST(Evaluation, MeasuresMatchAHandComputedTopic) {
  // Judged: a=3, b=0, c=2, d=1 (e unjudged). Run order by score: e, a, b, c, d.
  Qrels qrels = parse_qrels("1 0 a 3\n1 0 b 0\n1 0 c 2\n1 0 d 1\n");
  hqa::Run run =
      parse_run("1 Q0 a 1 9 t\n1 Q0 e 2 10 t\n1 Q0 b 3 8 t\n1 Q0 c 4 7 t\n1 Q0 d 5 6 t\n");
  RunEvaluation e = evaluate(qrels, run);
  const Scores& s = e.per_topic.at("1");
  // Gains in rank order: 0, 3, 0, 2, 1. DCG = 3/log2(3) + 2/log2(5) + 1/log2(6).
  double dcg = 3 / std::log2(3.0) + 2 / std::log2(5.0) + 1 / std::log2(6.0);
  double ideal = 3 / std::log2(2.0) + 2 / std::log2(3.0) + 1 / std::log2(4.0);
  EXPECT_NEAR(s[kNdcg10], dcg / ideal, 1e-9);
  EXPECT_NEAR(s[kNdcg100], dcg / ideal, 1e-9);
  // Relevant (grade >= 2): a at rank 2, c at rank 4. AP = (1/2 + 2/4) / 2.
  EXPECT_NEAR(s[kMap], 0.5, 1e-9);
  EXPECT_NEAR(s[kMrr10], 0.5, 1e-9);
  EXPECT_NEAR(s[kP10], 0.2, 1e-9);
  EXPECT_NEAR(s[kRecall100], 1.0, 1e-9);
}

TEST(Evaluation, RelevanceThresholdIsConfigurable) {
  Qrels qrels = parse_qrels("1 0 a 1\n1 0 b 3\n");
  hqa::Run run = parse_run("1 Q0 a 1 2 t\n1 Q0 b 2 1 t\n");
  EXPECT_NEAR(evaluate(qrels, run, 2).per_topic.at("1")[kMrr10], 0.5, 1e-9);
  EXPECT_NEAR(evaluate(qrels, run, 1).per_topic.at("1")[kMrr10], 1.0, 1e-9);
  EXPECT_NEAR(evaluate(qrels, run, 1).per_topic.at("1")[kMap], 1.0, 1e-9);
}

TEST(Evaluation, TiesAreBrokenByDocumentIdDescendingAsTrecEvalDoes) {
  Qrels qrels = parse_qrels("1 0 a 2\n");
  hqa::Run run = parse_run("1 Q0 a 1 5 t\n1 Q0 b 2 5 t\n");
  EXPECT_NEAR(evaluate(qrels, run).per_topic.at("1")[kMrr10], 0.5, 1e-9);
}

TEST(Evaluation, MeansCoverTopicsInBothQrelsAndRun) {
  Qrels qrels = parse_qrels("1 0 a 2\n2 0 b 2\n3 0 c 2\n");
  hqa::Run run = parse_run("1 Q0 a 1 1 t\n2 Q0 x 1 1 t\n9 Q0 c 1 1 t\n");
  RunEvaluation e = evaluate(qrels, run);
  EXPECT_EQ(e.per_topic.size(), 2u);
  EXPECT_NEAR(e.mean[kMrr10], 0.5, 1e-9);
  EXPECT_NEAR(e.mean[kP10], 0.05, 1e-9);
}

TEST(Evaluation, TopicsWithoutRelevantDocumentsScoreZero) {
  Qrels qrels = parse_qrels("1 0 a 0\n");
  hqa::Run run = parse_run("1 Q0 a 1 1 t\n");
  RunEvaluation e = evaluate(qrels, run);
  for (double score : e.per_topic.at("1")) EXPECT_EQ(score, 0.0);
}

TEST(Evaluation, RandomizationTestSeparatesClearDifferencesFromNone) {
  RunEvaluation a, b;
  for (int t = 0; t < 30; ++t) {
    std::string qid = std::to_string(t);
    a.per_topic[qid] = {0.8, 0, 0, 0, 0, 0};
    b.per_topic[qid] = {0.2 + 0.01 * (t % 3), 0, 0, 0, 0, 0};
  }
  EXPECT_LT(paired_randomization_p(a, b, 0), 0.001);
  EXPECT_GT(paired_randomization_p(a, a, 0), 0.99);
}

TEST(Evaluation, ReportNamesQrelsTopicsARunLeavesOutAndAddsAPairedTTestRow) {
  Qrels qrels = parse_qrels("1 0 a 2\n2 0 b 2\n3 0 c 2\n");
  RunEvaluation full = evaluate(qrels, parse_run("1 Q0 a 1 1 t\n2 Q0 b 1 1 t\n3 Q0 c 1 1 t\n"));
  RunEvaluation partial = evaluate(qrels, parse_run("1 Q0 a 1 1 t\n2 Q0 x 1 1 t\n"));
  EXPECT_EQ(partial.missing, std::vector<std::string>{"3"});
  EXPECT_NEAR(partial.mean[kMrr10], 0.5, 1e-9);  // over the 2 topics the run has, as before
  const std::string report =
      format_evaluation_report({{"full", full}, {"partial", partial}}, false);
  EXPECT_NE(report.find("partial: 1 of the 3 qrels topics not in the run (3), left out of its "
                        "means here; eval -m counts them as 0 (trec_eval -c)"),
            std::string::npos)
      << report;
  EXPECT_NE(report.find("  paired t-test"), std::string::npos) << report;
  EXPECT_NE(report.find("(t: p="), std::string::npos) << report;
  EXPECT_EQ(report.find("full: "), std::string::npos) << report;
}

TEST(Evaluation, MalformedLinesAreReportedWithTheirNumber) {
  try {
    parse_qrels("1 0 a 2\nbroken\n");
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("qrels:2"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_run("1 Q0 a notanumber 1 t\n"), std::runtime_error);
}

}  // namespace
}  // namespace hqa
