#include "model/cli/erlang_command.h"

#include <cstdio>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "model/analytics/erlang.h"

namespace fccsim::model {
namespace {

struct Outcome {
  int code;
  std::string out;
  std::string err;
};

Outcome Ask(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = RunErlangCommand(args, out, err);
  return {code, out.str(), err.str()};
}

// The formatting the command uses, to cross-check its literal output against model/erlang.h.
std::string Percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100 * fraction);
  return buf;
}

std::string Seconds(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", s);
  return buf;
}

// 120 calls an hour at 180 s: 6 Erlangs.
constexpr double kRate = 120.0 / 3600;
constexpr double kAht = 180;

TEST(ErlangCommand, FiguresForAStaffingAreErlangC) {
  const Outcome o = Ask(
      {"--calls-per-hour", "120", "--aht-s", "180", "--agents", "8", "--answer-within-s", "20"});
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.err, "");
  EXPECT_EQ(o.out,
            "Offered load: 120 calls/h x 180 s mean handling = 6.00 Erlangs\n"
            "\n"
            "                                  Erlang C\n"
            "agents                                   8\n"
            "occupancy                           75.00%\n"
            "P(wait)                             35.70%\n"
            "P(abandon)                               -\n"
            "ASA, answered calls (s)              32.13\n"
            "answered within 20 s                71.42%\n"
            "\n"
            "Erlang C: callers never abandon; every caller is answered.\n");
  // The literals are model/erlang.h's values.
  EXPECT_EQ(Percent(ErlangCOccupancy(8, kRate, kAht)), "75.00%");
  EXPECT_EQ(Percent(ErlangC(8, 6)), "35.70%");
  EXPECT_EQ(Seconds(ErlangCAsa(8, kRate, kAht)), "32.13");
  EXPECT_EQ(Percent(ErlangCServiceLevel(8, kRate, kAht, 20)), "71.42%");
}

TEST(ErlangCommand, PatienceAddsTheErlangAColumn) {
  const Outcome o = Ask({"--calls-per-hour", "120", "--aht-s", "180", "--agents", "8",
                         "--answer-within-s", "20", "--patience-s", "600"});
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.out,
            "Offered load: 120 calls/h x 180 s mean handling = 6.00 Erlangs\n"
            "\n"
            "                                  Erlang C      Erlang A\n"
            "agents                                   8             8\n"
            "occupancy                           75.00%        72.90%\n"
            "P(wait)                             35.70%        30.29%\n"
            "P(abandon)                               -         2.81%\n"
            "ASA, answered calls (s)              32.13         15.86\n"
            "answered within 20 s                71.42%        77.28%\n"
            "\n"
            "Erlang C: callers never abandon; every caller is answered.\n"
            "Erlang A: each caller abandons after an exponential patience, mean 600 s;\n"
            "          \"answered within\" is a share of all offered calls, abandons counting "
            "as failures.\n");
  const ErlangA a(8, kRate, kAht, 600);
  EXPECT_EQ(Percent(a.occupancy()), "72.90%");
  EXPECT_EQ(Percent(a.p_wait()), "30.29%");
  EXPECT_EQ(Percent(a.p_abandon()), "2.81%");
  EXPECT_EQ(Seconds(a.asa_answered_s()), "15.86");
  EXPECT_EQ(Percent(a.PAnsweredWithin(20)), "77.28%");
}

TEST(ErlangCommand, TargetGivesTheFewestAgentsAndTheirFigures) {
  const Outcome o = Ask(
      {"--calls-per-hour", "120", "--aht-s", "180", "--target", "0.8", "--answer-within-s", "20"});
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.out,
            "Offered load: 120 calls/h x 180 s mean handling = 6.00 Erlangs\n"
            "Target: 80% answered within 20 s\n"
            "\n"
            "                                  Erlang C\n"
            "agents needed                            9\n"
            "occupancy                           66.67%\n"
            "P(wait)                             19.60%\n"
            "P(abandon)                               -\n"
            "ASA, answered calls (s)              11.76\n"
            "answered within 20 s                85.96%\n"
            "set by                       service level\n"
            "\n"
            "Erlang C: callers never abandon; every caller is answered.\n");
  EXPECT_EQ(ServersForErlangCServiceLevel(kRate, kAht, 20, 0.8), 9);
  EXPECT_EQ(Percent(ErlangCServiceLevel(9, kRate, kAht, 20)), "85.96%");
}

TEST(ErlangCommand, TargetWithPatienceSearchesErlangAToo) {
  // Abandons lighten the queue, so Erlang A can need fewer agents than Erlang C.
  const Outcome o = Ask({"--calls-per-hour", "712.5", "--aht-s", "240", "--target", "0.8",
                         "--answer-within-s", "20", "--patience-s", "600"});
  EXPECT_EQ(o.code, 0);
  const int c = ServersForErlangCServiceLevel(712.5 / 3600, 240, 20, 0.8);
  const int a = ServersForErlangAServiceLevel(712.5 / 3600, 240, 600, 20, 0.8);
  EXPECT_EQ(c, 54);
  EXPECT_EQ(a, 52);
  EXPECT_NE(o.out.find("agents needed                           54            52\n"),
            std::string::npos)
      << o.out;
  const std::string sl = Percent(ErlangA(a, 712.5 / 3600, 240, 600).PAnsweredWithin(20));
  EXPECT_NE(o.out.find(sl + "\n"), std::string::npos) << o.out;
}

TEST(ErlangCommand, UnstableLoadIsSaidPlainly) {
  const Outcome o = Ask({"--calls-per-hour", "120", "--aht-s", "180", "--agents", "5"});
  EXPECT_EQ(o.code, 0);
  EXPECT_NE(o.out.find("occupancy                         unstable\n"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("Erlang C: 6.00 Erlangs offered to 5 agents is more work than they can "
                       "do:\n          the queue grows without limit"),
            std::string::npos)
      << o.out;
}

TEST(ErlangCommand, UnstableForErlangCStillHasErlangAFigures) {
  const Outcome o =
      Ask({"--calls-per-hour", "120", "--aht-s", "180", "--agents", "5", "--patience-s", "600"});
  EXPECT_EQ(o.code, 0);
  const ErlangA a(5, kRate, kAht, 600);
  EXPECT_NE(o.out.find("P(abandon)                        unstable" +
                       std::string(14 - Percent(a.p_abandon()).size(), ' ') +
                       Percent(a.p_abandon()) + "\n"),
            std::string::npos)
      << o.out;
}

TEST(ErlangCommand, ThresholdDefaultsToTwentySeconds) {
  const Outcome o = Ask({"--calls-per-hour=120", "--aht-s=180", "--agents=8"});
  EXPECT_EQ(o.code, 0);
  EXPECT_NE(o.out.find("answered within 20 s                71.42%\n"), std::string::npos) << o.out;
}

TEST(ErlangCommand, ErlangBBlocking) {
  const Outcome o = Ask({"--erlang-b", "--erlangs", "10", "--lines", "15"});
  EXPECT_EQ(o.code, 0);
  EXPECT_EQ(o.out,
            "Erlang B: 10.00 Erlangs offered to 15 lines\n"
            "blocking probability: 0.0364969 (3.65% of calls find every line busy and are "
            "lost)\n");
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", ErlangB(15, 10));
  EXPECT_EQ(std::string(buf), "0.0364969");
}

TEST(ErlangCommand, ErlangBFromCallsPerHour) {
  const Outcome o =
      Ask({"--erlang-b", "--calls-per-hour", "360", "--aht-s", "100", "--lines", "15"});
  EXPECT_EQ(o.code, 0);
  EXPECT_NE(o.out.find("10.00 Erlangs offered to 15 lines"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("blocking probability: 0.0364969 "), std::string::npos) << o.out;
}

TEST(ErlangCommand, HelpPrintsTheUsage) {
  for (const char* help : {"--help", "-h"}) {
    const Outcome o = Ask({"--agents", "8", help});
    EXPECT_EQ(o.code, 0);
    EXPECT_EQ(o.out, ErlangCommandUsage());
    EXPECT_EQ(o.err, "");
  }
}

TEST(ErlangCommand, ATargetIsGrossedUpForShrinkageAndBreaks) {
  const Outcome o = Ask({"--calls-per-hour", "120", "--aht-s", "180", "--target", "0.8",
                         "--answer-within-s", "20", "--shrinkage", "0.3", "--break-share",
                         "0.1"});
  EXPECT_EQ(o.code, 0) << o.err;
  // 9 on duty / (0.7 x 0.9) = 14.29 rostered.
  EXPECT_NE(o.out.find("rostered (gross-up)                  14.29\n"), std::string::npos) << o.out;
}

TEST(ErlangCommand, AnOccupancyCapOrAnAsaCeilingCanSetTheNumber) {
  const Outcome cap = Ask({"--calls-per-hour", "675", "--aht-s", "240", "--target", "0.8",
                           "--answer-within-s", "20", "--max-occupancy", "0.85"});
  EXPECT_EQ(cap.code, 0) << cap.err;
  EXPECT_NE(cap.out.find("agents needed                           53\n"), std::string::npos)
      << cap.out;
  EXPECT_NE(cap.out.find("set by                       occupancy cap\n"), std::string::npos)
      << cap.out;
  const Outcome asa = Ask({"--calls-per-hour", "675", "--aht-s", "240", "--max-asa-s", "5"});
  EXPECT_EQ(asa.code, 0) << asa.err;
  EXPECT_NE(asa.out.find("set by                                 ASA\n"), std::string::npos)
      << asa.out;
}

TEST(ErlangCommand, NoCallsNeedNobody) {
  const Outcome o = Ask({"--calls-per-hour", "0", "--aht-s", "180", "--target", "0.8",
                         "--answer-within-s", "20", "--patience-s", "300"});
  EXPECT_EQ(o.code, 0) << o.err;
  EXPECT_NE(o.out.find("No calls: nobody is needed on duty.\n"), std::string::npos) << o.out;
}

TEST(ErlangCommand, BadInputExitsTwoWithAMessageAndNoAnswer) {
  struct Case {
    std::vector<std::string> args;
    std::string message;  // a part of the message
  };
  const std::vector<std::string> base = {"--calls-per-hour", "120", "--aht-s", "180"};
  auto with = [&](std::vector<std::string> more) {
    std::vector<std::string> args = base;
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  const std::vector<Case> cases = {
      {{}, "nothing asked"},
      {base, "give either --agents"},
      {with({"--agents", "8", "--target", "0.8", "--answer-within-s", "20"}), "give either"},
      {with({"--agents", "0"}), "--agents must be a whole number from 1 to 100000 (got \"0\")"},
      {with({"--agents", "8.5"}), "--agents must be a whole number"},
      {with({"--agents", "-8"}), "--agents must be a whole number"},
      {with({"--agents", "100001"}), "--agents must be a whole number"},
      {with({"--agents", "8x"}), "--agents must be a whole number"},
      {{"--calls-per-hour", "0", "--aht-s", "180", "--agents", "8"},
       "--calls-per-hour must be a number of calls above 0"},
      {{"--calls-per-hour", "-120", "--aht-s", "180", "--agents", "8"}, "--calls-per-hour"},
      {{"--calls-per-hour", "inf", "--aht-s", "180", "--agents", "8"}, "--calls-per-hour"},
      {{"--calls-per-hour", "nan", "--aht-s", "180", "--agents", "8"}, "--calls-per-hour"},
      {{"--calls-per-hour", "120/h", "--aht-s", "180", "--agents", "8"}, "(got \"120/h\")"},
      {{"--calls-per-hour", "", "--aht-s", "180", "--agents", "8"}, "--calls-per-hour"},
      {{"--calls-per-hour", "120", "--aht-s", "0", "--agents", "8"},
       "--aht-s must be a number of seconds from 0.001 to 10000000"},
      {{"--calls-per-hour", "120", "--aht-s", "1e300", "--agents", "8"}, "--aht-s"},
      {with({"--agents", "8", "--patience-s", "0"}), "--patience-s must be"},
      {with({"--agents", "8", "--answer-within-s", "-1"}), "--answer-within-s must be"},
      {with({"--target", "0.8"}), "--answer-within-s is required with --target"},
      {with({"--target", "80", "--answer-within-s", "20"}), "e.g. 0.8 for 80%"},
      {with({"--target", "0", "--answer-within-s", "20"}), "--target must be"},
      {with({"--target", "1", "--answer-within-s", "20"}), "--target must be"},
      {with({"--agents", "8", "--agents", "9"}), "--agents given twice"},
      {with({"--agents"}), "--agents needs a value"},
      {with({"--agents", "--patience-s", "600"}), "--agents needs a value"},
      {with({"--servers", "8"}), "unknown flag --servers"},
      {with({"8"}), "unexpected argument \"8\""},
      {with({"--agents", "8", "--lines", "9"}), "--lines does not apply without --erlang-b"},
      {{"--calls-per-hour", "1e9", "--aht-s", "3600", "--agents", "8"},
       "is above the 100000 this command handles"},
      {{"--calls-per-hour", "3.6e6", "--aht-s", "1", "--agents", "8", "--patience-s", "1e5"},
       "too long for Erlang A at this load"},
      {{"--erlang-b", "--erlangs", "10"}, "--lines is required with --erlang-b"},
      {{"--erlang-b", "--lines", "15"}, "give either --erlangs or both"},
      {{"--erlang-b", "--erlangs", "10", "--calls-per-hour", "120", "--lines", "15"},
       "give either --erlangs or both"},
      {{"--erlang-b", "--calls-per-hour", "120", "--lines", "15"}, "--aht-s is required"},
      {{"--erlang-b", "--erlangs", "10", "--lines", "15", "--agents", "3"},
       "--agents does not apply with --erlang-b"},
      {{"--erlang-b=yes", "--erlangs", "10", "--lines", "15"}, "--erlang-b takes no value"},
      {{"--erlang-b", "--erlangs", "0", "--lines", "15"}, "--erlangs must be"},
      {{"--erlang-b", "--erlangs", "10", "--lines", "0"}, "--lines must be a whole number"},
      {with({"--target", "0.8", "--answer-within-s", "20", "--shrinkage", "1"}),
       "--shrinkage must be a fraction from 0 to below 1"},
      {with({"--target", "0.8", "--answer-within-s", "20", "--shrinkage", "30"}), "--shrinkage"},
      {with({"--target", "0.8", "--answer-within-s", "20", "--break-share", "-0.1"}),
       "--break-share must be"},
      {with({"--target", "0.8", "--answer-within-s", "20", "--max-occupancy", "0"}),
       "--max-occupancy must be a fraction above 0 and at most 1"},
      {with({"--target", "0.8", "--answer-within-s", "20", "--max-occupancy", "85"}),
       "--max-occupancy"},
      {with({"--max-asa-s", "0"}), "--max-asa-s must be"},
      {with({"--agents", "8", "--shrinkage", "0.3"}), "--shrinkage applies to a target"},
      {with({"--agents", "8", "--max-occupancy", "0.8"}), "--max-occupancy applies to a target"},
      {{"--batch", "x.csv"}, "with --batch give a target"},
      {{"--batch", "x.csv", "--target", "0.8", "--answer-within-s", "20", "--agents", "3"},
       "--agents does not apply with --batch"},
      {{"--batch", "x.csv", "--target", "0.8", "--answer-within-s", "20", "--interval-minutes",
        "0"},
       "--interval-minutes must be a whole number from 1 to 1440"},
  };
  for (const Case& c : cases) {
    std::string joined;
    for (const std::string& a : c.args) joined += a + " ";
    SCOPED_TRACE(joined);
    const Outcome o = Ask(c.args);
    EXPECT_EQ(o.code, 2);
    EXPECT_EQ(o.out, "");
    EXPECT_EQ(o.err.rfind("fccsim erlang: ", 0), 0u) << o.err;
    EXPECT_NE(o.err.find(c.message), std::string::npos) << o.err;
  }
}

TEST(ErlangCommand, ExtremeButValidInputsAreAnswered) {
  // At the edges of what the command accepts, model/erlang.h must not abort.
  const std::vector<std::vector<std::string>> cases = {
      {"--calls-per-hour", "3599999", "--aht-s", "100", "--target", "0.9999", "--answer-within-s",
       "0", "--patience-s", "1"},
      {"--calls-per-hour", "0.0001", "--aht-s", "0.001", "--target", "0.9999", "--answer-within-s",
       "0", "--patience-s", "10000000"},
      {"--calls-per-hour", "3.6e6", "--aht-s", "1", "--target", "0.99", "--answer-within-s",
       "10000000", "--patience-s", "1000"},
      {"--calls-per-hour", "1e9", "--aht-s", "0.001", "--agents", "1", "--patience-s", "0.001"},
      {"--calls-per-hour", "36", "--aht-s", "10000000", "--agents", "100000", "--patience-s",
       "10000000"},
      {"--erlang-b", "--erlangs", "100000", "--lines", "100000"},
  };
  for (const auto& args : cases) {
    const Outcome o = Ask(args);
    EXPECT_EQ(o.code, 0) << o.err;
    EXPECT_EQ(o.err, "");
  }
}

}  // namespace
}  // namespace fccsim::model
