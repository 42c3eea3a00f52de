"""The competence framework, rubrics and studiewijzer as data, and the tracker and rubric widgets in Python.

Broken files are in test_invalid_data.py."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from jeugddomein.widgets import WIDGET_CLASSES
from jeugddomein.widgets.competence_tracker.catalogue import LECTURER_PART, course_catalogue
from jeugddomein.widgets.competence_tracker.model import CompetenceTrackerState
from jeugddomein.widgets.rubric.grading import MissingScores
from jeugddomein.widgets.rubric.model import (
    check_pages,
    load_framework,
    load_rubrics,
    load_studiewijzer,
    unmapped,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
IDS = ["systemisch", "vraaggericht", "contextgericht", "interdisciplinair", "transparant", "vakmanschap", "ondernemend"]


def test_the_seven_competences_keep_their_ids_and_have_four_levels():
    framework = load_framework(DATA)
    assert framework.ids() == IDS
    for competence in framework.competences:
        assert [lv.id for lv in competence.levels] == ["beginnend", "ontwikkelend", "bekwaam", "excellent"]
        assert competence.learning_outcomes and competence.knowledge and competence.skills and competence.attitude
    assert [c.id for c in framework.competences if c.t_shape == "verticaal"] == ["vakmanschap"]
    assert {p.id for p in framework.professions} == {"pabo", "social-work", "hbo-v"}


def test_learning_goals_of_every_chapter_use_known_competences_and_match_the_mapping():
    framework = load_framework(DATA)
    mapped = {item.page: set(item.competences) for item in framework.mapping.chapters}
    for page in sorted(ROOT.glob("chapters/0*/index.md")):
        found = re.search(r":competences:\s*(.+)", page.read_text(encoding="utf-8"))
        assert found, page
        goals = {c.strip() for c in found.group(1).split(",")}
        assert goals <= set(IDS), page
        docname = str(page.relative_to(ROOT).with_suffix(""))
        assert goals <= mapped[docname], f"{docname}: leerdoelen {goals - mapped[docname]} ontbreken in de mapping"


def _book_pages() -> set[str]:
    pages = {str(p.relative_to(ROOT).with_suffix("")) for p in ROOT.glob("chapters/*/index.md")}
    pages |= {str(p.relative_to(ROOT).with_suffix("")) for p in ROOT.glob("exercises/*.md")}
    pages |= {str(p.relative_to(ROOT).with_suffix("")) for p in ROOT.glob("exercises/*.ipynb")}
    pages |= {str(p.relative_to(ROOT).with_suffix("")) for p in ROOT.glob("exercises/casussen/*.md")}
    return pages


def test_every_chapter_exercise_and_case_is_mapped_to_competences():
    framework = load_framework(DATA)
    assert unmapped(framework, _book_pages(), DATA) == []
    assert check_pages(framework, load_studiewijzer(DATA), _book_pages(), DATA) == []


def test_a_mapped_page_or_case_that_does_not_exist_is_reported(tmp_path):
    framework = load_framework(DATA)
    framework.mapping.cases[0].case = "bestaat-niet"
    problems = [
        line
        for p in check_pages(framework, None, _book_pages() - {"exercises/rich-picture"}, DATA)
        for line in p.lines()
    ]
    assert any(
        re.match(
            r"data/competences\.yaml:\d+: mapping\.exercises\.\d+\.page: de pagina 'exercises/rich-picture' staat niet",
            line,
        )
        for line in problems
    ), problems
    assert any("mapping.cases.0.case: er is geen casus 'bestaat-niet'" in line for line in problems), problems


def test_rubrics_weights_add_up_and_knockouts_have_a_standard():
    rubrics = load_rubrics(DATA)
    assert set(rubrics) == {"eindproduct", "presentatie", "bijdrage", "portfolio"}
    for rubric in rubrics.values():
        assert sum(c.weight for c in rubric.criteria) == 100
        assert all(c.standard for c in rubric.criteria if c.knockout)
    assert any(c.knockout for c in rubrics["eindproduct"].criteria)


def test_studiewijzer_hours_add_up_to_420_and_deadlines_follow_the_start_date():
    plan = load_studiewijzer(DATA)
    assert plan.total_hours() == 420 == plan.ec * plan.hours_per_ec
    assert sum(p.weight for p in plan.products) == 100
    product = next(p for p in plan.products if p.id == "eindproduct")
    assert product.due.on(plan.start).isoformat() == "2026-11-06"  # Friday of week 9 after Monday 7 September
    assert product.due.on(None) is None


# --- the Python classes -----------------------------------------------------------------------------------------------


def tracker():
    return WIDGET_CLASSES["competence-tracker"].from_yaml("id: test-volger\nweekly: true\n")


def test_tracker_offers_weekly_moments_between_start_middle_and_end():
    moments = [m["id"] for m in tracker().moments]
    assert moments[0] == "start" and moments[-1] == "eind"
    assert moments.index("week-5") < moments.index("midden") < moments.index("week-6")
    assert len(moments) == 13


def test_tracker_records_progress_t_shape_and_suggestions():
    widget = tracker()
    widget.choose_profession("hbo-v")
    evidence = [{"kind": "notitie", "label": "Verslag gesprek met jeugdarts", "url": "https://example.org/verslag"}]
    widget.assess("vakmanschap", "start", 2, "Ik ken mijn beroepsprofiel.", evidence)
    widget.assess("interdisciplinair", "start", 1, "Ik werk nog vooral naast anderen.")
    widget.assess("systemisch", "start", 1, "Ik kijk nog vooral naar het kind.")
    widget.assess("vakmanschap", "eind", 3, "Ik hield mijn blik overeind in de groep.")
    widget.assess("interdisciplinair", "eind", 3, "We bouwden samen een aanpak.")
    widget.assess("systemisch", "eind", 2, "Ik zie patronen.")
    widget.assess("systemisch", "eind", 3, "Bijgewerkt: ik zie patronen en wederzijdse invloeden.")
    frame = widget.to_frame()
    assert len(frame) == 6 and frame.iloc[-1]["moment"] == "eind"
    progress = widget.progress()
    assert progress.loc["Vanuit een systeemvisie werken", "Eind van de minor"] == 3
    t_shape = widget.t_shape()
    # start: depth = mean(vakmanschap 2, systemisch 1) = 1.5; breadth = mean(interdisciplinair 1, systemisch 1) = 1
    assert t_shape.to_dict("records") == [
        {"moment": "Start van de minor", "depth": 1.5, "breadth": 1.0},
        {"moment": "Eind van de minor", "depth": 3.0, "breadth": 3.0},
    ]
    suggestions = widget.suggestions()
    assert list(suggestions) == ["vraaggericht", "contextgericht"]  # not assessed: weakest, in framework order
    assert "Samenwerken met ouders en jeugdigen" in suggestions["vraaggericht"], "page titles, not paths"
    state = CompetenceTrackerState.model_validate(widget.state())
    assert state.profession == "hbo-v" and state.assessments[0].evidence[0].url == "https://example.org/verslag"


def test_tracker_refuses_unknown_competence_moment_or_level():
    widget = tracker()
    with pytest.raises(ValueError, match="Onbekende competentie"):
        widget.assess("teamwerk", "start", 2)
    with pytest.raises(ValueError, match="Onbekend moment"):
        widget.assess("systemisch", "volgend-jaar", 2)
    with pytest.raises(ValueError, match="niveau van 1 tot en met 4"):
        widget.assess("systemisch", "start", 5)
    with pytest.raises(ValueError, match="Kies een beroep"):
        widget.choose_profession("arts")


def test_rubric_widget_scores_grades_and_exports():
    widget = WIDGET_CLASSES["rubric"].from_yaml("id: test-rubric\nrubric: presentatie\n")
    assert widget.definition["id"] == "presentatie" and widget.competence_names["transparant"] == "Transparant werken"
    widget.score("boodschap", "goed", "Sterke opening.", mode="docent")
    with pytest.raises(MissingScores, match="'Afgestemd op een gemengd publiek'"):
        widget.grade("docent")
    for criterion, level in (("publiek", "voldoende"), ("samenspel", "voldoende"), ("gesprek", "onvoldoende")):
        widget.score(criterion, level, mode="docent")
    widget.student = "Groep 3"
    assert widget.grade("docent").grade == 6.1
    exported = widget.export("docent")
    assert exported["result"] == {"ok": True, "grade": 6.1, "weighted": 6.1, "passed": True, "knockouts": []}
    assert exported["feedback"] == {"boodschap": "Sterke opening."} and exported["student"] == "Groep 3"
    assert widget.to_frame("docent")["niveau"].tolist() == ["Goed", "Voldoende", "Voldoende", "Onvoldoende"]
    with pytest.raises(ValueError, match="Onbekend niveau"):
        widget.score("boodschap", "perfect")


def test_tracker_in_jupyter_shows_page_titles_and_the_course_work_to_pick_as_evidence():
    tracker = WIDGET_CLASSES["competence-tracker"].from_yaml("id: ct-jupyter\n")
    assert all(page["title"] != page["page"] for page in tracker.pages), "titles, not raw page paths"
    by_id = {item["id"]: item for item in tracker.evidence}
    picture = by_id["rich-picture-daan"]
    assert picture["label"] == "Rich picture" and picture["page"] == "exercises/rich-picture"
    assert picture["page_title"] == "Rich picture: het systeem rond een kind"
    assert {item["widget"] for item in tracker.evidence} >= {"reflection", "rich-picture", "role-play", "rubric"}
    assert not {item["widget"] for item in tracker.evidence} & {"knowledge-check", "competence-tracker"}


def _index_page(page: str, part: str, depth: int, widgets: list[dict] | None = None) -> dict:
    title = page.rsplit("/", 1)[-1].title()
    return {"page": page, "title": title, "url": "", "part": part, "depth": depth, "widgets": widgets or []}


def test_tracker_never_sends_a_student_to_a_lecturer_page_and_offers_no_lecturer_work():
    tracker = WIDGET_CLASSES["competence-tracker"].from_yaml("id: ct-jupyter\n")
    lecturer = {"chapters/docenten/index", "exercises/rolkaarten", "exercises/bronstein-team"}
    lecturer |= {"exercises/casussen-schrijven", "exercises/cohort-dashboard", "chapters/docenten/casus-editor"}
    assert not {p["page"] for p in tracker.pages} & lecturer
    assert not {item["page"] for item in tracker.evidence} & lecturer
    assert not any(tip for tips in tracker.suggestions(count=7).values() for tip in tips if "docent" in tip.lower())


def test_every_piece_of_evidence_has_a_readable_title_not_its_id():
    tracker = WIDGET_CLASSES["competence-tracker"].from_yaml("id: ct-jupyter\n")
    untitled = [item["id"] for item in tracker.evidence if item["title"] in (item["id"], "")]
    assert untitled == []
    by_id = {item["id"]: item for item in tracker.evidence}
    assert by_id["rollenspel-casusbestand"]["title"] == "casusbestand van je docent"


def test_an_exercise_page_counts_the_work_saved_on_the_pages_below_it():
    index = {
        "pages": [
            _index_page("chapters/casuistiek", "Deel III", 0, [{"id": "c-refl", "widget": "reflection", "config": {}}]),
            _index_page("exercises/rollenspel", "Deel III", 1),
            _index_page("exercises/casussen/a", "Deel III", 2, [{"id": "r-a", "widget": "role-play", "config": {}}]),
            _index_page("exercises/rich-picture", "Deel III", 1),
            _index_page("chapters/docenten/index", LECTURER_PART, 0),
            _index_page("exercises/rolkaarten", LECTURER_PART, 1),
        ]
    }
    catalogue = course_catalogue(index, {})
    pages = [
        {"page": "chapters/casuistiek", "title": "", "url": "", "kind": "hoofdstuk", "competences": ["systemisch"]},
        {"page": "exercises/rollenspel", "title": "", "url": "", "kind": "oefening", "competences": ["systemisch"]},
        {"page": "exercises/rolkaarten", "title": "", "url": "", "kind": "oefening", "competences": ["systemisch"]},
        {"page": "exercises/casussen/a", "title": "", "url": "", "kind": "casus", "competences": ["systemisch"]},
    ]
    work = {p["page"]: p["work"] for p in catalogue.student_pages(pages)}
    assert work == {
        "chapters/casuistiek": ["chapters/casuistiek"],  # a chapter counts only its own work
        "exercises/rollenspel": ["exercises/rollenspel", "exercises/casussen/a"],
        "exercises/casussen/a": ["exercises/casussen/a"],
    }
    assert catalogue.titles["exercises/rollenspel"] == "Rollenspel"
