#ifndef FCCSIM_SIM_SAMPLERS_H_
#define FCCSIM_SIM_SAMPLERS_H_

// Probability distributions sampled from a RandomStream.
//
// The samplers are written here rather than taken from std::*_distribution, whose algorithms
// (and therefore outputs) differ between standard libraries: a run must give the same numbers
// with any toolchain. Results still rest on std::log, std::exp, std::pow and std::sqrt, so bit
// equality across platforms also assumes the same libm (sqrt is exact everywhere).
//
// A Distribution is an immutable value: build it once (usually when a model is compiled) and
// sample it many times. Sample() dispatches on a kind tag, with no virtual call. Values are
// plain doubles whose unit is the caller's (usually seconds).
//
// Valid parameters (all must be finite numbers; anything else is a broken contract):
//   Deterministic(value)       any value
//   Uniform(lo, hi)            lo <= hi, hi - lo finite
//   Exponential(mean)          mean > 0
//   Lognormal(mean, cv)        mean > 0, cv >= 0 (cv = 0 always returns `mean` exactly)
//   Gamma(shape, scale)        shape > 0, scale > 0
//   Erlang(k, mean)            k >= 1, mean > 0
//   Weibull(shape, scale)      shape > 0, scale > 0
//   Empirical(values, weights) same non-zero length, weights >= 0 with a finite sum > 0
// The factories abort (FCCSIM_CHECK) with the offending value; the Try* factories return the
// same message as a value instead, for validation at the edges.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/random_stream.h"

namespace fccsim::sim {

struct DistributionOrError;

// The most stages an Erlang distribution may have (TryErlang).
inline constexpr int kMaxErlangStages = 1000;

// Variates of the standard normal (mean 0, variance 1) and standard exponential (mean 1) laws,
// by the ziggurat method (Marsaglia & Tsang 2000); the Distribution kinds are built on them.
// Each usually consumes one draw from `stream`, sometimes more (see Distribution::Sample).
double StandardNormal(RandomStream& stream);
double StandardExponential(RandomStream& stream);

// |StandardNormal(s)| < kStandardNormalBound, always: outside the tail a value is below
// r = 3.65415 (where the ziggurat's tail starts); in the tail it is r + t, with t kept only if
// t^2 < -2 log(u) for a uniform u >= 2^-53 (RandomStream::NextUniform01), so
// t < sqrt(106 log 2) = 8.57167 and |z| < 12.22583. StandardExponential has no such bound: each
// visit to its tail adds 7.697 and draws again, though a value above x has probability exp(-x).
inline constexpr double kStandardNormalBound = 12.23;

class Distribution {
 public:
  enum class Kind {
    kDeterministic,
    kUniform,
    kExponential,
    kLognormal,
    kGamma,
    kErlang,
    kWeibull,
    kEmpirical,
  };

  // REQUIRES (each): the parameters are valid as listed at the top of this file.
  static Distribution Deterministic(double value);
  static Distribution Uniform(double lo, double hi);
  static Distribution Exponential(double mean);
  // Lognormal with the given mean and coefficient of variation (of the lognormal itself, not
  // of the underlying normal): sigma^2 = log(1 + cv^2), mu = log(mean) - sigma^2 / 2.
  static Distribution Lognormal(double mean, double cv);
  // Density proportional to x^(shape-1) exp(-x/scale); mean shape * scale.
  static Distribution Gamma(double shape, double scale);
  // Sum of k exponential phases of mean mean/k each.
  static Distribution Erlang(int k, double mean);
  // CDF 1 - exp(-(x/scale)^shape).
  static Distribution Weibull(double shape, double scale);
  // `values[i]` with probability weights[i] / sum(weights); zero weights are never drawn.
  static Distribution Empirical(std::vector<double> values, std::vector<double> weights);

  // As above, but an invalid parameter yields an error message instead of aborting,
  // e.g. "Exponential: mean must be > 0 (got -1)".
  static DistributionOrError TryDeterministic(double value);
  static DistributionOrError TryUniform(double lo, double hi);
  static DistributionOrError TryExponential(double mean);
  static DistributionOrError TryLognormal(double mean, double cv);
  static DistributionOrError TryGamma(double shape, double scale);
  static DistributionOrError TryErlang(int k, double mean);
  static DistributionOrError TryWeibull(double shape, double scale);
  static DistributionOrError TryEmpirical(std::vector<double> values, std::vector<double> weights);

  // One variate. Consumes a kind-dependent number of draws from `stream`: none for
  // Deterministic and Lognormal with cv = 0; one for Uniform, Weibull and Empirical; for the
  // rest a variable number, since the ziggurats and Marsaglia-Tsang reject: on average 1.034
  // for Exponential, 1.034 k for Erlang, 1.022 for Lognormal and 2.02 to 2.12 for Gamma
  // (1.034 more with shape < 1). Erlang(1, m) consumes the same draws as Exponential(m) and
  // returns the same value.
  double Sample(RandomStream& stream) const;

  // Analytic moments, finite for every valid distribution except where they overflow
  // (e.g. Weibull with a tiny shape, whose variance exceeds the double range).
  double Mean() const;
  double Variance() const;

  Kind kind() const { return kind_; }

 private:
  explicit Distribution(Kind kind) : kind_(kind) {}

  Kind kind_;
  // Parameters, precomputed for sampling; their meaning depends on kind_ (see samplers.cc).
  double a_ = 0;
  double b_ = 0;
  double c_ = 0;
  double d_ = 0;
  double e_ = 0;
  int k_ = 0;
  std::vector<double> values_;      // Empirical only
  std::vector<double> cumulative_;  // Empirical only: running sums of the weights
  std::size_t last_drawable_ = 0;   // Empirical only: last index with a positive weight
};

// The outcome of a Try* factory: `error` is empty exactly when `distribution` holds a value.
struct DistributionOrError {
  std::optional<Distribution> distribution;
  std::string error;
  bool ok() const { return error.empty(); }
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_SAMPLERS_H_
