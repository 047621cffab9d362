#include "model/centre/centre_run.h"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

#include "model/centre/centre_model.h"
#include "model/results/results_io.h"
#include "tests/model/test_scenario.h"

namespace fccsim::model {
namespace {

RunOptions Options(std::uint32_t replications, unsigned threads, std::uint64_t seed) {
  RunOptions options;
  options.replications = replications;
  options.threads = threads;
  options.seed = seed;
  return options;
}

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

std::string Serialized(const google::protobuf::Message& r) {
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
  const std::string one = Serialized(BuildRunResult(RunScenario(loaded, Options(7, 1, 99))));
  EXPECT_EQ(Serialized(BuildRunResult(RunScenario(loaded, Options(7, 2, 99)))), one);
  EXPECT_EQ(Serialized(BuildRunResult(RunScenario(loaded, Options(7, 5, 99)))), one);
  EXPECT_NE(Serialized(BuildRunResult(RunScenario(loaded, Options(7, 2, 100)))), one);  // the seed matters
}

TEST(CentreRun, ResultCarriesTheScenarioSeedAndVersion) {
  const LoadedScenario loaded = MakeTestScenario(kTwoChannels, {15, 20});
  const fccsim::RunResult r = BuildRunResult(RunScenario(loaded, Options(3, 2, 42)));
  EXPECT_EQ(r.seed(), 42u);
  EXPECT_EQ(r.replications(), 3u);
  EXPECT_EQ(r.scenario().name(), "threads");
  EXPECT_FALSE(r.software_version().empty());
  ASSERT_EQ(r.channels_size(), 2);
  EXPECT_EQ(r.channels(1).name(), "101");
  EXPECT_EQ(r.channels(0).intervals_size(), 96);
  EXPECT_EQ(r.groups_size(), 2);
}

constexpr char kSingleQueue[] = R"pb(
  horizon { days: 2 interval_minutes: 15 warm_up_hours: 2 }
  channels { name: "calls" priority: 1 talk { exponential { mean_s: 240 } }
             target { answer_within_s: 20 fraction: 0.8 } }
  groups { name: "all" skills: "calls" }
  roster { shifts { group: "all" start: "00:00" length_minutes: 1440 headcount: 50 } }
)pb";

TEST(CentreRun, ConfidenceIntervalsOnlyWithReplications) {
  const LoadedScenario loaded = MakeTestScenario(kSingleQueue, {150});
  const fccsim::RunResult one = BuildRunResult(RunScenario(loaded, Options(1, 1, 3)));
  const fccsim::RunResult three = BuildRunResult(RunScenario(loaded, Options(3, 2, 3)));
  EXPECT_FALSE(one.channels(0).summary().service_level().has_ci95_half_width());
  EXPECT_EQ(one.channels(0).summary().target_verdict(), fccsim::TARGET_NOT_SETTLED)
      << "one replication settles nothing";
  EXPECT_TRUE(three.channels(0).summary().service_level().has_ci95_half_width());
  EXPECT_EQ(three.channels(0).intervals_size(), 2 * 96);
  EXPECT_EQ(three.groups(0).intervals_size(), 2 * 96);
  EXPECT_EQ(three.channels(0).replications_size(), 3);
  // 50 on duty, plus the leaving shift finishing its calls at each midnight: about 40 busy
  // (150 calls per 15 minutes x 240 s) with 240 s left each, once a day. The standard
  // deviation of that extra over 3 replications of 2 days is about 0.005.
  EXPECT_NEAR(three.groups(0).mean_handlers_online().mean(), 50 + 40.0 * 240 / 86400, 0.03);
}

// A run that would take more memory as it went would fail here long before a user noticed:
// the replications' measures are reduced as they finish, so a run of many replications holds
// only a few at once (checked by the runner's own tests) and the estimates hold one record
// per interval whatever the number of replications.
TEST(CentreRun, ManyReplicationsGiveTheSameResultsAsTheirEstimatesFoldedByHand) {
  const LoadedScenario loaded = MakeTestScenario(kTwoChannels, {15, 20});
  const ModelSpec spec = CompileScenario(loaded);
  RunEstimates by_hand(spec);
  for (std::uint64_t r = 0; r < 9; ++r) by_hand.Add(SimulateCentre(spec, 5, r));
  const RunOutcome run = RunScenario(loaded, Options(9, 2, 5));
  fccsim::ChannelInterval from_run, from_hand;
  run.ChannelIntervalAt(1, 40, &from_run);
  by_hand.ChannelIntervalResult(1, 40, &from_hand);
  EXPECT_EQ(Serialized(from_run), Serialized(from_hand));
  EXPECT_EQ(Serialized(run.ChannelHead(0)), Serialized(by_hand.ChannelHead(0)));
  EXPECT_EQ(Serialized(run.GroupHead(1)), Serialized(by_hand.GroupHead(1)));
}

// The results file is written piece by piece, each row built twice (once to learn lengths):
// its bytes must be those of the whole message, every row built once.
TEST(CentreRun, TheStreamedResultsFileHoldsTheWholeMessage) {
  const LoadedScenario loaded = MakeTestScenario(kTwoChannels, {15, 20});
  const RunOutcome run = RunScenario(loaded, Options(4, 2, 8));
  fccsim::RunResult whole = BuildRunResult(run);
  whole.set_complete(kResultsCompleteMarker);
  // All rows buffered; a few; none (every row built twice).
  for (std::size_t buffer_bytes : {kDefaultResultBufferBytes, std::size_t{3000}, std::size_t{0}}) {
    for (unsigned threads : {1u, 3u}) {
      const std::string path = ::testing::TempDir() + "centre_run_streamed.pb";
      std::string error;
      ASSERT_TRUE(WriteResults(run, path, &error, buffer_bytes, threads)) << error;
      std::ifstream in(path, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      EXPECT_EQ(bytes, Serialized(whole)) << buffer_bytes << " " << threads;
      std::remove(path.c_str());
    }
  }
}

// The ratio estimator where the answer is known and the mean of ratios is biased: one handler,
// free at 06:00, and calls arriving only between 06:00 and 06:15, N ~ Poisson(1.5) of them,
// each taking 20 minutes. The first is answered at once, the others wait longer than 10 s.
// A caller of that interval is answered within 10 s with probability E[1{N >= 1}] / E[N] =
// (1 - e^-1.5) / 1.5 = 0.5179 (the share of calls, pooled over days). The mean over days of
// each day's share, 1/N, is E[1/N | N >= 1] = 0.6657: what averaging per-replication ratios
// (and dropping the days without a call) would report.
TEST(CentreRun, TheServiceLevelOfASparseIntervalIsTheShareOfAllItsCalls) {
  constexpr char kSparse[] = R"pb(
    horizon { days: 1 interval_minutes: 15 }
    channels { name: "c" talk { deterministic_s: 1200 } target { answer_within_s: 10 fraction: 0.8 } }
    groups { name: "g" skills: "c" }
    roster { shifts { group: "g" start: "00:00" length_minutes: 1440 headcount: 1 } }
  )pb";
  LoadedScenario loaded = MakeTestScenario(kSparse, {0});
  for (int day = 0; day < 7; ++day) loaded.weekly_volume[0][static_cast<std::size_t>(day * 96 + 24)] = 1.5;
  const RunOutcome run = RunScenario(loaded, Options(1000, 2, 17));
  fccsim::ChannelInterval six;
  run.ChannelIntervalAt(0, 24, &six);
  const double exact = (1 - std::exp(-1.5)) / 1.5;
  const double biased = 0.6657;
  ASSERT_TRUE(six.service_level().has_ci95_half_width());
  // 99.9% two-sided: the 95% half width scaled by z(0.9995) / z(0.975) = 3.2905 / 1.9600.
  const double tolerance = six.service_level().ci95_half_width() * 3.2905 / 1.9600;
  EXPECT_NEAR(six.service_level().mean(), exact, tolerance);
  EXPECT_GT(std::abs(six.service_level().mean() - biased), 3 * tolerance) << "far outside";
  EXPECT_NEAR(six.offered().mean(), 1.5, 6 * std::sqrt(1.5 / 1000));
}

}  // namespace
}  // namespace fccsim::model
