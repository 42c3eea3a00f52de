"""Hostile variants of a real portfolio export: what a folder of handed-in files can hold besides good exports.

Used by the tests (each variant with its expected Dutch message) and by the benchmark (mixed in among good files).
Every variant is made from the bytes of one valid export, so it follows the export format as it is today.

    from jeugddomein.cohort.hostile import hostile_exports
    for name, content in hostile_exports(Path("portfolio.json").read_bytes(), MAX_BYTES).items(): ...

Variants whose value is a `Special` are not file contents but folder entries (a folder, a link, a pipe, a sparse
file over the size limit); `write` makes any variant in a folder.
"""

from __future__ import annotations

import codecs
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Special:
    """A folder entry that is not ordinary file content: 'folder', 'broken-link', 'folder-link', 'pipe' or 'sparse'
    (a file of `size` bytes that takes no disk space, starting with `head`)."""

    kind: str
    size: int = 0
    head: bytes = b""


def _with(data: dict[str, Any], **changes: Any) -> bytes:
    return json.dumps({**data, **changes}, ensure_ascii=False, indent=1).encode("utf-8")


def _unknown_level(data: dict[str, Any]) -> bytes:
    """The export with a rubric self-assessment scored at level '11' (a grade typed where a level id belongs)."""
    changed = json.loads(json.dumps(data))
    rubric = next(e for e in changed["entries"] if e["widget"] == "rubric")
    scores = rubric["state"]["zelf"]["scores"]
    scores[next(iter(scores))] = "11"
    return json.dumps(changed, ensure_ascii=False).encode("utf-8")


def hostile_exports(good: bytes, max_bytes: int) -> dict[str, bytes | Special]:
    """File name -> content (or a Special entry) of every hostile variant of the export `good`.

    Names starting with 'goed-' are usable exports with a hostile detail (a formula or script as the name, a byte-order
    mark, control characters, an unknown rubric level): they must be read, safely. All others must be skipped.
    """
    data = json.loads(good)
    text = good.decode("utf-8")
    learner = data["learner"]
    entries_as_text = dict(data, entries="geen lijst")
    return {
        "diep-lijst.json": b"[" * 100_000 + b"]" * 100_000,
        "diep-object.json": _deep_bytes(data),
        "te-groot.json": Special("sparse", size=max_bytes + 1024, head=good),
        "binair.json": bytes(range(256)) * 64,
        "utf16.json": text.encode("utf-16"),
        "utf16-zonder-bom.json": text.encode("utf-16-le"),
        "utf32.json": text.encode("utf-32"),
        "afgebroken.json": good[: len(good) // 2],
        "afgebroken-in-tekst.json": good[: good.index(learner.encode("utf-8")) + 3],
        "leeg.json": b"",
        "alleen-witruimte.json": b" \n\t\r\n",
        "gewone-tekst.json": b"Hierbij mijn portfolio, groet " + learner.encode("utf-8"),
        "lijst.json": b"[]",
        "null.json": b"null",
        "ander-formaat.json": _with(data, format="iets-anders"),
        "andere-cursus.json": _with(data, course="een-andere-cursus", learner="Ander (voorbeeld)"),
        "nieuwere-versie.json": _with(data, schema_version=99, learner="Toekomst (voorbeeld)"),
        "rare-versie.json": _with(data, schema_version="1.0", learner="Raar (voorbeeld)"),
        "onbekend-veld.json": _with(data, onbekend=True, learner="Veld (voorbeeld)"),
        "geen-lijst.json": json.dumps(entries_as_text).encode("utf-8"),
        "foute-datum.json": _with(data, exported_at="gisteren", learner="Datum (voorbeeld)"),
        "te-lange-naam.json": _with(data, learner="x" * 10_000),
        "half-teken.json": text.replace(json.dumps(learner)[1:-1], "Half \\ud800 (voorbeeld)", 1).encode("utf-8"),
        "nan.json": text.replace('"schema_version": 1', '"schema_version": NaN', 1).encode("utf-8"),
        "map.json": Special("folder"),
        "kapotte-link.json": Special("broken-link"),
        "link-naar-map": Special("folder-link"),
        "pijp.json": Special("pipe"),
        "goed-bom.json": codecs.BOM_UTF8 + _with(data, learner="Bom (voorbeeld)"),
        "goed-formule.json": _with(data, learner='=HYPERLINK("http://x.invalid","klik")'),
        "goed-plus.json": _with(data, learner="+31 6 12345678"),
        "goed-min.json": _with(data, learner="-Min (voorbeeld)"),
        "goed-apenstaart.json": _with(data, learner="@Apenstaart (voorbeeld)"),
        "goed-tab.json": _with(data, learner="\t=1+1 Tab (voorbeeld)"),
        "goed-script.json": _with(data, learner="<script>alert('x')</script> Script (voorbeeld)"),
        "goed-stuurtekens.json": _with(data, learner="Stuur\x1b[31m\u202eteken (voorbeeld)"),
        "goed-niveau-11.json": _unknown_level(dict(data, learner="Niveau (voorbeeld)")),
        "=1+1.json": _with(data, learner="Bestandsnaam (voorbeeld)"),
    }


def _deep_bytes(data: dict[str, Any]) -> bytes:
    """JSON of data nested too deep for Python's own json module to write: built as text."""
    state = '{"a":' * 3000 + '"diep"' + "}" * 3000
    entry = json.dumps({**data["entries"][0], "state": "@@"}).replace('"@@"', state)
    return json.dumps({**data, "entries": ["@@"]}).replace('"@@"', entry).encode("utf-8")


def write(folder: Path, name: str, content: bytes | Special) -> Path:
    """Make one variant in `folder` (a link points into `folder` itself)."""
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content.kind == "folder":
        path.mkdir()
    elif content.kind == "broken-link":
        path.symlink_to(folder / "bestaat-niet.json")
    elif content.kind == "folder-link":
        path.symlink_to(folder)
    elif content.kind == "pipe":
        os.mkfifo(path)
    elif content.kind == "sparse":
        path.write_bytes(content.head)
        os.truncate(path, content.size)
    else:
        raise ValueError(f"unknown kind of entry: {content.kind}")
    return path
