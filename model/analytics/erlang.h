#ifndef FCCSIM_MODEL_ANALYTICS_ERLANG_H_
#define FCCSIM_MODEL_ANALYTICS_ERLANG_H_

// Exact steady-state formulas for Markovian call-centre queues: Erlang B (loss), Erlang C
// (M/M/n, callers wait forever), Erlang A (M/M/n+M, exponential patience), non-preemptive
// priority M/M/n (Cobham), and the staffing searches built on them. The planner uses them for
// analytic staffing; the tests use them as oracles for the simulation.
//
// Conventions, once for the whole file:
//  - Rates are per second, times in seconds. Offered load a = arrival_rate_per_s * mean_handle_s,
//    in Erlangs. "n" is the number of servers (handlers).
//  - Waits are measured from arrival to the start of service (or to abandonment) and the queue
//    is first-come-first-served; an arrival sees the time-stationary state (PASTA).
//  - Results are exact up to rounding: nothing here uses factorials or powers that overflow, and
//    every function stays accurate for thousands of servers.
//  - Invalid arguments (servers < 1, negative or non-finite rates and times, a target outside
//    (0, 1)) are a broken contract: the call aborts with the offending value. Edges (scenario
//    validation, CLI) check their input before calling.

#include <cstddef>
#include <vector>

namespace fccsim::model {

// Erlang B: probability that an arrival finds all `servers` busy in the loss system M/M/n/n
// (any service distribution). Stable recursion B(0) = 1, B(k) = a B(k-1) / (k + a B(k-1)).
// REQUIRES: servers >= 1; offered_erlangs finite and >= 0.
double ErlangB(int servers, double offered_erlangs);

// Erlang C: probability that an arrival must wait in M/M/n. Returns 1 when
// offered_erlangs >= servers: the queue is unstable and every caller eventually waits.
// REQUIRES: as ErlangB.
double ErlangC(int servers, double offered_erlangs);

// M/M/n service level: P(wait <= threshold_s) = 1 - C e^{-(n mu - lambda) t}, where every
// caller is eventually answered. Returns 0 when unstable (a >= n).
// REQUIRES: servers >= 1; arrival_rate_per_s finite and >= 0; mean_handle_s finite and > 0;
// threshold_s finite and >= 0.
double ErlangCServiceLevel(int servers, double arrival_rate_per_s, double mean_handle_s,
                           double threshold_s);

// M/M/n average speed of answer in seconds: mean wait over all callers, including those
// answered at once, C / (n mu - lambda). Returns +infinity when unstable (a >= n).
// REQUIRES: as ErlangCServiceLevel without the threshold.
double ErlangCAsa(int servers, double arrival_rate_per_s, double mean_handle_s);

// M/M/n occupancy: mean fraction of servers busy, a / n, and 1 when unstable (all busy).
// REQUIRES: as ErlangCAsa.
double ErlangCOccupancy(int servers, double arrival_rate_per_s, double mean_handle_s);

// Erlang A: M/M/n+M. Poisson arrivals, exponential handling (mean mean_handle_s), and each
// caller abandons when the wait exceeds its own exponential patience (mean mean_patience_s).
// Abandonment keeps the queue stable at any load, including a > n.
//
// The number in system is a birth-death chain (birth lambda, death min(j,n) mu +
// max(j-n,0) theta with theta = 1 / mean_patience_s); its stationary distribution is built by
// a normalised product recursion outward from the mode, so no weight overflows. Truncation:
// in each direction the chain stops at the first state beyond the mode whose geometric tail
// bound w_j r / (1 - r) (r the next, and largest remaining, ratio of neighbouring weights) is
// at most 1e-17 of the mass kept, so the probability dropped is below 2e-17 in all.
// Waiting-time measures condition on k callers waiting ahead of the arrival (state n + k).
// Their time to reach service is V_k = sum_{i=0..k} Exp(n mu + i theta), and the caller is
// served iff its patience exceeds V_k. With V_k's tilted form this gives, exactly,
//   P(served, wait <= t | k) = n mu / (n mu + (k+1) theta) * I_x(k + 1, n mu / theta + 1),
//   P(V_k <= t)              = I_x(k + 1, n mu / theta),     x = 1 - e^{-theta t},
// with I the regularised incomplete beta function (because V_k = -ln(U) / theta for a beta
// variable U), which is evaluated stably for any k; no partial fractions over distinct rates.
//
// Cost: O(number of states kept) to construct, about n + (lambda - n mu)^+ / theta + a few
// standard deviations; PAnsweredWithin and PAbandonedWithin cost one incomplete beta per queue
// state. Construction aborts if more than 5 million states would be needed (a patience
// enormous compared with the overload); use Erlang C for that case.
class ErlangA {
 public:
  // REQUIRES: servers >= 1; arrival_rate_per_s finite and >= 0; mean_handle_s and
  // mean_patience_s finite and > 0.
  ErlangA(int servers, double arrival_rate_per_s, double mean_handle_s, double mean_patience_s);

  int servers() const { return servers_; }

  // Probability that an arrival finds all servers busy and so waits (it may abandon).
  double p_wait() const { return p_wait_; }

  // Probability that an arrival abandons. Equals theta * mean_queue_length / lambda.
  double p_abandon() const { return p_abandon_; }

  // Mean wait of answered calls, counting those answered at once as zero waits: the
  // industry ASA (answered calls only). 0 when no call arrives.
  double asa_answered_s() const { return asa_answered_s_; }

  // Mean time in queue over all arrivals: waits to answer, times to abandon, and zeros for
  // calls answered at once. By Little's law equals mean_queue_length / lambda.
  double mean_wait_all_s() const { return mean_wait_all_s_; }

  // Time-average number of callers waiting (not in service).
  double mean_queue_length() const { return mean_queue_length_; }

  // Mean number of busy servers over n. Equals lambda (1 - p_abandon) mean_handle_s / n.
  double occupancy() const { return occupancy_; }

  // The service level used for staffing: P(answered and waited <= threshold_s) over all
  // offered calls, abandoned ones included in the denominator (they count as failures).
  // PAnsweredWithin(0) = 1 - p_wait(). Other definitions follow from the two measures here,
  // e.g. excluding short abandons: PAnsweredWithin(t) / (1 - PAbandonedWithin(t)).
  // REQUIRES: threshold_s finite and >= 0.
  double PAnsweredWithin(double threshold_s) const;

  // P(abandoned after waiting <= threshold_s), over all offered calls. Tends to p_abandon()
  // as threshold_s grows. REQUIRES: threshold_s finite and >= 0.
  double PAbandonedWithin(double threshold_s) const;

 private:
  int servers_;
  double all_busy_rate_per_s_;  // n mu: service completions while every server is busy
  double abandon_rate_per_s_;   // theta
  double p_no_wait_ = 0;        // kept separately: 1 - p_wait_ loses digits when p_wait ~ 1
  double p_wait_ = 0;
  double p_abandon_ = 0;
  double asa_answered_s_ = 0;
  double mean_wait_all_s_ = 0;
  double mean_queue_length_ = 0;
  double occupancy_ = 0;
  // p_ahead_[i] = P(an arrival finds all servers busy and first_ahead_ + i callers waiting).
  std::size_t first_ahead_ = 0;
  std::vector<double> p_ahead_;
};

// Mean waits of K classes sharing n servers with non-preemptive priority and a common
// exponential handling time (Cobham): W_k = W0 / ((1 - s_{k-1}) (1 - s_k)), where
// s_k = sum_{i<=k} lambda_i / (n mu) and W0 = C(n, a) / (n mu), a the total offered load.
// Classes are listed highest priority first; the result has one wait (seconds) per class.
// A class with s_k >= 1 and every class below it get +infinity; classes above stay finite
// even when the total load exceeds n (then all servers are always busy and C = 1).
// REQUIRES: servers >= 1; every rate finite and >= 0; mean_handle_s finite and > 0.
std::vector<double> PriorityMeanWaits(int servers, const std::vector<double>& arrival_rates_per_s,
                                      double mean_handle_s);

// Staffing searches: the smallest n meeting the target. The search stops at
// a + 50 sqrt(a) + 100 servers and aborts if no n up to there meets it (it always exists
// there for sane targets). Cost O(answer) for Erlang C; about 15 ErlangA evaluations for A.

// Smallest n with ErlangCServiceLevel(n, ...) >= target_fraction.
// REQUIRES: arrival_rate_per_s finite and >= 0; mean_handle_s finite and > 0; threshold_s
// finite and >= 0; 0 < target_fraction < 1.
int ServersForErlangCServiceLevel(double arrival_rate_per_s, double mean_handle_s,
                                  double threshold_s, double target_fraction);

// Smallest n with ErlangCAsa(n, ...) <= max_asa_s.
// REQUIRES: as above; max_asa_s finite and > 0.
int ServersForErlangCAsa(double arrival_rate_per_s, double mean_handle_s, double max_asa_s);

// Smallest n with ErlangA(n, ...).PAnsweredWithin(threshold_s) >= target_fraction, i.e.
// answered within the threshold over all offered calls (abandons count against the target).
// Binary search: relies on that service level increasing with n.
// REQUIRES: as ServersForErlangCServiceLevel; mean_patience_s finite and > 0.
int ServersForErlangAServiceLevel(double arrival_rate_per_s, double mean_handle_s,
                                  double mean_patience_s, double threshold_s,
                                  double target_fraction);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_ANALYTICS_ERLANG_H_
