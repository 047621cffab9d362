// Sweep files: the grid and the listed points they expand to, and every problem of the file
// reported with its place.

#include "model/sweep/sweep_spec.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fccsim::model {
namespace {

namespace fs = std::filesystem;

class SweepSpecTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("sweep_spec_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::create_directories(dir_ / "sub");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Write(const std::string& text) {
    const fs::path path = dir_ / "sub" / "s.sweep";
    std::ofstream(path) << text;
    return path.string();
  }

  std::vector<std::string> Messages(const std::string& text) {
    LoadedSweep sweep;
    std::vector<std::string> messages;
    for (const Problem& p : LoadSweep(Write(text), {}, &sweep)) {
      messages.push_back(p.ToString().substr(p.ToString().find("s.sweep")));
    }
    return messages;
  }

  fs::path dir_;
};

TEST_F(SweepSpecTest, ExpandsTheGridFirstAxisSlowestThenTheListedPoints) {
  LoadedSweep sweep;
  const std::vector<Problem> problems =
      LoadSweep(Write(R"pb(
                  base: "../base.textproto"
                  set: "horizon.warm_up_hours=2"
                  axes {
                    path: "horizon.days"
                    values: [ "1", "2" ]
                    name: "days"
                  }
                  axes {
                    path: "roster.shifts[name=\"late\"].headcount"
                    values: [ "3", "4", "5" ]
                  }
                  points { label: "calm" set: "channels[0].arrivals.daily_volume_cv=0" }
                )pb"),
                {"roster.shrinkage=0.1"}, &sweep);
  ASSERT_TRUE(problems.empty()) << problems.front().ToString();
  EXPECT_EQ(sweep.base_path, (dir_ / "sub" / "../base.textproto").string());
  EXPECT_EQ(sweep.axis_names,
            (std::vector<std::string>{"days", "roster.shifts[name=\"late\"].headcount"}));
  ASSERT_EQ(sweep.points.size(), 7u);
  const std::string late = "roster.shifts[name=\"late\"].headcount";
  EXPECT_EQ(sweep.points[0].label, "days=1, " + late + "=3");
  EXPECT_EQ(sweep.points[1].values, (std::vector<std::string>{"1", "4"}));
  EXPECT_EQ(sweep.points[3].values, (std::vector<std::string>{"2", "3"}));
  EXPECT_EQ(sweep.points[5].overrides,
            (std::vector<std::string>{"horizon.warm_up_hours=2", "roster.shrinkage=0.1",
                                      "horizon.days=2", late + "=5"}));
  EXPECT_EQ(sweep.points[6].label, "calm");
  EXPECT_TRUE(sweep.points[6].values.empty());
  EXPECT_EQ(sweep.points[6].overrides,
            (std::vector<std::string>{"horizon.warm_up_hours=2", "roster.shrinkage=0.1",
                                      "channels[0].arrivals.daily_volume_cv=0"}));
}

TEST_F(SweepSpecTest, ReportsEveryProblemWithItsPlace) {
  EXPECT_EQ(Messages("base: \"b\"\naxes { path: \"horizon.days\" }\n"
                     "axes { path: \"\" values: \"1\" name: \"horizon.days\" }\n"
                     "set: \"run.seed\"\npoints { set: \"x=1\" }\n"),
            (std::vector<std::string>{
                "s.sweep:4:1: set[0]: expected PATH=VALUE (got \"run.seed\")",
                "s.sweep:2:1: axes[0].values: at least one value",
                "s.sweep:3:1: axes[1].path: a field path is required",
                "s.sweep:3:1: axes[1]: two axes are named \"horizon.days\" (give one a name)",
                "s.sweep:5:1: points[0].label: a label is required"}));
  EXPECT_EQ(Messages("axes { path: \"a\" values: \"1\" }"),
            (std::vector<std::string>{"s.sweep: base: the base scenario file is required"}));
  EXPECT_EQ(Messages("base: \"b\""),
            (std::vector<std::string>{"s.sweep: no point to run: give axes or points"}));
  EXPECT_EQ(Messages("base: \"b\" axis { path: \"a\" }"),
            (std::vector<std::string>{"s.sweep:1:16: Message type \"fccsim.Sweep\" has no field "
                                      "named \"axis\" (did you mean \"axes\"?)"}));
  EXPECT_EQ(Messages("base: \"b\" points { label: \"x\" } replications: 0"),
            (std::vector<std::string>{"s.sweep: replications: must be from 1 to 1000000 (got 0)"}));
}

TEST_F(SweepSpecTest, RefusesPerPointSeedsAndReplicationsAndAxesNamedLikeColumns) {
  const std::string run =
      "every point runs with the sweep's seed and replications: set them with the sweep's "
      "`seed` and `replications` (or --seed, --replications), not per point";
  EXPECT_EQ(Messages("base: \"b\"\naxes { path: \"run.seed\" values: \"1\" }\n"
                     "points { label: \"x\" set: \"run.replications=3\" }\n"
                     "axes { path: \"horizon.days\" values: \"1\" name: \"service_level\" }\n"),
            (std::vector<std::string>{
                "s.sweep:2:1: axes[0].path: " + run,
                "s.sweep:4:1: axes[1].name: \"service_level\" names a column of the tables "
                "already: give the axis another name",
                "s.sweep:3:1: points[0].set[0]: " + run}));
  LoadedSweep sweep;
  const std::vector<Problem> problems =
      LoadSweep(Write("base: \"b\" points { label: \"x\" }"), {"run.seed=2"}, &sweep);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].ToString(), "--set run.seed=2: " + run);
}

TEST_F(SweepSpecTest, RefusesMoreThanTenThousandPointsWithoutExpandingThem) {
  std::string values;
  for (int i = 0; i < 1000; ++i) values += (i ? ", \"" : "\"") + std::to_string(i) + "\"";
  std::string text = "base: \"b\"\n";
  for (int a = 0; a < 4; ++a) {
    text += "axes { path: \"p" + std::to_string(a) + "\" values: [" + values + "] }\n";
  }
  const std::vector<std::string> messages = Messages(text);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("the sweep has 1000000000000 points; at most 10000"),
            std::string::npos);
}

TEST_F(SweepSpecTest, CountsAGridTooBigForAnyNumberWithoutOverflowing) {
  // Axes of two values each: 63 give 2^63 points (beyond a long long) and a listed point
  // more; 64 give 2^64, more than 64 bits count, as 1100 would more than a double.
  const auto axes = [](int n, bool listed) {
    std::string text = "base: \"b\"\n";
    for (int a = 0; a < n; ++a) {
      text += "axes { path: \"p" + std::to_string(a) + "\" values: [\"1\", \"2\"] }\n";
    }
    return text + (listed ? "points { label: \"x\" }\n" : "");
  };
  std::vector<std::string> messages = Messages(axes(63, true));
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_NE(messages[0].find("the sweep has 9223372036854775809 points; at most 10000"),
            std::string::npos)
      << messages[0];
  for (const int n : {64, 1100}) {
    messages = Messages(axes(n, false));
    ASSERT_EQ(messages.size(), 1u) << n;
    EXPECT_NE(messages[0].find("the sweep has more than 10^19 points; at most 10000"),
              std::string::npos)
        << messages[0];
  }
}

TEST_F(SweepSpecTest, AMissingOrBinaryFileIsAProblemNotACrash) {
  LoadedSweep sweep;
  const std::vector<Problem> missing = LoadSweep((dir_ / "none.sweep").string(), {}, &sweep);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_NE(missing[0].message.find("cannot read the sweep"), std::string::npos);
  EXPECT_FALSE(Messages(std::string("base: \"\xff\"")).empty());
}

}  // namespace
}  // namespace fccsim::model
