"""A synthetic example cohort: invented learners' exported portfolios, made with a fixed seed.

    python -m jeugddomein.cohort.example                      # writes data/examples/cohort/ (24 learners)
    python -m jeugddomein.cohort.example --out /tmp/c --learners 100 --seed 7

Every learner, name, text and score is invented (names end in "(voorbeeld)"). The portfolios are built from the
course's own pydantic models, so every file is valid by construction, and they use the book's real placements,
cases, instrument, rubrics and competences, so the cohort tools show what they would show for a real class:
learners who work hard or less, groups of mixed professions, growth between two scans, rubric grades with a
knock-out, role-play paths chosen by the case engine. One learner exported twice (the older file must lose).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from ..models.portfolio import ENTRY_MODELS, PORTFOLIO_FORMAT, SCHEMA_VERSION, Portfolio
from ..widgets.bronstein_scan.model import load_instrument
from ..widgets.competence_tracker.model import CompetenceFramework
from ..widgets.role_play.model import CaseFile, case_files, load_case
from ..widgets.rubric.model import Rubric, RubricExport, load_framework, load_rubrics
from .book import Book, Placement, read_book
from .bronstein import synthetic_answers

SEED = 20260907
"""The seed of the committed example cohort."""

START = date(2026, 9, 7)
"""Monday of week 1 of the example cohort."""

FIRST_NAMES = [
    "Aylin", "Bram", "Chaima", "Daan", "Esra", "Finn", "Gijs", "Hanna", "Imane", "Jorn", "Kiki", "Lars",
    "Mila", "Noah", "Oumaima", "Pim", "Quinten", "Roos", "Sem", "Tess", "Umut", "Vera", "Wout", "Yara",
    "Zoë", "Anouk", "Bilal", "Céline", "Dewi", "Emre", "Fleur", "Guus",
]  # fmt: skip
SURNAME_INITIALS = "ABDEGHJKLMNPRSTVW"
PROFESSIONS = ["pabo", "social-work", "hbo-v"]

REFLECTION_SENTENCES = [
    "In mijn stage merkte ik dat ik eerst vooral vanuit mijn eigen vak keek en de school weinig vroeg.",
    "Ik wil de volgende keer eerder navragen wat de ander al weet voordat ik zelf een plan maak.",
    "Het hielp om samen met de jeugdverpleegkundige de vraag van de ouders opnieuw op te schrijven.",
    "Ik zie nu dat de leraar veel ziet wat in een dossier nooit terechtkomt.",
    "Onze groep sprak af wie wat doet, maar we vergaten te bespreken wanneer we het samen evalueren.",
    "Ik vond het lastig om te zwijgen en eerst te luisteren naar wat de jongere zelf wilde.",
    "Door de tekening zag ik hoeveel mensen langs elkaar heen werkten rond hetzelfde kind.",
    "Ik neem mee dat een klein, zichtbaar doel in de klas meer doet dan een groot plan op papier.",
]
NOTES = ["We kozen dit omdat de ouders er niet bij waren.", "Eerst samen kijken leek ons sterker.", ""]


def _name(number: int, rng: random.Random) -> str:
    first = FIRST_NAMES[number % len(FIRST_NAMES)]
    suffix = f" {number // len(FIRST_NAMES) + 1}" if number >= len(FIRST_NAMES) else ""
    return f"{first}{suffix} {rng.choice(SURNAME_INITIALS)}. (voorbeeld)"


def _slug(name: str) -> str:
    keep = "".join(ch if ch.isalnum() else "-" for ch in name.lower().replace("(voorbeeld)", ""))
    return "-".join(part for part in keep.split("-") if part)


def _stamp(day: date, rng: random.Random) -> str:
    moment = datetime(day.year, day.month, day.day, 9, 0, tzinfo=UTC) + timedelta(minutes=rng.randint(0, 600))
    return moment.isoformat()


def _week_day(week: int, rng: random.Random) -> date:
    return START + timedelta(weeks=week - 1, days=rng.randint(0, 4))


class Learner:
    """An invented learner with a diligence (how much they do) and a skill (how well)."""

    def __init__(self, number: int, rng: random.Random, group: str, profession: str):
        self.number = number
        self.name = _name(number, rng)
        self.group = group
        self.profession = profession
        self.diligence = rng.uniform(0.45, 0.98)
        self.skill = rng.uniform(0.35, 0.95)


# --- one widget state each ------------------------------------------------------------------------------------------


def _knowledge_check(p: Placement, who: Learner, rng: random.Random) -> dict[str, Any]:
    options = p.config.get("options", [])
    right = [i for i, o in enumerate(options) if o.get("correct")]
    wrong = [i for i in range(len(options)) if i not in right]
    correct = rng.random() < who.skill or not wrong
    selected = right if correct else [rng.choice(wrong)]
    if not p.config.get("multiple"):
        selected = selected[:1]
    return {"selected": sorted(selected), "checked": True, "correct": correct, "attempts": rng.randint(1, 3)}


def _reflection(who: Learner, rng: random.Random) -> dict[str, Any]:
    count = 1 if rng.random() > who.diligence else rng.randint(2, 4)
    return {"text": " ".join(rng.sample(REFLECTION_SENTENCES, count))}


WORKSHEET_ANSWERS = (
    "Samen met de ouder en de mentor besproken.",
    "Nog niet gevraagd; dat doe ik in het gesprek van volgende week.",
    "Met de jeugdverpleegkundige op een rij gezet.",
    "De leerling wil zelf vertellen wat hem helpt.",
    "Kleine stap: elke ochtend even kort inchecken bij de deur.",
    "Weet ik nog niet; navragen bij de intern begeleider.",
)
"""Invented answers for worksheet fields and checklist notes."""


def worksheet_entry(p: Placement, number: int, seed: int = SEED) -> dict[str, Any] | None:
    """Learner `number`'s work on a worksheet, or None when they left it alone: the required fields and, the more
    careful the learner, more of the others. Drawn from a generator of its own (seed, learner, placement), so adding a
    worksheet to the book changes nothing else in the example cohort."""
    rng = random.Random(f"{seed}:{number}:{p.id}")
    care = rng.uniform(0.45, 0.98)
    if rng.random() > care:
        return None
    texts: list[dict[str, Any]] = []
    choices: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for section in p.config.get("sections", []):
        for field in section["fields"]:
            if not field["required"] and rng.random() > care * 0.7:
                continue
            if field["kind"] in ("kort", "lang"):
                texts.append({"id": field["id"], "text": rng.choice(WORKSHEET_ANSWERS)})
            elif field["kind"] == "ja-nee-nvt":
                choices.append({"id": field["id"], "value": rng.choice(["ja", "ja", "nee", "nvt"])})
            else:
                for item in field["items"]:
                    if field["required"] or rng.random() < care:
                        note = rng.choice(WORKSHEET_ANSWERS) if rng.random() < 0.3 else ""
                        items.append({"id": item["id"], "checked": True, "note": note})
    if texts and rng.random() > care:
        texts.pop()  # not quite finished
    return {
        "id": p.id,
        "widget": p.widget,
        "page": p.page,
        "updated": _stamp(_week_day(rng.randint(3, 10), rng), rng),
        "state": {"texts": texts, "choices": choices, "items": items},
    }


def _scan(instrument: dict[str, Any], who: Learner, rng: random.Random) -> dict[str, Any]:
    top = len(instrument["scale"])
    blocks = [*instrument["components"], *instrument["factors"]]
    tendency = {b["id"]: rng.uniform(2.0, 4.2) for b in blocks}
    scans = []
    moments = [("week 3", 3, 0.0), ("week 9", 9, 0.25 + 0.5 * who.skill)]
    if rng.random() > who.diligence:
        moments = moments[:1]
    for label, week, growth in moments:
        answers = synthetic_answers(blocks, tendency, growth, top, rng, unknown=0.07, spread=0.6)
        scans.append(
            {
                "label": label,
                "date": _week_day(week, rng).isoformat(),
                "perspective": "stage",
                "context": "mijn stageplek",
                "version": instrument["version"],
                "answers": answers,
            }
        )
    return {"perspective": "", "context": "", "mode": "vraag", "position": 0, "answers": {}, "scans": scans}


def _play(
    case: CaseFile, role: str | None, rng: random.Random, taste: dict[tuple[str, str], float]
) -> tuple[str, list]:
    """Play a case to an ending with the engine; choices weighted by a cohort-wide taste (so some are popular)."""
    flags: set[str] = set()
    node = case.follow_routes(case.start, flags)
    path: list[dict[str, str]] = []
    for _ in range(60):
        if case.ending(node) is not None:
            return node, path
        choices = case.available_choices(node, role, flags)
        if not choices:
            break
        weights = [taste[(node, c.id)] for c in choices]
        choice = rng.choices(choices, weights=weights)[0]
        path.append({"scene": node, "choice": choice.id, "note": rng.choice(NOTES) if role is None else ""})
        flags.update(choice.sets)
        node = case.follow_routes(choice.next, flags)
    return "", path


def _role_play(case: CaseFile, who: Learner, rng: random.Random, taste: dict, finished_on: date) -> dict[str, Any]:
    klas = rng.random() < 0.4
    playable = [r.id for r in case.roles if r.playable]
    role = None if klas else rng.choice(playable)
    runs = []
    for _ in range(1 if rng.random() < 0.8 else 2):
        ending, path = _play(case, role, rng, taste)
        if not ending:
            continue
        reflections = [rng.choice(REFLECTION_SENTENCES) for _ in case.reflection]
        runs.append(
            {
                "mode": "klas" if klas else "solo",
                "role": role or "",
                "group": who.group if klas else "",
                "ending": ending,
                "path": path,
                "reflections": reflections,
                "finished": _stamp(finished_on, rng),
            }
        )
    return {"mode": "", "role": "", "group": "", "path": [], "reflections": [], "runs": runs}


def _picture(p: Placement, who: Learner, rng: random.Random) -> dict[str, Any]:
    starts = p.config.get("starts") or [{"title": "Rich picture", "elements": [], "relations": []}]
    scene = {"title": starts[0]["title"], "elements": [dict(e) for e in starts[0].get("elements", [])]}
    relations = [dict(r) for r in starts[0].get("relations", [])]
    actors = [e["id"] for e in scene["elements"] if e["kind"] == "actor"]
    extra = ["intern-begeleider", "jeugdarts", "wijkteam", "klasgenoten", "grootouder"]
    for i in range(rng.randint(0, 4) if rng.random() < who.diligence else 0):
        element_id = f"extra{i}"
        scene["elements"].append(
            {"id": element_id, "kind": "actor", "pictogram": extra[i], "label": "", "x": 100 + 120 * i, "y": 620}
        )
        if not actors:  # the first actor on an empty canvas has no one to connect to yet
            actors.append(element_id)
            continue
        relations.append(
            {
                "id": f"rel{i}",
                "source": element_id,
                "target": rng.choice(actors),
                "label": "overleg",
                "direction": rng.choice(["forward", "both", "none"]),
                "style": rng.choice(["strong", "weak", "strained"]),
                "conflict": rng.random() < 0.2,
            }
        )
        actors.append(element_id)
    if actors and rng.random() < 0.6:
        scene["elements"].append(
            {
                "id": "zorg1",
                "kind": "bubble",
                "variant": "worry",
                "label": "Wie let op het geheel?",
                "actor": actors[0],
                "dx": 40,
                "dy": -60,
            }
        )
    scene["relations"] = relations
    return {"pictures": [{"id": "p1", "scene": scene}], "active": "p1", "snap": False}


def _competences(framework: CompetenceFramework, who: Learner, rng: random.Random, weeks: int) -> dict[str, Any]:
    moments = [("start", 1), ("midden", 5), ("eind", 10)]
    assessments = []
    base = {c.id: rng.choice([1, 1, 2]) for c in framework.competences}
    top = len(framework.scale())
    for step, (moment, week) in enumerate(moments):
        if week > weeks or (step and rng.random() > who.diligence):
            break
        for competence in framework.competences:
            growth = sum(rng.random() < who.skill for _ in range(step))
            assessments.append(
                {
                    "competence": competence.id,
                    "moment": moment,
                    "level": min(top, base[competence.id] + growth),
                    "motivation": rng.choice(REFLECTION_SENTENCES),
                    "evidence": [{"kind": "notitie", "ref": "", "label": "Logboek van de praktijkcasus", "url": ""}]
                    if step
                    else [],
                    "day": _week_day(week, rng).isoformat(),
                }
            )
    return {"profession": who.profession, "assessments": assessments}


def _scoring(rubric: Rubric, quality: float, rng: random.Random, knockout: bool = False) -> dict[str, Any]:
    levels = [level.id for level in rubric.levels]
    scores = {}
    for criterion in rubric.criteria:
        index = min(len(levels) - 1, max(0, round(rng.gauss(quality * (len(levels) - 1), 0.7))))
        if criterion.knockout:
            standard = levels.index(criterion.standard or levels[0])
            index = max(index, standard)
            if knockout:
                index = standard - 1
                knockout = False
        scores[criterion.id] = levels[index]
    return {"scores": scores, "feedback": {}, "general": ""}


def _rubric(rubric: Rubric, who: Learner, rng: random.Random, lecturer: dict | None, self_done: bool) -> dict[str, Any]:
    zelf = (
        _scoring(rubric, min(1.0, who.skill + 0.1), rng) if self_done else {"scores": {}, "feedback": {}, "general": ""}
    )
    state = {
        "mode": "zelf",
        "student": "",
        "assessor": "",
        "zelf": zelf,
        "docent": {"scores": {}, "feedback": {}, "general": ""},
    }
    if lecturer is not None:
        state.update(
            mode="docent", student=lecturer["student"], assessor="Docent (voorbeeld)", docent=lecturer["scoring"]
        )
    return state


# --- the cohort -----------------------------------------------------------------------------------------------------


def make_cohort(
    folder: str | Path,
    learners: int = 24,
    seed: int = SEED,
    book: Book | None = None,
    duplicate: bool = True,
    groups_csv: Path | None = None,
) -> list[Path]:
    """Write `learners` invented portfolios to `folder` (and, when asked, the group list as CSV); return the files.

    Groups of four have at least one learner of each profession. In each group one learner carries the lecturer's
    scoring of the group products; individual products are scored in every learner's own portfolio (a few are
    missing, one fails a knock-out criterion). With `duplicate`, the first learner also has an older export.
    """
    book = book or read_book()
    if book.root is None:
        raise FileNotFoundError("De cursusmap (met _toc.yml en data/) is niet gevonden.")
    data = book.root / "data"
    rng = random.Random(seed)
    instrument = load_instrument("bronstein", data).model_dump(mode="json")
    framework = load_framework(data)
    rubrics = load_rubrics(data, framework)
    cases = {path.stem: load_case(path) for path in case_files(book.root)}
    taste = {
        (scene.id, choice.id): rng.choice([0.3, 1.0, 1.0, 2.5, 4.0])
        for case in cases.values()
        for scene in case.scenes
        for choice in scene.choices
    }
    placements = list(book.placements().values())
    case_of, rubric_of = book.case_of(), book.rubric_of()

    people: list[Learner] = []
    for number in range(learners):
        group = f"Groep {chr(ord('A') + number // 4)}" if number // 4 < 26 else f"Groep {number // 4 + 1}"
        profession = PROFESSIONS[number % 4] if number % 4 < 3 else rng.choice(PROFESSIONS)
        people.append(Learner(number, rng, group, profession))
    group_scores: dict[tuple[str, str], dict] = {}
    for who in people:
        for rubric in rubrics.values():
            if rubric.kind == "groep" and (who.group, rubric.id) not in group_scores:
                group_scores[(who.group, rubric.id)] = {
                    "carrier": who.number,
                    "scoring": _scoring(rubric, rng.uniform(0.4, 0.9), rng),
                }

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("portfolio-*.json"):
        old.unlink()
    written = []
    for who in people:
        weeks = 10 if rng.random() < who.diligence + 0.2 else rng.randint(6, 9)
        entries = []
        for p in placements:
            if p.widget not in ENTRY_MODELS:
                continue
            if p.widget == "worksheet":
                made = worksheet_entry(p, who.number, seed)
                if made is not None:
                    entries.append(made)
                continue
            lecturer = None
            if p.widget == "rubric":
                rubric = rubrics[rubric_of[p.id]]
                if rubric.kind == "groep":
                    shared = group_scores[(who.group, rubric.id)]
                    if shared["carrier"] == who.number:
                        lecturer = {"student": who.group, "scoring": shared["scoring"]}
                elif rng.random() < 0.92:
                    knockout = who.number == 5 and rubric.id == "bijdrage"
                    lecturer = {"student": who.name, "scoring": _scoring(rubric, who.skill, rng, knockout)}
                self_done = rng.random() < who.diligence
                if lecturer is None and not self_done:
                    continue
                state = _rubric(rubric, who, rng, lecturer, self_done)
                day = _week_day(10, rng)
            elif rng.random() > who.diligence:
                continue
            elif p.widget == "knowledge-check":
                state, day = _knowledge_check(p, who, rng), _week_day(rng.randint(1, weeks), rng)
            elif p.widget == "reflection":
                state, day = _reflection(who, rng), _week_day(rng.randint(1, weeks), rng)
            elif p.widget == "bronstein-scan":
                state, day = _scan(instrument, who, rng), _week_day(9, rng)
            elif p.widget == "role-play" and not case_of[p.id]:
                continue  # students open a lecturer's case file here; the synthetic cohort plays the book's cases
            elif p.widget == "role-play":
                day = _week_day(rng.choice([4, 6, 8]), rng)
                state = _role_play(cases[case_of[p.id]], who, rng, taste, day)
            elif p.widget == "rich-picture":
                state, day = _picture(p, who, rng), _week_day(2, rng)
            elif p.widget == "competence-tracker":
                state, day = _competences(framework, who, rng, weeks), _week_day(weeks, rng)
            else:
                continue
            entries.append(
                {"id": p.id, "widget": p.widget, "page": p.page, "updated": _stamp(day, rng), "state": state}
            )
        exported = datetime(2026, 11, 13, 16, 0, tzinfo=UTC) + timedelta(minutes=17 * who.number)
        portfolio = Portfolio.model_validate(
            {
                "format": PORTFOLIO_FORMAT,
                "schema_version": SCHEMA_VERSION,
                "course": book.course,
                "course_version": book.version or "1.0",
                "exported_at": exported.isoformat(),
                "learner": who.name,
                "entries": entries,
            }
        )
        path = folder / f"portfolio-{_slug(who.name)}.json"
        path.write_text(portfolio.model_dump_json(indent=1) + "\n", encoding="utf-8")
        written.append(path)
        if duplicate and who.number == 0:
            older = portfolio.model_copy(
                update={"exported_at": exported - timedelta(days=20), "entries": portfolio.entries[: len(entries) // 2]}
            )
            path = folder / f"portfolio-{_slug(who.name)}-eerder.json"
            path.write_text(older.model_dump_json(indent=1) + "\n", encoding="utf-8")
            written.append(path)
    if groups_csv is not None:
        with Path(groups_csv).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["deelnemer", "groep", "beroep"])
            for who in people:
                writer.writerow([who.name, who.group, who.profession])
            writer.writerow(["Zoë Q. (voorbeeld, geen export)", "Groep A", "hbo-v"])
    return sorted(written)


def make_lecturer_exports(portfolios: str | Path, folder: str | Path, book: Book | None = None) -> list[Path]:
    """Write the lecturer's own rubric exports for the example cohort in `portfolios` to `folder`; return the files.

    One export per complete lecturer scoring in the newest portfolio of each learner, as the rubric's export button
    writes it (group products under the group's name). In one of them the lecturer scored a criterion a level lower
    than the portfolio now says, so that the cohort tools have a difference to report.
    """
    from ..widgets.rubric.grading import grade_dict
    from .listing import list_folder

    book = book or read_book()
    if book.root is None:
        raise FileNotFoundError("De cursusmap (met _toc.yml en data/) is niet gevonden.")
    data = book.root / "data"
    rubrics = load_rubrics(data, load_framework(data))
    rubric_of = book.rubric_of()
    newest: dict[str, Portfolio] = {}
    for listed in list_folder(Path(portfolios)):
        if listed.path is None:
            continue
        portfolio = Portfolio.model_validate_json(listed.path.read_bytes())
        if portfolio.learner not in newest or portfolio.exported_at > newest[portfolio.learner].exported_at:
            newest[portfolio.learner] = portfolio
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("rubric-*.json"):
        old.unlink()
    written: list[Path] = []
    changed = False
    for learner in sorted(newest):
        for entry in newest[learner].entries:
            if entry.widget != "rubric" or len(entry.state.docent.scores) == 0:
                continue
            rubric = rubrics[rubric_of.get(entry.id, entry.id.removeprefix("rubric-"))]
            scores = dict(entry.state.docent.scores)
            if len(scores) < len(rubric.criteria):
                continue
            levels = [level.id for level in rubric.levels]
            first = rubric.criteria[0].id
            if not changed and rubric.kind == "individueel" and levels.index(scores[first]) > 0:
                scores[first] = levels[levels.index(scores[first]) - 1]
                changed = True
            record = RubricExport(
                format="jeugddomein-rubric",
                rubric=rubric.id,
                title=rubric.title,
                mode="docent",
                student=entry.state.student or learner,
                assessor=entry.state.assessor,
                exported_at=entry.updated,
                scores=scores,
                feedback=dict(entry.state.docent.feedback),
                general=entry.state.docent.general,
                result=grade_dict(rubric.model_dump(mode="json"), scores),
            )
            path = folder / f"rubric-{rubric.id}-docent-{_slug(record.student)}.json"
            path.write_text(json.dumps(record.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n", "utf-8")
            written.append(path)
    return sorted(set(written))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m jeugddomein.cohort.example",
        description="Maak een verzonnen voorbeeldcohort (portfoliobestanden, een groepenlijst en de eigen "
        "rubricexports van de docent) met een vaste seed.",
    )
    book = read_book()
    default = (book.root / "data" / "examples" / "cohort") if book.root else Path("voorbeeldcohort")
    parser.add_argument("--out", type=Path, default=default, help="map voor de portfolio's (standaard: %(default)s)")
    parser.add_argument("--learners", type=int, default=24, help="aantal studenten (standaard: %(default)s)")
    parser.add_argument("--seed", type=int, default=SEED, help="seed van de toevalsgenerator (standaard: %(default)s)")
    args = parser.parse_args(argv)
    portfolios = args.out / "portfolios"
    files = make_cohort(portfolios, args.learners, args.seed, book, groups_csv=args.out / "groepen.csv")
    print(f"{len(files)} portfoliobestanden in {portfolios} en de groepenlijst {args.out / 'groepen.csv'}")
    exports = make_lecturer_exports(portfolios, args.out / "beoordelingen", book)
    print(f"{len(exports)} eigen rubricexports van de docent in {args.out / 'beoordelingen'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
