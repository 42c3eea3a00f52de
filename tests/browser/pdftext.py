"""Just enough PDF reading for tests (no PDF library in the environment): page count and the text Chromium wrote.

Chromium (Skia) writes PDF 1.4 without object streams: Type0 fonts with a ToUnicode CMap, and text as hex glyph
strings in Tj/TJ operators. `pdftotext` (poppler-utils) is used instead when it is installed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
import zlib
from pathlib import Path

_OBJ = re.compile(rb"(\d+) 0 obj\s*(.*?)\s*endobj", re.S)
_STREAM = re.compile(rb"^(.*?)stream\r?\n(.*)\r?\nendstream$", re.S)
_REF = re.compile(rb"/(\w+) (\d+) 0 R")
_TOKENS = re.compile(
    rb"/([A-Za-z0-9_.+-]+)\s+[-\d.]+\s+Tf|(\[(?:[^\]\\]|\\.)*\])\s*TJ|<([0-9A-Fa-f\s]*)>\s*Tj|(T\*|Td|TD|Tm|ET)"
)


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    out = {}
    for match in _OBJ.finditer(data):
        body = match[2]
        stream = _STREAM.match(body)
        if stream:
            head, raw = stream[1], stream[2]
            if b"/FlateDecode" in head:
                try:
                    raw = zlib.decompress(raw)
                except zlib.error:
                    raw = zlib.decompressobj().decompress(raw)
            out[int(match[1])] = (head, raw)
        else:
            out[int(match[1])] = (body, None)
    return out


def _cmap(text: bytes) -> dict[int, str]:
    table: dict[int, str] = {}

    def chars(hexa: bytes) -> str:
        raw = bytes.fromhex(hexa.decode())
        return raw.decode("utf-16-be", errors="ignore")

    for block in re.findall(rb"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            table[int(src, 16)] = chars(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = chars(dst)
            for offset, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                table[code] = start[:-1] + chr(ord(start[-1]) + offset) if start else ""
    return table


def page_count(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", path.read_bytes()))


def pdf_text(path: Path) -> str:
    """All text of the PDF, page after page."""
    if shutil.which("pdftotext"):
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
        ).stdout
    objects = _objects(path.read_bytes())
    cmaps: dict[int, dict[int, str]] = {}
    for number, (head, _) in objects.items():
        ref = re.search(rb"/ToUnicode (\d+) 0 R", head)
        if ref and objects.get(int(ref[1]), (b"", None))[1] is not None:
            cmaps[number] = _cmap(objects[int(ref[1])][1])
    pages = []
    for head, _ in objects.values():
        if not re.search(rb"/Type\s*/Page(?![a-zA-Z])", head):
            continue
        fonts_block = re.search(rb"/Font\s*<<(.*?)>>", head, re.S)
        fonts = {name.decode(): int(num) for name, num in _REF.findall(fonts_block[1])} if fonts_block else {}
        contents = re.search(rb"/Contents (\d+) 0 R", head)
        if not contents:
            continue
        stream = objects[int(contents[1])][1] or b""
        table: dict[int, str] = {}
        words = []
        for font, array, single, move in _TOKENS.findall(stream):
            if font:
                table = cmaps.get(fonts.get(font.decode(), -1), {})
            elif move:
                words.append(" ")
            else:
                hexes = re.findall(rb"<([0-9A-Fa-f\s]*)>", array) if array else [single]
                for hexa in hexes:
                    raw = bytes.fromhex(re.sub(rb"\s", b"", hexa).decode())
                    words.extend(table.get(int.from_bytes(raw[i : i + 2], "big"), "") for i in range(0, len(raw), 2))
        pages.append("".join(words))
    return "\f".join(pages)


def squashed(text: str) -> str:
    """Text without any whitespace and with ligatures resolved ("ﬂ" -> "fl"), for containment checks: the text
    Chromium writes may space out letters (justified or letter-spaced lines) in either reader."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def link_targets(path: Path) -> list[bytes]:
    """The URIs of the PDF's link annotations (links inside the document are not URIs)."""
    found = []
    for head, raw in _objects(path.read_bytes()).values():
        found += re.findall(rb"/URI\s*\(([^)]*)\)", head + (raw or b""))
    return found
