// Comparisons on common random numbers: the same callers in every scenario, differences of
// exactly zero for a variant equal to the base, paired intervals narrower than unpaired ones,
// estimates equal to those of separate runs, and the same bytes whatever the thread count.

#include "model/compare/compare_run.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <tuple>
#include <vector>

#include "model/centre/centre_model.h"
#include "model/centre/centre_run.h"
#include "model/centre/demand.h"
#include "model/scenario/model_spec.h"
#include "model/scenario/scenario_loader.h"

namespace fccsim::model {
namespace {

const std::string kBaseline = FCCSIM_SOURCE_DIR "/scenarios/gmp_baseline.textproto";
const std::string kTwoMoreLate = "roster.shifts[name=\"999 late 1\"].headcount=5";

LoadedScenario Load(const std::vector<std::string>& overrides) {
  LoadedScenario loaded;
  const std::vector<Problem> problems = LoadScenario(kBaseline, &loaded, 6, overrides);
  EXPECT_FALSE(HasErrors(problems));
  return loaded;
}

CompareOptions Options(unsigned threads = 2) {
  CompareOptions options;
  options.replications = 6;
  options.seed = 3;
  options.threads = threads;
  return options;
}

// Every Difference of a channel's or group's differences, in field order.
std::vector<const fccsim::Difference*> All(const google::protobuf::Message& m) {
  std::vector<const fccsim::Difference*> all;
  const google::protobuf::Descriptor* d = m.GetDescriptor();
  for (int i = 0; i < d->field_count(); ++i) {
    all.push_back(
        static_cast<const fccsim::Difference*>(&m.GetReflection()->GetMessage(m, d->field(i))));
  }
  return all;
}

TEST(CompareRun, AStaffingChangeLeavesEveryCallerAndEveryDrawBitIdentical) {
  const LoadedScenario base = Load({}), variant = Load({kTwoMoreLate});
  const ModelSpec a = CompileScenario(base), b = CompileScenario(variant);
  ASSERT_NE(a.shifts.size(), 0u);
  for (std::uint64_t r = 0; r < 2; ++r) {
    // Arrivals as the simulation saw them, from its trace: time, contact and channel.
    std::vector<std::string> trace_a, trace_b;
    ReplicationMeasures ma, mb;
    SimulateCentre(a, 3, r, &ma, &trace_a);
    SimulateCentre(b, 3, r, &mb, &trace_b);
    const auto arrivals = [](const std::vector<std::string>& trace) {
      std::vector<std::string> lines;
      for (const std::string& line : trace) {
        if (line.find(" arrive ") != std::string::npos) {
          lines.push_back(line.substr(0, line.find(" -> ")));
        }
      }
      return lines;
    };
    const std::vector<std::string> arrived = arrivals(trace_a);
    ASSERT_GT(arrived.size(), 10000u);
    EXPECT_EQ(arrived, arrivals(trace_b));
    EXPECT_NE(trace_a, trace_b);  // the staffing did change what happened to them
    // Every caller's patience and handling time, drawn for the same keys.
    Demand da(a, 3, r), db(b, 3, r);
    ASSERT_EQ(da.processes(), db.processes());
    for (int p = 0; p < da.processes(); ++p) {
      const int c = da.ChannelOf(p);
      for (sim::Time t = da.Advance(p); t != Demand::kNoArrival; t = da.Advance(p)) {
        ASSERT_EQ(db.Advance(p), t);
        ASSERT_EQ(da.Patience(c, da.Key(p)), db.Patience(c, db.Key(p)));
        ASSERT_EQ(da.Handling(c, da.Key(p)), db.Handling(c, db.Key(p)));
      }
      EXPECT_EQ(db.Advance(p), Demand::kNoArrival);
    }
  }
}

TEST(CompareRun, AVariantEqualToTheBaseDiffersByExactlyZeroEverywhere) {
  // The same scenario reached another way: an override setting what the file has.
  const LoadedScenario base = Load({}), same = Load({"horizon.days=7"});
  const fccsim::ComparisonResult result =
      RunComparison({"base", &base}, {{"same", &same}}, Options());
  ASSERT_EQ(result.variants_size(), 1);
  const fccsim::VariantComparison& v = result.variants(0);
  ASSERT_EQ(v.channels_size(), 2);
  ASSERT_EQ(v.groups_size(), 3);
  int checked = 0;
  const auto zero = [&checked](const google::protobuf::Message& m) {
    for (const fccsim::Difference* d : All(m)) {
      if (std::isnan(d->base())) continue;  // nothing to judge in this interval
      ASSERT_EQ(d->difference(), 0.0);
      ASSERT_EQ(d->ci95_half_width(), 0.0);
      ASSERT_FALSE(d->significant());
      ++checked;
    }
  };
  for (const auto& c : v.channels()) {
    zero(c.overall());
    for (const auto& row : c.intervals()) zero(row.differences());
  }
  for (const auto& g : v.groups()) {
    zero(g.overall());
    for (const auto& row : g.intervals()) zero(row.differences());
  }
  EXPECT_GT(checked, 10000);
}

TEST(CompareRun, PairingNarrowsTheIntervalOfAStaffingChange) {
  const LoadedScenario base = Load({}), variant = Load({kTwoMoreLate});
  const fccsim::ComparisonResult result =
      RunComparison({"base", &base}, {{"more", &variant}}, Options());
  const fccsim::ChannelDifferences& overall = result.variants(0).channels(0).overall();
  ASSERT_EQ(result.variants(0).channels(0).name(), "999");
  // Two more handlers on the 999 late shift: a better 999 service level, measured far more
  // sharply on common random numbers than independent runs could.
  const fccsim::Difference& level = overall.service_level();
  EXPECT_GT(level.difference(), 0);
  EXPECT_TRUE(level.significant());
  EXPECT_LT(level.ci95_half_width(), 0.5 * level.unpaired_ci95_half_width());
  // The callers are the same, so the offered counts differ by exactly nothing.
  EXPECT_EQ(overall.offered().difference(), 0.0);
  EXPECT_EQ(overall.offered().ci95_half_width(), 0.0);
  EXPECT_GT(overall.offered().unpaired_ci95_half_width(), 0);
  // Interval by interval too, wherever the change made a difference (not in every one: an
  // interval where one replication alone changed can have the wider paired interval).
  int narrower = 0, differing = 0;
  double paired = 0, unpaired = 0;
  for (const auto& row : result.variants(0).channels(0).intervals()) {
    const fccsim::Difference& d = row.differences().average_answer_s();
    if (!d.has_ci95_half_width() || d.difference() == 0) continue;
    ++differing;
    narrower += d.ci95_half_width() < d.unpaired_ci95_half_width();
    paired += d.ci95_half_width();
    unpaired += d.unpaired_ci95_half_width();
  }
  EXPECT_GT(differing, 100);
  EXPECT_GT(narrower, differing / 2);
  EXPECT_LT(paired, 0.5 * unpaired) << paired << " vs " << unpaired;
}

TEST(CompareRun, EstimatesAreThoseOfSeparateRunsOnTheSameSeed) {
  const LoadedScenario base = Load({}), variant = Load({kTwoMoreLate});
  const fccsim::ComparisonResult result =
      RunComparison({"base", &base}, {{"more", &variant}}, Options());
  RunOptions run;
  run.replications = 6;
  run.seed = 3;
  const RunOutcome alone_base = RunScenario(base, run);
  const RunOutcome alone_variant = RunScenario(variant, run);
  for (int c = 0; c < 2; ++c) {
    const fccsim::ChannelDifferences& d = result.variants(0).channels(c).overall();
    const fccsim::ChannelSummary b = alone_base.ChannelHead(c).summary();
    const fccsim::ChannelSummary v = alone_variant.ChannelHead(c).summary();
    EXPECT_DOUBLE_EQ(d.service_level().base(), b.service_level().mean());
    EXPECT_DOUBLE_EQ(d.service_level().variant(), v.service_level().mean());
    EXPECT_DOUBLE_EQ(d.average_answer_s().base(), b.average_answer_s().mean());
    EXPECT_DOUBLE_EQ(d.average_answer_s().variant(), v.average_answer_s().mean());
    EXPECT_DOUBLE_EQ(d.abandoned_fraction().variant(), v.abandoned_fraction().mean());
    EXPECT_DOUBLE_EQ(d.answered().variant(), v.answered().mean());
  }
  const fccsim::GroupDifferences& g = result.variants(0).groups(0).overall();
  EXPECT_DOUBLE_EQ(g.occupancy().variant(), alone_variant.GroupHead(0).occupancy().mean());
}

TEST(CompareRun, AChannelWithAnAsaTargetAloneHasNoServiceLevel) {
  // As in a run's results: no threshold, so no service level to compare.
  const std::string asa_only = "channels[name=\"101\"].target={ max_average_answer_s: 60 }";
  const LoadedScenario base = Load({asa_only}), variant = Load({asa_only, kTwoMoreLate});
  const fccsim::ComparisonResult result =
      RunComparison({"base", &base}, {{"more", &variant}}, Options());
  const fccsim::ChannelComparison& c = result.variants(0).channels(1);
  ASSERT_EQ(c.name(), "101");
  EXPECT_TRUE(std::isnan(c.overall().service_level().base()));
  EXPECT_TRUE(std::isnan(c.overall().service_level().difference()));
  EXPECT_FALSE(c.overall().service_level().significant());
  EXPECT_FALSE(std::isnan(c.overall().average_answer_s().difference()));
  // The scenarios are recorded as run: with the comparison's seed and replications.
  EXPECT_EQ(result.variants(0).variant().scenario().run().seed(), 3u);
  EXPECT_EQ(result.base().scenario().run().replications(), 6u);
}

TEST(CompareRun, TheSameBytesWhateverTheThreadCount) {
  const LoadedScenario base = Load({}), variant = Load({kTwoMoreLate}),
                       other = Load({"channels[name=\"101\"].arrivals.daily_volume_cv=0.2"});
  const std::vector<ComparedInput> variants = {{"more", &variant}, {"busier", &other}};
  const std::string one = RunComparison({"base", &base}, variants, Options(1)).SerializeAsString();
  EXPECT_EQ(one, RunComparison({"base", &base}, variants, Options(3)).SerializeAsString());
}

TEST(CompareRun, RefusesVariantsOnAnotherReportingGrid) {
  const LoadedScenario base = Load({}), shorter = Load({"horizon.days=3"}),
                       later = Load({"horizon.start_weekday=TUESDAY"});
  EXPECT_EQ(ComparisonProblem({"base", &base}, {{"same", &base}}), "");
  EXPECT_NE(ComparisonProblem({"base", &base}, {{"shorter", &shorter}}).find("3 days"),
            std::string::npos);
  EXPECT_NE(ComparisonProblem({"base", &base}, {{"later", &later}}).find("Tuesday"),
            std::string::npos);
}

}  // namespace
}  // namespace fccsim::model
