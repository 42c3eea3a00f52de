"""The content parts are worth studying: length, learning goals, a visual, checks, reflections, a worked example."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT_PARTS = ("Deel I.", "Deel II.")


def content_chapters() -> list[Path]:
    """The chapters of the content parts (Deel I and Deel II), in the order of _toc.yml."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [
        ROOT / f"{entry['file']}.md"
        for part in toc["parts"]
        if part["caption"].startswith(CONTENT_PARTS)
        for entry in part["chapters"]
    ]


CHAPTERS = content_chapters()
PRACTISED_BY_EXERCISES = {
    "04-grensoverschrijding",
    "05-interprofessioneel",
    "06-ouders-jeugdigen",
    "07-samen-doen-in-de-klas",
}

FENCE = re.compile(r"^(```+)\{(?P<name>[a-z-]+)\}(?P<arg>[^\n]*)\n(?P<body>.*?)^\1\s*$", re.M | re.S)
WIDGET_BLOCKS = {"knowledge-check", "reflection", "chart"}


def blocks(text: str, name: str) -> list[re.Match[str]]:
    return [m for m in FENCE.finditer(text) if m["name"] == name]


def prose_words(text: str) -> int:
    """Words a student reads, without front matter, widget YAML, chart specs, labels or role markup."""
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    text = FENCE.sub(lambda m: "" if m["name"] in WIDGET_BLOCKS else m["body"], text)
    text = re.sub(r"^\([a-z0-9-]+\)=\s*$", "", text, flags=re.M)
    text = re.sub(r"^:[a-z-]+:.*$", "", text, flags=re.M)
    text = re.sub(r"\{cite:[a-z]+\}`[^`]*`", "", text)
    text = re.sub(r"\{(term|ref|doc)\}`([^`<]*)(?:<[^`]*>)?`", r"\2", text)
    return len(re.findall(r"[A-Za-zÀ-ÿ0-9]+(?:['’-][A-Za-zÀ-ÿ0-9]+)*", text))


@pytest.fixture(params=CHAPTERS, ids=lambda p: p.parent.name)
def chapter(request) -> tuple[str, str]:
    return request.param.parent.name, request.param.read_text(encoding="utf-8")


def test_the_eight_content_chapters_exist_in_toc_order():
    assert [p.parent.name for p in CHAPTERS] == [
        "01-jeugddomein",
        "02-systeemtheorie",
        "03-t-shaped",
        "wettelijk-kader",
        "04-grensoverschrijding",
        "05-interprofessioneel",
        "06-ouders-jeugdigen",
        "07-samen-doen-in-de-klas",
    ]
    missing = [str(p.relative_to(ROOT)) for p in CHAPTERS if not p.is_file()]
    assert not missing, missing


def test_at_least_3000_words_of_prose(chapter):
    name, text = chapter
    assert prose_words(text) >= 3000, f"{name}: {prose_words(text)} woorden"


def test_word_count_ignores_widget_yaml():
    text = "Een twee drie.\n\n```{reflection}\nid: x-refl\nprompt: vier vijf zes zeven\n```\n"
    assert prose_words(text) == 3


def test_learning_goals_linked_to_competences(chapter):
    name, text = chapter
    goals = blocks(text, "learning-goals")
    assert len(goals) == 1, f"{name}: één leerdoelenblok bovenaan"
    assert re.search(r"^:competences: \w", goals[0]["body"], re.M)
    assert text.index(goals[0].group(0)) < text.index("\n## "), f"{name}: leerdoelen staan niet bovenaan"


def test_a_visual_with_a_text_alternative(chapter):
    name, text = chapter
    alts = [re.search(r"^:alt: (.+)$", m["body"], re.M) for m in blocks(text, "figure")]
    described = [a for a in alts if a and len(a[1].split()) >= 8]
    charts = [m["arg"].strip() for m in blocks(text, "chart")]
    for chart_id in charts:
        spec = yaml.safe_load((ROOT / "data" / "charts" / f"{chart_id}.yaml").read_text(encoding="utf-8"))
        assert len(spec["description"].split()) >= 8, f"{chart_id}: tekstalternatief te kort"
    assert described or charts, f"{name}: geen figuur of grafiek met tekstalternatief"


def test_two_knowledge_checks_and_two_reflections(chapter):
    name, text = chapter
    assert len(blocks(text, "knowledge-check")) >= 2, name
    assert len(blocks(text, "reflection")) >= 2, name


def test_worked_example_and_summary(chapter):
    name, text = chapter
    assert re.search(r"^## Uitgewerkt voorbeeld", text, re.M), f"{name}: geen uitgewerkt voorbeeld"
    assert re.search(r"^## Samenvatting", text, re.M), f"{name}: geen samenvatting"


def test_key_terms_in_the_glossary_and_sources_cited(chapter):
    name, text = chapter
    terms = yaml.safe_load((ROOT / "data" / "glossary" / f"{name}.yaml").read_text(encoding="utf-8"))
    assert len(terms) >= 8, f"{name}: te weinig begrippen"
    assert len(re.findall(r"\{term\}`", text)) >= 8, f"{name}: te weinig links naar de begrippenlijst"
    assert len(re.findall(r"\{cite:[pt]\}`", text)) >= 10, f"{name}: te weinig bronverwijzingen"


@pytest.mark.parametrize("name", sorted(PRACTISED_BY_EXERCISES))
def test_part_two_links_to_its_exercises(name):
    text = (ROOT / "chapters" / name / "index.md").read_text(encoding="utf-8")
    assert re.search(r"\{doc\}`/exercises/(bronstein-scan|rollenspel|rich-picture)`", text), name


@pytest.mark.parametrize("svg", sorted((ROOT / "assets" / "figures").glob("*.svg")), ids=lambda p: p.name)
def test_figures_are_accessible_svg(svg):
    text = svg.read_text(encoding="utf-8")
    assert 'role="img"' in text and "<title" in text and "<desc" in text, svg.name
    assert not re.search(r"(href|src)=\"(https?:)?//", text), f"{svg.name} verwijst naar een andere host"
    assert re.search(r"viewBox=\"[\d. ]+\"", text)
