#ifndef FCCSIM_MODEL_RESULTS_ATOMIC_FILE_H_
#define FCCSIM_MODEL_RESULTS_ATOMIC_FILE_H_

// A file written whole or not at all: bytes go to a temporary file in the destination's
// folder, which Commit() renames into place. Until then (and if anything fails, or the object
// is destroyed first) the destination is untouched and the temporary file removed, so a reader
// never sees half a file and an existing file is replaced only by a complete one. Appends are
// buffered, so a large file can be written piece by piece without being whole in memory.
//
// Not sought: durability across a crash of the machine itself. That needs fsync, which costs
// several milliseconds per file here (more than a small run takes); after a power cut a file
// just written may be missing or cut short, as with most command-line tools, and the results
// reader refuses a file without its completion marker.


#include <string>
#include <string_view>
#include <vector>

namespace fccsim::model {

class OutputSet;

class AtomicFile {
 public:
  AtomicFile() = default;
  // A file of `set`: Commit() hands the finished temporary file to the set, which renames it
  // into place with the set's other files (OutputSet::Commit). REQUIRES: `set` outlives this.
  explicit AtomicFile(OutputSet* set) : set_(set) {}
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  ~AtomicFile();  // removes the temporary file unless committed

  // Creates the temporary file for `path`. False with *error set (naming `path`) on failure.
  bool Open(const std::string& path, std::string* error);

  // Appends bytes. False with *error set on failure; later calls then fail too.
  bool Append(std::string_view bytes, std::string* error);

  // Writes out the buffer and renames the temporary file to the path (for a file of an
  // OutputSet: hands it to the set). False with *error set on failure, in which case nothing
  // at the path changed.
  bool Commit(std::string* error);

 private:
  bool Flush(std::string* error);
  bool Fail(const std::string& what, int error_number, std::string* error);

  std::string path_;
  std::string temporary_;
  std::string buffer_;
  int fd_ = -1;
  bool failed_ = false;
  OutputSet* set_ = nullptr;
};

// The files of one run's output (results and CSV tables), renamed into place together: a
// reader, or a run interrupted by a signal, sees all of them from the run or none (each file
// stays as it was). Only a failure of the file system part-way through the renames, which
// the error then names, can leave some renamed and some not.
class OutputSet {
 public:
  OutputSet() = default;
  OutputSet(const OutputSet&) = delete;
  OutputSet& operator=(const OutputSet&) = delete;
  ~OutputSet();  // removes the temporary files of a set not committed

  // Renames every finished file into place, then removes each path given to Replaces() that
  // no file of the set was written to. False with *error set on failure.
  bool Commit(std::string* error);

  // `path` is an output this command may write: left by an earlier run where this one
  // writes nothing, it would read as part of this run's output, so Commit() removes it.
  void Replaces(const std::string& path) { replaces_.push_back(path); }

 private:
  friend class AtomicFile;
  struct Ready {
    std::string temporary;
    std::string path;
  };
  std::vector<Ready> ready_;
  std::vector<std::string> replaces_;
};

// For a process about to end on a signal: removes the temporary file of every AtomicFile not
// yet committed, and holds back every rename from then on, so each destination stays whole or
// untouched. Safe to call from any thread, once; the caller then exits at once (_exit).
void RemoveTemporaryFilesForExit();

// Writes `contents` to `path` atomically.
bool WriteFileAtomically(const std::string& path, std::string_view contents, std::string* error);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_RESULTS_ATOMIC_FILE_H_
