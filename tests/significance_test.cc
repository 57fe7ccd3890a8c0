// The paired tests and the Student t distribution under them, against closed forms and values
// computed once with SciPy 1.10.1 (Debian python3-scipy), written here as literals:
//   2 * scipy.stats.t.sf(t, df), scipy.special.betainc(a, b, x), scipy.stats.ttest_rel(a, b).
#include "eval/significance.h"

#include <gtest/gtest.h>

#include <cmath>

namespace hqa {
namespace {

TEST(Significance, IncompleteBetaMatchesClosedFormsAndScipy) {
  // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(2, 3) = 0.5248 at 0.4 (a polynomial, and SciPy's value).
  EXPECT_NEAR(regularized_incomplete_beta(1, 1, 0.3), 0.3, 1e-14);
  EXPECT_NEAR(regularized_incomplete_beta(3, 1, 0.5), 0.125, 1e-14);
  EXPECT_NEAR(regularized_incomplete_beta(2, 3, 0.4), 0.5247999999999999, 1e-13);
  EXPECT_NEAR(regularized_incomplete_beta(0.5, 0.5, 0.9), 0.7951672353008662, 1e-13);
  EXPECT_NEAR(regularized_incomplete_beta(25, 0.5, 0.97), 0.21946801343309025, 1e-13);
  EXPECT_EQ(regularized_incomplete_beta(2, 2, 0), 0.0);
  EXPECT_EQ(regularized_incomplete_beta(2, 2, 1), 1.0);
}

TEST(Significance, StudentTTwoSidedPMatchesClosedFormsAndScipy) {
  // df 1 is the Cauchy distribution: p = 1 - (2 / pi) atan(|t|); df 2: p = 1 - |t| / sqrt(2 + t^2).
  EXPECT_NEAR(student_t_two_sided_p(1.0, 1), 0.5, 1e-13);
  EXPECT_NEAR(student_t_two_sided_p(-3.0, 1), 1 - 2 / M_PI * std::atan(3.0), 1e-13);
  EXPECT_NEAR(student_t_two_sided_p(2.0, 2), 1 - 2 / std::sqrt(6.0), 1e-13);
  EXPECT_NEAR(student_t_two_sided_p(2.5, 10), 0.031446844236608776, 1e-12);
  EXPECT_NEAR(student_t_two_sided_p(1.0, 3), 0.39100221895577053, 1e-12);
  EXPECT_NEAR(student_t_two_sided_p(4.0, 50), 0.00020919024636403371, 1e-14);
  EXPECT_NEAR(student_t_two_sided_p(0.3, 7.5), 0.7723226585687781, 1e-12);
  EXPECT_EQ(student_t_two_sided_p(0.0, 5), 1.0);
}

TEST(Significance, PairedTTestMatchesScipyTtestRel) {
  const std::vector<double> a = {0.8, 0.6, 0.9, 0.4, 0.7, 0.5};
  const std::vector<double> b = {0.6, 0.65, 0.5, 0.3, 0.6, 0.2};
  std::vector<double> differences;
  for (size_t i = 0; i < a.size(); ++i) differences.push_back(a[i] - b[i]);
  // scipy.stats.ttest_rel(a, b): statistic 2.6713147194026186, pvalue 0.044278643468982394.
  EXPECT_NEAR(paired_t_test_p(differences), 0.044278643468982394, 1e-12);
}

TEST(Significance, PairedTTestDegenerateCases) {
  EXPECT_EQ(paired_t_test_p({}), 1.0);
  EXPECT_EQ(paired_t_test_p({0.3}), 1.0);  // one topic: no variance to test against
  EXPECT_EQ(paired_t_test_p({0, 0, 0}), 1.0);
  EXPECT_EQ(paired_t_test_p({0.25, 0.25, 0.25}), 0.0);  // the same gain on every topic
}

TEST(Significance, RandomizationTestSeparatesClearDifferencesFromNoneAndIsRepeatable) {
  std::vector<double> clear(30, 0.5), none;
  for (int t = 0; t < 30; ++t) none.push_back(t % 2 ? 0.1 : -0.1);
  EXPECT_LT(randomization_test_p(clear), 0.001);
  EXPECT_GT(randomization_test_p(none), 0.99);
  EXPECT_EQ(randomization_test_p({0.2, -0.1, 0.3}), randomization_test_p({0.2, -0.1, 0.3}));
  EXPECT_EQ(randomization_test_p({}), 1.0);
}

}  // namespace
}  // namespace hqa
