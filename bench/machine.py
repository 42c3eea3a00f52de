"""Describe the machine a benchmark ran on, and record a benchmark's results in bench/results/."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
from pathlib import Path


def machine() -> dict[str, object]:
    """Date, CPU model, core count, memory and platform."""
    cpu = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        kib = int(meminfo.read_text().split()[1])
        memory = f"{kib / 1024 / 1024:.1f} GiB"
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


RESULTS = Path(__file__).resolve().parent / "results"


def record(name: str, result: dict, title: str, body: str) -> None:
    """Write bench/results/`name`.json (the whole result) and `name`.md: the title, the machine, then `body`."""
    m = result["machine"]
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    header = (
        f"# {title}\n\n{m['date']} on {m['cpu']}, {m['cores']} cores, {m['memory']}, Python {m['python']}; "
        f"load average {m['load_average']} (other work on the machine inflates the times).\n\n"
    )
    (RESULTS / f"{name}.md").write_text(header + body.strip() + "\n", encoding="utf-8")
