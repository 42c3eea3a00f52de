"""The browser's portfolio import and pydantic give the same verdict on the same file.

A real exported portfolio (with work in every kind of widget) is changed one value at a time; pydantic's
`Portfolio.model_validate` and the browser's check (static/jeugddomein/portfolio_check.js: the JSON schema compiled
by Ajv plus the models' own rules, run here under node) must both accept or both refuse each changed file. The
changes together break every keyword the schema uses, and the files that the old hand-written check let through.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from jeugddomein.models.portfolio import Portfolio

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "data" / "examples" / "cohort" / "portfolios" / "portfolio-aylin-a.json"
CHECK = ROOT / "src" / "jeugddomein" / "static" / "jeugddomein" / "portfolio_check.js"
RULES = ROOT / "src" / "jeugddomein" / "static" / "portfolio_rules.js"
SCHEMA = ROOT / "schema" / "portfolio.schema.json"
GENERATED = [CHECK, ROOT / "src" / "jeugddomein" / "widgets" / "rich_picture" / "scene_schema.js"]

Doc = dict[str, Any]


@dataclass(frozen=True)
class Change:
    """One change to the example file: a name and a function that changes a copy of it in place."""

    name: str
    apply: Callable[[Doc], None]


def state(doc: Doc, widget: str) -> Doc:
    return entry(doc, widget)["state"]


def entry(doc: Doc, widget: str) -> Doc:
    return next(e for e in doc["entries"] if e["widget"] == widget)


def scene(doc: Doc) -> Doc:
    return state(doc, "rich-picture")["pictures"][0]["scene"]


def element(doc: Doc, kind: str) -> Doc:
    return next(e for e in scene(doc)["elements"] if e["kind"] == kind)


def scan(doc: Doc) -> Doc:
    return state(doc, "bronstein-scan")["scans"][0]


def assessment(doc: Doc) -> Doc:
    return state(doc, "competence-tracker")["assessments"][0]


def docent(doc: Doc) -> Doc:
    return state(doc, "rubric")["docent"]


def run(doc: Doc) -> Doc:
    return state(doc, "role-play")["runs"][0]


def sheet(doc: Doc) -> Doc:
    return state(doc, "worksheet")


def setter(get: Callable[[Doc], Any], key: Any, value: Any) -> Callable[[Doc], None]:
    def apply(doc: Doc) -> None:
        get(doc)[key] = copy.deepcopy(value)

    return apply


def deleter(get: Callable[[Doc], Any], key: Any) -> Callable[[Doc], None]:
    def apply(doc: Doc) -> None:
        del get(doc)[key]

    return apply


def first_item(doc: Doc) -> str:
    return next(iter(scan(doc)["answers"]))


def answer(value: Any, where: Callable[[Doc], Doc] = scan) -> Callable[[Doc], None]:
    def apply(doc: Doc) -> None:
        where(doc)["answers"][first_item(doc)] = value

    return apply


def score(value: Any) -> Callable[[Doc], None]:
    def apply(doc: Doc) -> None:
        scores = state(doc, "rubric")["docent"]["scores"]
        scores[next(iter(scores))] = value

    return apply


def top(doc: Doc) -> Doc:
    return doc


def first_entry(doc: Doc) -> Doc:
    return doc["entries"][0]


def duplicate(get: Callable[[Doc], list], index: int = 0) -> Callable[[Doc], None]:
    def apply(doc: Doc) -> None:
        items = get(doc)
        items.append(copy.deepcopy(items[index]))

    return apply


def many(get: Callable[[Doc], Any], key: str, count: int, make: Callable[[int], Any]) -> Callable[[Doc], None]:
    def apply(doc: Doc) -> None:
        get(doc)[key] = [make(i) for i in range(count)]

    return apply


def evidence(kind: str, ref: str, label: str = "Mijn verslag") -> Callable[[Doc], None]:
    def apply(doc: Doc) -> None:
        assessment(doc)["evidence"] = [{"kind": kind, "ref": ref, "label": label, "url": ""}]

    return apply


def v3_scene(doc: Doc) -> None:
    scene(doc)["version"] = 3


def same_moment(doc: Doc) -> None:
    items = state(doc, "competence-tracker")["assessments"]
    items.append({**copy.deepcopy(items[0]), "level": 3})


def dangling_relation(doc: Doc) -> None:
    scene(doc)["relations"][0]["target"] = "niemand"


def second_picture_same_id(doc: Doc) -> None:
    pictures = state(doc, "rich-picture")["pictures"]
    pictures.append(copy.deepcopy(pictures[0]))


def many_answers(doc: Doc) -> None:
    scan(doc)["answers"] = {f"q{i:03d}": 1 for i in range(201)}


def played(doc: Doc) -> Doc:
    return next(e for e in doc["entries"] if e["id"] == "rollenspel-casusbestand")["state"]["file"]


def one_choice(doc: Doc) -> None:
    scene = played(doc)["case"]["scenes"][0]
    scene["choices"] = scene["choices"][:1]


KIND = "knowledge-check"
TEXT = {"id": "t{}", "kind": "text", "label": "", "x": 0, "y": 0}

CHANGES = [
    # the portfolio itself
    Change("format: another file kind", setter(top, "format", "jeugddomein-rich-picture")),
    Change("schema_version: 2", setter(top, "schema_version", 2)),
    Change("schema_version: true", setter(top, "schema_version", True)),
    Change("schema_version: 1.0", setter(top, "schema_version", 1.0)),
    Change("course: empty", setter(top, "course", "")),
    Change("course: 101 characters", setter(top, "course", "c" * 101)),
    Change("course_version: a number", setter(top, "course_version", 1.0)),
    Change("exported_at: gisteren", setter(top, "exported_at", "gisteren")),
    Change("exported_at: no time zone", setter(top, "exported_at", "2026-11-13T16:00:00")),
    Change("exported_at: no seconds", setter(top, "exported_at", "2026-11-13T16:00Z")),
    Change("exported_at: date only", setter(top, "exported_at", "2026-11-13")),
    Change("exported_at: unix time", setter(top, "exported_at", 1700000000)),
    Change("exported_at: 30 February", setter(top, "exported_at", "2026-02-30T10:00:00Z")),
    Change("exported_at: leap second", setter(top, "exported_at", "2026-12-31T23:59:60Z")),
    Change("exported_at: milliseconds and offset", setter(top, "exported_at", "2026-11-13T16:00:00.123+01:00")),
    Change("exported_at: seven fraction digits", setter(top, "exported_at", "2026-11-13T16:00:00.1234567Z")),
    Change("learner: null", setter(top, "learner", None)),
    Change("learner: 200 emoji (200 characters)", setter(top, "learner", "😀" * 200)),
    Change("learner: 201 emoji", setter(top, "learner", "😀" * 201)),
    Change("an unknown field", setter(top, "extra", "x")),
    Change("entries missing", deleter(top, "entries")),
    Change("entries: an object", setter(top, "entries", {})),
    Change("entries: 5001", many(top, "entries", 5001, lambda i: {"id": "x"})),
    # an entry
    Change("entry widget: unknown", setter(first_entry, "widget", "mindmap")),
    Change("entry widget: missing", deleter(first_entry, "widget")),
    Change("entry widget: a number", setter(first_entry, "widget", 7)),
    Change("entry id: capitals", setter(first_entry, "id", "Hoofdletters")),
    Change("entry page: 301 characters", setter(first_entry, "page", "p" * 301)),
    Change("entry updated: gisteren", setter(first_entry, "updated", "gisteren")),
    Change("entry state missing", deleter(first_entry, "state")),
    Change("entry: unknown field", setter(first_entry, "extra", 1)),
    Change("entry id twice", duplicate(lambda d: d["entries"])),
    # knowledge check
    Change("selected: 8", setter(lambda d: state(d, KIND), "selected", [8])),
    Change("selected: -1", setter(lambda d: state(d, KIND), "selected", [-1])),
    Change("selected: nine options", setter(lambda d: state(d, KIND), "selected", [*range(8), 0])),
    Change("selected: text '1'", setter(lambda d: state(d, KIND), "selected", ["1"])),
    Change("selected: 1.0", setter(lambda d: state(d, KIND), "selected", [1.0])),
    Change("checked: 'true'", setter(lambda d: state(d, KIND), "checked", "true")),
    Change("checked: 1", setter(lambda d: state(d, KIND), "checked", 1)),
    Change("correct: 'ja'", setter(lambda d: state(d, KIND), "correct", "ja")),
    Change("correct: null", setter(lambda d: state(d, KIND), "correct", None)),
    Change("attempts: 3.0", setter(lambda d: state(d, KIND), "attempts", 3.0)),
    Change("attempts: 2.5", setter(lambda d: state(d, KIND), "attempts", 2.5)),
    Change("attempts: true", setter(lambda d: state(d, KIND), "attempts", True)),
    Change("attempts: '3'", setter(lambda d: state(d, KIND), "attempts", "3")),
    Change("attempts: 10001", setter(lambda d: state(d, KIND), "attempts", 10001)),
    # reflection
    Change("reflection: 20001 characters", setter(lambda d: state(d, "reflection"), "text", "x" * 20001)),
    Change("reflection: 20000 emoji", setter(lambda d: state(d, "reflection"), "text", "😀" * 20000)),
    Change("reflection: a number", setter(lambda d: state(d, "reflection"), "text", 42)),
    # Bronstein scan
    Change("scan answer: 99", answer(99)),
    Change("scan answer: -7", answer(-7)),
    Change("scan answer: 'drie'", answer("drie")),
    Change("scan answer: '3'", answer("3")),
    Change("scan answer: 2.0", answer(2.0)),
    Change("scan answer: true", answer(True)),
    Change("answer in progress: 99", setter(lambda d: state(d, "bronstein-scan"), "answers", {"af1": 99})),
    Change("answer key: no item id", setter(lambda d: state(d, "bronstein-scan"), "answers", {"AF-1": 3})),
    Change("answers: 201", many_answers),
    Change("scan mode: unknown", setter(lambda d: state(d, "bronstein-scan"), "mode", "alles")),
    Change("scan perspective: capitals", setter(lambda d: state(d, "bronstein-scan"), "perspective", "Stage")),
    Change("scan position: 201", setter(lambda d: state(d, "bronstein-scan"), "position", 201)),
    Change("scan date: gisteren", setter(scan, "date", "gisteren")),
    Change("scan date: 30 February", setter(scan, "date", "2026-02-30")),
    Change("scan date: with a time", setter(scan, "date", "2026-09-21T00:00:00")),
    Change("scan date: year 0", setter(scan, "date", "0000-09-21")),
    Change("scan label: empty", setter(scan, "label", "")),
    Change("scan answers missing", deleter(scan, "answers")),
    Change("scans: 61", many(lambda d: state(d, "bronstein-scan"), "scans", 61, lambda i: None)),
    # competence tracker
    Change("assessment day: gisteren", setter(assessment, "day", "gisteren")),
    Change("assessment day: 29 February 2028", setter(assessment, "day", "2028-02-29")),
    Change("assessment day: 29 February 2027", setter(assessment, "day", "2027-02-29")),
    Change("assessment level: 5", setter(assessment, "level", 5)),
    Change("assessment level: '2'", setter(assessment, "level", "2")),
    Change("assessment competence: capitals", setter(assessment, "competence", "Systemisch")),
    Change("profession: unknown", setter(lambda d: state(d, "competence-tracker"), "profession", "arts")),
    Change("evidence of kind werk without ref", evidence("werk", "")),
    Change("evidence of kind werk with ref", evidence("werk", "systeemtheorie-refl-positie")),
    Change("evidence note without ref", evidence("notitie", "")),
    Change("evidence label: spaces only", evidence("notitie", "", "   ")),
    Change("evidence label: spaces around text", evidence("notitie", "", "  verslag  ")),
    Change("evidence: 21", many(assessment, "evidence", 21, lambda i: {"kind": "notitie", "label": "x"})),
    Change("two assessments of one competence at one moment", same_moment),
    # rubric
    Change("rubric score: null", score(None)),
    Change("rubric score: 12345", score(12345)),
    Change("rubric score: ['x']", score(["x"])),
    Change("rubric feedback: 20001 characters", setter(docent, "feedback", {"vraag": "x" * 20001})),
    Change("rubric mode: unknown", setter(lambda d: state(d, "rubric"), "mode", "student")),
    Change("rubric scoring: unknown field", setter(lambda d: state(d, "rubric")["zelf"], "cijfer", 8)),
    # role play
    Change("step scene: capitals", setter(lambda d: run(d)["path"][0], "scene", "Start")),
    Change("step choice missing", deleter(lambda d: run(d)["path"][0], "choice")),
    Change("run finished: gisteren", setter(run, "finished", "gisteren")),
    Change("run mode: empty", setter(run, "mode", "")),
    Change("reflections: 9", setter(run, "reflections", ["r"] * 9)),
    # a game played from a lecturer's case file, and the case editor's draft
    Change("played file: sha256 not hex", setter(played, "sha256", "x" * 64)),
    Change("played file: case without learning goals", setter(lambda d: played(d)["case"], "learning_goals", [])),
    Change("played file: a scene with one choice", one_choice),
    Change("played file: unknown field in the case", setter(lambda d: played(d)["case"], "auteur", "Jan")),
    Change("played file: setting unknown", setter(lambda d: played(d)["case"], "setting", "kinderopvang")),
    Change("case editor draft: a number", setter(lambda d: state(d, "case-editor"), "draft", 5)),
    Change("case editor draft: 400001 characters", setter(lambda d: state(d, "case-editor"), "draft", "x" * 400001)),
    # rich picture
    Change("actor x: 100001", setter(lambda d: element(d, "actor"), "x", 100001)),
    Change("actor x: '10'", setter(lambda d: element(d, "actor"), "x", "10")),
    Change("actor x: true", setter(lambda d: element(d, "actor"), "x", True)),
    Change("actor pictogram: unknown", setter(lambda d: element(d, "actor"), "pictogram", "draak")),
    Change("element kind: unknown", setter(lambda d: element(d, "actor"), "kind", "wolk")),
    Change("bubble variant: unknown", setter(lambda d: element(d, "bubble"), "variant", "droom")),
    Change("boundary width: 39", setter(lambda d: element(d, "boundary"), "width", 39)),
    Change("relation direction: unknown", setter(lambda d: scene(d)["relations"][0], "direction", "omhoog")),
    Change("relation conflict: 'ja'", setter(lambda d: scene(d)["relations"][0], "conflict", "ja")),
    Change("relation to a missing element", dangling_relation),
    Change("element id twice", duplicate(lambda d: scene(d)["elements"])),
    Change("scene version 1 (migrated, as pydantic does)", setter(scene, "version", 1)),
    Change("scene version 3", v3_scene),
    Change("scene title: empty", setter(scene, "title", "")),
    Change("scene title: 121 characters", setter(scene, "title", "t" * 121)),
    Change("scene format: other", setter(scene, "format", "jeugddomein-portfolio")),
    Change("elements: 1001", many(scene, "elements", 1001, lambda i: {**TEXT, "id": f"t{i}"})),
    Change("picture id twice", second_picture_same_id),
    Change("snap: 'false'", setter(lambda d: state(d, "rich-picture"), "snap", "false")),
    Change("active: 41 characters", setter(lambda d: state(d, "rich-picture"), "active", "a" * 41)),
    # worksheet
    Change("worksheet choice: misschien", setter(sheet, "choices", [{"id": "toestemming", "value": "misschien"}])),
    Change("worksheet item checked: 'ja'", setter(sheet, "items", [{"id": "uitnodiging", "checked": "ja"}])),
    Change("worksheet note: 1001 characters", setter(sheet, "items", [{"id": "a", "note": "x" * 1001}])),
    Change("worksheet text id: capitals", setter(sheet, "texts", [{"id": "Naam", "text": "Noor"}])),
    Change("worksheet text missing", setter(sheet, "texts", [{"id": "naam"}])),
    Change("worksheet answers: unknown list", setter(sheet, "antwoorden", [])),
    Change("worksheet: only an empty list of texts", setter(lambda d: entry(d, "worksheet"), "state", {"texts": []})),
    Change("worksheet item without note or tick", setter(sheet, "items", [{"id": "uitnodiging"}])),
]

KNOWN_GAPS = [
    "scan answer: 99",
    "scan answer: -7",
    "scan answer: 'drie'",
    "answer in progress: 99",
    "assessment day: gisteren",
    "scan date: gisteren",
    "rubric score: null",
    "rubric score: 12345",
    "rubric score: ['x']",
]
"""Files the hand-written check of the browser accepted although pydantic refuses them."""


CASE_FILE = ROOT / "data" / "cases" / "twee-brillen.yaml"
"""A case file as a student opens it on the role-play page (the example cohort plays only the book's cases)."""


def example() -> Doc:
    """The example portfolio, plus what the synthetic cohort does not make: a draft in the case editor and a game
    played from a lecturer's case file."""
    from jeugddomein.widgets.role_play.model import load_case

    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    text = CASE_FILE.read_text(encoding="utf-8")
    case = load_case(CASE_FILE, ROOT).model_dump(mode="json")
    ref = {"title": case["title"], "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    step = {"scene": "signaal", "choice": "gesprek-met-moeder", "note": ""}
    game = {"mode": "solo", "role": "leraar", "group": "", "ending": "bijgestuurd", "path": [step]}
    doc["entries"] += [
        {
            "id": "casus-editor",
            "widget": "case-editor",
            "page": "chapters/docenten/casus-editor",
            "updated": "2026-10-01T10:00:00Z",
            "state": {"draft": text, "name": CASE_FILE.name},
        },
        {
            "id": "rollenspel-casusbestand",
            "widget": "role-play",
            "page": "exercises/rollenspel",
            "updated": "2026-10-01T10:00:00Z",
            "state": {
                "mode": "solo",
                "role": "leraar",
                "group": "",
                "path": [step],
                "reflections": [],
                "runs": [{**game, "reflections": [], "finished": "2026-10-01T09:00:00Z", "file": ref}],
                "file": {**ref, "name": CASE_FILE.name, "case": case},
            },
        },
    ]
    return doc


def changed(change: Change) -> Doc:
    doc = example()
    change.apply(doc)
    return json.loads(json.dumps(doc, ensure_ascii=False, allow_nan=False))


def pydantic_accepts(doc: Doc) -> bool:
    try:
        Portfolio.model_validate(doc)
    except ValidationError:
        accepted = False
    else:
        accepted = True
    try:
        Portfolio.model_validate_json(json.dumps(doc))
    except ValidationError:
        assert not accepted, "model_validate and model_validate_json disagree"
    else:
        assert accepted, "model_validate and model_validate_json disagree"
    return accepted


@pytest.fixture(scope="module")
def browser() -> dict[str, dict[str, Any]]:
    """The browser check's verdict on the example and on every changed file (one node run)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node ontbreekt: installeer Node.js 20 (de JavaScript-tests hebben het nodig)", pytrace=False)
    documents = [example()] + [changed(c) for c in CHANGES]
    done = subprocess.run(
        [node, str(Path(__file__).with_name("portfolio_verdicts.mjs")), str(CHECK)],
        input=json.dumps(documents),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    verdicts = json.loads(done.stdout)
    return dict(zip(["(example)"] + [c.name for c in CHANGES], verdicts, strict=True))


def test_the_example_is_accepted_by_both(browser):
    assert pydantic_accepts(example())
    assert browser["(example)"] == {"problems": [], "keywords": []}
    widgets = {e["widget"] for e in example()["entries"]}
    assert widgets == set(json.loads(SCHEMA.read_text())["properties"]["entries"]["items"]["discriminator"]["mapping"])


@pytest.mark.parametrize("change", CHANGES, ids=[c.name for c in CHANGES])
def test_browser_and_pydantic_agree(browser, change):
    verdict = browser[change.name]
    accepted = pydantic_accepts(changed(change))
    assert (verdict["problems"] == []) is accepted, verdict["problems"]
    for problem in verdict["problems"]:
        assert problem["path"] and problem["message"], problem


def test_enough_changes_both_ways(browser):
    refused = [name for name, verdict in browser.items() if verdict["problems"]]
    assert len(CHANGES) >= 60 and len(refused) >= 60 and len(CHANGES) - len(refused) >= 8


def test_the_files_the_old_check_let_through_are_refused(browser):
    for name in KNOWN_GAPS:
        assert browser[name]["problems"], name


ANNOTATIONS = {"title", "description", "default", "$id", "$ref", "$defs", "properties", "items"}
"""Keys of a schema that validate nothing themselves."""


def schema_keywords(schema: Any, found: set[str] | None = None) -> set[str]:
    """The validation keywords a schema uses (additionalProperties split into `false` and a schema)."""
    found = set() if found is None else found
    if not isinstance(schema, dict):
        return found
    for key, value in schema.items():
        if key == "additionalProperties":
            found.add(key if value is False else "additionalProperties:schema")
        elif key not in ANNOTATIONS:
            found.add(key)
    subschemas = [
        *schema.get("$defs", {}).values(),
        *schema.get("properties", {}).values(),
        *schema.get("patternProperties", {}).values(),
        *schema.get("anyOf", []),
        *schema.get("oneOf", []),
        *(schema[key] for key in ("items", "additionalProperties", "if", "then") if key in schema),
    ]
    for sub in subschemas:
        schema_keywords(sub, found)
    return found


def test_the_changes_break_every_keyword_of_the_schema(browser):
    broken = {keyword for verdict in browser.values() for keyword in verdict["keywords"]}
    assert "rule" in broken
    assert schema_keywords(json.loads(SCHEMA.read_text())) - broken == set()


def test_the_generated_validators_use_no_eval():
    for path in GENERATED:
        text = path.read_text(encoding="utf-8")
        assert "new Function" not in text and "eval(" not in text, path
        assert "require(" not in text.replace('require("ajv', ""), path


def validators_of(model: type, seen: set[type] | None = None) -> set[str]:
    """`Class._name` of every model and field validator of `model` and the models in its fields."""
    seen = set() if seen is None else seen
    if model in seen or not hasattr(model, "__pydantic_decorators__"):
        return set()
    seen.add(model)
    decorators = model.__pydantic_decorators__
    names = {f"{model.__name__}.{name}" for name in (*decorators.model_validators, *decorators.field_validators)}
    for field in model.model_fields.values():
        for inner in _models_in(field.annotation):
            names |= validators_of(inner, seen)
    return names


def _models_in(annotation: Any) -> list[type]:
    if isinstance(annotation, type) and hasattr(annotation, "model_fields"):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _models_in(arg)]


def test_every_rule_of_the_models_is_in_the_browser_check():
    listed = set(re.findall(r"^//\s+(\w+\._\w+)\s", RULES.read_text(encoding="utf-8"), re.MULTILINE))
    stated_in_schema = {"Evidence._ref_for_work"}
    assert validators_of(Portfolio) == listed | stated_in_schema
