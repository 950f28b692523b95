#!/usr/bin/python3
"""The Ansible role audits a fleet over real SSH and merges its reports.

Starts a throwaway sshd on 127.0.0.1 (its own keys, in its own mount and PID
namespaces), builds three EMG installations in different states plus a host
that cannot be reached, and runs the README's fleet command against an
inventory of aliases of 127.0.0.1. Then checks:
- the merged JSON and SARIF hold exactly the expected findings of each host,
  and the unreachable host as missing; the SARIF Multitool finds no error or
  warning in any SARIF log;
- the play failed where, and because, a node has errors, and changed nothing;
- --check with emglint_fix shows the fixes and changes nothing on disk;
- emglint_fix applies them: the nodes fixed are changed, and pass; a second
  run changes nothing and writes the same bytes;
- a bogus emglint_phase fails before anything runs.

Needs root (sshd, namespaces); as another user it says it did not run, and
under CI=true it fails. Everything it starts is stopped by its PID, and its
directory is removed, however it ends.

usage: fleet_test.py --emglint BINARY --source DIR
"""

import argparse
import ctypes
import hashlib
import json
import os
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time

UNDER_CI = os.environ.get("CI") == "true"
LOOPBACK = "127.0.0.1"
TOOLS = ("ansible-playbook", "ssh", "ssh-keygen", "unshare", "/usr/sbin/sshd")
ANSIBLE_PYTHON = "/usr/bin/python3"

# The fleet: each node's state, and what emglint must find there.
PREPARE, START, COMMIT, DOWN = "gw-prepare", "gw-start", "gw-commit", "gw-down"
EXPECTED_RULES = {
    PREPARE: ["EMG902"],  # a warning: below emglint_fail_on, the node passes
    START: ["EMG403"],  # bin/emgsend still runs 7.1
    COMMIT: ["EMG104"],  # BACKEND=TC still active in the commit phase
}
EXPECTED_STATUS = {PREPARE: "findings", START: "findings", COMMIT: "findings", DOWN: "missing"}
# The nodes with an error, which the play fails, and those a fix changes.
FAILING = {START, COMMIT}
FIXABLE = {START, COMMIT}
FINDINGS_GATE = "Fail where emglint found problems at or above emglint_fail_on"
DIFF_TASK = "Print the fixes' diff"
TOOL_NAMES = ("emgclient", "emgd", "emgload", "emgpdu", "emgsend", "emgsink", "emgstat")
OLD, NEW = "7.1.3-48765", "7.2.0-50785"

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message, file=sys.stderr)
    return condition


def not_run(why):
    print(f"not run: {why}", file=sys.stderr)
    if UNDER_CI:
        print("under CI=true nothing may pass by not running", file=sys.stderr)
        sys.exit(1)
    sys.exit(0)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def prctl(option, value):
    ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0)


def die_with_parent():
    """In the child before exec: SIGKILL when this test dies, however it dies."""
    PR_SET_PDEATHSIG = 1
    prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def children(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as listing:
            return [int(child) for child in listing.read().split()]
    except OSError:
        return []


def living_children():
    """This process's children but zombies, which it reaps."""
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG) == (0, 0):
                break
        except ChildProcessError:
            break
    alive = []
    for pid in children(os.getpid()):
        try:
            with open(f"/proc/{pid}/stat") as status:
                if status.read().rsplit(")", 1)[1].split()[0] != "Z":
                    alive.append(pid)
        except OSError:
            pass
    return alive


def end_leftovers():
    """Ends, by PID, what the test's processes left running: ssh's ControlPersist
    masters detach, and as their subreaper this process inherits them. Those
    told to exit get 2 s to do so. Returns the command lines it had to end."""
    ended = []
    for sig in (None, signal.SIGTERM, signal.SIGKILL):
        for pid in living_children() if sig else []:
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
                    ended.append(cmdline.read().replace(b"\0", b" ").decode(errors="replace").strip())
                os.kill(pid, sig)
            except OSError:
                pass
        deadline = time.monotonic() + 2
        while living_children() and time.monotonic() < deadline:
            time.sleep(0.05)
        if not living_children():
            break
    return ended


class Sshd:
    """sshd -D on 127.0.0.1:PORT in a private mount and PID namespace, where
    it has its own /run/sshd. Killing it (PID 1 there) ends every session."""

    def __init__(self, work, port):
        self.work = work
        self.port = port
        self.log = os.path.join(work, "sshd.log")
        self.unshare = None
        self.pid = None

    def start(self, ssh):
        config = os.path.join(ssh, "sshd_config")
        with open(config, "w") as out:
            out.write(
                f"Port {self.port}\n"
                f"ListenAddress {LOOPBACK}\n"
                "AddressFamily inet\n"
                f"HostKey {ssh}/host_key\n"
                f"AuthorizedKeysFile {ssh}/authorized_keys\n"
                "PidFile none\n"
                "UsePAM no\n"
                "StrictModes no\n"
                "PermitRootLogin prohibit-password\n"
                "PasswordAuthentication no\n"
                "KbdInteractiveAuthentication no\n"
                "MaxStartups 200:30:400\n"
                "MaxSessions 200\n"
                "Subsystem sftp internal-sftp\n"
                "LogLevel INFO\n"
                # The sessions' shell (root's bash) reads ~/.bashrc when sshd
                # starts it: an empty home keeps this host's out of the test.
                f"SetEnv HOME={self.work}/home\n"
            )
        log = open(self.log, "w")
        inner = f"mount -t tmpfs tmpfs /run && mkdir -m 755 /run/sshd && exec /usr/sbin/sshd -D -e -f {shlex.quote(config)}"
        self.unshare = subprocess.Popen(
            ["unshare", "-m", "-p", "-f", "--kill-child", "sh", "-c", inner],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, preexec_fn=die_with_parent)
        log.close()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.unshare.poll() is not None:
                raise RuntimeError(f"sshd ended (exit {self.unshare.returncode}): {self.read_log()}")
            if self.pid is None:
                self.pid = self.child_of(self.unshare.pid)
            if self.pid is not None and f"listening on {LOOPBACK} port {self.port}" in self.read_log():
                return
            time.sleep(0.05)
        raise RuntimeError(f"sshd did not listen on {LOOPBACK}:{self.port} in 15 s: {self.read_log()}")

    @staticmethod
    def child_of(pid):
        pids = children(pid)
        return pids[0] if pids else None

    def read_log(self):
        with open(self.log, errors="replace") as log:
            return log.read()

    def stop(self):
        if self.unshare is None:
            return
        # unshare ignores SIGTERM; its child, sshd, ends the namespace.
        if self.pid is not None:
            try:
                os.kill(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        try:
            self.unshare.wait(timeout=10)
        except subprocess.TimeoutExpired:
            if self.pid is not None:
                try:
                    os.kill(self.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self.unshare.wait(timeout=10)
        self.unshare = None


def build_installation(source, root, state):
    """A copy of corpus/example in the given state: ROOT/etc/rc.local and
    ROOT/home/emg/etc; returns the installation's directory and rc.local."""
    shutil.copytree(os.path.join(source, "corpus", "example"), root, symlinks=True)
    emgdir = os.path.join(root, "home", "emg", "etc")
    rc_local = os.path.join(root, "etc", "rc.local")
    # The watchdog starts without su, so that PAM's files on this host play no part.
    with open(rc_local, "w") as out:
        out.write("#!/bin/sh -e\nulimit -n 4096\ncd /home/emg/etc && perl emg_watchdog.pl &\nexit 0\n")
    os.chmod(rc_local, 0o755)
    config = os.path.join(emgdir, "server.cfg")
    if state == PREPARE:
        return emgdir, rc_local  # as shipped: server.cfg readable by all (EMG902)
    os.chmod(config, 0o600)
    bin_dir = os.path.join(emgdir, "bin")
    for tool in TOOL_NAMES:
        os.remove(os.path.join(bin_dir, tool))
        version = OLD if (state == START and tool == "emgsend") else NEW
        os.symlink(f"{tool}-{version}", os.path.join(bin_dir, tool))
    if state == COMMIT:
        # The database in 7.2's form; BACKEND=TC is left active.
        with open(config) as cfg:
            lines = cfg.read().splitlines(keepends=True)
        legacy = ("HOST=", "PORT=", "USERNAME=", "PASSWORD=", "DBNAME=")
        rewritten = []
        for line in lines:
            if line.startswith("HOST="):
                rewritten.append("ADDRESS=emguser:s3cr3t-example@127.0.0.1:3306/emg\n")
            elif not line.startswith(legacy):
                rewritten.append(line)
        with open(config, "w") as cfg:
            cfg.writelines(rewritten)
    return emgdir, rc_local


def tree_state(root):
    """Every entry below ROOT: type, mode, owner, mtime, and content or link target."""
    state = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            path = os.path.join(dirpath, name)
            info = os.lstat(path)
            entry = (stat.filemode(info.st_mode), info.st_uid, info.st_gid, info.st_mtime_ns)
            if stat.S_ISLNK(info.st_mode):
                entry += (os.readlink(path),)
            elif stat.S_ISREG(info.st_mode):
                with open(path, "rb") as content:
                    entry += (hashlib.sha256(content.read()).hexdigest(),)
            state[os.path.relpath(path, root)] = entry
    return state


def readme_command(source):
    """The operator's command, as the README's Fleet section writes it."""
    with open(os.path.join(source, "README.md")) as readme:
        text = readme.read()
    section = text.split("\n## Fleet\n", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in section.splitlines() if line.startswith("ansible-playbook ")]
    if not commands:
        raise RuntimeError("the README's Fleet section has no ansible-playbook command")
    return commands[0].split("#", 1)[0].strip()


def multitool(source):
    path = os.environ.get("EMGLINT_SARIF_MULTITOOL") or os.path.join(
        source, "tools", "sarif", "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool")
    return path if os.access(path, os.X_OK) else None


class Fleet:
    def __init__(self, args, work):
        self.emglint = os.path.abspath(args.emglint)
        self.source = os.path.abspath(args.source)
        self.work = work
        self.ssh = os.path.join(work, "ssh")
        self.control = os.path.join(work, "cp")
        self.reports = os.path.join(work, "emglint-reports")
        self.nodes = os.path.join(work, "nodes")
        self.sshd = Sshd(work, free_port())
        self.closed_port = free_port()
        while self.closed_port == self.sshd.port:
            self.closed_port = free_port()
        self.env = {}
        self.plays = 0
        self.outcomes = []  # what each play did, to show when a check fails

    def keys(self):
        os.makedirs(self.ssh, mode=0o700)
        for key in ("host_key", "client_key"):
            subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", key, "-f",
                            os.path.join(self.ssh, key)], check=True)
        shutil.copy(os.path.join(self.ssh, "client_key.pub"), os.path.join(self.ssh, "authorized_keys"))
        with open(os.path.join(self.ssh, "host_key.pub")) as host_key:
            host_key = host_key.read().split()
        with open(os.path.join(self.ssh, "known_hosts"), "w") as known:
            known.write(f"[{LOOPBACK}]:{self.sshd.port} {host_key[0]} {host_key[1]}\n")

    def setup(self):
        self.keys()
        os.makedirs(self.control)
        home = os.path.join(self.work, "home")
        os.makedirs(home)
        hosts = []
        for host in (PREPARE, START, COMMIT):
            emgdir, rc_local = build_installation(self.source, os.path.join(self.nodes, host), host)
            line = (f"{host} emglint_emgdir={emgdir} emglint_rc_local={rc_local} "
                    f"ansible_control_path={self.control}/{host}")
            if host == COMMIT:
                # Checked in the phase it is in; emglint runs through become.
                line += " emglint_phase=commit emglint_user=root ansible_become_method=su"
            hosts.append(line)
        hosts.append(f"{DOWN} ansible_port={self.closed_port} ansible_control_path={self.control}/{DOWN}")
        ssh_args = (f"-o UserKnownHostsFile={self.ssh}/known_hosts -o GlobalKnownHostsFile=/dev/null "
                    "-o StrictHostKeyChecking=yes -o IdentitiesOnly=yes -o ConnectTimeout=10")
        with open(os.path.join(self.work, "inventory.ini"), "w") as inventory:
            inventory.write("[emg]\n" + "\n".join(hosts) + "\n\n[emg:vars]\n"
                            f"ansible_host={LOOPBACK}\n"
                            f"ansible_port={self.sshd.port}\n"
                            "ansible_user=root\n"
                            f"ansible_python_interpreter={ANSIBLE_PYTHON}\n"
                            f"ansible_ssh_private_key_file={self.ssh}/client_key\n"
                            f"ansible_ssh_common_args='{ssh_args}'\n"
                            f"emglint_package={self.emglint}\n"
                            # Copies that run nothing: no process checks.
                            "emglint_args=['--offline']\n")
        with open(os.path.join(self.work, "ansible.cfg"), "w") as config:
            config.write("[defaults]\n"
                         "forks = 10\n"
                         "retry_files_enabled = false\n"
                         f"local_tmp = {self.work}/ansible-local\n"
                         f"remote_tmp = {self.work}/ansible-remote\n"
                         "[ssh_connection]\n"
                         "pipelining = true\n")
        # The README's command is run from here: ansible/ is the repository's.
        os.symlink(os.path.join(self.source, "ansible"), os.path.join(self.work, "ansible"))
        keep = {"PATH", "LANG", "LC_ALL", "TERM", "TZ"}
        self.env = {name: value for name, value in os.environ.items() if name in keep}
        self.env.update({"HOME": home, "PWD": self.work, "ANSIBLE_CONFIG": os.path.join(self.work, "ansible.cfg"),
                         "ANSIBLE_NOCOLOR": "1",
                         # Nothing written into the source tree (the callback's bytecode).
                         "PYTHONDONTWRITEBYTECODE": "1",
                         # ansible-core has no JSON callback: the test brings one.
                         "ANSIBLE_STDOUT_CALLBACK": "fleet_json",
                         "ANSIBLE_CALLBACK_PLUGINS": os.path.join(self.source, "tests", "fleet", "callback_plugins")})
        self.env.setdefault("PATH", "/usr/local/bin:/usr/bin:/bin")
        self.sshd.start(self.ssh)

    def stop_masters(self):
        for host in (PREPARE, START, COMMIT, DOWN):
            path = os.path.join(self.control, host)
            if os.path.exists(path):
                subprocess.run(["ssh", "-o", f"ControlPath={path}", "-O", "exit", LOOPBACK],
                               stdin=subprocess.DEVNULL, capture_output=True, timeout=30)

    def play(self, command, *extra):
        """Runs ansible-playbook; returns its exit code and its JSON output."""
        argv = shlex.split(command) + list(extra)
        started = time.monotonic()
        result = subprocess.run(argv, cwd=self.work, env=self.env, stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, timeout=600)
        print(f"{' '.join(argv)}: exit {result.returncode} in {time.monotonic() - started:.1f} s")
        self.plays += 1
        with open(os.path.join(self.work, f"play{self.plays}.out"), "w") as log:
            log.write(result.stdout + result.stderr)
        try:
            output = json.loads(result.stdout)
        except json.JSONDecodeError:
            raise RuntimeError(f"{' '.join(argv)} printed no JSON:\n{result.stdout}\n{result.stderr}")
        self.outcomes.append(f"{' '.join(argv)}: exit {result.returncode}\n{outcome(output)}{result.stderr}")
        return result.returncode, output

    def report(self, name):
        with open(os.path.join(self.reports, name)) as report:
            return report.read()


def outcome(output):
    """A play's recap, and what failed or could not be reached, by task and host."""
    lines = []
    for play in output["plays"]:
        for task in play["tasks"]:
            for host, result in task["hosts"].items():
                if (result.get("failed") or result.get("unreachable")) and not result.get("skipped"):
                    lines.append(f"  {task['task']['name']}: {host}: {result.get('msg', '')}".rstrip())
    for host, stats in output["stats"].items():
        lines.append(f"  {host}: " + " ".join(f"{key}={value}" for key, value in stats.items()))
    return "\n".join(lines) + "\n"


def task_results(output, name):
    """The results of the task NAME, by host."""
    results = {}
    for play in output["plays"]:
        for task in play["tasks"]:
            if task["task"]["name"].endswith(name):
                results.update(task["hosts"])
    return results


def failed_task(output, host):
    for play in output["plays"]:
        for task in play["tasks"]:
            result = task["hosts"].get(host)
            if result and result.get("failed") and not result.get("skipped"):
                return task["task"]["name"], result.get("msg", "")
    return None, None


def check_stats(output, what, **expected):
    """The play recap of each host: FIELD={host: count} for the fields named."""
    stats = output["stats"]
    for field, by_host in expected.items():
        for host, count in by_host.items():
            got = stats.get(host, {}).get(field, 0)
            check(got == count, f"{what}: {host} has {field}={got}, expected {count}")


def check_merged(fleet):
    merged = json.loads(fleet.report("fleet.json"))
    statuses = {host["host"]: host["status"] for host in merged["hosts"]}
    check(statuses == EXPECTED_STATUS, f"fleet.json's hosts: {statuses}, expected {EXPECTED_STATUS}")
    rules = {}
    for finding in merged["findings"]:
        rules.setdefault(finding["host"], []).append(finding["rule"])
    check({host: sorted(ids) for host, ids in rules.items()} == EXPECTED_RULES,
          f"fleet.json's findings by host: {rules}, expected {EXPECTED_RULES}")
    total = merged["summary"]
    check((total["error"], total["warning"]) == (2, 1), f"fleet.json's summary: {total}")

    sarif = json.loads(fleet.report("fleet.sarif"))
    check(len(sarif["runs"]) == 1, f"fleet.sarif has {len(sarif['runs'])} runs, expected 1")
    run = sarif["runs"][0]
    machines = {invocation.get("machine"): invocation for invocation in run["invocations"]}
    check(set(machines) == set(EXPECTED_STATUS), f"fleet.sarif's invocations are of {sorted(machines, key=str)}")
    if DOWN in machines:
        check(machines[DOWN]["executionSuccessful"] is False, f"fleet.sarif: {DOWN} ran successfully")
    sarif_rules = {}
    for result in run["results"]:
        sarif_rules.setdefault(result["properties"]["host"], []).append(result["ruleId"])
    check({host: sorted(ids) for host, ids in sarif_rules.items()} == EXPECTED_RULES,
          f"fleet.sarif's results by host: {sarif_rules}, expected {EXPECTED_RULES}")

    text = fleet.report("fleet.txt")
    for host in EXPECTED_STATUS:
        check(host in text, f"fleet.txt does not name {host}:\n{text}")
    present = sorted(name for name in os.listdir(fleet.reports))
    wanted = sorted([f"{host}.{kind}" for host in EXPECTED_RULES for kind in ("json", "sarif")]
                    + ["expected-hosts", "fleet.json", "fleet.sarif", "fleet.txt"])
    check(present == wanted, f"the report directory holds {present}, expected {wanted}")


def validate_sarif(fleet, work):
    tool = multitool(fleet.source)
    if tool is None:
        message = "no SARIF Multitool (scripts/dev.sh test installs it in tools/sarif)"
        if UNDER_CI:
            check(False, message + " under CI=true")
        else:
            print(f"not run: the SARIF validation: {message}", file=sys.stderr)
        return
    logs = sorted(name for name in os.listdir(fleet.reports) if name.endswith(".sarif"))
    output = os.path.join(work, "validation.sarif")
    result = subprocess.run([tool, "validate", "--rule-kind", "Sarif;Gh", "--output", output] + logs,
                            cwd=fleet.reports, capture_output=True, text=True, timeout=300,
                            env=dict(fleet.env, HOME=os.path.join(work, "home"), ANSIBLE_STDOUT_CALLBACK=""))
    check(os.path.exists(output), f"the Multitool wrote no log: {result.stdout}{result.stderr}")
    if not os.path.exists(output):
        return
    with open(output) as log:
        validation = json.load(log)
    problems = []
    for run in validation["runs"]:
        for invocation in run.get("invocations", []):
            for note in invocation.get("toolExecutionNotifications", []):
                if note.get("level", "warning") in ("error", "warning"):
                    problems.append(json.dumps(note))
        for found in run.get("results", []):
            if found.get("level", "warning") in ("error", "warning"):
                problems.append(f"{found.get('ruleId')}: {found['message']} at {json.dumps(found.get('locations'))}")
    check(not problems and result.returncode == 0,
          f"the SARIF Multitool on {logs} (exit {result.returncode}):\n" + "\n".join(problems))


def run_fleet(fleet, work):
    command = readme_command(fleet.source)

    # 1. The audit: it fails where a node has errors, after the merge.
    before = tree_state(fleet.nodes)
    code, output = fleet.play(command)
    check(tree_state(fleet.nodes) == before, "the audit changed the nodes")
    check(code != 0, "the audit passed although two nodes have errors")
    check_stats(output, "the audit", failures={PREPARE: 0, START: 1, COMMIT: 1},
                unreachable={DOWN: 1}, changed={PREPARE: 0, START: 0, COMMIT: 0})
    for host in FAILING:
        task, message = failed_task(output, host)
        check(task is not None and task.endswith(FINDINGS_GATE) and ": 1 error, 0 warnings" in message,
              f"the audit failed {host} in {task!r} ({message}), expected {FINDINGS_GATE!r} with 1 error")
    check_merged(fleet)
    validate_sarif(fleet, work)

    # 2. --check with the fixes: shown and counted as changes, none made.
    before = tree_state(fleet.nodes)
    code, output = fleet.play(command, "--check", "--diff", "-e", "emglint_fix=true")
    after = tree_state(fleet.nodes)
    changed = sorted(path for path in set(before) | set(after) if before.get(path) != after.get(path))
    check(not changed, f"--check changed the nodes: {changed}")
    check_stats(output, "--check with emglint_fix", changed={PREPARE: 0, START: 1, COMMIT: 1},
                failures={PREPARE: 0, START: 1, COMMIT: 1})
    diffs = task_results(output, DIFF_TASK)
    shown = {host for host, result in diffs.items() if not result.get("skipped")}
    check(shown == FIXABLE, f"--check --diff printed the diff of {sorted(shown)}, expected {sorted(FIXABLE)}")
    if START in diffs:
        check("ln -sfn emgsend-7.2.0-50785 bin/emgsend" in "\n".join(diffs[START].get("msg", [])),
              f"the diff of {START}: {diffs[START].get('msg')}")

    # 3. The fixes: the nodes fixed are changed, and pass; only the missing node fails.
    code, output = fleet.play(command, "-e", "emglint_fix=true")
    check(code != 0, "the audit with fixes passed although a node is missing")
    check_stats(output, "emglint_fix", changed={PREPARE: 0, START: 1, COMMIT: 1},
                failures={PREPARE: 0, START: 0, COMMIT: 0}, unreachable={DOWN: 1})
    fixed = {name: fleet.report(name) for name in ("fleet.json", "fleet.sarif", "fleet.txt")}

    # 4. Again: nothing left to change, and the same bytes.
    code, output = fleet.play(command, "-e", "emglint_fix=true")
    check_stats(output, "emglint_fix again", changed={PREPARE: 0, START: 0, COMMIT: 0},
                failures={PREPARE: 0, START: 0, COMMIT: 0})
    for name, content in fixed.items():
        check(fleet.report(name) == content, f"a second run wrote another {name}")

    # 5. A phase the role does not know: nothing runs.
    before = (tree_state(fleet.reports), tree_state(fleet.nodes))
    code, output = fleet.play(command, "-e", "emglint_phase=bogus")
    check(code != 0, "emglint_phase=bogus passed")
    names = [task["task"]["name"] for play in output["plays"] for task in play["tasks"]]
    check(len(names) == 1 and "argument" in names[0].lower(),
          f"emglint_phase=bogus ran {names}, expected the argument check alone")
    check((tree_state(fleet.reports), tree_state(fleet.nodes)) == before,
          "emglint_phase=bogus changed the nodes or the report directory")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--emglint", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--keep", action="store_true", help="keep the test's directory, to read what went wrong")
    args = parser.parse_args()
    if os.geteuid() != 0:
        not_run("the fleet test needs root (it starts sshd in its own namespaces; CI runs as root)")
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing or not os.access(ANSIBLE_PYTHON, os.X_OK):
        not_run(f"the fleet test needs {' '.join(missing) or ANSIBLE_PYTHON} "
                "(scripts/dev.sh test installs ansible-core and openssh-server)")

    # A short path: the SSH control sockets live below it.
    work = tempfile.mkdtemp(prefix="emglint-fleet.", dir="/tmp")
    fleet = Fleet(args, work)

    def interrupted(signum, _frame):
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGINT, interrupted)
    PR_SET_CHILD_SUBREAPER = 36
    prctl(PR_SET_CHILD_SUBREAPER, 1)
    started = time.monotonic()
    try:
        fleet.setup()
        run_fleet(fleet, work)
    except Exception as error:  # reported as a failure; the cleanup below still runs
        check(False, f"{type(error).__name__}: {error}")
    finally:
        if failures:
            print("\n".join(fleet.outcomes), file=sys.stderr)
            if os.path.exists(fleet.sshd.log):
                print("sshd's log, its end:\n" + fleet.sshd.read_log()[-3000:], file=sys.stderr)
        fleet.stop_masters()
        fleet.sshd.stop()
        leftovers = end_leftovers()
        check(not leftovers, f"processes were left running: {leftovers}")
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print(f"fleet test: {time.monotonic() - started:.1f} s, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
