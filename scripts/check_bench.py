#!/usr/bin/env python3
"""Reads Google Benchmark JSON output and prints each fccsim/baseline speed ratio.

Exits non-zero if any fccsim queue is slower than its std::priority_queue baseline at any size,
or than the binary heap on the contact centre's own event traces.
Ratios, not absolute times, are what is compared: both sides run in the same binary, on the same
machine, interleaved. With repetitions, the median of each benchmark is used.

Usage: check_bench.py EVENT_QUEUE_JSON [SIMULATOR_JSON [QUEUE_TRACE_JSON]]
"""
import json
import re
import statistics
import sys

BASELINES = {"BM_Hold": "StdPriorityQueue", "BM_HoldPareto": "StdPriorityQueue",
             "BM_HoldCancel": "StdLazyPriorityQueue", "BM_Burst": "StdPriorityQueue"}
# The families an fccsim queue must never lose to std::priority_queue (the hold model, with and
# without cancellations). BM_Burst guards against a different failure: simultaneous events
# going quadratic. Its ratios are printed; what fails the run is the cost per operation growing
# with the number pending (a quadratic queue would be thousands of times slower at 10^6).
NEVER_SLOWER = {"BM_Hold", "BM_HoldPareto", "BM_HoldCancel"}
BURST_MAX_GROWTH = 10.0  # time per operation at the largest N over that at the smallest; measured 3x
# Targets from the engine's requirements, reported beside the measurement; only "never slower"
# fails the run, since the others are goals for the hardware CI happens to run on.
TARGETS = {("BM_Hold", 16): 1.5, ("BM_Hold", 256): 2.5, ("BM_Hold", 4096): 3.0,
           ("BM_Hold", 1048576): 5.0}
CANCEL_TARGET = 3.0
SIMULATOR_TARGET_EVENTS_PER_S = 35e6
TRACE_BASELINE = "StdLazyPriorityQueue"  # the binary heap; every fccsim queue must beat it
# Other programs' queues (ns-3's schedulers, where libns3-dev is installed): reported, never
# failing the run.
OTHER_BASELINE_PREFIX = "Ns3"
ERRORS = {}  # benchmark name -> the error it reported


def medians(path):
    with open(path) as f:
        data = json.load(f)
    times = {}
    rates = {}
    for b in data["benchmarks"]:
        if b.get("run_type") == "aggregate":
            continue
        name = b["run_name"] if "run_name" in b else b["name"]
        if b.get("error_occurred"):  # e.g. a replay that caught a queue popping out of order
            ERRORS[name] = b.get("error_message", "error")
            continue
        times.setdefault(name, []).append(b["cpu_time"])
        if "items_per_second" in b:
            rates.setdefault(name, []).append(b["items_per_second"])
    return ({k: statistics.median(v) for k, v in times.items()},
            {k: statistics.median(v) for k, v in rates.items()})


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    times, _ = medians(argv[1])
    pattern = re.compile(r"^(BM_\w+)<(.+)>/(\d+)$")
    rows = {}
    for name, t in times.items():
        m = pattern.match(name)
        if m:
            rows[(m.group(1), m.group(2), int(m.group(3)))] = t
    failures = []
    print(f"{'family':<14} {'queue':<36} {'N':>8} {'ratio':>7}  target")
    for (family, queue, n), t in sorted(rows.items()):
        baseline = BASELINES.get(family)
        if queue == baseline:
            continue
        base = rows.get((family, baseline, n))
        if base is None:
            failures.append(f"{family}<{queue}>/{n}: no baseline {baseline} in the same run")
            continue
        ratio = base / t
        if queue.startswith(OTHER_BASELINE_PREFIX):
            print(f"{family:<14} {queue:<36} {n:>8} {ratio:>6.2f}x  (another program's queue)")
            continue
        target = CANCEL_TARGET if family == "BM_HoldCancel" else TARGETS.get((family, n))
        note = "" if target is None else (f">= {target:.1f}x " + ("met" if ratio >= target else "NOT MET"))
        print(f"{family:<14} {queue:<36} {n:>8} {ratio:>6.2f}x  {note}")
        if ratio < 1.0 and family in NEVER_SLOWER:
            failures.append(f"{family}<{queue}>/{n} is slower than {baseline}: ratio {ratio:.2f}")
    burst = {}
    for (family, queue, n), t in rows.items():
        if family == "BM_Burst" and queue != BASELINES[family]:
            burst.setdefault(queue, {})[n] = t
    for queue, by_n in sorted(burst.items()):
        growth = by_n[max(by_n)] / by_n[min(by_n)]
        print(f"BM_Burst       {queue:<36} cost per operation at N={max(by_n)} is {growth:.1f}x "
              f"that at N={min(by_n)} (limit {BURST_MAX_GROWTH:.0f}x)")
        if growth > BURST_MAX_GROWTH:
            failures.append(f"BM_Burst<{queue}>: simultaneous events scale badly ({growth:.1f}x)")
    if not rows:
        failures.append("no queue benchmarks found")
    if len(argv) > 2:
        _, rates = medians(argv[2])
        for name, rate in sorted(rates.items()):
            goal = SIMULATOR_TARGET_EVENTS_PER_S
            status = "met" if rate >= goal else "NOT MET"
            print(f"{name:<30} {rate / 1e6:6.1f} M events/s  (goal {goal / 1e6:.0f} M at N=4096: "
                  f"{status if name.endswith('/4096') else '-'})")
    if len(argv) > 3:
        traces, _ = medians(argv[3])
        trace_rows = {}
        for name, t in traces.items():
            m = re.match(r"^BM_CentreTrace<(.+)>/(\w+)$", name)
            if m:
                trace_rows[(m.group(2), m.group(1))] = t
        if not trace_rows:
            failures.append("no centre trace benchmarks found")
        for (scenario, queue), t in sorted(trace_rows.items()):
            if queue == TRACE_BASELINE:
                continue
            base = trace_rows.get((scenario, TRACE_BASELINE))
            if base is None:
                failures.append(f"centre trace {scenario}: no {TRACE_BASELINE} in the same run")
                continue
            ratio = base / t
            if queue.startswith(OTHER_BASELINE_PREFIX):
                print(f"{'CentreTrace':<14} {queue:<36} {scenario:>12} {ratio:>6.2f}x  "
                      "(another program's queue)")
                continue
            print(f"{'CentreTrace':<14} {queue:<36} {scenario:>12} {ratio:>6.2f}x  "
                  f"> 1.0x {'met' if ratio > 1 else 'NOT MET'}")
            if ratio < 1.0:
                failures.append(f"centre trace {scenario}: {queue} is slower than the binary "
                                f"heap: ratio {ratio:.2f}")
    for name, message in sorted(ERRORS.items()):
        print(f"{name}: {message}")
        if OTHER_BASELINE_PREFIX not in name:
            failures.append(f"{name}: {message}")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
