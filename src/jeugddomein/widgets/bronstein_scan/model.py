"""The Bronstein self-scan: instrument data file, widget spec, learner state and scoring (Python half).

Scoring exists twice, once per language: `score()` here and the pure `score` helper exported by
`widgets/bronstein_scan.js`. Both take the instrument as JSON (the widget's config) and answers as
`{item_id: value}` with 0 for "weet ik niet"; a test feeds the same answers to both.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal, TypeGuard

from pydantic import BeforeValidator, Field, Strict, ValidationError, field_validator, model_validator
from pydantic.json_schema import JsonDict
from pydantic_core import InitErrorDetails, PydanticCustomError

from ...models.base import ShortText, StrictModel, WidgetId, WidgetSpec
from ...models.jsontypes import WHOLE_NUMBER, JsonDate, JsonInt
from ...models.registry import widget_state

COMPONENTS: dict[str, str] = {
    "afhankelijkheid": "Onderlinge afhankelijkheid",
    "nieuwe-activiteiten": "Nieuw gecreëerde professionele activiteiten",
    "flexibiliteit": "Flexibiliteit",
    "eigenaarschap": "Collectief eigenaarschap van doelen",
    "reflectie": "Reflectie op het proces",
}
"""Bronstein's (2003) five components: id in the data -> Dutch name. Every instrument has a scale for each."""

FACTORS: dict[str, str] = {
    "rol": "Professionele rol",
    "persoon": "Persoonlijke kenmerken",
    "organisatie": "Organisatiestructuur",
    "geschiedenis": "Geschiedenis van samenwerking",
}
"""Bronstein's four influencing factors: id -> Dutch name."""

UNKNOWN = 0
"""The answer value for "weet ik niet": kept in the learner's answers, never counted in a score."""

ItemId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9]{1,15}$")]
"""Short id of one statement (it keys the learner's answers, so keep it stable)."""

SlugId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{1,39}$")]
"""Lowercase id with hyphens."""

Answer = Annotated[int, Field(ge=0, le=9), Strict(), WHOLE_NUMBER]
"""One answer: a point of the scale, or 0 for "weet ik niet"."""

ONLY_ITEM_KEYS: JsonDict = {"additionalProperties": False}
"""JSON schema of an answers dict: pydantic refuses a key that is no ItemId; `patternProperties` alone would let such
a key through, so the schema says so too."""


def _fail(problems: list[tuple[tuple[Any, ...], str]]) -> None:
    """Raise a validation error for cross-field rules, each at its own field (so the YAML line is found)."""
    raise ValidationError.from_exception_data(
        "Instrument",
        [
            InitErrorDetails(type=PydanticCustomError("bronstein_rule", message), loc=loc, input=None)
            for loc, message in problems
        ],
    )


def _strict_flag(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    raise PydanticCustomError(
        "reverse_flag",
        "onbekende waarde {value} voor reverse: schrijf true (de stelling wordt omgekeerd gescoord) of false",
        {"value": repr(value)},
    )


ReverseFlag = Annotated[bool, BeforeValidator(_strict_flag)]


class ScalePoint(StrictModel):
    """One point of the answer scale."""

    value: int = Field(ge=1, le=9, description="The number stored and scored (1 = lowest agreement).")
    label: ShortText = Field(max_length=40, description="What the point means, e.g. 'mee eens'.")


class Item(StrictModel):
    """One statement the learner rates."""

    id: ItemId = Field(description="Stable short id, unique in the whole instrument (e.g. 'af1').")
    text: ShortText = Field(max_length=300, description="The statement, in the course's own Dutch words.")
    reverse: ReverseFlag = Field(description="True: negatively worded, scored the other way round (5 counts as 1).")
    basis: ShortText = Field(max_length=300, description="What the statement is based on (source and scale).")


class Interpretation(StrictModel):
    """How to read a score on one scale, with one concrete next step."""

    low: ShortText = Field(description="What a low score may mean.")
    middle: ShortText = Field(description="What a middle score may mean.")
    high: ShortText = Field(description="What a high score may mean.")
    step: ShortText = Field(description="One concrete next step the learner can take.")


class IsjoLink(StrictModel):
    """The matching scale of the ISJO (seed 003), whose teachers' means the learner may compare with."""

    scale: ShortText = Field(description="The value of column 'onderdeel' in the reference CSV for this scale.")
    reliability: ShortText = Field(description="Cronbach's alpha of that scale in the report, in plain Dutch.")
    means: dict[str, float] | None = Field(
        None, description="Filled in by the build from the reference CSV (year -> mean); leave it out."
    )


class ScaleBlock(StrictModel):
    """A group of statements scored together: one of Bronstein's components or influencing factors."""

    id: SlugId = Field(description="Id of the component or factor.")
    name: ShortText = Field(max_length=80, description="Dutch name as in the chapter Interprofessioneel samenwerken.")
    short: ShortText = Field(max_length=24, description="Short name for chart labels.")
    description: ShortText = Field(max_length=300, description="One sentence: what this part is about.")
    section: SlugId = Field(description="Label of the chapter section that explains it (checked at build).")
    heading: ShortText | None = Field(None, description="Optional subsection title within that section to link to.")
    items: list[Item] = Field(min_length=2, max_length=12, description="The statements (two or more).")
    interpretation: Interpretation = Field(description="How to read a low, middle or high score, and a next step.")
    section_url: str | None = Field(None, description="Filled in by the build from `section`; leave it out.")
    section_title: str | None = Field(None, description="Filled in by the build from `section`; leave it out.")


class Component(ScaleBlock):
    """A scale for one of Bronstein's five components."""

    id: Literal["afhankelijkheid", "nieuwe-activiteiten", "flexibiliteit", "eigenaarschap", "reflectie"] = Field(
        description="Which component."
    )
    isjo: IsjoLink | None = Field(description="The matching ISJO scale, or null when the ISJO has none.")


class Factor(ScaleBlock):
    """A short scale for one of Bronstein's four influencing factors."""

    id: Literal["rol", "persoon", "organisatie", "geschiedenis"] = Field(description="Which factor.")


class Perspective(StrictModel):
    """From where the learner answers (chosen before starting)."""

    id: SlugId = Field(description="Stable id stored with each scan.")
    label: ShortText = Field(max_length=80, description="The choice as the learner reads it.")
    explanation: ShortText = Field(description="Which collaboration to think of and how to read 'we'.")


class Levels(StrictModel):
    """Where a score counts as low or high (between: middle)."""

    low_below: float = Field(description="Scores below this are 'laag'.")
    high_from: float = Field(description="Scores from this are 'hoog'.")


class Reference(StrictModel):
    """The teachers' ISJO means from seed 003, shown beside the learner's scores with a caveat."""

    csv: str = Field(
        pattern=r"^figures/[a-z0-9._-]+\.csv$", description="CSV under data/ with onderdeel, jaar, gemiddelde."
    )
    title: ShortText = Field(description="Who the figures are about.")
    citation: ShortText = Field(description="Source and table, as shown under the figures.")
    caveat: ShortText = Field(description="Why these figures are no norm for the learner (reliability, other items).")


class Instrument(StrictModel):
    """A self-scan on Bronstein's model: data/instruments/<id>.yaml."""

    id: SlugId = Field(description="Name of the instrument; the file is data/instruments/<id>.yaml.")
    title: ShortText = Field(max_length=120, description="Title above the scan.")
    version: str = Field(pattern=r"^\d+(\.\d+)*$", description="Version of the statements (stored with each scan).")
    about: ShortText = Field(description="Short introduction shown before starting.")
    scale: list[ScalePoint] = Field(description="The answer scale: points 1, 2, ... with labels.")
    unknown_label: ShortText = Field(max_length=40, description="Label of the extra option that is not counted.")
    min_share: float = Field(
        gt=0, le=1, description="Share of a scale's statements that must be answered (not 'weet ik niet') for a score."
    )
    levels: Levels = Field(description="Where low and high start.")
    perspectives: list[Perspective] = Field(min_length=1, max_length=6, description="Perspectives to choose from.")
    components: list[Component] = Field(description="One scale per component of Bronstein, all five.")
    factors: list[Factor] = Field(description="One short scale per influencing factor, all four.")
    reference: Reference | None = Field(None, description="Teachers' means from the ISJO to compare with.")

    @field_validator("scale")
    @classmethod
    def _scale_points(cls, points: list[ScalePoint]) -> list[ScalePoint]:
        if len(points) < 2:
            raise ValueError(
                f"een antwoordschaal met {len(points)} punt meet niets; geef minstens twee punten "
                "(deze scan gebruikt 1 tot en met 5)"
            )
        values = [p.value for p in points]
        if values != list(range(1, len(points) + 1)):
            raise ValueError(f"de punten moeten 1, 2, 3, ... zijn, op volgorde en zonder gaten (nu: {values})")
        labels = [p.label.casefold() for p in points]
        if len(set(labels)) != len(labels):
            raise ValueError("twee punten hebben hetzelfde label; geef elk punt een eigen label")
        return points

    @model_validator(mode="after")
    def _cross_checks(self) -> Instrument:
        problems: list[tuple[tuple[Any, ...], str]] = []
        for field, expected, what in (
            ("components", COMPONENTS, "component"),
            ("factors", FACTORS, "beïnvloedende factor"),
        ):
            blocks = getattr(self, field)
            seen: dict[str, int] = {}
            for i, block in enumerate(blocks):
                if block.id in seen:
                    problems.append(
                        (
                            (field, i, "id"),
                            f"de {what} '{block.id}' staat er twee keer in (ook als {field}.{seen[block.id]})",
                        )
                    )
                seen.setdefault(block.id, i)
            for key, name in expected.items():
                if key not in seen:
                    problems.append(
                        (
                            (field,),
                            f"de {what} '{key}' ({name}) ontbreekt; het model van Bronstein heeft er "
                            f"{len(expected)} en elk krijgt een eigen schaal",
                        )
                    )
        where: dict[str, str] = {}
        for field in ("components", "factors"):
            for i, block in enumerate(getattr(self, field)):
                for j, item in enumerate(block.items):
                    here = f"{field}.{i}.items.{j}"
                    if item.id in where:
                        problems.append(
                            (
                                (field, i, "items", j, "id"),
                                f"het item-id '{item.id}' staat ook bij {where[item.id]}; elk item-id moet uniek zijn "
                                "(het bewaart de antwoorden van de student)",
                            )
                        )
                    else:
                        where[item.id] = here
        ids = [p.id for p in self.perspectives]
        for i, pid in enumerate(ids):
            if ids.index(pid) != i:
                problems.append((("perspectives", i, "id"), f"het perspectief '{pid}' staat er twee keer in"))
        top = len(self.scale)
        if not (1 <= self.levels.low_below <= self.levels.high_from <= top):
            problems.append(
                (
                    ("levels",),
                    f"kies 1 <= low_below <= high_from <= {top} "
                    f"(nu {self.levels.low_below} en {self.levels.high_from})",
                )
            )
        if problems:
            _fail(problems)
        return self

    def blocks(self) -> list[ScaleBlock]:
        """Components first, then factors: the order of scoring and display."""
        return [*self.components, *self.factors]

    def items(self) -> list[Item]:
        """Every statement in order."""
        return [item for block in self.blocks() for item in block.items]


InstrumentName = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]{1,39}$")]


class BronsteinScanSpec(WidgetSpec):
    """A Bronstein self-scan in a page: which instrument it asks."""

    id: WidgetId = Field(description="Stable id of this scan; it keys the learner's saved scans.")
    instrument: InstrumentName | Instrument = Field(
        "bronstein", description="Name of a file in data/instruments/ (the build fills in its content)."
    )

    def static_outline(self) -> list[dict]:
        """How the scan reads without JavaScript (search, print): every part with its statements."""
        if not isinstance(self.instrument, Instrument):
            return [{"p": f"Zelfscan met de stellingen uit data/instruments/{self.instrument}.yaml."}]
        instrument = self.instrument
        scale = "; ".join(f"{p.value} = {p.label}" for p in instrument.scale)
        outline: list[dict] = [
            {"strong": instrument.title},
            {"p": instrument.about},
            {"p": f"Antwoorden: {scale}; of '{instrument.unknown_label}' (telt niet mee)."},
        ]
        for block in instrument.blocks():
            kind = "Component" if isinstance(block, Component) else "Beïnvloedende factor"
            outline.append({"strong": f"{kind}: {block.name}"})
            outline.append(
                {"ul": [item.text + (" (omgekeerd gescoord)" if item.reverse else "") for item in block.items]}
            )
        return outline


class SavedScan(StrictModel):
    """One completed scan, kept so the learner can compare moments."""

    label: str = Field(min_length=1, max_length=60, description="The learner's name for the moment, e.g. 'week 1'.")
    date: JsonDate = Field(description="Day of the scan (ISO 8601, YYYY-MM-DD).")
    perspective: str = Field(pattern=r"^[a-z][a-z0-9-]{1,39}$", description="Id of the chosen perspective.")
    context: str = Field("", max_length=200, description="Which collaboration the learner had in mind.")
    version: str = Field("1.0", max_length=20, description="Instrument version the answers belong to.")
    answers: dict[ItemId, Answer] = Field(
        max_length=200,
        description="Item id -> answer (a scale point, or 0 for 'weet ik niet').",
        json_schema_extra=ONLY_ITEM_KEYS,
    )


@widget_state("bronstein-scan")
class BronsteinScanState(StrictModel):
    """A learner's work on a Bronstein scan: the scan in progress and the completed scans."""

    perspective: str = Field(
        "", pattern=r"^([a-z][a-z0-9-]{1,39})?$", description="Perspective of the scan in progress ('' = not started)."
    )
    context: str = Field("", max_length=200, description="Collaboration the scan in progress is about.")
    mode: Literal["vraag", "component"] = Field("vraag", description="One question or one component at a time.")
    position: JsonInt = Field(0, ge=0, le=200, description="Where the learner is in the scan in progress.")
    answers: dict[ItemId, Answer] = Field(
        default_factory=dict,
        max_length=200,
        description="Answers of the scan in progress (0 = 'weet ik niet').",
        json_schema_extra=ONLY_ITEM_KEYS,
    )
    scans: list[SavedScan] = Field(default_factory=list, max_length=60, description="Completed scans, oldest first.")


def _round2(value: float) -> float:
    """Round half up to two decimals, as the browser's Math.round(x * 100) / 100 does."""
    return math.floor(value * 100 + 0.5) / 100


def _as_config(instrument: Instrument | dict[str, Any]) -> dict[str, Any]:
    return instrument.model_dump(mode="json") if isinstance(instrument, Instrument) else instrument


def level(instrument: Instrument | dict[str, Any] | Scoring, value: float | None) -> str | None:
    """'laag', 'midden' or 'hoog' for a score (None without a score)."""
    if value is None:
        return None
    if isinstance(instrument, Scoring):
        low_below, high_from = instrument.low_below, instrument.high_from
    else:
        levels = _as_config(instrument)["levels"]
        low_below, high_from = levels["low_below"], levels["high_from"]
    if value < low_below:
        return "laag"
    return "hoog" if value >= high_from else "midden"


@dataclass(frozen=True)
class Scoring:
    """An instrument prepared for scoring many answer sets (see `scoring`): what `score` needs, looked up once."""

    low: int
    high: int
    low_below: float
    high_from: float
    blocks: tuple[tuple[str, str, str, str, tuple[tuple[str, bool], ...], int], ...]
    """Per component, then per factor: kind, id, name, short, items (id, reverse-keyed) and answers needed."""


def scoring(instrument: Instrument | dict[str, Any]) -> Scoring:
    """Prepare an instrument for `score` (worth it when scoring many scans with the same instrument)."""
    config = _as_config(instrument)
    values = [point["value"] for point in config["scale"]]
    blocks = tuple(
        (
            kind,
            block["id"],
            block["name"],
            block["short"],
            tuple((item["id"], bool(item["reverse"])) for item in block["items"]),
            max(1, math.ceil(config["min_share"] * len(block["items"]))),
        )
        for kind, key in (("component", "components"), ("factor", "factors"))
        for block in config[key]
    )
    levels = config["levels"]
    return Scoring(min(values), max(values), levels["low_below"], levels["high_from"], blocks)


def _whole_number(raw: object) -> TypeGuard[int | float]:
    """Whether an answer is a whole number, as JS's Number.isInteger sees it (a bool is not a number)."""
    if type(raw) is int:
        return True
    return isinstance(raw, int | float) and not isinstance(raw, bool) and float(raw).is_integer()


def score(instrument: Instrument | dict[str, Any] | Scoring, answers: dict[str, int]) -> dict[str, Any]:
    """Score answers on every component and factor. Mirrors `score` in bronstein_scan.js exactly.

    Per scale: `mean` (reverse-keyed items turned round, 'weet ik niet' and unanswered left out), `score` (mean
    rounded to two decimals), `n` (counted answers), `unknown`, `missing`, `items`, `enough` and `level`. A scale
    with fewer than `min_share` of its items counted has `mean` and `score` None: "niet genoeg antwoorden".
    `instrument` may be prepared with `scoring` once for many calls.
    """
    plan = instrument if isinstance(instrument, Scoring) else scoring(instrument)
    low, high = plan.low, plan.high
    scales = []
    totals = {"answered": 0, "unknown": 0, "total": 0}
    for kind, block_id, name, short, items, needed in plan.blocks:
        counted: list[int] = []
        unknown = missing = 0
        for item_id, reverse in items:
            raw = answers.get(item_id)
            if not _whole_number(raw):  # JS: undefined, null or not Number.isInteger
                missing += 1
            elif raw == UNKNOWN:
                unknown += 1
            elif low <= raw <= high:
                counted.append(int(low + high - raw if reverse else raw))
            else:
                missing += 1
        total = 0
        for value in counted:
            total += value
        enough = len(counted) >= needed
        mean = total / len(counted) if enough else None
        rounded = _round2(mean) if mean is not None else None
        scales.append(
            {
                "id": block_id,
                "kind": kind,
                "name": name,
                "short": short,
                "mean": mean,
                "score": rounded,
                "n": len(counted),
                "unknown": unknown,
                "missing": missing,
                "items": len(items),
                "needed": needed,
                "enough": enough,
                "level": level(plan, rounded),
            }
        )
        totals["answered"] += len(counted)
        totals["unknown"] += unknown
        totals["total"] += len(items)
    return {"scales": scales, **totals}


def compare(
    instrument: Instrument | dict[str, Any], first: dict[str, int], second: dict[str, int]
) -> list[dict[str, Any]]:
    """Change per scale from the first to the second set of answers (None where either has no score)."""
    a, b = score(instrument, first)["scales"], score(instrument, second)["scales"]
    out = []
    for x, y in zip(a, b, strict=True):
        change = _round2(y["score"] - x["score"]) if x["score"] is not None and y["score"] is not None else None
        out.append(
            {
                "id": x["id"],
                "kind": x["kind"],
                "name": x["name"],
                "first": x["score"],
                "second": y["score"],
                "change": change,
            }
        )
    return out


def load_instrument(name: str, data_dir: Path) -> Instrument:
    """Load data/instruments/<name>.yaml, check it, and fill in the teachers' means from the reference CSV.

    Raises DataError (file, line, field, reason) for every problem.
    """
    import pandas as pd

    from ...loading import DataError, load_yaml_file, yaml_lines

    path = data_dir / "instruments" / f"{name}.yaml"
    source = f"data/instruments/{name}.yaml"
    if not path.is_file():
        raise DataError(source, [(None, "", "dit instrument bestaat niet; maak het bestand aan of kies een ander")])
    instrument = load_yaml_file(Instrument, path, data_dir.parent)
    if instrument.id != name:
        raise DataError(
            source, [(None, "id", f"het id '{instrument.id}' moet gelijk zijn aan de bestandsnaam '{name}'")]
        )
    if instrument.reference is None:
        return instrument
    lines = yaml_lines(path.read_text(encoding="utf-8"))
    csv_path = data_dir / instrument.reference.csv
    if not csv_path.is_file():
        raise DataError(
            source,
            [(lines.get(("reference", "csv")), "reference.csv", f"data/{instrument.reference.csv} bestaat niet")],
        )
    frame = pd.read_csv(csv_path)
    missing_columns = {"onderdeel", "jaar", "gemiddelde"} - set(frame.columns)
    if missing_columns:
        raise DataError(
            f"data/{instrument.reference.csv}",
            [(1, "kolommen", f"kolom(men) {', '.join(sorted(missing_columns))} ontbreken")],
        )
    problems = []
    for i, component in enumerate(instrument.components):
        if component.isjo is None:
            continue
        rows = frame[frame["onderdeel"] == component.isjo.scale]
        if rows.empty:
            known = ", ".join(sorted(frame["onderdeel"].unique()))
            problems.append(
                (
                    lines.get(("components", i, "isjo", "scale")),
                    f"components.{i}.isjo.scale",
                    f"'{component.isjo.scale}' staat niet in data/{instrument.reference.csv}; kies uit {known}",
                )
            )
            continue
        component.isjo.means = {str(row.jaar): float(row.gemiddelde) for row in rows.itertuples()}
    if problems:
        raise DataError(source, problems)
    return instrument


def instrument_file(name: str, data_dir: Path) -> Path:
    """Path of an instrument's YAML file."""
    return data_dir / "instruments" / f"{name}.yaml"
