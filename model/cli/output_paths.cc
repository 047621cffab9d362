#include "model/cli/output_paths.h"

#include <sys/stat.h>

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <system_error>
#include <unordered_map>

namespace fccsim::model {

namespace fs = std::filesystem;

namespace {

// What SameFile compares, found once per path: an existing file's identity (device and
// inode, through links, as fs::equivalent compares), and the path as the system would
// resolve it ("" when it cannot be resolved).
struct FileKey {
  std::optional<std::pair<dev_t, ino_t>> identity;
  std::string resolved;
};

FileKey KeyOf(const fs::path& path) {
  FileKey key;
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) key.identity = std::pair{st.st_dev, st.st_ino};
  std::error_code ec;
  const fs::path resolved = fs::weakly_canonical(path, ec);
  if (!ec) key.resolved = resolved.string();
  return key;
}

// Paths by FileKey, each with the first index it was added with, answering SameFile's
// question for a new path without comparing it with every one: two existing files are the
// same by identity; otherwise (one missing, or both) by their resolved paths.
class FileIndex {
 public:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  // The smallest index of a path added that is SameFile with `key`'s path; kNone if none.
  std::size_t Find(const FileKey& key) const {
    std::size_t first = kNone;
    const auto consider = [&first](const auto& map, const auto& k) {
      if (const auto it = map.find(k); it != map.end()) first = std::min(first, it->second);
    };
    if (key.identity) {
      consider(by_identity_, *key.identity);
      if (!key.resolved.empty()) consider(missing_by_path_, key.resolved);
    } else if (!key.resolved.empty()) {
      consider(by_path_, key.resolved);
    }
    return first;
  }

  void Add(const FileKey& key, std::size_t index) {
    if (key.identity) by_identity_.emplace(*key.identity, index);
    if (key.resolved.empty()) return;
    by_path_.emplace(key.resolved, index);
    if (!key.identity) missing_by_path_.emplace(key.resolved, index);
  }

 private:
  std::map<std::pair<dev_t, ino_t>, std::size_t> by_identity_;
  std::unordered_map<std::string, std::size_t> by_path_, missing_by_path_;
};

}  // namespace

bool SameFile(const fs::path& a, const fs::path& b) {
  std::error_code ec_a, ec_b;
  if (fs::exists(a, ec_a) && fs::exists(b, ec_b)) return fs::equivalent(a, b, ec_a);
  const fs::path resolved_a = fs::weakly_canonical(a, ec_a);
  const fs::path resolved_b = fs::weakly_canonical(b, ec_b);
  return !ec_a && !ec_b && resolved_a == resolved_b;
}

std::string OutputFileProblem(const std::string& option, const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return option + " " + path + " is a directory; give a file name";
  // Results replace a file by renaming a new one over it: over a device or a named pipe that
  // would replace the special file itself (/dev/null, as root).
  if (fs::exists(path, ec) && !fs::is_regular_file(path, ec)) {
    return option + " " + path + " is not a regular file; give a file name";
  }
  const fs::path parent = fs::path(path).parent_path();
  if (!parent.empty() && !fs::is_directory(parent, ec)) {
    return option + " " + path + ": folder " + parent.string() + " does not exist";
  }
  return "";
}

std::string OutputFolderProblem(const std::string& option, const std::string& dir,
                                const std::string& file_option, const std::string& file) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) {
    return option + " " + dir + " exists and is not a folder";
  }
  if (SameFile(dir, file)) {
    return file_option + " " + file + " is also the " + option + " folder; give another name";
  }
  return "";
}

std::string OutputClash(const std::vector<std::pair<std::string, fs::path>>& outputs,
                        const std::vector<std::string>& inputs) {
  // As SameFile on every pair, each path resolved once: a sweep has thousands of outputs.
  FileIndex read;
  for (std::size_t k = 0; k < inputs.size(); ++k) read.Add(KeyOf(inputs[k]), k);
  FileIndex written;
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const FileKey key = KeyOf(outputs[i].second);
    if (const std::size_t j = written.Find(key); j != FileIndex::kNone) {
      return outputs[j].first + " " + outputs[j].second.string() + " is also a file " +
             outputs[i].first + " writes; give another name";
    }
    if (read.Find(key) != FileIndex::kNone) {
      return outputs[i].first + " would replace " + outputs[i].second.string() +
             ", which the scenario is read from; write elsewhere";
    }
    written.Add(key, i);
  }
  return "";
}

}  // namespace fccsim::model
