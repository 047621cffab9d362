#ifndef FCCSIM_SIM_PROCESS_GROUP_H_
#define FCCSIM_SIM_PROCESS_GROUP_H_

// The processes a run is spread over: those `mpirun` started together (through Boost.MPI and
// the MPI library it was built with, in a module loaded only then: sim/message_passing.h), or
// this process alone. A process not started by mpirun neither loads nor initialises MPI, so a
// plain command pays nothing for it and needs no MPI daemon.
//
// Only the thread that called Join may use the group (MPI_THREAD_FUNNELED): worker threads
// hand their work to it.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace fccsim::sim {

class MessagePassing;

class ProcessGroup {
 public:
  // Call first in main, before any other thread starts. Joins the group when this process
  // was started by mpirun (seen from its environment), and stays alone otherwise. Throws
  // std::runtime_error if started by mpirun without the MPI module beside the binary.
  static void Join(int* argc, char*** argv);
  // The group Join made: this process alone until Join has joined one.
  static ProcessGroup& World();
  // This process alone, whether or not it joined a group: for work that is its own.
  static ProcessGroup& Alone();

  ~ProcessGroup();
  int rank() const { return rank_; }
  int size() const { return size_; }
  // The MPI module's path once joined; empty when alone.
  const std::string& module() const { return module_; }

  // Every process's `mine`, by rank, on every process. Collective: every process calls it.
  std::vector<std::string> AllGather(const std::string& mine);
  // Rank 0's `value`, on every process. Collective.
  int Broadcast(int value);
  std::string BroadcastBytes(const std::string& bytes);

  // Sends bytes to process `to` under `tag` (>= 0). Returns once the bytes may be reused.
  void Send(int to, int tag, std::string_view bytes);
  // A message waiting from any process, received into *bytes; false at once when none is.
  bool TryReceive(int* from, int* tag, std::string* bytes);

  // Ends every process of the group with `code` (MPI_Abort): for a process that cannot go
  // on while others wait on it.
  [[noreturn]] void Abort(int code);

 private:
  ProcessGroup() = default;
  std::unique_ptr<MessagePassing> mpi_;  // null when alone
  std::string module_;
  int rank_ = 0;
  int size_ = 1;
};

}  // namespace fccsim::sim

#endif  // FCCSIM_SIM_PROCESS_GROUP_H_
