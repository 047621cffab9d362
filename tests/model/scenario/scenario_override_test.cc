// --set PATH=VALUE: the field named is changed and nothing else; every wrong path or value
// is refused with what was meant, and leaves the scenario as it was; the loader names the
// override in a problem at the field it set.

#include "model/scenario/scenario_override.h"

#include <google/protobuf/text_format.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <string>

#include "model/scenario/scenario_loader.h"

namespace fccsim::model {
namespace {

fccsim::Scenario Parse(const std::string& text) {
  fccsim::Scenario s;
  EXPECT_TRUE(google::protobuf::TextFormat::ParseFromString(text, &s));
  return s;
}

constexpr char kScenario[] = R"pb(
  name: "base"
  channels {
    name: "999"
    talk { exponential { mean_s: 60 } }
  }
  channels {
    name: "101"
    talk { exponential { mean_s: 240 } }
  }
  groups {
    name: "all"
    skills: [ "999", "101" ]
  }
  roster {
    shifts { name: "early" group: "all" start: "07:00" length_minutes: 600 headcount: 5 }
    shifts {
      name: "late"
      group: "all"
      start: "14:00"
      length_minutes: 600
      headcount: 4
      weekdays: [ MONDAY ]
    }
    shifts {
      name: "late"
      group: "all"
      start: "14:00"
      length_minutes: 600
      headcount: 2
      weekdays: [ TUESDAY ]
    }
  }
  run { seed: 3 }
)pb";

// The scenario after `text`, which must succeed, with the field path it reports.
fccsim::Scenario Set(const std::string& text, std::string* field) {
  fccsim::Scenario s = Parse(kScenario);
  const std::string problem = ApplyOverride(text, &s, field);
  EXPECT_EQ(problem, "") << text;
  return s;
}

TEST(ApplyOverride, SetsTheFieldNamedAndNothingElse) {
  std::string field;
  fccsim::Scenario expected = Parse(kScenario);
  expected.mutable_roster()->mutable_shifts(0)->set_headcount(9);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
      Set("roster.shifts[name=\"early\"].headcount=9", &field), expected));
  EXPECT_EQ(field, "roster.shifts[0].headcount");
  expected.mutable_roster()->mutable_shifts(0)->set_headcount(0);  // a default value too
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(
      Set("roster.shifts[0].headcount=0", &field), expected));

  EXPECT_EQ(Set("channels[name=\"101\"].talk.exponential.mean_s=300", &field)
                .channels(1)
                .talk()
                .exponential()
                .mean_s(),
            300);
  EXPECT_EQ(field, "channels[1].talk.exponential.mean_s");
  EXPECT_EQ(Set("name=a new name", &field).name(), "a new name");  // quotes optional
  EXPECT_EQ(Set("name=\"quoted \\\"x\\\"\"", &field).name(), "quoted \"x\"");
  EXPECT_EQ(Set("name=a\"b", &field).name(), "a\"b");
  // A list replaces the list; an enum by name; a message replaces the message whole, and a
  // oneof's other member goes.
  const fccsim::Scenario lists = Set("roster.shifts[1].weekdays=[FRIDAY, SATURDAY]", &field);
  ASSERT_EQ(lists.roster().shifts(1).weekdays_size(), 2);
  EXPECT_EQ(lists.roster().shifts(1).weekdays(1), fccsim::SATURDAY);
  const fccsim::Scenario talk =
      Set("channels[0].talk={ lognormal { mean_s: 90 cv: 0.5 } }", &field);
  EXPECT_FALSE(talk.channels(0).talk().has_exponential());
  EXPECT_EQ(talk.channels(0).talk().lognormal().mean_s(), 90);
  EXPECT_EQ(field, "channels[0].talk");
  // A message not yet written is created.
  EXPECT_EQ(Set("horizon.days=3", &field).horizon().days(), 3u);
}

TEST(ApplyOverride, RefusesWhatItCannotSetAndLeavesTheScenarioAsItWas) {
  const struct {
    const char* text;
    const char* problem;
  } cases[] = {
      {"run.seed", "expected PATH=VALUE"},
      {"run.seed=", "no value after '='"},
      {"=3", "expected a field name at character 1"},
      {"rooster.shifts[0].headcount=3",
       "a scenario has no field \"rooster\" (did you mean \"roster\"?)"},
      {"roster.shifts[0].headcont=3",
       "roster.shifts[0] has no field \"headcont\" (did you mean \"headcount\"?)"},
      {"roster.shifts.headcount=3", "roster.shifts is a list: pick an element"},
      {"roster.shifts[3].headcount=3", "roster.shifts has 3 elements (positions from 0)"},
      {"roster.shifts[-1].headcount=3", "must be a position from 0"},
      {"roster.shifts[name=\"night\"].headcount=3",
       "no element of roster.shifts has name \"night\" (it has \"early\", \"late\", \"late\")"},
      {"roster.shifts[name=\"late\"].headcount=3",
       "2 elements of roster.shifts have name \"late\": pick one by its position, e.g. [1]"},
      {"roster.shifts[name=late].headcount=3", "put the value in double quotes"},
      {"roster.shifts[nam=\"late\"].headcount=3",
       "have no text field \"nam\" (did you mean \"name\"?)"},
      {"roster.shifts[0.headcount=3", "a [ is not closed"},
      {"roster[0].shifts[0].headcount=3", "roster is not a list"},
      {"run.seed.low=3", "run.seed is a uint64, not a message"},
      {"roster.shifts[0]={ name: \"x\" }", "name a field of the element"},
      {"run.seed=-3", "does not fit run.seed"},
      {"horizon.days=1x", "(at character 2)"},  // counted in the value
      {"roster.shifts[0][1].headcount=3", "one [...] per field"},
      {"horizon.days[0]=3", "horizon.days is not a list"},
      {"roster.shifts[0].weekdays[0]=FRIDAY", "set roster.shifts[0].weekdays whole"},
      {"run.seed=many", "does not fit run.seed"},
      {"run.seed=3 replications: 5", "sets more than run.seed"},
      {"roster.shifts[0].weekdays=[FUNDAY]", "does not fit roster.shifts[0].weekdays"},
  };
  for (const auto& c : cases) {
    fccsim::Scenario s = Parse(kScenario);
    std::string field = "untouched";
    const std::string problem = ApplyOverride(c.text, &s, &field);
    EXPECT_NE(problem.find(c.problem), std::string::npos) << c.text << ": " << problem;
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(s, Parse(kScenario))) << c.text;
    EXPECT_EQ(field, "untouched") << c.text;
  }
}

TEST(LoadScenario, AProblemAtAFieldAnOverrideSetNamesTheOverride) {
  const std::string path = FCCSIM_SOURCE_DIR "/tests/data/loader/good_table.textproto";
  LoadedScenario loaded;
  // Valid: the loaded scenario has it, and its tables are read beside the file as before.
  ASSERT_FALSE(HasErrors(LoadScenario(
      path, &loaded, std::nullopt, {"run.seed=7", "channels[name=\"999\"].target.fraction=0.8"})));
  EXPECT_EQ(loaded.scenario.run().seed(), 7u);
  EXPECT_EQ(loaded.scenario.channels(0).target().fraction(), 0.8);
  EXPECT_EQ(loaded.input_files.size(), 3u);  // the scenario and its two tables
  // Invalid: the problem names the override, not the file's line of the value it replaced.
  const std::vector<Problem> problems =
      LoadScenario(path, &loaded, std::nullopt, {"horizon.days=0"});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].ToString(),
            path + " --set horizon.days=0: horizon.days: must be >= 1 (got 0)");
  // One at a message holding the field set, or beside it: the file's place, with the override.
  const std::vector<Problem> beside =
      LoadScenario(path, &loaded, std::nullopt, {"channels[0].talk.gamma.shape=2"});
  ASSERT_FALSE(beside.empty());
  EXPECT_EQ(beside[0].field, "channels[0].talk.gamma.scale_s");
  EXPECT_NE(beside[0].message.find("(with --set channels[0].talk.gamma.shape=2)"),
            std::string::npos)
      << beside[0].ToString();
  // An override that cannot be applied stops the load there.
  const std::vector<Problem> typo = LoadScenario(path, &loaded, std::nullopt, {"horizon.dayz=3"});
  ASSERT_EQ(typo.size(), 1u);
  EXPECT_EQ(typo[0].file, path + " --set horizon.dayz=3");
  EXPECT_TRUE(HasErrors(typo));
}

}  // namespace
}  // namespace fccsim::model
