"""Load YAML data with pydantic and turn every problem into one clear message: file, line, field, reason, fix."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

M = TypeVar("M", bound=BaseModel)

_PLAIN_REASONS = {
    "extra_forbidden": "dit veld is onbekend; verwijder het of controleer de spelling",
    "missing": "dit verplichte veld ontbreekt; voeg het toe",
    "string_type": "hier hoort tekst",
    "bool_type": "hier hoort true of false",
    "bool_parsing": "hier hoort true of false",
    "int_type": "hier hoort een geheel getal",
    "int_parsing": "hier hoort een geheel getal",
    "float_parsing": "hier hoort een getal",
    "list_type": "hier hoort een lijst (regels die beginnen met '- ')",
    "model_type": "hier hoort een blok met velden (sleutel: waarde)",
    "dict_type": "hier hoort een blok met velden (sleutel: waarde)",
    "string_pattern_mismatch": "de vorm klopt niet",
    "string_too_short": "mag niet leeg zijn",
    "string_too_long": "te lang",
    "too_short": "te weinig elementen",
    "too_long": "te veel elementen",
    "literal_error": "deze waarde is niet toegestaan",
    "union_tag_invalid": "onbekend type",
}


class DataError(ValueError):
    """A data file (or a block in a page) that does not fit its model."""

    def __init__(self, source: str, problems: list[tuple[int | None, str, str]]):
        self.source = source
        self.problems = problems
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        """One line per problem: `file:line: field: reason`."""
        out = []
        for line, loc, reason in self.problems:
            where = f"{self.source}:{line}" if line else self.source
            out.append(f"{where}: {loc or '(bestand)'}: {reason}")
        return out


def _line_index(node: yaml.Node, path: tuple = (), index: dict | None = None) -> dict[tuple, int]:
    """Map every YAML path (keys and list indexes) to its 1-based line."""
    index = {} if index is None else index
    index.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key_path = (*path, key_node.value)
            index[key_path] = key_node.start_mark.line + 1
            _line_index(value_node, key_path, index)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _line_index(item, (*path, i), index)
    return index


def yaml_lines(text: str) -> dict[tuple, int]:
    """Every YAML path in `text` -> its 1-based line (empty for an empty document)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    return _line_index(node) if node is not None else {}


def line_of(lines: dict[tuple, int], loc: tuple) -> int | None:
    """The line of a YAML path, or of the nearest enclosing path that has one."""
    probe = loc
    while probe not in lines and probe:
        probe = probe[:-1]
    return lines.get(probe)


def located(source: str, text: str, problems: Iterable[tuple[tuple, str]], by_line: bool = False) -> DataError:
    """A DataError for (YAML path, reason) problems found after validation, each at its line in `text`."""
    lines = yaml_lines(text)
    found = [(line_of(lines, loc), ".".join(map(str, loc)), reason) for loc, reason in problems]
    return DataError(source, sorted(found, key=lambda p: p[0] or 0) if by_line else found)


QUOTE_FIX = "zet de tekst tussen aanhalingstekens"
"""The fix for most YAML surprises in text fields."""

NOT_TEXT = {
    "empty": "hier hoort tekst, maar het veld is leeg; schrijf de tekst achter de dubbele punt",
    "yes_no": (
        f'hier hoort tekst, maar YAML leest yes/no/on/off/true/false als ja of nee; {QUOTE_FIX}, bijvoorbeeld "yes"'
    ),
    "number": f'hier hoort tekst, maar YAML leest {{value}} als getal; {QUOTE_FIX}, bijvoorbeeld "{{value}}"',
    "key_value": (
        f"hier hoort tekst, maar YAML leest een dubbele punt met een spatie erachter als 'veld: waarde'; {QUOTE_FIX}"
    ),
    "list": f"hier hoort één tekst, geen lijst; haal de '- ' weg of {QUOTE_FIX}",
    "other": f"hier hoort tekst; {QUOTE_FIX}",
}
"""Why YAML gave something else where text is meant, with the fix (the case editor's checks.js uses the same texts)."""


def _not_text(value: Any) -> str:
    """The NOT_TEXT message for a value that is not text where text is meant."""
    if value is None:
        return NOT_TEXT["empty"]
    if isinstance(value, bool):
        return NOT_TEXT["yes_no"]
    if isinstance(value, int | float):
        return NOT_TEXT["number"].format(value=value)
    if isinstance(value, dict):
        return NOT_TEXT["key_value"]
    if isinstance(value, list):
        return NOT_TEXT["list"]
    return NOT_TEXT["other"]


def plain_reason(error: Mapping[str, Any]) -> str:
    """Pydantic's error in plain Dutch, keeping our own validator messages as they are."""
    if error["type"] == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "string_type":
        return _not_text(error.get("input"))
    reason = _PLAIN_REASONS.get(error["type"], error["msg"])
    if error["type"] == "string_pattern_mismatch":
        reason += f" (verwacht patroon {error.get('ctx', {}).get('pattern')})"
    if error["type"] == "string_too_long":
        reason += f" (hoogstens {error.get('ctx', {}).get('max_length')} tekens)"
    if error["type"] == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", ""))
        reason += f" (kies uit {expected.replace(' or ', ' of ')})"
    return reason


def validate(model: type[M], data: Any, source: str, line_offset: int = 0, lines: dict | None = None) -> M:
    """Validate parsed data; raise DataError naming file, line and field for every problem."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(error["loc"])
            line = line_of(lines, loc) if lines else None
            problems.append(((line + line_offset) if line else None, ".".join(map(str, loc)), plain_reason(error)))
        raise DataError(source, problems) from None


_KEY = re.compile(r"^\s*(?:-\s+)?([^\s:#'\"-][^:#]*?)\s*:(?:\s|$)")


def _field_near(text: str, line: int) -> str:
    """The YAML key on `line` (1-based) or the nearest one above it: where a syntax error is."""
    rows = text.splitlines()
    for row in reversed(rows[: max(line, 1)]):
        found = _KEY.match(row)
        if found:
            return found.group(1)
    return ""


def _syntax_reason(problem: str, context: str) -> str:
    """A YAML parser problem in plain Dutch, with the fix."""
    if "tab" in problem or "'\\t'" in problem:
        return "er staat een tab; YAML springt alleen in met spaties: vervang de tab door spaties"
    if problem.startswith("mapping values are not allowed"):
        return (
            "een dubbele punt met een spatie erachter midden in een waarde; staat die in de tekst, "
            f"{QUOTE_FIX}; anders springt deze regel te ver in"
        )
    if "block end" in problem or "expected key" in problem:
        return (
            "de inspringing klopt niet: deze regel springt anders in dan de velden eromheen; "
            "zet hem precies onder het veld waar hij bij hoort (alleen spaties, elke laag evenveel)"
        )
    if "end of stream" in problem and "quoted" in context:
        return "een aanhalingsteken wordt niet gesloten; zet aan het eind van de tekst hetzelfde aanhalingsteken"
    if "expected ':'" in problem or "simple key" in context:
        return f"een regel zonder 'veld: waarde' of een tekst over meer regels; {QUOTE_FIX} of begin de tekst met '>-'"
    if "alias" in problem or "anchor" in problem:
        return f"een * of & aan het begin van een waarde betekent iets in YAML; {QUOTE_FIX}"
    return f"geen geldige YAML ({problem}); controleer de inspringing en {QUOTE_FIX} als er : of # in staat"


_OPENED = re.compile(r"""^\s*(?:-\s+)?(?:[^\s:#'"\[{][^:#]*:\s+)?(["'\[{])""")
_CLOSER = {'"': '"', "'": "'", "[": "]", "{": "}"}


def _unclosed(text: str, line: int) -> tuple[int, str] | None:
    """The last line before or at `line` whose value opens a quote or bracket it does not close on that line, and
    that character (a value may legally run on to later lines, so the parser stumbles only further on)."""
    rows = text.splitlines()[:line]
    for number in range(len(rows), 0, -1):
        row = rows[number - 1]
        found = _OPENED.match(row)
        if not found:
            continue
        opener = found.group(1)
        closer = _CLOSER[opener]
        still_open = row.count(opener) % 2 == 1 if opener == closer else row.count(opener) > row.count(closer)
        if still_open:
            return number, opener
    return None


def load_yaml_text(model: type[M], text: str, source: str, line_offset: int = 0) -> M:
    """Parse YAML text (a file or a directive body) and validate it."""
    try:
        lines = yaml_lines(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        reason = _syntax_reason(str(getattr(exc, "problem", "") or exc), str(getattr(exc, "context", "") or ""))
        field = _field_near(text, line) if line else ""
        opened = _unclosed(text, line) if line else None
        if opened is not None:
            line, opener = opened
            field = _field_near(text, line)
            reason = (
                f"de {opener} op deze regel wordt niet gesloten: zet {_CLOSER[opener]} aan het eind, "
                f"of {QUOTE_FIX} als de tekst zelf met {opener} begint"
            )
        raise DataError(source, [((line + line_offset) if line else None, field, reason)]) from None
    return validate(model, data, source, line_offset, lines)


def read_text_file(path: Path, source: str) -> str:
    """A data file's text (UTF-8, with or without byte-order mark); a file in another encoding is a DataError that
    names the line and the fix."""
    raw = Path(path).read_bytes()
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in raw[:200]:
        reason = "opgeslagen als UTF-16 ('Unicode'); sla het bestand op als UTF-8"
        raise DataError(source, [(1, "", reason)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        bad = raw[error.start : error.start + 1].hex()
        reason = (
            f"dit bestand is niet opgeslagen als UTF-8 (byte 0x{bad} op deze regel, bijvoorbeeld een é of ë uit "
            "Windows-1252); sla het op als UTF-8 (in Kladblok: Opslaan als, Codering: UTF-8)"
        )
        raise DataError(source, [(line, "", reason)]) from None


def load_yaml_file(model: type[M], path: Path, root: Path | None = None) -> M:
    """Load and validate one YAML data file."""
    source = str(path.relative_to(root)) if root else str(path)
    return load_yaml_text(model, read_text_file(path, source), source)
