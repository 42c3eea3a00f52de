"""Small helpers for browser tests: the learner store as the page sees it, and what an exported PNG shows."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path

COURSE = "samenwerken-jeugddomein"
SERIOUS = {"serious", "critical"}
STRUCTURE = {"region", "heading-order"}
"""Moderate axe rules that still fail a test: content outside every landmark, a skipped heading level."""
TOUCH = {"phone": {"width": 390, "height": 844}, "tablet": {"width": 820, "height": 1180}}
"""The touch screens the course is tried on (viewport sizes); the phone is also a mobile browser."""


def failing(violations: list[dict]) -> list[dict]:
    """The axe violations a test fails on: serious or critical ones, and those of the structure rules."""
    return [v for v in violations if v["impact"] in SERIOUS or v["id"] in STRUCTURE]


def follows_the_colour_scheme(page: object) -> bool:
    """Whether the open page follows the colour scheme (theme mode "auto"): every page with the course's runtime;
    the printable reader is a light print document and does not."""
    return page.evaluate("document.documentElement.dataset.mode") == "auto"


def store_key(widget_id: str) -> str:
    return f"jd:{COURSE}:w:{widget_id}"


def stored(page: object) -> dict[str, object]:
    """Every key of the course in localStorage, parsed where possible."""
    raw = page.evaluate(
        "() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('jd:'))"
        ".map(k => [k, localStorage.getItem(k)]))"
    )
    out = {}
    for key, value in raw.items():
        try:
            out[key] = json.loads(value)
        except ValueError:
            out[key] = value
    return out


def widget(page: object, widget_id: str) -> object:
    return page.locator(f'.jd-widget[data-widget-id="{widget_id}"]')


def png_size_and_ink(path: Path) -> tuple[int, int, int]:
    """Width, height and the number of dark pixels of an 8-bit RGB(A) PNG (no image library needed)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "geen PNG-bestand"
    pos, chunks = 8, {}
    idat = b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IDAT":
            idat += body
        else:
            chunks[kind] = body
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert depth == 8 and colour in (2, 6)
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    dark = 0
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        dark += sum(1 for i in range(0, stride, channels) if line[i] < 100 and line[i + 1] < 100 and line[i + 2] < 120)
        previous = line
    return width, height, dark


SEARCH_FINISHED = "() => typeof Search !== 'undefined' && Search.status && Search.status.innerText.trim().length > 0"
"""search.html has finished: Sphinx fetches every result page for its summary, then writes the status line."""


def wait_for_search(page: object) -> None:
    """Wait until the search page has shown all its results (leaving earlier aborts its page fetches)."""
    page.wait_for_function(SEARCH_FINISHED, timeout=20000)


def visible_one(page: object, selector: str) -> object:
    """The one visible element for `selector` in a page or frame; fails when there is none or more than one."""
    shown = [e for e in page.locator(selector).all() if e.is_visible()]
    assert len(shown) == 1, f"{len(shown)} zichtbare {selector}"
    return shown[0]


def press_after_leaving_field(page: object, button: object, field_left: str) -> None:
    """Press `button` with the mouse as a person does, held for a moment, right after typing in a field: the field's
    change event (and any redraw it asks for) comes while the button is down. `field_left` is true in the page once
    the press has taken the focus away from the field."""
    button.scroll_into_view_if_needed()
    area = button.bounding_box()
    page.mouse.move(area["x"] + area["width"] / 2, area["y"] + area["height"] / 2)
    page.mouse.down()
    page.wait_for_function(field_left)
    page.evaluate("() => new Promise((done) => setTimeout(done, 0))")  # a redraw the change put in a task runs now
    page.mouse.up()
