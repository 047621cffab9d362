#ifndef FCCSIM_MODEL_PLAN_SCHEDULED_H_
#define FCCSIM_MODEL_PLAN_SCHEDULED_H_

// What a scenario's roster puts on duty, in expectation, per group and reported interval:
// the staffing the planner's requirements are compared with. Shifts count for the part of an
// interval they cover; breaks are taken off; shrinkage takes its share of everyone.

#include <vector>

#include "model/scenario/model_spec.h"

namespace fccsim::model {

struct ScheduledInterval {
  double rostered = 0;  // handlers rostered, time-weighted over the interval
  double on_duty = 0;   // expected on duty: less shrinkage and breaks
};

// [group][reported interval].
std::vector<std::vector<ScheduledInterval>> ScheduledStaffing(const ModelSpec& spec);

// The share of group g's shift time (within the horizon, warm-up included) spent on breaks;
// 0 without shifts.
double BreakShare(const ModelSpec& spec, int group);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_PLAN_SCHEDULED_H_
