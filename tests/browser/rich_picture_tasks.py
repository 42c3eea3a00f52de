"""The rich picture's reference task, scripted as a student does it: keyboard only and with the mouse.

Both scripts use only what a person sees: the visible controls and the shortcuts the widget's help (`?`) lists. The
keyboard script counts key presses (the letters of names and words are not counted: they are the same in any design;
the letters typed to find a pictogram or an element are). The mouse script counts scroll jumps (every time the page
or a list must scroll to reach the next control), the scrolled distance and the pointer's travel in pixels.
The test (tests/browser/test_rich_picture_ergonomics.py) and the benchmark (bench/canvas.py) run the same scripts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from tests.browser.helpers import store_key, stored

WIDGET = "rich-picture-daan"

# pictogram search, name (8 actors)
ACTORS = [
    ("ki", "Sanne"),
    ("ouders", "Ouders"),
    ("le", "Juf Ilse"),
    ("in", "IB'er Karin"),
    ("je", "Ahmed"),
    ("wi", "Wijkteam"),
    ("gr", "Oma"),
    ("hu", "Jeugdarts"),
]
PICTOGRAMS = [
    "kind",
    "ouders",
    "leraar",
    "intern-begeleider",
    "jeugdhulpverlener",
    "wijkteam",
    "grootouder",
    "jeugdarts",
]
# source, target (indexes into ACTORS), words; the fifth is strained with a conflict
RELATIONS = [
    (0, 1, "woont bij"),
    (0, 2, "ziet elke dag"),
    (2, 3, "overleg"),
    (3, 4, "verwijst"),
    (1, 2, "botsen over huiswerk"),
    (5, 1, "ondersteunt"),
]
STRAINED = 4
SEARCH = {0: "sa", 1: "ou", 2: "ju", 3: "ib", 4: "ah", 5: "wi"}  # letters that find each actor by name
BOUNDARY = (0, 1, "Thuis")
WORRY = (1, "Zorgen over school")
THOUGHT = (2, "Wil dat Sanne meer rust krijgt")


@dataclass
class Keyboard:
    """The page's keyboard, counting presses."""

    page: object
    presses: int = 0

    def press(self, key: str) -> None:
        self.presses += 1
        self.page.keyboard.press(key)

    def search(self, letters: str) -> None:
        for letter in letters:
            self.press(letter)

    def write(self, text: str) -> None:
        """Type a name or the words of a relation (not counted), then Enter (counted)."""
        self.page.keyboard.type(text)
        self.press("Enter")


def focused(page: object) -> str | None:
    return page.evaluate(
        "() => document.activeElement.getAttribute('data-id') || document.activeElement.getAttribute('data-rel')"
    )


def keyboard_task(page: object, widget: object) -> int:
    """The reference picture by keyboard only, from the widget's "Nieuwe tekening" button. Returns the key presses."""
    widget.get_by_role("button", name="Nieuwe tekening").focus()
    keys = Keyboard(page)
    keys.press("Enter")
    for letters, name in ACTORS:
        keys.press("a")
        keys.search(letters)
        keys.press("Enter")
        keys.write(name)

    def go_to(index: int) -> None:
        keys.press("f")
        keys.search(SEARCH[index])
        keys.press("Enter")

    for i, (source, target, words) in enumerate(RELATIONS):
        go_to(source)
        keys.press("c")
        keys.search(SEARCH[target])
        keys.press("Enter")
        keys.write(words)
        if i == STRAINED:
            keys.press("s")  # sterk -> zwak
            keys.press("s")  # zwak -> gespannen
            keys.press("x")  # conflict
    first, second, label = BOUNDARY
    go_to(first)
    keys.press("Space")
    go_to(second)
    keys.press("Shift+Space")
    keys.press("g")
    keys.write(label)
    go_to(WORRY[0])
    keys.press("z")
    keys.write(WORRY[1])
    go_to(THOUGHT[0])
    keys.press("w")
    keys.write(THOUGHT[1])
    return keys.presses


@dataclass
class Mouse:
    """The page's mouse, counting scroll jumps, scrolled pixels and pointer travel."""

    page: object
    position: tuple[float, float] = (683.0, 384.0)
    travel: float = 0.0
    jumps: int = 0
    scrolled: float = 0.0
    log: list[str] = field(default_factory=list)

    def reach(self, locator: object) -> tuple[float, float]:
        """Scroll only when the control is not (fully) on screen; count that as one jump."""
        before = self.page.evaluate(
            "() => [scrollY, [...document.querySelectorAll('.jd-rp-options')].map(l => l.scrollTop)]"
        )
        box = locator.bounding_box()
        height = self.page.viewport_size["height"]
        header = self.page.evaluate("() => document.querySelector('.bd-header')?.getBoundingClientRect().bottom || 0")
        if box is None or box["y"] < header or box["y"] + box["height"] > height:
            locator.scroll_into_view_if_needed()
            locator.evaluate("e => e.getBoundingClientRect().top < 60 && scrollBy(0, -80)")
        after = self.page.evaluate(
            "() => [scrollY, [...document.querySelectorAll('.jd-rp-options')].map(l => l.scrollTop)]"
        )
        if after != before:
            self.jumps += 1
            self.scrolled += abs(after[0] - before[0]) + sum(
                abs(a - b) for a, b in zip(after[1], before[1], strict=False)
            )
        box = locator.bounding_box()
        return box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 20)

    def click(self, locator: object, modifiers: list[str] | None = None) -> None:
        x, y = self.reach(locator)
        self.travel += math.hypot(x - self.position[0], y - self.position[1])
        self.position = (x, y)
        self.page.mouse.move(x, y, steps=2)
        for key in modifiers or []:
            self.page.keyboard.down(key)
        self.page.mouse.click(x, y)
        for key in modifiers or []:
            self.page.keyboard.up(key)


def node_named(widget: object, name: str) -> object:
    return widget.locator(".jd-rp-canvas [data-id]").filter(has=widget.page.locator("text", has_text=name)).first


def mouse_task(page: object, widget: object) -> Mouse:
    """The reference picture with the mouse (names and words typed), from the top of the page."""
    mouse = Mouse(page)
    mouse.click(widget.get_by_role("button", name="Nieuwe tekening"))
    names = [name for _, name in ACTORS]
    for key, (_, name) in zip(PICTOGRAMS, ACTORS, strict=True):
        mouse.click(widget.get_by_role("button", name="Actor", exact=True))
        mouse.click(widget.locator(f'.jd-rp-option[data-key="{key}"]'))
        page.keyboard.type(name)
        page.keyboard.press("Enter")

    def element(index: int) -> object:
        target = node_named(widget, names[index])
        visible = page.evaluate(
            """([n, c]) => { const a = n.getBoundingClientRect(), b = c.getBoundingClientRect();
                return a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom; }""",
            [target.element_handle(), widget.locator(".jd-rp-canvas").element_handle()],
        )
        if not visible:
            mouse.click(widget.get_by_role("button", name="Passend"))
        return target

    for i, (source, target, words) in enumerate(RELATIONS):
        mouse.click(widget.get_by_role("button", name="Verbind"))
        mouse.click(element(source))
        mouse.click(element(target))
        page.keyboard.type(words)
        page.keyboard.press("Enter")
        if i == STRAINED:
            style = widget.get_by_label("Soort relatie")
            mouse.click(style)
            style.select_option("strained")
            mouse.click(widget.get_by_label("Conflict (gekruiste zwaarden)"))
    first, second, label = BOUNDARY
    mouse.click(element(first))
    mouse.click(element(second), modifiers=["Shift"])
    mouse.click(widget.get_by_role("button", name="Grens", exact=True))
    page.keyboard.type(label)
    page.keyboard.press("Enter")
    for (index, words), tool in ((WORRY, "Zorg"), (THOUGHT, "Gedachte")):
        mouse.click(element(index))
        mouse.click(widget.get_by_role("button", name=tool, exact=True))
        page.keyboard.type(words)
        page.keyboard.press("Enter")
    return mouse


def check_reference_picture(scene: dict) -> None:
    """The picture the task asks for, exactly."""
    actors = [e for e in scene["elements"] if e["kind"] == "actor"]
    assert [a["label"] for a in actors] == [name for _, name in ACTORS]
    assert [a["pictogram"] for a in actors] == PICTOGRAMS
    by_label = {a["label"]: a["id"] for a in actors}
    ids = [by_label[name] for _, name in ACTORS]
    assert [(r["source"], r["target"], r["label"]) for r in scene["relations"]] == [
        (ids[s], ids[t], words) for s, t, words in RELATIONS
    ]
    strained = [r for r in scene["relations"] if r["style"] == "strained" or r["conflict"]]
    assert [(r["label"], r["style"], r["conflict"]) for r in strained] == [("botsen over huiswerk", "strained", True)]
    boundaries = [e for e in scene["elements"] if e["kind"] == "boundary"]
    assert [b["label"] for b in boundaries] == ["Thuis"]
    bubbles = {(e["variant"], e["actor"], e["label"]) for e in scene["elements"] if e["kind"] == "bubble"}
    assert bubbles == {("worry", ids[WORRY[0]], WORRY[1]), ("thought", ids[THOUGHT[0]], THOUGHT[1])}


def active_scene(page: object) -> dict:
    """The stored scene of the picture the student has open."""
    state = stored(page)[store_key(WIDGET)]["state"]
    return next(p["scene"] for p in state["pictures"] if p["id"] == state["active"])


def wait_for_saved_scene(page: object, condition: str) -> dict:
    """Wait until the stored active picture meets `condition` (a JS expression over `scene`), then return it.

    A pointer or key event is handled in the page's own time; the test reads the store only once the save landed.
    """
    page.wait_for_function(
        """(key) => {
          const record = JSON.parse(localStorage.getItem(key) || "null");
          const picture = record && record.state.pictures.find((p) => p.id === record.state.active);
          const scene = picture && picture.scene;
          return Boolean(scene && (CONDITION));
        }""".replace("CONDITION", condition),
        arg=store_key(WIDGET),
    )
    return active_scene(page)
