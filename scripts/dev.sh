#!/bin/sh
# Sets up, builds and runs emglint on a Debian machine.
#   scripts/dev.sh run    install what is missing, build, check the example installation
#   scripts/dev.sh test   install what is missing, build, run every test, then again under ASan+UBSan,
#                         then fuzz each parser and loader for 30 seconds
# Missing Debian packages are installed with apt-get when run as root; otherwise
# the exact command is printed and the script stops. `test` also installs, with
# `npm ci`, the SARIF Multitool pinned in tools/sarif/, which a test runs on
# emglint's SARIF reports (it needs Node.js and npm, and ICU).
set -eu

cd "$(dirname "$0")/.."
jobs=$(nproc 2>/dev/null || echo 2)
packages="cmake ninja-build make g++ tao-pegtl-dev libfmt-dev nlohmann-json3-dev libcli11-dev libdtl-dev libtomlplusplus-dev catch2 patch dpkg-dev file"
# The SARIF Multitool is a .NET program: it needs ICU. The fuzzers need clang
# with libFuzzer (libclang-rt), and llvm-symbolizer for readable crash reports.
# The Ansible role's test runs it over SSH, against an sshd of its own on
# 127.0.0.1, and lints it.
test_packages="libicu72 clang libclang-rt-14-dev llvm-14 ansible-core openssh-server ansible-lint"
# What each fuzz target runs for in `test`, in seconds.
fuzz_seconds=30

# install_missing [PACKAGE...]: the build's packages and those named.
install_missing() {
  missing=""
  for package in $packages "$@"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $package"
    fi
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "emglint needs these Debian packages; install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y$missing" >&2
    exit 2
  fi
  apt-get update
  # shellcheck disable=SC2086 # the packages are words to split
  without_services env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
}

# without_services COMMAND...: runs COMMAND while /usr/sbin/policy-rc.d
# forbids starting services (exit 101), so that installing openssh-server
# starts no sshd listening on every address. A policy-rc.d already there is
# put aside and back after.
without_services() {
  policy=/usr/sbin/policy-rc.d
  kept=""
  if [ -e "$policy" ] || [ -L "$policy" ]; then
    kept=$(mktemp "$policy.XXXXXX")
    mv -f "$policy" "$kept"
  fi
  printf '#!/bin/sh\n# scripts/dev.sh: no service starts while packages install.\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  status=0
  "$@" || status=$?
  rm -f "$policy"
  if [ -n "$kept" ]; then mv -f "$kept" "$policy"; fi
  return "$status"
}

# Node.js and npm for the Multitool: Debian's, unless some npm is there already
# (a Node.js from elsewhere brings its own npm, which Debian's would conflict with).
node_packages() {
  command -v npm >/dev/null 2>&1 || echo "nodejs npm"
}

# The SARIF Multitool, at the version package-lock.json pins. A recent npm runs
# a package's install script only once approved, so the one that marks the
# program executable is done here.
install_sarif_multitool() {
  (cd tools/sarif && npm ci --no-audit --no-fund)
  find tools/sarif/node_modules/@microsoft -name Sarif.Multitool -type f -exec chmod u+x {} +
}

# build DIR "TARGET..." BUILD_TYPE [cmake options...]
# With Ninja, which compiles a target's files while the libraries it links
# are still being built (Make waits for each library first): the release
# build kept 1.95 cores busy instead of 1.8. A build folder made with
# another generator keeps it.
build() {
  dir=$1
  targets=$2
  type=$3
  shift 3
  generator=""
  [ -f "$dir/CMakeCache.txt" ] || generator="-G Ninja"
  # shellcheck disable=SC2086 # the generator option is two words, or none
  cmake $generator -S . -B "$dir" -DCMAKE_BUILD_TYPE="$type" "$@" >/dev/null
  # shellcheck disable=SC2086 # the targets are words to split
  cmake --build "$dir" -j "$jobs" --target $targets
}

# The CPU seconds (user and system) this shell's children have used so far,
# from `times` run in this shell (a command substitution would be a subshell).
cpu_file=$(mktemp)
trap 'rm -f "$cpu_file"' EXIT
children_cpu() {
  times >"$cpu_file"
  cpu=$(awk 'NR == 2 {
    total = 0
    for (i = 1; i <= 2; i++) { split($i, part, "m"); total += part[1] * 60 + part[2] }
    printf "%d", total
  }' "$cpu_file")
}

# stage NAME COMMAND...: runs a stage of `test` and says how long it took, and
# how much CPU time (on a shared machine, that is the figure to compare).
stage() {
  name=$1
  shift
  start=$(date +%s)
  children_cpu
  cpu_start=$cpu
  "$@"
  children_cpu
  echo "== $name: $(($(date +%s) - start)) s, $((cpu - cpu_start)) s of CPU"
}

release_tests() { (cd build && ctest --output-on-failure -j "$jobs"); }
# The package test is one process at a time (cpack, dpkg): it runs beside the
# release tests, its output kept until they are done.
release_and_package_tests() {
  package_log=build/package-test.log
  sh packaging/test-package.sh >"$package_log" 2>&1 &
  package=$!
  status=0
  release_tests || status=$?
  package_status=0
  wait "$package" || package_status=$?
  cat "$package_log"
  [ "$package_status" -eq 0 ] || echo "package test failed (exit $package_status)"
  [ "$status" -eq 0 ] && [ "$package_status" -eq 0 ]
}
# The tests under the sanitizers, and each fuzz target, which the build
# registers with ctest beside them (EMGLINT_FUZZ_SECONDS).
sanitizer_tests_and_fuzzing() {
  status=0
  (cd build-sanitize && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j "$jobs") ||
    status=$?
  cat build-sanitize/fuzz-summary.txt 2>/dev/null || true
  return "$status"
}

case "${1:-}" in
  run)
    install_missing
    build build emglint Release
    exec build/emglint check --rc-local corpus/example/etc/rc.local corpus/example/home/emg/etc
    ;;
  test)
    # shellcheck disable=SC2046 # node_packages prints words to split
    install_missing $test_packages $(node_packages)
    stage "SARIF Multitool" install_sarif_multitool
    stage "release build" build build all Release -DEMGLINT_WERROR=ON
    stage "release tests and package test" release_and_package_tests
    # One more build, with clang at -O1 under ASan+UBSan and libFuzzer's
    # coverage (EMGLINT_FUZZ): the tests run again from it, all but the
    # Multitool's and the Ansible role's, which check what the first run
    # checked already, and the fuzzers are linked from the same libraries,
    # each registered with ctest to run $fuzz_seconds s beside the tests.
    # Only what those run is built.
    stage "sanitizer and fuzzer build" build build-sanitize "emglint_tests emglint fuzzers" Debug \
      -DCMAKE_CXX_COMPILER=clang++ -DEMGLINT_FUZZ=ON -DEMGLINT_FUZZ_SECONDS="$fuzz_seconds" \
      -DEMGLINT_MULTITOOL_TEST=OFF -DEMGLINT_FLEET_TEST=OFF
    stage "sanitizer tests and fuzzing" sanitizer_tests_and_fuzzing
    ;;
  *)
    echo "usage: scripts/dev.sh run|test" >&2
    exit 2
    ;;
esac
