#!/bin/sh
# Writes the hosts' reports that corpus/merge/reports/ holds, as `emglint check
# --host NAME` writes them on a fleet: each host's installation is the example
# one in another state, checked at the same path (/tmp/emglint-fleet/home/emg/etc),
# as each node of a fleet has its own /home/emg/etc.
#   corpus/merge/make-reports.sh build/emglint
# gw001: prepare, two warnings; gw002: start with a link left on 7.1 (errors);
# gw003: prepare, clean; gw004: commit asked for, with BACKEND still set and a DB
# profile in the 7.1 form (errors); gw005: its server.cfg alone, with a keyword's
# keyword in the wrong case; gw006: a check that ended with exit code 2.
set -eu
emglint=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
example=$here/../example
root=/tmp/emglint-fleet
reports=$here/reports

# A fresh copy of the example installation and its boot script.
lay_out() {
  rm -rf "$root"
  mkdir -p "$root/home/emg"
  cp -a "$example/home/emg/etc" "$root/home/emg/etc"
  cp -a "$example/etc/rc.local" "$root/rc.local"
}

# Checks PATH (the last word) as HOST from where the shell stands, in JSON and
# in SARIF; the machine's own PAM files and fs.nr_open stay out, as in the corpus.
check_as() {
  host=$1
  shift
  for format in json sarif; do
    "$emglint" check --host "$host" --format "$format" -o "$reports/$host.$format" --offline \
      --pam-dir pam.d --limits-conf limits.conf --nr-open 1048576 "$@" || true
  done
}

mkdir -p "$reports"
lay_out
(cd "$root" && check_as gw001 --rc-local rc.local "$root/home/emg/etc")

# Each tool of bin/ a link to its 7.2 copy, but emgsend to its 7.1 one.
link_tools() {
  bin=$root/home/emg/etc/bin
  for tool in emgd emgclient emgload emgpdu emgsend emgsink emgstat; do
    rm "$bin/$tool"
    ln -s "$tool-7.2.0-50785" "$bin/$tool"
  done
  ln -sf emgsend-7.1.3-48765 "$bin/emgsend"
}

lay_out
link_tools
(cd "$root" && check_as gw002 --rc-local rc.local "$root/home/emg/etc")

lay_out
chmod 600 "$root/home/emg/etc/server.cfg"
(cd "$root" && check_as gw003 --no-rc-local --ulimit 4096 "$root/home/emg/etc")

lay_out
link_tools
ln -sf emgsend-7.2.0-50785 "$root/home/emg/etc/bin/emgsend"
chmod 600 "$root/home/emg/etc/server.cfg"
(cd "$root" && check_as gw004 --no-rc-local --ulimit 4096 --phase commit "$root/home/emg/etc")

# A host whose server.cfg alone is checked, as a config (its files under %SRCROOT%).
lay_out
sed -i 's/^LOGLEVEL=/loglevel=/' "$root/home/emg/etc/server.cfg"
(cd "$root/home/emg/etc" && check_as gw005 server.cfg)

# A host whose check failed: its installation is not where it was looked for.
(cd "$root" && check_as gw006 "$root/home/emg/gone")

# A host's report written without --host: merge names it after its file.
lay_out
for format in json sarif; do
  (cd "$root" && "$emglint" check --format "$format" -o "$here/host-from-file-name/gw007.$format" --offline \
    --pam-dir pam.d --limits-conf limits.conf --nr-open 1048576 --rc-local rc.local "$root/home/emg/etc") || true
done
rm -rf "$root"

# The broken reports of the cases that break them, from the reports above.
head -c 1500 "$reports/gw002.json" > "$here/truncated-report/gw002.json"
head -c 100000 "$reports/gw002.sarif" > "$here/truncated-report/gw002.sarif"
sed 's/^  "schema_version": 1,$/  "schema_version": 2,/' "$reports/gw002.json" > "$here/wrong-schema-version/gw002.json"
cp "$reports/gw001.json" "$here/duplicate-host/gw001-again.json"
cp "$example/home/emg/etc/server.cfg" "$here/not-a-report/gw008.json"
