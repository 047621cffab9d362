#!/usr/bin/env bash
# Sets up, builds in Release and runs the main job on the example scenario: a week of a large
# force's contact centre (scenarios/gmp_baseline.textproto). Results go to build/demo/.
# Extra arguments go to `fccsim run` (e.g. --replications 50 --threads 2).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j "$(nproc)" --target fccsim
mkdir -p build/demo
build/release/fccsim run scenarios/gmp_baseline.textproto -o build/demo/results.pb \
  --csv build/demo/csv "$@"
# The plan of the same week (about 30 s): requirements, staffing by simulation, and the
# least-cost roster of the scenario's shift patterns, verified by simulation; for
# scripts/plan_report.py and scripts/notebooks/explore_plan.ipynb. Its summary follows.
echo >&2
echo "Planning the week's shifts (fccsim plan --simulate)..." >&2
build/release/fccsim plan scenarios/gmp_baseline.textproto -o build/demo/plan.pb \
  --csv build/demo/plan_csv --simulate --roster build/demo/planned | sed -n '/^Shift plan/,/^Simulated/p'
echo "Results: build/demo/results.pb; interval tables: build/demo/csv/" >&2
echo "Plan: build/demo/plan.pb; tables: build/demo/plan_csv/; planned roster to run:" \
  "build/demo/planned/planned.textproto" >&2
