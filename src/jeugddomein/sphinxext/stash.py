"""Typed access to the values the extension keeps on Sphinx's application and build environment.

Sphinx declares no attributes for an extension's own values; each is stored under one `jd_*` name and read back with
its type checked, so the rest of the extension works with typed values.
"""

from __future__ import annotations

from typing import Any, TypeVar

T = TypeVar("T")


def keep(holder: object, name: str, value: T) -> T:
    """Store `value` as `name` on `holder` (the Sphinx application or the build environment)."""
    setattr(holder, name, value)
    return value


def kept(holder: object, name: str, kind: type[T]) -> T:
    """The value stored as `name` on `holder`; AttributeError when it was never stored."""
    value = getattr(holder, name)
    if not isinstance(value, kind):
        raise TypeError(f"{name} holds a {type(value).__name__}, not a {kind.__name__}")
    return value


def table(holder: object, name: str) -> dict[str, Any]:
    """A table stored as `name` on `holder` (e.g. per document in the pickled environment), made empty on first use."""
    if not hasattr(holder, name):
        keep(holder, name, {})
    return kept(holder, name, dict)
