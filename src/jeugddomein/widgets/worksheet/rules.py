"""The worksheet's rules, the same as rules.js (tests/golden/worksheet/ holds the shared cases).

`config` is the worksheet as the page embeds it (its `sections` with their fields); `state` the learner's answers
(`texts`, `choices`, `items`), as JSON or as the validated model. When an id occurs twice in the answers, the last
one counts (the view never writes it twice; an edited export might).
"""

from __future__ import annotations

from typing import Any

from .._shared import field

CHOICES = {"ja": "Ja", "nee": "Nee", "nvt": "Niet van toepassing"}
"""The answers of a ja-nee-nvt field and how the portfolio shows them."""

_SPACE = "\t\n\v\f\r \u00a0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000\ufeff"
"""White space as JavaScript's String.prototype.trim defines it (Python's str.strip() without arguments differs)."""


def trim(text: Any) -> str:
    """The text without white space at either end, exactly as JavaScript's trim()."""
    return text.strip(_SPACE) if isinstance(text, str) else ""


def _by_id(entries: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for entry in entries or []:
        out[field(entry, "id")] = entry
    return out


def _answers(state: Any) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    return _by_id(field(state, "texts")), _by_id(field(state, "choices")), _by_id(field(state, "items"))


def _choice(answer: Any) -> str | None:
    value = field(answer, "value")
    return value if isinstance(value, str) and value in CHOICES else None


def _fields(config: Any) -> list[Any]:
    return [f for section in field(config, "sections") or [] for f in field(section, "fields") or []]


def _status(item_field: Any, texts: dict, choices: dict, items: dict) -> tuple[bool, bool]:
    """(answered, complete) of one field: something entered; filled in as a required field must be."""
    kind = field(item_field, "kind")
    key = field(item_field, "id")
    if kind in ("kort", "lang"):
        filled = bool(trim(field(texts.get(key), "text")))
        return filled, filled
    if kind == "ja-nee-nvt":
        chosen = _choice(choices.get(key)) is not None
        return chosen, chosen
    if kind == "afvinklijst":
        points = field(item_field, "items") or []
        ticked = [bool(field(items.get(field(p, "id")), "checked")) for p in points]
        noted = any(trim(field(items.get(field(p, "id")), "note")) for p in points)
        return any(ticked) or noted, bool(points) and all(ticked)
    return False, False


def progress(config: Any, state: Any) -> dict[str, int]:
    """How far the worksheet is: fields in all, fields with an answer, required fields, required fields complete.

    A checklist counts as answered when an item is ticked or noted, and as complete when every item is ticked.
    """
    texts, choices, items = _answers(state)
    out = {"fields": 0, "answered": 0, "required": 0, "complete": 0}
    for item_field in _fields(config):
        answered, complete = _status(item_field, texts, choices, items)
        out["fields"] += 1
        out["answered"] += answered
        if field(item_field, "required"):
            out["required"] += 1
            out["complete"] += complete
    return out


def done(config: Any, state: Any) -> bool:
    """Done: something is filled in and every required field is complete."""
    counts = progress(config, state)
    return counts["answered"] > 0 and counts["complete"] == counts["required"]


def _item_line(prefix: str, answer: Any) -> str | None:
    """'<prefix> (afgevinkt; notitie: ...)', or None for an item neither ticked nor noted."""
    checked = bool(field(answer, "checked"))
    note = trim(field(answer, "note"))
    if not checked and not note:
        return None
    return f"{prefix} ({'afgevinkt' if checked else 'niet afgevinkt'}" + (f"; notitie: {note})" if note else ")")


def summary_lines(config: Any, state: Any) -> list[str]:
    """The learner's answers as lines for the portfolio and its print: every answer appears, in worksheet order.

    Answers at fields the worksheet no longer has (an edited worksheet file) are listed at the end with their id.
    """
    texts, choices, items = _answers(state)
    lines: list[str] = []
    known: set[str] = set()
    for section in field(config, "sections") or []:
        found: list[str] = []
        for item_field in field(section, "fields") or []:
            kind, key, label = field(item_field, "kind"), field(item_field, "id"), field(item_field, "label")
            known.add(key)
            if kind in ("kort", "lang"):
                text = trim(field(texts.get(key), "text"))
                if text:
                    found.append(f"{label}: {text}")
            elif kind == "ja-nee-nvt":
                chosen = _choice(choices.get(key))
                if chosen:
                    found.append(f"{label}: {CHOICES[chosen]}")
            elif kind == "afvinklijst":
                for point in field(item_field, "items") or []:
                    known.add(field(point, "id"))
                    line = _item_line(f"{label} – {field(point, 'text')}", items.get(field(point, "id")))
                    if line:
                        found.append(line)
        if found:
            lines.append(field(section, "title"))
            lines.extend(found)
    gone = "Niet meer in het werkblad"
    for key, answer in texts.items():
        text = trim(field(answer, "text"))
        if key not in known and text:
            lines.append(f"{gone}, veld {key}: {text}")
    for key, answer in choices.items():
        chosen = _choice(answer)
        if key not in known and chosen:
            lines.append(f"{gone}, veld {key}: {CHOICES[chosen]}")
    for key, answer in items.items():
        line = _item_line(f"{gone}, punt {key}", answer) if key not in known else None
        if line:
            lines.append(line)
    if not lines:
        return ["Nog niets ingevuld."]
    counts = progress(config, state)
    head = f"Ingevuld: {counts['answered']} van {counts['fields']} velden"
    if counts["required"]:
        head += f"; verplicht: {counts['complete']} van {counts['required']}"
    return [f"{head}.", *lines]
