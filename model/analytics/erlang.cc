#include "model/analytics/erlang.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>

#include <boost/math/special_functions/beta.hpp>

#include "sim/check.h"

namespace fccsim::model {
namespace {

// Boost evaluates a double incomplete beta in long double by default; in double it is several
// times faster and still accurate to a few ulps, far below what any figure here is read to.
// The planner evaluates thousands of these per week of intervals.
using DoublePolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

constexpr double kInfinity = std::numeric_limits<double>::infinity();

// Relative mass each truncated tail of the Erlang A chain may drop (see erlang.h).
constexpr double kTailTolerance = 1e-17;
constexpr std::int64_t kMaxStates = 5'000'000;

std::string Describe(double value) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", value);
  return buf;
}

void CheckServers(int servers) {
  FCCSIM_CHECK(servers >= 1, "servers must be >= 1 (got " + std::to_string(servers) + ")");
}

void CheckRate(const char* name, double rate) {
  FCCSIM_CHECK(std::isfinite(rate) && rate >= 0,
               std::string(name) + " must be finite and >= 0 (got " + Describe(rate) + ")");
}

void CheckPositive(const char* name, double value) {
  FCCSIM_CHECK(std::isfinite(value) && value > 0,
               std::string(name) + " must be finite and > 0 (got " + Describe(value) + ")");
}

void CheckThreshold(double threshold_s) {
  FCCSIM_CHECK(std::isfinite(threshold_s) && threshold_s >= 0,
               "threshold_s must be finite and >= 0 (got " + Describe(threshold_s) + ")");
}

void CheckTarget(double target_fraction) {
  FCCSIM_CHECK(target_fraction > 0 && target_fraction < 1,
               "target_fraction must lie in (0, 1) (got " + Describe(target_fraction) + ")");
}

// One step of the Erlang B recursion, from k - 1 to k servers. The public function and the
// staffing searches share it so that their results agree to the last bit.
double ErlangBStep(int k, double a, double b_previous) {
  const double ab = a * b_previous;
  return ab / (k + ab);
}

// C from B. REQUIRES: a < n.
double ErlangCFromB(int n, double a, double b) { return n * b / (n - a * (1 - b)); }

// n mu - lambda: the rate at which an M/M/n queue drains while all servers are busy.
double DrainRate(int n, double arrival_rate_per_s, double mean_handle_s) {
  return n / mean_handle_s - arrival_rate_per_s;
}

double ServiceLevelFromC(double c, double drain_rate_per_s, double threshold_s) {
  return 1 - c * std::exp(-drain_rate_per_s * threshold_s);
}

std::int64_t StaffingCap(double offered_erlangs) {
  const double cap = offered_erlangs + 50 * std::sqrt(offered_erlangs) + 100;
  FCCSIM_CHECK(cap < std::numeric_limits<int>::max(), "offered load too large for staffing (got " +
                                                          Describe(offered_erlangs) + " Erlangs)");
  return static_cast<std::int64_t>(cap);
}

}  // namespace

double ErlangB(int servers, double offered_erlangs) {
  CheckServers(servers);
  CheckRate("offered_erlangs", offered_erlangs);
  double b = 1;
  for (int k = 1; k <= servers; ++k) b = ErlangBStep(k, offered_erlangs, b);
  return b;
}

double ErlangC(int servers, double offered_erlangs) {
  const double b = ErlangB(servers, offered_erlangs);
  if (offered_erlangs >= servers) return 1;
  return ErlangCFromB(servers, offered_erlangs, b);
}

double ErlangCServiceLevel(int servers, double arrival_rate_per_s, double mean_handle_s,
                           double threshold_s) {
  CheckServers(servers);
  CheckRate("arrival_rate_per_s", arrival_rate_per_s);
  CheckPositive("mean_handle_s", mean_handle_s);
  CheckThreshold(threshold_s);
  const double a = arrival_rate_per_s * mean_handle_s;
  if (a >= servers) return 0;
  return ServiceLevelFromC(ErlangC(servers, a),
                           DrainRate(servers, arrival_rate_per_s, mean_handle_s), threshold_s);
}

double ErlangCAsa(int servers, double arrival_rate_per_s, double mean_handle_s) {
  CheckServers(servers);
  CheckRate("arrival_rate_per_s", arrival_rate_per_s);
  CheckPositive("mean_handle_s", mean_handle_s);
  const double a = arrival_rate_per_s * mean_handle_s;
  if (a >= servers) return kInfinity;
  return ErlangC(servers, a) / DrainRate(servers, arrival_rate_per_s, mean_handle_s);
}

double ErlangCOccupancy(int servers, double arrival_rate_per_s, double mean_handle_s) {
  CheckServers(servers);
  CheckRate("arrival_rate_per_s", arrival_rate_per_s);
  CheckPositive("mean_handle_s", mean_handle_s);
  return std::min(1.0, arrival_rate_per_s * mean_handle_s / servers);
}

ErlangA::ErlangA(int servers, double arrival_rate_per_s, double mean_handle_s,
                 double mean_patience_s)
    : servers_(servers) {
  CheckServers(servers);
  CheckRate("arrival_rate_per_s", arrival_rate_per_s);
  CheckPositive("mean_handle_s", mean_handle_s);
  CheckPositive("mean_patience_s", mean_patience_s);
  const double lambda = arrival_rate_per_s;
  const double mu = 1 / mean_handle_s;
  const double theta = 1 / mean_patience_s;
  const std::int64_t n = servers;
  all_busy_rate_per_s_ = static_cast<double>(n) * mu;
  abandon_rate_per_s_ = theta;
  const double n_mu = all_busy_rate_per_s_;
  auto death = [&](std::int64_t j) {
    return j <= n ? static_cast<double>(j) * mu : n_mu + static_cast<double>(j - n) * theta;
  };

  // The mode: the last state whose death rate does not exceed lambda. Weights rise up to it
  // and fall after it, so scaling it to 1 keeps every weight in [0, 1].
  const double mode_guess = lambda <= n_mu
                                ? std::floor(lambda / mu)
                                : static_cast<double>(n) + std::floor((lambda - n_mu) / theta);
  FCCSIM_CHECK(mode_guess < static_cast<double>(kMaxStates),
               "Erlang A needs more than " + std::to_string(kMaxStates) +
                   " states: the queue would hold about " + Describe(mode_guess) +
                   " callers (arrival_rate_per_s " + Describe(lambda) + ", servers " +
                   std::to_string(servers) + ", mean_patience_s " + Describe(mean_patience_s) +
                   ")");
  std::int64_t mode = static_cast<std::int64_t>(mode_guess);
  while (mode > 0 && death(mode) > lambda) --mode;  // floor() can land one state off
  while (death(mode + 1) <= lambda) ++mode;

  // Beyond the mode each step multiplies the weight by a ratio r < 1 that only shrinks
  // further out, so w r / (1 - r) bounds everything not yet taken.
  double sum = 1;
  std::vector<double> below;  // w[mode-1], w[mode-2], ...
  std::int64_t lo = mode;
  for (double w = 1; lo > 0;) {
    const double r = death(lo) / lambda;
    if (r < 1 && w * r / (1 - r) <= kTailTolerance * sum) break;
    w *= r;
    --lo;
    below.push_back(w);
    sum += w;
  }
  std::vector<double> above;  // w[mode+1], w[mode+2], ...
  std::int64_t hi = mode;
  for (double w = 1;;) {
    const double r = lambda / death(hi + 1);
    if (r < 1 && w * r / (1 - r) <= kTailTolerance * sum) break;
    w *= r;
    ++hi;
    above.push_back(w);
    sum += w;
    FCCSIM_CHECK(hi - lo < kMaxStates, "Erlang A needs more than " + std::to_string(kMaxStates) +
                                           " states (arrival_rate_per_s " + Describe(lambda) +
                                           ", mean_patience_s " + Describe(mean_patience_s) + ")");
  }
  auto probability = [&](std::int64_t j) {
    const double w = j == mode ? 1 : j < mode ? below[mode - j - 1] : above[j - mode - 1];
    return w / sum;
  };

  double busy = 0;
  for (std::int64_t j = lo; j <= hi; ++j) {
    const double p = probability(j);
    if (j < n) {
      p_no_wait_ += p;
      busy += static_cast<double>(j) * p;
    } else {
      p_wait_ += p;
      busy += static_cast<double>(n) * p;
    }
  }
  occupancy_ = busy / static_cast<double>(n);

  // Queue states: k = j - n callers ahead of an arrival. P(served | k) telescopes to
  // n mu / (n mu + (k+1) theta). Given service, the wait is V_k tilted by e^{-theta V_k}: stage
  // rates rise by theta, so its mean is sum_{i=1..k+1} 1 / (n mu + i theta).
  first_ahead_ = static_cast<std::size_t>(std::max(lo, n) - n);
  double tilted_mean_wait_s = 0;
  for (std::size_t i = 1; i <= first_ahead_; ++i) {
    tilted_mean_wait_s += 1 / (n_mu + static_cast<double>(i) * theta);
  }
  double answered_wait_sum = 0;
  for (std::int64_t j = std::max(lo, n); j <= hi; ++j) {
    const double p = probability(j);
    const double k = static_cast<double>(j - n);
    p_ahead_.push_back(p);
    const double leave_rate = n_mu + (k + 1) * theta;
    tilted_mean_wait_s += 1 / leave_rate;
    mean_queue_length_ += k * p;
    p_abandon_ += p * (k + 1) * theta / leave_rate;
    mean_wait_all_s_ += p * (k + 1) / leave_rate;  // E[min(V_k, patience)] = P(abandon | k) / theta
    answered_wait_sum += p * n_mu / leave_rate * tilted_mean_wait_s;
  }
  asa_answered_s_ = p_ahead_.empty() ? 0 : answered_wait_sum / (1 - p_abandon_);
}

double ErlangA::PAnsweredWithin(double threshold_s) const {
  CheckThreshold(threshold_s);
  const double n_mu = all_busy_rate_per_s_;
  const double theta = abandon_rate_per_s_;
  const double x = -std::expm1(-theta * threshold_s);
  double answered = p_no_wait_;
  if (x == 0) return answered;
  for (std::size_t i = 0; i < p_ahead_.size(); ++i) {
    if (p_ahead_[i] == 0) continue;
    const double k = static_cast<double>(first_ahead_ + i);
    answered += p_ahead_[i] * n_mu / (n_mu + (k + 1) * theta) *
                boost::math::ibeta(k + 1, n_mu / theta + 1, x, DoublePolicy());
  }
  return answered;
}

double ErlangA::PAbandonedWithin(double threshold_s) const {
  CheckThreshold(threshold_s);
  const double n_mu = all_busy_rate_per_s_;
  const double theta = abandon_rate_per_s_;
  const double x = -std::expm1(-theta * threshold_s);
  if (x == 0) return 0;
  const double stay = std::exp(-theta * threshold_s);
  double abandoned = 0;
  for (std::size_t i = 0; i < p_ahead_.size(); ++i) {
    if (p_ahead_[i] == 0) continue;
    const double k = static_cast<double>(first_ahead_ + i);
    // P(patience <= min(V_k, t)) = 1 - E[e^{-theta V_k}; V_k <= t] - e^{-theta t} P(V_k > t).
    const double served_within =
        n_mu / (n_mu + (k + 1) * theta) * boost::math::ibeta(k + 1, n_mu / theta + 1, x, DoublePolicy());
    const double still_waiting = stay * boost::math::ibetac(k + 1, n_mu / theta, x, DoublePolicy());
    abandoned += p_ahead_[i] * std::max(0.0, 1 - served_within - still_waiting);
  }
  return abandoned;
}

std::vector<double> PriorityMeanWaits(int servers, const std::vector<double>& arrival_rates_per_s,
                                      double mean_handle_s) {
  CheckServers(servers);
  CheckPositive("mean_handle_s", mean_handle_s);
  double total_rate_per_s = 0;
  for (double rate : arrival_rates_per_s) {
    CheckRate("arrival_rates_per_s[]", rate);
    total_rate_per_s += rate;
  }
  const double n_mu = servers / mean_handle_s;
  const double w0_s = ErlangC(servers, total_rate_per_s * mean_handle_s) / n_mu;
  std::vector<double> waits_s;
  double sigma_above = 0;  // load of the classes with higher priority
  for (double rate : arrival_rates_per_s) {
    const double sigma = sigma_above + rate / n_mu;
    waits_s.push_back(sigma >= 1 ? kInfinity : w0_s / ((1 - sigma_above) * (1 - sigma)));
    sigma_above = sigma;
  }
  return waits_s;
}

// The smallest stable staffing n whose Erlang C probability of waiting c meets
// `meets(n, c)`. B(n) runs along with the candidate n rather than being recomputed for each;
// unstable candidates only advance it. `goal` describes the target for the message when none
// is found below the cap.
template <class Meets>
int SmallestErlangCStaffing(double arrival_rate_per_s, double mean_handle_s, Meets meets,
                            const std::string& goal) {
  const double a = arrival_rate_per_s * mean_handle_s;
  const std::int64_t cap = StaffingCap(a);
  double b = 1;
  for (int n = 1; n <= cap; ++n) {
    b = ErlangBStep(n, a, b);
    if (a >= n) continue;
    if (meets(n, ErlangCFromB(n, a, b))) return n;
  }
  FCCSIM_CHECK(false, "no staffing up to " + std::to_string(cap) + " servers " + goal);
  return -1;
}

int ServersForErlangCServiceLevel(double arrival_rate_per_s, double mean_handle_s,
                                  double threshold_s, double target_fraction) {
  CheckRate("arrival_rate_per_s", arrival_rate_per_s);
  CheckPositive("mean_handle_s", mean_handle_s);
  CheckThreshold(threshold_s);
  CheckTarget(target_fraction);
  return SmallestErlangCStaffing(
      arrival_rate_per_s, mean_handle_s,
      [&](int n, double c) {
        return ServiceLevelFromC(c, DrainRate(n, arrival_rate_per_s, mean_handle_s),
                                 threshold_s) >= target_fraction;
      },
      "reaches service level " + Describe(target_fraction) + " within " +
          Describe(threshold_s) + " s");
}

int ServersForErlangCAsa(double arrival_rate_per_s, double mean_handle_s, double max_asa_s) {
  CheckRate("arrival_rate_per_s", arrival_rate_per_s);
  CheckPositive("mean_handle_s", mean_handle_s);
  CheckPositive("max_asa_s", max_asa_s);
  return SmallestErlangCStaffing(
      arrival_rate_per_s, mean_handle_s,
      [&](int n, double c) {
        return c / DrainRate(n, arrival_rate_per_s, mean_handle_s) <= max_asa_s;
      },
      "brings ASA to " + Describe(max_asa_s) + " s");
}

int ServersForErlangAServiceLevel(double arrival_rate_per_s, double mean_handle_s,
                                  double mean_patience_s, double threshold_s,
                                  double target_fraction) {
  CheckRate("arrival_rate_per_s", arrival_rate_per_s);
  CheckPositive("mean_handle_s", mean_handle_s);
  CheckPositive("mean_patience_s", mean_patience_s);
  CheckThreshold(threshold_s);
  CheckTarget(target_fraction);
  const double a = arrival_rate_per_s * mean_handle_s;
  auto meets = [&](std::int64_t n) {
    return ErlangA(static_cast<int>(n), arrival_rate_per_s, mean_handle_s, mean_patience_s)
               .PAnsweredWithin(threshold_s) >= target_fraction;
  };
  std::int64_t hi = StaffingCap(a);
  FCCSIM_CHECK(meets(hi), "no staffing up to " + std::to_string(hi) +
                              " servers reaches service level " + Describe(target_fraction) +
                              " within " + Describe(threshold_s) + " s");
  // n servers answer at most n mu calls per second, so the service level is at most n / a:
  // every n <= target * a fails. Starting there also keeps the first probes' queues short.
  std::int64_t lo = static_cast<std::int64_t>(std::floor(target_fraction * a));  // fails, or 0
  if (lo >= 1 && meets(lo)) lo = 0;  // only when target * a is an integer exactly met
  while (hi - lo > 1) {
    const std::int64_t mid = lo + (hi - lo) / 2;
    (meets(mid) ? hi : lo) = mid;
  }
  return static_cast<int>(hi);
}

}  // namespace fccsim::model
