"""Field types of exported learner files that accept exactly the JSON values their JSON schema accepts.

In lax mode pydantic turns "3" and true into 3, "ja" and 1 into True, and 1700000000 or "2026-11-13" into a date
and time. The browser's import checks the same files against the JSON schema (compiled with Ajv), which refuses
all of these. The types below refuse them too, so pydantic and the browser give the same verdict on every file
(tests/unit/test_import_conformance.py feeds both the same files).

Date and time values must be text in the form the browser and Python write (RFC 3339 with a time zone); the form is
also written into the JSON schema as a `pattern`, so the schema states the whole rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, GetCoreSchemaHandler, GetJsonSchemaHandler, Strict, StrictBool, StrictFloat
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError, core_schema

_YEAR = r"(?:000[1-9]|00[1-9]\d|0[1-9]\d{2}|[1-9]\d{3})"
_DAY = rf"{_YEAR}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"

DATE_PATTERN = rf"^{_DAY}$"
"""A calendar day, YYYY-MM-DD (year 1 to 9999); impossible days such as 31 April fail on parsing."""

DATETIME_PATTERN = rf"^{_DAY}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{{1,6}})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$"
"""A moment as `Date.toISOString()` and Python write it: YYYY-MM-DDTHH:MM:SS, optional fraction, `Z` or an offset."""


@dataclass(frozen=True)
class _IsoText:
    """A date or datetime given as text of one form, checked inside pydantic-core (no Python call per value).

    From JSON only text matching `pattern` is parsed; from Python a date or datetime object passes too. The JSON
    schema says `type: string` with the `format` and the `pattern`.
    """

    pattern: str
    format: str
    error_type: str
    message: str

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        text = core_schema.chain_schema([core_schema.str_schema(pattern=self.pattern, strict=True), handler(source)])
        return core_schema.json_or_python_schema(
            json_schema=core_schema.custom_error_schema(
                text, custom_error_type=self.error_type, custom_error_message=self.message
            ),
            python_schema=core_schema.union_schema(
                [core_schema.is_instance_schema(source), text],
                mode="left_to_right",
                custom_error_type=self.error_type,
                custom_error_message=self.message,
            ),
        )

    def __get_pydantic_json_schema__(self, schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        return {"type": "string", "format": self.format, "pattern": self.pattern}


def _whole_number(value: Any) -> Any:
    """A JSON number without a fraction counts as an integer (JavaScript cannot tell 3.0 from 3)."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _no_bool(value: Any) -> Any:
    """true and false are no numbers in JSON (Python counts True as 1)."""
    if isinstance(value, bool):
        raise PydanticCustomError("literal_error", "Input should be a number, not {value}", {"value": value})
    return value


WHOLE_NUMBER = BeforeValidator(_whole_number)
"""Put last in `Annotated[int, Field(ge=..., le=...), Strict(), WHOLE_NUMBER]` for a bounded integer inside a list or
dict (a `Field` after a validator would not reach the JSON schema as minimum/maximum)."""

JsonInt = Annotated[int, Strict(), WHOLE_NUMBER]
"""An integer: a JSON number without a fraction; never text or true/false. Bound it with the model field's `Field`."""

JsonFloat = StrictFloat
"""A number: any JSON number; never text or true/false."""

JsonBool = StrictBool
"""true or false; never 0, 1 or text such as "ja"."""

JsonDate = Annotated[
    date, _IsoText(DATE_PATTERN, "date", "date_form", "hier hoort een datum in de vorm JJJJ-MM-DD, zoals 2026-11-13")
]
"""A day, written as YYYY-MM-DD."""

JsonDateTime = Annotated[
    datetime,
    _IsoText(
        DATETIME_PATTERN,
        "date-time",
        "datetime_form",
        "hier hoort een datum en tijd met tijdzone, zoals 2026-11-13T16:00:00Z",
    ),
]
"""A moment, written as RFC 3339 with a time zone."""

FormatVersion1 = Annotated[Literal[1], BeforeValidator(_no_bool)]
"""The number 1 (pydantic's Literal[1] also takes true, which JSON's const 1 does not)."""
