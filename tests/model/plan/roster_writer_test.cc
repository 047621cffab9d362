// The planned scenario's weekly headcount table: each time of the week the horizon reaches
// takes its staffing (the most of its weeks), the others the staffing of the same time on
// day 0, as the search's warm-up did.

#include "model/plan/roster_writer.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "model/scenario/model_spec.h"
#include "tests/model/test_scenario.h"

namespace fccsim::model {
namespace {

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Scenario(int days) {
  return R"pb(
    name: "two groups"
    horizon { days: )pb" + std::to_string(days) + R"pb( interval_minutes: 360 }
    channels { name: "calls" talk { exponential { mean_s: 200 } }
               target { answer_within_s: 20 fraction: 0.8 } }
    groups { name: "a" skills: "calls" }
    groups { name: "b, with a comma" skills: "calls" }
    roster { shifts { group: "a" start: "00:00" length_minutes: 1440 headcount: 3 }
             shrinkage: 0.3 }
  )pb";
}

class RosterWriter : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fccsim_roster_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(RosterWriter, AShortHorizonFillsTheRestOfTheWeekFromDayZero) {
  const LoadedScenario loaded = MakeTestScenario(Scenario(2), {10});
  const ModelSpec spec = CompileScenario(loaded);
  // 4 intervals a day, 2 days: group a has 10 + k, group b 20 + k in interval k.
  std::vector<std::vector<int>> on_duty(2);
  for (int k = 0; k < 8; ++k) {
    on_duty[0].push_back(10 + k);
    on_duty[1].push_back(20 + k);
  }
  OutputSet files;
  std::string error;
  ASSERT_TRUE(WritePlannedScenario(loaded, spec, on_duty, dir_.string(), &files, &error)) << error;
  ASSERT_TRUE(files.Commit(&error)) << error;
  const std::vector<std::string> table = Lines((dir_ / "planned_headcount.csv").string());
  ASSERT_EQ(table.size(), 1u + 7 * 4);
  EXPECT_EQ(table[0], "weekday,start,a,\"b, with a comma\"");
  EXPECT_EQ(table[1], "Mon,00:00,10,20");
  EXPECT_EQ(table[4], "Mon,18:00,13,23");
  EXPECT_EQ(table[5], "Tue,00:00,14,24");
  EXPECT_EQ(table[9], "Wed,00:00,10,20") << "not reached: day 0's time";
  EXPECT_EQ(table[28], "Sun,18:00,13,23");
  std::ifstream in(dir_ / "planned.textproto");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("headcount_csv: \"planned_headcount.csv\""), std::string::npos);
  EXPECT_EQ(text.str().find("shifts"), std::string::npos) << "the roster is the table alone";
  EXPECT_EQ(text.str().find("shrinkage"), std::string::npos) << "nobody absent (0 by default)";
}

TEST_F(RosterWriter, ALongHorizonTakesTheMostOfItsWeeks) {
  const LoadedScenario loaded = MakeTestScenario(Scenario(8), {10});
  const ModelSpec spec = CompileScenario(loaded);
  std::vector<std::vector<int>> on_duty(2, std::vector<int>(32, 5));
  on_duty[0][28] = 9;  // day 7 (Monday again) 00:00
  on_duty[1][1] = 7;   // day 0 06:00
  OutputSet files;
  std::string error;
  ASSERT_TRUE(WritePlannedScenario(loaded, spec, on_duty, dir_.string(), &files, &error)) << error;
  ASSERT_TRUE(files.Commit(&error)) << error;
  const std::vector<std::string> table = Lines((dir_ / "planned_headcount.csv").string());
  EXPECT_EQ(table[1], "Mon,00:00,9,5");
  EXPECT_EQ(table[2], "Mon,06:00,5,7");
}

}  // namespace
}  // namespace fccsim::model
