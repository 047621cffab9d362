#include "sim/samplers.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "sim/random_stream.h"

namespace fccsim::sim {
namespace {

constexpr std::uint64_t kSeed = 20240601;
constexpr int kN = 200'000;

RandomStream StreamFor(std::string_view name) { return RandomStream(kSeed, 0, StreamId(name)); }

std::vector<double> SampleMany(const Distribution& d, std::string_view stream_name, int n = kN) {
  RandomStream stream = StreamFor(stream_name);
  std::vector<double> out(n);
  for (double& x : out) x = d.Sample(stream);
  return out;
}

// Checks the sample mean and variance of kN draws against the analytic ones.
//
// Mean: the sample mean has standard error sqrt(Variance / n).
// Variance: the (unbiased) sample variance S^2 is asymptotically normal with variance
// (mu4 - sigma^4) / n, where mu4 is the fourth central moment (e.g. Kendall & Stuart, or
// Casella & Berger ex. 5.8), so its standard error follows from mu4, passed in analytically.
// Both use 4 standard errors: a false alarm has probability about 6e-5 per check, and the seed
// is fixed, so a pass is reproducible. The distributions with heavy tails (lognormal cv = 1,
// Weibull shape 0.8) still have finite eighth moments, so the normal approximation for S^2
// holds at n = 200,000 (its skewness is of order 1e-2).
void ExpectMomentsMatch(const Distribution& d, double fourth_central_moment,
                        std::string_view stream_name) {
  const std::vector<double> xs = SampleMany(d, stream_name);
  const double n = static_cast<double>(xs.size());
  double sum = 0;
  for (double x : xs) sum += x;
  const double mean = sum / n;
  double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  const double variance = ss / (n - 1);

  const double sigma2 = d.Variance();
  const double mean_se = std::sqrt(sigma2 / n);
  const double variance_se = std::sqrt((fourth_central_moment - sigma2 * sigma2) / n);
  EXPECT_NEAR(mean, d.Mean(), 4 * mean_se) << stream_name;
  EXPECT_NEAR(variance, sigma2, 4 * variance_se) << stream_name;
}

// Kolmogorov-Smirnov distance between the empirical CDF of `xs` and `cdf`.
double KolmogorovDistance(std::vector<double> xs, const std::function<double(double)>& cdf) {
  std::sort(xs.begin(), xs.end());
  const double n = static_cast<double>(xs.size());
  double d = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double f = cdf(xs[i]);
    d = std::max({d, f - i / n, (i + 1) / n - f});
  }
  return d;
}

// Two-sample Kolmogorov-Smirnov distance between the empirical CDFs of `a` and `b`.
double KolmogorovDistance(std::vector<double> a, std::vector<double> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::size_t i = 0;
  std::size_t j = 0;
  double d = 0;
  while (i < a.size() && j < b.size()) {
    const double x = std::min(a[i], b[j]);
    while (i < a.size() && a[i] == x) ++i;
    while (j < b.size() && b[j] == x) ++j;
    d = std::max(d,
                 std::abs(static_cast<double>(i) / a.size() - static_cast<double>(j) / b.size()));
  }
  return d;
}

// The asymptotic Kolmogorov critical value at significance 0.001 is 1.95 / sqrt(n); for two
// samples of sizes n and m, 1.95 * sqrt((n + m) / (n m)).
constexpr double kKolmogorov001 = 1.95;

// Fourth central moment from raw moments m1..m4.
double FourthCentral(double m1, double m2, double m3, double m4) {
  return m4 - 4 * m3 * m1 + 6 * m2 * m1 * m1 - 3 * m1 * m1 * m1 * m1;
}

double NormalCdf(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }
double NormalUpperTail(double x) { return 0.5 * std::erfc(x / std::numbers::sqrt2); }

std::vector<double> StandardNormals(std::string_view stream_name, int n) {
  RandomStream stream = StreamFor(stream_name);
  std::vector<double> out(n);
  for (double& z : out) z = StandardNormal(stream);
  return out;
}

// Where the normal ziggurat's base ends and its tail algorithm takes over.
constexpr double kNormalTailStart = 3.6541528853610088;

// Raw moments 1 to 4 against 0, 1, 0, 3. The sample mean of Z^k has standard error
// sqrt((E Z^2k - (E Z^k)^2) / n), with E Z^2, Z^4, Z^6, Z^8 = 1, 3, 15, 105.
TEST(StandardNormal, MatchesTheFirstFourMoments) {
  const std::vector<double> zs = StandardNormals("normal/moments", kN);
  double m1 = 0;
  double m2 = 0;
  double m3 = 0;
  double m4 = 0;
  for (double z : zs) {
    m1 += z;
    m2 += z * z;
    m3 += z * z * z;
    m4 += z * z * z * z;
  }
  const double n = static_cast<double>(kN);
  EXPECT_NEAR(m1 / n, 0.0, 4 * std::sqrt(1 / n));
  EXPECT_NEAR(m2 / n, 1.0, 4 * std::sqrt(2 / n));
  EXPECT_NEAR(m3 / n, 0.0, 4 * std::sqrt(15 / n));
  EXPECT_NEAR(m4 / n, 3.0, 4 * std::sqrt(96 / n));
}

TEST(StandardNormal, MatchesTheNormalCdf) {
  const double ks = KolmogorovDistance(StandardNormals("normal/ks", kN), NormalCdf);
  EXPECT_LT(ks, kKolmogorov001 / std::sqrt(kN));
}

// The sign and the magnitude come from separate bits: the positive values and the negated
// negative ones must be two samples of one law, and the signs balanced.
TEST(StandardNormal, IsSymmetric) {
  std::vector<double> positive;
  std::vector<double> negated;
  for (double z : StandardNormals("normal/symmetry", kN)) {
    (z > 0 ? positive : negated).push_back(std::abs(z));
  }
  const double n = static_cast<double>(kN);
  EXPECT_NEAR(static_cast<double>(positive.size()), n / 2, 4 * std::sqrt(n / 4));
  const double p = static_cast<double>(positive.size());
  const double q = static_cast<double>(negated.size());
  EXPECT_LT(KolmogorovDistance(positive, negated), kKolmogorov001 * std::sqrt((p + q) / (p * q)));
}

// The tails are where a ziggurat goes wrong (the base layer and the separate tail algorithm),
// and a KS test over the whole line barely sees them. 40,000,000 draws give about 10,000
// beyond the base: enough to tell the tail from the shifted exponential it is sampled under
// (their KS distance is 0.037; the critical value here is 0.019). Each count is binomial:
// 4 standard errors sqrt(n p (1 - p)).
TEST(StandardNormal, TailFrequenciesMatchTheNormal) {
  constexpr int kDraws = 40'000'000;
  const double thresholds[] = {2.5, 3.5, kNormalTailStart, 4.0, 4.5, 5.0};
  std::vector<int> beyond(std::size(thresholds), 0);
  std::vector<double> tail;  // |z| beyond the base, for the conditional law below
  double largest = 0;
  RandomStream stream = StreamFor("normal/tail");
  for (int i = 0; i < kDraws; ++i) {
    const double a = std::abs(StandardNormal(stream));
    if (a <= thresholds[0]) continue;
    largest = std::max(largest, a);
    for (std::size_t t = 0; t < std::size(thresholds); ++t) beyond[t] += a > thresholds[t];
    if (a > kNormalTailStart) tail.push_back(a);
  }
  EXPECT_LT(largest, kStandardNormalBound);
  for (std::size_t t = 0; t < std::size(thresholds); ++t) {
    const double p = 2 * NormalUpperTail(thresholds[t]);
    EXPECT_NEAR(beyond[t], kDraws * p, 4 * std::sqrt(kDraws * p * (1 - p)))
        << "P(|Z| > " << thresholds[t] << ")";
  }
  // Beyond the base, |Z| has CDF 1 - Q(x) / Q(r), Q the upper tail.
  const double q_r = NormalUpperTail(kNormalTailStart);
  const double ks =
      KolmogorovDistance(tail, [q_r](double x) { return 1 - NormalUpperTail(x) / q_r; });
  EXPECT_LT(ks, kKolmogorov001 / std::sqrt(static_cast<double>(tail.size())));
}

TEST(StandardNormal, SameStreamGivesSameValues) {
  EXPECT_EQ(StandardNormals("normal/repeat", 1000), StandardNormals("normal/repeat", 1000));
}

// Beyond r = 7.697 the exponential ziggurat adds r and starts again, relying on the law being
// memoryless: the excess over r must again be a standard exponential, and as frequent as
// exp(-r). 4,000,000 draws give about 1,800 there.
TEST(StandardExponential, TailBeyondTheBaseIsFrequentAndMemoryless) {
  constexpr int kDraws = 4'000'000;
  constexpr double kTailStart = 7.6971174701310497;
  std::vector<double> excess;
  RandomStream stream = StreamFor("exponential/tail");
  for (int i = 0; i < kDraws; ++i) {
    const double x = StandardExponential(stream);
    ASSERT_GT(x, 0);
    if (x > kTailStart) excess.push_back(x - kTailStart);
  }
  const double p = std::exp(-kTailStart);
  EXPECT_NEAR(static_cast<double>(excess.size()), kDraws * p, 4 * std::sqrt(kDraws * p * (1 - p)));
  const double ks = KolmogorovDistance(excess, [](double x) { return -std::expm1(-x); });
  EXPECT_LT(ks, kKolmogorov001 / std::sqrt(static_cast<double>(excess.size())));
}

TEST(Distribution, DeterministicReturnsTheValueExactlyAndDrawsNothing) {
  const Distribution d = Distribution::Deterministic(0.1);
  RandomStream stream = StreamFor("deterministic");
  for (int i = 0; i < 10; ++i) EXPECT_EQ(d.Sample(stream), 0.1);
  EXPECT_EQ(stream.NextU64(), StreamFor("deterministic").NextU64());
  EXPECT_EQ(d.Mean(), 0.1);
  EXPECT_EQ(d.Variance(), 0.0);
}

TEST(Distribution, UniformStaysWithinItsBoundsAndMatchesMoments) {
  const double lo = 2;
  const double hi = 5;
  const Distribution d = Distribution::Uniform(lo, hi);
  for (double x : SampleMany(d, "uniform/bounds")) {
    ASSERT_GE(x, lo);
    ASSERT_LE(x, hi);
  }
  const double w = hi - lo;
  ExpectMomentsMatch(d, w * w * w * w / 80, "uniform");
}

TEST(Distribution, UniformWithEqualBoundsReturnsThatBound) {
  const Distribution d = Distribution::Uniform(3.0, 3.0);
  RandomStream stream = StreamFor("uniform/degenerate");
  for (int i = 0; i < 100; ++i) EXPECT_EQ(d.Sample(stream), 3.0);
}

TEST(Distribution, ExponentialMatchesMomentsAndCdf) {
  const double mean = 180;
  const Distribution d = Distribution::Exponential(mean);
  ExpectMomentsMatch(d, 9 * std::pow(mean, 4), "exponential");
  const double ks = KolmogorovDistance(SampleMany(d, "exponential/ks"),
                                       [mean](double x) { return -std::expm1(-x / mean); });
  EXPECT_LT(ks, kKolmogorov001 / std::sqrt(kN));
}

// Kurtosis of a lognormal with w = 1 + cv^2: w^4 + 2 w^3 + 3 w^2 - 3.
double LognormalFourthCentral(double mean, double cv) {
  const double w = 1 + cv * cv;
  const double sd = cv * mean;
  return (w * w * w * w + 2 * w * w * w + 3 * w * w - 3) * std::pow(sd, 4);
}

TEST(Distribution, LognormalMatchesMeanAndCoefficientOfVariation) {
  ExpectMomentsMatch(Distribution::Lognormal(240, 0.5), LognormalFourthCentral(240, 0.5),
                     "lognormal/0.5");
  ExpectMomentsMatch(Distribution::Lognormal(300, 1.0), LognormalFourthCentral(300, 1.0),
                     "lognormal/1.0");
}

// The logarithm of the samples is normal(mu, sigma): this checks the lognormal's use of the
// normal variates over the whole distribution, not just two moments.
TEST(Distribution, LognormalLogarithmIsNormal) {
  const double mean = 240;
  const double cv = 0.8;
  const double sigma2 = std::log(1 + cv * cv);
  const double mu = std::log(mean) - sigma2 / 2;
  const double sigma = std::sqrt(sigma2);
  std::vector<double> logs = SampleMany(Distribution::Lognormal(mean, cv), "lognormal/ks");
  for (double& x : logs) x = std::log(x);
  const double ks = KolmogorovDistance(logs, [mu, sigma](double x) {
    return 0.5 * std::erfc(-(x - mu) / (sigma * std::numbers::sqrt2));
  });
  EXPECT_LT(ks, kKolmogorov001 / std::sqrt(kN));
}

TEST(Distribution, LognormalWithZeroCvReturnsTheMeanExactly) {
  const Distribution d = Distribution::Lognormal(0.3, 0.0);
  RandomStream stream = StreamFor("lognormal/cv0");
  for (int i = 0; i < 10; ++i) EXPECT_EQ(d.Sample(stream), 0.3);
  EXPECT_EQ(d.Variance(), 0.0);
}

double GammaFourthCentral(double shape, double scale) {
  return 3 * shape * (shape + 2) * std::pow(scale, 4);
}

TEST(Distribution, GammaMatchesMomentsForShapesAboveAndBelowOne) {
  ExpectMomentsMatch(Distribution::Gamma(2.5, 60), GammaFourthCentral(2.5, 60), "gamma/2.5");
  ExpectMomentsMatch(Distribution::Gamma(1.0, 60), GammaFourthCentral(1.0, 60), "gamma/1");
  ExpectMomentsMatch(Distribution::Gamma(0.5, 100), GammaFourthCentral(0.5, 100), "gamma/0.5");
}

// Gamma(1/2, 2) is the chi-squared law with one degree of freedom, the law of Z^2: an exact
// CDF, erf(sqrt(x / 2)), for the shape < 1 path, which multiplies a Gamma(3/2) by exp(-2 E).
TEST(Distribution, GammaWithShapeOneHalfIsASquaredNormal) {
  const double ks = KolmogorovDistance(SampleMany(Distribution::Gamma(0.5, 2), "gamma/chi2"),
                                       [](double x) { return std::erf(std::sqrt(x / 2)); });
  EXPECT_LT(ks, kKolmogorov001 / std::sqrt(kN));
}

// Gamma(k, mean/k) and Erlang(k, mean) are the same law sampled by unrelated algorithms
// (Marsaglia-Tsang rejection and a sum of exponentials): each is an oracle for the other.
TEST(Distribution, GammaWithIntegerShapeHasTheErlangDistribution) {
  const std::vector<double> gamma = SampleMany(Distribution::Gamma(3, 100), "gamma/3");
  const std::vector<double> erlang = SampleMany(Distribution::Erlang(3, 300), "erlang/3");
  const double n = static_cast<double>(kN);
  EXPECT_LT(KolmogorovDistance(gamma, erlang), kKolmogorov001 * std::sqrt(2 / n));
}

TEST(Distribution, ErlangMatchesMomentsForFewAndManyPhases) {
  ExpectMomentsMatch(Distribution::Erlang(3, 300), GammaFourthCentral(3, 100), "erlang/3m");
  ExpectMomentsMatch(Distribution::Erlang(40, 120), GammaFourthCentral(40, 3), "erlang/40");
}

TEST(Distribution, ErlangWithOnePhaseIsTheExponential) {
  const Distribution erlang = Distribution::Erlang(1, 42.5);
  const Distribution exponential = Distribution::Exponential(42.5);
  RandomStream a = StreamFor("erlang/1");
  RandomStream b = StreamFor("erlang/1");
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(erlang.Sample(a), exponential.Sample(b));
  EXPECT_EQ(erlang.Mean(), exponential.Mean());
  EXPECT_EQ(erlang.Variance(), exponential.Variance());
}

double WeibullFourthCentral(double shape, double scale) {
  auto raw = [&](int r) { return std::pow(scale, r) * std::tgamma(1 + r / shape); };
  return FourthCentral(raw(1), raw(2), raw(3), raw(4));
}

TEST(Distribution, WeibullMatchesMomentsAndCdf) {
  ExpectMomentsMatch(Distribution::Weibull(2, 100), WeibullFourthCentral(2, 100), "weibull/2");
  ExpectMomentsMatch(Distribution::Weibull(0.8, 100), WeibullFourthCentral(0.8, 100),
                     "weibull/0.8");
  const double shape = 0.8;
  const double scale = 100;
  const double ks =
      KolmogorovDistance(SampleMany(Distribution::Weibull(shape, scale), "weibull/ks"),
                         [=](double x) { return -std::expm1(-std::pow(x / scale, shape)); });
  EXPECT_LT(ks, kKolmogorov001 / std::sqrt(kN));
}

TEST(Distribution, WeibullMomentsHaveKnownClosedForms) {
  // Shape 1 is the exponential; shape 2 (Rayleigh) has mean scale * sqrt(pi) / 2.
  EXPECT_DOUBLE_EQ(Distribution::Weibull(1, 7).Mean(), 7);
  EXPECT_DOUBLE_EQ(Distribution::Weibull(1, 7).Variance(), 49);
  EXPECT_DOUBLE_EQ(Distribution::Weibull(2, 1).Mean(), std::sqrt(std::numbers::pi) / 2);
  EXPECT_DOUBLE_EQ(Distribution::Weibull(2, 1).Variance(), 1 - std::numbers::pi / 4);
}

// Each value's count is binomial(n, p): 4 binomial standard errors sqrt(n p (1 - p)).
TEST(Distribution, EmpiricalFrequenciesMatchWeightsAndZeroWeightsAreNeverDrawn) {
  const std::vector<double> values = {-1, 30, 60, 90, 120, 600, 999};
  const std::vector<double> weights = {0, 5, 3, 0, 1.5, 0.5, 0};  // sum 10
  const Distribution d = Distribution::Empirical(values, weights);
  std::vector<int> counts(values.size(), 0);
  for (double x : SampleMany(d, "empirical")) {
    const auto it = std::find(values.begin(), values.end(), x);
    ASSERT_NE(it, values.end()) << x;
    ++counts[it - values.begin()];
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double p = weights[i] / 10;
    if (p == 0) {
      EXPECT_EQ(counts[i], 0) << "value " << values[i];
    } else {
      EXPECT_NEAR(counts[i], kN * p, 4 * std::sqrt(kN * p * (1 - p))) << "value " << values[i];
    }
  }
  EXPECT_DOUBLE_EQ(d.Mean(), (30 * 5 + 60 * 3 + 120 * 1.5 + 600 * 0.5) / 10);
}

TEST(Distribution, EmpiricalMatchesMoments) {
  const std::vector<double> values = {30, 60, 120, 600};
  const std::vector<double> weights = {0.5, 0.3, 0.15, 0.05};
  const Distribution d = Distribution::Empirical(values, weights);
  double mu4 = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    mu4 += weights[i] * std::pow(values[i] - d.Mean(), 4);
  }
  ExpectMomentsMatch(d, mu4, "empirical/moments");
}

TEST(Distribution, EmpiricalWithOneValueAlwaysReturnsIt) {
  const Distribution d = Distribution::Empirical({7.5}, {2});
  RandomStream stream = StreamFor("empirical/one");
  for (int i = 0; i < 100; ++i) EXPECT_EQ(d.Sample(stream), 7.5);
}

TEST(Distribution, SameStreamGivesSameSamples) {
  const Distribution d = Distribution::Gamma(0.7, 10);
  EXPECT_EQ(SampleMany(d, "repeat", 1000), SampleMany(d, "repeat", 1000));
}

TEST(Distribution, InvalidParametersAreReportedWithTheValue) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    DistributionOrError result;
    std::string expected_error;
  };
  const Case cases[] = {
      {Distribution::TryDeterministic(nan),
       "Deterministic: value must be a finite number (got nan)"},
      {Distribution::TryUniform(5, 2), "Uniform: hi must be >= lo = 5 (got 2)"},
      {Distribution::TryUniform(-inf, 2), "Uniform: lo must be a finite number (got -inf)"},
      {Distribution::TryUniform(-1e308, 1e308),
       "Uniform: hi - lo must be a finite number (got inf)"},
      {Distribution::TryExponential(-1), "Exponential: mean must be > 0 (got -1)"},
      {Distribution::TryExponential(0), "Exponential: mean must be > 0 (got 0)"},
      {Distribution::TryExponential(inf), "Exponential: mean must be a finite number (got inf)"},
      {Distribution::TryLognormal(10, -0.5), "Lognormal: cv must be >= 0 (got -0.5)"},
      {Distribution::TryLognormal(-10, 0.5), "Lognormal: mean must be > 0 (got -10)"},
      {Distribution::TryGamma(0, 1), "Gamma: shape must be > 0 (got 0)"},
      {Distribution::TryGamma(1, nan), "Gamma: scale must be a finite number (got nan)"},
      {Distribution::TryErlang(0, 10), "Erlang: k must be >= 1 (got 0)"},
      {Distribution::TryErlang(2, -3), "Erlang: mean must be > 0 (got -3)"},
      {Distribution::TryErlang(1001, 10), "Erlang: k must be <= 1000 (use gamma for more stages) (got 1001)"},
      {Distribution::TryWeibull(-2, 1), "Weibull: shape must be > 0 (got -2)"},
      {Distribution::TryEmpirical({}, {}), "Empirical: the table is empty"},
      {Distribution::TryEmpirical({1, 2}, {1}), "Empirical: 2 values but 1 weights"},
      {Distribution::TryEmpirical({1, 2}, {1, -0.25}),
       "Empirical: weights[1] must be >= 0 (got -0.25)"},
      {Distribution::TryEmpirical({1, nan}, {1, 1}),
       "Empirical: values[1] must be a finite number (got nan)"},
      {Distribution::TryEmpirical({1, 2}, {0, 0}),
       "Empirical: the weights must sum to a finite number > 0 (got 0)"},
      {Distribution::TryEmpirical({1, 2}, {1e308, 1e308}),
       "Empirical: the weights must sum to a finite number > 0 (got inf)"},
  };
  for (const Case& c : cases) {
    EXPECT_FALSE(c.result.ok()) << c.expected_error;
    EXPECT_FALSE(c.result.distribution.has_value()) << c.expected_error;
    EXPECT_EQ(c.result.error, c.expected_error);
  }
}

TEST(Distribution, ValidParametersAreAccepted) {
  const DistributionOrError results[] = {
      Distribution::TryDeterministic(-2), Distribution::TryUniform(-1, 1),
      Distribution::TryExponential(1e-9), Distribution::TryLognormal(5, 0),
      Distribution::TryGamma(0.01, 1e6),  Distribution::TryErlang(1, 2),
      Distribution::TryWeibull(10, 0.5),  Distribution::TryEmpirical({1, 2}, {0, 1}),
  };
  for (const DistributionOrError& r : results) {
    EXPECT_TRUE(r.ok()) << r.error;
    EXPECT_TRUE(r.distribution.has_value());
  }
}

TEST(DistributionDeathTest, ExponentialWithNegativeMeanAbortsNamingTheValue) {
  EXPECT_DEATH(Distribution::Exponential(-1.0), "Exponential: mean must be > 0 \\(got -1\\)");
}

TEST(DistributionDeathTest, EmpiricalWithNegativeWeightAbortsNamingTheValue) {
  EXPECT_DEATH(Distribution::Empirical({1, 2}, {1, -3}),
               "weights\\[1\\] must be >= 0 \\(got -3\\)");
}

TEST(Distribution, ParametersWhoseDrawsWouldOverflowAreRefused) {
  EXPECT_NE(Distribution::TryLognormal(100, 1e200).error.find("cv too large"), std::string::npos);
  EXPECT_TRUE(Distribution::TryLognormal(100, 50).ok());
  // sigma = 12.23 puts mu + 12 sigma (a normal the ziggurat's tail can return) at 739.7, past
  // the largest double's log (709.8), while mu + 9 sigma is still 703.
  EXPECT_NE(Distribution::TryLognormal(1e290, 3e32).error.find("cv too large"), std::string::npos);
  EXPECT_TRUE(Distribution::TryLognormal(1e250, 3e32).ok());
  EXPECT_NE(Distribution::TryWeibull(0.001, 1).error.find("shape too small"), std::string::npos);
  EXPECT_TRUE(Distribution::TryWeibull(0.1, 1).ok());
}

}  // namespace
}  // namespace fccsim::sim
