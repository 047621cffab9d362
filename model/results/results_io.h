#ifndef FCCSIM_MODEL_RESULTS_RESULTS_IO_H_
#define FCCSIM_MODEL_RESULTS_RESULTS_IO_H_

// Writing and reading run results (RunResult, protobuf). Writes are atomic (AtomicFile): a
// reader never sees half a file, and an existing file is replaced only by a complete one.

#include <cstddef>
#include <string>

#include "model/proto/results.pb.h"
#include "model/results/atomic_file.h"
#include "model/results/result_source.h"

namespace fccsim::model {

inline constexpr char kResultsCompleteMarker[] = "fccsim results complete";

// Writes the results of `source` with `complete` set, streamed piece by piece: the bytes are
// those of the whole message serialised deterministically, but a long run's results are never
// whole in memory. A channel (or group) whose rows fit in `buffer_bytes` is serialised whole,
// several at once on `threads` threads (0 = every core; `source` must then allow concurrent
// reads); a larger one is streamed, most of its rows built twice (once to learn the length
// that precedes them). False with *error set on any failure, in which case nothing at `path`
// changed.
inline constexpr std::size_t kDefaultResultBufferBytes = std::size_t{4} << 20;
// With `set`, the file is renamed into place only by set->Commit(), with the set's others.
bool WriteResults(const ResultSource& source, const std::string& path, std::string* error,
                  std::size_t buffer_bytes = kDefaultResultBufferBytes, unsigned threads = 1,
                  OutputSet* set = nullptr);
bool WriteResults(const fccsim::RunResult& result, const std::string& path, std::string* error);

// Refuses (false, *error says why, naming the file) a missing, unreadable, unparsable,
// truncated or incomplete file.
bool ReadResults(const std::string& path, fccsim::RunResult* result, std::string* error);

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_RESULTS_RESULTS_IO_H_
