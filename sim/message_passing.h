#ifndef FCCSIM_SIM_MESSAGE_PASSING_H_
#define FCCSIM_SIM_MESSAGE_PASSING_H_

// What ProcessGroup needs of MPI, as an interface: its one implementation
// (sim/mpi_message_passing.cc) lives in a module of its own, libfccsim_mpi.so beside the
// binary, loaded only by a process that mpirun started. A plain command then neither loads
// nor relocates the MPI libraries (about 3 ms of every process).
//
// Both sides are built together, by the same compiler: C++ types cross the boundary.

#include <string>
#include <string_view>
#include <vector>

namespace fccsim::sim {

class MessagePassing {
 public:
  virtual ~MessagePassing() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  virtual std::vector<std::string> AllGather(const std::string& mine) = 0;
  virtual int Broadcast(int value) = 0;
  virtual std::string BroadcastBytes(const std::string& bytes) = 0;
  virtual void Send(int to, int tag, std::string_view bytes) = 0;
  virtual bool TryReceive(int* from, int* tag, std::string* bytes) = 0;
  [[noreturn]] virtual void Abort(int code) = 0;
};

// The module's one entry point: initialises MPI (MPI_THREAD_FUNNELED) and returns the world.
extern "C" {
using JoinMpiFunction = MessagePassing* (*)(int* argc, char*** argv);
}
inline constexpr char kJoinMpiSymbol[] = "fccsim_join_mpi";
inline constexpr char kMpiModuleFile[] = "libfccsim_mpi.so";

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_MESSAGE_PASSING_H_
