#include "model/cli/interrupt.h"

#include <pthread.h>
#include <unistd.h>

#include <atomic>
#include <csignal>
#include <thread>

#include "model/results/atomic_file.h"
#include "sim/process_group.h"

namespace fccsim::model {
namespace {

std::atomic<bool> stop_on_first{false};
std::atomic<int> stop_signal{0};

// Work in hand may take a while yet: say that the signal was heard (the first process of an
// mpirun alone: the others print nothing).
void Notice() {
  if (sim::ProcessGroup::World().rank() != 0) return;
  constexpr char kNotice[] =
      "\nfccsim: stopping once the work in hand is done; a second signal stops at once\n";
  [[maybe_unused]] const ssize_t written = write(STDERR_FILENO, kNotice, sizeof kNotice - 1);
}

}  // namespace

void StopOnFirstSignal() { stop_on_first.store(true); }

int StopRequested() { return stop_signal.load(); }

void ExitCleanlyOnSignals() {
  std::signal(SIGPIPE, SIG_IGN);
  sigset_t signals;
  sigemptyset(&signals);
  for (const int s : {SIGINT, SIGTERM, SIGHUP, SIGUSR1}) {
    // A signal the parent set to be ignored (nohup; a background job of a script) stays
    // ignored: blocked, it would be delivered to sigwait instead of discarded.
    struct sigaction current {};
    if (sigaction(s, nullptr, &current) == 0 && current.sa_handler == SIG_IGN) continue;
    sigaddset(&signals, s);
  }
  if (sigisemptyset(&signals)) return;
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  std::thread([signals] {
    int received = 0;
    for (;;) {
      if (sigwait(&signals, &received) != 0) continue;
      int none = 0;
      // SIGUSR1 only ever asks to stop gracefully (mpirun passes it on to every process, where
      // SIGINT and SIGTERM are followed by SIGKILL within a second); a command that cannot
      // stop so ignores it.
      if (received == SIGUSR1) {
        if (stop_on_first.load() && stop_signal.compare_exchange_strong(none, received)) {
          Notice();
        }
        continue;
      }
      if (!stop_on_first.load() || !stop_signal.compare_exchange_strong(none, received)) break;
      Notice();
    }
    RemoveTemporaryFilesForExit();
    _exit(128 + received);
  }).detach();
}

}  // namespace fccsim::model
