"""Faults put into the course's real YAML files at test time: one edit at a YAML path, the rest of the text untouched.

Editing the text (rather than loading and dumping the data) keeps comments, layout and line numbers, so a message's
line can be checked against the very text that was loaded.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

Path_ = tuple[str | int, ...]


class _Remove:
    def __repr__(self) -> str:
        return "REMOVE"


REMOVE = _Remove()
"""As a new value: take the key or list item out."""


def _node(root: yaml.Node, path: Path_) -> yaml.Node:
    node = root
    for step in path:
        if isinstance(node, yaml.MappingNode):
            node = next(value for key, value in node.value if key.value == str(step))
        else:
            node = node.value[int(step)]
    return node


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _end(text: str, node: yaml.Node) -> tuple[int, bool]:
    """Where a node's text ends, and whether that end is the start of a line (block collections end at the next
    token, which may sit after the indentation of the following line)."""
    end = node.end_mark.index
    start = _line_start(text, end)
    if start < end and not text[start:end].strip():
        return start, True
    return end, end == start


def _after_line(text: str, node: yaml.Node) -> int:
    """The start of the line after a node's text."""
    end, at_line_start = _end(text, node)
    if at_line_start:
        return end
    newline = text.find("\n", end)
    return len(text) if newline < 0 else newline + 1


def line_at(text: str, path: Path_) -> int:
    """The 1-based line of a YAML path in `text`: the key's line for a mapping entry, the item's line in a list."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    if not path:
        return root.start_mark.line + 1
    parent = _node(root, path[:-1])
    if isinstance(parent, yaml.MappingNode):
        return next(k for k, _ in parent.value if k.value == str(path[-1])).start_mark.line + 1
    return parent.value[int(path[-1])].start_mark.line + 1


def mutate(text: str, path: Path_, value: object = REMOVE) -> str:
    """`text` with the node at `path` replaced by `value` (written as flow YAML), added when the key is new, or
    removed (key and value, or the list item, with its lines)."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    parent, step = _node(root, path[:-1]), path[-1]
    if isinstance(parent, yaml.MappingNode):
        found = [(k, v) for k, v in parent.value if k.value == str(step)]
        if not found:
            if value is REMOVE:
                raise KeyError(path)
            indent = " " * parent.value[0][0].start_mark.column
            at = _after_line(text, parent.value[-1][1])
            return text[:at] + f"{indent}{step}: {json.dumps(value, ensure_ascii=False)}\n" + text[at:]
        key, node = found[0]
    else:
        key, node = None, parent.value[int(step)]
    if value is not REMOVE:
        end, at_line_start = _end(text, node)
        new = json.dumps(value, ensure_ascii=False) + ("\n" if at_line_start else "")
        return text[: node.start_mark.index] + new + text[end:]
    if parent.flow_style:
        raise NotImplementedError(f"{path}: removing from a flow collection; set the whole collection instead")
    return text[: _line_start(text, (key or node).start_mark.index)] + text[_after_line(text, node) :]


def data_with(folder: Path, files: dict[str, str]) -> Path:
    """`folder`/data: the course's data/ (linked, not copied) with these files (path in data/ -> text) written over it
    or added."""
    data = folder / "data"
    shutil.copytree(DATA, data, copy_function=os.symlink)
    for file, text in files.items():
        target = data / file
        target.unlink(missing_ok=True)
        target.write_text(text, encoding="utf-8")
    return data
