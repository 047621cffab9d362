"""Every bad input a planner can give fccsim, refused as the most careful command-line tools do.

Usage: python3 tests/cli/bad_input_test.py FCCSIM_BINARY

The suite is a table (CASES): the files of a case (scenario, CSV tables, or special files: a
named pipe, a folder, a device), the command, the exit status expected, and a pattern the
message on stderr must match. For each case the suite checks, besides the status and message:
that the run ends (a hang fails at TIMEOUT_S), that nothing is written (no results, no CSV
folder, no temporary file) unless the case expects success, and that no input changed. Every
field later issues add gets its bad-input cases here.

Standard library only; run by CTest in the Release build and in the sanitizer build.
"""

import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import unittest

# The valid base every case breaks, shared with the command-line tests (this folder is on
# sys.path when the suite runs).
from cli_test import SHIFT_SCENARIO as SHIFTS
from cli_test import VALID_SCENARIO as VALID

FCCSIM = None
TIMEOUT_S = 120  # generous for the sanitizer build; a hang still ends and fails

DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def table(header="weekday,start,calls", row=lambda d, h: f"{d},{h:02d}:00,70", sep=","):
    """A week of hourly rows: the arrivals table the TABLE scenario reads."""
    lines = [line.replace(",", sep) for line in
             [header] + [row(d, h) for d in DAYS for h in range(24)]]
    return "\n".join(lines) + "\n"


# VALID with hourly intervals and its arrivals from arrivals.csv, column "calls".
TABLE = VALID.replace("horizon { days: 1 warm_up_hours: 1 }",
                      "horizon { days: 1 warm_up_hours: 1 interval_minutes: 60 }").replace(
    "arrivals { weekly { contacts_per_week: 1680 } }",
    'arrivals { table { csv: "arrivals.csv" column: "calls" } }')


# A channel whose mental-health contacts are redirected or transferred to practitioners.
TRIAGE = """\
name: "triage"
horizon { days: 1 warm_up_hours: 1 }
channels {
  name: "101"
  arrivals { weekly { contacts_per_week: 10080 } }
  talk { exponential { mean_s: 300 } }
  patience { exponential { mean_s: 600 } }
  target { answer_within_s: 180 fraction: 0.8 }
  mental_health {
    share: 0.05
    redirect_share: 0.2
    redirect_handling { exponential { mean_s: 120 } }
    transfer { exponential { mean_s: 60 } }
    max_wait_s: 120
    divert_probability: 0.6
  }
  deployment_probability: 0.4
}
groups { name: "handlers" skills: "101" }
groups { name: "mh" }
triage { group: "mh" duration { exponential { mean_s: 1200 } } }
roster {
  shifts { name: "day" group: "handlers" start: "00:00" length_minutes: 1440 headcount: 8 }
  shifts { name: "mh" group: "mh" start: "00:00" length_minutes: 1440 headcount: 1 }
}
"""


# A blended desk answering 101 calls and Live Chat, holding up to three chats at once.
CHAT = """\
name: "chat"
horizon { days: 1 warm_up_hours: 1 }
channels {
  name: "101"
  arrivals { weekly { contacts_per_week: 10080 } }
  talk { exponential { mean_s: 300 } }
  target { answer_within_s: 180 fraction: 0.8 }
}
channels {
  name: "chat"
  kind: CHAT
  arrivals { weekly { contacts_per_week: 3360 } }
  talk { exponential { mean_s: 600 } }
  patience { exponential { mean_s: 600 } }
  target { answer_within_s: 60 fraction: 0.8 }
}
groups { name: "handlers" skills: "101" }
groups {
  name: "desk"
  skills: ["chat", "101"]
  max_chat_sessions: 3
  chat_slowdown: 0.25
  blending: DRAIN_FOR_CALLS
}
roster {
  shifts { name: "day" group: "handlers" start: "00:00" length_minutes: 1440 headcount: 8 }
  shifts { name: "desk" group: "desk" start: "00:00" length_minutes: 1440 headcount: 4 }
}
"""


def edit(text, *pairs):
    """`text` with each (old, new) replaced; fails loudly if an old string is missing, so a
    change of VALID cannot silently turn a case into a test of the valid scenario."""
    for old, new in pairs:
        assert old in text, f"{old!r} not in the scenario"
        text = text.replace(old, new)
    return text


class Special:
    """A file that is not a regular file, made by the case's set-up."""

    def __init__(self, kind):
        self.kind = kind  # "fifo", "dir", "zero" or "null" (a link to /dev/zero or /dev/null)

    def make(self, path):
        if self.kind == "fifo":
            os.mkfifo(path)
        elif self.kind == "dir":
            os.mkdir(path)
        elif self.kind in ("zero", "null"):
            os.symlink("/dev/" + self.kind, path)


class Case:
    def __init__(self, name, files, args, status=2, stderr=None, stdout=None):
        self.name = name
        self.files = files    # name -> str, bytes or Special
        self.args = args      # after "fccsim"; {dir} is the case's folder
        self.status = status
        self.stderr = stderr  # regular expression searched in stderr
        self.stdout = stdout


def run_case(name, files, args, **kw):
    return Case(name, files, ["run", "{dir}/s.textproto", "-o", "{dir}/out.pb",
                              "--csv", "{dir}/out_csv", "--replications", "1", *args], **kw)


def scenario_case(name, text, stderr, files=None, status=2):
    """A bad scenario: refused by `run`, with `stderr` matching."""
    return run_case(name, {"s.textproto": text, **(files or {})}, [], status=status,
                    stderr=stderr)


def table_case(name, csv, stderr, status=2):
    return scenario_case(name, TABLE, stderr, files={"arrivals.csv": csv}, status=status)


LINE = r"s\.textproto:\d+:\d+: "
EARLY = 'earliest_start: "06:00" latest_start: "09:00"'
EARLY_BREAK = "breaks { length_minutes: 60 earliest_after_minutes: 180 latest_after_minutes: 300 }"


LONG_PLAN = edit(SHIFTS, ("days: 2 interval_minutes: 60", "days: 3650 interval_minutes: 60"),
                 (EARLY, 'earliest_start: "00:00" latest_start: "23:00"'),
                 (EARLY_BREAK, EARLY_BREAK.replace("earliest_after_minutes: 180",
                                                   "earliest_after_minutes: 0")))


def shift_case(name, *pairs, stderr):
    """SHIFTS with `pairs` edited, refused by `run` (which checks the planning section too)."""
    return scenario_case(name, edit(SHIFTS, *pairs), LINE + stderr)


def plan_case(name, text, stderr, files=None, args=()):
    return Case(name, {"s.textproto": text, **(files or {})},
                ["plan", "{dir}/s.textproto", "-o", "{dir}/out.pb", "--csv", "{dir}/out_csv",
                 *args], stderr=stderr)

CASES = [
    # ---- command-line usage ----
    Case("no command", {}, [], stderr=r"no command"),
    Case("unknown command", {}, ["simulate"], stderr=r'unknown command "simulate"'),
    run_case("unknown option", {"s.textproto": VALID}, ["--colour", "red"],
             stderr=r"unknown option --colour"),
    Case("no -o", {"s.textproto": VALID}, ["run", "{dir}/s.textproto"],
         stderr=r"-o RESULTS.pb is required"),
    Case("two scenarios", {"s.textproto": VALID},
         ["run", "{dir}/s.textproto", "{dir}/s.textproto", "-o", "{dir}/out.pb"],
         stderr=r"more than one scenario"),
    Case("replications 0 alone", {"s.textproto": VALID},
         ["run", "{dir}/s.textproto", "-o", "{dir}/out.pb", "--replications", "0"],
         stderr=r"--replications must be a whole number from 1 to 1000000"),
    Case("a billion replications", {"s.textproto": VALID},
         ["run", "{dir}/s.textproto", "-o", "{dir}/out.pb", "--replications", "1000000000"],
         stderr=r"--replications must be a whole number from 1 to 1000000"),
    Case("replications 2.5", {"s.textproto": VALID},
         ["run", "{dir}/s.textproto", "-o", "{dir}/out.pb", "--replications", "2.5"],
         stderr=r"--replications must be a whole number"),
    Case("threads two", {"s.textproto": VALID},
         ["run", "{dir}/s.textproto", "-o", "{dir}/out.pb", "--threads", "two"],
         stderr=r"--threads must be a whole number"),
    Case("seed 2^64", {"s.textproto": VALID},
         ["run", "{dir}/s.textproto", "-o", "{dir}/out.pb", "--seed", "18446744073709551616"],
         stderr=r"--seed must be a whole number"),
    Case("-o in a missing folder", {"s.textproto": VALID},
         ["run", "{dir}/s.textproto", "-o", "{dir}/nowhere/out.pb"], stderr=r"does not exist"),
    Case("-o a folder", {"s.textproto": VALID, "d": Special("dir")},
         ["run", "{dir}/s.textproto", "-o", "{dir}/d"], stderr=r"is a directory"),
    Case("-o a named pipe", {"s.textproto": VALID, "pipe": Special("fifo")},
         ["run", "{dir}/s.textproto", "-o", "{dir}/pipe"], stderr=r"is not a regular file"),
    Case("-o a device", {"s.textproto": VALID, "null": Special("null")},
         ["run", "{dir}/s.textproto", "-o", "{dir}/null"], stderr=r"is not a regular file"),
    Case("validate unknown option", {"s.textproto": VALID},
         ["validate", "--colour", "{dir}/s.textproto"], stderr=r"unknown option --colour"),

    # ---- compare ----
    Case("compare a hostile label", {"s.textproto": VALID},
         ["compare", "{dir}/s.textproto", "--variant", 'a,"b"\nc', "--set", "run.seed=2",
          "-o", "{dir}/out.pb", "--csv", "{dir}/out_csv", "--replications", "2"],
         status=0, stdout=r'Variant "a,"b"\nc"'),
    Case("compare too large", {"s.textproto": edit(VALID, ("days: 1", "days: 3650"))},
         ["compare", "{dir}/s.textproto", "-o", "{dir}/out.pb", "--replications", "1",
          *[a for i in range(8) for a in ("--variant", f"v{i}", "--set", f"run.seed={i}")]],
         stderr=r"compare fewer variants at once"),
    Case("compare another grid", {"s.textproto": VALID,
                                  "t.textproto": edit(VALID, ("days: 1", "days: 2"))},
         ["compare", "{dir}/s.textproto", "{dir}/t.textproto", "-o", "{dir}/out.pb"],
         stderr=r'variant "t" \(t\.textproto\): it reports 2 days, the base 1'),
    Case("compare a bad override of one variant", {"s.textproto": VALID},
         ["compare", "{dir}/s.textproto", "--variant", "x", "--set", "horizon.days=-1",
          "-o", "{dir}/out.pb"], stderr=r"--set horizon\.days=-1"),
    Case("compare the same label twice", {"s.textproto": VALID},
         ["compare", "{dir}/s.textproto", "--variant", "x", "--set", "run.seed=2",
          "--variant", "x", "--set", "run.seed=3", "-o", "{dir}/out.pb"],
         stderr=r'two variants are labelled "x"'),

    # ---- sweep ----
    Case("sweep syntax error", {"w.sweep": 'base: "s.textproto" axes {'},
         ["sweep", "{dir}/w.sweep", "-o", "{dir}/out"], stderr=r"w\.sweep:1:\d+: "),
    Case("sweep base missing", {"w.sweep": 'base: "none.textproto" points { label: "a" }'},
         ["sweep", "{dir}/w.sweep", "-o", "{dir}/out"],
         stderr=r"point 0 \(a\):\n  .*none\.textproto.*cannot read the scenario"),
    Case("sweep a bad value at one point",
         {"s.textproto": VALID,
          "w.sweep": 'base: "s.textproto" axes { path: "horizon.days" values: ["1", "-2"] }'},
         ["sweep", "{dir}/w.sweep", "-o", "{dir}/out"],
         stderr=r"point 1 \(horizon\.days=-2\):"),
    Case("sweep -o a file", {"s.textproto": VALID, "f": "x",
                             "w.sweep": 'base: "s.textproto" points { label: "a" }'},
         ["sweep", "{dir}/w.sweep", "-o", "{dir}/f"], stderr=r"is not a folder"),
    Case("sweep into a folder holding other files",
         {"s.textproto": VALID, "w.sweep": 'base: "s.textproto" points { label: "a" }',
          "notes.txt": "kept"},
         ["sweep", "{dir}/w.sweep", "-o", "{dir}", "--set", "name=x"], status=0,
         stdout=r"1 of 1 points"),
    Case("sweep a billion points",
         {"s.textproto": VALID, "w.sweep": 'base: "s.textproto"\n' + "".join(
             f'axes {{ path: "p{i}" values: [{", ".join(f"{chr(34)}{v}{chr(34)}" for v in range(100))}] }}\n'
             for i in range(5))},
         ["sweep", "{dir}/w.sweep", "-o", "{dir}/out"], stderr=r"at most 10000"),
    Case("sweep --resume of nothing", {"s.textproto": VALID,
                                       "w.sweep": 'base: "s.textproto" points { label: "a" }'},
         ["sweep", "{dir}/w.sweep", "-o", "{dir}/out", "--resume"],
         stderr=r"holds no sweep to resume"),

    # ---- outputs that would replace an input ----
    Case("-o the scenario", {"s.textproto": VALID},
         ["run", "{dir}/s.textproto", "-o", "{dir}/s.textproto"], stderr=r"-o would replace"),
    Case("-o a table the scenario reads", {"s.textproto": TABLE, "arrivals.csv": table()},
         ["run", "{dir}/s.textproto", "-o", "{dir}/arrivals.csv"], stderr=r"-o would replace"),
    Case("--csv over a table the scenario reads",
         {"s.textproto": edit(TABLE, ("arrivals.csv", "channel_summary.csv")),
          "channel_summary.csv": table()},
         ["run", "{dir}/s.textproto", "-o", "{dir}/out.pb", "--csv", "{dir}"],
         stderr=r"--csv would replace"),

    # ---- inputs that are not regular files, or too large, or not text ----
    Case("scenario is a named pipe", {"s.textproto": Special("fifo")},
         ["validate", "{dir}/s.textproto"], stderr=r"named pipe, not a regular file"),
    Case("scenario is a folder", {"s.textproto": Special("dir")},
         ["validate", "{dir}/s.textproto"], stderr=r"a directory, not a regular file"),
    Case("scenario is a device", {"s.textproto": Special("zero")},
         ["validate", "{dir}/s.textproto"], stderr=r"a device, not a regular file"),
    scenario_case("table is a named pipe", TABLE, r"arrivals\.csv.*named pipe",
                  files={"arrivals.csv": Special("fifo")}),
    scenario_case("table is a device", TABLE, r"arrivals\.csv.*a device",
                  files={"arrivals.csv": Special("zero")}),
    scenario_case("scenario over 16 MiB", VALID + "#" * (16 << 20) + "\n",
                  r"larger than 16 MiB"),
    table_case("table over 32 MiB", table() + "#" * (32 << 20) + "\n", r"larger than 32 MiB"),
    Case("missing scenario", {}, ["validate", "{dir}/none.textproto"],
         stderr=r"none\.textproto: cannot read the scenario \(No such file"),
    scenario_case("empty scenario", "", r"empty scenario"),
    scenario_case("scenario of comments", "# nothing\n", r"empty scenario"),
    scenario_case("invalid UTF-8 in a name", edit(VALID, ('"tiny"', '"t\xa3ny"')).encode("latin-1"),
                  r"s\.textproto:1:9: not UTF-8 text \(byte 0xA3"),
    scenario_case("invalid UTF-8 in a comment", ("# caf\xe9\n" + VALID).encode("latin-1"),
                  r"s\.textproto:1:6: not UTF-8"),
    scenario_case("invalid UTF-8 by an escape", edit(VALID, ('"all day"', '"all d\\xa3y"')),
                  LINE + r"roster\.shifts\[0\]\.name: not UTF-8 text \(an escape such as "
                  r"\\xa3"),
    scenario_case("overlong UTF-8", ("# \xc0\xaf\n" + VALID).encode("latin-1"),
                  r"s\.textproto:1:3: not UTF-8"),
    scenario_case("scenario with a byte order mark", "\ufeff" + VALID, None, status=0),
    table_case("table with a byte order mark", "\ufeff" + table(), None, status=0),
    table_case("table in Windows-1252", table(header="weekday,start,calls,note").replace(
        "70\n", "70,\xa3\n").encode("latin-1"), r"arrivals\.csv:2:\d+: not UTF-8.*CSV UTF-8"),

    # ---- CSV tables in the shapes spreadsheets and WFM systems export ----
    table_case("semicolon-separated table", table(sep=";"),
               r"^arrivals\.csv:1: separated by semicolons, but fccsim reads commas.*\n\Z"),
    table_case("decimal commas", table(row=lambda d, h: f"{d},{h:02d}:00,7,5"),
               r"^arrivals\.csv:2: likely cause: numbers written with a decimal comma \(7,5\): "
               r"write a point \(7\.5\)\n(arrivals\.csv:\d+: has 4 cells but the header has 3\n)"
               r"{5}arrivals\.csv: \.\.\. and 163 more like this\n\Z"),
    table_case("quoted decimal comma", table(row=lambda d, h: f'{d},{h:02d}:00,"7,5"'),
               r"likely cause: numbers written with a decimal comma \(7,5\)(.|\n)*"
               r'arrivals\.csv:2: column "calls": not a number \("7,5"\)'),
    table_case("a column no channel reads", table(header="weekday,start,calls,notes",
                                                  row=lambda d, h: f"{d},{h:02d}:00,70,x"),
               r'^arrivals\.csv:1: column "notes": read by no channel \(the channels read '
               r'"calls"\)'),
    table_case("times with seconds of zero", table(row=lambda d, h: f"{d},{h:02d}:00:00,70"),
               None, status=0),
    table_case("times with seconds", table(row=lambda d, h: f"{d},{h:02d}:00:30,70"),
               r'arrivals\.csv:2: column "start": not a time HH:MM or HH:MM:00 \("00:00:30"\)'),
    table_case("a missing row, at the line it would follow",
               table().replace("Tue,13:00,70\n", ""),
               r"^arrivals\.csv:38: no row for Tue 13:00, which would follow Tue 12:00 "
               r"\(this line\)\n\Z"),
    table_case("a thousand bad cells, listed five times and counted",
               table(row=lambda d, h: f"{d},{h:02d}:00,many"),
               r'^(arrivals\.csv:\d+: column "calls": not a number \("many"\)\n){5}'
               r'arrivals\.csv: column "calls": \.\.\. and 163 more like this\n\Z'),
    table_case("a header of 2,000 columns", ",".join(f"c{i}" for i in range(2000)) + "\n",
               r"^arrivals\.csv:1: the header has 2000 columns, more than the limit of 1000\n\Z"),
    table_case("fifty columns no channel reads",
               table(header="weekday,start,calls," + ",".join(f"n{i}" for i in range(50)),
                     row=lambda d, h: f"{d},{h:02d}:00,70" + ",0" * 50),
               r'^(arrivals\.csv:1: column "n\d+": read by no channel.*\n){5}'
               r"arrivals\.csv: \.\.\. and 45 more like this\n\Z"),
    table_case("a table of twenty thousand rows", table() * 120,
               r"arrivals\.csv:\d+: more than 10080 rows; the rest of the file is not read"),
    table_case("a million malformed rows", "weekday,start,calls\n" + "1\n" * 1000000,
               r"arrivals\.csv: \.\.\. and 995 more like this\n"
               r"arrivals\.csv: \.\.\. and 999,000 more malformed rows besides\n"),
    table_case("empty table", "", r"arrivals\.csv: no header row"),
    table_case("header only", "weekday,start,calls\n", r"arrivals\.csv: no rows for Mon"),
    table_case("unclosed quote", table() + '"Mon,00:00,70\n', r"never closed"),

    # ---- syntax ----
    scenario_case("unknown field", edit(VALID, ("headcount:", "headcont:")),
                  r"s\.textproto:16:\d+: .*no field named \"headcont\""),
    scenario_case("misspelt field", edit(VALID, ("horizon {", "horizn {")),
                  r's\.textproto:2:\d+: Message type "fccsim\.Scenario" has no field named '
                  r'"horizn" \(did you mean "horizon"\?\)'),
    scenario_case("misspelt weekday", edit(VALID, ('name: "all day"',
                                                   'name: "all day" weekdays: MONDY')),
                  r'Unknown enumeration value of "MONDY" for field "weekdays" '
                  r'\(did you mean "MONDAY"\?\)'),
    scenario_case("misspelt skill", edit(VALID, ('skills: "calls"', 'skills: "cals"')),
                  LINE + r'groups\[0\]\.skills\[0\]: no channel named "cals" '
                  r'\(did you mean "calls"\?\)'),
    scenario_case("misspelt group", edit(VALID, ('group: "handlers"', 'group: "handler"')),
                  LINE + r'roster\.shifts\[0\]\.group: no handler group named "handler" '
                  r'\(did you mean "handlers"\?\)'),
    scenario_case("no suggestion for a name far from any", edit(VALID, ('skills: "calls"',
                                                                       'skills: "chat"')),
                  LINE + r'groups\[0\]\.skills\[0\]: no channel named "chat"$'),
    table_case("misspelt arrivals column", table(header="weekday,start,cals"),
               r'arrivals\.csv:1: column "calls": no such column.*\(did you mean "cals"\?\)'),
    scenario_case("unclosed brace", VALID + "roster {\n", r"s\.textproto:\d+:\d+: "),

    # ---- values that would abort or never end ----
    scenario_case("talk 1e13 s", edit(VALID, ("exponential { mean_s: 180 }",
                                              "deterministic_s: 1e13")),
                  LINE + r"channels\[0\]\.talk\.deterministic_s: must be <= 31622400 s"),
    scenario_case("talk mean 1e13 s", edit(VALID, ("mean_s: 180", "mean_s: 1e13")),
                  LINE + r"channels\[0\]\.talk\.exponential: its mean is 1e\+13 s"),
    scenario_case("Weibull shape 0.05", edit(VALID, ("exponential { mean_s: 180 }",
                                                     "weibull { shape: 0.05 scale_s: 100 }")),
                  LINE + r"channels\[0\]\.talk\.weibull: its mean is 2\.4\d*e\+20 s"),
    scenario_case("patience 1e300 s", edit(VALID, ("target {", "patience { deterministic_s: 1e300 }"
                                                   " target {")),
                  LINE + r"channels\[0\]\.patience\.deterministic_s: must be <="),
    scenario_case("wrap-up mean 1e15 s", edit(VALID, ("target {", "wrap_up { exponential "
                                                      "{ mean_s: 1e15 } } target {")),
                  LINE + r"channels\[0\]\.wrap_up\.exponential: its mean is 1e\+15 s"),
    scenario_case("threshold 1e300 s", edit(VALID, ("answer_within_s: 20", "answer_within_s: 1e300")),
                  LINE + r"channels\[0\]\.target\.answer_within_s: must be <="),
    scenario_case("short abandon 1e300 s", edit(VALID, ("target {", "short_abandon_s: 1e300 target {")),
                  LINE + r"channels\[0\]\.short_abandon_s: must be <="),
    scenario_case("talk shorter than a tick", edit(VALID, ("mean_s: 180", "mean_s: 1e-9")),
                  LINE + r"channels\[0\]\.talk\.exponential: its mean, 1e-09 s, is shorter than the "
                  r"simulation's tick"),
    scenario_case("threshold shorter than a tick", edit(VALID, ("answer_within_s: 20",
                                                              "answer_within_s: 1e-8")),
                  LINE + r"channels\[0\]\.target\.answer_within_s: shorter than the simulation's tick "
                  r"of a microsecond: give 0 or at least 1e-06 s \(got 1e-08\)"),
    scenario_case("daily volume CV 1e300", edit(VALID, ("arrivals {", "arrivals { daily_volume_cv: 1e300")),
                  LINE + r"channels\[0\]\.arrivals\.daily_volume_cv: must be <= 10"),

    scenario_case("daily volume CV 1e-200", edit(VALID, ("arrivals {", "arrivals { daily_volume_cv: 1e-200")),
                  LINE + r"channels\[0\]\.arrivals\.daily_volume_cv: must be 0 or at least 1e-06"),
    scenario_case("Erlang of two billion stages", edit(VALID, ("exponential { mean_s: 180 }",
                                                               "erlang { k: 2000000000 mean_s: 180 }")),
                  LINE + r"channels\[0\]\.talk\.erlang\.k: must be <= 1000 \(use gamma"),

    # ---- absurd workloads: refused before simulating, naming the field and the estimate ----
    scenario_case("10^12 contacts a week", edit(VALID, ("contacts_per_week: 1680",
                                                        "contacts_per_week: 1e12")),
                  LINE + r"channels\[0\]\.arrivals\.weekly\.contacts_per_week: asks for about "
                  r"1\.49e\+11 contacts in one replication.*limit of 2e\+07"),
    scenario_case("surge multiplier 1e300", edit(VALID, (
        "arrivals { weekly { contacts_per_week: 1680 } }",
        'arrivals { weekly { contacts_per_week: 1680 } surges { day: 0 start: "09:00" '
        'duration_minutes: 60 multiplier: 1e300 } }')),
                  LINE + r"channels\[0\]\.arrivals\.surges: asks for about 1e\+301 contacts"),
    scenario_case("three overlapping surges of x1000", edit(VALID, (
        "arrivals { weekly { contacts_per_week: 1680 } }",
        "arrivals { weekly { contacts_per_week: 1680 } " + 'surges { day: 0 start: "09:00" '
        'duration_minutes: 60 multiplier: 1000 } ' * 3 + "}")),
                  LINE + r"channels\[0\]\.arrivals\.surges: asks for about 1e\+10 contacts"),
    scenario_case("a surge of four billion minutes", edit(VALID, (
        "arrivals { weekly { contacts_per_week: 1680 } }",
        'arrivals { weekly { contacts_per_week: 1680 } surges { day: 0 start: "09:00" '
        'duration_minutes: 4000000000 multiplier: 1.0000001 } }')),
                  LINE + r"channels\[0\]\.arrivals\.surges\[0\]\.duration_minutes: must be <= "
                  r"5270400 \(ten years\)"),
    table_case("table of 10^12 an hour", table(row=lambda d, h: f"{d},{h:02d}:00,1e12"),
               LINE + r"channels\[0\]\.arrivals\.table\.csv: asks for about"),
    scenario_case("ten years of 1-minute intervals", edit(VALID, (
        "days: 1 warm_up_hours: 1", "days: 3660 warm_up_hours: 1 interval_minutes: 1")),
                  LINE + r"horizon: 3660 days of 1-minute intervals .* make 10540800 rows.*"
                  r"limit of 4000000"),
    Case("run.replications past the work limit", {"s.textproto": edit(VALID, (
        "contacts_per_week: 1680", "contacts_per_week: 1000000")) + "run { replications: 100000 }\n"},
         ["validate", "{dir}/s.textproto"], stderr=LINE + r"run\.replications: 100000 replications of about 1\.49e\+05 contacts "
                  r"each make about 1\.49e\+10 contacts, more than the limit of 5e\+09"),
    Case("--replications past the work limit",
         {"s.textproto": edit(VALID, ("contacts_per_week: 1680", "contacts_per_week: 1000000"))},
         ["run", "{dir}/s.textproto", "-o", "{dir}/out.pb", "--replications", "50000"],
         stderr=r"^--replications: 50000 replications of about 1\.49e\+05 contacts"),
    Case("results past the protobuf limit", {"s.textproto": edit(VALID, (
        "roster {\n", "roster {\n" + "".join(
            f'  shifts {{ group: "g{i}" start: "00:00" length_minutes: 1440 headcount: 1 }}\n'
            for i in range(200))), ("contacts_per_week: 1680", "contacts_per_week: 1")) +
        "".join(f'groups {{ name: "g{i}" skills: "calls" }}\n' for i in range(200)) +
        "run { replications: 1000000 }\n"},
         ["validate", "{dir}/s.textproto"],
         stderr=LINE + r"run\.replications: the results could take up to \d+\.\d+ GiB, more than "
         r"the limit of 1\.5 GiB \(protobuf readers stop at 2 GiB\): run fewer replications"),
    scenario_case("1,500 shifts over ten years", edit(VALID, (
        "days: 1 warm_up_hours: 1", "days: 3660 interval_minutes: 1440"), ("roster {\n", "roster {\n" + "".join(
            f'  shifts {{ name: "s{i}" group: "handlers" start: "00:00" length_minutes: 1440 '
            f'headcount: 1 }}\n' for i in range(1500)))),
                  LINE + r"roster\.shifts: 1501 shifts over 3660 days make about 5\.5\d*e\+06 "
                  r"shift days .*limit of 2e\+06"),
    scenario_case("run.replications past the limit", VALID + "run { replications: 2000000 }\n",
                  LINE + r"run\.replications: must be <= 1000000"),

    # ---- a channel nobody is rostered to answer when its callers arrive ----
    scenario_case("no one rostered at night, callers never abandon", edit(VALID, (
        'start: "00:00"\n    length_minutes: 1440', 'start: "08:00"\n    length_minutes: 720')),
                  LINE + r'channels\[0\]: callers arrive when no group with skill "calls" is '
                  r"rostered, in 48 intervals, the first on day 0 \(Mon\) at 00:00: with no "
                  r"patience given they never abandon"),
    scenario_case("no one rostered at night, callers abandon", edit(VALID, (
        'start: "00:00"\n    length_minutes: 1440', 'start: "08:00"\n    length_minutes: 720'),
        ("target {", "patience { exponential { mean_s: 120 } } target {")),
                  LINE + r'channels\[0\]: warning: callers arrive when no group with skill '
                  r'"calls" is rostered, in 48 intervals.*or abandon', status=0),
    scenario_case("no one rostered on Sunday by the table", edit(
        VALID, ("roster {\n  shifts {", 'roster {\n  headcount_csv: "h.csv"\n  shifts {'),
        ("headcount: 3", "headcount: 0")),
                  LINE + r'channels\[0\]: callers arrive when no group with skill "calls" is '
                  r"rostered, in 96 intervals, the first on day 0 \(Mon\) at 00:00",
                  files={"h.csv": "weekday,start,handlers\n" + "".join(
                      f"{d},{h:02d}:{m:02d},{0 if d in ('Mon', 'Sun') else 3}\n"
                      for d in DAYS for h in range(24) for m in (0, 15, 30, 45))}),

    # ---- mental-health triage and deployments ----
    scenario_case("mental-health share as a percentage", edit(TRIAGE, ("share: 0.05", "share: 5")),
                  LINE + r"channels\[0\]\.mental_health\.share: must be in \[0, 1\] \(got 5\); "
                  r"a percentage\? write 0\.05 for 5%"),
    scenario_case("negative divert probability", edit(TRIAGE, ("divert_probability: 0.6",
                                                               "divert_probability: -0.1")),
                  LINE + r"channels\[0\]\.mental_health\.divert_probability: must be in \[0, 1\]"),
    scenario_case("deployment probability 1.5", edit(TRIAGE, ("deployment_probability: 0.4",
                                                              "deployment_probability: 1.5")),
                  LINE + r"channels\[0\]\.deployment_probability: must be in \[0, 1\]"),
    scenario_case("transfers without triage", edit(TRIAGE, (
        'triage { group: "mh" duration { exponential { mean_s: 1200 } } }', "")),
                  LINE + r"channels\[0\]\.mental_health: transfers contacts to practitioners, "
                  r"but the scenario has no triage"),
    scenario_case("transfer missing", edit(TRIAGE, ("transfer { exponential { mean_s: 60 } }", "")),
                  LINE + r"channels\[0\]\.mental_health\.transfer: required"),
    scenario_case("no hold given", edit(TRIAGE, ("max_wait_s: 120", "")),
                  LINE + r"channels\[0\]\.mental_health\.max_wait_s: required \(> 0\)"),
    scenario_case("redirect without its handling", edit(TRIAGE, (
        "redirect_handling { exponential { mean_s: 120 } }", "")),
                  LINE + r"channels\[0\]\.mental_health\.redirect_handling: required when redirect_share > 0"),
    scenario_case("practitioners with a skill", edit(TRIAGE, ('groups { name: "mh" }',
                                                             'groups { name: "mh" skills: "101" }')),
                  LINE + r"groups\[1\]\.skills: the triage group \(triage\.group\) answers no "
                  r"channel: give it no skills"),
    scenario_case("triage group misspelt", edit(TRIAGE, ('triage { group: "mh"', 'triage { group: "mhh"')),
                  LINE + r'triage\.group: no handler group named "mhh" \(did you mean "mh"\?\)'),
    scenario_case("triage without its duration", edit(TRIAGE, (
        ' duration { exponential { mean_s: 1200 } }', "")),
                  LINE + r"triage\.duration: required"),
    scenario_case("practitioners never rostered warn", edit(TRIAGE, (
        'shifts { name: "mh" group: "mh" start: "00:00" length_minutes: 1440 headcount: 1 }', "")),
                  LINE + r"groups\[1\]: warning: group never staffed .*every transfer to a "
                  r"practitioner falls back", status=0),
    scenario_case("a hold of two hours", edit(TRIAGE, ("max_wait_s: 120", "max_wait_s: 7200")),
                  LINE + r"channels\[0\]\.mental_health\.max_wait_s: must be <= 3600 \(a call "
                  r"handler holds at most an hour\)"),
    scenario_case("practitioners on days only warn", edit(TRIAGE, (
        'shifts { name: "mh" group: "mh" start: "00:00" length_minutes: 1440 headcount: 1 }',
        'shifts { name: "mh" group: "mh" start: "08:00" length_minutes: 480 headcount: 1 }')),
                  LINE + r'channels\[0\]\.mental_health: warning: callers arrive when no '
                  r'practitioner \(group "mh"\) is rostered, in 64 intervals, the first on day 0 '
                  r"\(Mon\) at 00:00", status=0),
    scenario_case("everyone flagged is redirected: no triage needed", edit(TRIAGE, (
        "redirect_share: 0.2", "redirect_share: 1"), ("transfer { exponential { mean_s: 60 } }", ""),
        ("max_wait_s: 120", ""), ('triage { group: "mh" duration { exponential { mean_s: 1200 } } }', ""),
        ('groups { name: "mh" }', ""),
        ('shifts { name: "mh" group: "mh" start: "00:00" length_minutes: 1440 headcount: 1 }', "")),
                  None, status=0),
    scenario_case("triage nobody is transferred to warns", edit(TRIAGE, ("share: 0.05", "share: 0")),
                  LINE + r"triage: warning: no channel transfers contacts", status=0),

    # ---- Live Chat ----
    scenario_case("the valid chat scenario runs", CHAT, None, status=0),
    scenario_case("no chat sessions", edit(CHAT, ("max_chat_sessions: 3", "max_chat_sessions: 0")),
                  LINE + r"groups\[1\]\.max_chat_sessions: must be in \[1, 32\] \(got 0\)"),
    scenario_case("a thousand chats at once", edit(CHAT, ("max_chat_sessions: 3",
                                                          "max_chat_sessions: 1000")),
                  LINE + r"groups\[1\]\.max_chat_sessions: must be in \[1, 32\] \(got 1000\)"),
    scenario_case("chat sessions beyond the uint32", edit(CHAT, ("max_chat_sessions: 3",
                                                                 "max_chat_sessions: 99999999999")),
                  LINE + r"Integer out of range \(99999999999\)"),
    scenario_case("ten chats at once warns", edit(CHAT, ("max_chat_sessions: 3",
                                                         "max_chat_sessions: 10")),
                  LINE + r"groups\[1\]\.max_chat_sessions: warning: 10 chats at once is "
                  r"implausibly many", status=0),
    scenario_case("chat sessions on a voice group warn", edit(CHAT, (
        'groups { name: "handlers" skills: "101" }',
        'groups { name: "handlers" skills: "101" max_chat_sessions: 2 }')),
                  LINE + r"groups\[0\]\.max_chat_sessions: warning: the group has no chat skill",
                  status=0),
    scenario_case("negative slowdown", edit(CHAT, ("chat_slowdown: 0.25", "chat_slowdown: -1")),
                  LINE + r"groups\[1\]\.chat_slowdown: must be >= 0"),
    scenario_case("slowdown of 50", edit(CHAT, ("chat_slowdown: 0.25", "chat_slowdown: 50")),
                  LINE + r"groups\[1\]\.chat_slowdown: must be <= 10 \(got 50\)"),
    scenario_case("slowdown not a number", edit(CHAT, ("chat_slowdown: 0.25", "chat_slowdown: nan")),
                  LINE + r"groups\[1\]\.chat_slowdown: "),
    scenario_case("blending on a chat-only group warns", edit(CHAT, (
        'skills: ["chat", "101"]', 'skills: ["chat"]')),
                  LINE + r"groups\[1\]\.blending: warning: the group does not answer both",
                  status=0),
    scenario_case("blending rule misspelt", edit(CHAT, ("DRAIN_FOR_CALLS", "DRAIN_CALLS")),
                  LINE + r'Unknown enumeration value of "DRAIN_CALLS" for field "blending"'),
    scenario_case("blending rule out of range", edit(CHAT, ("DRAIN_FOR_CALLS", "7")),
                  LINE + r"groups\[1\]\.blending: must be CHATS_UNTIL_FULL or DRAIN_FOR_CALLS"),
    scenario_case("channel kind out of range", edit(CHAT, ("kind: CHAT", "kind: 9")),
                  LINE + r"channels\[1\]\.kind: must be VOICE or CHAT \(got 9\)"),
    scenario_case("channel kind misspelt", edit(CHAT, ("kind: CHAT", "kind: CHATS")),
                  LINE + r'Unknown enumeration value of "CHATS" for field "kind" \(did you mean '
                  r'"CHAT"\?\)'),
    scenario_case("mental-health transfers from chat", edit(CHAT, (
        "target { answer_within_s: 60 fraction: 0.8 }",
        "target { answer_within_s: 60 fraction: 0.8 }\n  mental_health { share: 0.05 }")),
                  LINE + r"channels\[1\]\.mental_health: not modelled for a chat channel"),
    scenario_case("chat nobody answers", edit(CHAT, ('skills: ["chat", "101"]', 'skills: ["101"]'),
                                              ("max_chat_sessions: 3", ""),
                                              ("chat_slowdown: 0.25", ""),
                                              ("blending: DRAIN_FOR_CALLS", "")),
                  LINE + r"channels\[1\]: channel nobody can answer"),
    scenario_case("chat desk never rostered", edit(CHAT, (
        'shifts { name: "desk" group: "desk" start: "00:00" length_minutes: 1440 headcount: 4 }',
        "")),
                  LINE + r"groups\[1\]: group never staffed"),

    # ---- shift patterns (planning) ----
    shift_case("pattern without a name", ('name: "early" ', ""),
               stderr=r"planning\.patterns\[0\]\.name: must not be empty"),
    shift_case("duplicate pattern name", ('name: "late"', 'name: "early"'),
               stderr=r'planning\.patterns\[1\]\.name: duplicate pattern name "early"'),
    shift_case("pattern of an unknown group", ('name: "late" group: "handlers"',
                                               'name: "late" group: "handler"'),
               stderr=r'planning\.patterns\[1\]\.group: no handler group named "handler" '
               r'\(did you mean "handlers"\?\)'),
    shift_case("start not a time", (EARLY, 'earliest_start: "6am"'),
               stderr=r'planning\.patterns\[0\]\.earliest_start: not a time HH:MM \(got "6am"\)'),
    shift_case("start of 24:00", (EARLY, 'earliest_start: "24:00"'),
               stderr=r"planning\.patterns\[0\]\.earliest_start: not a time HH:MM"),
    shift_case("latest start before earliest", (EARLY, 'earliest_start: "09:00" latest_start: "06:00"'),
               stderr=r"planning\.patterns\[0\]\.latest_start: must not be before earliest_start"),
    shift_case("start off the interval grid", (EARLY, 'earliest_start: "06:30" latest_start: "09:30"'),
               stderr=r"planning\.patterns\[0\]\.earliest_start: must be a whole number of the "
               r"horizon's 60-minute intervals \(got 390\)"),
    shift_case("step of 0 minutes", (EARLY, EARLY + " start_step_minutes: 1441"),
               stderr=r"planning\.patterns\[0\]\.start_step_minutes: must be from 1 to 1440"),
    shift_case("length of 0", ("length_minutes: 480 cost: 10", "length_minutes: 0 cost: 10"),
               stderr=r"planning\.patterns\[2\]\.length_minutes: must be from 1 to 1440"),
    shift_case("length over a day", ("length_minutes: 480 cost: 10", "length_minutes: 4294967295 cost: 10"),
               stderr=r"planning\.patterns\[2\]\.length_minutes: must be from 1 to 1440"),
    shift_case("weekday out of range", ("cost: 10", "cost: 10 weekdays: 9"),
               stderr=r"planning\.patterns\[2\]\.weekdays\[0\]: must be one of MONDAY\.\.SUNDAY"),
    shift_case("cost not a number", ("cost: 10", "cost: nan"),
               stderr=r"planning\.patterns\[2\]\.cost: must be a finite number >= 0"),
    shift_case("negative cost", ("cost: 10", "cost: -1"),
               stderr=r"planning\.patterns\[2\]\.cost: must be a finite number >= 0"),
    shift_case("min per day above max", ("cost: 10", "cost: 10 min_per_day: 3 max_per_day: 2"),
               stderr=r"planning\.patterns\[2\]\.min_per_day: must not exceed max_per_day 2"),
    shift_case("break as long as the shift", (EARLY_BREAK, EARLY_BREAK.replace("length_minutes: 60", "length_minutes: 480")),
               stderr=r"planning\.patterns\[0\]\.breaks\[0\]\.length_minutes: must be above 0 and "
               r"shorter than the shift"),
    shift_case("break window before its start", (EARLY_BREAK, EARLY_BREAK.replace("latest_after_minutes: 300", "latest_after_minutes: 120")),
               stderr=r"planning\.patterns\[0\]\.breaks\[0\]\.latest_after_minutes: must not be "
               r"before earliest_after_minutes 180"),
    shift_case("breaks that never fit", (EARLY_BREAK, EARLY_BREAK + " " + EARLY_BREAK.replace(
        "length_minutes: 60", "length_minutes: 300")),
               stderr=r"planning\.patterns\[0\]\.breaks: no placement fits"),
    shift_case("too many break placements", (EARLY_BREAK, " ".join(
        ["breaks { length_minutes: 60 earliest_after_minutes: 0 latest_after_minutes: 420 }"] * 5)),
               stderr=r"planning\.patterns\[0\]\.breaks: the break windows allow 32768 placements"),
    shift_case("hours per FTE of 200", ("planning {", "planning { hours_per_fte: 200"),
               stderr=r"planning\.hours_per_fte: must be from 1 to 168"),
    shift_case("tiny hours per FTE", ("planning {", "planning { hours_per_fte: 1e-300"),
               stderr=r"planning\.hours_per_fte: must be from 1 to 168"),
    shift_case("cost beyond the solver", ("cost: 10", "cost: 1e25"),
               stderr=r"planning\.patterns\[2\]\.cost: must be at most 1000000 per shift"),
    shift_case("weekday repeated", ("cost: 10", "cost: 10 weekdays: [MONDAY, TUESDAY, MONDAY]"),
               stderr=r"planning\.patterns\[2\]\.weekdays\[2\]: repeats MONDAY"),
    # Ten years of a pattern starting any hour: too big to plan, but nothing to `run` or
    # `validate`, which ignore the patterns' programme.
    plan_case("a programme too big to solve", LONG_PLAN,
              r"fccsim plan: .*s\.textproto: planning\.patterns: over the horizon of 3650 days "
              r"the patterns make an integer programme of up to \d+ terms"),
    Case("validate accepts patterns too big to plan", {"s.textproto": LONG_PLAN},
         ["validate", "{dir}/s.textproto"], status=0, stdout=r"s\.textproto: ok"),
    plan_case("a need beyond any shift's headcount",
              edit(SHIFTS, ("shrinkage: 0.2", "shrinkage: 0.99999")),
              r'group "handlers" would need \d+ handlers present on day 0 \(Monday\) 00:00 .*'
              r"more than the 100000 a shift may hold"),
    plan_case("patterns bound below the need", edit(SHIFTS, ("cost: 10", "cost: 10 max_per_day: 1")),
              r"no roster of the shift patterns covers the need \(infeasible\): check "
              r"min_per_day and max_per_day"),
    plan_case("a planned group also in the headcount table",
              edit(SHIFTS, ("shrinkage: 0.2", 'shrinkage: 0.2 headcount_csv: "h.csv"')),
              LINE + r'planning\.patterns\[0\]\.group: group "handlers" is staffed by '
              r'roster\.headcount_csv: the planner replaces a group\'s shifts, not its table',
              files={"h.csv": "weekday,start,handlers\n" + "".join(
                  f"{d},{h:02d}:00,1\n" for d in DAYS for h in range(24))}),

    # ---- warnings, and --strict ----
    scenario_case("talk of 2 s warns", edit(VALID, ("mean_s: 180", "mean_s: 2")),
                  LINE + r"channels\[0\]\.talk: warning: a mean talk time of 2 s is "
                  r"implausibly short", status=0),
    run_case("talk of 2 s refused under --strict",
             {"s.textproto": edit(VALID, ("mean_s: 180", "mean_s: 2"))}, ["--strict"],
             stderr=r"talk: warning: .*\nfccsim: warnings are errors under --strict"),
    Case("validate --strict refuses a warning",
         {"s.textproto": edit(VALID, ("mean_s: 180", "mean_s: 2"))},
         ["validate", "--strict", "{dir}/s.textproto"], stderr=r"warnings are errors"),
    Case("validate counts warnings", {"s.textproto": edit(VALID, ("mean_s: 180", "mean_s: 2"))},
         ["validate", "{dir}/s.textproto"], status=0, stdout=r"s\.textproto: ok \(1 warning\)"),
    scenario_case("CV above 10 warns", edit(VALID, ("exponential { mean_s: 180 }",
                                                    "lognormal { mean_s: 180 cv: 50 }")),
                  LINE + r"channels\[0\]\.talk\.lognormal: warning: a coefficient of variation "
                  r"of 50", status=0),
    scenario_case("shrinkage as a percentage", edit(VALID, ("roster {", "roster { shrinkage: 30")),
                  LINE + r"roster\.shrinkage: must be in \[0, 1\) \(got 30\); a percentage\? "
                  r"write 0\.3 for 30%"),
    scenario_case("shrinkage of 0.7 warns", edit(VALID, ("roster {", "roster { shrinkage: 0.7")),
                  LINE + r"roster\.shrinkage: warning: more than 60%", status=0),
    scenario_case("fraction as a percentage", edit(VALID, ("fraction: 0.8", "fraction: 80")),
                  r"fraction: must be in \(0, 1\] \(got 80\); a percentage\? write 0\.8 for 80%"),
    scenario_case("short abandon above the target threshold warns",
                  edit(VALID, ("target {", "short_abandon_s: 30 target {")),
                  LINE + r"channels\[0\]\.short_abandon_s: warning: above "
                  r"target\.answer_within_s \(20 s\)", status=0),
]


def materialise(folder, files):
    for name, content in files.items():
        path = os.path.join(folder, name)
        if isinstance(content, Special):
            content.make(path)
        else:
            data = content.encode("utf-8") if isinstance(content, str) else content
            with open(path, "wb") as f:
                f.write(data)


def snapshot(folder):
    """Every entry below `folder`: relative path -> bytes of a regular file, or its kind."""
    entries = {}
    for root, dirs, names in os.walk(folder):
        for name in dirs + names:
            path = os.path.join(root, name)
            mode = os.lstat(path).st_mode
            key = os.path.relpath(path, folder)
            if stat.S_ISREG(mode):
                with open(path, "rb") as f:
                    entries[key] = f.read()
            else:
                entries[key] = stat.filemode(mode)
    return entries


class BadInputTest(unittest.TestCase):

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="fccsim_bad_")
        self.tmp = self._tmp.name

    def tearDown(self):
        self._tmp.cleanup()

    def check(self, case):
        folder = tempfile.mkdtemp(dir=self.tmp)
        materialise(folder, case.files)
        before = snapshot(folder)
        args = [a.replace("{dir}", folder) for a in case.args]
        result = subprocess.run([FCCSIM, *args], capture_output=True, timeout=TIMEOUT_S,
                                check=False)
        stderr = result.stderr.decode("utf-8", "replace").replace(folder + "/", "")
        stdout = result.stdout.decode("utf-8", "replace").replace(folder + "/", "")
        detail = f"\nargs: {' '.join(case.args)}\nstdout:\n{stdout}\nstderr:\n{stderr}"
        self.assertEqual(result.returncode, case.status, "exit status" + detail)
        self.assertNotIn("check failed", stderr, detail)
        if case.stderr:
            self.assertRegex(stderr, re.compile(case.stderr, re.M), detail)
        if case.stdout:
            self.assertRegex(stdout, case.stdout, detail)
        after = snapshot(folder)
        for name, content in before.items():
            self.assertEqual(after.get(name), content, f"input {name} changed" + detail)
        written = sorted(set(after) - set(before))
        if case.status != 0:
            self.assertEqual(written, [], "written although refused" + detail)
            if case.args and case.args[0] == "run":
                self.assertEqual(stdout, "", "a refused run printed results" + detail)
        else:
            self.assertFalse([w for w in written if ".tmp" in w or w.startswith(".")],
                             "temporary file left" + detail)

    # ---- signals, and a reader of stdout that goes away ----

    def long_run(self, folder):
        """A run that writes tens of megabytes, so that a signal can land in any phase."""
        path = os.path.join(folder, "s.textproto")
        with open(path, "w", encoding="utf-8") as f:
            f.write(edit(VALID, ("days: 1 warm_up_hours: 1", "days: 400 warm_up_hours: 1")))
        return [FCCSIM, "run", path, "-o", os.path.join(folder, "out.pb"), "--replications",
                "4", "--threads", "2", "--csv", os.path.join(folder, "csv")]

    @staticmethod
    def outputs(folder):
        """The bytes of the results and of one CSV table, and every name written."""
        def read(*parts):
            path = os.path.join(folder, *parts)
            return open(path, "rb").read() if os.path.exists(path) else None
        names = sorted(os.path.relpath(os.path.join(root, name), folder)
                       for root, dirs, files in os.walk(folder) for name in dirs + files)
        return read("out.pb"), read("csv", "channel_summary.csv"), names

    def test_a_signal_in_any_phase_leaves_the_results_whole_or_untouched(self):
        folder = tempfile.mkdtemp(dir=self.tmp)
        command = self.long_run(folder)
        started = time.monotonic()
        subprocess.run(command, capture_output=True, timeout=TIMEOUT_S, check=True)
        took = time.monotonic() - started
        whole = self.outputs(folder)
        earlier = (b"the results of an earlier run\n", b"its channel summary\n")
        # From before the scenario is read to after the results are written.
        for step in range(12):
            delay = took * step / 10
            sig = signal.SIGINT if step % 2 == 0 else signal.SIGTERM
            with self.subTest(delay=round(delay, 3), signal=sig.name):
                shutil.rmtree(os.path.join(folder, "csv"))
                os.mkdir(os.path.join(folder, "csv"))
                for data, parts in zip(earlier, (["out.pb"], ["csv", "channel_summary.csv"])):
                    with open(os.path.join(folder, *parts), "wb") as f:
                        f.write(data)
                untouched = self.outputs(folder)
                process = subprocess.Popen(command, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.PIPE)
                time.sleep(delay)
                process.send_signal(sig)
                _, stderr = process.communicate(timeout=TIMEOUT_S)
                result = self.outputs(folder)
                # A run stopped by a signal writes the replications done, marked
                # interrupted: a whole results file (its completion marker is serialised
                # last) and its CSV tables, all renamed together.
                stopped = (result[0] not in (untouched[0], None)
                           and result[0].endswith(b"fccsim results complete")
                           and result[1] not in (untouched[1], None))
                if step == 0:  # perhaps before main() began: the default action
                    self.assertIn(process.returncode, (0, 128 + sig, -sig), stderr.decode())
                elif delay < took / 2:  # surely while running: stopped, the work done kept
                    self.assertEqual(process.returncode, 128 + sig, stderr.decode())
                    self.assertTrue(result == untouched or stopped,
                                    "outputs replaced by a part of an interrupted run")
                else:
                    self.assertIn(process.returncode, (0, 128 + sig), stderr.decode())
                # The results and the CSV tables all from this run, or all as they were; no
                # temporary file left.
                self.assertTrue(result in (untouched, whole) or stopped,
                                f"outputs mixed or cut short: {result[2]}")
                if process.returncode == 0:
                    self.assertTrue(result == whole)

    def test_a_signal_ignored_by_the_parent_stays_ignored(self):
        folder = tempfile.mkdtemp(dir=self.tmp)
        command = self.long_run(folder)
        process = subprocess.Popen(  # as nohup starts it
            command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_IGN))
        time.sleep(0.2)
        process.send_signal(signal.SIGHUP)
        _, stderr = process.communicate(timeout=TIMEOUT_S)
        self.assertEqual(process.returncode, 0, stderr.decode())
        self.assertEqual(sorted(os.listdir(folder)), ["csv", "out.pb", "s.textproto"])

    def test_a_closed_stdout_does_not_stop_the_results(self):
        folder = tempfile.mkdtemp(dir=self.tmp)
        command = self.long_run(folder)
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        process.stdout.close()  # as `| head` does once it has its lines
        _, stderr = process.communicate(timeout=TIMEOUT_S)
        self.assertEqual(process.returncode, 0, stderr.decode())
        self.assertEqual(stderr, b"")
        self.assertEqual(sorted(os.listdir(folder)), ["csv", "out.pb", "s.textproto"])
        self.assertGreater(os.path.getsize(os.path.join(folder, "out.pb")), 1 << 20)

    def test_every_case(self):
        names = [c.name for c in CASES]
        self.assertEqual(len(names), len(set(names)), "two cases share a name")
        for case in CASES:
            with self.subTest(case=case.name):
                self.check(case)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: bad_input_test.py FCCSIM_BINARY")
    FCCSIM = os.path.abspath(sys.argv[1])
    unittest.main(argv=sys.argv[:1], verbosity=2)
