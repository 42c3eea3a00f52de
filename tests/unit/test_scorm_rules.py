"""The rules of data/scorm.yaml resolved against a widget index: which exercises are required and scored."""

from __future__ import annotations

import pytest

from jeugddomein.loading import DataError
from jeugddomein.scorm import ScormRules, resolve

INDEX = {
    "pages": [
        {
            "page": "chapters/a",
            "widgets": [{"id": "a-kc", "widget": "knowledge-check"}, {"id": "a-r", "widget": "reflection"}],
        },
        {
            "page": "exercises/b",
            "widgets": [{"id": "b-kc", "widget": "knowledge-check"}, {"id": "b-rp", "widget": "rich-picture"}],
        },
    ]
}
TYPES = {"knowledge-check", "reflection", "rich-picture"}


def rules(**required) -> ScormRules:
    return ScormRules.model_validate(
        {"required": {"widgets": ["knowledge-check"], **required}, "score": {"widgets": ["knowledge-check"]}}
    )


def test_rules_select_by_type_page_and_id():
    assert resolve(rules(), INDEX, TYPES) == {"required": ["a-kc"], "scored": ["a-kc"]}
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
