#include "model/centre/centre_run.h"

#include <string>

#include <gtest/gtest.h>

#include "tests/model/test_scenario.h"

namespace fccsim::model {
namespace {

constexpr char kTwoChannels[] = R"pb(
  name: "threads"
  horizon { days: 1 interval_minutes: 15 warm_up_hours: 1 }
  channels { name: "999" priority: 1 talk { lognormal { mean_s: 240 cv: 0.8 } }
             patience { exponential { mean_s: 300 } } target { answer_within_s: 10 fraction: 0.9 } }
  channels { name: "101" priority: 2 talk { exponential { mean_s: 400 } } arrivals { daily_volume_cv: 0.1 }
             patience { exponential { mean_s: 600 } } target { answer_within_s: 180 fraction: 0.8 } }
  groups { name: "999 only" skills: "999" }
  groups { name: "dual" skills: "999" skills: "101" }
  roster {
    shrinkage: 0.25
    shifts { group: "999 only" start: "00:00" length_minutes: 1440 headcount: 6 }
    shifts { group: "dual" start: "00:00" length_minutes: 1440 headcount: 14 }
  }
)pb";

std::string Serialized(const fccsim::RunResult& r) {
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  r.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

TEST(CentreRun, ResultsAreIdenticalBitForBitWhateverTheThreadCount) {
  const LoadedScenario loaded = MakeTestScenario(kTwoChannels, {15, 20});
  const std::string one = Serialized(RunScenario(loaded, {7, 1, 99}));
  EXPECT_EQ(Serialized(RunScenario(loaded, {7, 2, 99})), one);
  EXPECT_EQ(Serialized(RunScenario(loaded, {7, 5, 99})), one);
  EXPECT_NE(Serialized(RunScenario(loaded, {7, 2, 100})), one);  // the seed matters
}

TEST(CentreRun, ResultCarriesTheScenarioSeedAndVersion) {
  const LoadedScenario loaded = MakeTestScenario(kTwoChannels, {15, 20});
  const fccsim::RunResult r = RunScenario(loaded, {3, 2, 42});
  EXPECT_EQ(r.seed(), 42u);
  EXPECT_EQ(r.replications(), 3u);
  EXPECT_EQ(r.scenario().name(), "threads");
  EXPECT_FALSE(r.software_version().empty());
  ASSERT_EQ(r.channels_size(), 2);
  EXPECT_EQ(r.channels(1).name(), "101");
  EXPECT_EQ(r.channels(0).intervals_size(), 96);
  EXPECT_EQ(r.groups_size(), 2);
}

}  // namespace
}  // namespace fccsim::model
