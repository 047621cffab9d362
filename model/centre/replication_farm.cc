#include "model/centre/replication_farm.h"

#include <stdexcept>
#include <string>
#include <string_view>

#include "model/centre/centre_model.h"
#include "model/centre/measures_codec.h"
#include "sim/byte_codec.h"
#include "sim/replication_runner.h"
#include "sim/task_farm.h"

namespace fccsim::model {

std::uint64_t FarmReplications(sim::ProcessGroup& group, const FarmedReplications& job,
                               const TakeReplication& take) {
  sim::FarmOptions farm;
  farm.threads = job.threads;
  // Each thread simulates into measures of its own, reused from one replication to the next;
  // process 0 decodes every replication's bytes into one set, and takes it from there.
  const unsigned threads = sim::WorkerThreads(farm.threads, job.count);
  std::vector<ReplicationMeasures> scratch(threads);
  std::vector<std::string> encoded(threads);
  std::vector<ReplicationMeasures> slot(job.specs.size());
  std::string one;
  try {
    return sim::FarmTasks(
        group, job.count, farm,
        [&](std::uint64_t i, unsigned thread, std::string* bytes) {
          const std::uint64_t r = job.first + i;
          if (job.fail && job.fail(r)) throw std::runtime_error("failure injected by a test");
          bytes->clear();
          sim::ByteWriter out(bytes);
          for (const ModelSpec* spec : job.specs) {
            SimulateCentre(*spec, job.seed, r, &scratch[thread]);
            EncodeMeasures(scratch[thread], &encoded[thread]);
            out.PutBytes(encoded[thread]);
          }
        },
        [&](std::uint64_t i, std::string_view bytes) {
          const std::uint64_t r = job.first + i;
          sim::ByteReader in(bytes);
          for (ReplicationMeasures& m : slot) {
            if (!in.GetSizedBytes(&one) || !DecodeMeasures(one, &m)) {
              throw std::runtime_error("replication " + std::to_string(r) +
                                       ": its measures came back damaged from another process");
            }
          }
          take(r, &slot);
        },
        [&](std::uint64_t) { return job.stop && job.stop(); });
  } catch (const sim::TaskFailed& e) {
    throw sim::ReplicationError(job.first + e.task(), e.what());
  }
}

}  // namespace fccsim::model
