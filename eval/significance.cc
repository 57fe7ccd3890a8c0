// @brief Paired randomization and t-tests, and the Student t distribution they need.
#include "eval/significance.h"

#include <cmath>
#include <random>

namespace hqa {
namespace {

double mean_of(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? 0 : sum / values.size();
}

// The continued fraction of I_x(a, b) (Numerical Recipes' betacf, by the modified Lentz method).
double beta_continued_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300, kEpsilon = 1e-15;
  const double qab = a + b, qap = a + 1, qam = a - 1;
  double c = 1, d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= 1000; ++m) {
    const int m2 = 2 * m;
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));  // even step
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));  // odd step
    d = 1 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1) < kEpsilon) break;
  }
  return h;
}

}  // namespace

double regularized_incomplete_beta(double a, double b, double x) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) +
                                a * std::log(x) + b * std::log1p(-x));
  // The fraction converges fast for x below (a + 1) / (a + b + 2); above, use the symmetry
  // I_x(a, b) = 1 - I_{1-x}(b, a).
  if (x < (a + 1) / (a + b + 2)) return front * beta_continued_fraction(a, b, x) / a;
  return 1 - front * beta_continued_fraction(b, a, 1 - x) / b;
}

double student_t_two_sided_p(double t, double df) {
  if (!std::isfinite(t)) return 0;
  return regularized_incomplete_beta(df / 2, 0.5, df / (df + t * t));
}

double paired_t_test_p(const std::vector<double>& differences) {
  const size_t n = differences.size();
  if (n < 2) return 1.0;
  const double mean = mean_of(differences);
  double squares = 0;
  for (double d : differences) squares += (d - mean) * (d - mean);
  const double sd = std::sqrt(squares / (n - 1));
  if (sd == 0) return mean == 0 ? 1.0 : 0.0;
  return student_t_two_sided_p(mean / (sd / std::sqrt(static_cast<double>(n))), n - 1.0);
}

double randomization_test_p(const std::vector<double>& differences, int trials) {
  if (differences.empty()) return 1.0;
  const double observed = std::fabs(mean_of(differences));
  std::mt19937_64 random(20170);
  int at_least_as_extreme = 0;
  for (int t = 0; t < trials; ++t) {
    double sum = 0;
    for (double d : differences) sum += (random() & 1) ? d : -d;
    if (std::fabs(sum / differences.size()) >= observed - 1e-12) ++at_least_as_extreme;
  }
  return (at_least_as_extreme + 1.0) / (trials + 1.0);
}

}  // namespace hqa
