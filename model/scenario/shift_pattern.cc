#include "model/scenario/shift_pattern.h"

#include <algorithm>
#include <limits>
#include <utility>

#include "model/scenario/scenario_validator.h"

namespace fccsim::model {

std::vector<int> PatternStarts(const fccsim::ShiftPattern& pattern) {
  const int first = *ParseClockMinutes(pattern.earliest_start());
  const int last = *ParseClockMinutes(pattern.latest_start());
  const int step = static_cast<int>(pattern.start_step_minutes());
  std::vector<int> out;
  for (int m = first; m <= last; m += step) out.push_back(m);
  return out;
}

std::uint64_t BreakPlacementBound(const fccsim::ShiftPattern& pattern, int step_minutes) {
  std::uint64_t bound = 1;
  for (const fccsim::BreakRule& rule : pattern.breaks()) {
    const std::uint64_t window =
        rule.latest_after_minutes() < rule.earliest_after_minutes()
            ? 0
            : (rule.latest_after_minutes() - rule.earliest_after_minutes()) /
                      static_cast<std::uint64_t>(step_minutes) +
                  1;
    if (window == 0) return 0;
    if (bound > std::numeric_limits<std::uint64_t>::max() / window) {
      return std::numeric_limits<std::uint64_t>::max();
    }
    bound *= window;
  }
  return bound;
}

std::vector<std::vector<int>> BreakPlacements(const fccsim::ShiftPattern& pattern,
                                              int step_minutes) {
  std::vector<std::vector<int>> out;
  std::vector<int> chosen;
  const int rules = pattern.breaks_size();
  const auto length = static_cast<int>(pattern.length_minutes());
  // Depth-first over the rules, in order, so that placements come out in lexicographic order.
  const auto place = [&](const auto& self, int rule) -> void {
    if (rule == rules) {
      out.push_back(chosen);
      return;
    }
    const fccsim::BreakRule& r = pattern.breaks(rule);
    const auto break_length = static_cast<int>(r.length_minutes());
    for (auto at = static_cast<int>(r.earliest_after_minutes());
         at <= static_cast<int>(r.latest_after_minutes()); at += step_minutes) {
      if (at + break_length > length) break;
      bool overlaps = false;
      for (int i = 0; i < rule; ++i) {
        const int other = chosen[static_cast<std::size_t>(i)];
        const auto other_length = static_cast<int>(pattern.breaks(i).length_minutes());
        overlaps = overlaps || (at < other + other_length && other < at + break_length);
      }
      if (overlaps) continue;
      chosen.push_back(at);
      self(self, rule + 1);
      chosen.pop_back();
    }
  };
  place(place, 0);
  return out;
}

std::uint64_t CandidateCount(const fccsim::ShiftPattern& pattern, std::size_t placements) {
  const std::uint64_t days =
      pattern.weekdays().empty() ? 7 : static_cast<std::uint64_t>(pattern.weekdays_size());
  return PatternStarts(pattern).size() * days * placements;
}

}  // namespace fccsim::model
