#ifndef FCCSIM_MODEL_RESULTS_INTERVAL_KEYS_H_
#define FCCSIM_MODEL_RESULTS_INTERVAL_KEYS_H_

// The keys every per-interval row carries (results and plans alike): its index from 0 at the
// start of day 0, its day, weekday and start as HH:MM.

#include <cstdint>
#include <string>

#include "model/proto/scenario.pb.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_validator.h"
#include "model/scenario/weekday_names.h"

namespace fccsim::model {

// Sets index, day, weekday and start of `row` for reported interval k.
template <class Row>
void SetIntervalKeys(const ModelSpec& spec, int k, Row* row) {
  const int day = k / spec.intervals_per_day;
  row->set_index(static_cast<std::uint32_t>(k));
  row->set_day(static_cast<std::uint32_t>(day));
  row->set_weekday(static_cast<fccsim::Weekday>((spec.start_weekday + day) % 7 + 1));
  row->set_start(FormatClockMinutes(static_cast<int>(
      (k % spec.intervals_per_day) * (spec.interval / sim::kTicksPerMinute))));
}

// "day 2 (Wednesday) 03:00": reported interval k as a planner finds it.
inline std::string IntervalLabel(const ModelSpec& spec, int k) {
  const int day = k / spec.intervals_per_day;
  return "day " + std::to_string(day) + " (" +
         std::string(kWeekdayLong[(spec.start_weekday + day) % kDaysPerWeek]) + ") " +
         FormatClockMinutes(static_cast<int>((k % spec.intervals_per_day) *
                                             (spec.interval / sim::kTicksPerMinute)));
}

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_RESULTS_INTERVAL_KEYS_H_
