"""Case files of the role-play: the engine (flags, conditions, routes, endings), validation, the widget class."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from jeugddomein.loading import DataError
from jeugddomein.models.portfolio import Portfolio, portfolio_json_schema
from jeugddomein.sphinxext.pages.cases import (
    GENERATED_DIR,
    case_page,
    generate_case_pages,
    kind_label,
    schema_reference_lines,
    sources_text,
)
from jeugddomein.widgets import WIDGET_CLASSES
from jeugddomein.widgets.role_play.model import (
    MODEL_KEYS,
    ROLE_KINDS,
    SEEDS,
    CaseFile,
    Choice,
    Ending,
    RolePlaySpec,
    RolePlayState,
    Scene,
    case_files,
    chapter_labels,
    check_case,
    first_name,
    load_case,
    load_case_text,
    names_player,
    text_for,
    visible_text,
)
from tests.factories import entry, portfolio
from tests.mutation import DATA as DATA_DIR
from tests.mutation import REMOVE, line_at, mutate

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
LABELS = chapter_labels(ROOT)
RolePlay = WIDGET_CLASSES["role-play"]


def all_cases() -> dict[str, CaseFile]:
    return {path.stem: load_case(path, ROOT, LABELS) for path in case_files(ROOT)}


def play_all_paths(case: CaseFile, role: str | None, limit: int = 5000) -> list[list[dict[str, str]]]:
    """Every path from the start to an ending for one player (depth-first), as saved steps."""
    finished: list[list[dict[str, str]]] = []
    stack: list[list[dict[str, str]]] = [[]]
    while stack and len(finished) < limit:
        path = stack.pop()
        progress = case.replay(role, path)
        assert progress.error is None
        if case.ending(progress.node):
            finished.append(path)
            continue
        options = case.available_choices(progress.node, role, progress.flags)
        assert options, f"vast in {progress.node} met {sorted(progress.flags)}"
        for choice in options:
            stack.append([*path, {"scene": progress.node, "choice": choice.id}])
    return finished


# --- the course's cases -------------------------------------------------------------------------------------


def test_at_least_eight_cases_all_valid():
    cases = all_cases()
    assert len(cases) >= 8
    for case in cases.values():
        assert check_case(case, LABELS) == []


def test_at_least_twelve_cases_each_with_its_own_exercise_page(tmp_path):
    """Every case gets exercises/casussen/<id>.md at build time, and the table of contents picks those pages up."""
    cases = all_cases()
    assert len(cases) >= 12, sorted(cases)
    shutil.copytree(ROOT / "data" / "cases", tmp_path / "data" / "cases")
    shutil.copytree(ROOT / "chapters", tmp_path / "chapters")
    generate_case_pages(SimpleNamespace(srcdir=str(tmp_path)), None)
    pages = tmp_path / GENERATED_DIR
    assert {page.stem for page in pages.glob("*.md")} == set(cases)
    for case_id, case in cases.items():
        text = (pages / f"{case_id}.md").read_text(encoding="utf-8")
        assert text == case_page(case_id, case)
        assert f"(casus-{case_id})=" in text and f"case: {case_id}" in text
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert f"glob: {GENERATED_DIR.as_posix()}/*" in toc


def test_cases_cover_settings_and_lead_the_three_professions_twice():
    cases = all_cases().values()
    leads = Counter(
        profession for case in cases for profession in {ROLE_KINDS[role.kind].profession for role in case.lead_roles()}
    )
    assert leads["leraar"] >= 2 and leads["sociaal-werker"] >= 2 and leads["verpleegkundige"] >= 2, leads
    assert len({case.setting for case in cases}) == 4


def test_every_case_names_its_source_and_uses_conditions():
    for case_id, case in all_cases().items():
        assert case.source and all(s.seed in SEEDS for s in case.source), case_id
        conditional = [c for s in case.scenes for c in s.choices if c.requires or c.unless]
        routed = [s for s in case.scenes if s.routes]
        assert conditional or routed, f"{case_id} is een gewone boom zonder voorwaarden"
        assert len(case.endings) >= 2, case_id
        assert any(c.feedback and (c.strengthens or c.weakens) for s in case.scenes for c in s.choices)


def test_every_ending_is_reached_by_some_player():
    for case_id, case in all_cases().items():
        reached = set()
        for role in [r.id for r in case.roles if r.playable] + [None]:
            for path in play_all_paths(case, role):
                reached.add(case.replay(role, path).node)
        assert reached == {e.id for e in case.endings}, case_id


def test_a_scene_only_one_role_plays_solo_addresses_that_player_not_their_name():
    """A scene that, playing alone, only one role reaches is read by that player: it says 'je', not 'Femke'. (Scenes
    that several roles reach are written for every role and name people in the third person.)"""
    for case_id, case in all_cases().items():
        seen: dict[str, set[str]] = {}
        for role in [r for r in case.roles if r.playable]:
            for path in play_all_paths(case, role.id):
                for step in path:
                    seen.setdefault(step["scene"], set()).add(role.id)
        for scene in case.scenes:
            if len(seen.get(scene.id, set())) != 1:
                continue
            (only,) = seen[scene.id]
            first_name = case.role(only).name.split(",")[0].split()[0]
            texts = [scene.text, *(v.text for v in scene.variants)]
            assert not [t for t in texts if re.search(rf"\b{first_name}\b", t)], f"{case_id}: {scene.id}"


# --- engine -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def twee_brillen() -> CaseFile:
    return load_case(ROOT / "data" / "cases" / "twee-brillen.yaml", ROOT, LABELS)


def test_role_gated_choices_show_only_for_that_role_and_in_class_play(twee_brillen):
    ids = lambda role: [c.id for c in twee_brillen.available_choices("signaal", role, set())]  # noqa: E731
    assert "zelf-bellen" in ids("leraar")
    assert "zelf-bellen" not in ids("jeugdhulpverlener")
    assert "zelf-bellen" in ids(None)


def test_requires_and_unless(twee_brillen):
    choice = next(c for s in twee_brillen.scenes for c in s.choices if c.id == "vraag-moeder")
    assert not CaseFile.is_available(choice, "leraar", set())
    assert CaseFile.is_available(choice, "leraar", {"ouder-aan-tafel"})
    gated = choice.model_copy(update={"unless": ["vertrouwen-geschaad"]})
    assert not CaseFile.is_available(gated, "leraar", {"ouder-aan-tafel", "vertrouwen-geschaad"})


def test_flags_decide_the_ending_through_routes(twee_brillen):
    good = [
        {"scene": "signaal", "choice": "gesprek-met-moeder"},
        {"scene": "startgesprek", "choice": "vraag-moeder"},
        {"scene": "thuis-en-school", "choice": "een-doel"},
        {"scene": "drie-weken-later", "choice": "evalueren"},
    ]
    progress = twee_brillen.replay("leraar", good)
    assert progress.node == "samen-op-koers"
    assert progress.flags == {"ouder-aan-tafel", "moeder-gehoord", "gedeeld-doel"}
    same_last_choice = [
        {"scene": "signaal", "choice": "ib-regelt-het"},
        {"scene": "overleg-zonder-leraar", "choice": "eigen-aanpak"},
        {"scene": "drie-weken-later", "choice": "evalueren"},
    ]
    assert twee_brillen.replay("leraar", same_last_choice).node == "bijgestuurd"
    skipped = [*same_last_choice[:2], {"scene": "drie-weken-later", "choice": "overleg-schrappen"}]
    assert twee_brillen.replay("leraar", skipped).node == "langs-elkaar"


def test_replay_stops_at_a_step_that_no_longer_fits(twee_brillen):
    path = [{"scene": "signaal", "choice": "gesprek-met-moeder"}, {"scene": "startgesprek", "choice": "bestaat-niet"}]
    progress = twee_brillen.replay("leraar", path)
    assert progress.node == "startgesprek" and len(progress.steps) == 1 and progress.error
    forbidden = [{"scene": "signaal", "choice": "zelf-bellen"}]
    assert twee_brillen.replay("ouder", forbidden).error


def test_tally_counts_strengthened_and_weakened_in_catalogue_order(twee_brillen):
    progress = twee_brillen.replay(
        "leraar",
        [{"scene": "signaal", "choice": "ib-regelt-het"}, {"scene": "overleg-zonder-leraar", "choice": "alsnog-samen"}],
    )
    counts = twee_brillen.tally([c for _, c in progress.steps])
    assert counts["direct-contact"] == {"up": 1, "down": 1}
    assert counts["onderlinge-afhankelijkheid"] == {"up": 0, "down": 1}
    order = list(MODEL_KEYS)
    assert list(counts) == sorted(counts, key=order.index)


def texts_read(case: CaseFile, role: str, path: list[dict[str, str]]) -> list[str]:
    """What the player of `role` reads where a saved path stands: the scene's or ending's texts, the scene's question
    and every choice open to the role, each in the role's own words where it has them."""
    progress = case.replay(role, path)
    scene = case.scene(progress.node)
    item = scene or case.ending(progress.node)
    assert item is not None
    texts = visible_text(item, role, progress.flags)
    if scene:
        texts += [scene.prompt or ""] + [
            text_for(c, role) for c in case.available_choices(scene.id, role, progress.flags)
        ]
    return texts


def test_every_role_reads_about_its_own_person_in_the_je_form():
    """Playing every path of every case as each playable role, no text the player reads names the person they play
    (the first word of the role's name): scenes, endings and choices have a text in the je-form for that role
    (`as_role`), and every choice's text per role is one its role gets to read."""
    named: list[str] = []
    own_texts = 0
    read: set[tuple[str, str, str]] = set()
    for case_id, case in all_cases().items():
        for role in [r for r in case.roles if r.playable]:
            name = first_name(role)
            assert name, (case_id, role.id)
            seen: set[tuple] = set()
            for path in play_all_paths(case, role.id):
                for n in range(len(path) + 1):
                    progress = case.replay(role.id, path[:n])
                    if (progress.node, progress.flags) in seen:
                        continue
                    seen.add((progress.node, progress.flags))
                    for text in texts_read(case, role.id, path[:n]):
                        own_texts += text in _role_texts(case, role.id)
                        read.add((case_id, role.id, text))
                        if names_player(text, name):
                            named.append(f"{case_id} ({role.id}, {progress.node}): {text}")
    assert named == []
    assert own_texts >= 100  # the course's cases speak to their players through texts per role
    choice_texts = {
        (case_id, role, text)
        for case_id, case in all_cases().items()
        for scene in case.scenes
        for choice in scene.choices
        for role, text in choice.as_role.items()
    }
    assert len(choice_texts) >= 79 and choice_texts <= read


def _role_texts(case: CaseFile, role: str) -> set[str]:
    items: list[Scene | Ending | Choice] = [*case.scenes, *case.endings, *(c for s in case.scenes for c in s.choices)]
    variants = [v for i in items if not isinstance(i, Choice) for v in i.variants]
    return {t for i in [*items, *variants] for r, t in i.as_role.items() if r == role}


def test_the_teacher_in_twee_brillen_reads_the_first_scene_as_je_and_class_play_the_shared_text():
    case = all_cases()["twee-brillen"]
    assert texts_read(case, "leraar", [])[0].startswith("Je mailt de intern begeleider voor de tweede keer")
    shared = visible_text(case.scenes[0], None, set())
    assert shared == [case.scenes[0].text] and shared[0].startswith("Femke mailt de intern begeleider")


def test_the_teacher_in_twee_brillen_reads_the_choices_every_role_sees_as_je_and_class_play_the_shared_text():
    case = all_cases()["twee-brillen"]
    first = case.available_choices("signaal", "leraar", set())
    assert [text_for(c, "leraar") for c in first][1] == (
        "Laat Anouk het overleg met Yusuf voeren; jij hoort de uitkomst achteraf."
    )
    assert [c.text for c in case.available_choices("signaal", None, set())][1] == (
        "Laat Anouk het overleg met Yusuf voeren; Femke hoort de uitkomst achteraf."
    )


def test_a_choice_every_role_sees_that_names_its_player_is_refused_with_the_fix():
    text = mutate(
        DATA_DIR.joinpath("cases", "twee-brillen.yaml").read_text(encoding="utf-8"),
        ("scenes", 0, "choices", 1, "as_role", "leraar"),
        REMOVE,
    )
    with pytest.raises(DataError) as caught:
        load_case_text(text, "data/cases/twee-brillen.yaml", LABELS)
    line = line_at(text, ("scenes", 0, "choices", 1, "text"))
    assert caught.value.lines() == [
        f"data/cases/twee-brillen.yaml:{line}: scenes.0.choices.1.text: keuze 'ib-regelt-het' in scène 'signaal' "
        "ziet ook wie rol 'leraar' speelt, en zij noemt die speler bij naam ('Femke'); schrijf voor rol 'leraar' de "
        "keuze in de jij-vorm of als opdracht onder `as_role.leraar` van deze keuze"
    ]


def test_a_scene_that_speaks_of_its_player_in_the_third_person_is_refused_with_the_fix():
    text = mutate(
        DATA_DIR.joinpath("cases", "twee-brillen.yaml").read_text(encoding="utf-8"),
        ("scenes", 0, "as_role", "leraar"),
        REMOVE,
    )
    with pytest.raises(DataError) as caught:
        load_case_text(text, "data/cases/twee-brillen.yaml", LABELS)
    line = line_at(text, ("scenes", 0, "text"))
    assert caught.value.lines() == [
        f"data/cases/twee-brillen.yaml:{line}: scenes.0.text: wie rol 'leraar' speelt, leest in scène 'signaal' in de "
        "derde persoon over zichzelf ('Femke'); schrijf voor rol 'leraar' een tekst in de jij-vorm onder "
        "`as_role.leraar`"
    ]


# --- validation: one broken file per rule ---------------------------------------------------------------------

INVALID = {
    "missing-target": (r":51: scenes\.1\.choices\.0\.next: de scène 'goedd' bestaat niet", "voeg een scène"),
    "unreachable": (r":57: scenes\.2: 'vergeten' is onbereikbaar: geen keuze of route", "laat een keuze"),
    "unreachable-by-condition": (r":64: endings\.1: 'slecht' is onbereikbaar: de keuzes .* nooit", "pas die"),
    "dead-end": (r":44: scenes\.1: vanuit scène 'gesprek' is geen afloop meer te bereiken", "geef deze scène"),
    "loop-without-ending": (r":29: scenes\.0: vanuit scène 'begin' is geen afloop .* kring", "geef deze scène"),
    "duplicate-id": (r":44: scenes\.1\.id: het id 'begin' komt al voor bij scenes\.0", "eigen id"),
    "duplicate-choice-id": (r":53: scenes\.1\.choices\.1\.id: de keuze-id 'samen' komt in deze scène al", "eigen id"),
    "unknown-role-kind": (r":23: roles\.1\.kind: onbekende rol 'verpleegkundige'", "jeugdverpleegkundige"),
    "unknown-role-ref": (r":56: scenes\.1\.choices\.1\.roles\.0: de rol 'ib' staat niet onder 'roles'", "voeg de rol"),
    "unknown-chapter": (r":8: chapters\.0: het hoofdstuklabel 'bronstein-model' bestaat niet", "interprofessioneel-"),
    "unknown-flag": (r":37: scenes\.0\.choices\.0\.sets\.0: de vlag 'gebelt' staat niet onder 'flags'", "spelling"),
    "unknown-concept": (r":39: scenes\.0\.choices\.0\.strengthens\.0: onbekend begrip 'contact'", "direct-contact"),
    "unknown-field": (r":48: scenes\.1\.vraag: dit veld is onbekend", "verwijder het"),
    "no-lead": (r"roles: geen enkele rol heeft 'lead: true'", "markeer"),
    "third-person": (
        r":46: scenes\.1\.text: wie rol 'leraar' speelt, leest in scène 'gesprek' in de derde persoon over zichzelf "
        r"\('Sanne'\)",
        "schrijf voor rol 'leraar' een tekst in de jij-vorm onder `as_role.leraar`",
    ),
    "role-text-unknown-role": (r":33: scenes\.0\.as_role\.ib: 'ib' is geen rol van deze casus", "speelbare rol"),
    "choice-third-person": (
        r":50: scenes\.1\.choices\.0\.text: keuze 'samen' in scène 'gesprek' ziet ook wie rol 'leraar' speelt",
        "schrijf voor rol 'leraar' de keuze in de jij-vorm of als opdracht onder `as_role.leraar` van deze keuze",
    ),
}


@pytest.mark.parametrize("rule", sorted(INVALID))
def test_each_broken_file_names_file_line_path_and_fix(rule):
    path = DATA / "invalid" / f"case-{rule}.yaml"
    pattern, fix = INVALID[rule]
    with pytest.raises(DataError) as caught:
        load_case(path, ROOT, LABELS)
    lines = caught.value.lines()
    match = [line for line in lines if re.search(pattern, line)]
    assert match, lines
    assert match[0].startswith("tests/data/invalid/case-") and fix in match[0]


def test_every_invalid_file_has_an_expectation():
    files = {p.stem.removeprefix("case-") for p in (DATA / "invalid").glob("case-*.yaml")}
    assert files == set(INVALID)


def test_bad_file_name_and_broken_yaml(tmp_path):
    bad = tmp_path / "Casus Met Spaties.yaml"
    bad.write_text((DATA / "case-authored.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError, match="bestandsnaam"):
        load_case(bad, ROOT, LABELS)
    with pytest.raises(DataError, match=r"x\.yaml:1: title: een dubbele punt .* zet de tekst tussen aanhalingstekens"):
        load_case_text("title: a: b\n", "x.yaml", LABELS)


def test_scene_needs_choices_or_routes_and_a_default_route():
    base = yaml.safe_load((DATA / "invalid" / "case-missing-target.yaml").read_text())
    base["scenes"][1]["choices"] = base["scenes"][1]["choices"][:1]
    with pytest.raises(DataError, match="minstens twee"):
        load_case_text(yaml.safe_dump(base), "x.yaml", LABELS)
    base["scenes"][1] = {"id": "gesprek", "title": "R", "text": "R", "routes": [{"when": ["gebeld"], "next": "goed"}]}
    with pytest.raises(DataError, match="laatste route"):
        load_case_text(yaml.safe_dump(base), "x.yaml", LABELS)


# --- the authoring docs are enough ------------------------------------------------------------------------------


def test_case_written_from_the_authoring_docs_validates_and_plays():
    case = load_case(DATA / "case-authored.yaml", ROOT, LABELS)
    endings = set()
    for role in ["nieuwe-leraar", "smw", None]:
        for path in play_all_paths(case, role):
            endings.add(case.replay(role, path).node)
    assert endings == {"goede-start", "moeizame-start"}
    widget = RolePlay({"id": "rollenspel-test", "case": "warme-overdracht", "case_data": case.model_dump(mode="json")})
    widget.start("smw")
    widget.choose("smw-vraagt-na")
    widget.choose("boodschap")
    assert widget.ending() == "goede-start"
    assert "warme overdracht" in case_page("warme-overdracht", case).lower()


def test_example_in_the_authoring_guide_validates():
    text = (ROOT / "exercises" / "casussen-schrijven.md").read_text(encoding="utf-8")
    example = re.search(r"\(casussen-schrijven-voorbeeld\)=\n```yaml\n(.*?)\n```", text, re.S).group(1)
    case = load_case_text(example, "voorbeeld", LABELS)
    assert case.start == "zorg" and {e.tone for e in case.endings} == {"goed", "zorgelijk"}


def test_schema_reference_lists_every_field_of_every_model():
    text = "\n".join(schema_reference_lines())
    from jeugddomein.widgets.role_play.model import Choice, Ending, Role, Route, Scene, Source, Variant

    for model in (CaseFile, Choice, Ending, Role, Route, Scene, Source, Variant):
        for field in model.model_fields:
            assert f"| `{field}` |" in text, (model.__name__, field)


# --- the widget class -----------------------------------------------------------------------------------------


def test_widget_plays_a_case_and_keeps_finished_runs():
    play = RolePlay.from_case("twee-brillen")
    with pytest.raises(ValueError, match="speelbare rol"):
        play.start("leerling")
    play.start("jeugdhulpverlener")
    assert "zelf-bellen" not in [c["id"] for c in play.available()]
    own = "Plan een gesprek op school met Femke en moeder samen, met jou erbij."
    assert play.available()[0] == {"id": "gesprek-met-moeder", "text": own}  # the youth worker's own words
    out = play.choose("gesprek-met-moeder")
    assert out["next"] == "startgesprek" and "direct-contact" in out["strengthens"]
    play.choose("scheiding-vertellen")
    play.choose("een-doel")
    play.choose("herstel-met-moeder")
    assert play.ending() == "samen-op-koers"
    frame = play.tally_frame()
    assert {"model", "begrip", "versterkt", "verzwakt"} <= set(frame.columns)
    assert frame.set_index("begrip").loc["Meta-perspectief en meerzijdige partijdigheid", "versterkt"] == 1
    assert len(play.to_frame()) == 4 and play.to_frame().loc[0, "keuze"] == own
    play.reflections = ["a", "b", "c"]
    play.start(None, group="Groep 3")
    assert play.mode == "klas" and play.path == [] and len(play.runs) == 1
    assert play.available()[0]["text"] == "Plan een gesprek op school met Femke, Yusuf en moeder samen."
    assert play.runs[0]["ending"] == "samen-op-koers" and play.runs[0]["reflections"] == ["a", "b", "c"]
    RolePlayState.model_validate(play.state())


def test_placement_carries_the_case_and_resolved_links():
    spec = RolePlaySpec.model_validate({"id": "rollenspel-twee-brillen", "case": "twee-brillen"})
    placement = RolePlay.placement_for(spec, data_dir=ROOT / "data")
    config = placement["config"]
    assert config["case_data"]["title"] == "Twee brillen op één kind"
    assert config["links"]["interprofessioneel-bronstein"]["doc"] == "chapters/05-interprofessioneel/index"
    assert config["concepts"]["flexibiliteit"]["model"] == "Component van Bronstein"
    again = RolePlaySpec.model_validate({"id": "x-rollenspel", **config})
    assert any(block.get("strong") == "Het gesprek op school" for block in again.static_outline())


def test_unknown_case_id_is_a_clear_error():
    spec = RolePlaySpec.model_validate({"id": "rollenspel-x", "case": "bestaat-niet"})
    with pytest.raises(DataError, match="geen casus 'bestaat-niet'"):
        RolePlay.resolve_config(spec, ROOT / "data")


def test_portfolio_schema_and_export_include_role_play():
    schema = portfolio_json_schema()
    assert "RolePlayEntry" in schema["$defs"]
    state = {"mode": "solo", "role": "leraar", "path": [{"scene": "signaal", "choice": "zelf-bellen"}]}
    Portfolio.model_validate(
        portfolio(entry("role-play", {**state, "reflections": ["x"], "runs": []}, "rollenspel-twee-brillen"))
    )


def test_students_read_a_citation_and_a_plain_role_kind():
    """The case page cites its sources without the authors' line numbers ('regels L1550-1559'), and names a kind of
    role without repeating it ('Leraar', not 'Leraar (leraar)'), keeping the profession where it adds something."""
    for path in case_files(ROOT):
        case = load_case(path, ROOT, LABELS)
        text = sources_text(case)
        assert "{cite:p}" in text and not re.search(r"regels|\bL\d+", text), path.name
    assert kind_label("leraar") == "Leraar"
    assert kind_label("jeugdarts") == "Jeugdarts"
    assert kind_label("mentor") == "Mentor (leraar)"
    assert kind_label("intern-begeleider") == "Intern begeleider (onderwijs)"
    assert kind_label("wijkteam") == "Medewerker wijkteam (sociaal werker)"
