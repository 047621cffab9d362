#include "model/scenario/input_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <system_error>

namespace fccsim::model {
namespace {

std::string SystemMessage(int error_number) {
  return std::generic_category().message(error_number);
}

std::string FileKind(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a named pipe";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string Mebibytes(std::size_t bytes) { return std::to_string(bytes >> 20) + " MiB"; }

// Closes the descriptor on every path out.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

bool ReadInputFile(const std::string& path, std::size_t max_bytes, std::string* contents,
                   std::string* error) {
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
  const Descriptor file(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (file.get() < 0) {
    *error = SystemMessage(errno);
    return false;
  }
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) {
    *error = SystemMessage(errno);
    return false;
  }
  if (!S_ISREG(status.st_mode)) {
    *error = FileKind(status.st_mode) + ", not a regular file";
    return false;
  }
  const auto too_large = [&] {
    *error = "larger than " + Mebibytes(max_bytes) + ", the limit for this kind of file";
    return false;
  };
  if (static_cast<unsigned long long>(status.st_size) > max_bytes) return too_large();
  contents->clear();
  contents->reserve(static_cast<std::size_t>(status.st_size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(file.get(), buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = SystemMessage(errno);
      return false;
    }
    if (n == 0) return true;
    if (contents->size() + static_cast<std::size_t>(n) > max_bytes) return too_large();
    contents->append(buffer, static_cast<std::size_t>(n));
  }
}

Utf8Error FindInvalidUtf8(std::string_view text) {
  int line = 1;
  std::size_t line_start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {
      if (byte == '\n') {
        ++line;
        line_start = i + 1;
      }
      ++i;
      continue;
    }
    // The length of the sequence, and the range its second byte must fall in (which rules out
    // overlong forms, surrogates and code points past U+10FFFF).
    int length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (byte >= 0xC2 && byte <= 0xDF) {
      length = 2;
    } else if (byte >= 0xE0 && byte <= 0xEF) {
      length = 3;
      if (byte == 0xE0) low = 0xA0;
      if (byte == 0xED) high = 0x9F;
    } else if (byte >= 0xF0 && byte <= 0xF4) {
      length = 4;
      if (byte == 0xF0) low = 0x90;
      if (byte == 0xF4) high = 0x8F;
    }
    bool valid = length > 0 && i + length <= text.size();
    for (int k = 1; valid && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      valid = k == 1 ? next >= low && next <= high : next >= 0x80 && next <= 0xBF;
    }
    if (!valid) return {line, static_cast<int>(i - line_start) + 1, byte};
    i += length;
  }
  return {};
}

std::string InvalidUtf8Message(const Utf8Error& error, bool spreadsheet) {
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02X", error.byte);
  return std::string("not UTF-8 text (byte ") + hex +
         "; a character such as a pound sign or an accent saved in another encoding): save "
         "the file as UTF-8" +
         (spreadsheet ? " (in Excel: Save As \"CSV UTF-8\")" : "");
}

std::string_view WithoutByteOrderMark(std::string_view text) {
  constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  return text;
}

}  // namespace fccsim::model
