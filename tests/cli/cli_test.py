"""The fccsim command line, run as a user runs it.

Usage: python3 tests/cli/cli_test.py FCCSIM_BINARY REPO_ROOT

Every scenario in scenarios/ is validated and run (two replications, fixed seed), and run
again on a different number of threads to check the results are identical byte for byte.
Standard library only.
"""

import csv
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest

FCCSIM = None
REPO = None
TIMEOUT_S = 1800  # a run under the sanitizers is slow; a hang still ends

# A small valid scenario, and the lines the broken variants below change.
VALID_SCENARIO = """\
name: "tiny"
horizon { days: 1 warm_up_hours: 1 }
channels {
  name: "calls"
  arrivals { weekly { contacts_per_week: 1680 } }
  talk { exponential { mean_s: 180 } }
  target { answer_within_s: 20 fraction: 0.8 }
}
groups { name: "handlers" skills: "calls" }
roster {
  shifts {
    name: "all day"
    group: "handlers"
    start: "00:00"
    length_minutes: 1440
    headcount: 3
  }
}
"""


# Two days of hourly intervals, one channel answered by one group whose shifts the planner
# chooses: early, late and night patterns with a break it places.
SHIFT_SCENARIO = """\
name: "shifts"
horizon { days: 2 interval_minutes: 60 warm_up_hours: 2 }
channels {
  name: "calls"
  arrivals { weekly { contacts_per_week: 8400
                      intraday_weights: [1, 1, 1, 1, 1, 1, 2, 3, 4, 4, 4, 4,
                                         4, 4, 4, 4, 4, 4, 3, 3, 2, 2, 1, 1] } }
  talk { exponential { mean_s: 240 } }
  patience { exponential { mean_s: 300 } }
  target { answer_within_s: 20 fraction: 0.8 }
}
groups { name: "handlers" skills: "calls" }
roster {
  shifts { name: "day" group: "handlers" start: "00:00" length_minutes: 1440 headcount: 8 }
  shrinkage: 0.2
}
planning {
  patterns { name: "early" group: "handlers" earliest_start: "06:00" latest_start: "09:00"
             length_minutes: 480
             breaks { length_minutes: 60 earliest_after_minutes: 180 latest_after_minutes: 300 } }
  patterns { name: "late" group: "handlers" earliest_start: "13:00" latest_start: "16:00"
             length_minutes: 480
             breaks { length_minutes: 60 earliest_after_minutes: 180 latest_after_minutes: 300 } }
  patterns { name: "night" group: "handlers" earliest_start: "21:00" latest_start: "23:00"
             length_minutes: 480 cost: 10 }
}
run { replications: 4 seed: 3 }
"""


def line_of(text, needle):
    """The 1-based number of the line of `text` holding `needle`."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


BROKEN_SHIFT_LINE = line_of(VALID_SCENARIO, "length_minutes: 1440")
HEADCOUNT_LINE = line_of(VALID_SCENARIO, "headcount:")


def broken_scenario():
    """VALID_SCENARIO with a shift of length 0 on BROKEN_SHIFT_LINE."""
    return VALID_SCENARIO.replace("length_minutes: 1440", "length_minutes: 0")


def fccsim(*args):
    return subprocess.run([FCCSIM, *args], capture_output=True, text=True, timeout=TIMEOUT_S,
                          check=False)


def folder_bytes(folder):
    """Every file below `folder`, by its path relative to it: the bytes a command wrote."""
    files = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                files[os.path.relpath(path, folder)] = f.read()
    return files


def scenario_files():
    return sorted(glob.glob(os.path.join(REPO, "scenarios", "*.textproto")))


def channel_names(path):
    """The channel names of a scenario, read with a regular expression (no protobuf needed):
    the scenarios name each channel first in its block."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return re.findall(r'^channels\s*\{\s*(?:#[^\n]*\n\s*)*name:\s*"([^"]+)"', text, re.M)


class CliTest(unittest.TestCase):

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="fccsim_cli_")
        self.tmp = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def assertExit(self, result, code):
        self.assertEqual(result.returncode, code,
                         f"exit {result.returncode}, expected {code}\n"
                         f"stdout:\n{result.stdout}\nstderr:\n{result.stderr}")

    # ---- usage ----

    def test_help_exits_zero_for_fccsim_and_each_command(self):
        result = fccsim("--help")
        self.assertExit(result, 0)
        for command in ("run", "validate", "erlang", "plan", "compare", "sweep"):
            self.assertIn(command, result.stdout)
        for command in ("run", "validate", "erlang", "plan", "compare", "sweep"):
            with self.subTest(command=command):
                result = fccsim(command, "--help")
                self.assertExit(result, 0)
                self.assertIn("usage: fccsim " + command, result.stdout)

    def test_unknown_or_missing_command_exits_two(self):
        result = fccsim("simulate")
        self.assertExit(result, 2)
        self.assertIn("simulate", result.stderr)
        self.assertExit(fccsim(), 2)

    # ---- validate ----

    def test_validate_accepts_every_scenario(self):
        files = scenario_files()
        self.assertTrue(files, "no scenarios/*.textproto")
        for path in files:
            with self.subTest(scenario=os.path.basename(path)):
                result = fccsim("validate", path)
                self.assertExit(result, 0)
                self.assertIn(path + ": ok", result.stdout)

    def test_validate_reports_file_line_column_and_field_path(self):
        path = self.write("broken.textproto", broken_scenario())
        result = fccsim("validate", path)
        self.assertExit(result, 2)
        self.assertNotIn(": ok", result.stdout)
        self.assertRegex(result.stderr,
                         re.escape(path) + f":{BROKEN_SHIFT_LINE}:[0-9]+: "
                         r"roster\.shifts\[0\]\.length_minutes: ")

    def test_validate_reports_a_syntax_error_with_its_position(self):
        path = self.write("typo.textproto", VALID_SCENARIO.replace("headcount:", "headcont:"))
        result = fccsim("validate", path)
        self.assertExit(result, 2)
        self.assertRegex(result.stderr, re.escape(path) + f":{HEADCOUNT_LINE}:[0-9]+: ")

    def test_validate_a_missing_file_exits_two(self):
        result = fccsim("validate", os.path.join(self.tmp, "missing.textproto"))
        self.assertExit(result, 2)
        self.assertIn("missing.textproto", result.stderr)

    # ---- run ----

    def test_run_every_scenario_and_identical_results_whatever_the_threads(self):
        for path in scenario_files():
            name = os.path.basename(path)
            with self.subTest(scenario=name):
                one = os.path.join(self.tmp, name + ".t1.pb")
                two = os.path.join(self.tmp, name + ".t2.pb")
                csv_dir = os.path.join(self.tmp, name + ".csv")
                result = fccsim("run", path, "--replications", "2", "--seed", "7",
                                "--threads", "1", "-o", one, "--csv", csv_dir)
                self.assertExit(result, 0)
                self.assertGreater(os.path.getsize(one), 0)
                self.assertTrue(os.listdir(csv_dir), "no CSV files written")
                channels = channel_names(path)
                self.assertTrue(channels, "no channel names found in " + name)
                for channel in channels:
                    self.assertIn(channel, result.stdout)
                self.assertEqual(result.stderr, "", "progress written to a pipe")

                result = fccsim("run", path, "--replications=2", "--seed=7", "--threads=2",
                                "--output", two)
                self.assertExit(result, 0)
                with open(one, "rb") as f1, open(two, "rb") as f2:
                    self.assertTrue(f1.read() == f2.read(),
                                    "results differ between --threads 1 and --threads 2")

    def test_run_broken_scenario_exits_two_and_writes_nothing(self):
        path = self.write("broken.textproto", broken_scenario())
        out = os.path.join(self.tmp, "r.pb")
        csv_dir = os.path.join(self.tmp, "csv")
        result = fccsim("run", path, "-o", out, "--csv", csv_dir, "--replications", "2")
        self.assertExit(result, 2)
        self.assertIn("roster.shifts[0].length_minutes", result.stderr)
        self.assertEqual(sorted(os.listdir(self.tmp)), ["broken.textproto"])

    def test_run_refuses_bad_options_before_writing(self):
        path = self.write("tiny.textproto", VALID_SCENARIO)
        out = os.path.join(self.tmp, "r.pb")
        cases = [
            ["run", path],                                    # no -o
            ["run", "-o", out],                               # no scenario
            ["run", path, path, "-o", out],                   # two scenarios
            ["run", path, "-o", out, "--replications", "0"],
            ["run", path, "-o", out, "--replications", "-3"],
            ["run", path, "-o", out, "--replications", "10x"],
            ["run", path, "-o", out, "--replications", "2.5"],
            ["run", path, "-o", out, "--replications"],       # no value
            ["run", path, "-o", out, "--threads", "two"],
            ["run", path, "-o", out, "--seed", "-1"],
            ["run", path, "-o", out, "--seed", "18446744073709551616"],  # 2^64
            ["run", path, "-o", out, "--colour", "red"],
            ["run", path, "-o", os.path.join(self.tmp, "no_such_dir", "r.pb")],
            ["run", path, "-o", self.tmp],                    # a directory
        ]
        for args in cases:
            with self.subTest(args=" ".join(args[2:])):
                result = fccsim(*args)
                self.assertExit(result, 2)
                self.assertTrue(result.stderr.strip(), "no message")
                self.assertEqual(sorted(os.listdir(self.tmp)), ["tiny.textproto"])

    def test_run_never_replaces_a_file_the_scenario_is_read_from(self):
        # A table whose name is one --csv writes, and the scenario given as -o (also by a
        # link): each refused before the run, every input left as it was.
        days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        table = "weekday,start,calls\n" + "".join(
            f"{d},{h:02d}:00,70\n" for d in days for h in range(24))
        self.write("channel_summary.csv", table)
        scenario = VALID_SCENARIO.replace(
            "horizon { days: 1 warm_up_hours: 1 }",
            "horizon { days: 1 warm_up_hours: 1 interval_minutes: 60 }").replace(
            "arrivals { weekly { contacts_per_week: 1680 } }",
            'arrivals { table { csv: "channel_summary.csv" column: "calls" } }')
        path = self.write("tiny.textproto", scenario)
        os.symlink("tiny.textproto", os.path.join(self.tmp, "link.pb"))
        before = {name: open(os.path.join(self.tmp, name), encoding="utf-8").read()
                  for name in ("tiny.textproto", "channel_summary.csv")}
        out = os.path.join(self.tmp, "r.pb")
        cases = [
            (["-o", out, "--csv", self.tmp], "--csv would replace"),
            (["-o", path], "-o would replace"),
            (["-o", os.path.join(self.tmp, ".", "..", os.path.basename(self.tmp),
                                 "tiny.textproto")], "-o would replace"),
            (["-o", os.path.join(self.tmp, "link.pb")], "-o would replace"),
            (["-o", os.path.join(self.tmp, "group_summary.csv"), "--csv", self.tmp],
             "also a file --csv writes"),
        ]
        for args, message in cases:
            with self.subTest(args=" ".join(args)):
                result = fccsim("run", path, "--replications", "1", *args)
                self.assertExit(result, 2)
                self.assertIn(message, result.stderr)
                self.assertEqual(sorted(os.listdir(self.tmp)),
                                 ["channel_summary.csv", "link.pb", "tiny.textproto"])
                for name, text in before.items():
                    with open(os.path.join(self.tmp, name), encoding="utf-8") as f:
                        self.assertEqual(f.read(), text, name)
        # The same scenario written elsewhere runs.
        result = fccsim("run", path, "--replications", "1", "-o", out,
                        "--csv", os.path.join(self.tmp, "csv"))
        self.assertExit(result, 0)

    def test_run_tiny_scenario_uses_its_run_settings_by_default(self):
        path = self.write("tiny.textproto", VALID_SCENARIO + "run { replications: 2 seed: 3 }\n")
        out = os.path.join(self.tmp, "r.pb")
        result = fccsim("run", path, "-o", out)
        self.assertExit(result, 0)
        self.assertGreater(os.path.getsize(out), 0)
        self.assertIn("calls", result.stdout)

    # ---- plan ----

    def test_plan_every_scenario_writes_the_plan_and_its_tables(self):
        for path in scenario_files():
            with self.subTest(scenario=os.path.basename(path)):
                out = os.path.join(self.tmp, "plan.pb")
                csv = os.path.join(self.tmp, "plan_csv")
                result = fccsim("plan", path, "-o", out, "--csv", csv)
                self.assertExit(result, 0)
                self.assertIn("Agent-hours", result.stdout)
                for name in channel_names(path):
                    self.assertIn(name, result.stdout)
                self.assertGreater(os.path.getsize(out), 0)
                with open(os.path.join(csv, "plan_channels.csv"), encoding="utf-8") as f:
                    lines = f.read().splitlines()
                self.assertTrue(lines[0].startswith("channel,index,day,weekday,start,offered"))
                # One row per channel and reported interval.
                self.assertEqual((len(lines) - 1) % len(channel_names(path)), 0)
                with open(os.path.join(csv, "plan_groups.csv"), encoding="utf-8") as f:
                    self.assertTrue(f.readline().startswith("group,index,"))

    def test_set_changes_a_field_as_editing_the_file_would(self):
        # A run with --set gives the tables a run of the file edited the same way gives;
        # the file itself is never changed.
        path = self.write("tiny.textproto", VALID_SCENARIO)
        edited = self.write("edited.textproto",
                            VALID_SCENARIO.replace("headcount: 3", "headcount: 4")
                            .replace('name: "tiny"', 'name: "tiny v2"'))
        tables = []
        for name, args in (("set", [path, "--set", 'roster.shifts[name="all day"].headcount=4',
                                    "--set=name=tiny v2"]),
                           ("edited", [edited])):
            folder = os.path.join(self.tmp, name)
            result = fccsim("run", *args, "-o", os.path.join(self.tmp, name + ".pb"),
                            "--replications", "2", "--csv", folder)
            self.assertExit(result, 0)
            self.assertIn('Scenario "tiny v2"', result.stdout)
            tables.append([open(os.path.join(folder, f), "rb").read()
                           for f in ("channel_intervals.csv", "group_intervals.csv")])
        self.assertEqual(tables[0], tables[1])
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.read(), VALID_SCENARIO)
        # validate and plan take it too.
        result = fccsim("validate", path, "--set", 'roster.shifts[0].headcount=4')
        self.assertExit(result, 0)
        out = os.path.join(self.tmp, "plan.pb")
        result = fccsim("plan", path, "-o", out, "--set", 'roster.shifts[0].headcount=4')
        self.assertExit(result, 0)
        # A wrong one: exit 2, the override named, nothing written.
        cases = [
            (["run", path, "-o", out + "2", "--set", 'roster.shifts[name="late"].headcount=4'],
             '--set roster.shifts[name="late"].headcount=4: no element of roster.shifts has '
             'name "late" (it has "all day")'),
            (["run", path, "-o", out + "2", "--set", "roster.shifts[0].length_minutes=0"],
             "--set roster.shifts[0].length_minutes=0: roster.shifts[0].length_minutes: must be"),
            (["plan", path, "-o", out + "2", "--set", "horizon.dayz=2"],
             '--set horizon.dayz=2: horizon has no field "dayz" (did you mean "days"?)'),
            (["validate", path, "--set", "run.seed"], "expected PATH=VALUE"),
            (["run", path, "-o", out + "2", "--set"], "--set needs a value"),
        ]
        for args, message in cases:
            with self.subTest(args=" ".join(args)):
                result = fccsim(*args)
                self.assertExit(result, 2)
                self.assertIn(message, result.stderr)
                self.assertFalse(os.path.exists(out + "2"))

    def test_plan_refuses_bad_options_and_never_replaces_an_input(self):
        path = self.write("tiny.textproto", VALID_SCENARIO)
        out = os.path.join(self.tmp, "plan.pb")
        cases = [
            (["plan", path], "-o PLAN.pb is required"),
            (["plan", "-o", out], "no scenario file given"),
            (["plan", path, "-o", out, "--max-occupancy", "0"], "--max-occupancy must be"),
            (["plan", path, "-o", out, "--max-occupancy", "85"], "--max-occupancy must be"),
            (["plan", path, "-o", out, "--max-occupancy"], "--max-occupancy needs a value"),
            (["plan", path, "-o", self.tmp], "is a directory"),
            (["plan", path, "-o", path], "-o would replace"),
            (["plan", path, "-o", out, "--replications", "3"], "apply to --simulate"),
            (["plan", path, "-o", out, "--simulate", "--replications", "0"],
             "--replications must be a whole number from 1 to 1000"),
            (["plan", path, "-o", out, "--simulate", "--seed", "-1"], "--seed must be"),
            (["plan", path, "-o", out, "--confidence", "0.9"], "apply to --simulate"),
            (["plan", path, "-o", out, "--simulate", "--confidence", "0.4"],
             "--confidence must be a probability from 0.5 to below 1"),
            (["plan", path, "-o", out, "--simulate", "--confidence", "1"],
             "--confidence must be"),
            (["plan", path, "-o", out, "--simulate", "--confidence", "nan"],
             "--confidence must be"),
            (["plan", path, "-o", out, "--simulate", "--confidence", "0.9",
              "--replications", "1"], "--confidence above 0.5 needs --replications of at least 2"),
            (["plan", path, "-o", out, "--workers", "3"], "unknown option --workers"),
            (["plan", path, "-o", out, "--csv", out], "is also the --csv folder"),
            (["run", path, "-o", out, "--csv", out], "is also the --csv folder"),
            (["plan", self.write("broken.textproto", broken_scenario()), "-o", out],
             "length_minutes"),
        ]
        for args, message in cases:
            with self.subTest(args=" ".join(args[1:])):
                result = fccsim(*args)
                self.assertExit(result, 2)
                self.assertIn(message, result.stderr)
                self.assertFalse(os.path.exists(out))
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.read(), VALID_SCENARIO)

    def test_plan_simulate_meets_every_target_and_is_the_same_whatever_the_threads(self):
        path = os.path.join(REPO, "scenarios", "erlang_a.textproto")
        plans = []
        for threads in ("1", "2"):
            out = os.path.join(self.tmp, f"plan{threads}.pb")
            result = fccsim("plan", path, "-o", out, "--simulate", "--replications", "4",
                            "--threads", threads, "--csv", os.path.join(self.tmp, "csv"))
            self.assertExit(result, 0)
            self.assertIn("Staffing by simulation:", result.stdout)
            self.assertIn("converged", result.stdout)
            with open(out, "rb") as f:
                plans.append(f.read())
        self.assertEqual(plans[0], plans[1])
        self.assertIn("targets judged by the estimate", result.stdout)
        # At a confidence, the plan says so and staffs more: the bound sits below the estimate.
        result = fccsim("plan", path, "-o", os.path.join(self.tmp, "sure.pb"), "--simulate",
                        "--replications", "4", "--confidence", "0.9",
                        "--csv", os.path.join(self.tmp, "sure_csv"))
        self.assertExit(result, 0)
        self.assertIn("targets judged at 90% confidence (one-sided bound)", result.stdout)

        def handlers(folder):
            with open(os.path.join(self.tmp, folder, "plan_groups.csv"), encoding="utf-8") as f:
                return sum(float(r["simulated_on_duty"]) for r in csv.DictReader(f))
        self.assertGreater(handlers("sure_csv"), handlers("csv"))
        with open(os.path.join(self.tmp, "csv", "plan_groups.csv"), encoding="utf-8") as f:
            header = f.readline().strip().split(",")
        self.assertIn("simulated_on_duty", header)

    def test_plan_roster_runs_and_reproduces_the_plans_simulation(self):
        # The staffing found, written as a scenario, run with the plan's seed and
        # replications: the same callers and handlers, so the same figures per interval (to
        # the last bits: the run estimates its ratios from running means).
        roster = os.path.join(self.tmp, "roster")
        plan_csv = os.path.join(self.tmp, "plan_csv")
        result = fccsim("plan", os.path.join(REPO, "scenarios", "gmp_triage.textproto"),
                        "-o", os.path.join(self.tmp, "plan.pb"), "--csv", plan_csv,
                        "--simulate", "--replications", "3", "--roster", roster)
        self.assertExit(result, 0)
        self.assertEqual(sorted(os.listdir(roster)),
                         ["planned.textproto", "planned_headcount.csv"])
        run_csv = os.path.join(self.tmp, "run_csv")
        result = fccsim("run", os.path.join(roster, "planned.textproto"), "-o",
                        os.path.join(self.tmp, "run.pb"), "--replications", "3",
                        "--csv", run_csv)
        self.assertExit(result, 0)
        with open(os.path.join(plan_csv, "plan_channels.csv"), encoding="utf-8") as f:
            planned = {(r["channel"], r["index"]): r["simulated_service_level"]
                       for r in csv.DictReader(f)}
        with open(os.path.join(run_csv, "channel_intervals.csv"), encoding="utf-8") as f:
            ran = {(r["channel"], r["index"]): r["service_level"] for r in csv.DictReader(f)}
        self.assertEqual(planned.keys(), ran.keys())
        for key, level in planned.items():
            if level == "nan":
                self.assertEqual(ran[key], "nan", key)
            else:
                self.assertAlmostEqual(float(ran[key]), float(level), places=12, msg=key)
        result = fccsim("plan", os.path.join(REPO, "scenarios", "gmp_triage.textproto"),
                        "-o", os.path.join(self.tmp, "p2.pb"), "--roster", roster)
        self.assertExit(result, 2)
        self.assertIn("--roster needs --simulate, or shift patterns", result.stderr)

    def test_plan_shifts_verified_roster_runs_and_reproduces_the_verification(self):
        # The planner's roster of shifts, verified by simulation, written as a scenario and
        # run with the plan's seed and replications: the same figures per interval. The same
        # plan, byte for byte, whatever the thread count.
        path = self.write("shifts.textproto", SHIFT_SCENARIO)
        plans = []
        for threads in ("1", "2"):
            roster = os.path.join(self.tmp, "roster" + threads)
            plan_csv = os.path.join(self.tmp, "plan_csv" + threads)
            out = os.path.join(self.tmp, f"plan{threads}.pb")
            result = fccsim("plan", path, "-o", out, "--csv", plan_csv, "--simulate",
                            "--replications", "4", "--threads", threads, "--roster", roster)
            self.assertExit(result, 0)
            self.assertIn("Shift plan: COIN-OR CBC", result.stdout)
            self.assertIn("optimal", result.stdout)
            self.assertIn("the planned roster meets every target", result.stdout)
            # The hand-made roster compared over the days planned: 8 handlers for 24 hours on
            # the two days of the horizon (a week's other days are not planned).
            self.assertIn("the scenario's roster of these groups: 384.0 h", result.stdout)
            # Its one 24-hour shift topped up to meet the targets costs more than the plan.
            self.assertRegex(result.stdout, r"Topped up instead \(the scenario's shifts, each "
                             r"keeping its handlers\): [0-9.]+ paid hours a week .* meeting "
                             r"every target; the plan saves [0-9.]+ h a week against it")
            with open(out, "rb") as f:
                plans.append(f.read())
        self.assertEqual(plans[0], plans[1])
        self.assertEqual(sorted(os.listdir(roster)), ["planned.textproto", "topped_up.textproto"])
        with open(os.path.join(plan_csv, "plan_shifts.csv"), encoding="utf-8") as f:
            shifts = list(csv.DictReader(f))
        self.assertGreater(len(shifts), 0)
        self.assertEqual({r["pattern"] for r in shifts} - {"early", "late", "night"}, set())
        for r in shifts:
            self.assertGreater(int(r["headcount"]), 0)
        run_csv = os.path.join(self.tmp, "run_csv")
        result = fccsim("run", os.path.join(roster, "planned.textproto"), "-o",
                        os.path.join(self.tmp, "run.pb"), "--replications", "4",
                        "--csv", run_csv)
        self.assertExit(result, 0)
        with open(os.path.join(plan_csv, "plan_channels.csv"), encoding="utf-8") as f:
            planned = {r["index"]: r["planned_service_level"] for r in csv.DictReader(f)}
        with open(os.path.join(run_csv, "channel_intervals.csv"), encoding="utf-8") as f:
            ran = {r["index"]: r["service_level"] for r in csv.DictReader(f)}
        self.assertEqual(planned.keys(), ran.keys())
        for key, level in planned.items():
            if level == "nan":
                self.assertEqual(ran[key], "nan", key)
            else:
                self.assertGreaterEqual(float(level), 0.8, key)
                self.assertAlmostEqual(float(ran[key]), float(level), places=12, msg=key)
        with open(os.path.join(plan_csv, "plan_groups.csv"), encoding="utf-8") as f:
            for r in csv.DictReader(f):
                self.assertGreaterEqual(int(r["planned_present"]), int(r["planned_need"]), r)
        # The roster topped up, run with the plan's seed and replications: it meets the
        # target in every interval, as its verification found.
        top_csv = os.path.join(self.tmp, "top_csv")
        result = fccsim("run", os.path.join(roster, "topped_up.textproto"), "-o",
                        os.path.join(self.tmp, "top.pb"), "--replications", "4",
                        "--csv", top_csv)
        self.assertExit(result, 0)
        with open(os.path.join(top_csv, "channel_intervals.csv"), encoding="utf-8") as f:
            levels = [r["service_level"] for r in csv.DictReader(f)]
        self.assertEqual(len(levels), 48)
        for level in levels:
            self.assertTrue(level == "nan" or float(level) >= 0.8, levels)
        with open(os.path.join(roster, "topped_up.textproto"), encoding="utf-8") as f:
            topped = f.read()
        self.assertIn('name: "day"', topped)  # the roster's own shift, on its weekdays
        self.assertIn("weekdays: MONDAY", topped)
        self.assertIn("weekdays: TUESDAY", topped)
        # A plan made again into the same folders, without --simulate, then without shift
        # patterns: what it does not write goes, so the folders hold its outputs alone.
        result = fccsim("plan", path, "-o", os.path.join(self.tmp, "again.pb"),
                        "--roster", roster, "--csv", plan_csv)
        self.assertExit(result, 0)
        self.assertEqual(sorted(os.listdir(roster)), ["planned.textproto"])
        result = fccsim("plan", self.write("tiny.textproto", VALID_SCENARIO), "-o",
                        os.path.join(self.tmp, "tiny.pb"), "--csv", plan_csv)
        self.assertExit(result, 0)
        self.assertEqual(sorted(os.listdir(plan_csv)), ["plan_channels.csv", "plan_groups.csv"])

    def test_plan_shift_options_are_checked(self):
        shifts = self.write("shifts.textproto", SHIFT_SCENARIO)
        plain = self.write("tiny.textproto", VALID_SCENARIO)
        out = os.path.join(self.tmp, "plan.pb")
        cases = [
            ([shifts, "--time-limit-s", "0"], "--time-limit-s must be"),
            ([shifts, "--time-limit-s", "nan"], "--time-limit-s must be"),
            ([shifts, "--gap", "1"], "--gap must be"),
            ([shifts, "--gap", "-0.1"], "--gap must be"),
            ([plain, "--gap", "0.01"], "apply to a scenario with shift patterns"),
            ([plain, "--roster", os.path.join(self.tmp, "r")], "--roster needs --simulate"),
            ([shifts, "--simulate", "--max-solves", "0"],
             "--max-solves must be a whole number from 1 to 100"),
            ([shifts, "--simulate", "--max-solves", "101"], "--max-solves must be"),
            ([shifts, "--max-solves", "3"], "apply to --simulate"),
            ([plain, "--simulate", "--max-solves", "3"], "apply to a scenario with shift patterns"),
        ]
        for args, message in cases:
            with self.subTest(args=" ".join(args[1:])):
                result = fccsim("plan", *args, "-o", out)
                self.assertExit(result, 2)
                self.assertIn(message, result.stderr)
                self.assertFalse(os.path.exists(out))
        # One solve allowed: one made, and the plan says whether it was verified.
        result = fccsim("plan", shifts, "-o", out, "--simulate", "--replications", "2",
                        "--max-solves", "1")
        self.assertExit(result, 0)
        self.assertIn(", 1 solve over", result.stdout)
        self.assertTrue("the planned roster meets every target" in result.stdout or
                        "the solves ran out (1)" in result.stdout, result.stdout)

    def test_run_stopped_by_a_signal_writes_the_replications_done(self):
        # The estimates of an interrupted run are those of the prefix of replications it did:
        # its tables equal those of a run asked for exactly that many.
        path = self.write("long.textproto", VALID_SCENARIO.replace("days: 1", "days: 300"))
        out, folder = os.path.join(self.tmp, "stopped.pb"), os.path.join(self.tmp, "stopped")
        for delay in (0.3, 1, 3, 10):  # until one replication at least is done
            process = subprocess.Popen(
                [FCCSIM, "run", path, "-o", out, "--csv", folder, "--replications", "200",
                 "--threads", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(delay)
            process.send_signal(signal.SIGTERM)
            stdout, stderr = process.communicate(timeout=TIMEOUT_S)
            self.assertEqual(process.returncode, 143, stderr)
            if os.path.exists(out):
                break
            # Too early: while loading, a signal ends the run at once (nothing said); once
            # simulating, it says that none was done.
            if stderr:
                self.assertIn("before any replication was done; nothing written", stderr)
        done = int(re.search(r"are of (\d+) of 200 replications \(marked interrupted\)",
                             stderr).group(1))
        self.assertIn(f"Interrupted: the estimates are of replications 0 to {done - 1} of the "
                      "200 asked for", stdout)
        alone = os.path.join(self.tmp, "alone")
        self.assertExit(fccsim("run", path, "-o", os.path.join(self.tmp, "alone.pb"), "--csv",
                               alone, "--replications", str(done)), 0)
        for table in ("channel_summary.csv", "channel_replications.csv",
                      "group_intervals.csv"):
            with open(os.path.join(folder, table), "rb") as a, \
                    open(os.path.join(alone, table), "rb") as b:
                self.assertEqual(a.read(), b.read(), table)

    def test_run_interrupted_resumes_to_the_bytes_of_a_run_never_stopped(self):
        path = self.write("long.textproto", VALID_SCENARIO.replace("days: 1", "days: 300"))
        args = ["--replications", "40", "--seed", "4"]
        whole, whole_csv = os.path.join(self.tmp, "whole.pb"), os.path.join(self.tmp, "whole")
        self.assertExit(fccsim("run", path, "-o", whole, "--csv", whole_csv, *args), 0)
        out, folder = os.path.join(self.tmp, "part.pb"), os.path.join(self.tmp, "part")
        checkpoint = out + ".resume"
        for delay in (0.1, 0.3, 1, 3):  # until it stops between replications 1 and 39
            process = subprocess.Popen([FCCSIM, "run", path, "-o", out, "--csv", folder, *args,
                                        "--threads", "2"], stdout=subprocess.PIPE,
                                       stderr=subprocess.PIPE, text=True)
            time.sleep(delay)
            process.send_signal(signal.SIGTERM)
            _, stderr = process.communicate(timeout=TIMEOUT_S)
            self.assertEqual(process.returncode, 143, stderr)
            if os.path.exists(checkpoint):
                break
        self.assertTrue(os.path.exists(checkpoint), "no run stopped part-way")
        self.assertIn("the same command with --resume finishes the run", stderr)
        # Refused, saying why, when what it ran on changed; the checkpoint is kept.
        for extra, reason in ((["--seed", "5"], "the seed or the number of replications"),
                              (["--set", "horizon.warm_up_hours=2"], "the --set overrides")):
            changed = [a for a in args if a not in ("--seed", "4")] if "--seed" in extra \
                else args
            result = fccsim("run", path, "-o", out, *changed, *extra, "--resume")
            self.assertExit(result, 2)
            self.assertIn(reason, result.stderr)
        with open(path) as f:
            text = f.read()
        self.write("long.textproto", text + "\n# a comment changes the file\n")
        result = fccsim("run", path, "-o", out, *args, "--resume")
        self.assertExit(result, 2)
        self.assertIn("the scenario or a table it reads changed", result.stderr)
        self.write("long.textproto", text)
        other = os.path.join(self.tmp, "fccsim_other")
        shutil.copy(FCCSIM, other)
        with open(other, "ab") as f:
            f.write(b"\0")
        result = subprocess.run([other, "run", path, "-o", out, *args, "--resume"],
                                capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        self.assertExit(result, 2)
        self.assertIn("the fccsim binary is another build", result.stderr)
        self.assertTrue(os.path.exists(checkpoint))
        # A checkpoint damaged by one byte is refused, not resumed into other results.
        with open(checkpoint, "rb") as f:
            saved = f.read()
        with open(checkpoint, "wb") as f:
            f.write(saved[:-9] + bytes([saved[-9] ^ 1]) + saved[-8:])
        result = fccsim("run", path, "-o", out, *args, "--resume")
        self.assertExit(result, 2)
        self.assertIn("is not a checkpoint of fccsim run, or is damaged", result.stderr)
        with open(checkpoint, "wb") as f:
            f.write(saved)
        # Resumed on another number of threads: the bytes of the run never stopped, and the
        # checkpoint gone with the run finished.
        result = fccsim("run", path, "-o", out, "--csv", folder, *args, "--threads", "1",
                        "--resume")
        self.assertExit(result, 0)
        with open(out, "rb") as a, open(whole, "rb") as b:
            self.assertEqual(a.read(), b.read())
        for table in os.listdir(whole_csv):
            with open(os.path.join(folder, table), "rb") as a, \
                    open(os.path.join(whole_csv, table), "rb") as b:
                self.assertEqual(a.read(), b.read(), table)
        self.assertFalse(os.path.exists(checkpoint))
        result = fccsim("run", path, "-o", out, *args, "--resume")
        self.assertExit(result, 2)
        self.assertIn("no interrupted run to resume", result.stderr)
        self.write("part.pb.resume", "not a checkpoint")
        result = fccsim("run", path, "-o", out, *args, "--resume")
        self.assertExit(result, 2)
        self.assertIn("is not a checkpoint of fccsim run", result.stderr)

    # ---- compare ----

    def test_compare_pairs_variants_on_common_random_numbers(self):
        path = self.write("tiny.textproto", VALID_SCENARIO)
        fewer = self.write("fewer.textproto",
                           VALID_SCENARIO.replace("headcount: 3", "headcount: 1"))
        outputs = []
        for threads in ("1", "2"):
            out = os.path.join(self.tmp, f"c{threads}.pb")
            folder = os.path.join(self.tmp, f"csv{threads}")
            result = fccsim("compare", path, fewer, "--variant", "one", "--set",
                            'roster.shifts[name="all day"].headcount=1', "--variant", "same",
                            "--set", "horizon.days=1", "-o", out, "--csv", folder,
                            "--replications", "10", "--seed", "9", "--threads", threads)
            self.assertExit(result, 0)
            outputs.append([open(p, "rb").read() for p in
                            (out, os.path.join(folder, "comparison.csv"),
                             os.path.join(folder, "comparison_intervals.csv"))])
            summary = result.stdout
        self.assertEqual(outputs[0], outputs[1])  # the same bytes whatever the threads
        self.assertIn('Base "tiny"', summary)
        self.assertIn("10 replications on common random numbers, seed 9", summary)
        self.assertIn('Variant "fewer"', summary)
        self.assertIn('Variant "one"', summary)
        rows = list(csv.DictReader(outputs[0][1].decode().splitlines()))
        by = {(r["variant"], r["name"], r["measure"]): r for r in rows}
        # A file with one handler and the base with --set to the same: one comparison.
        for measure in ("offered", "service_level", "average_answer_s", "occupancy"):
            name = "handlers" if measure == "occupancy" else "calls"
            with self.subTest(measure=measure):
                a, b = by[("fewer", name, measure)], by[("one", name, measure)]
                self.assertEqual({k: v for k, v in a.items() if k != "variant"},
                                 {k: v for k, v in b.items() if k != "variant"})
        # The same callers: offered differs by exactly 0; fewer staff, a worse service level.
        self.assertEqual(float(by[("one", "calls", "offered")]["difference"]), 0)
        self.assertEqual(float(by[("one", "calls", "offered")]["ci95_half_width"]), 0)
        level = by[("one", "calls", "service_level")]
        self.assertLess(float(level["difference"]), 0)
        self.assertEqual(level["significant"], "true")
        self.assertLess(float(level["ci95_half_width"]), float(level["unpaired_ci95_half_width"]))
        # A variant equal to the base: every difference exactly 0, nothing significant.
        for r in rows:
            if r["variant"] == "same" and r["base_value"] != "nan":
                self.assertEqual((r["difference"], r["significant"]), ("0", "false"), r)
        # A --set before any variant changes the base and every variant (the days must agree).
        result = fccsim("compare", path, "--set", "horizon.days=2", fewer, "-o",
                        os.path.join(self.tmp, "two.pb"), "--csv", os.path.join(self.tmp, "two"),
                        "--replications", "2")
        self.assertExit(result, 0)
        with open(os.path.join(self.tmp, "two", "comparison_intervals.csv"), encoding="utf-8") as f:
            days = {row["day"] for row in csv.DictReader(f)}
        self.assertEqual(days, {"0", "1"})
        # One after a variant file changes that variant alone: here, its days to the base's.
        longer = self.write("longer.textproto", VALID_SCENARIO.replace("days: 1", "days: 2"))
        self.assertExit(fccsim("compare", path, longer, "-o", os.path.join(self.tmp, "l.pb")), 2)
        self.assertExit(fccsim("compare", path, longer, "--set", "horizon.days=1", "-o",
                               os.path.join(self.tmp, "l.pb"), "--replications", "2"), 0)

    def test_compare_refuses_bad_input_and_writes_nothing(self):
        path = self.write("tiny.textproto", VALID_SCENARIO)
        longer = self.write("longer.textproto",
                            VALID_SCENARIO.replace("days: 1", "days: 2"))
        out = os.path.join(self.tmp, "c.pb")
        cases = [
            (["compare", path, "-o", out], "nothing to compare"),
            (["compare", path, path], "-o COMPARISON.pb is required"),
            (["compare", "-o", out], "no scenario file given"),
            (["compare", path, "--variant", "x", "-o", out], 'has no --set after it'),
            (["compare", path, path, "--variant", "tiny", "--set", "run.seed=2", "-o", out],
             'two variants are labelled "tiny"'),
            (["compare", path, longer, "-o", out],
             'variant "longer"'),
            (["compare", path, "--variant", "x", "--set", "horizon.dayz=2", "-o", out],
             'horizon has no field "dayz"'),
            (["compare", path, path, "-o", out, "--replications", "0"],
             "--replications must be a whole number"),
            (["compare", path, path, "-o", out, "--threads", "x"], "--threads must be"),
            (["compare", path, path, "-o", path], "-o would replace"),
            (["compare", path, path, "-o", out, "--csv", out], "is also the --csv folder"),
            (["compare", path, path, "-o", out, "--bogus", "1"], "unknown option --bogus"),
            (["compare", path, self.write("broken.textproto", broken_scenario()), "-o", out],
             "length_minutes"),
        ]
        for args, message in cases:
            with self.subTest(args=" ".join(args[1:])):
                result = fccsim(*args)
                self.assertExit(result, 2)
                self.assertIn(message, result.stderr)
                self.assertFalse(os.path.exists(out))
        with open(path, encoding="utf-8") as f:
            self.assertEqual(f.read(), VALID_SCENARIO)

    # ---- sweep ----

    def sweep_files(self, days=1, replications=3):
        """A sweep of the tiny scenario: headcount 2, 3, 4 and a point listed by hand."""
        self.write("tiny.textproto", VALID_SCENARIO.replace("days: 1", f"days: {days}"))
        return self.write("s.sweep", f"""
name: "headcounts"
base: "tiny.textproto"
axes {{ name: "handlers" path: "roster.shifts[name=\\"all day\\"].headcount"
        values: ["2", "3", "4", "5", "6", "7"] }}
points {{ label: "patient" set: "channels[0].patience={{ exponential {{ mean_s: 600 }} }}" }}
replications: {replications}
""")

    def folder_bytes(self, folder):
        return folder_bytes(folder)

    def test_sweep_runs_each_point_as_run_does_and_the_same_whatever_the_threads(self):
        sweep = self.sweep_files()
        folders = []
        for threads in ("1", "2"):
            folder = os.path.join(self.tmp, "out" + threads)
            result = fccsim("sweep", sweep, "-o", folder, "--threads", threads, "--seed", "7")
            self.assertExit(result, 0)
            folders.append(self.folder_bytes(folder))
        self.assertEqual(folders[0], folders[1])
        self.assertEqual(sorted(folders[0]), ["points/point_0000.pb", "points/point_0001.pb",
                                              "points/point_0002.pb", "points/point_0003.pb",
                                              "points/point_0004.pb", "points/point_0005.pb",
                                              "points/point_0006.pb", "sweep.csv",
                                              "sweep.pb", "sweep_groups.csv"])
        self.assertIn('Sweep "headcounts": 7 of 7 points, 3 replications', result.stdout)
        rows = list(csv.DictReader(folders[0]["sweep.csv"].decode().splitlines()))
        self.assertEqual([(r["point"], r["label"], r["handlers"]) for r in rows][:2],
                         [("0", "handlers=2", "2"), ("1", "handlers=3", "3")])
        self.assertEqual(rows[6]["label"], "patient")
        self.assertEqual(rows[6]["handlers"], "")
        levels = [float(r["service_level"]) for r in rows[:6]]
        self.assertEqual(levels, sorted(levels))  # more handlers, same callers: never worse
        # A point's results are what `fccsim run` gives for the base with its overrides.
        alone = os.path.join(self.tmp, "alone.pb")
        result = fccsim("run", os.path.join(self.tmp, "tiny.textproto"), "-o", alone,
                        "--replications", "3", "--seed", "7", "--set",
                        'roster.shifts[name="all day"].headcount=3')
        self.assertExit(result, 0)
        with open(alone, "rb") as f:
            self.assertEqual(f.read(), folders[0]["points/point_0001.pb"])
        # A folder holding a sweep is not run into again, nor one without resumed.
        result = fccsim("sweep", sweep, "-o", os.path.join(self.tmp, "out1"))
        self.assertExit(result, 2)
        self.assertIn("holds a sweep already: --resume", result.stderr)
        result = fccsim("sweep", sweep, "-o", os.path.join(self.tmp, "none"), "--resume")
        self.assertExit(result, 2)
        self.assertIn("holds no sweep to resume", result.stderr)
        # Points of an earlier sweep without its index are not taken for this one's.
        os.remove(os.path.join(self.tmp, "out1", "sweep.pb"))
        result = fccsim("sweep", sweep, "-o", os.path.join(self.tmp, "out1"))
        self.assertExit(result, 2)
        self.assertIn("holds results of another sweep", result.stderr)

    def test_sweep_every_example_sweep(self):
        sweeps = sorted(glob.glob(os.path.join(REPO, "scenarios", "*.sweep")))
        self.assertTrue(sweeps)
        for path in sweeps:
            with self.subTest(sweep=os.path.basename(path)):
                folder = os.path.join(self.tmp, os.path.basename(path))
                result = fccsim("sweep", path, "-o", folder, "--replications", "2")
                self.assertExit(result, 0)
                self.assertIn(" points, 2 replications each", result.stdout)

    def start_and_signal(self, sweep, folder, *signals):
        """Starts the sweep, waits for its first point's results, sends `signals`."""
        process = subprocess.Popen([FCCSIM, "sweep", sweep, "-o", folder],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        first = os.path.join(folder, "points", "point_0000.pb")
        deadline = time.monotonic() + TIMEOUT_S
        while not os.path.exists(first) and process.poll() is None:
            self.assertLess(time.monotonic(), deadline, "no point finished")
            time.sleep(0.005)
        for sig in signals:
            process.send_signal(sig)
        stdout, stderr = process.communicate(timeout=TIMEOUT_S)
        return process.returncode, stdout, stderr

    def test_sweep_stopped_keeps_its_points_and_resumes_to_the_same_bytes(self):
        sweep = self.sweep_files(days=300, replications=8)
        whole = os.path.join(self.tmp, "whole")
        self.assertExit(fccsim("sweep", sweep, "-o", whole), 0)
        expected = self.folder_bytes(whole)

        stopped = os.path.join(self.tmp, "stopped")
        status, stdout, stderr = self.start_and_signal(sweep, stopped, signal.SIGTERM)
        self.assertEqual(status, 143, stderr)
        self.assertIn("stopped by a signal", stderr)
        self.assertIn("the same command with --resume finishes it", stderr)
        kept = self.folder_bytes(stopped)
        points = [name for name in kept if name.startswith("points/")]
        self.assertTrue(1 <= len(points) < 7, points)
        for name in points:  # every point kept is whole, as the uninterrupted sweep's
            self.assertEqual(kept[name], expected[name], name)
        rows = list(csv.DictReader(kept["sweep.csv"].decode().splitlines()))
        self.assertEqual(len(rows), len(points))
        self.assertIn(f"{len(points)} of 7 points", stdout)
        # What a sweep killed outright leaves: a temporary file of a point being written.
        left = os.path.join(stopped, "points", f"point_{len(points):04d}.pb.tmp-99999-1")
        with open(left, "wb") as f:
            f.write(b"half a point")
        # Resumed with the sweep file spelled another way: refused, the paths are recorded.
        other = fccsim("sweep", os.path.join(self.tmp, ".", "s.sweep"), "-o", stopped,
                       "--resume")
        self.assertExit(other, 2)
        self.assertIn("the sweep file is given by another path", other.stderr)
        result = fccsim("sweep", sweep, "-o", stopped, "--resume")
        self.assertExit(result, 0)
        self.assertEqual(self.folder_bytes(stopped), expected)

        # A second signal stops at once: no temporary file left; resuming still finishes.
        twice = os.path.join(self.tmp, "twice")
        status, _, stderr = self.start_and_signal(sweep, twice, signal.SIGINT, signal.SIGINT)
        self.assertIn(status, (130, 143), stderr)
        self.assertFalse([n for n in self.folder_bytes(twice) if ".tmp" in n or "/." in n])
        self.assertExit(fccsim("sweep", sweep, "-o", twice, "--resume"), 0)
        self.assertEqual(self.folder_bytes(twice), expected)

    def test_sweep_a_failed_replication_is_named_and_the_points_done_kept(self):
        sweep = self.sweep_files()
        whole = os.path.join(self.tmp, "whole")
        self.assertExit(fccsim("sweep", sweep, "-o", whole), 0)
        folder = os.path.join(self.tmp, "failed")
        result = subprocess.run([FCCSIM, "sweep", sweep, "-o", folder], capture_output=True,
                                text=True, timeout=TIMEOUT_S, check=False,
                                env={**os.environ, "FCCSIM_TEST_FAIL_REPLICATION": "2:1"})
        self.assertExit(result, 1)
        self.assertIn("point 2 (handlers=4), replication 1 (seed 1) failed", result.stderr)
        self.assertIn("2 of 7 points done and kept", result.stderr)
        self.assertEqual(sorted(os.listdir(os.path.join(folder, "points"))),
                         ["point_0000.pb", "point_0001.pb"])
        self.assertExit(fccsim("sweep", sweep, "-o", folder, "--resume"), 0)
        self.assertEqual(self.folder_bytes(folder), self.folder_bytes(whole))
        # `run` names the replication and the seed too.
        result = subprocess.run([FCCSIM, "run", os.path.join(self.tmp, "tiny.textproto"), "-o",
                                 os.path.join(self.tmp, "r.pb"), "--seed", "5"],
                                capture_output=True, text=True, timeout=TIMEOUT_S, check=False,
                                env={**os.environ, "FCCSIM_TEST_FAIL_REPLICATION": "3"})
        self.assertExit(result, 1)
        self.assertIn("replication 3 failed (seed 5)", result.stderr)

    def test_sweep_resume_is_refused_when_anything_it_ran_on_changed(self):
        sweep = self.sweep_files()
        folder = os.path.join(self.tmp, "out")
        self.assertExit(fccsim("sweep", sweep, "-o", folder), 0)
        cases = []
        # Another binary: the same program with one byte more.
        other = os.path.join(self.tmp, "fccsim_other")
        shutil.copy(FCCSIM, other)
        with open(other, "ab") as f:
            f.write(b"\0")
        cases.append(([other, "sweep", sweep, "-o", folder, "--resume"], "another build"))
        cases.append(([FCCSIM, "sweep", sweep, "-o", folder, "--resume", "--seed", "9"],
                      "the seed differs"))
        cases.append(([FCCSIM, "sweep", sweep, "-o", folder, "--resume", "--set",
                       "horizon.warm_up_hours=2"], "the sweep file changed"))
        for args, reason in cases:
            with self.subTest(reason=reason):
                before = self.folder_bytes(folder)
                result = subprocess.run(args, capture_output=True, text=True,
                                        timeout=TIMEOUT_S, check=False)
                self.assertExit(result, 2)
                self.assertIn(reason, result.stderr)
                self.assertEqual(self.folder_bytes(folder), before)
        with open(os.path.join(self.tmp, "tiny.textproto"), "a", encoding="utf-8") as f:
            f.write("# edited\n")
        result = fccsim("sweep", sweep, "-o", folder, "--resume")
        self.assertExit(result, 2)
        self.assertIn("a scenario or a table it reads changed since the sweep began",
                      result.stderr)

    def folder_tree(self, folder):
        """Every entry under `folder`: a folder as None, a link as its target, a file as its
        bytes."""
        entries = {}
        for root, dirs, names in os.walk(folder):
            for name in dirs + names:
                path = os.path.join(root, name)
                if os.path.islink(path):
                    entries[os.path.relpath(path, folder)] = "-> " + os.readlink(path)
                elif os.path.isdir(path):
                    entries[os.path.relpath(path, folder)] = None
                else:
                    with open(path, "rb") as f:
                        entries[os.path.relpath(path, folder)] = f.read()
        return entries

    def test_sweep_never_replaces_an_input_named_like_a_point_file(self):
        # The base scenario or a table it reads inside DIR/points under a point file's name,
        # by another spelling of the path, a link or a hard link: each refused before any
        # point runs, as `run` refuses them, nothing written, every input as it was.
        sweep = self.sweep_files()
        whole = os.path.join(self.tmp, "whole")
        self.assertExit(fccsim("sweep", sweep, "-o", whole), 0)
        days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        table = "weekday,start,calls\n" + "".join(
            f"{d},{h:02d}:00,70\n" for d in days for h in range(24))
        tiny = os.path.join(self.tmp, "tiny.textproto")

        def base_inside(folder):
            with open(os.path.join(folder, "points", "point_0003.pb"), "w",
                      encoding="utf-8") as f:
                f.write(VALID_SCENARIO)
            return sweep.replace("s.sweep", "base_inside.sweep"), "point_0003.pb"

        def table_inside(folder):
            with open(os.path.join(folder, "points", "point_0005.pb"), "w",
                      encoding="utf-8") as f:
                f.write(table)
            self.write("table.textproto", VALID_SCENARIO.replace(
                "horizon { days: 1 warm_up_hours: 1 }",
                "horizon { days: 1 warm_up_hours: 1 interval_minutes: 60 }").replace(
                "arrivals { weekly { contacts_per_week: 1680 } }",
                f'arrivals {{ table {{ csv: "{os.path.basename(folder)}/points/point_0005.pb" '
                'column: "calls" } }'))
            return sweep.replace("s.sweep", "table_inside.sweep"), "point_0005.pb"

        def linked(folder):
            point = os.path.join(folder, "points", "point_0001.pb")
            os.remove(point)
            os.symlink(os.path.join("..", "..", "tiny.textproto"), point)
            return sweep, "point_0001.pb"

        def hard_linked(folder):
            point = os.path.join(folder, "points", "point_0006.pb")
            os.remove(point)
            os.link(tiny, point)
            return sweep, "point_0006.pb"

        with open(sweep, encoding="utf-8") as f:
            text = f.read()
        self.write("base_inside.sweep", text.replace(
            'base: "tiny.textproto"', 'base: "base_inside/./points/point_0003.pb"'))
        self.write("table_inside.sweep", text.replace('base: "tiny.textproto"',
                                                      'base: "table.textproto"'))
        for case in (base_inside, table_inside, linked, hard_linked):
            with self.subTest(case=case.__name__):
                folder = os.path.join(self.tmp, case.__name__)
                shutil.copytree(whole, folder)
                sweep_file, point = case(folder)
                before = self.folder_tree(self.tmp)
                result = fccsim("sweep", sweep_file, "-o", folder, "--resume")
                self.assertExit(result, 2)
                self.assertIn(f"-o would replace {os.path.join(folder, 'points', point)}, "
                              "which the scenario is read from", result.stderr)
                self.assertEqual(self.folder_tree(self.tmp), before)
                with open(tiny, encoding="utf-8") as f:
                    self.assertEqual(f.read(), VALID_SCENARIO)
        # In a folder without an index, such a file is another sweep's.
        folder = os.path.join(self.tmp, "base_inside")
        os.remove(os.path.join(folder, "sweep.pb"))
        result = fccsim("sweep", sweep.replace("s.sweep", "base_inside.sweep"), "-o", folder)
        self.assertExit(result, 2)
        self.assertIn("holds results of another sweep", result.stderr)

    def test_sweep_refuses_a_path_in_the_way_of_its_files(self):
        # The points' folder a file, a point's results file or a table a folder: refused
        # before any point runs, naming the path, nothing written.
        sweep = self.sweep_files()
        whole = os.path.join(self.tmp, "whole")
        self.assertExit(fccsim("sweep", sweep, "-o", whole), 0)
        cases = []
        folder = os.path.join(self.tmp, "points_a_file")
        os.mkdir(folder)
        with open(os.path.join(folder, "points"), "wb") as f:
            f.write(b"not a folder")
        cases.append((folder, [], os.path.join(folder, "points") + " is not a folder"))
        folder = os.path.join(self.tmp, "table_a_folder")
        os.makedirs(os.path.join(folder, "sweep_groups.csv"))
        cases.append((folder, [], os.path.join(folder, "sweep_groups.csv") + " is a folder"))
        # Resumed: the points done, one of them gone and a folder in its place.
        for name in ("points/point_0003.pb", "sweep.csv"):
            folder = os.path.join(self.tmp, "resumed_" + os.path.basename(name))
            shutil.copytree(whole, folder)
            os.remove(os.path.join(folder, name))
            os.makedirs(os.path.join(folder, name, "inside"))
            cases.append((folder, ["--resume"], os.path.join(folder, name) + " is a folder"))
        for folder, extra, message in cases:
            with self.subTest(folder=os.path.basename(folder)):
                before = self.folder_tree(folder)
                result = fccsim("sweep", sweep, "-o", folder, *extra)
                self.assertExit(result, 2)
                self.assertIn(message, result.stderr)
                self.assertEqual(result.stdout, "")
                self.assertEqual(self.folder_tree(folder), before)

    def test_erlang_batch_over_a_scenario_table(self):
        result = fccsim("erlang", "--batch", os.path.join(REPO, "scenarios",
                                                          "gmp_baseline_arrivals.csv"),
                        "--calls-column", "calls_999", "--aht-s", "300", "--target", "0.9",
                        "--answer-within-s", "10", "--shrinkage", "0.3")
        self.assertExit(result, 0)
        lines = result.stdout.splitlines()
        self.assertEqual(len(lines), 1 + 7 * 96)
        self.assertTrue(lines[0].startswith("weekday,start,calls_101,calls,aht_s,"))

    # ---- erlang ----

    def test_erlang_figures_for_a_staffing(self):
        result = fccsim("erlang", "--calls-per-hour", "120", "--aht-s", "180", "--agents", "8",
                        "--answer-within-s", "20")
        self.assertExit(result, 0)
        for figure in ("6.00 Erlangs", "75.00%", "35.70%", "32.13", "71.42%"):
            self.assertIn(figure, result.stdout)

    def test_erlang_a_figures_with_patience(self):
        result = fccsim("erlang", "--calls-per-hour", "120", "--aht-s", "180", "--agents", "8",
                        "--answer-within-s", "20", "--patience-s", "600")
        self.assertExit(result, 0)
        self.assertRegex(result.stdout, r"P\(abandon\)\s+-\s+2\.81%")
        self.assertRegex(result.stdout, r"answered within 20 s\s+71\.42%\s+77\.28%")

    def test_erlang_staffing_for_a_target(self):
        result = fccsim("erlang", "--calls-per-hour", "120", "--aht-s", "180", "--target", "0.8",
                        "--answer-within-s", "20", "--patience-s", "600")
        self.assertExit(result, 0)
        self.assertRegex(result.stdout, r"agents needed\s+9\s+9")
        self.assertRegex(result.stdout, r"answered within 20 s\s+85\.96%\s+88\.07%")

    def test_erlang_b_blocking(self):
        result = fccsim("erlang", "--erlang-b", "--erlangs", "10", "--lines", "15")
        self.assertExit(result, 0)
        self.assertIn("blocking probability: 0.0364969", result.stdout)

    def test_erlang_refuses_bad_input(self):
        cases = [
            [],
            ["--calls-per-hour", "120", "--aht-s", "180"],                # neither agents nor target
            ["--calls-per-hour", "120", "--aht-s", "180", "--agents", "0"],
            ["--calls-per-hour", "120", "--aht-s", "-180", "--agents", "8"],
            ["--calls-per-hour", "nan", "--aht-s", "180", "--agents", "8"],
            ["--calls-per-hour", "120", "--aht-s", "180", "--target", "80",
             "--answer-within-s", "20"],
            ["--calls-per-hour", "120", "--aht-s", "180", "--target", "0.8"],  # no threshold
            ["--erlang-b", "--erlangs", "10"],                            # no lines
        ]
        for args in cases:
            with self.subTest(args=" ".join(args)):
                result = fccsim("erlang", *args)
                self.assertExit(result, 2)
                self.assertIn("fccsim erlang: ", result.stderr)
                self.assertEqual(result.stdout, "")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: cli_test.py FCCSIM_BINARY REPO_ROOT")
    FCCSIM = os.path.abspath(sys.argv[1])
    REPO = os.path.abspath(sys.argv[2])
    unittest.main(argv=sys.argv[:1], verbosity=2)
