"""Prints a playbook's results as one JSON document, for tests/fleet/fleet_test.py.

ansible-core brings no JSON callback (ansible.posix's is a collection of its
own): this one writes {"plays": [{"tasks": [{"task": {"name"}, "hosts": {HOST:
RESULT}, "seconds"}]}], "stats": {HOST: {"ok", "changed", "failures", "unreachable",
"skipped", "rescued", "ignored"}}} to standard output at the end.
"""

import json
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
    name: fleet_json
    type: stdout
    short_description: the playbook's results as one JSON document
    description: Results by play, task and host, and the recap by host, for the fleet test.
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "stdout"
    CALLBACK_NAME = "fleet_json"

    def __init__(self):
        super().__init__()
        self.plays = []

    def v2_playbook_on_play_start(self, play):
        self.plays.append({"play": {"name": play.get_name()}, "tasks": []})

    def v2_playbook_on_task_start(self, task, is_conditional):
        self.plays[-1]["tasks"].append({"task": {"name": task.get_name()}, "hosts": {}, "started": time.monotonic()})

    def v2_playbook_on_handler_task_start(self, task):
        self.v2_playbook_on_task_start(task, False)

    def record(self, result, **state):
        outcome = dict(result._result, **state)
        for play in reversed(self.plays):
            for task in reversed(play["tasks"]):
                if task["task"]["name"] == result._task.get_name():
                    task["hosts"][result._host.get_name()] = outcome
                    task["seconds"] = round(time.monotonic() - task["started"], 2)
                    return

    def v2_runner_on_ok(self, result):
        self.record(result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self.record(result, failed=True, ignored=ignore_errors)

    def v2_runner_on_unreachable(self, result):
        self.record(result, unreachable=True)

    def v2_runner_on_skipped(self, result):
        self.record(result, skipped=True)

    def v2_playbook_on_stats(self, stats):
        summary = {host: stats.summarize(host) for host in sorted(stats.processed)}
        self._display.display(json.dumps({"plays": self.plays, "stats": summary}, indent=1, default=str))
