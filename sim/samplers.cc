#include "sim/samplers.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "sim/check.h"

// Parameter slots by kind:
//   Deterministic  a = value
//   Uniform        a = lo, b = hi, c = hi - lo
//   Exponential    a = mean
//   Lognormal      a = mean, b = cv, c = mu, d = sigma
//   Gamma          a = shape, b = scale, c = Marsaglia-Tsang d, d = Marsaglia-Tsang c,
//                  e = 1 / shape when shape < 1 (the boost exponent), else 0
//   Erlang         a = mean, b = mean / k, k = k
//   Weibull        a = shape, b = scale, c = 1 / shape
//   Empirical      a = mean, b = variance (computed once from the table)

namespace fccsim::sim {
namespace {

std::string Describe(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", x);
  return buf;
}

std::string Problem(std::string_view factory, std::string_view what, double got) {
  std::string message(factory);
  message += ": ";
  message += what;
  message += " (got ";
  message += Describe(got);
  message += ")";
  return message;
}

// Each returns "" when `x` is acceptable, else the message for `name` of `factory`.
std::string CheckFinite(std::string_view factory, std::string_view name, double x) {
  if (std::isfinite(x)) return "";
  return Problem(factory, std::string(name) + " must be a finite number", x);
}

std::string CheckPositive(std::string_view factory, std::string_view name, double x) {
  if (std::string finite = CheckFinite(factory, name, x); !finite.empty()) return finite;
  if (x > 0) return "";
  return Problem(factory, std::string(name) + " must be > 0", x);
}

std::string FirstProblem(std::initializer_list<std::string> problems) {
  for (const std::string& p : problems) {
    if (!p.empty()) return p;
  }
  return "";
}

DistributionOrError Fail(std::string error) { return {std::nullopt, std::move(error)}; }

Distribution Unwrap(DistributionOrError result) {
  FCCSIM_CHECK(result.ok(), result.error);
  return std::move(*result.distribution);
}

// The ziggurat tables are literals, computed offline in 60-digit arithmetic by
// scripts/ziggurat_tables.py, rather than built at start-up with std::exp and std::log: the
// bits are then the same with every toolchain and libm, and there is no initialisation to make
// thread-safe. Layer i (i >= 1) is the box [0, x[i]] x [f(x[i]), f(x[i+1])]; layer 0 is the
// rectangle under f(r), r = x[1], together with the tail beyond r. All 256 have the same area.
#include "sim/ziggurat_tables.inc"

// One 64-bit draw serves the common path: bits 0-7 pick the layer, bit 8 the normal's sign,
// and bits 12-63 the position within the layer (Uniform01FromBits). The fields are disjoint,
// so layer, sign and position are independent; the original ziggurat took the layer from bits
// that also made the position, a dependence Doornik (2005) found in its output.
constexpr std::uint64_t kLayerMask = 0xff;
constexpr std::uint64_t kSignBit = 0x100;

constexpr double kNormalTailStart = kNormalX[1];
constexpr double kInverseNormalTailStart = 1.0 / kNormalTailStart;

// The normal beyond r, by Marsaglia's (1964) method: r + t with t exponential of rate r, kept
// with probability exp(-t^2 / 2).
double NormalTail(RandomStream& stream) {
  for (;;) {
    const double t = -std::log(stream.NextUniform01()) * kInverseNormalTailStart;
    const double e = -std::log(stream.NextUniform01());
    if (t * t < 2.0 * e) return kNormalTailStart + t;
  }
}

// Gives x the sign in bit 8 of `bits` without a branch: the sign is a coin flip, which a
// branch would mispredict half the time.
double WithSignOf(std::uint64_t bits, double x) {
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) ^ ((bits & kSignBit) << 55));
}

// The rare ends of StandardNormal and StandardExponential (1.5% and 2.2% of attempts: the
// point `x` of draw `bits` lay outside its layer's rectangle) are out of line, so that the
// common path saves no registers.
[[gnu::noinline]] double NormalOutsideRectangle(RandomStream& stream, std::uint64_t bits,
                                                double x) {
  for (;;) {
    const std::uint64_t i = bits & kLayerMask;
    if (x < kNormalX[i + 1]) return WithSignOf(bits, x);
    if (i == 0) return WithSignOf(bits, NormalTail(stream));
    const double y = kNormalF[i] + stream.NextUniform01() * (kNormalF[i + 1] - kNormalF[i]);
    if (y < std::exp(-0.5 * x * x)) return WithSignOf(bits, x);
    bits = stream.NextU64();
    x = Uniform01FromBits(bits) * kNormalX[bits & kLayerMask];
  }
}

[[gnu::noinline]] double ExponentialOutsideRectangle(RandomStream& stream, std::uint64_t bits,
                                                     double x) {
  double offset = 0;
  for (;;) {
    const std::uint64_t i = bits & kLayerMask;
    if (x < kExponentialX[i + 1]) return offset + x;
    if (i == 0) {
      // Memoryless: beyond r, the exponential is r plus a fresh exponential.
      offset += kExponentialX[1];
    } else {
      const double y =
          kExponentialF[i] + stream.NextUniform01() * (kExponentialF[i + 1] - kExponentialF[i]);
      if (y < std::exp(-x)) return offset + x;
    }
    bits = stream.NextU64();
    x = Uniform01FromBits(bits) * kExponentialX[bits & kLayerMask];
  }
}

// Marsaglia & Tsang (2000), "A simple method for generating gamma variables", for shape >= 1,
// with d = shape - 1/3 and c = 1 / sqrt(9 d) precomputed; unit scale.
double GammaAtLeastOne(RandomStream& stream, double d, double c) {
  for (;;) {
    double x;
    double v;
    do {
      x = StandardNormal(stream);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = stream.NextUniform01();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;  // cheap squeeze, accepts ~98%
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v;
  }
}

}  // namespace

// Marsaglia & Tsang (2000), "The Ziggurat Method for Generating Random Variables", with 256
// layers and the bit fields above.
double StandardNormal(RandomStream& stream) {
  const std::uint64_t bits = stream.NextU64();
  const std::uint64_t i = bits & kLayerMask;
  const double x = Uniform01FromBits(bits) * kNormalX[i];
  if (x < kNormalX[i + 1]) [[likely]] return WithSignOf(bits, x);
  return NormalOutsideRectangle(stream, bits, x);
}

double StandardExponential(RandomStream& stream) {
  const std::uint64_t bits = stream.NextU64();
  const std::uint64_t i = bits & kLayerMask;
  const double x = Uniform01FromBits(bits) * kExponentialX[i];
  if (x < kExponentialX[i + 1]) [[likely]] return x;
  return ExponentialOutsideRectangle(stream, bits, x);
}

DistributionOrError Distribution::TryDeterministic(double value) {
  if (std::string p = CheckFinite("Deterministic", "value", value); !p.empty()) return Fail(p);
  Distribution d(Kind::kDeterministic);
  d.a_ = value;
  return {std::move(d), ""};
}

DistributionOrError Distribution::TryUniform(double lo, double hi) {
  std::string p =
      FirstProblem({CheckFinite("Uniform", "lo", lo), CheckFinite("Uniform", "hi", hi)});
  if (!p.empty()) return Fail(p);
  if (!(lo <= hi)) return Fail(Problem("Uniform", "hi must be >= lo = " + Describe(lo), hi));
  if (!std::isfinite(hi - lo)) {
    return Fail(Problem("Uniform", "hi - lo must be a finite number", hi - lo));
  }
  Distribution d(Kind::kUniform);
  d.a_ = lo;
  d.b_ = hi;
  d.c_ = hi - lo;
  return {std::move(d), ""};
}

DistributionOrError Distribution::TryExponential(double mean) {
  if (std::string p = CheckPositive("Exponential", "mean", mean); !p.empty()) return Fail(p);
  Distribution d(Kind::kExponential);
  d.a_ = mean;
  return {std::move(d), ""};
}

DistributionOrError Distribution::TryLognormal(double mean, double cv) {
  std::string p =
      FirstProblem({CheckPositive("Lognormal", "mean", mean), CheckFinite("Lognormal", "cv", cv)});
  if (!p.empty()) return Fail(p);
  if (!(cv >= 0)) return Fail(Problem("Lognormal", "cv must be >= 0", cv));
  const double sigma2 = std::log1p(cv * cv);  // log1p keeps small cv accurate
  // The largest draw must be finite too.
  const double largest =
      std::exp(std::log(mean) - sigma2 / 2.0 + kStandardNormalBound * std::sqrt(sigma2));
  if (!std::isfinite(largest)) {
    return Fail(Problem("Lognormal", "cv too large: draws would overflow", cv));
  }
  Distribution d(Kind::kLognormal);
  d.a_ = mean;
  d.b_ = cv;
  d.c_ = std::log(mean) - sigma2 / 2.0;
  d.d_ = std::sqrt(sigma2);
  return {std::move(d), ""};
}

DistributionOrError Distribution::TryGamma(double shape, double scale) {
  std::string p = FirstProblem(
      {CheckPositive("Gamma", "shape", shape), CheckPositive("Gamma", "scale", scale)});
  if (!p.empty()) return Fail(p);
  // Shape < 1 samples shape + 1 and multiplies by U^(1/shape) (Marsaglia & Tsang, section 6),
  // computed as exp(-E / shape) with E = -log(U) a standard exponential: an exp is cheaper
  // than a pow.
  const double core_shape = shape < 1.0 ? shape + 1.0 : shape;
  Distribution d(Kind::kGamma);
  d.a_ = shape;
  d.b_ = scale;
  d.c_ = core_shape - 1.0 / 3.0;
  d.d_ = 1.0 / std::sqrt(9.0 * d.c_);
  d.e_ = shape < 1.0 ? 1.0 / shape : 0.0;
  return {std::move(d), ""};
}

DistributionOrError Distribution::TryErlang(int k, double mean) {
  if (k < 1) {
    return Fail(Problem("Erlang", "k must be >= 1", static_cast<double>(k)));
  }
  // Each draw sums k exponentials: past this, a draw would take seconds, and a gamma
  // describes the same shape at the cost of one.
  if (k > kMaxErlangStages) {
    return Fail(Problem("Erlang", "k must be <= " + std::to_string(kMaxErlangStages) +
                                      " (use gamma for more stages)",
                        static_cast<double>(k)));
  }
  if (std::string p = CheckPositive("Erlang", "mean", mean); !p.empty()) return Fail(p);
  Distribution d(Kind::kErlang);
  d.a_ = mean;
  d.b_ = mean / k;
  d.k_ = k;
  return {std::move(d), ""};
}

DistributionOrError Distribution::TryWeibull(double shape, double scale) {
  std::string p = FirstProblem(
      {CheckPositive("Weibull", "shape", shape), CheckPositive("Weibull", "scale", scale)});
  if (!p.empty()) return Fail(p);
  // -log(u) is at most about 36.7 for 52-bit uniforms; the largest draw must be finite.
  if (!std::isfinite(scale * std::pow(36.8, 1.0 / shape))) {
    return Fail(Problem("Weibull", "shape too small: draws would overflow", shape));
  }
  Distribution d(Kind::kWeibull);
  d.a_ = shape;
  d.b_ = scale;
  d.c_ = 1.0 / shape;
  return {std::move(d), ""};
}

DistributionOrError Distribution::TryEmpirical(std::vector<double> values,
                                               std::vector<double> weights) {
  if (values.empty()) return Fail("Empirical: the table is empty");
  if (values.size() != weights.size()) {
    return Fail("Empirical: " + std::to_string(values.size()) + " values but " +
                std::to_string(weights.size()) + " weights");
  }
  std::vector<double> cumulative;
  cumulative.reserve(weights.size());
  double total = 0;
  std::size_t last_drawable = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const std::string index = "[" + std::to_string(i) + "]";
    std::string p = FirstProblem({CheckFinite("Empirical", "values" + index, values[i]),
                                  CheckFinite("Empirical", "weights" + index, weights[i])});
    if (!p.empty()) return Fail(p);
    if (!(weights[i] >= 0)) {
      return Fail(Problem("Empirical", "weights" + index + " must be >= 0", weights[i]));
    }
    if (weights[i] > 0) last_drawable = i;
    total += weights[i];
    cumulative.push_back(total);
  }
  if (!(total > 0) || !std::isfinite(total)) {
    return Fail(Problem("Empirical", "the weights must sum to a finite number > 0", total));
  }
  double mean = 0;
  for (std::size_t i = 0; i < values.size(); ++i) mean += weights[i] * values[i];
  mean /= total;
  double variance = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double deviation = values[i] - mean;
    variance += weights[i] * deviation * deviation;
  }
  variance /= total;

  Distribution d(Kind::kEmpirical);
  d.a_ = mean;
  d.b_ = variance;
  d.values_ = std::move(values);
  d.cumulative_ = std::move(cumulative);
  d.last_drawable_ = last_drawable;
  return {std::move(d), ""};
}

Distribution Distribution::Deterministic(double value) { return Unwrap(TryDeterministic(value)); }
Distribution Distribution::Uniform(double lo, double hi) { return Unwrap(TryUniform(lo, hi)); }
Distribution Distribution::Exponential(double mean) { return Unwrap(TryExponential(mean)); }
Distribution Distribution::Lognormal(double mean, double cv) {
  return Unwrap(TryLognormal(mean, cv));
}
Distribution Distribution::Gamma(double shape, double scale) {
  return Unwrap(TryGamma(shape, scale));
}
Distribution Distribution::Erlang(int k, double mean) { return Unwrap(TryErlang(k, mean)); }
Distribution Distribution::Weibull(double shape, double scale) {
  return Unwrap(TryWeibull(shape, scale));
}
Distribution Distribution::Empirical(std::vector<double> values, std::vector<double> weights) {
  return Unwrap(TryEmpirical(std::move(values), std::move(weights)));
}

double Distribution::Sample(RandomStream& stream) const {
  switch (kind_) {
    case Kind::kDeterministic:
      return a_;
    case Kind::kUniform:
      // lo + (hi - lo) * u can round up past hi; the clamp keeps the contract [lo, hi].
      return std::min(a_ + c_ * stream.NextUniform01(), b_);
    case Kind::kExponential:
      return a_ * StandardExponential(stream);
    case Kind::kLognormal:
      if (d_ == 0.0) return a_;  // cv = 0: exp(log(mean)) need not round back to mean
      return std::exp(c_ + d_ * StandardNormal(stream));
    case Kind::kGamma: {
      const double x = GammaAtLeastOne(stream, c_, d_);
      if (e_ == 0.0) return b_ * x;
      return b_ * x * std::exp(-e_ * StandardExponential(stream));
    }
    case Kind::kErlang: {
      double sum = 0;
      for (int i = 0; i < k_; ++i) sum += StandardExponential(stream);
      return b_ * sum;
    }
    case Kind::kWeibull:
      // Inverse CDF scale * (-log(1 - u))^(1/shape), with u in place of 1 - u: the uniforms
      // are symmetric about 1/2, so this is the same distribution and saves a subtraction.
      return b_ * std::pow(-std::log(stream.NextUniform01()), c_);
    case Kind::kEmpirical: {
      const double target = stream.NextUniform01() * cumulative_.back();
      // The first running sum above the target; zero-weight entries repeat the previous sum
      // and so are never chosen. A target rounded up to the total falls off the end.
      const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), target);
      const auto index =
          std::min(static_cast<std::size_t>(it - cumulative_.begin()), last_drawable_);
      return values_[index];
    }
  }
  FCCSIM_CHECK(false, "unknown distribution kind " + std::to_string(static_cast<int>(kind_)));
  return 0;  // unreachable
}

double Distribution::Mean() const {
  switch (kind_) {
    case Kind::kDeterministic:
      return a_;
    case Kind::kUniform:
      return a_ / 2.0 + b_ / 2.0;  // halves first: lo + hi may overflow
    case Kind::kExponential:
    case Kind::kLognormal:
    case Kind::kErlang:
    case Kind::kEmpirical:
      return a_;
    case Kind::kGamma:
      return a_ * b_;
    case Kind::kWeibull:
      return b_ * std::tgamma(1.0 + c_);
  }
  FCCSIM_CHECK(false, "unknown distribution kind " + std::to_string(static_cast<int>(kind_)));
  return 0;  // unreachable
}

double Distribution::Variance() const {
  switch (kind_) {
    case Kind::kDeterministic:
      return 0;
    case Kind::kUniform:
      return c_ * c_ / 12.0;
    case Kind::kExponential:
      return a_ * a_;
    case Kind::kLognormal: {
      const double sd = b_ * a_;
      return sd * sd;
    }
    case Kind::kGamma:
      return a_ * b_ * b_;
    case Kind::kErlang:
      return a_ * b_;  // k (mean/k)^2
    case Kind::kWeibull: {
      const double g1 = std::tgamma(1.0 + c_);
      const double g2 = std::tgamma(1.0 + 2.0 * c_);
      return b_ * b_ * (g2 - g1 * g1);
    }
    case Kind::kEmpirical:
      return b_;
  }
  FCCSIM_CHECK(false, "unknown distribution kind " + std::to_string(static_cast<int>(kind_)));
  return 0;  // unreachable
}

}  // namespace fccsim::sim
