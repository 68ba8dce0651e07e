"""Named points in long work where a test can hold a worker process, to kill it at a known moment.

Test-only: nothing happens unless the process's environment sets CHECKPOINT_DIR (a test's worker does; nothing else
should) and the test has armed the checkpoint by creating `<CHECKPOINT_DIR>/<name>.hold`. The process reaching an
armed checkpoint creates `<CHECKPOINT_DIR>/<name>.reached` and holds there until it is killed. A test waits for that
file, not for a guessed duration, so the kill lands at the same point however busy the machine is
(tests/test_worker_resilience.py).
"""

import os
import time
from pathlib import Path


def reached(name: str) -> None:
    """Hold the process at checkpoint `name` if a test armed it; return at once otherwise."""
    folder = os.environ.get("CHECKPOINT_DIR")
    if not folder or not Path(folder, f"{name}.hold").exists():
        return
    Path(folder, f"{name}.reached").touch()
    while True:  # until the test kills this process
        time.sleep(0.05)
