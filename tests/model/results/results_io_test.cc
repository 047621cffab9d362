#include "model/results/results_io.h"

#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include "tests/model/results/results_test_support.h"

namespace fccsim::model {
namespace {

using ResultsIo = ResultsTest;
namespace fs = std::filesystem;

TEST_F(ResultsIo, RoundTripKeepsEveryFieldAndSetsTheCompleteMarker) {
  const fccsim::RunResult written = PopulatedResult();
  const std::string path = PathIn("run.pb");
  std::string error;
  ASSERT_TRUE(WriteResults(written, path, &error)) << error;

  fccsim::RunResult read;
  ASSERT_TRUE(ReadResults(path, &read, &error)) << error;
  EXPECT_EQ(read.complete(), kResultsCompleteMarker);
  fccsim::RunResult expected = written;
  expected.set_complete(kResultsCompleteMarker);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(expected, read))
      << "expected:\n" << expected.DebugString() << "read:\n" << read.DebugString();
  // Presence of the optional interval survives, both ways.
  EXPECT_TRUE(read.channels(0).summary().offered().has_ci95_half_width());
  EXPECT_FALSE(read.channels(0).summary().abandoned().has_ci95_half_width());
  EXPECT_EQ(Listing(), std::set<std::string>{"run.pb"}) << "temporary file left behind";
}

TEST_F(ResultsIo, SameResultGivesTheSameBytes) {
  std::string error;
  ASSERT_TRUE(WriteResults(PopulatedResult(), PathIn("a.pb"), &error)) << error;
  ASSERT_TRUE(WriteResults(PopulatedResult(), PathIn("b.pb"), &error)) << error;
  EXPECT_EQ(ReadFile(PathIn("a.pb")), ReadFile(PathIn("b.pb")));
}

TEST_F(ResultsIo, EveryTruncationIsRefused) {
  const std::string path = PathIn("run.pb");
  std::string error;
  ASSERT_TRUE(WriteResults(PopulatedResult(), path, &error)) << error;
  const std::string whole = ReadFile(path);
  ASSERT_GT(whole.size(), 500u);

  const std::string cut_path = PathIn("cut.pb");
  for (std::size_t length = 0; length < whole.size(); ++length) {
    WriteRaw(cut_path, whole.substr(0, length));
    fccsim::RunResult read;
    read.set_software_version("untouched");
    EXPECT_FALSE(ReadResults(cut_path, &read, &error)) << "accepted a file cut to " << length
                                                        << " of " << whole.size() << " bytes";
    EXPECT_NE(error.find(cut_path), std::string::npos) << error;
    EXPECT_EQ(read.software_version(), "untouched") << "output changed on failure";
  }
  WriteRaw(cut_path, whole);
  fccsim::RunResult read;
  EXPECT_TRUE(ReadResults(cut_path, &read, &error)) << error;
}

TEST_F(ResultsIo, RefusalsSayWhy) {
  fccsim::RunResult read;
  std::string error;

  const std::string missing = PathIn("missing.pb");
  EXPECT_FALSE(ReadResults(missing, &read, &error));
  EXPECT_EQ(error, missing + ": cannot open: No such file or directory");

  const std::string empty = PathIn("empty.pb");
  WriteRaw(empty, "");
  EXPECT_FALSE(ReadResults(empty, &read, &error));
  EXPECT_EQ(error, empty + ": empty file");

  // 0xff is field 31 with the invalid wire type 7: no protobuf message parses from it.
  const std::string garbage = PathIn("garbage.pb");
  WriteRaw(garbage, "\xff\xff\xff\xff not protobuf");
  EXPECT_FALSE(ReadResults(garbage, &read, &error));
  EXPECT_EQ(error, garbage + ": not a results file or truncated");

  // A well-formed RunResult written without the marker, as by a writer that died mid-way.
  const std::string incomplete = PathIn("incomplete.pb");
  WriteRaw(incomplete, PopulatedResult().SerializeAsString());
  EXPECT_FALSE(ReadResults(incomplete, &read, &error));
  EXPECT_EQ(error, incomplete + ": incomplete or truncated results file");

  const std::string wrong_marker = PathIn("wrong_marker.pb");
  fccsim::RunResult wrong = PopulatedResult();
  wrong.set_complete("fccsim results complete?");
  WriteRaw(wrong_marker, wrong.SerializeAsString());
  EXPECT_FALSE(ReadResults(wrong_marker, &read, &error));
  EXPECT_EQ(error, wrong_marker + ": incomplete or truncated results file");

  EXPECT_FALSE(ReadResults(dir_.string(), &read, &error)) << "read a folder";
  EXPECT_NE(error.find(dir_.string()), std::string::npos) << error;
}

TEST_F(ResultsIo, WriteIntoMissingFolderFailsAndLeavesNothing) {
  const std::string path = PathIn("no/such/folder/run.pb");
  std::string error;
  EXPECT_FALSE(WriteResults(PopulatedResult(), path, &error));
  EXPECT_NE(error.find(path), std::string::npos) << error;
  EXPECT_NE(error.find("No such file or directory"), std::string::npos) << error;
  EXPECT_TRUE(Listing().empty());
}

TEST_F(ResultsIo, ExistingFileIsReplacedWhole) {
  const std::string path = PathIn("run.pb");
  WriteRaw(path, std::string(100000, 'x'));
  std::string error;
  ASSERT_TRUE(WriteResults(PopulatedResult(), path, &error)) << error;
  fccsim::RunResult expected = PopulatedResult();
  expected.set_complete(kResultsCompleteMarker);
  EXPECT_EQ(ReadFile(path).size(), expected.ByteSizeLong());
  fccsim::RunResult read;
  EXPECT_TRUE(ReadResults(path, &read, &error)) << error;
  EXPECT_EQ(Listing(), std::set<std::string>{"run.pb"});
}

TEST_F(ResultsIo, StreamedBytesAreThoseOfTheWholeMessage) {
  const std::string path = PathIn("run.pb");
  std::string error;
  ASSERT_TRUE(WriteResults(MessageSource(PopulatedResult()), path, &error)) << error;
  fccsim::RunResult whole = PopulatedResult();
  whole.set_complete(kResultsCompleteMarker);
  std::string expected;
  google::protobuf::io::StringOutputStream stream(&expected);
  {
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    whole.SerializeToCodedStream(&coded);
  }
  EXPECT_EQ(ReadFile(path), expected);
}

}  // namespace
}  // namespace fccsim::model
