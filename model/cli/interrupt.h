#ifndef FCCSIM_MODEL_CLI_INTERRUPT_H_
#define FCCSIM_MODEL_CLI_INTERRUPT_H_

// How the fccsim process ends when interrupted, and what a closed stdout does to it.
//
// SIGINT, SIGTERM and SIGHUP are taken by one thread of their own (sigwait), never by a
// handler interrupting arbitrary code: that thread removes every temporary file of a result
// being written (RemoveTemporaryFilesForExit) and exits with 128 + the signal (130 for
// Ctrl-C, 143 for SIGTERM), so a result file is whole or untouched, in any phase of a run;
// unless the command asked to stop gracefully (StopOnFirstSignal), when the first signal only
// asks it to stop. A signal the parent process ignores (nohup) stays ignored.
//
// SIGUSR1 asks a command that can stop gracefully to do so, as a first SIGINT does, and is
// ignored otherwise: under mpirun, which passes SIGUSR1 on to every process but follows
// SIGINT and SIGTERM with SIGKILL after a second, it is the way to stop a run or a sweep and
// keep its work (`kill -USR1 <pid of mpirun>`).
//
// SIGPIPE is ignored: a reader of stdout that goes away (`fccsim run ... | head`) makes the
// summary's writes fail instead of killing the process, and the results have been written
// before the summary is printed in any case.

namespace fccsim::model {

// Call first in main, before any other thread starts: threads inherit the blocked signals.
void ExitCleanlyOnSignals();

// For a command that can stop early and keep the work it has done (a sweep): from this call
// on, the first of those signals only asks it to stop (StopRequested() turns true); a second
// one exits at once, as above.
void StopOnFirstSignal();

// 0 until a signal asked to stop (after StopOnFirstSignal), then that signal's number.
int StopRequested();

}  // namespace fccsim::model

#endif  // FCCSIM_MODEL_CLI_INTERRUPT_H_
