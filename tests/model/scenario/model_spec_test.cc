#include "model/scenario/model_spec.h"

#include <gtest/gtest.h>

#include "tests/model/test_scenario.h"

namespace fccsim::model {
namespace {

constexpr char kScenario[] = R"pb(
  horizon { days: 3 interval_minutes: 60 warm_up_hours: 5 }
  channels { name: "999" talk { deterministic_s: 1 } target { answer_within_s: 10 fraction: 0.9 } }
  channels { name: "101" talk { deterministic_s: 1 } target { answer_within_s: 10 fraction: 0.9 } }
  groups { name: "g" skills: ["999", "101"] }
  roster { headcount_csv: "unused.csv"
           shifts { name: "Early" group: "g" start: "07:00" length_minutes: 600 headcount: 3 }
           shifts { group: "g" start: "22:00" length_minutes: 600 headcount: 3 } }
)pb";

TEST(ModelSpec, EveryRandomStreamHasItsOwnId) {
  LoadedScenario loaded = MakeTestScenario(kScenario, {1, 2});
  loaded.weekly_headcount.assign(1, std::vector<int>(7 * 24, 2));
  ModelSpec spec = CompileScenario(loaded);
  EXPECT_EQ(spec.first_day, -1);
  ASSERT_EQ(spec.channels[0].day_streams.size(), 4u);  // days -1 to 2
  EXPECT_FALSE(DuplicateStreamId(spec).has_value());
  // A shift instance given a channel's stream id is found.
  spec.shifts.back().absence_stream = spec.channels[1].day_streams[2].contacts;
  EXPECT_EQ(DuplicateStreamId(spec), spec.channels[1].day_streams[2].contacts);
}

}  // namespace
}  // namespace fccsim::model
