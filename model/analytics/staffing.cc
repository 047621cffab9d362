#include "model/analytics/staffing.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "model/analytics/erlang.h"
#include "sim/check.h"

namespace fccsim::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void CheckContract(const StaffingLoad& load, const StaffingTarget& t) {
  FCCSIM_CHECK(std::isfinite(load.arrivals_per_s) && load.arrivals_per_s >= 0,
               "arrival rate " + std::to_string(load.arrivals_per_s));
  FCCSIM_CHECK(std::isfinite(load.mean_handle_s) && load.mean_handle_s > 0,
               "handling time " + std::to_string(load.mean_handle_s));
  FCCSIM_CHECK(t.fraction >= 0 && t.fraction < 1, "target fraction " + std::to_string(t.fraction));
  FCCSIM_CHECK(std::isfinite(t.answer_within_s) && t.answer_within_s >= 0, "threshold");
  FCCSIM_CHECK(std::isfinite(t.max_asa_s) && t.max_asa_s >= 0, "ASA ceiling");
  FCCSIM_CHECK(t.max_occupancy > 0 && t.max_occupancy <= 1,
               "max occupancy " + std::to_string(t.max_occupancy));
  FCCSIM_CHECK(load.arrivals_per_s == 0 || t.fraction > 0 || t.max_asa_s > 0, "no target");
}

// The least n in [lo, hi] with meets(n), for `meets` false then true as n grows.
template <class Meets>
int Least(int lo, int hi, const Meets& meets) {
  FCCSIM_CHECK(meets(hi), "no staffing up to " + std::to_string(hi) + " meets the target");
  while (lo < hi) {
    const int mid = lo + (hi - lo) / 2;
    if (meets(mid)) {
      hi = mid;
    } else {
      lo = mid + 1;
    }
  }
  return lo;
}

// As Least, starting from a `guess` near the answer: galloping away from it brackets the answer
// in a few evaluations (an Erlang A evaluation costs an incomplete beta per queue state, and
// its answer is usually within a few agents of Erlang C's), then bisection.
template <class Meets>
int LeastNear(int guess, int lo, int hi, const Meets& meets) {
  guess = std::clamp(guess, lo, hi);
  if (meets(guess)) {
    int step = 1, top = guess;
    while (top > lo) {
      const int below = std::max(lo, top - step);
      if (!meets(below)) return Least(below + 1, top, meets);
      top = below;
      step *= 2;
    }
    return lo;
  }
  int step = 1, bottom = guess;  // fails at bottom
  while (true) {
    const int above = std::min(hi, bottom + step);
    if (above == bottom) return Least(hi, hi, meets);  // fails up to hi: Least reports it
    if (meets(above)) return Least(bottom + 1, above, meets);
    bottom = above;
    step *= 2;
  }
}

// The staffing searches' ceiling, as model/analytics/erlang.h's.
int Ceiling(double a) { return static_cast<int>(std::ceil(a + 50 * std::sqrt(a) + 100)); }

// Combines the staffing each part of the target asks for: the most, and which asked for it.
struct Parts {
  int service_level = 0, asa = 0, occupancy = 0;
  int Agents() const { return std::max({service_level, asa, occupancy}); }
  Binding Which() const {
    const int n = Agents();
    if (n == service_level) return Binding::kServiceLevel;
    if (n == asa) return Binding::kAsa;
    return Binding::kOccupancy;
  }
};

int ForOccupancy(double a, double max_occupancy) {
  return std::max(1, static_cast<int>(std::ceil(a / max_occupancy - 1e-9)));
}

}  // namespace

const char* BindingName(Binding b) {
  switch (b) {
    case Binding::kNoDemand: return "no demand";
    case Binding::kServiceLevel: return "service level";
    case Binding::kAsa: return "ASA";
    case Binding::kOccupancy: return "occupancy cap";
  }
  return "?";
}

Staffing StaffErlangC(const StaffingLoad& load, const StaffingTarget& target) {
  CheckContract(load, target);
  Staffing out;
  if (load.arrivals_per_s == 0) {
    out.service_level = out.asa_s = out.occupancy = out.p_abandon = kNaN;
    return out;
  }
  const double lambda = load.arrivals_per_s, h = load.mean_handle_s;
  const double a = lambda * h;
  const int stable = static_cast<int>(std::floor(a)) + 1;
  Parts parts;
  parts.occupancy = ForOccupancy(a, target.max_occupancy);
  if (target.fraction > 0) {
    parts.service_level =
        ServersForErlangCServiceLevel(lambda, h, target.answer_within_s, target.fraction);
  }
  if (target.max_asa_s > 0) parts.asa = ServersForErlangCAsa(lambda, h, target.max_asa_s);
  out.agents = std::max(parts.Agents(), stable);
  out.binding = parts.Which();
  out.service_level = ErlangCServiceLevel(out.agents, lambda, h, target.answer_within_s);
  out.asa_s = ErlangCAsa(out.agents, lambda, h);
  out.occupancy = ErlangCOccupancy(out.agents, lambda, h);
  return out;
}

Staffing StaffErlangA(const StaffingLoad& load, const StaffingTarget& target) {
  CheckContract(load, target);
  FCCSIM_CHECK(load.mean_patience_s && std::isfinite(*load.mean_patience_s) &&
                   *load.mean_patience_s > 0,
               "Erlang A needs a patience");
  Staffing out;
  if (load.arrivals_per_s == 0) {
    out.service_level = out.asa_s = out.occupancy = out.p_abandon = kNaN;
    return out;
  }
  const double lambda = load.arrivals_per_s, h = load.mean_handle_s;
  const double patience = *load.mean_patience_s;
  const double a = lambda * h;
  auto level = [&](const ErlangA& m) {
    const double judged = 1 - (target.short_abandon_s > 0
                                   ? m.PAbandonedWithin(target.short_abandon_s)
                                   : 0.0);
    return judged > 0 ? m.PAnsweredWithin(target.answer_within_s) / judged : 1.0;
  };
  const int hi = Ceiling(a);
  // Erlang C's answer for the same target is the first guess: abandonment usually lowers it.
  StaffingTarget no_cap = target;
  no_cap.max_occupancy = 1;
  const Staffing c = StaffErlangC(load, no_cap);
  Parts parts;
  // Abandonment keeps the queue stable with fewer agents than the load, so without a cap asked
  // for there is no floor, but for a target of ASA alone: the ASA of those answered can be
  // low however many give up, so at least the load is staffed.
  parts.occupancy = target.max_occupancy < 1 || target.fraction == 0
                        ? ForOccupancy(a, target.max_occupancy)
                        : 1;
  if (target.fraction > 0) {
    parts.service_level = LeastNear(c.agents, 1, hi, [&](int n) {
      return level(ErlangA(n, lambda, h, patience)) >= target.fraction;
    });
  }
  if (target.max_asa_s > 0) {
    parts.asa = LeastNear(c.agents, 1, hi, [&](int n) {
      return ErlangA(n, lambda, h, patience).asa_answered_s() <= target.max_asa_s;
    });
  }
  out.agents = parts.Agents();
  out.binding = parts.Which();
  const ErlangA m(out.agents, lambda, h, patience);
  out.service_level = level(m);
  out.asa_s = m.asa_answered_s();
  out.occupancy = m.occupancy();
  out.p_abandon = m.p_abandon();
  return out;
}

double Rostered(double on_duty, double shrinkage, double break_share) {
  FCCSIM_CHECK(shrinkage >= 0 && shrinkage < 1, "shrinkage " + std::to_string(shrinkage));
  FCCSIM_CHECK(break_share >= 0 && break_share < 1, "break share " + std::to_string(break_share));
  return on_duty / ((1 - shrinkage) * (1 - break_share));
}

}  // namespace fccsim::model
