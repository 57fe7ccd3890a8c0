// eval -m's measures against a topic computed by hand from trec_eval's definitions (m_map.c,
// m_bpref.c, m_P.c, m_recall.c, m_recip_rank.c, m_ndcg_cut.c, form_res_rels.c), its layout,
// its -c averaging, and the run and qrels files it refuses.
#include "eval/measures.h"

#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "eval/trec_eval_report.h"
#include "eval/trec_files.h"

namespace hqa {
namespace {

Qrels parse_qrels(const std::string& text) {
  std::istringstream in(text);
  return read_qrels(in, "qrels.txt");
}

hqa::Run parse_run(const std::string& text) {
  std::istringstream in(text);
  return read_run(in, "run.txt");
}

// Topic 1 judges a 3, b 0, c 2, d 1, f 1 (not retrieved), g -1 (in the pool, unjudged), h 0
// (not retrieved). The run ranks, by score: e (not in the qrels), a, b, g, c, d.
// Topic 2 is judged (x 1) and absent from the run; topic 3 is in the run only.
const char* kQrels =
    "1 0 a 3\n1 0 b 0\n1 0 c 2\n1 0 d 1\n1 0 f 1\n1 0 g -1\n1 0 h 0\n"
    "2 0 x 1\n";
const char* kRun =
    "# a header line, skipped\n"
    "1 Q0 a 2 9 t\n1 Q0 e 1 10 t\n1 Q0 b 3 8 t\n1 Q0 g 4 7.5 t\n1 Q0 c 5 7 t\n1 Q0 d 6 6 t\n"
    "3 Q0 z 1 1 t\n";

JudgedRanking topic_one() {
  Qrels qrels = parse_qrels(kQrels);
  hqa::Run run = parse_run(kRun);
  return judge_ranking(qrels.at("1"), run.at("1"));
}

TEST(Measures, EveryMeasureMatchesTheHandComputedTopicAtLevelOne) {
  const JudgedRanking topic = topic_one();
  // Relevant (grade >= 1): a, c, d, f (R = 4), found at ranks 2, 5 and 6.
  EXPECT_NEAR(average_precision(topic, 1), (1.0 / 2 + 2.0 / 5 + 3.0 / 6) / 4, 1e-12);
  EXPECT_NEAR(reciprocal_rank(topic, 1), 0.5, 1e-12);
  EXPECT_NEAR(precision_at(topic, 5, 1), 2.0 / 5, 1e-12);
  EXPECT_NEAR(precision_at(topic, 10, 1), 3.0 / 10, 1e-12);  // past the run: not relevant
  EXPECT_NEAR(recall_at(topic, 5, 1), 2.0 / 4, 1e-12);
  EXPECT_NEAR(recall_at(topic, 10, 1), 3.0 / 4, 1e-12);
  // bpref: e and g are not judged and skipped; a counts 1 (no non-relevant above it); b is the
  // one judged non-relevant above c and d, of min(R, N) = min(4, 2) = 2: each counts 1 - 1/2.
  EXPECT_NEAR(bpref(topic, 1), (1 + 0.5 + 0.5) / 4, 1e-12);
  // Gains by rank: 0 3 0 0 2 1 (g's -1 gains nothing); the ideal order of the grades 3 2 1 1.
  const double dcg5 = 3 / std::log2(3.0) + 2 / std::log2(6.0);
  const double ideal = 3 + 2 / std::log2(3.0) + 1 / std::log2(4.0) + 1 / std::log2(5.0);
  EXPECT_NEAR(ndcg_at(topic, 5), dcg5 / ideal, 1e-12);
  EXPECT_NEAR(ndcg_at(topic, 10), (dcg5 + 1 / std::log2(7.0)) / ideal, 1e-12);
  EXPECT_NEAR(ndcg_at(topic, 1), 0.0, 1e-12);
  // ndcg, uncut: every retrieved document and every grade of the ideal ranking.
  EXPECT_NEAR(MeasureSet({"ndcg"}).compute(topic, 1).at(0), (dcg5 + 1 / std::log2(7.0)) / ideal,
              1e-12);
  // judged: a, b, c in the top 5 (e is not in the qrels, g has no judgement); d too in the top 10.
  EXPECT_NEAR(judged_at(topic, 5), 3.0 / 5, 1e-12);
  EXPECT_NEAR(judged_at(topic, 10), 4.0 / 10, 1e-12);
  EXPECT_NEAR(judged_at(topic, 1), 0.0, 1e-12);
}

TEST(Measures, RelevanceLevelTwoCountsOnlyGradesOfTwoAndMore) {
  const JudgedRanking topic = topic_one();
  // Relevant: a and c (R = 2) at ranks 2 and 5; judged non-relevant: b, d, f, h (N = 4).
  EXPECT_NEAR(average_precision(topic, 2), (1.0 / 2 + 2.0 / 5) / 2, 1e-12);
  EXPECT_NEAR(bpref(topic, 2), (1 + (1 - 1.0 / 2)) / 2, 1e-12);
  EXPECT_NEAR(precision_at(topic, 5, 2), 2.0 / 5, 1e-12);
  EXPECT_NEAR(recall_at(topic, 10, 2), 1.0, 1e-12);
  EXPECT_NEAR(reciprocal_rank(topic, 3), 0.5, 1e-12);
  EXPECT_NEAR(ndcg_at(topic, 5), ndcg_at(topic_one(), 5), 1e-12);  // nDCG has no level
}

TEST(Measures, ReciprocalRankCanBeCutAsTheDefaultTablesMrrAt10Is) {
  Qrels qrels = parse_qrels("1 0 r 1\n");
  std::string lines;
  for (int i = 0; i < 11; ++i) {
    lines += "1 Q0 d" + std::to_string(i) + " 1 " + std::to_string(100 - i) + " t\n";
  }
  lines += "1 Q0 r 12 1 t\n";
  JudgedRanking topic = judge_ranking(qrels.at("1"), parse_run(lines).at("1"));
  EXPECT_NEAR(reciprocal_rank(topic, 1), 1.0 / 12, 1e-12);
  EXPECT_EQ(reciprocal_rank(topic, 1, 10), 0.0);
}

TEST(Measures, TiesAreRankedByDocumentIdDescendingWhateverTheRankColumnSays) {
  Qrels qrels = parse_qrels("1 0 a 1\n");
  JudgedRanking topic =
      judge_ranking(qrels.at("1"), parse_run("1 Q0 a 1 5 t\n1 Q0 b 2 5 t\n").at("1"));
  EXPECT_NEAR(reciprocal_rank(topic, 1), 0.5, 1e-12);
}

TEST(TrecEvalLayout, PerTopicAndAllLinesAsTrecEvalPrintsThemWithMissingTopicsAsZero) {
  MeasureSet measures({"ndcg_cut.5", "map", "P.5"});
  MeasuredRun run = measure_run("run.txt", parse_qrels(kQrels), parse_run(kRun), measures, 1);
  // map 0.35, P_5 0.4 and ndcg_cut_5 0.5135 on topic 1 (above); 0 on topic 2, which the run
  // lacks; topic 3 has no judgements and is left out. Means over the qrels' 2 topics.
  EXPECT_EQ(format_trec_eval(run, true),
            "map                   \t1\t0.3500\n"
            "P_5                   \t1\t0.4000\n"
            "ndcg_cut_5            \t1\t0.5135\n"
            "map                   \t2\t0.0000\n"
            "P_5                   \t2\t0.0000\n"
            "ndcg_cut_5            \t2\t0.0000\n"
            "map                   \tall\t0.1750\n"
            "P_5                   \tall\t0.2000\n"
            "ndcg_cut_5            \tall\t0.2568\n");
  EXPECT_EQ(run.missing, std::vector<std::string>{"2"});
  EXPECT_EQ(run.unjudged, std::vector<std::string>{"3"});
  const std::string note = topic_coverage_note(run);
  EXPECT_NE(note.find("1 of the 2 qrels topics not in the run, counted as 0"), std::string::npos)
      << note;
}

TEST(TrecEvalLayout, SeveralRunsAreNamedAndComparedByPairedTests) {
  MeasureSet measures({"map"});
  Qrels qrels = parse_qrels(kQrels);
  std::vector<MeasuredRun> runs = {
      measure_run("a.run", qrels, parse_run(kRun), measures, 1),
      measure_run("b.run", qrels, parse_run("1 Q0 a 1 1 t\n"), measures, 1)};
  const std::string out = format_trec_eval_runs(runs, false);
  EXPECT_NE(out.find("runid                 \tall\ta.run\nmap                   \tall\t0.1750\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("map                   \tall\t0.1250\n"), std::string::npos) << out;
  EXPECT_NE(out.find("paired tests against a.run, two-sided, over the 2 qrels topics"),
            std::string::npos)
      << out;
}

TEST(MeasureSet, ParsesTrecEvalSyntaxIntoTrecEvalsOrderAndNames) {
  MeasureSet set({"ndcg_cut.20,5", "judged.10", "recip_rank", "P.10", "map", "P.5"});
  EXPECT_EQ(set.names(), (std::vector<std::string>{"map", "recip_rank", "P_5", "P_10", "ndcg_cut_5",
                                                   "ndcg_cut_20", "judged_10"}));
  EXPECT_EQ(MeasureSet({"recall"}).names().size(), 9u);  // trec_eval's default cut-offs
  EXPECT_TRUE(MeasureSet::is_measure("bpref"));
  EXPECT_FALSE(MeasureSet::is_measure("run.txt"));
  for (const char* bad : {"ndcg10", "P.0", "P.5,5", "P.x", "map.10", "P.", "p.10"}) {
    EXPECT_THROW(MeasureSet({bad}), std::runtime_error) << bad;
  }
}

// `text` is refused with a message that holds `expected`.
void expect_refused(const std::string& text, bool qrels, const std::string& expected) {
  try {
    qrels ? (void)parse_qrels(text) : (void)parse_run(text);
    FAIL() << "accepted: " << text;
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
  }
}

TEST(TrecFiles, BadRunsAreRefusedNamingTheFileAndLine) {
  expect_refused("1 Q0 a 1 2 t\n1 Q0 b 2 1\n", false, "run.txt:2: expected 6 columns");
  expect_refused("1 Q0 a 1 2 t extra\n", false, "run.txt:1: expected 6 columns");
  expect_refused("1 Q0 a 1 high t\n", false, "run.txt:1: score 'high' is not a number");
  expect_refused("1 Q0 a 1 nan t\n", false, "run.txt:1: score 'nan'");
  expect_refused("1 Q0 a first 2 t\n", false, "run.txt:1: rank 'first' is not an integer");
  expect_refused("1 Q0 a 1.5 2 t\n", false, "run.txt:1: rank '1.5'");
}

TEST(TrecFiles, ARunListingADocumentTwiceForATopicIsRefusedNamingTopicAndDocument) {
  expect_refused("1 Q0 a 1 2 t\n2 Q0 a 1 2 t\n1 Q0 b 2 1 t\n1 Q0 a 3 0.5 t\n", false,
                 "run.txt:4: topic 1 lists document a twice (first on line 1)");
}

TEST(TrecFiles, BadQrelsAreRefusedNamingTheFileAndLine) {
  expect_refused("1 0 a 1\n1 0 b 2.5\n", true, "qrels.txt:2: grade '2.5' is not an integer");
  expect_refused("1 0 a relevant\n", true, "qrels.txt:1: grade 'relevant'");
  expect_refused("1 0 a\n", true, "qrels.txt:1: expected 4 columns");
}

TEST(TrecFiles, AQrelsJudgingADocumentTwiceKeepsTheLastGradeAndSaysSo) {
  std::istringstream in("1 0 a 1\n1 0 b 0\n1 0 a 2\n");
  std::vector<std::string> repeated;
  Qrels qrels = read_qrels(in, "qrels.txt", &repeated);
  EXPECT_EQ(qrels.at("1").at("a"), 2);
  ASSERT_EQ(repeated.size(), 1u);
  EXPECT_NE(repeated[0].find("qrels.txt:3: topic 1 judges document a again (first on line 1)"),
            std::string::npos)
      << repeated[0];
}

}  // namespace
}  // namespace hqa
