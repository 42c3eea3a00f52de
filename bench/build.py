"""Benchmark: a cold build of the course versus a rebuild with nothing changed (goal: rebuild at least 5x faster).

Run with `make bench` (or `.venv/bin/python bench/build.py`). Writes bench/results/build.json and build.md.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from machine import machine, record

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work" / "build"
RESULTS = ROOT / "bench" / "results"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"


def timed_build() -> float:
    start = time.perf_counter()
    subprocess.run(
        [str(JUPYTER_BOOK), "build", str(ROOT), "--path-output", str(WORK), "-W", "--keep-going", "-n"],
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def main() -> None:
    shutil.rmtree(WORK, ignore_errors=True)
    cold = timed_build()
    warm = [timed_build() for _ in range(3)]
    rebuild = sorted(warm)[1]
    result = {
        "machine": machine(),
        "cold_build_s": round(cold, 2),
        "no_change_rebuild_s": round(rebuild, 2),
        "rebuild_runs_s": [round(w, 2) for w in warm],
        "speedup": round(cold / rebuild, 1),
        "goal": "no-change rebuild at least 5x faster than a cold build",
        "met": cold / rebuild >= 5,
    }
    record(
        "build",
        result,
        "Build benchmark",
        "| measure | seconds |\n|---|---|\n"
        f"| cold build (no cache, empty output) | {result['cold_build_s']} |\n"
        f"| no-change rebuild (median of 3) | {result['no_change_rebuild_s']} |\n"
        f"| speed-up | {result['speedup']}x (goal: at least 5x; {'met' if result['met'] else 'NOT met'}) |\n",
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
