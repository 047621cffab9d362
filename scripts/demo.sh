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
echo "Results: build/demo/results.pb; interval tables: build/demo/csv/" >&2
