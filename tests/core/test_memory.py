"""The allocator setting is opt-out by environment and reports whether it is in force."""

import os
import subprocess
import sys

CODE = "from explorer.core.memory import keep_freed_memory; print(keep_freed_memory())"


def run(env_value):
    env = {k: v for k, v in os.environ.items() if k != "EXPLORER_KEEP_FREED_MEMORY"}
    if env_value is not None:
        env["EXPLORER_KEEP_FREED_MEMORY"] = env_value
    return subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True,
                          check=True).stdout.strip()


def test_keep_freed_memory_is_on_by_default_on_glibc():
    assert run(None) == ("True" if sys.platform.startswith("linux") else "False")


def test_keep_freed_memory_can_be_switched_off_by_environment():
    assert run("0") == "False"
