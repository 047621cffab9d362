#include "sim/process_group.h"

#include <boost/mpi/collectives.hpp>
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/environment.hpp>
#include <boost/optional.hpp>
#include <mpi.h>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>
#include <algorithm>
#include <climits>
#include <cstdlib>

#include "sim/check.h"

namespace fccsim::sim {

struct ProcessGroup::Mpi {
  Mpi(int* argc, char*** argv) : environment(*argc, *argv, boost::mpi::threading::funneled) {}
  boost::mpi::environment environment;
  boost::mpi::communicator world;
};

namespace {

// Variables every launcher of the MPI implementations Debian packages sets in the processes it
// starts: Open MPI's, and PMI's (MPICH, Slurm's srun).
bool StartedByMpirun() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

}  // namespace

ProcessGroup& ProcessGroup::World() {
  static ProcessGroup* world = new ProcessGroup();  // never destroyed: see Join
  return *world;
}

void ProcessGroup::Join(int* argc, char*** argv) {
  if (!StartedByMpirun()) return;
  ProcessGroup& world = World();
  world.mpi_ = std::make_unique<Mpi>(argc, argv);
  world.rank_ = world.mpi_->world.rank();
  world.size_ = world.mpi_->world.size();
  // MPI must be finalised before the process ends, and after main's last use: at exit.
  std::atexit([] { World().mpi_.reset(); });
}

ProcessGroup::~ProcessGroup() = default;

std::vector<std::string> ProcessGroup::AllGather(const std::string& mine) {
  if (!mpi_) return {mine};
  std::vector<std::string> all;
  boost::mpi::all_gather(mpi_->world, mine, all);
  return all;
}

int ProcessGroup::Broadcast(int value) {
  if (mpi_) boost::mpi::broadcast(mpi_->world, value, 0);
  return value;
}

std::string ProcessGroup::BroadcastBytes(const std::string& bytes) {
  std::string value = bytes;
  if (mpi_) boost::mpi::broadcast(mpi_->world, value, 0);
  return value;
}

void ProcessGroup::Send(int to, int tag, std::string_view bytes) {
  FCCSIM_CHECK(mpi_ != nullptr, "sending to process " + std::to_string(to) + " of a group of one");
  FCCSIM_CHECK(bytes.size() <= static_cast<std::size_t>(INT_MAX),
               "a message of " + std::to_string(bytes.size()) + " bytes (MPI's limit: 2 GiB)");
  // As an array of chars: one MPI_Send of the bytes themselves, no serialisation.
  // Boost.MPI takes the first element by reference: an empty message needs an address too.
  static constexpr char kNothing = 0;
  mpi_->world.send(to, tag, bytes.empty() ? &kNothing : bytes.data(),
                   static_cast<int>(bytes.size()));
}

bool ProcessGroup::TryReceive(int* from, int* tag, std::string* bytes) {
  if (!mpi_) return false;
  const boost::optional<boost::mpi::status> status = mpi_->world.iprobe();
  if (!status) return false;
  // MPI's own count: Boost's count<char>() trips GCC's maybe-uninitialized warning.
  int count = 0;
  MPI_Status raw = *status;
  MPI_Get_count(&raw, MPI_CHAR, &count);
  bytes->resize(static_cast<std::size_t>(std::max(count, 0)));
  mpi_->world.recv(status->source(), status->tag(), bytes->data(), static_cast<int>(bytes->size()));
  *from = status->source();
  *tag = status->tag();
  return true;
}

void ProcessGroup::Abort(int code) {
  if (mpi_) mpi_->environment.abort(code);
  std::_Exit(code);
}

}  // namespace fccsim::sim
