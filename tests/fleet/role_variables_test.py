#!/usr/bin/python3
"""Every variable the Ansible role defines starts with emglint_ (ansible-lint
6.13 does not check it), and its variables agree across defaults, the
argument specs and the README's table.

Reads ansible/roles/emglint: defaults/ and vars/ keys, the argument specs'
options, and in tasks/ every register, loop_var, vars: and set_fact name.

usage: role_variables_test.py SOURCE_DIR
"""

import os
import re
import sys

try:
    import yaml
except ImportError:
    print("not run: the role's variables test needs python3-yaml (ansible-core brings it)", file=sys.stderr)
    sys.exit(1 if os.environ.get("CI") == "true" else 0)

PREFIX = "emglint_"


def load(path):
    with open(path) as stream:
        return yaml.safe_load(stream) or {}


def task_names(tasks, where, found):
    """The variables tasks define: register, loop_var, vars and set_fact, in blocks too."""
    for task in tasks or []:
        name = task.get("name", "?")
        if task.get("register"):
            found.append((task["register"], f"{where}: register of {name!r}"))
        loop_var = (task.get("loop_control") or {}).get("loop_var")
        if loop_var:
            found.append((loop_var, f"{where}: loop_var of {name!r}"))
        for variable in task.get("vars") or {}:
            found.append((variable, f"{where}: vars of {name!r}"))
        for module in ("set_fact", "ansible.builtin.set_fact"):
            for variable in (task.get(module) or {}):
                if variable != "cacheable":
                    found.append((variable, f"{where}: set_fact of {name!r}"))
        for section in ("block", "rescue", "always"):
            task_names(task.get(section), where, found)


def main():
    source = sys.argv[1]
    role = os.path.join(source, "ansible", "roles", "emglint")
    found = []
    defaults = load(os.path.join(role, "defaults", "main.yml"))
    found += [(name, "defaults/main.yml") for name in defaults]
    found += [(name, "vars/main.yml") for name in load(os.path.join(role, "vars", "main.yml"))]
    options = load(os.path.join(role, "meta", "argument_specs.yml"))["argument_specs"]["main"]["options"]
    found += [(name, "meta/argument_specs.yml") for name in options]
    tasks_dir = os.path.join(role, "tasks")
    for file in sorted(os.listdir(tasks_dir)):
        task_names(load(os.path.join(tasks_dir, file)), f"tasks/{file}", found)

    problems = [f"{where}: {name} does not start with {PREFIX}" for name, where in found
                if not name.startswith(PREFIX)]
    # The defaults are the argument specs' defaults; only a required option has none.
    for name, spec in options.items():
        if spec.get("required"):
            if name in defaults:
                problems.append(f"{name} is required, yet defaults/main.yml gives it a value")
        elif name not in defaults:
            problems.append(f"{name} has no value in defaults/main.yml")
        elif defaults[name] != spec.get("default"):
            problems.append(f"{name}: defaults/main.yml says {defaults[name]!r}, the argument specs {spec.get('default')!r}")
    for name in defaults:
        if name not in options:
            problems.append(f"{name} is in defaults/main.yml but not in the argument specs")
    # The README's Fleet section has a row for each.
    with open(os.path.join(source, "README.md")) as readme:
        fleet = readme.read().split("\n## Fleet\n", 1)[-1].split("\n## ", 1)[0]
    rows = set(re.findall(r"^\| `(emglint_\w+)` \|", fleet, re.MULTILINE))
    if rows != set(options):
        problems.append(f"the README's Fleet table lists {sorted(rows)}, the argument specs {sorted(options)}")

    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(found)} variables of the role checked, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
