"""Field types of exported learner files that accept exactly the JSON values their JSON schema accepts.

In lax mode pydantic turns "3" and true into 3, "ja" and 1 into True, and 1700000000 or "2026-11-13" into a date
and time. The browser's import checks the same files against the JSON schema (compiled with Ajv), which refuses
all of these. The types below refuse them too, so pydantic and the browser give the same verdict on every file
(tests/unit/test_import_conformance.py feeds both the same files).

Date and time values must be text in the form the browser and Python write (RFC 3339 with a time zone); the form is
also written into the JSON schema as a `pattern`, so the schema states the whole rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, GetJsonSchemaHandler, Strict, StrictBool, StrictFloat
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

DATE_PATTERN = r"^(?!0000)\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$"
"""A calendar day, YYYY-MM-DD (year 1 to 9999); impossible days such as 31 April fail on parsing."""

DATETIME_PATTERN = (
    r"^(?!0000)\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])"
    r"T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,6})?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$"
)
"""A moment as `Date.toISOString()` and Python write it: YYYY-MM-DDTHH:MM:SS, optional fraction, `Z` or an offset."""


@dataclass(frozen=True)
class _SchemaPattern:
    """Adds a `pattern` to a field's JSON schema (for types such as datetime where pydantic cannot apply one)."""

    pattern: str

    def __get_pydantic_json_schema__(self, core_schema: CoreSchema, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema["pattern"] = self.pattern
        return schema


def _text_in_form(pattern: str, error_type: str, message: str) -> BeforeValidator:
    """Refuse anything but text matching `pattern` (objects of the target type, made in Python, pass)."""
    compiled = re.compile(pattern)
    target = datetime if error_type == "datetime_parsing" else date

    def check(value: Any) -> Any:
        if isinstance(value, str):
            if compiled.match(value):
                return value
        elif isinstance(value, target):
            return value
        raise PydanticCustomError(error_type, message)

    return BeforeValidator(check)


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
    date,
    _text_in_form(DATE_PATTERN, "date_parsing", "hier hoort een datum in de vorm JJJJ-MM-DD"),
    _SchemaPattern(DATE_PATTERN),
]
"""A day, written as YYYY-MM-DD."""

JsonDateTime = Annotated[
    datetime,
    _text_in_form(
        DATETIME_PATTERN,
        "datetime_parsing",
        "hier hoort een datum en tijd met tijdzone, zoals 2026-11-13T16:00:00Z",
    ),
    _SchemaPattern(DATETIME_PATTERN),
]
"""A moment, written as RFC 3339 with a time zone."""

FormatVersion1 = Annotated[Literal[1], BeforeValidator(_no_bool)]
"""The number 1 (pydantic's Literal[1] also takes true, which JSON's const 1 does not)."""
