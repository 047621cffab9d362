#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang++, ASan and UBSan in build/fuzz, and runs
# each for a bounded time from seeds taken from the repository's scenarios and tables.
# Exits non-zero if either finds a crash, a sanitizer report, a leak or a timeout, naming the
# input that shows it (build/fuzz/crash-*, ...; rerun it with `build/fuzz/<fuzzer> FILE`).
#   scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
seconds=${1:-60}
dir=build/fuzz

# Tests and benchmarks would only be built again, slower: the other suites run them.
CXX=clang++ cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFCCSIM_FUZZ=ON \
  -DFCCSIM_BUILD_TESTS=OFF -DFCCSIM_BUILD_BENCH=OFF >/dev/null
cmake --build "$dir" -j "$(nproc)" --target scenario_fuzzer csv_fuzzer

# A fresh corpus each run, so that a run with the same seconds and -seed is the same run.
corpus=$dir/corpus
rm -rf "$corpus" "$dir/tmp"
mkdir -p "$corpus/scenario" "$corpus/csv" "$dir/tmp"
for f in scenarios/*.textproto tests/data/loader/*.textproto; do
  name=$(basename "$(dirname "$f")")_$(basename "$f")
  cp "$f" "$corpus/scenario/$name"
  # The same scenario reading the valid tables the fuzzer writes beside it.
  sed -E 's/(headcount_csv: *")[^"]*"/\1headcount.csv"/; t; s/(csv: *")[^"]*"/\1arrivals.csv"/' \
    "$f" >"$corpus/scenario/tables_$name"
  if cmp -s "$f" "$corpus/scenario/tables_$name"; then rm "$corpus/scenario/tables_$name"; fi
done
for f in scenarios/*.csv tests/data/loader/*.csv; do  # first byte: a = arrivals, h = headcount
  name=$(basename "$(dirname "$f")")_$(basename "$f")
  { printf a; cat "$f"; } >"$corpus/csv/a_$name"
  { printf h; cat "$f"; } >"$corpus/csv/h_$name"
done
# csv_fuzzer's scenarios are hourly: one valid table of each kind, cut from the example's.
awk -F, 'NR == 1 { print "aweekday,start,calls" } NR > 1 && $2 ~ /:00$/ { print $1 "," $2 "," $3 }' \
  scenarios/gmp_baseline_arrivals.csv >"$corpus/csv/a_hourly"
awk -F, 'NR == 1 { print "hweekday,start,handlers" }
         NR > 1 && $2 ~ /:00$/ { printf "%s,%s,%d\n", $1, $2, $3 }' \
  scenarios/gmp_baseline_arrivals.csv >"$corpus/csv/h_hourly"

export TMPDIR=$root/$dir/tmp  # where a fuzzer stopped by a crash leaves its scratch folder
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}
# Stack traces with function names and lines (llvm-14 in scripts/setup.sh).
if [ -x /usr/lib/llvm-14/bin/llvm-symbolizer ]; then
  export ASAN_SYMBOLIZER_PATH=/usr/lib/llvm-14/bin/llvm-symbolizer
fi
status=0
for target in scenario csv; do
  log=$target.log
  echo "== $target: fuzzing for $seconds s (log: $dir/$log)"
  # In build/fuzz, where libFuzzer writes the input of a crash (crash-<sha1>).
  if (cd "$dir" && "./${target}_fuzzer" -seed=1 -max_total_time="$seconds" -max_len=65536 \
        -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -dict="$root/fuzz/$target.dict" \
        "corpus/$target" >"$log" 2>&1); then
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$dir/$log" |
      sed 's/^/   /'
  else
    status=1
    tail -n 60 "$dir/$log"
    found=$(sed -nE 's/.*Test unit written to \.\/(.*)$/\1/p' "$dir/$log")
    echo "$target: FAILED; input: ${found:+$dir/}${found:-none written, see $dir/$log}" >&2
  fi
done
exit $status
