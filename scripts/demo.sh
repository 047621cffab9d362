#!/usr/bin/env bash
# Sets up, builds in Release and runs the main job on an example. Extra arguments go to it.
# Until the contact-centre model lands, the main job is the engine demo: an M/M/c queue
# simulated with replications, printed beside Erlang C.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/release -j "$(nproc)" --target fccsim_mmc_demo
build/release/fccsim_mmc_demo "$@"
