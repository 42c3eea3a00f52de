"""The rich-picture scene format: validation, version migration, the widget's Python side and the pictograms."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from pydantic import ValidationError

from jeugddomein.loading import DataError, load_yaml_file
from jeugddomein.models.portfolio import Portfolio
from jeugddomein.paths import WIDGETS_DIR
from jeugddomein.widgets import MIME_TYPE, WIDGET_CLASSES
from jeugddomein.widgets.rich_picture.model import (
    PICTOGRAMS,
    RichPictureSpec,
    RichPictureState,
    Scene,
    load_scene,
    migrate_scene,
    scene_from_json,
    scene_problems,
)
from jeugddomein.widgets.rich_picture.widget import (
    BEGIN,
    END,
    RichPicture,
    pictogram_block,
    pictogram_folder,
    read_pictogram,
)
from tests.factories import DAAN, V1, entry, portfolio, scene

ROOT = Path(__file__).resolve().parents[2]

# --- the scene model --------------------------------------------------------------------------------------------


def test_a_complete_scene_is_valid_and_round_trips():
    checked = load_scene(DAAN)
    assert checked.position("w1") == (660, 60)
    again = scene_from_json(checked.to_json())
    assert again == checked
    assert json.loads(checked.to_json()) == DAAN


def test_defaults_are_filled_in():
    minimal = {"elements": [{"id": "a", "kind": "text", "x": 0, "y": 0}], "relations": []}
    checked = Scene.model_validate(minimal)
    assert checked.format == "jeugddomein-rich-picture" and checked.version == 2 and checked.title == "Rich picture"
    assert checked.elements[0].label == ""


def test_relation_to_a_missing_element_is_refused():
    data = scene()
    data["relations"][2]["target"] = "juf"
    with pytest.raises(ValidationError, match=r"relations\.2\.target: de relatie verwijst naar 'juf'"):
        Scene.model_validate(data)


def test_duplicate_ids_are_refused_for_elements_and_relations():
    data = scene()
    data["elements"].append({**data["elements"][2], "x": 0})
    data["relations"][0]["id"] = "daan"
    problems = scene_problems(data)
    assert problems == [
        "elements.9.id: het id 'daan' komt twee keer voor; geef elk element een eigen id",
        "relations.0.id: het id 'daan' komt twee keer voor; geef elke relatie een eigen id",
    ]
    with pytest.raises(ValidationError, match="komt twee keer voor"):
        Scene.model_validate(data)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["relations"][0].update(target="hv"), "een relatie verbindt twee verschillende elementen"),
        (lambda d: d["elements"][8].update(actor="t1"), "de wolk hoort bij 't1', maar dat is geen actor"),
        (lambda d: d["elements"][2].update(pictogram="draak"), "pictogram"),
        (lambda d: d["relations"][0].update(style="boos"), "style"),
        (lambda d: d["elements"][0].update(width=10), "width"),
        (lambda d: d["elements"][2].update(x=float("nan")), "x"),
        (lambda d: d["elements"][2].update(colour="rood"), "colour"),
        (lambda d: d["elements"][2].update(label="x" * 301), "label"),
    ],
)
def test_other_faults_are_refused(change, message):
    data = scene()
    change(data)
    with pytest.raises(ValidationError, match=re.escape(message)):
        Scene.model_validate(data)


def test_version_1_is_migrated():
    migrated = migrate_scene(V1)
    assert V1["version"] == 1, "the input is left alone"
    checked = load_scene(V1)
    assert checked.version == 2 and checked.title == "Oud formaat"
    assert [(e.kind, e.id) for e in checked.elements] == [
        ("boundary", "g"),
        ("actor", "a"),
        ("actor", "b"),
        ("text", "n"),
        ("bubble", "c"),
    ]
    bubble = checked.element("c")
    assert bubble.variant == "worry" and bubble.actor == "b" and (bubble.dx, bubble.dy) == (60, -70)
    first, second = checked.relations
    assert (first.source, first.target, first.style, first.direction) == ("b", "a", "strong", "forward")
    assert (second.style, second.direction, second.conflict, second.label) == ("strained", "none", True, "")
    assert migrated["elements"][0] == {
        "id": "g", "kind": "boundary", "label": "School", "x": 0, "y": 0, "width": 300, "height": 200,
    }  # fmt: skip


def test_a_newer_version_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="versie 3, nieuwer dan deze cursus"):
        load_scene(scene(version=3))


def test_stored_pictures_migrate_and_need_unique_ids():
    state = RichPictureState.model_validate({"pictures": [{"id": "p1", "scene": V1}], "active": "p1"})
    assert state.pictures[0].scene.version == 2
    with pytest.raises(ValidationError, match="hetzelfde id"):
        RichPictureState.model_validate({"pictures": [{"id": "p1", "scene": DAAN}, {"id": "p1", "scene": DAAN}]})


def test_portfolio_entries_hold_rich_pictures():
    state = {"pictures": [{"id": "p1", "scene": DAAN}], "active": "p1", "snap": False}
    held = entry("rich-picture", state, "rich-picture-daan", page="exercises/rich-picture")
    assert Portfolio.model_validate(portfolio(held)).entries[0].state.pictures[0].scene.title == "Daan"
    broken = copy.deepcopy(held)
    broken["state"]["pictures"][0]["scene"]["relations"][0]["source"] = "weg"
    with pytest.raises(ValidationError, match="bestaat niet"):
        Portfolio.model_validate(portfolio(broken))


# --- the spec as an author writes it -------------------------------------------------------------------------


BROKEN_SPECS = {
    "missing-element": (
        """\
id: rp-kapot
starts:
  - title: Ontbrekend element
    elements:
      - {id: kind, kind: actor, pictogram: kind, label: Sem, x: 0, y: 0}
    relations:
      - {id: r1, source: kind, target: mentor, label: praat met}
""",
        ":3: starts.0: relations.0.target: de relatie verwijst naar 'mentor'",
    ),
    "duplicate-id": (
        """\
id: rp-dubbel
starts:
  - title: Dubbel id
    elements:
      - {id: ouders, kind: actor, pictogram: ouders, x: 0, y: 0}
      - {id: ouders, kind: actor, pictogram: ouder, x: 100, y: 0}
""",
        ":3: starts.0: elements.1.id: het id 'ouders' komt twee keer voor",
    ),
    "unknown-pictogram": (
        """\
id: rp-pictogram
starts:
  - title: Onbekend pictogram
    elements:
      - {id: a, kind: actor, pictogram: draak, x: 0, y: 0}
""",
        ":5: starts.0.elements.0.actor.pictogram: deze waarde is niet toegestaan",
    ),
}
"""A starting picture in a page's spec with one fault each, and the start of the message: line, field, reason."""


@pytest.mark.parametrize("name", sorted(BROKEN_SPECS))
def test_broken_spec_files_name_the_fault(tmp_path, name):
    text, message = BROKEN_SPECS[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_yaml_file(RichPictureSpec, path, tmp_path)
    assert str(caught.value).startswith(f"{name}.yaml{message}"), str(caught.value)


def test_the_exercise_page_spec_is_valid_and_outlined():
    page = (ROOT / "exercises" / "rich-picture.md").read_text(encoding="utf-8")
    body = re.search(r"```\{rich-picture\}\n(.*?)```", page, re.S).group(1)
    widget = RichPicture.from_yaml(body)
    start = load_scene(widget.starts[0])
    assert start.title.startswith("Daan") and len([e for e in start.elements if e.kind == "actor"]) >= 5
    outline = RichPictureSpec.model_validate({"id": "rp-x", "starts": [DAAN], "prompt": "Teken."}).static_outline()
    assert outline[0] == {"strong": "Rich picture"} and {"p": "Startplaat: Daan"} in outline
    assert (
        outline[-1]["ul"][:2] == ["Daan (Kind of jeugdige)", "Ouders"]
        and "Ouders – Meester Bram: sbo?" in outline[-1]["ul"]
    )


# --- the Python widget ---------------------------------------------------------------------------------------


def test_from_json_to_json_and_the_mime_bundle():
    widget = RichPicture.from_json(json.dumps(V1), widget_id="py-rp")
    assert WIDGET_CLASSES["rich-picture"] is RichPicture
    assert json.loads(widget.to_json())["version"] == 2
    assert widget.scene().title == "Oud formaat"
    new_id = widget.add_scene(DAAN)
    assert new_id == "p2" and widget.active == "p2" and widget.scene().title == "Daan"
    assert widget.scene(0).title == "Oud formaat" and widget.scene("p1").title == "Oud formaat"
    frame = widget.to_frame()
    assert list(frame["titel"]) == ["Oud formaat", "Daan"] and list(frame["gespannen"]) == [1, 2]
    data, _ = widget._repr_mimebundle_()
    placement = data[MIME_TYPE]
    assert placement["widget"] == "rich-picture" and placement["id"] == "py-rp"
    assert [p["id"] for p in placement["state"]["pictures"]] == ["p1", "p2"]
    with pytest.raises(LookupError, match="Geen tekening"):
        widget.scene("p9")


def test_before_the_first_edit_python_sees_the_starting_picture_the_view_shows():
    widget = RichPicture({"id": "py-rp-start", "starts": [DAAN]})
    assert widget.pictures == [] and widget.scene().title == "Daan" and list(widget.to_frame()["id"]) == ["p1"]
    assert widget.add_scene(V1) == "p2" and widget.active == "p2"
    assert [p["id"] for p in widget.pictures] == ["p1", "p2"] and widget.scene("p1").title == "Daan"
    empty = RichPicture({"id": "py-rp-empty", "title": "Mijn tekening"})
    assert empty.scene().title == "Mijn tekening" and empty.edge_list().empty
    assert list(empty.to_frame()["actoren"]) == [0]


def test_to_networkx_without_networkx_says_how_to_install_it(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def without_networkx(name, *args, **kwargs):
        if name == "networkx":
            raise ImportError("No module named 'networkx'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_networkx)
    with pytest.raises(ImportError, match=r"pip install networkx.*edge_list\(\)"):
        RichPicture.from_json(json.dumps(DAAN)).to_networkx()


def test_edge_list_and_analysis_from_the_widget():
    widget = RichPicture.from_json(json.dumps(DAAN))
    edges = widget.edge_list()
    assert list(edges["id"]) == ["r1", "r2", "r3", "r4", "r5", "r6"]
    assert edges.loc[1, "bron"] == "Ouders", "an unnamed actor is called by its pictogram's label"
    results = widget.analyse()
    assert set(results) == {"actoren_per_context", "relaties_per_actor", "gespannen_relaties", "verbonden_met_kind"}


# --- the pictograms ------------------------------------------------------------------------------------------


def test_every_pictogram_is_an_accessible_svg_with_the_dutch_label():
    files = sorted(p.stem for p in pictogram_folder().glob("*.svg"))
    assert files == sorted(PICTOGRAMS)
    for key, label in PICTOGRAMS.items():
        path = pictogram_folder() / f"{key}.svg"
        root = ET.parse(path).getroot()
        assert root.get("role") == "img"
        title = root.find("{http://www.w3.org/2000/svg}title")
        desc = root.find("{http://www.w3.org/2000/svg}desc")
        assert title.text == label and root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
        assert read_pictogram(path)["shapes"], f"{key} draws nothing"


def test_the_palette_in_the_module_is_generated_from_the_assets():
    source = (WIDGETS_DIR / "rich_picture" / "pictograms.js").read_text(encoding="utf-8")
    block = source[source.index(BEGIN) : source.index(END) + len(END)]
    assert block == pictogram_block(), (
        "rich_picture/pictograms.js is stale: run `python -m jeugddomein.widgets.rich_picture.widget`."
    )


def test_a_pictogram_with_a_script_is_refused(tmp_path):
    bad = tmp_path / "kind.svg"
    bad.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><title>Kind</title>'
        "<script>alert(1)</script></svg>",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="<script> is niet toegestaan"):
        read_pictogram(bad)
