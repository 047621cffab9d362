#ifndef FCCSIM_MODEL_SCENARIO_INPUT_FILE_H_
#define FCCSIM_MODEL_SCENARIO_INPUT_FILE_H_

// Reading the files a planner gives fccsim (the scenario, its CSV tables): regular files
// only, of bounded size, as UTF-8 text.
//
// A FIFO would block the read until someone writes to it, a device such as /dev/zero never
// ends, and a directory "opens" on some systems; so an input must be a regular file, checked
// on the opened file itself (no race with a rename between a check and the open). The size is
// bounded both as the file says and as it is read, so a file growing underneath cannot run the
// process out of memory either.

#include <cstddef>
#include <string>
#include <string_view>

namespace fccsim::model {

inline constexpr std::size_t kMaxScenarioBytes = std::size_t{16} << 20;  // 16 MiB
inline constexpr std::size_t kMaxTableBytes = std::size_t{32} << 20;     // 32 MiB

// Reads all of the regular file `path` into *contents. False with *error set (the reason,
// without the path) when the file cannot be opened or read, is not a regular file, or holds
// more than `max_bytes`.
bool ReadInputFile(const std::string& path, std::size_t max_bytes, std::string* contents,
                   std::string* error);

// Where `text` first stops being UTF-8: the 1-based line and column (in bytes) of the first
// byte of an invalid sequence, and that byte; line 0 when the whole text is valid. Overlong
// forms, surrogates and code points above U+10FFFF are invalid, as in protobuf's checks.
struct Utf8Error {
  int line = 0;
  int column = 0;
  unsigned char byte = 0;
};
Utf8Error FindInvalidUtf8(std::string_view text);

// The message for an input that is not UTF-8, naming the byte and the likely fix (for a
// `spreadsheet` export, how to save one as UTF-8).
std::string InvalidUtf8Message(const Utf8Error& error, bool spreadsheet);

// `text` without a leading UTF-8 byte order mark, which editors on Windows write and which is
// not part of the content.
std::string_view WithoutByteOrderMark(std::string_view text);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_SCENARIO_INPUT_FILE_H_
