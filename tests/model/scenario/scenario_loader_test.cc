#include "model/scenario/scenario_loader.h"

#include <filesystem>
#include <fstream>
#include <numeric>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace fccsim::model {
namespace {

const std::string kDataDir = FCCSIM_SOURCE_DIR "/tests/data/loader/";

// The problems as the user reads them, with `dir` cut from the front of each file name so the
// expectations are literal.
std::vector<std::string> Strings(const std::vector<Problem>& problems, const std::string& dir) {
  std::vector<std::string> strings;
  for (const Problem& p : problems) {
    std::string s = p.ToString();
    if (s.starts_with(dir)) s.erase(0, dir.size());
    strings.push_back(s);
  }
  return strings;
}

// A fresh folder for this test's files.
std::string TestDir() {
  const std::string dir = ::testing::TempDir() + "fccsim_loader_" +
                          ::testing::UnitTest::GetInstance()->current_test_info()->name() + "/";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void WriteFile(const std::string& path, const std::string& contents) {
  std::ofstream file(path, std::ios::binary);
  file << contents;
  ASSERT_TRUE(file.good()) << path;
}

// Enough of a scenario to be valid, for tests that vary one part. `channel_extra` goes inside
// the one channel, `rest` at the end.
std::string MinimalScenario(const std::string& channel_extra, const std::string& rest) {
  return "horizon { days: 1 interval_minutes: 360 }\n"
         "channels {\n"
         "  name: \"999\"\n"
         "  talk { exponential { mean_s: 60 } }\n"
         "  target { answer_within_s: 10 fraction: 0.9 }\n" +
         channel_extra + "}\n" + rest;
}

TEST(ScenarioLoader, LoadsAValidScenarioAndAppliesDefaults) {
  LoadedScenario loaded;
  const std::string path = kDataDir + "good_weekly.textproto";
  const std::vector<Problem> problems = LoadScenario(path, &loaded);
  ASSERT_FALSE(HasErrors(problems)) << ::testing::PrintToString(Strings(problems, kDataDir));
  EXPECT_EQ(loaded.path, path);
  const fccsim::Scenario& s = loaded.scenario;
  EXPECT_EQ(s.name(), "good weekly");
  EXPECT_EQ(s.horizon().start_weekday(), fccsim::MONDAY);
  EXPECT_EQ(s.horizon().interval_minutes(), 15u);
  EXPECT_EQ(s.horizon().days(), 7u);
  EXPECT_EQ(s.run().replications(), 10u);
  EXPECT_EQ(s.run().seed(), 1u);
  EXPECT_EQ(loaded.intervals_per_day, 96);
  ASSERT_EQ(loaded.weekly_volume.size(), 2u);
  EXPECT_TRUE(loaded.weekly_headcount.empty());  // shifts only
  EXPECT_EQ(s.roster().shifts_size(), 3);
}

TEST(ScenarioLoader, KeepsWhatTheScenarioSetsOverTheDefaults) {
  LoadedScenario loaded;
  const std::vector<Problem> problems = LoadScenario(kDataDir + "good_table.textproto", &loaded);
  ASSERT_FALSE(HasErrors(problems)) << ::testing::PrintToString(Strings(problems, kDataDir));
  const fccsim::Scenario& s = loaded.scenario;
  EXPECT_EQ(s.horizon().start_weekday(), fccsim::SATURDAY);
  EXPECT_EQ(s.horizon().interval_minutes(), 360u);
  EXPECT_EQ(s.run().replications(), 3u);
  EXPECT_EQ(s.run().seed(), 42u);
  EXPECT_EQ(loaded.intervals_per_day, 4);
  // The table's column defaults to "calls_" + the channel name; a column given is kept.
  EXPECT_EQ(s.channels(1).arrivals().table().column(), "calls_101");
  EXPECT_EQ(s.channels(2).arrivals().table().column(), "chats");
}

TEST(ScenarioLoader, WeeklyShapeSplitsTheWeekByWeekdayAndIntradayShares) {
  LoadedScenario loaded;
  ASSERT_FALSE(HasErrors(LoadScenario(kDataDir + "good_weekly.textproto", &loaded)));
  // 999: 7000 a week, weekday weights 2,1,1,1,1,1,0 (sum 7), flat over 96 intervals.
  const std::vector<double>& v999 = loaded.weekly_volume[0];
  ASSERT_EQ(v999.size(), 7u * 96u);
  EXPECT_DOUBLE_EQ(v999[0], 2000.0 / 96);            // Monday 00:00
  EXPECT_DOUBLE_EQ(v999[95], 2000.0 / 96);           // Monday 23:45
  EXPECT_DOUBLE_EQ(v999[96 + 40], 1000.0 / 96);      // Tuesday 10:00
  EXPECT_DOUBLE_EQ(v999[5 * 96 + 10], 1000.0 / 96);  // Saturday 02:30
  EXPECT_EQ(v999[6 * 96 + 50], 0.0);                 // Sunday
  EXPECT_NEAR(std::accumulate(v999.begin(), v999.end(), 0.0), 7000.0, 1e-9);
  // 101: 3500 a week, no shape given: flat.
  const std::vector<double>& v101 = loaded.weekly_volume[1];
  ASSERT_EQ(v101.size(), 7u * 96u);
  for (double v : v101) ASSERT_DOUBLE_EQ(v, 3500.0 / (7 * 96));

  // 999 of good_table: 5600 a week, equal weekdays (800 a day), intraday 1,2,3,2 of 8.
  ASSERT_FALSE(HasErrors(LoadScenario(kDataDir + "good_table.textproto", &loaded)));
  const std::vector<double>& shaped = loaded.weekly_volume[0];
  ASSERT_EQ(shaped.size(), 28u);
  for (int d = 0; d < 7; ++d) {
    EXPECT_DOUBLE_EQ(shaped[d * 4 + 0], 100.0) << d;
    EXPECT_DOUBLE_EQ(shaped[d * 4 + 1], 200.0) << d;
    EXPECT_DOUBLE_EQ(shaped[d * 4 + 2], 300.0) << d;
    EXPECT_DOUBLE_EQ(shaped[d * 4 + 3], 200.0) << d;
  }
}

TEST(ScenarioLoader, IntervalTableVolumesMatchTheCsv) {
  LoadedScenario loaded;
  ASSERT_FALSE(HasErrors(LoadScenario(kDataDir + "good_table.textproto", &loaded)));
  ASSERT_EQ(loaded.weekly_volume.size(), 3u);
  // good_arrivals.csv: calls_101 = 10 * (weekday + 1) + interval, chats = interval / 2, with
  // weekdays spelt several ways, comments, blank lines and a quoted Thursday.
  const std::vector<double>& calls = loaded.weekly_volume[1];
  const std::vector<double>& chats = loaded.weekly_volume[2];
  ASSERT_EQ(calls.size(), 28u);
  ASSERT_EQ(chats.size(), 28u);
  for (int d = 0; d < 7; ++d) {
    for (int i = 0; i < 4; ++i) {
      EXPECT_EQ(calls[d * 4 + i], 10.0 * (d + 1) + i) << d << " " << i;
      EXPECT_EQ(chats[d * 4 + i], i / 2.0) << d << " " << i;
    }
  }
}

TEST(ScenarioLoader, HeadcountCsvGivesHandlersPerIntervalForEachGroup) {
  LoadedScenario loaded;
  ASSERT_FALSE(HasErrors(LoadScenario(kDataDir + "good_table.textproto", &loaded)));
  // good_headcount.csv: call handlers = 4 + weekday + interval, digital desk = interval % 2.
  ASSERT_EQ(loaded.weekly_headcount.size(), 2u);
  for (int d = 0; d < 7; ++d) {
    for (int i = 0; i < 4; ++i) {
      EXPECT_EQ(loaded.weekly_headcount[0][d * 4 + i], 4 + d + i);
      EXPECT_EQ(loaded.weekly_headcount[1][d * 4 + i], i % 2);
    }
  }
}

TEST(ScenarioLoader, ReportsEveryProblemOfABadScenarioAtItsLineAndColumn) {
  LoadedScenario loaded;
  const std::vector<Problem> problems = LoadScenario(kDataDir + "bad.textproto", &loaded);
  EXPECT_EQ(
      Strings(problems, kDataDir),
      (std::vector<std::string>{
          "bad.textproto:5:3: horizon.start_weekday: must be one of MONDAY..SUNDAY (got 9)",
          "bad.textproto:8:3: horizon.warm_up_hours: must be a finite number (got nan)",
          "bad.textproto:13:14: channels[0].arrivals.weekly.contacts_per_week: must be a finite "
          "number (got inf)",
          "bad.textproto:13:39: channels[0].arrivals.weekly.weekday_weights: must have 0 or 7 "
          "values (one per weekday, Monday first) (got 3)",
          "bad.textproto:14:14: channels[0].arrivals.surges[0].day: must be < horizon.days = 2 "
          "(got 2)",
          "bad.textproto:14:21: channels[0].arrivals.surges[0].start: not a time HH:MM (got "
          "\"25:00\")",
          "bad.textproto:14:57: channels[0].arrivals.surges[0].multiplier: must be >= 0 (got -2)",
          "bad.textproto:16:34: channels[0].talk.lognormal.cv: must be >= 0 (got -0.5)",
          "bad.textproto:17:32: channels[0].target.fraction: must be in (0, 1] (got 1.5)",
          "bad.textproto:18:3: channels[0].short_abandon_s: must be >= 0 (got -30)",
          "bad.textproto:23:24: channels[1].talk.exponential.mean_s: must be a finite number "
          "(got nan)",
          "bad.textproto:24:3: channels[1].wrap_up: no distribution set (give one of "
          "deterministic_s, exponential, lognormal, gamma, erlang, weibull, uniform, empirical)",
          "bad.textproto:30:20: channels[2].talk.uniform.min_s: must be >= 0 (got -5)",
          "bad.textproto:34:3: channels[3].name: duplicate channel name \"999\" (also "
          "channels[0])",
          "bad.textproto:35:3: channels[3].arrivals: no volume (give table or weekly)",
          // Absent: placed at the channel that lacks it.
          "bad.textproto:33:1: channels[3].talk: required",
          "bad.textproto:36:3: channels[3].target: sets no target (give answer_within_s and "
          "fraction, or max_average_answer_s)",
          "bad.textproto:38:32: groups[0].skills[2]: no channel named \"998\" (did you mean \"999\"?)",
          "bad.textproto:27:1: channels[2]: channel nobody can answer (no group has \"chat\" "
          "among its skills)",
          "bad.textproto:42:3: roster.shrinkage: must be in [0, 1) (got 1)",
          // `weekdays: [MONDAY, 12]` records one location for the list: its first element's.
          "bad.textproto:48:5: roster.shifts[0].weekdays[1]: must be one of MONDAY..SUNDAY "
          "(got 12)",
          "bad.textproto:49:5: roster.shifts[0].breaks[0]: ends after the shift (after_minutes "
          "470 + length_minutes 30 > 480)",
          "bad.textproto:51:12: roster.shifts[1].group: no handler group named \"digtal\" (did you mean \"digital\"?)",
          "bad.textproto:51:28: roster.shifts[1].start: not a time HH:MM (got \"7am\")",
          "bad.textproto:51:41: roster.shifts[1].length_minutes: must be <= 1440 (24 hours) (got "
          "1500)",
          "bad_arrivals.csv:14: duplicate row for Wed 06:00 (first at line 11)",
          "bad_arrivals.csv:8: no row for Tue 12:00, which would follow Tue 06:00 (this line)",
          "bad_arrivals.csv:4: likely cause: numbers written with a decimal comma (12,5): write a "
          "point (12.5)",
          "bad_arrivals.csv:4: column \"calls_101\": not a number (\"12,5\")",
          "bad.textproto:29:22: channels[2].arrivals.table.csv: cannot read \"missing.csv\" (No "
          "such file or directory)",
          "bad.textproto:39:1: groups[1]: group never staffed (no shift with headcount > 0)",
          "bad.textproto:40:1: groups[2]: group never staffed (no shift with headcount > 0)",
      }));
  EXPECT_TRUE(loaded.path.empty()) << "the output is left alone when there are problems";
  EXPECT_TRUE(loaded.weekly_volume.empty());
}

TEST(ScenarioLoader, ReportsASyntaxErrorAtItsLineAndColumn) {
  LoadedScenario loaded;
  // length_minutes is unsigned: the parser itself refuses -30.
  EXPECT_EQ(Strings(LoadScenario(kDataDir + "syntax_error.textproto", &loaded), kDataDir),
            (std::vector<std::string>{"syntax_error.textproto:3:54: Expected integer, got: -"}));
}

TEST(ScenarioLoader, ReportsEverySyntaxErrorTheParserFinds) {
  const std::string dir = TestDir();
  WriteFile(dir + "s.textproto",
            "name: \"a\\q\"\n"
            "description: \"b\\z\"\n"
            "horizon { days: 1 }\n"
            "colour: 1\n");
  LoadedScenario loaded;
  EXPECT_EQ(Strings(LoadScenario(dir + "s.textproto", &loaded), dir),
            (std::vector<std::string>{
                "s.textproto:1:10: Invalid escape sequence in string literal.",
                "s.textproto:2:17: Invalid escape sequence in string literal.",
                "s.textproto:4:7: Message type \"fccsim.Scenario\" has no field named \"colour\".",
            }));
}

TEST(ScenarioLoader, ReportsAnEmptyOrMissingFile) {
  LoadedScenario loaded;
  EXPECT_EQ(Strings(LoadScenario(kDataDir + "empty.textproto", &loaded), kDataDir),
            (std::vector<std::string>{"empty.textproto: empty scenario"}));
  EXPECT_EQ(Strings(LoadScenario(kDataDir + "no_such.textproto", &loaded), kDataDir),
            (std::vector<std::string>{
                "no_such.textproto: cannot read the scenario (No such file or directory)"}));

  const std::string dir = TestDir();
  WriteFile(dir + "blank.textproto", "  \n\t\n");
  WriteFile(dir + "comments.textproto", "# just a comment\n");
  EXPECT_EQ(Strings(LoadScenario(dir + "blank.textproto", &loaded), dir),
            (std::vector<std::string>{"blank.textproto: empty scenario"}));
  EXPECT_EQ(Strings(LoadScenario(dir + "comments.textproto", &loaded), dir),
            (std::vector<std::string>{"comments.textproto: empty scenario (no fields set)"}));
  EXPECT_EQ(Strings(LoadScenario(dir, &loaded), dir),
            (std::vector<std::string>{": cannot read the scenario (a directory, not a regular file)"}));
}

TEST(ScenarioLoader, PlacesAbsentPartsAtTheEnclosingMessageOrTheFile) {
  const std::string dir = TestDir();
  WriteFile(dir + "s.textproto", "name: \"nothing much\"\nhorizon {\n  interval_minutes: 7\n}\n");
  LoadedScenario loaded;
  EXPECT_EQ(Strings(LoadScenario(dir + "s.textproto", &loaded), dir),
            (std::vector<std::string>{
                "s.textproto:2:1: horizon.days: must be >= 1 (got 0)",
                "s.textproto:3:3: horizon.interval_minutes: must divide 1440 (the minutes of a "
                "day) (got 7)",
                "s.textproto: channels: no channels (a scenario needs at least one)",
                "s.textproto: groups: no handler groups (a scenario needs at least one)",
                "s.textproto: roster: no roster (give shifts or headcount_csv)",
            }));
}

TEST(ScenarioLoader, ReportsEachBadDistributionParameterAtItsField) {
  const std::string dir = TestDir();
  WriteFile(dir + "s.textproto",
            "horizon { days: 1 }\n"
            "channels {\n"
            "  name: \"a\"\n"
            "  arrivals { weekly { contacts_per_week: 10 } }\n"
            "  talk { gamma { shape: 0 scale_s: 100 } }\n"
            "  wrap_up { erlang { k: 0 mean_s: 10 } }\n"
            "  patience { empirical { values_s: [10, -1] weights: [1] } }\n"
            "  target { answer_within_s: 10 fraction: 0.9 }\n"
            "}\n"
            "channels {\n"
            "  name: \"b\"\n"
            "  arrivals { weekly { contacts_per_week: 10 } }\n"
            "  talk { weibull { shape: 1 scale_s: 0 } }\n"
            "  wrap_up { uniform { min_s: 10 max_s: 5 } }\n"
            "  patience { lognormal { mean_s: inf cv: nan } }\n"
            "  target { answer_within_s: 10 fraction: 0 }\n"
            "}\n"
            "channels {\n"
            "  name: \"c\"\n"
            "  arrivals { weekly { contacts_per_week: 10 } }\n"
            "  talk { empirical { values_s: [1, 2] weights: [0, 0] } }\n"
            "  wrap_up { deterministic_s: -1 }\n"
            "  patience { exponential { } }\n"
            "  target { answer_within_s: 10 fraction: 1 }\n"
            "}\n"
            "groups { name: \"g\" skills: [\"a\", \"b\", \"c\"] }\n"
            "roster { shifts { group: \"g\" start: \"00:00\" length_minutes: 1440 headcount: 1 } "
            "}\n");
  LoadedScenario loaded;
  EXPECT_EQ(
      Strings(LoadScenario(dir + "s.textproto", &loaded), dir),
      (std::vector<std::string>{
          "s.textproto:5:18: channels[0].talk.gamma.shape: must be > 0 (got 0)",
          "s.textproto:6:22: channels[0].wrap_up.erlang.k: must be >= 1 (got 0)",
          "s.textproto:7:45: channels[0].patience.empirical.weights: must have as many values as "
          "values_s (2) (got 1)",
          "s.textproto:7:26: channels[0].patience.empirical.values_s[1]: must be >= 0 (got -1)",
          "s.textproto:13:29: channels[1].talk.weibull.scale_s: must be > 0 (got 0)",
          "s.textproto:14:33: channels[1].wrap_up.uniform.max_s: must be >= min_s = 10 (got 5)",
          "s.textproto:15:26: channels[1].patience.lognormal.mean_s: must be a finite number "
          "(got inf)",
          "s.textproto:15:38: channels[1].patience.lognormal.cv: must be a finite number (got "
          "nan)",
          "s.textproto:16:32: channels[1].target.fraction: must be in (0, 1] (got 0)",
          "s.textproto:21:10: channels[2].talk.empirical: the weights must sum to a finite "
          "number > 0 (got 0)",
          "s.textproto:22:13: channels[2].wrap_up.deterministic_s: must be >= 0 (got -1)",
          "s.textproto:23:14: channels[2].patience.exponential.mean_s: must be > 0 (got 0)",
      }));
}

TEST(ScenarioLoader, ReportsProblemsInArrivalTablesAtTheirLines) {
  const std::string dir = TestDir();
  WriteFile(dir + "s.textproto",
            MinimalScenario("  arrivals { table { csv: \"a.csv\" } }\n",
                            "channels {\n"
                            "  name: \"101\"\n"
                            "  arrivals { table { csv: \"a.csv\" column: \"calls101\" } }\n"
                            "  talk { exponential { mean_s: 60 } }\n"
                            "  target { answer_within_s: 10 fraction: 0.9 }\n"
                            "}\n"
                            "groups { name: \"g\" skills: [\"999\", \"101\"] }\n"
                            "roster { shifts { group: \"g\" start: \"00:00\" length_minutes: 60 "
                            "headcount: 1 } }\n"));
  WriteFile(dir + "a.csv",
            "Weekday,start,calls_999\n"
            "Mon,00:00,1\n"
            "Funday,06:00,2\n"
            "Mon,6:00,-3\n"
            "Mon,12:05,inf\n"
            "Mon,18:00,\n");
  LoadedScenario loaded;
  EXPECT_EQ(Strings(LoadScenario(dir + "s.textproto", &loaded), dir),
            (std::vector<std::string>{
                "a.csv:1: column \"weekday\": no such column (the header has: Weekday, start, "
                "calls_999) (did you mean \"Weekday\"?)",
                // The values are checked even though the rows cannot be placed in the week.
                "a.csv:4: column \"calls_999\": must be >= 0 (got -3)",
                "a.csv:5: column \"calls_999\": must be a finite number (got inf)",
                "a.csv:6: column \"calls_999\": not a number (\"\")",
                "a.csv:1: column \"calls101\": no such column, which channel \"101\" takes its "
                "arrivals from (the header has: Weekday, start, calls_999)",
            }));

  WriteFile(dir + "a.csv",
            "weekday,start,calls_999,calls101\n"
            "Mon,00:00,1,1\n"
            "Funday,06:00,2,1\n"
            "Mon,06:00,2,1\n"
            "Mon,12:05,2,1\n"
            "Mon,8h,2,1\n"
            "Tue,00:00,2,1\n");
  EXPECT_EQ(Strings(LoadScenario(dir + "s.textproto", &loaded), dir),
            (std::vector<std::string>{
                "a.csv:3: column \"weekday\": not a weekday (\"Funday\")",
                "a.csv:5: column \"start\": not the start of a 360-minute interval (got "
                "\"12:05\")",
                "a.csv:6: column \"start\": not a time HH:MM or HH:MM:00 (\"8h\")",
                // Each gap at the row it follows in the week; after five of a kind, a count.
                "a.csv:4: no rows for Mon 12:00 to 18:00 (2 intervals), which would follow "
                "Mon 06:00 (this line)",
                "a.csv:7: no rows for Tue 06:00 to 18:00 (3 intervals), which would follow "
                "Tue 00:00 (this line)",
                "a.csv:7: no rows for Wed 00:00 to 18:00 (4 intervals), which would follow "
                "Tue 00:00 (this line)",
                "a.csv:7: no rows for Thu 00:00 to 18:00 (4 intervals), which would follow "
                "Tue 00:00 (this line)",
                "a.csv:7: no rows for Fri 00:00 to 18:00 (4 intervals), which would follow "
                "Tue 00:00 (this line)",
                "a.csv: ... and 2 more like this",
            }));
}

TEST(ScenarioLoader, ReportsProblemsInTheHeadcountTable) {
  const std::string dir = TestDir();
  WriteFile(dir + "s.textproto",
            MinimalScenario("  arrivals { weekly { contacts_per_week: 100 } }\n",
                            "groups { name: \"a\" skills: \"999\" }\n"
                            "groups { name: \"b\" skills: \"999\" }\n"
                            "groups { name: \"c\" skills: \"999\" }\n"
                            "roster {\n"
                            "  headcount_csv: \"h.csv\"\n"
                            "}\n"));
  std::string csv = "weekday,start,a,b,x\n";
  for (const char* day : {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"}) {
    for (const char* start : {"00:00", "06:00", "12:00", "18:00"}) {
      csv += std::string(day) + "," + start + "," +
             (std::string(day) == "Wed" && std::string(start) == "06:00" ? "2.5" : "1") + "," +
             (std::string(day) == "Fri" ? "-1" : "0") + ",9\n";
    }
  }
  WriteFile(dir + "h.csv", csv);
  LoadedScenario loaded;
  EXPECT_EQ(Strings(LoadScenario(dir + "s.textproto", &loaded), dir),
            (std::vector<std::string>{
                "h.csv:1: column \"x\": no handler group of this name",
                "h.csv:11: column \"a\": not a whole number (\"2.5\")",
                "h.csv:18: column \"b\": must be >= 0 (got -1)",
                "h.csv:19: column \"b\": must be >= 0 (got -1)",
                "h.csv:20: column \"b\": must be >= 0 (got -1)",
                "h.csv:21: column \"b\": must be >= 0 (got -1)",
                "s.textproto:9:1: groups[1]: group never staffed (no shift with headcount > 0 "
                "and no headcount in roster.headcount_csv)",
                "s.textproto:10:1: groups[2]: group never staffed (no shift with headcount > 0 "
                "and no headcount in roster.headcount_csv)",
            }));

  std::filesystem::remove(dir + "h.csv");
  EXPECT_EQ(Strings(LoadScenario(dir + "s.textproto", &loaded), dir),
            (std::vector<std::string>{
                "s.textproto:12:3: roster.headcount_csv: cannot read \"h.csv\" (No such file or "
                "directory)",
            }));
}

TEST(ScenarioLoader, ChecksGroupsAndShifts) {
  const std::string dir = TestDir();
  WriteFile(dir + "s.textproto",
            MinimalScenario("  arrivals { weekly { contacts_per_week: 100 } }\n",
                            "groups { name: \"g\" skills: [\"999\", \"999\"] }\n"
                            "groups { name: \"g\" }\n"
                            "groups { skills: \"999\" }\n"
                            "roster {\n"
                            "  shifts {\n"
                            "    group: \"g\"\n"
                            "    length_minutes: 0\n"
                            "    headcount: 1\n"
                            "    weekdays: SUNDAY\n"
                            "    weekdays: SUNDAY\n"
                            "    weekdays: WEEKDAY_UNSPECIFIED\n"
                            "    breaks { after_minutes: 10 length_minutes: 0 }\n"
                            "  }\n"
                            "  shifts {\n"
                            "    group: \"\"\n"
                            "    start: \"23:30\"\n"
                            "    length_minutes: 480\n"
                            "    headcount: 100001\n"
                            "    breaks { after_minutes: 100 length_minutes: 30 }\n"
                            "    breaks { after_minutes: 120 length_minutes: 30 }\n"
                            "  }\n"
                            "}\n"));
  LoadedScenario loaded;
  EXPECT_EQ(
      Strings(LoadScenario(dir + "s.textproto", &loaded), dir),
      (std::vector<std::string>{
          "s.textproto:8:20: groups[0].skills[1]: \"999\" listed twice",
          "s.textproto:9:10: groups[1].name: duplicate group name \"g\" (also groups[0])",
          "s.textproto:9:1: groups[1].skills: must name at least one channel",
          // Absent: placed at the group that lacks it.
          "s.textproto:10:1: groups[2].name: must not be empty",
          "s.textproto:12:3: roster.shifts[0].start: required (HH:MM)",
          "s.textproto:14:5: roster.shifts[0].length_minutes: must be > 0 (got 0)",
          "s.textproto:17:5: roster.shifts[0].weekdays[1]: SUNDAY listed twice",
          "s.textproto:18:5: roster.shifts[0].weekdays[2]: must be one of MONDAY..SUNDAY (got 0)",
          "s.textproto:19:32: roster.shifts[0].breaks[0].length_minutes: must be > 0 (got 0)",
          "s.textproto:22:5: roster.shifts[1].group: must name a handler group",
          "s.textproto:25:5: roster.shifts[1].headcount: must be <= 100000 (got 100001)",
          "s.textproto:27:5: roster.shifts[1].breaks[1]: overlaps breaks[0]",
      }));
}

TEST(ScenarioLoader, RefusesShiftsOfAGroupThatWouldShareTheirAbsences) {
  const std::string dir = TestDir();
  WriteFile(dir + "s.textproto",
            MinimalScenario("  arrivals { weekly { contacts_per_week: 100 } }\n",
                            "groups { name: \"g\" skills: \"999\" }\n"
                            "groups { name: \"h\" skills: \"999\" }\n"
                            "roster {\n"
                            "  shifts { name: \"Early\" group: \"g\" start: \"07:00\" "
                            "length_minutes: 600 headcount: 3 weekdays: [MONDAY, TUESDAY] }\n"
                            // Same name in another group, or on other days: fine.
                            "  shifts { name: \"Early\" group: \"h\" start: \"07:00\" "
                            "length_minutes: 600 headcount: 3 }\n"
                            "  shifts { name: \"Early\" group: \"g\" start: \"06:00\" "
                            "length_minutes: 600 headcount: 3 weekdays: SUNDAY }\n"
                            "  shifts { name: \"Early\" group: \"g\" start: \"08:00\" "
                            "length_minutes: 480 headcount: 2 weekdays: TUESDAY }\n"
                            "  shifts { group: \"h\" start: \"22:00\" length_minutes: 600 "
                            "headcount: 2 }\n"
                            "  shifts { group: \"h\" start: \"22:00\" length_minutes: 600 "
                            "headcount: 4 weekdays: FRIDAY }\n"
                            "}\n"));
  LoadedScenario loaded;
  EXPECT_EQ(Strings(LoadScenario(dir + "s.textproto", &loaded), dir),
            (std::vector<std::string>{
                "s.textproto:14:12: roster.shifts[3].name: shift \"Early\" of group \"g\" is "
                "also roster.shifts[0] on a common weekday: give them distinct names",
                "s.textproto:16:3: roster.shifts[5]: unnamed, with the same group, start and "
                "length as roster.shifts[4] on a common weekday: give them distinct names "
                "(names key each shift's absences)",
            }));
}

TEST(ScenarioLoader, ResolvesTablePathsFromTheScenarioFolder) {
  const std::string dir = TestDir();
  std::filesystem::create_directories(dir + "tables");
  WriteFile(dir + "s.textproto", MinimalScenario("  arrivals { table { csv: \"tables/a.csv\" } }\n",
                                                 "groups { name: \"g\" skills: \"999\" }\n"
                                                 "roster { headcount_csv: \"tables/h.csv\" }\n"));
  std::string arrivals = "weekday,start,calls_999\n";
  std::string headcount = "weekday,start,g\n";
  for (const char* day :
       {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}) {
    for (const char* start : {"00:00", "06:00", "12:00", "18:00"}) {
      arrivals += std::string(day) + "," + start + ",2.5\n";
      headcount += std::string(day) + "," + start + ",3\n";
    }
  }
  WriteFile(dir + "tables/a.csv", arrivals);
  WriteFile(dir + "tables/h.csv", headcount);
  LoadedScenario loaded;
  const std::vector<Problem> problems = LoadScenario(dir + "s.textproto", &loaded);
  ASSERT_TRUE(problems.empty()) << ::testing::PrintToString(Strings(problems, dir));
  EXPECT_EQ(loaded.weekly_volume[0], std::vector<double>(28, 2.5));
  EXPECT_EQ(loaded.weekly_headcount[0], std::vector<int>(28, 3));
}

TEST(ScenarioLoader, SkipsTheChecksThatNeedAValidInterval) {
  const std::string dir = TestDir();
  WriteFile(dir + "s.textproto",
            "horizon { days: 1 interval_minutes: 7 }\n"
            "channels {\n"
            "  name: \"999\"\n"
            "  arrivals { table { csv: \"a.csv\" } }\n"
            "  talk { exponential { mean_s: 60 } }\n"
            "  target { answer_within_s: 10 fraction: 0.9 }\n"
            "}\n"
            "channels {\n"
            "  name: \"101\"\n"
            "  arrivals { weekly { contacts_per_week: 1 intraday_weights: [1, 2] } }\n"
            "  talk { exponential { mean_s: 60 } }\n"
            "  target { answer_within_s: 10 fraction: 0.9 }\n"
            "}\n"
            "groups { name: \"g\" skills: [\"999\", \"101\"] }\n"
            "roster { headcount_csv: \"h.csv\" }\n");
  WriteFile(dir + "a.csv", "weekday,start,calls_999\nMon,00:00,1\n");
  WriteFile(dir + "h.csv", "weekday,start,g\nMon,00:00,1\n");
  LoadedScenario loaded;
  EXPECT_EQ(Strings(LoadScenario(dir + "s.textproto", &loaded), dir),
            (std::vector<std::string>{
                "s.textproto:1:19: horizon.interval_minutes: must divide 1440 (the minutes of a "
                "day) (got 7)",
            }));
}

TEST(ScenarioProblem, FormatsWithTheUnknownPartsLeftOut) {
  EXPECT_EQ(
      (Problem{"s.textproto", 41, 7, "roster.shifts[2].length_minutes", "must be > 0"}).ToString(),
      "s.textproto:41:7: roster.shifts[2].length_minutes: must be > 0");
  EXPECT_EQ((Problem{"a.csv", 97, 0, "column \"calls_999\"", "not a number (\"12,5\")"}).ToString(),
            "a.csv:97: column \"calls_999\": not a number (\"12,5\")");
  EXPECT_EQ((Problem{"s.textproto", 0, 0, "roster", "no roster"}).ToString(),
            "s.textproto: roster: no roster");
  EXPECT_EQ((Problem{"s.textproto", 0, 0, "", "empty scenario"}).ToString(),
            "s.textproto: empty scenario");
  EXPECT_EQ((Problem{"", 0, 0, "", "no file"}).ToString(), "no file");
}

}  // namespace
}  // namespace fccsim::model
