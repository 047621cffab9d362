#!/usr/bin/env python3
"""A sweep's wall time and scaling, on threads and on MPI processes, as a user runs it.

A sweep of 50 points (the GMP week with 2 to 11 handlers on "999 late 1" and 2 to 6 on
"999 late 2") x 20 replications of scenarios/gmp_baseline.textproto, run as whole processes:
  one process, --threads 1 (the baseline of every ratio), one process, --threads 2,
  mpirun -n 2 and mpirun -n 3, each process --threads 1.
Within a repetition the four run one after the other, so a change in the machine's load
falls on all; each figure is the median over the repetitions. Every run must write the same
bytes as the first (else exit 1): the point of spreading a sweep is the same answer sooner.
On a machine of two cores, 2 and 3 processes can at best match 2 threads; the ratios show
what the processes and their messages cost.

Usage, from the repository root after a Release build:
  /usr/bin/python3 bench/sweep_scaling.py [--fccsim PATH] [--repetitions R] [--points N]
      [--replications N] [--json PATH]
Exit status 0, or 1 if a command fails or writes other bytes.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def sweep_file(folder, points, replications):
    late_2 = ["2", "3", "4", "5", "6"]
    late_1 = [str(2 + i) for i in range(max(1, points // len(late_2)))]
    base = os.path.join(REPO, "scenarios", "gmp_baseline.textproto")
    quoted = lambda values: ", ".join(f'"{v}"' for v in values)  # noqa: E731
    text = f"""name: "scaling"
base: "{base}"
axes {{ name: "late_1" path: "roster.shifts[name=\\"999 late 1\\"].headcount"
        values: [{quoted(late_1)}] }}
axes {{ name: "late_2" path: "roster.shifts[name=\\"999 late 2\\"].headcount"
        values: [{quoted(late_2)}] }}
replications: {replications}
"""
    path = os.path.join(folder, "scaling.sweep")
    with open(path, "w") as f:
        f.write(text)
    return path, len(late_1) * len(late_2)


def folder_bytes(folder):
    files = {}
    for root, _, names in os.walk(folder):
        for name in names:
            path = os.path.join(root, name)
            with open(path, "rb") as f:
                files[os.path.relpath(path, folder)] = f.read()
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fccsim", default=os.path.join(REPO, "build", "release", "fccsim"))
    parser.add_argument("--repetitions", type=int, default=3)
    parser.add_argument("--points", type=int, default=50)
    parser.add_argument("--replications", type=int, default=20)
    parser.add_argument("--json")
    args = parser.parse_args()
    mpirun = shutil.which("mpirun")
    as_root = ["--allow-run-as-root"] if os.geteuid() == 0 else []
    configs = [("1 process, 1 thread", [], "1"), ("1 process, 2 threads", [], "2")]
    if mpirun:
        for n in (2, 3):
            configs.append((f"{n} MPI processes, 1 thread each",
                            [mpirun, "--oversubscribe", *as_root, "-n", str(n)], "1"))
    else:
        print("sweep_scaling: no mpirun on PATH: threads only", file=sys.stderr)
    folder = tempfile.mkdtemp(prefix="fccsim_sweep_scaling_")
    try:
        sweep, points = sweep_file(folder, args.points, args.replications)
        walls = {name: [] for name, _, _ in configs}
        reference = None
        for rep in range(args.repetitions):
            for i, (name, launcher, threads) in enumerate(configs):
                out = os.path.join(folder, f"out{rep}_{i}")
                argv = [*launcher, args.fccsim, "sweep", sweep, "-o", out, "--threads", threads]
                start = time.perf_counter()
                done = subprocess.run(argv, capture_output=True, text=True, check=False)
                walls[name].append(time.perf_counter() - start)
                if done.returncode != 0:
                    print(f"sweep_scaling: {' '.join(argv)} exited {done.returncode}:\n"
                          f"{done.stderr}", file=sys.stderr)
                    return 1
                got = folder_bytes(out)
                if reference is None:
                    reference = got
                elif got != reference:
                    print(f"sweep_scaling: {name} wrote other bytes than "
                          f"{configs[0][0]}", file=sys.stderr)
                    return 1
                shutil.rmtree(out)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    base = statistics.median(walls[configs[0][0]])
    print(f"Sweep of {points} points x {args.replications} replications of gmp_baseline "
          f"(7 days), median of {args.repetitions}, on {os.cpu_count()} cores, "
          f"load {os.getloadavg()[0]:.2f}:")
    for name, _, _ in configs:
        wall = statistics.median(walls[name])
        print(f"  {name:32s} {wall:7.2f} s   {base / wall:4.2f}x")
    print("  (every run wrote the same bytes)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"points": points, "replications": args.replications, "walls_s": walls},
                      f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
