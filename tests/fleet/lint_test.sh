#!/bin/sh
# ansible-lint, offline, with the production profile, passes on ansible/.
# Its caches go to a directory of its own, removed after. Without ansible-lint
# it says it did not run, and under CI=true it fails.
#   usage: tests/fleet/lint_test.sh SOURCE_DIR
set -eu
if ! command -v ansible-lint >/dev/null 2>&1; then
  echo "not run: ansible-lint is not installed (scripts/dev.sh test installs it)" >&2
  [ "${CI:-}" = true ] && exit 1
  exit 0
fi
cd "$1"
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
HOME=$home NO_COLOR=1 ansible-lint --offline --nocolor --profile production ansible/
