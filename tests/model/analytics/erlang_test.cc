#include "model/analytics/erlang.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>
#include <vector>

#include <Eigen/Dense>
#include <gtest/gtest.h>
#include <unsupported/Eigen/MatrixFunctions>

namespace fccsim::model {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

// ---------------------------------------------------------------------------------------------
// Independent oracles.

long double LogSumExp(const std::vector<long double>& terms) {
  long double max = terms[0];
  for (long double t : terms) max = std::max(max, t);
  long double sum = 0;
  for (long double t : terms) sum += std::exp(t - max);
  return max + std::log(sum);
}

// log(a^k / k!) for k = 0..n, in long double so that n = 2000 keeps ~16 significant digits.
std::vector<long double> LogPoissonTerms(int n, double a) {
  std::vector<long double> terms;
  for (int k = 0; k <= n; ++k) {
    terms.push_back(k * std::log(static_cast<long double>(a)) - std::lgamma(k + 1.0L));
  }
  return terms;
}

// B = (a^n / n!) / sum_{k<=n} a^k / k!, summed directly in log space.
double LogSpaceErlangB(int n, double a) {
  const std::vector<long double> terms = LogPoissonTerms(n, a);
  return static_cast<double>(std::exp(terms[n] - LogSumExp(terms)));
}

// C = (a^n/n! * n/(n-a)) / (sum_{k<n} a^k/k! + a^n/n! * n/(n-a)), in log space. a < n.
double LogSpaceErlangC(int n, double a) {
  std::vector<long double> terms = LogPoissonTerms(n, a);
  terms[n] += std::log(static_cast<long double>(n) / (n - static_cast<long double>(a)));
  return static_cast<double>(std::exp(terms[n] - LogSumExp(terms)));
}

struct ErlangAParams {
  int servers;
  double arrival_rate_per_s;
  double mean_handle_s;
  double mean_patience_s;
  int queue_states;  // oracle truncation: callers waiting 0..queue_states-1
};

// The stationary distribution of the M/M/n+M chain on 0..n+queue_states-1 (arrivals blocked at
// the top), from the generator by a dense linear solve: pi Q = 0 with one balance equation
// replaced by sum(pi) = 1. Shares nothing with the product recursion in erlang.cc.
std::vector<double> SolveStationary(const ErlangAParams& p) {
  const int states = p.servers + p.queue_states;
  const double mu = 1 / p.mean_handle_s;
  const double theta = 1 / p.mean_patience_s;
  Eigen::MatrixXd q = Eigen::MatrixXd::Zero(states, states);
  for (int j = 0; j < states; ++j) {
    if (j + 1 < states) q(j, j + 1) = p.arrival_rate_per_s;
    if (j > 0) q(j, j - 1) = std::min(j, p.servers) * mu + std::max(j - p.servers, 0) * theta;
    q(j, j) = -q.row(j).sum();
  }
  Eigen::MatrixXd system = q.transpose();
  system.row(states - 1).setOnes();
  Eigen::VectorXd rhs = Eigen::VectorXd::Zero(states);
  rhs(states - 1) = 1;
  const Eigen::VectorXd pi = system.partialPivLu().solve(rhs);
  return std::vector<double>(pi.data(), pi.data() + states);
}

struct WithinOracle {
  double answered;
  double abandoned;
};

// P(answered within t) and P(abandoned within t) from the transient of the tagged caller's
// absorbing chain: state i = callers ahead (0..K), then "served" and "abandoned". From i the
// caller moves up at n mu + i theta (a completion, or someone ahead abandons) and abandons at
// theta. The matrix exponential gives the absorption probabilities by t from every start.
WithinOracle WithinByMatrixExponential(const ErlangAParams& p, const std::vector<double>& pi,
                                       double threshold_s) {
  const int k_max = p.queue_states - 1;
  const int served = k_max + 1;
  const int abandoned = k_max + 2;
  const double n_mu = p.servers / p.mean_handle_s;
  const double theta = 1 / p.mean_patience_s;
  Eigen::MatrixXd g = Eigen::MatrixXd::Zero(k_max + 3, k_max + 3);
  for (int i = 0; i <= k_max; ++i) {
    g(i, i == 0 ? served : i - 1) = n_mu + i * theta;
    g(i, abandoned) = theta;
    g(i, i) = -(n_mu + (i + 1) * theta);
  }
  const Eigen::MatrixXd transition = (g * threshold_s).exp();
  WithinOracle within{0, 0};
  for (int j = 0; j < static_cast<int>(pi.size()); ++j) {
    if (j < p.servers) {
      within.answered += pi[j];
    } else {
      within.answered += pi[j] * transition(j - p.servers, served);
      within.abandoned += pi[j] * transition(j - p.servers, abandoned);
    }
  }
  return within;
}

struct WaitOracle {
  double p_abandon;
  double asa_answered_s;
  double mean_wait_all_s;
};

// Mean waits from the same absorbing chain's fundamental matrix F = (-T)^{-1}, T the generator
// restricted to the transient states: P(served | k) = (F r)_k, with r the rates into "served";
// E[wait; served | k] = (F F r)_k; E[time in queue | k] = (F 1)_k.
WaitOracle WaitsByFundamentalMatrix(const ErlangAParams& p, const std::vector<double>& pi) {
  const int k_max = p.queue_states - 1;
  const double n_mu = p.servers / p.mean_handle_s;
  const double theta = 1 / p.mean_patience_s;
  Eigen::MatrixXd minus_t = Eigen::MatrixXd::Zero(k_max + 1, k_max + 1);
  for (int i = 0; i <= k_max; ++i) {
    minus_t(i, i) = n_mu + (i + 1) * theta;
    if (i > 0) minus_t(i, i - 1) = -(n_mu + i * theta);
  }
  const Eigen::PartialPivLU<Eigen::MatrixXd> lu = minus_t.partialPivLu();
  Eigen::VectorXd into_served = Eigen::VectorXd::Zero(k_max + 1);
  into_served(0) = n_mu;
  const Eigen::VectorXd p_served = lu.solve(into_served);
  const Eigen::VectorXd wait_if_served = lu.solve(p_served);
  const Eigen::VectorXd time_in_queue = lu.solve(Eigen::VectorXd::Ones(k_max + 1));
  double p_abandon = 0, answered_wait = 0, wait_all = 0;
  for (int j = p.servers; j < static_cast<int>(pi.size()); ++j) {
    p_abandon += pi[j] * (1 - p_served(j - p.servers));
    answered_wait += pi[j] * wait_if_served(j - p.servers);
    wait_all += pi[j] * time_in_queue(j - p.servers);
  }
  return {p_abandon, answered_wait / (1 - p_abandon), wait_all};
}

void ExpectRelativelyNear(double expected, double actual, double tolerance) {
  EXPECT_NEAR(expected, actual, tolerance * std::abs(expected))
      << "expected " << expected << ", got " << actual;
}

// ---------------------------------------------------------------------------------------------
// Erlang B.

TEST(ErlangB, MatchesHandComputedSmallSystems) {
  EXPECT_DOUBLE_EQ(ErlangB(1, 3.0), 3.0 / 4.0);  // a / (1 + a)
  EXPECT_DOUBLE_EQ(ErlangB(2, 0.5), 1.0 / 13.0);
  EXPECT_EQ(ErlangB(5, 0.0), 0.0);
}

TEST(ErlangB, MatchesSixFigureValueForTenLinesAndFiveErlangs) {
  // B(10, 5) = 0.018385 to six decimals, as given with the specification (the log-space sum
  // gives 0.01838457): +-0.5 in the last printed digit.
  EXPECT_NEAR(ErlangB(10, 5.0), 0.018385, 0.5e-6);
}

TEST(ErlangB, MatchesWestbayTrunkCapacityAtOnePercentBlocking) {
  // Westbay Erlang calculator manual, "How much traffic can a trunk group handle?"
  // (https://erlang.com/calculatormanual/howmuchtrafficcanatrunkgrouphandle.htm): 15 lines at
  // 1% blocking carry 8.108 Erlangs. Printed to 0.001, so the exact load lies within 0.0005.
  EXPECT_LE(ErlangB(15, 8.1075), 0.01);
  EXPECT_GE(ErlangB(15, 8.1085), 0.01);
}

TEST(ErlangB, MatchesWolframExampleOfThirtyLinesAndTwentyFiveErlangs) {
  // Wolfram, "Compute Loss Probabilities for a Queue" (Mathematica 9 new features,
  // http://wolfram.com/mathematica/new-in-9/enhanced-core-algorithms/compute-loss-probabilities-for-a-queue.html):
  // 30 lines and 25 Erlangs block "approximately 0.05" (one significant digit).
  EXPECT_NEAR(ErlangB(30, 25.0), 0.05, 0.005);
}

TEST(ErlangB, StaysAccurateForThousandsOfServers) {
  struct Case {
    int n;
    double a;
  };
  for (const Case& c : {Case{1000, 950.0}, Case{2000, 2100.0}, Case{2000, 1500.0}, Case{500, 480.0},
                        Case{37, 12.3}}) {
    const double b = ErlangB(c.n, c.a);
    ASSERT_TRUE(std::isfinite(b)) << c.n << " " << c.a;
    EXPECT_GT(b, 0.0);
    EXPECT_LT(b, 1.0);
    ExpectRelativelyNear(LogSpaceErlangB(c.n, c.a), b, 1e-11);
  }
}

// ---------------------------------------------------------------------------------------------
// Erlang C.

TEST(ErlangC, MatchesMitanWorkedExample) {
  // Mitan Ltd, "The Erlang-C Formula" (http://www.mitan.co.uk/erlang/elgcmath.htm): 360 calls
  // per half hour, 240 s calls, 55 agents, 15 s target. Printed (as reproduced in a Maxima
  // worked example of the same page): Ec = 0.2387, Tw = 8.184 s, service level 0.8459.
  const double lambda = 360.0 / 1800.0;
  EXPECT_NEAR(ErlangC(55, lambda * 240), 0.2387, 0.5e-4);
  EXPECT_NEAR(ErlangCAsa(55, lambda, 240), 8.184, 0.5e-3);
  EXPECT_NEAR(ErlangCServiceLevel(55, lambda, 240, 15), 0.8459, 0.5e-4);
  EXPECT_NEAR(ErlangCOccupancy(55, lambda, 240), 48.0 / 55.0, 1e-15);
}

TEST(ErlangC, MatchesAlabama911CallCalcExample) {
  // Alabama 9-1-1 Board, "Application note - Erlang C Call Calc"
  // (http://www.al911.org/qos_calc.htm): two call takers, 30 calls per hour of 60 s: "fewer than 8
  // percent of callers will wait more than 10 seconds"; with 80 s per call "the QOS falls to 14
  // percent" (whole percent).
  const double lambda = 30.0 / 3600.0;
  EXPECT_LT(1 - ErlangCServiceLevel(2, lambda, 60, 10), 0.08);
  EXPECT_NEAR(1 - ErlangCServiceLevel(2, lambda, 80, 10), 0.14, 0.005);
  EXPECT_DOUBLE_EQ(ErlangC(2, 0.5), 0.1);  // by hand: B = 1/13, C = (2/13) / (20/13)
}

TEST(ErlangC, AgreesWithLogSpaceDirectFormula) {
  struct Case {
    int n;
    double a;
  };
  for (const Case& c : {Case{1, 0.3}, Case{10, 7.5}, Case{55, 48.0}, Case{100, 99.9},
                        Case{500, 450.0}, Case{500, 499.0}, Case{2000, 1950.0}}) {
    ExpectRelativelyNear(LogSpaceErlangC(c.n, c.a), ErlangC(c.n, c.a), 1e-11);
  }
}

TEST(ErlangC, ReportsUnstableQueueAsAlwaysWaiting) {
  EXPECT_EQ(ErlangC(10, 10.0), 1.0);
  EXPECT_EQ(ErlangC(10, 25.0), 1.0);
  EXPECT_EQ(ErlangCServiceLevel(10, 0.1, 100, 20), 0.0);
  EXPECT_EQ(ErlangCAsa(10, 0.1, 100), kInf);
  EXPECT_EQ(ErlangCOccupancy(10, 0.2, 100), 1.0);
}

TEST(ErlangC, ServiceLevelAtZeroThresholdIsProbabilityOfNoWait) {
  EXPECT_DOUBLE_EQ(ErlangCServiceLevel(12, 0.05, 200, 0), 1 - ErlangC(12, 10.0));
}

TEST(ErlangC, NoArrivalsMeansNoWaiting) {
  EXPECT_EQ(ErlangC(3, 0.0), 0.0);
  EXPECT_EQ(ErlangCServiceLevel(3, 0.0, 100, 0), 1.0);
  EXPECT_EQ(ErlangCAsa(3, 0.0, 100), 0.0);
}

// ---------------------------------------------------------------------------------------------
// Erlang A.

const ErlangAParams kCritical{12, 1.0 / 20, 240, 120, 60};  // a = n = 12
const ErlangAParams kOverloaded{10, 0.05, 300, 60, 60};     // a = 15 on 10 servers
const ErlangAParams kUnderloaded{50, 0.2, 200, 300, 300};   // a = 40 on 50 servers
const ErlangAParams kLarger{100, 110.0 / 300, 300, 180, 250};

ErlangA Make(const ErlangAParams& p) {
  return ErlangA(p.servers, p.arrival_rate_per_s, p.mean_handle_s, p.mean_patience_s);
}

TEST(ErlangA, AgreesWithEigenSolutionOfTheTruncatedChain) {
  for (const ErlangAParams& p : {kCritical, kOverloaded, kUnderloaded, kLarger}) {
    SCOPED_TRACE(p.servers);
    const std::vector<double> pi = SolveStationary(p);
    ASSERT_LT(pi.back(), 1e-15) << "oracle truncation too tight";  // the solve's noise floor
    double p_wait = 0, queue = 0, busy = 0;
    for (int j = 0; j < static_cast<int>(pi.size()); ++j) {
      if (j >= p.servers) p_wait += pi[j];
      queue += std::max(j - p.servers, 0) * pi[j];
      busy += std::min(j, p.servers) * pi[j];
    }
    const ErlangA erlang_a = Make(p);
    ExpectRelativelyNear(p_wait, erlang_a.p_wait(), 1e-9);
    ExpectRelativelyNear(queue, erlang_a.mean_queue_length(), 1e-9);
    ExpectRelativelyNear(busy / p.servers, erlang_a.occupancy(), 1e-9);
    // Abandonment rate = theta * E[queue]: the oracle's way, against erlang.cc's per-position
    // probabilities 1 - n mu / (n mu + (k+1) theta).
    ExpectRelativelyNear(queue / p.mean_patience_s / p.arrival_rate_per_s, erlang_a.p_abandon(),
                         1e-9);
  }
}

TEST(ErlangA, WithinProbabilitiesAgreeWithMatrixExponentialOfAbsorbingChain) {
  for (const ErlangAParams& p : {kCritical, kOverloaded}) {
    SCOPED_TRACE(p.servers);
    const std::vector<double> pi = SolveStationary(p);
    const ErlangA erlang_a = Make(p);
    for (double t : {1.0, 10.0, 20.0, 60.0, 300.0}) {
      SCOPED_TRACE(t);
      const WithinOracle oracle = WithinByMatrixExponential(p, pi, t);
      EXPECT_NEAR(oracle.answered, erlang_a.PAnsweredWithin(t), 1e-10);
      EXPECT_NEAR(oracle.abandoned, erlang_a.PAbandonedWithin(t), 1e-10);
    }
  }
}

TEST(ErlangA, MeanWaitsAgreeWithFundamentalMatrixOfAbsorbingChain) {
  for (const ErlangAParams& p : {kCritical, kOverloaded, kUnderloaded, kLarger}) {
    SCOPED_TRACE(p.servers);
    const WaitOracle oracle = WaitsByFundamentalMatrix(p, SolveStationary(p));
    const ErlangA erlang_a = Make(p);
    ExpectRelativelyNear(oracle.p_abandon, erlang_a.p_abandon(), 1e-9);
    ExpectRelativelyNear(oracle.asa_answered_s, erlang_a.asa_answered_s(), 1e-9);
    ExpectRelativelyNear(oracle.mean_wait_all_s, erlang_a.mean_wait_all_s(), 1e-9);
  }
}

TEST(ErlangA, SatisfiesLittlesLawAndFlowBalance) {
  const ErlangAParams cases[] = {kCritical,
                                 kOverloaded,
                                 kUnderloaded,
                                 {2000, 7.0, 300, 120, 0},     // a = 2100
                                 {2000, 6.5, 300, 120, 0},     // a = 1950
                                 {1, 1.0 / 30, 300, 600, 0}};  // a = 10 on one server
  for (const ErlangAParams& p : cases) {
    SCOPED_TRACE(p.servers);
    const ErlangA e = Make(p);
    const double lambda = p.arrival_rate_per_s;
    const double theta = 1 / p.mean_patience_s;
    ExpectRelativelyNear(e.mean_queue_length(), lambda * e.mean_wait_all_s(), 1e-9);
    ExpectRelativelyNear(theta * e.mean_queue_length(), lambda * e.p_abandon(), 1e-9);
    ExpectRelativelyNear(lambda * (1 - e.p_abandon()) * p.mean_handle_s, e.occupancy() * p.servers,
                         1e-9);
    // Mean time in queue splits into answered waits and times to abandon; both parts >= 0.
    EXPECT_LE((1 - e.p_abandon()) * e.asa_answered_s(), e.mean_wait_all_s() * (1 + 1e-12));
  }
}

TEST(ErlangA, ApproachesErlangCAsPatienceGrows) {
  // The gap to Erlang C is first order in theta = 1 / patience; at a patience of 1e12 s it is
  // below 1e-8 relative, and it shrinks tenfold with each tenfold longer patience.
  struct Case {
    int n;
    double lambda;
    double handle_s;
  };
  for (const Case& c : {Case{12, 0.05, 200}, Case{500, 1.6, 300}}) {  // a = 10, a = 480
    SCOPED_TRACE(c.n);
    const ErlangA e(c.n, c.lambda, c.handle_s, 1e12);
    const double a = c.lambda * c.handle_s;
    const double asa_s = ErlangCAsa(c.n, c.lambda, c.handle_s);
    EXPECT_LT(e.p_abandon(), 1e-9);
    ExpectRelativelyNear(ErlangC(c.n, a), e.p_wait(), 1e-8);
    ExpectRelativelyNear(asa_s, e.asa_answered_s(), 1e-8);
    ExpectRelativelyNear(asa_s, e.mean_wait_all_s(), 1e-8);
    ExpectRelativelyNear(a / c.n, e.occupancy(), 1e-8);
    for (double t : {0.0, 20.0, 120.0}) {
      EXPECT_NEAR(ErlangCServiceLevel(c.n, c.lambda, c.handle_s, t), e.PAnsweredWithin(t), 1e-8);
    }
    const double gap_short = asa_s - ErlangA(c.n, c.lambda, c.handle_s, 1e9).asa_answered_s();
    const double gap_long = asa_s - ErlangA(c.n, c.lambda, c.handle_s, 1e10).asa_answered_s();
    EXPECT_GT(gap_long, 0.0);
    EXPECT_NEAR(gap_short / gap_long, 10.0, 0.1);
  }
}

TEST(ErlangA, WithinProbabilitiesRunFromNoWaitToTotals) {
  const ErlangA e = Make(kOverloaded);
  EXPECT_DOUBLE_EQ(e.PAnsweredWithin(0), 1 - e.p_wait());
  EXPECT_EQ(e.PAbandonedWithin(0), 0.0);
  EXPECT_NEAR(e.PAnsweredWithin(1e5), 1 - e.p_abandon(), 1e-12);
  EXPECT_NEAR(e.PAbandonedWithin(1e5), e.p_abandon(), 1e-12);
  double previous = 0;
  for (double t = 0; t <= 600; t += 30) {
    const double answered = e.PAnsweredWithin(t);
    EXPECT_GE(answered, previous);
    previous = answered;
  }
}

TEST(ErlangA, StaysStableAtTwiceFullLoad) {
  const ErlangA e(100, 2 * 100.0 / 300, 300, 60);  // a = 200 on 100 servers
  EXPECT_TRUE(std::isfinite(e.mean_queue_length()));
  // At most n mu of the 2 n mu offered can be answered.
  EXPECT_GE(e.p_abandon(), 0.5);
  EXPECT_LT(e.p_abandon(), 0.6);
  EXPECT_GT(e.occupancy(), 0.999);
  EXPECT_GT(e.p_wait(), 0.999);
}

TEST(ErlangA, NoArrivalsMeansNoWaiting) {
  const ErlangA e(4, 0.0, 300, 60);
  EXPECT_EQ(e.p_wait(), 0.0);
  EXPECT_EQ(e.p_abandon(), 0.0);
  EXPECT_EQ(e.mean_queue_length(), 0.0);
  EXPECT_EQ(e.asa_answered_s(), 0.0);
  EXPECT_EQ(e.occupancy(), 0.0);
  EXPECT_EQ(e.PAnsweredWithin(20), 1.0);
}

// ---------------------------------------------------------------------------------------------
// Priorities (Cobham).

TEST(PriorityMeanWaits, ConserveTheErlangCMeanWait) {
  // With equal handling times the arrival-weighted mean wait does not depend on the order.
  const std::vector<double> rates = {0.02, 0.03};
  const std::vector<double> waits = PriorityMeanWaits(12, rates, 200);
  ASSERT_EQ(waits.size(), 2u);
  ExpectRelativelyNear(ErlangCAsa(12, 0.05, 200), (0.02 * waits[0] + 0.03 * waits[1]) / 0.05,
                       1e-12);
  EXPECT_LT(waits[0], waits[1]);
}

TEST(PriorityMeanWaits, ConserveTheMeanWaitForThreeClassesAtScale) {
  const std::vector<double> rates = {0.5, 2.0, 3.9};  // a = 6.4 * 300 = 1920 on 2000 servers
  const std::vector<double> waits = PriorityMeanWaits(2000, rates, 300);
  double weighted = 0;
  for (std::size_t i = 0; i < rates.size(); ++i) weighted += rates[i] * waits[i];
  ExpectRelativelyNear(ErlangCAsa(2000, 6.4, 300), weighted / 6.4, 1e-12);
  EXPECT_LT(waits[0], waits[1]);
  EXPECT_LT(waits[1], waits[2]);
}

TEST(PriorityMeanWaits, ReduceToErlangCForOneClass) {
  ExpectRelativelyNear(ErlangCAsa(20, 0.09, 200), PriorityMeanWaits(20, {0.09}, 200)[0], 1e-12);
}

TEST(PriorityMeanWaits, KeepHighPriorityFiniteWhenLowPriorityOverloads) {
  // 10 servers, handling 100 s: n mu = 0.1 per s. Class loads 0.3, 0.6, then 0.5 (total 1.4).
  const std::vector<double> waits = PriorityMeanWaits(10, {0.03, 0.06, 0.05}, 100);
  // All servers are always busy, so W0 = 1 / (n mu) = 10 s.
  ExpectRelativelyNear(10 / (1 * 0.7), waits[0], 1e-12);
  ExpectRelativelyNear(10 / (0.7 * 0.1), waits[1], 1e-12);
  EXPECT_EQ(waits[2], kInf);
}

// ---------------------------------------------------------------------------------------------
// Staffing.

TEST(Staffing, ErlangCServiceLevelReturnsTheSmallestSufficientN) {
  struct Case {
    double lambda;
    double handle_s;
    double threshold_s;
    double target;
  };
  const Case cases[] = {
      {100.0 / 1800, 180, 20, 0.8},  // 100 calls per half hour, 3 minutes, 80/20
      {0.2, 240, 15, 0.9},           // the Mitan example's load at 90/15
      {5.0, 300, 20, 0.8},           // a = 1500
      {0.001, 60, 10, 0.9},          // a = 0.06: one server suffices
      {2.0, 300, 0, 0.5},            // threshold 0: P(no wait) >= 0.5
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.lambda);
    const int n = ServersForErlangCServiceLevel(c.lambda, c.handle_s, c.threshold_s, c.target);
    EXPECT_GE(ErlangCServiceLevel(n, c.lambda, c.handle_s, c.threshold_s), c.target);
    if (n > 1) {
      EXPECT_LT(ErlangCServiceLevel(n - 1, c.lambda, c.handle_s, c.threshold_s), c.target);
    }
  }
  EXPECT_EQ(ServersForErlangCServiceLevel(0.001, 60, 10, 0.9), 1);
  EXPECT_EQ(ServersForErlangCServiceLevel(0.0, 60, 10, 0.9), 1);
}

TEST(Staffing, ErlangCAsaReturnsTheSmallestSufficientN) {
  for (double lambda : {100.0 / 1800, 0.2, 5.0}) {
    SCOPED_TRACE(lambda);
    const int n = ServersForErlangCAsa(lambda, 240, 15);
    EXPECT_LE(ErlangCAsa(n, lambda, 240), 15);
    EXPECT_GT(ErlangCAsa(n - 1, lambda, 240), 15);
  }
}

TEST(Staffing, ErlangAServiceLevelReturnsTheSmallestSufficientN) {
  struct Case {
    double lambda;
    double handle_s;
    double patience_s;
    double threshold_s;
    double target;
  };
  const Case cases[] = {
      {1.0 / 12, 240, 60, 10, 0.9},  // 300 calls an hour, a = 20
      {7.0, 300, 120, 20, 0.8},      // a = 2100
      {0.01, 600, 30, 60, 0.5},      // light load
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.lambda);
    const int n =
        ServersForErlangAServiceLevel(c.lambda, c.handle_s, c.patience_s, c.threshold_s, c.target);
    EXPECT_GE(ErlangA(n, c.lambda, c.handle_s, c.patience_s).PAnsweredWithin(c.threshold_s),
              c.target);
    if (n > 1) {
      EXPECT_LT(ErlangA(n - 1, c.lambda, c.handle_s, c.patience_s).PAnsweredWithin(c.threshold_s),
                c.target);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Broken contracts abort with the offending value.

TEST(ErlangDeathTest, RejectsInvalidArgumentsWithTheValue) {
  EXPECT_DEATH(ErlangB(0, 1.0), "servers must be >= 1 \\(got 0\\)");
  EXPECT_DEATH(ErlangC(5, -2.0), "offered_erlangs must be finite and >= 0 \\(got -2\\)");
  EXPECT_DEATH(ErlangCServiceLevel(5, 0.1, 100, -1), "threshold_s .*got -1");
  EXPECT_DEATH(ErlangA(5, std::nan(""), 100, 60), "arrival_rate_per_s .*got nan");
  EXPECT_DEATH(ErlangA(5, 0.1, 100, 0), "mean_patience_s must be finite and > 0 \\(got 0\\)");
  EXPECT_DEATH(ServersForErlangCServiceLevel(0.1, 100, 20, 1.0), "target_fraction .*got 1\\)");
  EXPECT_DEATH(PriorityMeanWaits(5, {0.1, -0.1}, 100), "got -0.1");
}

}  // namespace
}  // namespace fccsim::model
