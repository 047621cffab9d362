#include "model/results/atomic_file.h"

#include <string>

#include <gtest/gtest.h>

#include "tests/model/results/results_test_support.h"

namespace fccsim::model {
namespace {

using AtomicFileTest = ResultsTest;

TEST_F(AtomicFileTest, FailedRenameLeavesTargetAndNoTemporary) {
  // A non-empty folder where the file should go: the temporary file is written, the rename
  // over the folder fails, and everything must be as before.
  const std::string path = PathIn("occupied");
  fs::create_directories(path);
  WriteRaw(PathIn("occupied/keep.txt"), "kept");
  std::string error;
  EXPECT_FALSE(WriteFileAtomically(path, "new contents", &error));
  EXPECT_NE(error.find(path), std::string::npos) << error;
  EXPECT_EQ(Listing(), std::set<std::string>{"occupied"});
  EXPECT_EQ(ReadFile(PathIn("occupied/keep.txt")), "kept");
}

TEST_F(AtomicFileTest, WriteFileAtomicallyWritesExactBytes) {
  std::string contents = "line 1\n";
  contents += std::string("\0binary\xff", 8);
  contents += std::string(1 << 20, 'z');  // larger than one write() may take
  const std::string path = PathIn("blob");
  std::string error;
  ASSERT_TRUE(WriteFileAtomically(path, contents, &error)) << error;
  EXPECT_EQ(ReadFile(path), contents);
  ASSERT_TRUE(WriteFileAtomically(path, "", &error)) << error;
  EXPECT_EQ(ReadFile(path), "");
  EXPECT_EQ(Listing(), std::set<std::string>{"blob"});
}

// A symbolic link at the path is replaced by the file, as rename does, and what it pointed
// to is left as it was.
TEST_F(AtomicFileTest, ALinkAtThePathIsReplacedAndItsTargetKept) {
  const std::string target = PathIn("target");
  WriteRaw(target, "old");
  const std::string path = PathIn("link");
  fs::create_symlink(target, path);
  std::string error;
  ASSERT_TRUE(WriteFileAtomically(path, "new", &error)) << error;
  EXPECT_FALSE(fs::is_symlink(path));
  EXPECT_EQ(ReadFile(path), "new");
  EXPECT_EQ(ReadFile(target), "old");
  EXPECT_EQ(Listing(), (std::set<std::string>{"link", "target"}));
}

TEST_F(AtomicFileTest, AnUncommittedFileLeavesNoTraceAndTheTargetUntouched) {
  const std::string path = PathIn("run.pb");
  WriteRaw(path, "old");
  std::string error;
  {
    AtomicFile file;
    ASSERT_TRUE(file.Open(path, &error)) << error;
    ASSERT_TRUE(file.Append(std::string(3 << 20, 'n'), &error)) << error;  // beyond the buffer
  }
  EXPECT_EQ(ReadFile(path), "old");
  EXPECT_EQ(Listing(), std::set<std::string>{"run.pb"});
}

TEST_F(AtomicFileTest, PiecesAreWrittenInOrder) {
  const std::string path = PathIn("pieces");
  std::string error;
  AtomicFile file;
  ASSERT_TRUE(file.Open(path, &error)) << error;
  std::string expected;
  for (int i = 0; i < 5000; ++i) {
    const std::string piece = std::to_string(i) + std::string(static_cast<std::size_t>(i % 700), 'x');
    expected += piece;
    ASSERT_TRUE(file.Append(piece, &error)) << error;
  }
  ASSERT_TRUE(file.Commit(&error)) << error;
  EXPECT_EQ(ReadFile(path), expected);
}

// The files of a set appear together, at the set's commit, and not before.
TEST_F(AtomicFileTest, AnOutputSetRenamesItsFilesTogether) {
  WriteRaw(PathIn("a"), "old a");
  std::string error;
  OutputSet set;
  for (const char* name : {"a", "b"}) {
    AtomicFile file(&set);
    ASSERT_TRUE(file.Open(PathIn(name), &error)) << error;
    ASSERT_TRUE(file.Append(std::string("new ") + name, &error)) << error;
    ASSERT_TRUE(file.Commit(&error)) << error;
  }
  EXPECT_EQ(ReadFile(PathIn("a")), "old a");
  EXPECT_FALSE(fs::exists(PathIn("b")));
  ASSERT_TRUE(set.Commit(&error)) << error;
  EXPECT_EQ(ReadFile(PathIn("a")), "new a");
  EXPECT_EQ(ReadFile(PathIn("b")), "new b");
  EXPECT_EQ(Listing(), (std::set<std::string>{"a", "b"}));
}

// A set given up (a later file of the run failed) changes nothing and leaves no temporary.
TEST_F(AtomicFileTest, AnOutputSetNotCommittedLeavesEverythingAsItWas) {
  WriteRaw(PathIn("a"), "old a");
  std::string error;
  {
    OutputSet set;
    AtomicFile file(&set);
    ASSERT_TRUE(file.Open(PathIn("a"), &error)) << error;
    ASSERT_TRUE(file.Append("new a", &error)) << error;
    ASSERT_TRUE(file.Commit(&error)) << error;
  }
  EXPECT_EQ(ReadFile(PathIn("a")), "old a");
  EXPECT_EQ(Listing(), std::set<std::string>{"a"});
}

// An output of an earlier run that this one did not write is removed on commit, not before;
// one it wrote is replaced; one missing is no error.
TEST_F(AtomicFileTest, AnOutputSetRemovesTheOutputsItReplacesButDidNotWrite) {
  WriteRaw(PathIn("written"), "old");
  WriteRaw(PathIn("stale"), "old");
  WriteRaw(PathIn("other"), "not an output");
  std::string error;
  OutputSet set;
  for (const char* name : {"written", "stale", "missing"}) set.Replaces(PathIn(name));
  AtomicFile file(&set);
  ASSERT_TRUE(file.Open(PathIn("written"), &error)) << error;
  ASSERT_TRUE(file.Append("new", &error)) << error;
  ASSERT_TRUE(file.Commit(&error)) << error;
  EXPECT_TRUE(fs::exists(PathIn("stale")));
  ASSERT_TRUE(set.Commit(&error)) << error;
  EXPECT_EQ(ReadFile(PathIn("written")), "new");
  EXPECT_EQ(Listing(), (std::set<std::string>{"written", "other"}));
}

}  // namespace
}  // namespace fccsim::model
