#include "model/cli/output_paths.h"

#include <system_error>

namespace fccsim::model {

namespace fs = std::filesystem;

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
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (SameFile(outputs[i].second, outputs[j].second)) {
        return outputs[j].first + " " + outputs[j].second.string() + " is also a file " +
               outputs[i].first + " writes; give another name";
      }
    }
    for (const std::string& input : inputs) {
      if (SameFile(outputs[i].second, input)) {
        return outputs[i].first + " would replace " + outputs[i].second.string() +
               ", which the scenario is read from; write elsewhere";
      }
    }
  }
  return "";
}

}  // namespace fccsim::model
