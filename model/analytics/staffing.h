#ifndef FCCSIM_MODEL_ANALYTICS_STAFFING_H_
#define FCCSIM_MODEL_ANALYTICS_STAFFING_H_

// Analytic staffing of one interval: the fewest agents on duty that meet a target with
// Erlang C (callers never abandon) or Erlang A (exponential patience), under an occupancy
// cap, and the handlers to roster for them once shrinkage and breaks are allowed for. The
// interval is taken as a queue in steady state (its own arrival rate, independent of the
// intervals around it): the textbook figure the planner compares its simulation with.
//
// The target may set a service level (a share answered within a threshold), a ceiling on the
// ASA, or both, and every part must be met. The service level is that of fccsim's measures
// (docs/model.md): answered within the threshold over the contacts judged, where callers who
// abandon count as failures except those who gave up within `short_abandon_s`.
//   Erlang C: P(wait <= T).
//   Erlang A: P(answered, wait <= T) / (1 - P(abandoned, wait < short_abandon_s)).
// The ASA is that of answered calls. The occupancy cap asks for at least offered load /
// max_occupancy agents (the load offered, before abandonment: a cap that holds under Erlang C
// holds under A). Under Erlang A, a target of ASA alone also asks for at least the load (the
// answered can wait little while many give up).
//
// An interval with no calls needs nobody.

#include <cstdint>
#include <optional>

namespace fccsim::model {

struct StaffingTarget {
  double answer_within_s = 0;
  double fraction = 0;         // 0: no service-level target
  double max_asa_s = 0;        // 0: no ASA ceiling
  double max_occupancy = 1;    // in (0, 1]
  double short_abandon_s = 0;  // abandons sooner are not judged (Erlang A)
};

struct StaffingLoad {
  double arrivals_per_s = 0;
  double mean_handle_s = 0;                // talk plus wrap-up
  std::optional<double> mean_patience_s;   // Erlang A when set
};

// Which part of the target set the number.
enum class Binding : std::uint8_t { kNoDemand, kServiceLevel, kAsa, kOccupancy };
const char* BindingName(Binding b);

struct Staffing {
  int agents = 0;  // on duty
  Binding binding = Binding::kNoDemand;
  // The figures with `agents` on duty (all NaN with no calls: nothing to measure).
  double service_level = 0;
  double asa_s = 0;
  double occupancy = 0;
  double p_abandon = 0;  // 0 under Erlang C
};

// The fewest agents meeting `target` under Erlang C. REQUIRES: the load's rate finite and
// >= 0, its handling time finite and > 0; the target's fields finite, fraction in [0, 1),
// max_occupancy in (0, 1], and some target set (fraction or max_asa_s) when there are calls.
Staffing StaffErlangC(const StaffingLoad& load, const StaffingTarget& target);

// The same under Erlang A. REQUIRES: as StaffErlangC, and load.mean_patience_s set, finite
// and > 0.
Staffing StaffErlangA(const StaffingLoad& load, const StaffingTarget& target);

// Handlers to roster so that `on_duty` are on duty on average, when a share `shrinkage` of
// rostered handlers is absent and a share `break_share` of the time of those present is on a
// break: on_duty / ((1 - shrinkage)(1 - break_share)), not rounded (a planner sums them into
// shifts). REQUIRES: both shares in [0, 1).
double Rostered(double on_duty, double shrinkage, double break_share);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_ANALYTICS_STAFFING_H_
