// The roster: absences keyed by what a shift is, never by where it is listed, and absence
// per handler and day whether the roster is written as shifts or as a headcount table.

#include "model/centre/roster.h"

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "model/centre/centre_model.h"
#include "tests/model/test_scenario.h"

namespace fccsim::model {
namespace {

// The changes of one group: (time, on, handlers, last).
using Change = std::tuple<sim::Time, bool, int, bool>;

std::vector<Change> ChangesOf(const ModelSpec& spec, int group, std::uint64_t replication) {
  const RosterPlan plan = BuildRoster(spec, 3, replication);
  std::vector<Change> changes;
  for (const StaffingChange& c : plan.changes) {
    const RosterSource& s = plan.sources[static_cast<std::size_t>(c.source)];
    if (s.group == group) changes.emplace_back(c.time, c.on, s.handlers, c.last);
  }
  return changes;
}

std::string Centre(const std::string& shifts) {
  return R"pb(
    horizon { days: 14 interval_minutes: 60 warm_up_hours: 3 }
    channels { name: "c" talk { deterministic_s: 1 } target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "a" skills: "c" }
    groups { name: "b" skills: "c" }
    roster { shrinkage: 0.3 )pb" + shifts + "}";
}

TEST(Roster, AddingAShiftMovesNoOtherShiftsAbsences) {
  const std::string b_early =
      R"pb(shifts { name: "Early" group: "b" start: "07:00" length_minutes: 600 headcount: 9
                    breaks { after_minutes: 120 length_minutes: 30 } })pb";
  const std::string a_early =
      R"pb(shifts { name: "Early" group: "a" start: "07:00" length_minutes: 600 headcount: 12 })pb";
  const ModelSpec alone = CompileScenario(MakeTestScenario(Centre(b_early), {0}));
  const ModelSpec both = CompileScenario(MakeTestScenario(Centre(a_early + b_early), {0}));
  for (std::uint64_t r = 0; r < 5; ++r) {
    const auto changes = ChangesOf(alone, 1, r);
    ASSERT_FALSE(changes.empty());
    EXPECT_EQ(ChangesOf(both, 1, r), changes) << "replication " << r;
  }
}

TEST(Roster, UnnamedShiftsAreKeyedByWhatTheyAreNotWhereTheyAreListed) {
  const std::string night =
      R"pb(shifts { group: "b" start: "22:00" length_minutes: 600 headcount: 7 })pb";
  const std::string day =
      R"pb(shifts { group: "b" start: "08:00" length_minutes: 600 headcount: 7 })pb";
  const ModelSpec night_first = CompileScenario(MakeTestScenario(Centre(night + day), {0}));
  const ModelSpec day_first = CompileScenario(MakeTestScenario(Centre(day + night), {0}));
  auto sorted = [](std::vector<Change> v) {
    std::sort(v.begin(), v.end());
    return v;
  };
  EXPECT_EQ(sorted(ChangesOf(night_first, 1, 0)), sorted(ChangesOf(day_first, 1, 0)));
}

// Per day: the mean number of handlers of group 0 online over the day, for every day of every
// replication.
std::vector<double> DailyOnline(const ModelSpec& spec, int replications) {
  std::vector<double> days;
  for (int r = 0; r < replications; ++r) {
    const ReplicationMeasures stats = SimulateCentre(spec, 11, static_cast<std::uint64_t>(r));
    const sim::IntervalSeries& online = stats.groups[0].online;
    for (int d = 0; d < spec.days; ++d) {
      double sum = 0;
      for (int k = 0; k < spec.intervals_per_day; ++k) {
        sum += online.Mean(static_cast<std::size_t>(d * spec.intervals_per_day + k));
      }
      days.push_back(sum / spec.intervals_per_day);
    }
  }
  return days;
}

double Variance(const std::vector<double>& xs) {
  double mean = 0;
  for (double x : xs) mean += x;
  mean /= static_cast<double>(xs.size());
  double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  return ss / static_cast<double>(xs.size() - 1);
}

// Ten handlers rostered around the clock with 40% shrinkage, once as a headcount table and once
// as a shift starting at midnight: a handler is absent for the whole day either way, so the
// number present on a day is Binomial(10, 0.6) (variance 2.4) in both. Drawn per interval, the
// table's daily mean would vary 24 times less. 14 days x 15 replications = 210 independent
// days: their sample variance lies within (0.70, 1.36) x 2.4 with 99.9% probability
// (chi-square with 209 degrees of freedom, Wilson-Hilferty; the binomial's lighter tails
// only narrow it).
TEST(Roster, AbsenceIsPerHandlerAndDayForTablesAsForShifts) {
  constexpr char kTable[] = R"pb(
    horizon { days: 14 interval_minutes: 60 }
    channels { name: "c" talk { deterministic_s: 1 } target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "g" skills: "c" }
    roster { headcount_csv: "unused.csv" shrinkage: 0.4 }
  )pb";
  LoadedScenario table = MakeTestScenario(kTable, {0});
  table.weekly_headcount.assign(1, std::vector<int>(7 * 24, 10));
  constexpr char kShift[] = R"pb(
    horizon { days: 14 interval_minutes: 60 }
    channels { name: "c" talk { deterministic_s: 1 } target { answer_within_s: 10 fraction: 0.9 } }
    groups { name: "g" skills: "c" }
    roster { shrinkage: 0.4
             shifts { name: "all day" group: "g" start: "00:00" length_minutes: 1440 headcount: 10 } }
  )pb";
  const ModelSpec table_spec = CompileScenario(table);
  const ModelSpec shift_spec = CompileScenario(MakeTestScenario(kShift, {0}));
  for (const ModelSpec* spec : {&table_spec, &shift_spec}) {
    const std::vector<double> days = DailyOnline(*spec, 15);
    const double variance = Variance(days);
    EXPECT_GT(variance, 0.70 * 2.4);
    EXPECT_LT(variance, 1.36 * 2.4);
    double mean = 0;
    for (double d : days) mean += d;
    mean /= static_cast<double>(days.size());
    // Standard error sqrt(2.4 / 210) = 0.107; 4 of them.
    EXPECT_NEAR(mean, 6.0, 0.43);
  }
  // Within a day, the table's handlers present stay present: the same count every hour.
  const ReplicationMeasures stats = SimulateCentre(table_spec, 11, 0);
  for (int d = 0; d < 14; ++d) {
    for (int k = 1; k < 24; ++k) {
      EXPECT_EQ(stats.groups[0].online.Mean(static_cast<std::size_t>(d * 24 + k)),
                stats.groups[0].online.Mean(static_cast<std::size_t>(d * 24))) << d << " " << k;
    }
  }
}

}  // namespace
}  // namespace fccsim::model
