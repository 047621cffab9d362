// MessagePassing through Boost.MPI: built as the module libfccsim_mpi.so
// (sim/message_passing.h), the only code of fccsim that links MPI.

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <thread>
#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/optional.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <climits>
#include <cstdlib>

#include "sim/message_passing.h"

namespace fccsim::sim {
namespace {

class BoostMpi : public MessagePassing {
 public:
  BoostMpi(int* argc, char*** argv) : environment_(*argc, *argv, boost::mpi::threading::funneled) {}

  int rank() const override { return world_.rank(); }
  int size() const override { return world_.size(); }

  std::vector<std::string> AllGather(const std::string& mine) override {
    std::vector<std::string> all;
    boost::mpi::all_gather(world_, mine, all);
    return all;
  }

  int Broadcast(int value) override {
    boost::mpi::broadcast(world_, value, 0);
    return value;
  }

  // The size first, without blocking: a process waiting on process 0 (which may be solving
  // for minutes) sleeps between tests instead of spinning a core as a blocking broadcast does.
  std::string BroadcastBytes(const std::string& bytes) override {
    std::uint64_t size = bytes.size();
    MPI_Request request;
    MPI_Ibcast(&size, 1, MPI_UINT64_T, 0, world_, &request);
    WaitPatiently(&request);
    if (size > static_cast<std::uint64_t>(INT_MAX)) {
      std::fprintf(stderr, "fccsim: a broadcast of %llu bytes (MPI's limit: 2 GiB)\n",
                   static_cast<unsigned long long>(size));
      Abort(1);
    }
    std::string value = world_.rank() == 0 ? bytes : std::string(size, '\0');
    if (size > 0) MPI_Bcast(value.data(), static_cast<int>(size), MPI_CHAR, 0, world_);
    return value;
  }

  // ProcessGroup checked the size (at most INT_MAX).
  void Send(int to, int tag, std::string_view bytes) override {
    // As an array of chars: one MPI_Send of the bytes themselves, no serialisation.
    // Boost.MPI takes the first element by reference: an empty message needs an address too.
    static constexpr char kNothing = 0;
    world_.send(to, tag, bytes.empty() ? &kNothing : bytes.data(), static_cast<int>(bytes.size()));
  }

  bool TryReceive(int* from, int* tag, std::string* bytes) override {
    const boost::optional<boost::mpi::status> status = world_.iprobe();
    if (!status) return false;
    // MPI's own count: Boost's count<char>() trips GCC's maybe-uninitialized warning.
    int count = 0;
    MPI_Status raw = *status;
    MPI_Get_count(&raw, MPI_CHAR, &count);
    bytes->resize(static_cast<std::size_t>(std::max(count, 0)));
    world_.recv(status->source(), status->tag(), bytes->data(), static_cast<int>(bytes->size()));
    *from = status->source();
    *tag = status->tag();
    return true;
  }

  void Abort(int code) override {
    environment_.abort(code);
    std::_Exit(code);
  }

 private:
  // Tests, sleeping between tests: 50 us at first, doubling up to 2 ms.
  static void WaitPatiently(MPI_Request* request) {
    std::chrono::microseconds pause{50};
    for (;;) {
      int done = 0;
      MPI_Test(request, &done, MPI_STATUS_IGNORE);
      if (done) return;
      std::this_thread::sleep_for(pause);
      pause = std::min(2 * pause, std::chrono::microseconds{2000});
    }
  }

  boost::mpi::environment environment_;
  boost::mpi::communicator world_;
};

}  // namespace
}  // namespace fccsim::sim

extern "C" __attribute__((visibility("default"))) fccsim::sim::MessagePassing* fccsim_join_mpi(
    int* argc, char*** argv) {
  return new fccsim::sim::BoostMpi(argc, argv);
}
