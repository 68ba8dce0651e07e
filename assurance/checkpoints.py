"""Named points in long work where a test can hold a worker process, to kill it at a known moment.

Only when the process's environment sets CHECKPOINT_DIR (a test's worker does; nothing else should): reaching a
checkpoint then creates `<CHECKPOINT_DIR>/<name>` and holds the process there until it is killed. Otherwise
`reached` returns at once. A test waits for the file, not for a guessed duration, so it never races the machine.
"""

import os
import time
from pathlib import Path


def reached(name: str) -> None:
    """Hold the process at checkpoint `name` if CHECKPOINT_DIR is set; return at once otherwise."""
    folder = os.environ.get("CHECKPOINT_DIR")
    if not folder:
        return
    Path(folder, name).touch()
    while True:  # until the test kills this process
        time.sleep(0.05)
