"""The rules of data/scorm.yaml resolved against a widget index: which exercises are required and scored."""

from __future__ import annotations

import pytest

from jeugddomein.loading import DataError
from jeugddomein.scorm import ScormRules, load_rules, resolve

INDEX = {
    "pages": [
        {
            "page": "chapters/a",
            "widgets": [{"id": "a-kc", "widget": "knowledge-check"}, {"id": "a-r", "widget": "reflection"}],
        },
        {
            "page": "exercises/b",
            "widgets": [
                {"id": "b-kc", "widget": "knowledge-check"},
                {"id": "b-rp", "widget": "rich-picture"},
                {"id": "b-rubric", "widget": "rubric"},
            ],
        },
    ]
}
TYPES = {"knowledge-check", "reflection", "rich-picture", "rubric"}


def rules(**required) -> ScormRules:
    return ScormRules.model_validate(
        {"required": {"widgets": ["knowledge-check"], **required}, "score": {"widgets": ["knowledge-check"]}}
    )


def test_rules_select_by_type_page_and_id():
    assert resolve(rules(), INDEX, TYPES) == {"required": ["a-kc"], "scored": ["a-kc"], "score_rubric": None}
    assert resolve(rules(pages=[], include=["b-rp"], exclude=["a-kc"]), INDEX, TYPES)["required"] == ["b-kc", "b-rp"]


def test_rule_errors_name_the_field():
    with pytest.raises(DataError, match=r"required\.widgets\.0: onbekende soort oefening 'kennischeck'"):
        resolve(rules(widgets=["kennischeck"]), INDEX, TYPES)
    with pytest.raises(
        DataError, match=r"required\.include\.0: de oefening 'bestaat-niet' staat op geen enkele pagina"
    ):
        resolve(rules(include=["bestaat-niet"]), INDEX, TYPES)
    scored_picture = ScormRules.model_validate(
        {"required": {"widgets": ["reflection"]}, "score": {"widgets": ["rich-picture"], "pages": []}}
    )
    with pytest.raises(DataError, match="alleen kennischecks krijgen een score"):
        resolve(scored_picture, INDEX, TYPES)


def test_the_score_may_come_from_a_rubric_self_grade():
    from_rubric = ScormRules.model_validate({"score": {"widgets": [], "rubric": "b-rubric"}})
    assert resolve(from_rubric, INDEX, TYPES) == {"required": ["a-kc", "a-r"], "scored": [], "score_rubric": "b-rubric"}
    assert ScormRules().score.rubric is None  # the default: knowledge checks, as before


@pytest.mark.parametrize(
    ("rubric", "reason"),
    [
        ("bestaat-niet", "de oefening 'bestaat-niet' staat op geen enkele pagina"),
        ("b-kc", "de oefening 'b-kc' is geen rubric"),
    ],
)
def test_a_score_rubric_that_is_no_placed_rubric_names_the_field_and_the_choices(rubric: str, reason: str):
    with pytest.raises(DataError) as caught:
        resolve(ScormRules.model_validate({"score": {"rubric": rubric}}), INDEX, TYPES)
    assert str(caught.value) == f"data/scorm.yaml: score.rubric: {reason}; kies het id van een rubric: b-rubric"


def test_two_sources_for_the_score_name_the_file_line_and_the_fix(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "scorm.yaml").write_text(
        "required:\n  widgets: [reflection]\nscore:\n  widgets: [knowledge-check]\n  rubric: b-rubric\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_rules(tmp_path / "data")
    message = str(caught.value)
    assert message.startswith("data/scorm.yaml:3: score: "), message
    assert "kies één bron: haal 'rubric' weg, of zet 'widgets: []'" in message
