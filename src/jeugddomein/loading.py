"""Load YAML data with pydantic and turn every problem into one clear message: file, line, field, reason, fix."""

from __future__ import annotations

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


def plain_reason(error: Mapping[str, Any]) -> str:
    """Pydantic's error in plain Dutch, keeping our own validator messages as they are."""
    if error["type"] == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    reason = _PLAIN_REASONS.get(error["type"], error["msg"])
    if error["type"] == "string_pattern_mismatch":
        reason += f" (verwacht patroon {error.get('ctx', {}).get('pattern')})"
    if error["type"] == "string_too_long":
        reason += f" (hoogstens {error.get('ctx', {}).get('max_length')} tekens)"
    if error["type"] == "literal_error":
        reason += f" (kies uit {error.get('ctx', {}).get('expected')})"
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


def load_yaml_text(model: type[M], text: str, source: str, line_offset: int = 0) -> M:
    """Parse YAML text (a file or a directive body) and validate it."""
    try:
        lines = yaml_lines(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark else None
        raise DataError(source, [(line, "", f"geen geldige YAML: {getattr(exc, 'problem', exc)}")]) from None
    return validate(model, data, source, line_offset, lines)


def load_yaml_file(model: type[M], path: Path, root: Path | None = None) -> M:
    """Load and validate one YAML data file."""
    source = str(path.relative_to(root)) if root else str(path)
    return load_yaml_text(model, Path(path).read_text(encoding="utf-8"), source)
