#include "sim/process_group.h"

#include <dlfcn.h>

#include <climits>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "sim/check.h"
#include "sim/message_passing.h"

namespace fccsim::sim {
namespace {

// Variables every launcher of the MPI implementations Debian packages sets in the processes it
// starts: Open MPI's, and PMI's (MPICH, Slurm's srun).
bool StartedByMpirun() {
  for (const char* name : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"}) {
    if (std::getenv(name) != nullptr) return true;
  }
  return false;
}

// The MPI module beside the running binary: the build puts it there.
std::string ModulePath() {
  std::error_code ec;
  const std::filesystem::path binary = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string(kMpiModuleFile) : (binary.parent_path() / kMpiModuleFile).string();
}

}  // namespace

ProcessGroup& ProcessGroup::World() {
  static ProcessGroup* world = new ProcessGroup();  // never destroyed: see Join
  return *world;
}

ProcessGroup& ProcessGroup::Alone() {
  static ProcessGroup* alone = new ProcessGroup();  // never joins; never destroyed, as World
  return *alone;
}

void ProcessGroup::Join(int* argc, char*** argv) {
  if (!StartedByMpirun()) return;
  const std::string path = ModulePath();
  // Global, so that the MPI library's own plug-ins find its symbols; never closed.
  void* module = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
  void* join = module ? dlsym(module, kJoinMpiSymbol) : nullptr;
  if (join == nullptr) {
    throw std::runtime_error(std::string("started by mpirun, but its MPI module did not load: ") +
                             dlerror() + " (the build puts it beside the binary)");
  }
  ProcessGroup& world = World();
  world.mpi_.reset(reinterpret_cast<JoinMpiFunction>(join)(argc, argv));
  world.module_ = path;
  world.rank_ = world.mpi_->rank();
  world.size_ = world.mpi_->size();
  // MPI must be finalised before the process ends, and after main's last use: at exit.
  std::atexit([] { World().mpi_.reset(); });
}

ProcessGroup::~ProcessGroup() = default;

std::vector<std::string> ProcessGroup::AllGather(const std::string& mine) {
  if (!mpi_) return {mine};
  return mpi_->AllGather(mine);
}

int ProcessGroup::Broadcast(int value) { return mpi_ ? mpi_->Broadcast(value) : value; }

std::string ProcessGroup::BroadcastBytes(const std::string& bytes) {
  return mpi_ ? mpi_->BroadcastBytes(bytes) : bytes;
}

void ProcessGroup::Send(int to, int tag, std::string_view bytes) {
  FCCSIM_CHECK(mpi_ != nullptr, "sending to process " + std::to_string(to) + " of a group of one");
  FCCSIM_CHECK(bytes.size() <= static_cast<std::size_t>(INT_MAX),
               "a message of " + std::to_string(bytes.size()) + " bytes (MPI's limit: 2 GiB)");
  mpi_->Send(to, tag, bytes);
}

bool ProcessGroup::TryReceive(int* from, int* tag, std::string* bytes) {
  return mpi_ && mpi_->TryReceive(from, tag, bytes);
}

void ProcessGroup::Abort(int code) {
  if (mpi_) mpi_->Abort(code);
  std::_Exit(code);
}

}  // namespace fccsim::sim
