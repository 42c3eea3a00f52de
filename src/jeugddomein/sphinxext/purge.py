"""Leave out the theme's style rules that no page can use: the joined head stylesheet from some 560 KB to a fraction.

The theme's stylesheets (Bootstrap, pydata-sphinx-theme, sphinx-book-theme, Font Awesome with its two thousand
icons) arrive whole on every first visit; on a slow phone network they alone take seconds before the first paint.
A style rule is left out when none of its selectors can match: every selector names a class that occurs nowhere in
the site, that is, in no word of any page and of any script under _static/ (scripts add classes such as "show" at
run time; the start of a name a script puts together, like `bs-tooltip-${placement}`, keeps every class that starts
with it). Everything else stays as it was, in its place: at-rules other than @media,
@supports, @layer and @container blocks, rules without a class, selectors with escapes or with :is(), :where(),
:has() (whose meaning this does not work out). Classes inside :not() and attribute selectors do not count. Pure:
the same text and words give the same result, so purging twice changes nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z0-9_-]+")
_PREFIX = re.compile(r"""([A-Za-z][\w-]*-)(?:\$\{|["']\s*\+)""")
"""The start of a class name a script puts together: `bs-tooltip-${placement}` or "bs-popover-" + placement."""
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_OPAQUE = re.compile(r"\\|:(?:is|where|has|host|matches|any)\(|:-\w+-any\(", re.I)
_GROUPING = ("@media", "@supports", "@layer", "@container", "@document")
_PRINT_ONLY = re.compile(r"@media\s+(?:only\s+)?print\s*$", re.I)


@dataclass(frozen=True)
class Words:
    """The words the site's pages and scripts contain, and the script words that start a name."""

    words: frozenset[str]
    prefixes: frozenset[str]

    @classmethod
    def of(cls, pages: Iterable[str], scripts: Iterable[str]) -> Words:
        words: set[str] = set()
        prefixes: set[str] = set()
        for text in pages:
            words.update(_WORD.findall(text))
        for text in scripts:
            words.update(_WORD.findall(text))
            prefixes.update(_PREFIX.findall(text))
        return cls(frozenset(words), frozenset(prefixes))

    def has(self, name: str) -> bool:
        if name in self.words:
            return True
        return any(name[: i + 1] in self.prefixes for i, char in enumerate(name) if char == "-")


def _skip_string(text: str, i: int) -> int:
    """The index after the string that starts at i."""
    quote, i = text[i], i + 1
    while i < len(text) and text[i] != quote:
        i += 2 if text[i] == "\\" else 1
    return i + 1


def _skip_comment(text: str, i: int) -> int:
    end = text.find("*/", i + 2)
    return len(text) if end < 0 else end + 2


def _scan(text: str, i: int, stops: str) -> int:
    """The index of the first character of `stops` at nesting depth 0 from i (strings and comments skipped)."""
    depth = 0
    while i < len(text):
        char = text[i]
        if char in "\"'":
            i = _skip_string(text, i)
            continue
        if text.startswith("/*", i):
            i = _skip_comment(text, i)
            continue
        if depth == 0 and char in stops:
            return i
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        i += 1
    return len(text)


@dataclass(frozen=True)
class _Item:
    prelude: str
    body: str | None  # None: a statement ending in ';'


def _items(text: str) -> Iterator[_Item]:
    i = 0
    while i < len(text):
        while i < len(text) and (text[i].isspace() or text.startswith("/*", i)):
            i = _skip_comment(text, i) if text.startswith("/*", i) else i + 1
        if i >= len(text):
            return
        stop = _scan(text, i, "{;}")
        if stop >= len(text) or text[stop] != "{":
            yield _Item(text[i : stop + 1], None)
            i = stop + 1
            continue
        end = _scan(text, stop + 1, "}")
        yield _Item(text[i:stop], text[stop + 1 : end])
        i = end + 1


def _split_selectors(prelude: str) -> list[str]:
    parts, i, start = [], 0, 0
    while True:
        i = _scan(prelude, i, ",")
        parts.append(prelude[start:i])
        if i >= len(prelude):
            return parts
        i = start = i + 1


def _without_groups(selector: str, opening: str) -> str:
    """The selector without every `opening ... )` or `[...]` group."""
    out, i = [], 0
    while True:
        at = selector.find(opening, i)
        if at < 0:
            out.append(selector[i:])
            return "".join(out)
        out.append(selector[i:at])
        close = ")" if opening.endswith("(") else "]"
        i = _scan(selector, at + len(opening), close) + 1


def selector_can_match(selector: str, words: Words) -> bool:
    if _OPAQUE.search(selector):
        return True
    plain = _without_groups(_without_groups(selector, "["), ":not(")
    return all(words.has(name) for name in _CLASS.findall(plain))


def purge(css: str, words: Words) -> str:
    """The stylesheet without the style rules none of whose selectors can match (see the module's text)."""
    out: list[str] = []
    for item in _items(css):
        head = item.prelude.strip()
        if item.body is None:
            out.append(head)
        elif head.startswith(_GROUPING):
            inner = purge(item.body, words)
            if inner:
                out.append(f"{head}{{{inner}}}")
        elif head.startswith("@") or any(selector_can_match(s, words) for s in _split_selectors(head)):
            out.append(f"{head}{{{item.body}}}")
    return "\n".join(out)


def for_screen(css: str) -> str:
    """The stylesheet without its `@media print` blocks (a block whose query also names a screen stays)."""
    out: list[str] = []
    for item in _items(css):
        head = item.prelude.strip()
        if item.body is None:
            out.append(head)
        elif not _PRINT_ONLY.match(head):
            out.append(f"{head}{{{item.body}}}")
    return "\n".join(out)
