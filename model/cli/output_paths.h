#ifndef FCCSIM_MODEL_CLI_OUTPUT_PATHS_H_
#define FCCSIM_MODEL_CLI_OUTPUT_PATHS_H_

// Checks on the files a command is asked to write, made before any work: a destination that
// cannot be written, or that would replace a file the scenario was read from, is refused
// with a message naming the option, so no run is lost at the end and no input is ever
// overwritten.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace fccsim::model {

// True when `a` and `b` name one file: for existing files by identity, so a link or another
// spelling of a path is caught; otherwise by the paths as the system would resolve them.
bool SameFile(const std::filesystem::path& a, const std::filesystem::path& b);

// Why `option` (e.g. "-o") cannot write the file `path`: a folder, not a regular file (a
// device or a named pipe: renaming over it would replace the special file), or in a folder
// that does not exist; "" when it can.
std::string OutputFileProblem(const std::string& option, const std::string& path);

// Why `option` (e.g. "--csv") cannot write into the folder `dir`, which must not be the
// file `file` written by `file_option` either; "" when it can.
std::string OutputFolderProblem(const std::string& option, const std::string& dir,
                                const std::string& file_option, const std::string& file);

// Why one of `outputs` (option, path) cannot be written: it is also another output, or it
// would replace one of `inputs`; "" when none.
std::string OutputClash(const std::vector<std::pair<std::string, std::filesystem::path>>& outputs,
                        const std::vector<std::string>& inputs);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CLI_OUTPUT_PATHS_H_
