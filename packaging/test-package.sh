#!/bin/sh
# Builds the Debian package, installs it on this machine with dpkg -i, runs the
# installed emglint on the example it ships, and removes it again. Needs root
# (CI runs as root); as another user it says so and stops, and under CI=true,
# where nothing may pass by not running, it fails.
set -eu
cd "$(dirname "$0")/.."
if [ "$(id -u)" -ne 0 ]; then
  echo "package test not run: dpkg -i needs root" >&2
  [ "${CI:-}" = true ] && exit 1
  exit 0
fi
cmake --build build --target package
deb=$(ls build/emglint_*.deb)
dpkg-deb --info "$deb"
dpkg -i "$deb"
trap 'dpkg -r emglint >/dev/null' EXIT

test "$(/usr/bin/emglint --version)" = "emglint $(sed -n 's/^project(emglint VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)"
test -s /usr/share/man/man1/emglint.1 || test -s /usr/share/man/man1/emglint.1.gz
/usr/bin/emglint explain EMG201 | grep -q '^# EMG201'
example=/usr/share/emglint/example
# The shipped example is a prepared installation: no errors (its warnings depend on the host).
/usr/bin/emglint check --no-rc-local --phase prepare "$example/home/emg/etc"
/usr/bin/emglint check --rc-local "$example/etc/rc.local" "$example/home/emg/etc"
echo "package test passed: $deb"
