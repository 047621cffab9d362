// Nanoseconds per variate for the samplers the centre model draws most: lognormal talk,
// wrap-up and patience times, gamma and exponential times, and the normal under the first
// two. Each runs beside its baseline, the implementation the ziggurat replaced (Marsaglia's
// polar method for the normal, inversion with a log for the exponential), copied below, so the
// ratio is what is read. BM_Uniform01 is the floor: the cost of one draw from the stream.

#include <cmath>
#include <cstdint>

#include <benchmark/benchmark.h>

#include "sim/random_stream.h"
#include "sim/samplers.h"

namespace fccsim::bench {
namespace {

// The samplers before the ziggurat, as they were in sim/samplers.cc. Kept out of line, as
// Distribution::Sample is in the library, so that both sides pay one call.
namespace baseline {

// Marsaglia's polar method, discarding the second variate of each pair.
[[gnu::noinline]] double PolarNormal(sim::RandomStream& stream) {
  for (;;) {
    const double u = 2.0 * stream.NextUniform01() - 1.0;
    const double v = 2.0 * stream.NextUniform01() - 1.0;
    const double q = u * u + v * v;
    if (q < 1.0 && q > 0.0) return u * std::sqrt(-2.0 * std::log(q) / q);
  }
}

double GammaAtLeastOne(sim::RandomStream& stream, double d, double c) {
  for (;;) {
    double x;
    double v;
    do {
      x = PolarNormal(stream);
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = stream.NextUniform01();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v;
  }
}

// The parameters as Distribution precomputes them.
struct Lognormal {
  Lognormal(double mean, double cv) {
    const double sigma2 = std::log1p(cv * cv);
    mu = std::log(mean) - sigma2 / 2.0;
    sigma = std::sqrt(sigma2);
  }
  [[gnu::noinline]] double operator()(sim::RandomStream& stream) const {
    return std::exp(mu + sigma * PolarNormal(stream));
  }
  double mu;
  double sigma;
};

struct Gamma {
  Gamma(double shape, double scale) : scale(scale) {
    const double core_shape = shape < 1.0 ? shape + 1.0 : shape;
    d = core_shape - 1.0 / 3.0;
    c = 1.0 / std::sqrt(9.0 * d);
    boost = shape < 1.0 ? 1.0 / shape : 0.0;
  }
  [[gnu::noinline]] double operator()(sim::RandomStream& stream) const {
    const double x = GammaAtLeastOne(stream, d, c);
    if (boost == 0.0) return scale * x;
    return scale * x * std::pow(stream.NextUniform01(), boost);
  }
  double scale;
  double d;
  double c;
  double boost;
};

struct Exponential {
  [[gnu::noinline]] double operator()(sim::RandomStream& stream) const {
    return -mean * std::log(stream.NextUniform01());
  }
  double mean;
};

struct Erlang {
  [[gnu::noinline]] double operator()(sim::RandomStream& stream) const {
    double sum_log = 0;
    for (int i = 0; i < k; ++i) sum_log += std::log(stream.NextUniform01());
    return -phase_mean * sum_log;
  }
  int k;
  double phase_mean;
};

}  // namespace baseline

// A Distribution as a callable, for the same loop as the baselines.
struct Fccsim {
  double operator()(sim::RandomStream& stream) const { return distribution.Sample(stream); }
  sim::Distribution distribution;
};

template <class Draw>
void DrawLoop(benchmark::State& state, const Draw& draw) {
  sim::RandomStream stream(20240601, 0, sim::StreamId("bench/samplers"));
  for (auto _ : state) benchmark::DoNotOptimize(draw(stream));
  state.SetItemsProcessed(state.iterations());
}

// One function per distribution, so that names read BM_<distribution>/<implementation>.
template <class Draw>
void BM_Normal(benchmark::State& state, Draw draw) {
  DrawLoop(state, draw);
}
template <class Draw>
void BM_Lognormal(benchmark::State& state, Draw draw) {
  DrawLoop(state, draw);
}
template <class Draw>
void BM_Gamma(benchmark::State& state, Draw draw) {
  DrawLoop(state, draw);
}
template <class Draw>
void BM_Exponential(benchmark::State& state, Draw draw) {
  DrawLoop(state, draw);
}
template <class Draw>
void BM_Erlang(benchmark::State& state, Draw draw) {
  DrawLoop(state, draw);
}

void BM_Uniform01(benchmark::State& state) {
  sim::RandomStream stream(20240601, 0, sim::StreamId("bench/samplers"));
  for (auto _ : state) benchmark::DoNotOptimize(stream.NextUniform01());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Uniform01);

BENCHMARK_CAPTURE(BM_Normal, polar_baseline, &baseline::PolarNormal);
BENCHMARK_CAPTURE(BM_Normal, ziggurat, &sim::StandardNormal);

BENCHMARK_CAPTURE(BM_Lognormal, polar_baseline, baseline::Lognormal(240, 0.8));
BENCHMARK_CAPTURE(BM_Lognormal, ziggurat, Fccsim{sim::Distribution::Lognormal(240, 0.8)});

BENCHMARK_CAPTURE(BM_Gamma, shape2_5_polar_baseline, baseline::Gamma(2.5, 60));
BENCHMARK_CAPTURE(BM_Gamma, shape2_5_ziggurat, Fccsim{sim::Distribution::Gamma(2.5, 60)});
BENCHMARK_CAPTURE(BM_Gamma, shape0_5_polar_baseline, baseline::Gamma(0.5, 60));
BENCHMARK_CAPTURE(BM_Gamma, shape0_5_ziggurat, Fccsim{sim::Distribution::Gamma(0.5, 60)});

BENCHMARK_CAPTURE(BM_Exponential, log_baseline, baseline::Exponential{180});
BENCHMARK_CAPTURE(BM_Exponential, ziggurat, Fccsim{sim::Distribution::Exponential(180)});

BENCHMARK_CAPTURE(BM_Erlang, k3_log_baseline, (baseline::Erlang{3, 60}));
BENCHMARK_CAPTURE(BM_Erlang, k3_ziggurat, Fccsim{sim::Distribution::Erlang(3, 180)});

}  // namespace
}  // namespace fccsim::bench

BENCHMARK_MAIN();
