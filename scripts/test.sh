#!/usr/bin/env bash
# Sets up, builds and runs every test; exits non-zero on any failure.
#   1. unit and validation tests in a Release build (the flags users run with);
#   2. the same tests built with AddressSanitizer and UndefinedBehaviorSanitizer;
#   3. the scenario and CSV readers under libFuzzer for a minute each (scripts/fuzz.sh);
#   4. the benchmarks, briefly, failing if an fccsim event queue is slower than
#      std::priority_queue at any size (ratios within one run, not absolute times), and
#      whole fccsim processes against their targets (bench/whole_process.py, reported), and
#      a sweep on threads and MPI processes (bench/sweep_scaling.py, reported).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh

jobs=$(nproc)
log=$(mktemp)
trap 'rm -f "$log"' EXIT

run_suite() {  # build dir, cmake options...
  local dir=$1
  shift
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" | tee -a "$log"
}

echo "== Release build and tests"
run_suite build/release -DCMAKE_BUILD_TYPE=Release
echo "== Sanitizer build (ASan + UBSan) and tests"
run_suite build/sanitize -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFCCSIM_SANITIZE=ON \
  -DFCCSIM_BUILD_BENCH=OFF
echo "== Fuzzing the scenario and CSV readers (clang++, ASan + UBSan)"
fuzz_status=0
scripts/fuzz.sh 60 || fuzz_status=1

echo "== Benchmarks (brief; ratios against std::priority_queue in the same run)"
bench_flags=(--benchmark_min_time=0.1 --benchmark_repetitions=7
             --benchmark_enable_random_interleaving=true --benchmark_format=json)
build/release/event_queue_bench "${bench_flags[@]}" \
  --benchmark_out=build/release/event_queue_bench.json >/dev/null
build/release/simulator_bench "${bench_flags[@]}" --benchmark_filter='/(16|4096|1048576)$' \
  --benchmark_out=build/release/simulator_bench.json >/dev/null
build/release/queue_trace_bench "${bench_flags[@]}" \
  --benchmark_out=build/release/queue_trace_bench.json >/dev/null
echo "End to end, one thread (items = simulated contacts):"
build/release/centre_bench --benchmark_min_time=0.2 2>/dev/null | grep -E '^BM_' || true
echo "The planner on gmp_baseline (analytic; by simulation, against one simulation of 10"
echo "replications on every core):"
build/release/plan_bench 2>/dev/null | grep -E '^BM_' || true
echo "Whole processes, as a user runs them (targets reported, not enforced: timings vary"
echo "between machines; a command that fails fails the run):"
whole_status=0
/usr/bin/python3 bench/whole_process.py --quick --json build/release/whole_process.json \
  2> >(grep -v '^repetition' >&2) || whole_status=1
echo "A sweep on threads and on MPI processes (reported; a run that fails or writes other"
echo "bytes fails the run):"
/usr/bin/python3 bench/sweep_scaling.py --repetitions 1 \
  --json build/release/sweep_scaling.json || whole_status=1
bench_status=$whole_status
/usr/bin/python3 scripts/check_bench.py build/release/event_queue_bench.json \
  build/release/simulator_bench.json build/release/queue_trace_bench.json || bench_status=1

# One closing line for the whole run, in the form CI reads.
passed=$(grep -oE '[0-9]+ tests failed out of [0-9]+' "$log" |
         awk '{failed += $1; total += $6} END {print total - failed}')
failed=$(grep -oE '[0-9]+ tests failed out of [0-9]+' "$log" | awk '{f += $1} END {print f + 0}')
failed=$((failed + bench_status + fuzz_status))
passed=$((passed + 2 - bench_status - fuzz_status))
echo "fccsim: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
