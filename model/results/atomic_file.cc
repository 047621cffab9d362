#include "model/results/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <set>

namespace fccsim::model {
namespace {

constexpr std::size_t kBufferBytes = 1 << 20;
// A piece at least this large is written as it is rather than copied into the buffer: the
// copy would cost more (in the buffer's fresh pages) than the system call it saves.
constexpr std::size_t kDirectBytes = 1 << 16;

// Renames `from` onto `to`, as rename(2). Where `to` is a regular file and the file system
// can, by exchanging the two names and removing the old file, now at `from`: the path still
// holds a whole file at every instant, but ext4 forces a file's data to disk when a rename
// replaces another (its auto_da_alloc), which cost half a millisecond per run here; an
// exchange does not. (Only a regular file is exchanged: a folder would be swapped in.)
int ReplaceWith(const char* from, const char* to) {
  struct stat existing;
  if (::lstat(to, &existing) == 0 && S_ISREG(existing.st_mode) &&
      ::renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE) == 0) {
    ::unlink(from);
    return 0;
  }
  return ::rename(from, to);
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// The temporary files not yet renamed or removed, so that a signal can remove them; the lock
// also makes a rename and that removal exclusive, so the destination is whole or untouched.
// Never destroyed: the signal thread may use them while the process exits.
std::mutex& TemporaryLock() {
  static auto* lock = new std::mutex;
  return *lock;
}
std::set<std::string>& Temporaries() {
  static auto* files = new std::set<std::string>;
  return *files;
}

}  // namespace

void RemoveTemporaryFilesForExit() {
  TemporaryLock().lock();  // never unlocked: no rename may follow
  for (const std::string& file : Temporaries()) ::unlink(file.c_str());
}

AtomicFile::~AtomicFile() {
  if (fd_ >= 0) ::close(fd_);
  if (!temporary_.empty()) {
    const std::lock_guard<std::mutex> hold(TemporaryLock());
    ::unlink(temporary_.c_str());
    Temporaries().erase(temporary_);
  }
}

bool AtomicFile::Open(const std::string& path, std::string* error) {
  // Unique per process and per call, so concurrent writers (threads, or processes sharing a
  // folder) never share a temporary file.
  static std::atomic<std::uint64_t> counter{0};
  path_ = path;
  const std::string temporary = path + ".tmp-" + std::to_string(::getpid()) + "-" +
                                std::to_string(counter.fetch_add(1));
  {
    // Listed before it exists: a signal between the two removes nothing, or the new file.
    const std::lock_guard<std::mutex> hold(TemporaryLock());
    Temporaries().insert(temporary);
    fd_ = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0) {
      const int open_errno = errno;
      Temporaries().erase(temporary);
      *error = path + ": cannot create temporary file " + temporary + ": " +
               std::strerror(open_errno);
      failed_ = true;
      return false;
    }
  }
  temporary_ = temporary;
  buffer_.reserve(kBufferBytes);
  return true;
}

bool AtomicFile::Fail(const std::string& what, int error_number, std::string* error) {
  *error = path_ + ": " + what + " " + temporary_ + ": " + std::strerror(error_number);
  failed_ = true;
  return false;
}

bool AtomicFile::Flush(std::string* error) {
  if (!WriteAll(fd_, buffer_)) return Fail("cannot write", errno, error);
  buffer_.clear();
  return true;
}

bool AtomicFile::Append(std::string_view bytes, std::string* error) {
  if (failed_ || fd_ < 0) {
    if (error->empty()) *error = path_ + ": not open for writing";
    return false;
  }
  if (buffer_.size() + bytes.size() > kBufferBytes || bytes.size() >= kDirectBytes) {
    if (!Flush(error)) return false;
    if (bytes.size() >= kDirectBytes) {
      if (!WriteAll(fd_, bytes)) return Fail("cannot write", errno, error);
      return true;
    }
  }
  buffer_.append(bytes);
  return true;
}

bool AtomicFile::Commit(std::string* error) {
  if (failed_ || fd_ < 0) {
    if (error->empty()) *error = path_ + ": not open for writing";
    return false;
  }
  if (!Flush(error)) return false;
  const int fd = fd_;
  fd_ = -1;
  // close() reports write errors the kernel deferred (a full disk on some file systems).
  if (::close(fd) != 0) return Fail("cannot close", errno, error);
  if (set_ != nullptr) {  // the set renames it, with the others
    set_->ready_.push_back({temporary_, path_});
    temporary_.clear();
    return true;
  }
  const std::lock_guard<std::mutex> hold(TemporaryLock());
  if (ReplaceWith(temporary_.c_str(), path_.c_str()) != 0) {
    return Fail("cannot rename", errno, error);
  }
  Temporaries().erase(temporary_);
  temporary_.clear();
  return true;
}

OutputSet::~OutputSet() {
  const std::lock_guard<std::mutex> hold(TemporaryLock());
  for (const Ready& file : ready_) {
    ::unlink(file.temporary.c_str());
    Temporaries().erase(file.temporary);
  }
}

bool OutputSet::Commit(std::string* error) {
  // One hold of the lock for all the renames: a signal removes the temporary files either
  // before any is renamed or after all are.
  const std::lock_guard<std::mutex> hold(TemporaryLock());
  for (std::size_t i = 0; i < ready_.size(); ++i) {
    const Ready& file = ready_[i];
    if (ReplaceWith(file.temporary.c_str(), file.path.c_str()) != 0) {
      const int rename_errno = errno;
      *error = file.path + ": cannot rename " + file.temporary + ": " +
               std::strerror(rename_errno) +
               (i > 0 ? " (" + std::to_string(i) + " files of this run already in place)" : "");
      ready_.erase(ready_.begin(), ready_.begin() + static_cast<std::ptrdiff_t>(i));
      return false;
    }
    Temporaries().erase(file.temporary);
  }
  for (const std::string& path : replaces_) {
    const bool written = std::any_of(ready_.begin(), ready_.end(),
                                     [&](const Ready& file) { return file.path == path; });
    if (!written && ::unlink(path.c_str()) != 0 && errno != ENOENT) {
      *error = path + ": cannot remove this output of an earlier run: " + std::strerror(errno);
      ready_.clear();
      return false;
    }
  }
  ready_.clear();
  return true;
}

bool WriteFileAtomically(const std::string& path, std::string_view contents, std::string* error) {
  AtomicFile file;
  return file.Open(path, error) && file.Append(contents, error) && file.Commit(error);
}

}  // namespace fccsim::model
