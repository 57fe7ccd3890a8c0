// Paired significance tests between two runs' per-topic scores: the randomization (permutation)
// test and Student's paired t-test, both two-sided.
#ifndef HQA_EVAL_SIGNIFICANCE_H_
#define HQA_EVAL_SIGNIFICANCE_H_

#include <vector>

namespace hqa {

// Two-sided p-value of a paired randomization test of the mean of `differences` (one per topic,
// a - b): the share of `trials` random sign flips whose mean is at least as far from 0, counting
// the observed one ((hits + 1) / (trials + 1)). Deterministic: a fixed seed. 1 if empty.
double randomization_test_p(const std::vector<double>& differences, int trials = 10000);

// Two-sided p-value of Student's paired t-test on `differences`: t = mean / (sd / sqrt(n)) with
// n - 1 degrees of freedom. 1 for fewer than two topics or when every difference is 0; 0 when
// the differences are all equal and not 0 (no variance).
double paired_t_test_p(const std::vector<double>& differences);

// P(|T| >= |t|) for Student's t distribution with `df` degrees of freedom (> 0), through the
// regularized incomplete beta function: I_{df / (df + t^2)}(df / 2, 1 / 2).
double student_t_two_sided_p(double t, double df);

// The regularized incomplete beta function I_x(a, b), a, b > 0, 0 <= x <= 1 (continued fraction,
// modified Lentz; relative accuracy about 1e-14).
double regularized_incomplete_beta(double a, double b, double x);

}  // namespace hqa

#endif  // HQA_EVAL_SIGNIFICANCE_H_
