#!/usr/bin/env python3
"""What a user pays: fccsim timed as whole processes, against baselines in the same run.

bench/centre_bench.cc times fccsim inside one warm process that reuses its memory. A user pays
for a whole process each time: start-up, loading the scenario, simulating, writing the results,
and every page of memory touched. This script runs whole processes and reads, for each, the wall
time (time.perf_counter around the child) and the peak resident memory (ru_maxrss from os.wait4).

Usage, from the repository root after a Release build with the benches:
  cmake --build build/release --target fccsim handwritten_erlang_a
  /usr/bin/python3 bench/whole_process.py [--fccsim PATH] [--handwritten PATH]
      [--repetitions R] [--quick] [--check] [--json PATH]

Measures, each the median over R repetitions (default 5). Within a repetition the commands run
one after the other (A B A B ...), so a change in the machine's load falls on both sides of a
ratio; a ratio is of the two medians. Every run uses seed 1. The scenarios are copies of
scenarios/*.textproto in a temporary folder, with only the horizon's days and warm-up changed.
  (a) erlang_a over 1 h warm-up + 10 days (about 171,000 calls offered), 1 replication,
      --threads 1, against bench/handwritten_erlang_a.cc, a minimal M/M/50+M simulator of the
      same case and horizon, the two alternating 5 times in each repetition (so 5R runs of
      each): calls offered per second of wall time for each, and the ratio fccsim /
      hand-written. Target >= 1.0x: fccsim, with every KPI, as fast as the simplest program
      that answers the one question.
  (b) gmp_baseline over 365 days, 1 replication, --threads 1: wall time (target < 0.5 s) and
      peak RSS.
  (c) gmp_baseline over 28 days x 20 replications, --threads 1 against --threads 2: speed-up
      of the wall time (target >= 1.8x). Needs two idle cores: read it beside the load average
      recorded with every run (the benchmark itself accounts for about 1).
  (d) gmp_baseline over 365 days x 20 replications, --threads 2: peak RSS (target < 200 MiB:
      memory should follow what is in the system, not the horizon). Long, so run once unless
      --repetitions is given.
--quick: 3 repetitions and no (d), for CI. --json PATH: every raw measurement. Exit status 0,
or 1 if a command fails (its stderr is shown) or, with --check, if a target is not met.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = "1"
# Erlang A at 712.5 calls an hour over 240 h. A count far from it means a run simulated some
# other horizon, and the comparison would be meaningless.
ERLANG_A_EXPECTED_CALLS = 712.5 * 240
ERLANG_A_CALLS_TOLERANCE = 0.03  # the Poisson count's standard deviation is 0.24%


# The Erlang-A pair runs this many times in each repetition, alternating: a 40 ms run is the
# most exposed to a neighbour's burst of load, and the pair costs little beside (b) and (c).
ERLANG_A_PAIRS = 5


class BenchError(Exception):
    pass


def set_horizon(text, source, **values):
    """`text` with the given fields of its horizon block set; each must occur there once."""
    opening = re.search(r"^\s*horizon\s*\{", text, re.M)
    close = text.find("}", opening.end()) if opening else -1
    if close < 0:
        raise BenchError(f"{source}: no horizon {{ ... }} block")
    lines = text[opening.end():close].split("\n")
    for field, value in values.items():
        found = 0
        for i, line in enumerate(lines):
            code, hash_, comment = line.partition("#")  # a field named in a comment is not set
            code, n = re.subn(rf"\b{field}\s*:\s*[^\s}}]+", f"{field}: {value}", code)
            lines[i] = code + hash_ + comment
            found += n
        if found != 1:
            raise BenchError(f"{source}: horizon.{field} occurs {found} times, expected once")
    return text[:opening.end()] + "\n".join(lines) + text[close:]


def write_scenario(folder, scenario, name, **horizon):
    source = os.path.join(REPO, "scenarios", scenario)
    with open(source) as f:
        text = set_horizon(f.read(), f"scenarios/{scenario}", **horizon)
    path = os.path.join(folder, name)
    with open(path, "w") as f:
        f.write(text)
    return path


def run(argv, folder):
    """Runs argv as a whole process; returns its measurements and its standard output."""
    with tempfile.TemporaryFile(dir=folder) as out, tempfile.TemporaryFile(dir=folder) as err:
        load_1m = os.getloadavg()[0]
        start = time.perf_counter()
        try:
            child = subprocess.Popen(argv, stdout=out, stderr=err)
        except OSError as e:
            raise BenchError(f"{argv[0]}: {e.strerror}") from e
        _, status, usage = os.wait4(child.pid, 0)
        wall_s = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if child.returncode != 0:
        raise BenchError(f"{' '.join(argv)} exited with status {child.returncode}:\n{stderr}")
    record = {"argv": argv, "wall_s": wall_s, "max_rss_kib": usage.ru_maxrss,
              "user_s": usage.ru_utime, "sys_s": usage.ru_stime, "load_1m": load_1m}
    return record, stdout


def erlang_a_calls(stdout, pattern, program):
    m = re.search(pattern, stdout, re.M)
    if not m:
        raise BenchError(f"{program}: no count of calls offered in its output:\n{stdout}")
    calls = float(m.group(1))
    if abs(calls / ERLANG_A_EXPECTED_CALLS - 1) > ERLANG_A_CALLS_TOLERANCE:
        raise BenchError(f"{program}: {calls:.0f} calls offered, expected about "
                         f"{ERLANG_A_EXPECTED_CALLS:.0f}: not the 10-day horizon?")
    return calls


def plan(args, folder):
    """The commands of one repetition, in order, and those of (d); each with its calls parser."""
    erlang_a = write_scenario(folder, "erlang_a.textproto", "erlang_a_10d.textproto",
                              days=10, warm_up_hours=1)
    shutil.copy(os.path.join(REPO, "scenarios", "gmp_baseline_arrivals.csv"), folder)
    gmp_365 = write_scenario(folder, "gmp_baseline.textproto", "gmp_365d.textproto", days=365)
    gmp_28 = write_scenario(folder, "gmp_baseline.textproto", "gmp_28d.textproto", days=28)
    results = os.path.join(folder, "results.pb")

    def fccsim(scenario, replications, threads):
        return [args.fccsim, "run", scenario, "-o", results, "--seed", SEED,
                "--replications", str(replications), "--threads", str(threads)]

    fccsim_calls = (r"^calls\s+([0-9.]+)\s", "fccsim")  # the Offered column of the summary
    handwritten_calls = (r"^offered (\d+)$", "handwritten_erlang_a")
    erlang_a_pair = [
        ("a_fccsim", fccsim(erlang_a, 1, 1), fccsim_calls),
        ("a_handwritten", [args.handwritten, SEED], handwritten_calls),
    ]
    each_repetition = erlang_a_pair * ERLANG_A_PAIRS + [
        ("b", fccsim(gmp_365, 1, 1), None),
        ("c_threads1", fccsim(gmp_28, 20, 1), None),
        ("c_threads2", fccsim(gmp_28, 20, 2), None),
    ]
    return each_repetition, [("d", fccsim(gmp_365, 20, 2), None)]


def measure(commands, repetitions, folder, runs):
    for repetition in range(repetitions):
        for key, argv, calls in commands:
            print(f"repetition {repetition + 1}/{repetitions}: {key}", file=sys.stderr, flush=True)
            record, stdout = run(argv, folder)
            if calls:
                record["calls"] = erlang_a_calls(stdout, *calls)
            runs.setdefault(key, []).append(record)


def summarise(runs):
    """Rows of (measure, median, unit, target, met); target and met are None without a target."""
    def median(key, f):
        return statistics.median(f(r) for r in runs[key])

    def calls_per_s(r):
        return r["calls"] / r["wall_s"]

    def wall(r):
        return r["wall_s"]

    def rss_mib(r):
        return r["max_rss_kib"] / 1024

    fccsim, handwritten = median("a_fccsim", calls_per_s), median("a_handwritten", calls_per_s)
    ratio = fccsim / handwritten
    year_s = median("b", wall)
    one, two = median("c_threads1", wall), median("c_threads2", wall)
    rows = [("(a) erlang_a 10 d: fccsim calls/s", fccsim, "/s", None, None),
            ("(a) erlang_a 10 d: hand-written calls/s", handwritten, "/s", None, None),
            ("(a) erlang_a 10 d: fccsim / hand-written", ratio, "x", ">= 1.0x", ratio >= 1.0),
            ("(b) gmp 365 d x 1, 1 thread: wall", year_s, "s", "< 0.5 s", year_s < 0.5),
            ("(b) gmp 365 d x 1, 1 thread: peak RSS", median("b", rss_mib), "MiB", None, None),
            ("(c) gmp 28 d x 20, 1 thread: wall", one, "s", None, None),
            ("(c) gmp 28 d x 20, 2 threads: wall", two, "s", None, None),
            ("(c) gmp 28 d x 20: speed-up 2 threads", one / two, "x", ">= 1.8x", one / two >= 1.8)]
    if "d" in runs:  # not with --quick
        rss = median("d", rss_mib)
        rows += [("(d) gmp 365 d x 20, 2 threads: wall", median("d", wall), "s", None, None),
                 ("(d) gmp 365 d x 20, 2 threads: peak RSS", rss, "MiB", "< 200 MiB", rss < 200)]
    return rows


def print_table(rows, runs):
    formats = {"/s": "{:,.0f}/s", "x": "{:.2f}x", "s": "{:.3f} s", "MiB": "{:.0f} MiB"}
    print(f"{'measure':<44} {'median':>12}  target")
    for name, value, unit, target, met in rows:
        verdict = "" if met is None else ("met" if met else "NOT MET")
        print(f"{name:<44} {formats[unit].format(value):>12}  {target or '':<9} {verdict}".rstrip())
    loads = [r["load_1m"] for records in runs.values() for r in records]
    # These runs keep about one CPU busy themselves: more than that is someone else's load.
    print(f"load average (1 min) before each run: {min(loads):.2f} to {max(loads):.2f} "
          f"on {os.cpu_count()} CPUs")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fccsim", default=os.path.join(REPO, "build/release/fccsim"))
    parser.add_argument("--handwritten",
                        default=os.path.join(REPO, "build/release/handwritten_erlang_a"))
    parser.add_argument("--repetitions", type=int,
                        help="repetitions of every measure (default 5, 3 with --quick, 1 for (d))")
    parser.add_argument("--quick", action="store_true", help="3 repetitions and no (d), for CI")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is not met")
    parser.add_argument("--json", metavar="PATH", help="write every raw measurement here")
    args = parser.parse_args()
    if args.repetitions is not None and args.repetitions < 1:
        parser.error("--repetitions must be at least 1")
    repetitions = args.repetitions or (3 if args.quick else 5)
    for path in (args.fccsim, args.handwritten):
        if not os.access(path, os.X_OK):
            print(f"whole_process.py: {path} is not an executable; build it first "
                  "(cmake --build build/release --target fccsim handwritten_erlang_a)",
                  file=sys.stderr)
            return 1

    runs = {}
    try:
        with tempfile.TemporaryDirectory(prefix="fccsim-whole-process-") as folder:
            each_repetition, long_run = plan(args, folder)
            measure(each_repetition, repetitions, folder, runs)
            if not args.quick:
                measure(long_run, args.repetitions or 1, folder, runs)
    except BenchError as e:
        print(f"whole_process.py: {e}", file=sys.stderr)
        return 1

    rows = summarise(runs)
    print_table(rows, runs)
    if args.json:
        summary = [{"measure": name, "median": value, "unit": unit, "target": target, "met": met}
                   for name, value, unit, target, met in rows]
        with open(args.json, "w") as f:
            json.dump({"repetitions": repetitions, "cpus": os.cpu_count(),
                       "fccsim": args.fccsim, "handwritten": args.handwritten,
                       "summary": summary, "runs": runs}, f, indent=1)
    return 1 if args.check and any(met is False for *_, met in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
