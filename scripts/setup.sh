#!/usr/bin/env bash
# Installs every Debian package fccsim needs, and nothing when all are present.
# The one list of system dependencies: add a package here, nowhere else.
# Works as root or through sudo; quiet when there is nothing to do.
set -euo pipefail

packages=(
  # Build
  g++ cmake ninja-build ccache pkg-config
  # Engine and model
  libboost-dev libboost-math-dev libboost-system-dev libboost-mpi-dev
  libeigen3-dev libprotobuf-dev protobuf-compiler
  librandom123-dev
  coinor-libcbc-dev  # the planner's integer programmes (COIN-OR CBC)
  # ... linked statically (CMakeLists.txt): the archives of what CBC needs
  liblapack-dev libblas-dev libgfortran-12-dev libbz2-dev zlib1g-dev
  openmpi-bin libopenmpi-dev
  # Tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  # Fuzzing (scripts/fuzz.sh): clang++ and its libFuzzer and sanitizer runtimes
  clang libclang-rt-14-dev llvm-14  # llvm-14: llvm-symbolizer, for readable stack traces
  # Python side: results reader, notebooks, reports
  python3 python3-protobuf python3-numpy python3-pandas python3-matplotlib
  python3-pytest python3-nbformat python3-nbconvert jupyter-nbconvert python3-ipykernel
  jupyter-notebook  # `jupyter notebook scripts/notebooks`
  chromium          # renders the HTML report headless in its test
)

missing=()
for p in "${packages[@]}"; do
  # dpkg-query exits non-zero for unknown packages; treat that as missing too.
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1; then
  as_root=(sudo)
else
  echo "setup.sh: need root or sudo to install: ${missing[*]}" >&2
  exit 1
fi

echo "setup.sh: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
