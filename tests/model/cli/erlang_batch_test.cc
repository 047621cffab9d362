// `fccsim erlang --batch`: one row of staffing per interval of a table, agreeing with the
// analytic staffing of each row; bad rows refused with their line, and nothing written.

#include "model/cli/erlang_batch.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "model/cli/erlang_command.h"

namespace fccsim::model {
namespace {

class ErlangBatch : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("fccsim_erlang_batch_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& text) {
    const std::string path = (dir_ / "intervals.csv").string();
    std::ofstream(path) << text;
    return path;
  }
  int Run(const std::vector<std::string>& args) {
    out_.str("");
    err_.str("");
    return RunErlangCommand(args, out_, err_);
  }
  std::vector<std::string> Lines() const {
    std::vector<std::string> lines;
    std::istringstream in(out_.str());
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }

  std::filesystem::path dir_;
  std::ostringstream out_, err_;
};

TEST_F(ErlangBatch, EachRowGetsTheAnalyticStaffingOfItsInterval) {
  const std::string path = Write(
      "weekday,start,calls,aht_s\n"
      "Mon,00:00,30,240\n"
      "Mon,00:15,0,240\n"
      "\"Mon, late\",00:30,168.75,240\n");
  ASSERT_EQ(Run({"--batch", path, "--target", "0.8", "--answer-within-s", "20", "--shrinkage",
                 "0.3"}),
            0)
      << err_.str();
  const std::vector<std::string> lines = Lines();
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0],
            "weekday,start,calls,aht_s,patience_s,erlangs,agents_erlang_c,agents_erlang_a,agents,"
            "binding,rostered,service_level,asa_s,occupancy,p_abandon");
  const StaffingTarget target{.answer_within_s = 20, .fraction = 0.8};
  // 30 calls in 15 minutes at 240 s: 8 Erlangs.
  const Staffing first = StaffErlangC({30.0 / 900, 240, std::nullopt}, target);
  EXPECT_EQ(lines[1].rfind("Mon,00:00,30,240,,8," + std::to_string(first.agents) + ",," +
                               std::to_string(first.agents) + ",service level,",
                           0),
            0u)
      << lines[1];
  EXPECT_EQ(lines[2], "Mon,00:15,0,240,,0,0,,0,no demand,0,,,,") << "no calls: nobody";
  // 168.75 calls in 15 minutes at 240 s: 45 Erlangs, 51 agents; quoted keys stay quoted.
  EXPECT_EQ(lines[3].rfind("\"Mon, late\",00:30,168.75,240,,45,51,,51,service level,72.857", 0),
            0u)
      << lines[3];
}

TEST_F(ErlangBatch, PatienceAddsErlangAAndItDecides) {
  const std::string path = Write("calls,patience_s\n178.125,600\n");
  ASSERT_EQ(Run({"--batch", path, "--aht-s", "240", "--target", "0.8", "--answer-within-s", "20"}),
            0)
      << err_.str();
  const std::vector<std::string> lines = Lines();
  ASSERT_EQ(lines.size(), 2u);
  // 712.5 calls an hour: Erlang C needs 54, Erlang A 52 (erlang_command_test.cc).
  EXPECT_EQ(lines[1].rfind("178.125,240,600,47.5,54,52,52,service level,52,", 0), 0u) << lines[1];
}

TEST_F(ErlangBatch, AScenarioTableIsReadByItsChannelColumn) {
  const std::string path = Write("weekday,start,calls_999,calls_101\nMon,00:00,16,8\n");
  ASSERT_EQ(Run({"--batch", path, "--calls-column", "calls_101", "--aht-s", "540", "--target",
                 "0.8", "--answer-within-s", "180"}),
            0)
      << err_.str();
  EXPECT_EQ(Lines()[1].rfind("Mon,00:00,16,8,540,,4.8,", 0), 0u) << Lines()[1];
}

TEST_F(ErlangBatch, BadRowsAreRefusedByLineAndNothingIsWritten) {
  const std::string path = Write(
      "calls,aht_s\n"
      "30,240\n"
      "-1,240\n"
      "thirty,240\n"
      "30,0\n"
      "1e9,3600\n");
  EXPECT_EQ(Run({"--batch", path, "--target", "0.8", "--answer-within-s", "20"}), 2);
  EXPECT_EQ(out_.str(), "");
  const std::string err = err_.str();
  EXPECT_NE(err.find(path + ":3: column calls: must be a number from 0"), std::string::npos) << err;
  EXPECT_NE(err.find(path + ":4: column calls:"), std::string::npos) << err;
  EXPECT_NE(err.find(path + ":5: column aht_s: must be a number from 0.001"), std::string::npos)
      << err;
  EXPECT_NE(err.find(path + ":6: the offered load"), std::string::npos) << err;
}

TEST_F(ErlangBatch, TheTableMustSayWhatTheFlagsDoNot) {
  struct Case {
    std::string csv;
    std::vector<std::string> flags;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"weekday,calls\nMon,3\n", {}, "either as a column \"aht_s\" or as --aht-s"},
      {"calls,aht_s\n3,200\n", {"--aht-s", "200"}, "not both or neither"},
      {"aht_s\n200\n", {}, "no column \"calls\""},
      {"calls,aht_s\n", {}, "no intervals"},
      {"calls,patience_s\n3,60\n", {"--aht-s", "200", "--patience-s", "60"}, "not both"},
      {"calls,aht_s\n3,200,5\n", {}, ":2:"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.csv);
    std::vector<std::string> args = {"--batch", Write(c.csv), "--target", "0.8",
                                     "--answer-within-s", "20"};
    args.insert(args.end(), c.flags.begin(), c.flags.end());
    EXPECT_EQ(Run(args), 2);
    EXPECT_EQ(out_.str(), "");
    EXPECT_NE(err_.str().find(c.message), std::string::npos) << err_.str();
  }
  EXPECT_EQ(Run({"--batch", (dir_ / "missing.csv").string(), "--target", "0.8",
                 "--answer-within-s", "20", "--aht-s", "100"}),
            2);
  EXPECT_NE(err_.str().find("missing.csv"), std::string::npos) << err_.str();
  EXPECT_EQ(Run({"--batch", dir_.string(), "--target", "0.8", "--answer-within-s", "20"}), 2);
}

}  // namespace
}  // namespace fccsim::model
