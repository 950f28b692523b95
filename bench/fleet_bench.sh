#!/bin/sh
# The Ansible role over a fleet of generated installations: nodes audited per
# minute, over SSH (aliases of 127.0.0.1, each its own connection, served by a
# throwaway sshd) and with ansible_connection=local, for each number of forks;
# then the time `emglint merge` takes on the fleet's reports, and the merged
# files' sizes. A benchmark, not a test: CI does not run it. Needs root (sshd
# in its own namespaces), ansible-core and openssh-server.
#
#   bench/fleet_bench.sh [-n NODES] [-f "FORKS..."] [-c "ssh local"] [EMGLINT]
#
# NODES defaults to 200, FORKS to "5 10 20", EMGLINT to build/emglint. Every
# node is a copy of corpus/example checked in its prepare phase (warnings
# only), so a run that audits and merges every node exits 0. Everything it
# starts is stopped by its PID; its directory is removed on exit.
set -eu

nodes=200
forks_list="5 10 20"
connections="ssh local"
while getopts n:f:c: option; do
  case $option in
    n) nodes=$OPTARG ;;
    f) forks_list=$OPTARG ;;
    c) connections=$OPTARG ;;
    *) exit 2 ;;
  esac
done
shift $((OPTIND - 1))
source_dir=$(cd "$(dirname "$0")/.." && pwd)
emglint=$(realpath "${1:-$source_dir/build/emglint}")
[ -x "$emglint" ] || { echo "no emglint at $emglint (build it first)" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "the fleet benchmark needs root (sshd in its own namespaces)" >&2; exit 2; }
for tool in ansible-playbook ssh ssh-keygen unshare /usr/sbin/sshd; do
  command -v "$tool" >/dev/null || { echo "the fleet benchmark needs $tool" >&2; exit 2; }
done

# A short path: the SSH control sockets live below it.
dir=$(mktemp -d /tmp/emglint-bench.XXXXXX)
unshare_pid=""
sshd_pid=""
cleanup() {
  for socket in "$dir"/cp/*; do
    [ -S "$socket" ] && ssh -o ControlPath="$socket" -O exit 127.0.0.1 >/dev/null 2>&1
  done
  if [ -n "$sshd_pid" ]; then kill "$sshd_pid" 2>/dev/null || true; fi
  if [ -n "$unshare_pid" ]; then wait "$unshare_pid" 2>/dev/null || true; fi
  rm -rf "$dir"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# seconds_since START [DECIMALS]
seconds_since() {
  awk -v start="$1" -v now="$(date +%s.%N)" -v decimals="${2:-1}" 'BEGIN { printf "%.*f", decimals, now - start }'
}

# The fleet: NODES copies of the example installation, each with its own boot
# script (without su, so that PAM's files on this host play no part).
mkdir -p "$dir/nodes" "$dir/cp" "$dir/home" "$dir/ssh"
i=1
while [ "$i" -le "$nodes" ]; do
  node=$(printf 'n%03d' "$i")
  cp -a "$source_dir/corpus/example" "$dir/nodes/$node"
  printf '#!/bin/sh -e\nulimit -n 4096\ncd /home/emg/etc && perl emg_watchdog.pl &\nexit 0\n' >"$dir/nodes/$node/etc/rc.local"
  i=$((i + 1))
done

# The sshd: its own keys, on 127.0.0.1 only, in a mount and PID namespace of
# its own, where it has its own /run/sshd.
port=$(free_port)
ssh-keygen -q -t ed25519 -N "" -f "$dir/ssh/host_key"
ssh-keygen -q -t ed25519 -N "" -f "$dir/ssh/client_key"
cp "$dir/ssh/client_key.pub" "$dir/ssh/authorized_keys"
echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$dir/ssh/host_key.pub")" >"$dir/ssh/known_hosts"
cat >"$dir/ssh/sshd_config" <<EOF
Port $port
ListenAddress 127.0.0.1
AddressFamily inet
HostKey $dir/ssh/host_key
AuthorizedKeysFile $dir/ssh/authorized_keys
PidFile none
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
MaxStartups 200:30:400
MaxSessions 200
Subsystem sftp internal-sftp
LogLevel ERROR
# The sessions' shell (root's bash) reads ~/.bashrc when sshd starts it.
SetEnv HOME=$dir/home
EOF
unshare -m -p -f --kill-child sh -c \
  "mount -t tmpfs tmpfs /run && mkdir -m 755 /run/sshd && exec /usr/sbin/sshd -D -e -f $dir/ssh/sshd_config" \
  </dev/null >"$dir/sshd.log" 2>&1 &
unshare_pid=$!
tries=0
until [ -n "$sshd_pid" ] && ssh -q -o BatchMode=yes -o UserKnownHostsFile="$dir/ssh/known_hosts" \
  -o GlobalKnownHostsFile=/dev/null -o IdentitiesOnly=yes -i "$dir/ssh/client_key" -p "$port" root@127.0.0.1 true; do
  tries=$((tries + 1))
  [ "$tries" -le 100 ] || { echo "sshd did not start:" >&2; cat "$dir/sshd.log" >&2; exit 1; }
  sshd_pid=$(cat "/proc/$unshare_pid/task/$unshare_pid/children" 2>/dev/null || true)
  sleep 0.1
done

# An inventory per connection: aliases of 127.0.0.1, each its own SSH connection.
{
  echo "[emg]"
  for path in "$dir"/nodes/*; do
    node=${path##*/}
    echo "$node emglint_emgdir=$path/home/emg/etc emglint_rc_local=$path/etc/rc.local ansible_control_path=$dir/cp/$node"
  done
  echo "[emg:vars]"
  echo "ansible_host=127.0.0.1"
  echo "ansible_port=$port"
  echo "ansible_user=root"
  echo "ansible_ssh_private_key_file=$dir/ssh/client_key"
  echo "ansible_ssh_common_args='-o UserKnownHostsFile=$dir/ssh/known_hosts -o GlobalKnownHostsFile=/dev/null -o StrictHostKeyChecking=yes -o IdentitiesOnly=yes'"
} >"$dir/ssh.ini"
{
  echo "[emg]"
  for path in "$dir"/nodes/*; do
    echo "${path##*/} emglint_emgdir=$path/home/emg/etc emglint_rc_local=$path/etc/rc.local"
  done
  echo "[emg:vars]"
  echo "ansible_connection=local"
} >"$dir/local.ini"
for inventory in ssh local; do
  cat >>"$dir/$inventory.ini" <<EOF
ansible_python_interpreter=/usr/bin/python3
emglint_package=$emglint
emglint_args=['--offline']
emglint_phase=prepare
EOF
done
cat >"$dir/ansible.cfg" <<EOF
[defaults]
retry_files_enabled = false
local_tmp = $dir/ansible-local
remote_tmp = $dir/ansible-remote
[ssh_connection]
pipelining = true
EOF
ln -s "$source_dir/ansible" "$dir/ansible"

echo "fleet of $nodes nodes, $(nproc) cores; emglint $("$emglint" --version | cut -d' ' -f2)"
printf '%-6s %5s %9s %12s\n' connection forks seconds nodes/minute
for connection in $connections; do
  for forks in $forks_list; do
    start=$(date +%s.%N)
    status=0
    (cd "$dir" && env -u SSH_AUTH_SOCK HOME="$dir/home" PWD="$dir" ANSIBLE_CONFIG="$dir/ansible.cfg" \
      ansible-playbook -f "$forks" -i "$connection.ini" ansible/audit.yml) >"$dir/play.log" 2>&1 || status=$?
    elapsed=$(seconds_since "$start")
    if [ "$status" -ne 0 ]; then
      echo "the play over $connection with $forks forks failed (exit $status):" >&2
      tail -40 "$dir/play.log" >&2
      exit 1
    fi
    printf '%-6s %5s %9s %12s\n' "$connection" "$forks" "$elapsed" \
      "$(awk -v n="$nodes" -v s="$elapsed" 'BEGIN { printf "%.0f", n * 60 / s }')"
  done
done

# The merge on its own, on the reports the last play fetched.
reports=$dir/emglint-reports
echo "merge of $nodes reports:"
for format in json sarif text; do
  inputs=json
  [ "$format" = sarif ] && inputs=sarif
  start=$(date +%s.%N)
  "$emglint" merge --format "$format" -o "$dir/merged.$format" --expect-hosts "$reports/expected-hosts" \
    "$reports"/n*."$inputs"
  printf '  %-5s %6s s  %8s bytes\n' "$format" "$(seconds_since "$start" 3)" "$(stat -c %s "$dir/merged.$format")"
done
printf '  reports of one node: %s bytes (JSON), %s bytes (SARIF)\n' \
  "$(stat -c %s "$reports/n001.json")" "$(stat -c %s "$reports/n001.sarif")"
