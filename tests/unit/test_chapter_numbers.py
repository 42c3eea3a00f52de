"""Every written chapter number ("hoofdstuk 6") points to the chapter that has that number in the table of contents.

Chapter numbers are computed from `_toc.yml`: the chapters of the numbered parts, counted on across parts (the book
uses `use_multitoc_numbering`). A mention of a number is checked against the reference nearest to it: a `{ref}` or
`{doc}` role, a bare section label (`interprofessioneel-bronstein`) or a chapter title, first on the same line, else
in the same paragraph. The chapter that reference belongs to (labels are mapped to files by their `(label)=`
targets) must carry the number. A mention about the chapter of a cited source ("hoofdstuk 5 van dat rapport", or a
field of a BibTeX entry) is not about the course. Anything else must be listed in `EXPLICIT`, which names the
target by file, never by number; a mention that is none of these fails, so a new number is always checked.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("chapters", "exercises", "data", "src", "tests/data")
SUFFIXES = {".md", ".ipynb", ".yaml", ".yml", ".bib", ".csv", ".py", ".js", ".txt"}

# Mentions that name no reference nearby: (file, a phrase that contains the mention with its number replaced by
# "{n}") -> the toc file of the chapter meant. The number is looked up in the toc, so it follows a reordering.
EXPLICIT: dict[tuple[str, str], str] = {}

MENTION = re.compile(
    r"\b(?:hoofdstuk(?:ken)?|chapters?)\s+(?P<numbers>\d+(?:\s*(?:,|en|and|t/m)\s*\d+)*)", re.IGNORECASE
)
ABOUT_A_SOURCE = re.compile(
    r"\A\s*(?:van|uit|in)\s+(?:het|dat|dit|de|die|deze)\s+(?:rapport|bron|onderzoek|boek|publicatie|document)\b",
    re.IGNORECASE,
)
ROLE = re.compile(r"\{(?P<role>ref|doc|numref)\}`(?:[^`<]*<(?P<target>[^`>]+)>|(?P<bare>[^`]+))`")
LABEL_TARGET = re.compile(r"^\((?P<label>[A-Za-z0-9_-]+)\)=\s*$", re.M)
HYPHENATED = re.compile(r"\b[a-z0-9]+(?:-[a-z0-9]+)+\b")


@dataclass(frozen=True)
class Toc:
    chapter_of_file: dict[str, int]  # toc file (no suffix) -> chapter number, for every page in a numbered part
    chapter_of_label: dict[str, int]
    titles: dict[str, int]  # lower-case chapter title (and its short forms) -> chapter number


def _toc_entries(entries: list[dict], chapter: int, out: dict[str, int]) -> None:
    for entry in entries:
        if "file" in entry:
            out[entry["file"]] = chapter
        if "glob" in entry:
            for path in sorted(ROOT.glob(entry["glob"] + ".*")):
                out[str(path.relative_to(ROOT).with_suffix(""))] = chapter
        _toc_entries(entry.get("sections", []), chapter, out)


def page_text(path: Path) -> str:
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n\n".join("".join(cell["source"]) for cell in cells)
    return path.read_text(encoding="utf-8")


def page_path(name: str) -> Path | None:
    for suffix in (".md", ".ipynb"):
        if (ROOT / (name + suffix)).exists():
            return ROOT / (name + suffix)
    return None


def load_toc(toc_file: Path = ROOT / "_toc.yml") -> Toc:
    toc = yaml.safe_load(toc_file.read_text(encoding="utf-8"))
    chapter_of_file: dict[str, int] = {}
    titles: dict[str, int] = {}
    number = 0
    for part in toc["parts"]:
        if not part.get("numbered"):
            continue
        for chapter in part["chapters"]:
            number += 1
            _toc_entries([chapter], number, chapter_of_file)
            path = page_path(chapter["file"])
            heading = re.search(r"^# (.+)$", page_text(path), re.M) if path else None
            if heading:
                title = heading[1].strip().casefold()
                for form in {title, title.split(":")[0].strip(), re.sub(r"\s*\(.*?\)", "", title).strip()}:
                    titles[form] = number
    chapter_of_label: dict[str, int] = {}
    for name, number in chapter_of_file.items():
        path = page_path(name)
        if path is not None:
            for match in LABEL_TARGET.finditer(page_text(path)):
                chapter_of_label[match["label"]] = number
    return Toc(chapter_of_file, chapter_of_label, titles)


@dataclass(frozen=True)
class Mention:
    file: str
    line: int
    text: str
    numbers: tuple[int, ...]
    start: int  # offset in the file's text
    end: int


def mentions(rel: str, text: str) -> list[Mention]:
    found = []
    for match in MENTION.finditer(text):
        numbers = tuple(int(n) for n in re.findall(r"\d+", match["numbers"]))
        line = text.count("\n", 0, match.start()) + 1
        found.append(Mention(rel, line, match[0], numbers, match.start(), match.end()))
    return found


def _is_about_a_source(rel: str, text: str, mention: Mention) -> bool:
    if ABOUT_A_SOURCE.match(text[mention.end :]):
        return True
    if rel.endswith(".bib"):  # a field of an entry describes the cited work; a % comment describes the course
        line_start = text.rfind("\n", 0, mention.start) + 1
        return not text[line_start:].lstrip().startswith("%")
    return False


def references(rel: str, block: str, toc: Toc) -> list[tuple[int, int, str]]:
    """(offset, chapter, what) for every reference in `block` that belongs to a numbered chapter."""
    found: list[tuple[int, int, str]] = []
    taken: list[tuple[int, int]] = []
    for match in ROLE.finditer(block):
        target = (match["target"] or match["bare"]).strip()
        taken.append(match.span())
        if match["role"] == "doc":
            name = target.lstrip("/") if target.startswith("/") else str(Path(rel).parent / target)
            name = str(Path(name).with_suffix("")) if Path(name).suffix in {".md", ".ipynb"} else name
            chapter = toc.chapter_of_file.get(str(Path(name)))
        else:
            chapter = toc.chapter_of_label.get(target)
        if chapter is not None:
            found.append((match.start(), chapter, match[0]))
    for match in HYPHENATED.finditer(block):
        if match[0] in toc.chapter_of_label and not any(a <= match.start() < b for a, b in taken):
            found.append((match.start(), toc.chapter_of_label[match[0]], match[0]))
    lowered = block.casefold()
    for title, chapter in toc.titles.items():
        for match in re.finditer(r"\b" + re.escape(title) + r"\b", lowered):
            if not any(a <= match.start() < b for a, b in taken):
                found.append((match.start(), chapter, title))
    return found


def _enclosing(text: str, start: int, end: int, separator: str) -> tuple[int, int]:
    left = text.rfind(separator, 0, start)
    right = text.find(separator, end)
    return (0 if left < 0 else left + len(separator)), (len(text) if right < 0 else right)


def problems(rel: str, text: str, toc: Toc, explicit: dict[tuple[str, str], str] | None = None) -> list[str]:
    """What is wrong with the chapter numbers written in one file (`rel` relative to the repository)."""
    explicit = EXPLICIT if explicit is None else explicit
    found = []
    for mention in mentions(rel, text):
        where = f"{mention.file}:{mention.line}: '{mention.text}'"
        if _is_about_a_source(rel, text, mention):
            continue
        if mention.text.lower().startswith("hoofdstukken") or len(mention.numbers) > 1:
            expected_set = set(mention.numbers)
        else:
            expected_set = None
        refs: list[tuple[int, int, str]] = []
        for separator in ("\n", "\n\n"):
            a, b = _enclosing(text, mention.start, mention.end, separator)
            refs = [(a + offset, chapter, what) for offset, chapter, what in references(rel, text[a:b], toc)]
            refs = [r for r in refs if not (mention.start <= r[0] < mention.end)]
            if refs:
                break
        if refs:
            if expected_set is not None:
                got = {chapter for _, chapter, _ in refs}
                if got != expected_set:
                    found.append(f"{where} names chapters {sorted(expected_set)}, its references are {sorted(got)}")
                continue
            _, chapter, what = min(refs, key=lambda r: min(abs(r[0] - mention.start), abs(r[0] - mention.end)))
            if chapter != mention.numbers[0]:
                found.append(f"{where}: the nearest reference ({what}) is in hoofdstuk {chapter}")
            continue
        a, b = _enclosing(text, mention.start, mention.end, "\n\n")
        paragraph = " ".join(text[a:b].casefold().split())
        for (file, phrase), target_file in explicit.items():
            pattern = re.escape(phrase.casefold()).replace(re.escape("{n}"), r"(\d+)")
            match = re.search(pattern, paragraph) if file == rel else None
            if match is None or int(match[1]) != mention.numbers[0]:
                continue
            target = toc.chapter_of_file.get(target_file)
            if target != mention.numbers[0]:
                found.append(f"{where}: this mention means {target_file}, which is hoofdstuk {target}")
            break
        else:
            found.append(
                f"{where}: no {{ref}}, {{doc}}, label or chapter title nearby to check the number against; "
                "write the mention without a number, add a reference, or list it in EXPLICIT"
            )
    return found


def scanned_files() -> list[Path]:
    files = []
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*")):
            skipped = any(p.startswith(".") or p in {"node_modules", "__pycache__"} for p in path.parts)
            if path.is_file() and path.suffix in SUFFIXES and not skipped:
                files.append(path)
    return files


@pytest.fixture(scope="module")
def toc() -> Toc:
    return load_toc()


def test_chapters_are_numbered_from_the_toc(toc):
    numbered = sorted(
        {name for name, n in toc.chapter_of_file.items() if name.endswith("/index") and name.startswith("chapters/")},
        key=toc.chapter_of_file.get,
    )
    assert [toc.chapter_of_file[name] for name in numbered] == list(range(1, len(numbered) + 1))
    for name in numbered:  # the label that opens a chapter belongs to that chapter
        first = LABEL_TARGET.search(page_text(page_path(name)))
        assert first is None or toc.chapter_of_label[first["label"]] == toc.chapter_of_file[name], name
    assert "chapters/naslag/begrippenlijst" not in toc.chapter_of_file  # unnumbered parts have no number


def test_every_written_chapter_number_is_right(toc):
    found = []
    for path in scanned_files():
        if path.resolve() == Path(__file__).resolve():
            continue
        text = page_text(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8", errors="replace")
        found += problems(str(path.relative_to(ROOT)), text, toc)
    assert not found, "\n".join(found)


def test_explicit_map_names_toc_files(toc):
    for (file, phrase), target in EXPLICIT.items():
        assert (ROOT / file).exists(), file
        assert "{n}" in phrase, phrase
        assert target in toc.chapter_of_file, target


# The checker itself: it must catch a wrong number, and leave a right one alone.


def test_checker_catches_a_wrong_number_next_to_a_ref(toc):
    label = next(label for label, n in toc.chapter_of_label.items() if n > 1)
    right, wrong = toc.chapter_of_label[label], toc.chapter_of_label[label] - 1
    assert not problems("exercises/x.md", f"Lees {{ref}}`{label}` in hoofdstuk {right}.\n", toc)
    assert problems("exercises/x.md", f"Lees {{ref}}`{label}` in hoofdstuk {wrong}.\n", toc)
    assert problems("exercises/x.md", f"Zie {{ref}}`het voorbeeld van hoofdstuk {wrong} <{label}>`.\n", toc)


def test_checker_uses_doc_paths_titles_and_bare_labels(toc):
    name, number = next((n, c) for n, c in toc.chapter_of_file.items() if c > 1 and n.endswith("/index"))
    assert not problems("exercises/x.md", f"In hoofdstuk {number} ({{doc}}`/{name}`).\n", toc)
    assert problems("exercises/x.md", f"In hoofdstuk {number + 1} ({{doc}}`/{name}`).\n", toc)
    title = next(t for t, c in toc.titles.items() if c == number)
    assert not problems("data/x.yaml", f"voorbeeld in hoofdstuk {number} ({title.title()}),\n", toc)
    assert problems("data/x.yaml", f"voorbeeld in hoofdstuk {number - 1} ({title.title()}),\n", toc)
    label = next(label for label, c in toc.chapter_of_label.items() if c == number and "-" in label)
    assert problems("src/x.py", f'"kies een label uit hoofdstuk {number + 1}, zoals {label}"\n', toc)


def test_checker_refuses_a_mention_without_anything_to_check(toc):
    assert problems("chapters/x.md", "Zoals in hoofdstuk 3 al bleek.\n", toc, explicit={})
    phrase = "zoals in hoofdstuk {n} al bleek"
    target = next(n for n, c in toc.chapter_of_file.items() if c == 3)
    assert not problems("chapters/x.md", "Zoals in hoofdstuk 3 al bleek.\n", toc, {("chapters/x.md", phrase): target})
    assert problems("chapters/x.md", "zoals in hoofdstuk 4 al bleek.\n", toc, {("chapters/x.md", phrase): target})


def test_checker_leaves_chapters_of_sources_alone(toc):
    assert not problems("chapters/x.md", "Hoofdstuk 5 van dat rapport beschrijft werkvormen.\n", toc)
    assert not problems("data/bib/x.bib", "  note = {Geciteerd via Fontys, par. 2.3 en hoofdstuk 6},\n", toc)
    assert problems("data/bib/x.bib", "% Literatuur bij hoofdstuk 4.\n", toc, explicit={})
