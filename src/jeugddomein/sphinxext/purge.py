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

The theme also declares some eight hundred custom properties (`--pst-color-...`, `--bs-...`, `--sd-...`), many of
them read only by rules that are left out. `without_unread_custom_properties` leaves out a declaration of one that
nothing reads: no `var()` in the stylesheet, and no mention in the names given (the site's pages, scripts and other
stylesheets), until none is left to leave out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

_WORD = re.compile(r"[A-Za-z0-9_-]+")
_PREFIX = re.compile(r"""([A-Za-z][\w-]*-)(?:\$\{|["']\s*\+)""")
"""The start of a class name a script puts together: `bs-tooltip-${placement}` or "bs-popover-" + placement."""
_CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_OPAQUE = re.compile(r"\\|:(?:is|where|has|host|matches|any)\(|:-\w+-any\(", re.I)
_GROUPING = ("@media", "@supports", "@layer", "@container", "@document")
_VAR = re.compile(r"var\(\s*(--[\w-]+)")
_CUSTOM_NAME = re.compile(r"--[\w-]+")
_CUSTOM_DECLARATION = re.compile(r"\s*(--[\w-]+)\s*:")
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


def _split(text: str, separator: str) -> list[str]:
    """The parts of the text between separators at nesting depth 0 (not inside strings, comments or brackets)."""
    parts, i, start = [], 0, 0
    while True:
        i = _scan(text, i, separator)
        parts.append(text[start:i])
        if i >= len(text):
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


def _each_style_rule(css: str, rule: Callable[[str, str], str | None]) -> str:
    """The stylesheet with every style rule's body replaced by `rule(selectors, body)` (None: the rule goes), also
    inside @media and the other groupings (a grouping left empty goes); statements and other at-rules stay."""
    out: list[str] = []
    for item in _items(css):
        head = item.prelude.strip()
        if item.body is None:
            out.append(head)
        elif head.startswith(_GROUPING):
            inner = _each_style_rule(item.body, rule)
            if inner:
                out.append(f"{head}{{{inner}}}")
        elif head.startswith("@"):
            out.append(f"{head}{{{item.body}}}")
        elif (body := rule(head, item.body)) is not None:
            out.append(f"{head}{{{body}}}")
    return "\n".join(out)


def purge(css: str, words: Words) -> str:
    """The stylesheet without the style rules none of whose selectors can match (see the module's text)."""
    return _each_style_rule(
        css, lambda head, body: body if any(selector_can_match(s, words) for s in _split(head, ",")) else None
    )


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


def custom_properties_named(texts: Iterable[str]) -> frozenset[str]:
    """Every custom property name the texts mention (pages and scripts: a style attribute, `setProperty`)."""
    return frozenset(name for text in texts for name in _CUSTOM_NAME.findall(text))


def custom_properties_read(css: str) -> frozenset[str]:
    """Every custom property a stylesheet reads with `var()`."""
    return frozenset(_VAR.findall(css))


def without_unread_custom_properties(css: str, read_elsewhere: frozenset[str]) -> str:
    """The stylesheet without the declarations of custom properties that neither it nor `read_elsewhere` reads.

    Leaving one out can leave another unread (`--a: var(--b)`), so this repeats until nothing changes. A rule left
    without declarations goes too; rules with nested blocks and at-rules other than groupings stay as they are."""
    while True:
        thinner = _drop_declarations(css, custom_properties_read(css) | read_elsewhere)
        if thinner == css:
            return css
        css = thinner


def _drop_declarations(css: str, read: frozenset[str]) -> str:
    def thinned(head: str, body: str) -> str | None:
        if "{" in body:  # nested rules: left as they are
            return body
        return ";".join(d for d in _declarations(body) if not _unread(d, read)) or None

    return _each_style_rule(css, thinned)


def _declarations(body: str) -> list[str]:
    return [part for part in _split(body, ";") if part.strip()]


def _unread(declaration: str, read: frozenset[str]) -> bool:
    match = _CUSTOM_DECLARATION.match(declaration)
    return match is not None and match[1] not in read
