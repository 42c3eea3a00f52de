"""Benchmark of cmi.suspend_data: its size for a typical and a full portfolio, under SCORM 1.2 and 2004.

Run after a build: `python bench/suspend.py [--site _build/html]`. It makes the example cohort with the generator
(jeugddomein.cohort.example, fixed seed) and takes two learners' work: the typical one (the median number of entries)
and the fullest one with a rich picture of 100 elements on each of the course's three canvases. The course's own
rules (static/jeugddomein/suspend.js, run by node: CompressionStream deflate, base64, priority trimming) encode each
portfolio for both budgets; recorded are the JSON size, the suspend_data length, what was kept and left out, and the
encoding time.

Results go to bench/results/suspend.json and suspend.md with the date and the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).parent))
from tests.factories import large_pictures  # noqa: E402

from jeugddomein.cohort.example import make_cohort  # noqa: E402
from machine import machine, record  # noqa: E402

SUSPEND = ROOT / "src" / "jeugddomein" / "static" / "jeugddomein" / "suspend.js"
ENCODE = """
const { BUDGETS, fit, encode } = await import(process.argv[1]);
let input = "";
for await (const chunk of process.stdin) input += chunk;
const out = {};
for (const [name, entries] of Object.entries(JSON.parse(input))) {
  out[name] = {};
  for (const [standard, budget] of Object.entries(BUDGETS)) {
    const times = [];
    let result;
    for (let run = 0; run < 5; run += 1) {
      const start = performance.now();
      result = await fit(entries, encode, budget);
      times.push(performance.now() - start);
    }
    const kinds = (ids) => ids.reduce((acc, id) => {
      const w = entries.find((e) => e.id === id).widget;
      acc[w] = (acc[w] || 0) + 1;
      return acc;
    }, {});
    out[name][standard] = {
      budget, length: result.text.length, kept: result.kept.length, left: result.left.length,
      left_kinds: kinds(result.left), ms_median: times.sort((a, b) => a - b)[2],
    };
  }
}
console.log(JSON.stringify(out));
"""


def portfolios(site: Path) -> dict[str, list[dict]]:
    """The typical and the full portfolio of the generated example cohort (entries of placements in this build)."""
    index = json.loads((site / "_static/jeugddomein/course.json").read_text(encoding="utf-8"))
    known = {w["id"]: w["widget"] for page in index["pages"] for w in page["widgets"]}
    with tempfile.TemporaryDirectory() as folder:
        files = make_cohort(folder, duplicate=False)
        learners = [json.loads(f.read_text(encoding="utf-8"))["entries"] for f in files]
    learners = [[e for e in entries if e["id"] in known] for entries in learners]
    learners.sort(key=len)
    typical = learners[len(learners) // 2]
    pictures = [i for i, widget in known.items() if widget == "rich-picture"]
    full = [e for e in learners[-1] if e["id"] not in pictures] + large_pictures(pictures)
    return {"typical": typical, "full": full}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "_build" / "html")
    args = parser.parse_args()
    chosen = portfolios(args.site)
    run = subprocess.run(
        ["node", "--input-type=module", "-e", ENCODE, SUSPEND.as_uri()],
        input=json.dumps(chosen),
        capture_output=True,
        text=True,
        check=True,
    )
    sizes = json.loads(run.stdout)
    result = {"machine": machine(), "portfolios": {}}
    rows = []
    for name, entries in chosen.items():
        raw = len(json.dumps(entries, ensure_ascii=False))
        result["portfolios"][name] = {"entries": len(entries), "json_characters": raw, **sizes[name]}
        for standard, size in sizes[name].items():
            left = ", ".join(f"{n} {kind}" for kind, n in sorted(size["left_kinds"].items())) or "nothing"
            rows.append(
                f"| {name} | {len(entries)} | {raw:,} | SCORM {standard} | {size['length']:,} / {size['budget']:,} "
                f"| {size['kept']} | {left} | {size['ms_median']:.0f} |"
            )
    typical_ms = statistics.median(s["ms_median"] for p in sizes.values() for s in p.values())
    body = (
        "Learner store in cmi.suspend_data: deflate (CompressionStream) + base64, trimmed by priority to the budget.\n"
        "Typical: the median learner of the generated example cohort (24 learners, fixed seed); full: the fullest "
        "learner with a rich picture of 100 elements and 60 relations on each of the three canvases.\n\n"
        "| portfolio | entries | JSON characters | standard | suspend_data / budget | kept | left out | ms (median of 5) |\n"
        "|---|---|---|---|---|---|---|---|\n"
        + "\n".join(rows)
        + f"\n\nMedian encoding time over all rows: {typical_ms:.0f} ms."
    )
    record("suspend", result, "suspend_data size", body)
    print(body)
    return 0


if __name__ == "__main__":
    sys.exit(main())
