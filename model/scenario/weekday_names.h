#ifndef FCCSIM_MODEL_SCENARIO_WEEKDAY_NAMES_H_
#define FCCSIM_MODEL_SCENARIO_WEEKDAY_NAMES_H_

// The days of the week as planners read and write them, Monday first (weekday 0, as
// ModelSpec::start_weekday counts): one table for every file that prints or reads them.

#include <string_view>

namespace fccsim::model {

inline constexpr int kDaysPerWeek = 7;
inline constexpr std::string_view kWeekdayShort[kDaysPerWeek] = {"Mon", "Tue", "Wed", "Thu",
                                                                 "Fri", "Sat", "Sun"};
inline constexpr std::string_view kWeekdayLong[kDaysPerWeek] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_WEEKDAY_NAMES_H_
