#!/bin/sh
# Runs emglint's fuzz targets under libFuzzer, two at a time (one per core):
#   scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]
# or in two steps, as ctest does where the build registers them
# (-DEMGLINT_FUZZ_SECONDS=SECONDS, as scripts/dev.sh test configures it):
#   scripts/fuzz.sh BUILD_DIR SECONDS --seeds          gathers every target's seeds
#   scripts/fuzz.sh BUILD_DIR SECONDS --one TARGET     runs TARGET from them
# BUILD_DIR holds the programs tests/fuzz/fuzz_NAME, built with clang:
#   cmake -S . -B build-fuzz -DCMAKE_CXX_COMPILER=clang++ -DEMGLINT_FUZZ=ON -DEMGLINT_TESTS=OFF
#   cmake --build build-fuzz --target fuzzers
# (scripts/dev.sh test builds them in build-sanitize, with the tests, and runs
# them for 30 seconds each).
# Each target starts from seeds gathered from corpus/, from the inputs it once
# failed on (tests/fuzz/regressions/TARGET/) and from tests/fuzz/seeds/TARGET/
# (inputs of problems still open, which move to regressions/ once fixed, as
# their test would fail before that); what it finds new is kept in
# BUILD_DIR/fuzz-corpus/TARGET for the next run. A crash, a sanitizer report,
# a leak, a timeout or a problem the target names fails the run, with the
# input in BUILD_DIR/fuzz-artifacts/: add it to tests/fuzz/regressions/TARGET/.
set -eu
if [ $# -lt 2 ]; then
  echo "usage: scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
cd "$(dirname "$0")/.."

# seed_from TARGET FILE...: FILEs as seeds of TARGET, under their paths
# (libFuzzer reads a corpus folder's subfolders too), copied by one cp: one
# process per file took 15 s.
seed_from() {
  target=$1
  shift
  mkdir -p "$seeds/$target"
  [ $# -eq 0 ] || cp --parents -t "$seeds/$target" "$@"
}

# gather_seeds: every target's seeds under $seeds.
gather_seeds() {
  rm -rf "$seeds"
  # shellcheck disable=SC2046 # corpus/ paths have no blanks
  {
    seed_from config $(find corpus -name server.cfg -type f)
    seed_from check $(find corpus -name server.cfg -type f)
    seed_from rc_local $(find corpus -name rc.local -type f)
    seed_from pam $(find corpus -path '*/pam.d/*' -type f)
    seed_from limits $(find corpus \( -name limits.conf -o -path '*/limits.d/*' \) -type f)
    seed_from settings $(find corpus -name .emglint.toml -type f)
    seed_from baseline $(find corpus -name baseline.json -type f)
    seed_from merge $(find corpus/merge -type f \( -name '*.json' -o -name '*.sarif' \))
  }
  # The value of every DB ADDRESS line of the corpus, each a seed.
  mkdir -p "$seeds/db_address"
  find corpus -name server.cfg -type f -exec grep -h -a 'ADDRESS' {} + |
    sed -n 's/^[[:space:]]*ADDRESS[[:space:]]*[=:]\{0,1\}[[:space:]]*//p' |
    awk -v dir="$seeds/db_address" '{ file = dir "/address-" NR; printf "%s", $0 > file; close(file) }'
  for folder in tests/fuzz/regressions/*/ tests/fuzz/seeds/*/; do
    [ -d "$folder" ] || continue
    target=$(basename "$folder")
    mkdir -p "$seeds/$target"
    find "$folder" -type f -exec cp -t "$seeds/$target/" {} +
  done
}

# fuzz_one TARGET: runs it for $seconds; its log in BUILD_DIR/fuzz-TARGET.log.
fuzz_one() {
  target=$1
  log="$build/fuzz-$target.log"
  mkdir -p "$build/fuzz-corpus/$target" "$build/fuzz-artifacts" "$seeds/$target"
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
    "$build/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$build/fuzz-artifacts/$target-" "$build/fuzz-corpus/$target" "$seeds/$target" >"$log" 2>&1; then
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    echo "fuzz_$target: ${runs:-?} runs in $seconds s, no finding" | tee -a "$build/fuzz-summary.txt"
  else
    echo "fuzz_$target: FOUND A PROBLEM; the end of $log:"
    tail -n 60 "$log"
    echo "the input: $(ls "$build/fuzz-artifacts/$target"-* 2>/dev/null || echo '(none written)')"
    return 1
  fi
}

seconds=$2
seeds="$build/fuzz-seeds"
case "${3:-}" in
  --one)
    fuzz_one "$4"
    exit
    ;;
  --seeds)
    gather_seeds
    rm -f "$build/fuzz-summary.txt"
    exit
    ;;
esac
shift 2
targets=${*:-config rc_local db_address pam limits settings baseline check merge}
gather_seeds
rm -f "$build/fuzz-summary.txt"
# Two at a time; xargs fails when any of them does.
# shellcheck disable=SC2086 # the targets are words to split
printf '%s\n' $targets | xargs -P 2 -n 1 sh "$(pwd)/scripts/fuzz.sh" "$build" "$seconds" --one
