"""Run every benchmark: `python -m benchmarks [name ...]` (e.g. `pages`, `scorecard`); `make bench` runs them all.

Each `benchmarks/bench_<name>.py` module has `run() -> dict` of flat figures. The figures go to
`benchmarks/out/latest.json` (with when, where and which commit) and to stdout as a table.
"""

import importlib
import json
import os
import platform
import subprocess
import sys
import time
import traceback
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "out" / "latest.json"


def modules(chosen: list[str]) -> list[str]:
    names = sorted(path.stem.removeprefix("bench_") for path in HERE.glob("bench_*.py"))
    unknown = set(chosen) - set(names)
    if unknown:
        sys.exit(f"No benchmark named {sorted(unknown)}; there are {names}")
    return [name for name in names if not chosen or name in chosen]


def _commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=HERE, capture_output=True, text=True)
    return done.stdout.strip() or "unknown"


def _format(value) -> str:
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 10 else f"{value:,.1f}"
    return str(value)


def main(chosen: list[str]) -> int:
    figures: dict = {}
    seconds: dict = {}
    failed = []
    for name in modules(chosen):
        print(f"== bench_{name} ...", flush=True)
        started = time.perf_counter()
        try:
            figures.update(importlib.import_module(f"benchmarks.bench_{name}").run())
        except Exception:
            traceback.print_exc()
            failed.append(name)
        seconds[name] = round(time.perf_counter() - started, 1)
    report = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "database": "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite",
        "benchmark_seconds": seconds,
        "failed": failed,
        "figures": figures,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(report, indent=2))
    width = max((len(key) for key in figures), default=10)
    print(f"\n{'figure':<{width}}  value")
    for key in sorted(figures):
        print(f"{key:<{width}}  {_format(figures[key])}")
    print(f"\nWritten to {OUT.relative_to(HERE.parent)} (commit {report['commit']}).")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
