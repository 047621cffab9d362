"""fccsim under mpirun, as an HPC user runs it: the same bytes as one process, whatever the
number of processes; processes that differ refused; failures and a dead process reported,
with the work done kept and resumable.

Usage: python3 tests/cli/mpi_test.py FCCSIM_BINARY

Runs Open MPI's mpirun with --oversubscribe (more processes than cores) on this machine.
Standard library only.
"""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cli_test import SHIFT_SCENARIO, VALID_SCENARIO, folder_bytes  # noqa: E402  (the same scenarios)

FCCSIM = None
TIMEOUT_S = 600  # a dead process must end the job well within this


def mpirun(processes, *args, env=None, timeout=TIMEOUT_S):
    command = ["mpirun", "--oversubscribe", "-n", str(processes)]
    if os.geteuid() == 0:  # containers and CI machines often run as root
        command.append("--allow-run-as-root")
    return subprocess.run(command + [FCCSIM, *args], capture_output=True, text=True,
                          timeout=timeout, check=False, env=env)


def fccsim(*args, env=None):
    return subprocess.run([FCCSIM, *args], capture_output=True, text=True, timeout=TIMEOUT_S,
                          check=False, env=env)


def with_env(**values):
    env = dict(os.environ)
    env.update(values)
    return env


class MpiTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="fccsim_mpi_")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w") as f:
            f.write(text)
        return path

    def path(self, name):
        return os.path.join(self.tmp, name)

    def assertExit(self, result, code):
        self.assertEqual(result.returncode, code,
                         f"exit {result.returncode}, expected {code}\n"
                         f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")

    def folder_bytes(self, folder):
        return folder_bytes(folder)

    def scenario(self, days=2):
        return self.write("tiny.textproto", VALID_SCENARIO.replace("days: 1", f"days: {days}"))

    def sweep(self, days=2, replications=3):
        self.scenario(days)
        return self.write("s.sweep", f"""
name: "headcounts"
base: "tiny.textproto"
axes {{ name: "handlers" path: "roster.shifts[name=\\"all day\\"].headcount"
        values: ["2", "3", "4", "5", "6", "7"] }}
replications: {replications}
""")

    # ---- the same bytes ----

    def test_run_on_two_and_three_processes_writes_the_bytes_of_one(self):
        scenario = self.scenario()
        alone = fccsim("run", scenario, "-o", self.path("one.pb"), "--csv", self.path("one"),
                       "--replications", "7", "--seed", "3", "--threads", "2")
        self.assertExit(alone, 0)
        expected = self.folder_bytes(self.path("one"))
        with open(self.path("one.pb"), "rb") as f:
            expected["results"] = f.read()
        for processes in (2, 3):
            out = self.path(f"n{processes}")
            result = mpirun(processes, "run", scenario, "-o", out + ".pb", "--csv", out,
                            "--replications", "7", "--seed", "3", "--threads", "1")
            self.assertExit(result, 0)
            got = self.folder_bytes(out)
            with open(out + ".pb", "rb") as f:
                got["results"] = f.read()
            self.assertEqual(got, expected, f"{processes} processes")
            # The summary is printed once, by the first process.
            self.assertEqual(result.stdout, alone.stdout)

    def test_sweep_on_two_and_three_processes_writes_the_folder_of_one(self):
        sweep = self.sweep()
        self.assertExit(fccsim("sweep", sweep, "-o", self.path("one"), "--threads", "2"), 0)
        expected = self.folder_bytes(self.path("one"))
        for processes in (2, 3):
            out = self.path(f"n{processes}")
            result = mpirun(processes, "sweep", sweep, "-o", out, "--threads", "1")
            self.assertExit(result, 0)
            self.assertEqual(self.folder_bytes(out), expected, f"{processes} processes")
            self.assertEqual(result.stdout.count('Sweep "headcounts"'), 1)

    def plan_outputs(self, name):
        """A plan's outputs as {name: bytes}: the plan, its tables and its planned scenario."""
        got = {f"csv/{k}": v for k, v in self.folder_bytes(self.path(name + "_csv")).items()}
        got.update({f"roster/{k}": v
                    for k, v in self.folder_bytes(self.path(name + "_roster")).items()})
        with open(self.path(name + ".pb"), "rb") as f:
            got["plan"] = f.read()
        return got

    def plan_args(self, name):
        return ["-o", self.path(name + ".pb"), "--csv", self.path(name + "_csv"),
                "--roster", self.path(name + "_roster")]

    def test_plan_simulating_on_two_and_three_processes_writes_the_plan_of_one(self):
        # Staffing by simulation, the shift plan's verification and the roster's top-up all
        # simulate: each simulation's replications are spread over the processes.
        scenario = self.write("shifts.textproto", SHIFT_SCENARIO)
        alone = fccsim("plan", scenario, "--simulate", "--replications", "5", "--threads", "2",
                       *self.plan_args("one"))
        self.assertExit(alone, 0)
        self.assertIn("Shift plan:", alone.stdout)
        expected = self.plan_outputs("one")
        self.assertIn("roster/planned.textproto", expected)  # the shift plan
        self.assertIn("roster/topped_up.textproto", expected)  # and the top-up
        for processes in (2, 3):
            name = f"n{processes}"
            result = mpirun(processes, "plan", scenario, "--simulate", "--replications", "5",
                            "--threads", "1", *self.plan_args(name))
            self.assertExit(result, 0)
            self.assertEqual(self.plan_outputs(name), expected, f"{processes} processes")
            self.assertEqual(result.stdout, alone.stdout)  # printed once
        # Without --simulate there is nothing to share: the first process plans alone.
        self.assertExit(fccsim("plan", scenario, "-o", self.path("a.pb")), 0)
        result = mpirun(2, "plan", scenario, "-o", self.path("b.pb"))
        self.assertExit(result, 0)
        with open(self.path("a.pb"), "rb") as a, open(self.path("b.pb"), "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_compare_on_two_and_three_processes_writes_the_comparison_of_one(self):
        scenario = self.scenario()
        fewer = self.write("fewer.textproto", VALID_SCENARIO.replace("days: 1", "days: 2")
                           .replace("headcount: 3", "headcount: 2"))
        variants = [fewer, "--variant", "more", "--set",
                    'roster.shifts[name="all day"].headcount=4']
        alone = fccsim("compare", scenario, *variants, "-o", self.path("one.pb"), "--csv",
                       self.path("one"), "--replications", "6", "--threads", "2")
        self.assertExit(alone, 0)
        expected = self.folder_bytes(self.path("one"))
        with open(self.path("one.pb"), "rb") as f:
            expected["comparison"] = f.read()
        for processes in (2, 3):
            out = self.path(f"n{processes}")
            result = mpirun(processes, "compare", scenario, *variants, "-o", out + ".pb", "--csv",
                            out, "--replications", "6", "--threads", "1")
            self.assertExit(result, 0)
            got = self.folder_bytes(out)
            with open(out + ".pb", "rb") as f:
                got["comparison"] = f.read()
            self.assertEqual(got, expected, f"{processes} processes")
            self.assertEqual(result.stdout, alone.stdout)  # printed once

    # ---- refused before anything is written ----

    def test_processes_running_another_build_are_refused_and_nothing_written(self):
        sweep = self.sweep()
        other = with_env(FCCSIM_TEST_OTHER_BUILD_RANK="2")
        result = mpirun(3, "sweep", sweep, "-o", self.path("out"), env=other)
        self.assertExit(result, 2)
        self.assertIn("process 2 runs another fccsim build than process 0", result.stderr)
        self.assertFalse(os.path.exists(self.path("out")))
        result = mpirun(2, "run", self.path("tiny.textproto"), "-o", self.path("r.pb"),
                        env=with_env(FCCSIM_TEST_OTHER_BUILD_RANK="1"))
        self.assertExit(result, 2)
        self.assertIn("process 1 runs another fccsim build", result.stderr)
        self.assertFalse(os.path.exists(self.path("r.pb")))
        scenario = self.write("shifts.textproto", SHIFT_SCENARIO)
        result = mpirun(2, "plan", scenario, "--simulate", "-o", self.path("p.pb"),
                        env=with_env(FCCSIM_TEST_OTHER_BUILD_RANK="1"))
        self.assertExit(result, 2)
        self.assertIn("process 1 runs another fccsim build", result.stderr)
        self.assertFalse(os.path.exists(self.path("p.pb")))

    def test_a_binary_moved_away_from_its_mpi_module_says_so(self):
        # MPI is loaded only under mpirun, from the module the build puts beside the binary.
        alone = os.path.join(self.tmp, "fccsim")
        shutil.copy(FCCSIM, alone)
        result = subprocess.run(
            ["mpirun", "--oversubscribe", "-n", "2"] +
            (["--allow-run-as-root"] if os.geteuid() == 0 else []) +
            [alone, "run", self.scenario(), "-o", self.path("r.pb")],
            capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("fccsim: started by mpirun, but its MPI module did not load", result.stderr)
        self.assertFalse(os.path.exists(self.path("r.pb")))
        # Without mpirun it needs no module.
        self.assertExit(subprocess.run([alone, "run", self.path("tiny.textproto"), "-o",
                                        self.path("r.pb")], capture_output=True, text=True,
                                       timeout=TIMEOUT_S, check=False), 0)

    def test_bad_input_is_reported_once_and_ends_every_process(self):
        sweep = self.sweep()
        result = mpirun(3, "sweep", sweep)  # no -o
        self.assertExit(result, 2)
        self.assertEqual(result.stderr.count("-o DIR is required"), 1, result.stderr)
        self.write("broken.textproto", "name: \"x\"\nhorizon { days: -1 }\n")
        result = mpirun(2, "run", self.path("broken.textproto"), "-o", self.path("b.pb"))
        self.assertExit(result, 2)
        self.assertEqual(result.stderr.count("broken.textproto:2"), 1, result.stderr)
        self.assertFalse(os.path.exists(self.path("b.pb")))
        result = mpirun(2, "compare", self.path("tiny.textproto"), self.path("broken.textproto"),
                        "-o", self.path("c.pb"))
        self.assertExit(result, 2)
        self.assertEqual(result.stderr.count("broken.textproto:2"), 1, result.stderr)
        self.assertFalse(os.path.exists(self.path("c.pb")))
        # A command that does not share its work is the first process's alone.
        result = mpirun(2, "validate", self.path("tiny.textproto"))
        self.assertExit(result, 0)
        self.assertEqual(result.stdout.count("tiny.textproto"), 1, result.stdout)

    # ---- failures ----

    def test_a_replication_failing_on_any_process_is_named_and_the_points_done_kept(self):
        sweep = self.sweep()
        self.assertExit(fccsim("sweep", sweep, "-o", self.path("whole")), 0)
        expected = self.folder_bytes(self.path("whole"))
        result = mpirun(3, "sweep", sweep, "-o", self.path("failed"), "--threads", "1",
                        env=with_env(FCCSIM_TEST_FAIL_REPLICATION="2:1"))
        self.assertExit(result, 1)
        self.assertIn("point 2 (handlers=4), replication 1 (seed 1) failed", result.stderr)
        kept = self.folder_bytes(self.path("failed"))
        for name in ("points/point_0000.pb", "points/point_0001.pb"):
            self.assertEqual(kept[name], expected[name])
        self.assertNotIn("points/point_0002.pb", kept)
        result = mpirun(2, "run", self.path("tiny.textproto"), "-o", self.path("r.pb"),
                        "--replications", "6", "--seed", "5", "--threads", "1",
                        env=with_env(FCCSIM_TEST_FAIL_REPLICATION="3"))
        self.assertExit(result, 1)
        self.assertIn("replication 3 failed (seed 5)", result.stderr)
        self.assertFalse(os.path.exists(self.path("r.pb")))
        # The planner's simulations: the plan ends, every process with it, nothing written.
        scenario = self.write("shifts.textproto", SHIFT_SCENARIO)
        result = mpirun(3, "plan", scenario, "--simulate", "-o", self.path("p.pb"),
                        "--threads", "1", env=with_env(FCCSIM_TEST_FAIL_REPLICATION="2"))
        self.assertExit(result, 1)
        self.assertIn("replication 2 of a simulation failed (seed 3)", result.stderr)
        self.assertFalse(os.path.exists(self.path("p.pb")))

    def test_plan_and_compare_hand_replications_to_the_other_processes(self):
        # Every replication process 1 runs fails, and only there: a failure reported proves
        # that process 1 ran some (the bytes tests would pass with process 0 doing all).
        on_1 = with_env(FCCSIM_TEST_FAIL_REPLICATION="any", FCCSIM_TEST_FAIL_RANK="1")
        scenario = self.write("shifts.textproto", SHIFT_SCENARIO)
        result = mpirun(2, "plan", scenario, "--simulate", "-o", self.path("p.pb"),
                        "--threads", "1", env=on_1)
        self.assertExit(result, 1)
        self.assertIn("of a simulation failed (seed 3): failure injected by a test",
                      result.stderr)
        self.assertFalse(os.path.exists(self.path("p.pb")))
        tiny = self.scenario(days=10)  # replications long enough for both to take some
        result = mpirun(2, "compare", tiny, "--variant", "more", "--set",
                        'roster.shifts[name="all day"].headcount=4', "-o", self.path("c.pb"),
                        "--replications", "20", "--threads", "1", env=on_1)
        self.assertExit(result, 1)
        self.assertIn("failed (seed 1): failure injected by a test", result.stderr)
        self.assertFalse(os.path.exists(self.path("c.pb")))
        # Alone, process 0 is not rank 1: nothing fails.
        self.assertExit(fccsim("compare", tiny, "--variant", "more", "--set",
                               'roster.shifts[name="all day"].headcount=4', "-o",
                               self.path("c.pb"), env=on_1), 0)

    def test_a_dead_process_ends_the_job_and_resume_finishes_it(self):
        sweep = self.sweep(days=10)
        self.assertExit(fccsim("sweep", sweep, "-o", self.path("whole")), 0)
        expected = self.folder_bytes(self.path("whole"))
        out = self.path("lost")
        started = time.monotonic()
        # Process 1 is killed as it starts its second task (of 18, on two processes).
        result = mpirun(2, "sweep", sweep, "-o", out, "--threads", "1",
                        env=with_env(FCCSIM_TEST_KILL_RANK="1:1"), timeout=300)
        took = time.monotonic() - started
        self.assertNotEqual(result.returncode, 0, result.stderr)
        self.assertLess(took, 120, "a dead process must end the job in bounded time")
        kept = self.folder_bytes(out)
        points = [n for n in kept if n.startswith("points/") and ".tmp" not in n]
        self.assertLess(len(points), 6, points)
        for name in points:  # what was written is whole, as the uninterrupted sweep's
            self.assertEqual(kept[name], expected[name], name)
        result = mpirun(2, "sweep", sweep, "-o", out, "--resume", "--threads", "1")
        self.assertExit(result, 0)
        self.assertEqual(self.folder_bytes(out), expected)

    def start(self, *args):
        command = ["mpirun", "--oversubscribe", "-n", "2"]
        if os.geteuid() == 0:
            command.append("--allow-run-as-root")
        return subprocess.Popen(command + [FCCSIM, *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)

    def test_sigusr1_to_mpirun_stops_a_sweep_keeping_its_points_and_resume_finishes_it(self):
        sweep = self.sweep(days=60, replications=4)
        self.assertExit(fccsim("sweep", sweep, "-o", self.path("whole")), 0)
        expected = self.folder_bytes(self.path("whole"))
        out = self.path("stopped")
        job = self.start("sweep", sweep, "-o", out, "--threads", "1")
        points = os.path.join(out, "points")
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and job.poll() is None:
            if os.path.isdir(points) and any(n.endswith(".pb") for n in os.listdir(points)):
                break
            time.sleep(0.02)
        job.send_signal(signal.SIGUSR1)
        _, stderr = job.communicate(timeout=TIMEOUT_S)
        self.assertNotEqual(job.returncode, 0, "the sweep ended before the signal")
        self.assertIn("stopped by a signal", stderr)
        self.assertEqual(stderr.count("stopping once the work in hand is done"), 1, stderr)
        kept = self.folder_bytes(out)
        for name in kept:
            if name.startswith("points/"):
                self.assertEqual(kept[name], expected[name], name)
        self.assertIn("sweep.pb", kept)
        result = fccsim("sweep", sweep, "-o", out, "--resume")
        self.assertExit(result, 0)
        self.assertEqual(self.folder_bytes(out), expected)

    def test_sigusr1_to_mpirun_stops_a_run_and_resume_on_three_finishes_it(self):
        scenario = self.scenario(days=300)
        args = ["--replications", "80", "--seed", "2", "--threads", "1"]
        self.assertExit(fccsim("run", scenario, "-o", self.path("whole.pb"), *args), 0)
        out = self.path("part.pb")
        delay = 1.0  # mpirun itself takes about half a second to start
        for _ in range(8):  # until the signal lands while replications run
            job = self.start("run", scenario, "-o", out, *args)
            time.sleep(delay)
            job.send_signal(signal.SIGUSR1)
            _, stderr = job.communicate(timeout=TIMEOUT_S)
            if os.path.exists(out + ".resume"):
                break
            # Taken but too late (every replication begun), or too early: before the run
            # listened for it (still loading), when it is ignored.
            taken = "stopping once the work in hand is done" in stderr
            delay = delay / 2 if taken else delay * 2
        self.assertTrue(os.path.exists(out + ".resume"), stderr)
        self.assertIn("the same command with --resume finishes the run", stderr)
        result = mpirun(3, "run", scenario, "-o", out, *args, "--resume")
        self.assertExit(result, 0)
        with open(out, "rb") as a, open(self.path("whole.pb"), "rb") as b:
            self.assertEqual(a.read(), b.read())
        self.assertFalse(os.path.exists(out + ".resume"))

if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: mpi_test.py FCCSIM_BINARY")
    FCCSIM = os.path.abspath(sys.argv[1])
    unittest.main(argv=sys.argv[:1], verbosity=2)
