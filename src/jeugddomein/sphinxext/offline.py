"""The course offline: a web app manifest, the list of files a student's browser keeps, and the service worker.

At build-finished (after the pages are finished) this writes into the site root:

- `manifest.webmanifest`: the course's Dutch name, start page and icon (installable);
- `_static/jeugddomein/offline.json`: every file of the offline copy with its size and content hash;
- `sw.js`: the service worker (template `static/sw.js`), headed by the course id, the version and the hash of the
  list, so its bytes change whenever any file of the copy changes and the browser installs the new version.

The offline copy is every page and page-level file (figures, search index) plus what the pages refer to under
_static/ (styles, scripts, fonts, images, found through the HTML and CSS), plus the course's own front end
(_static/jeugddomein/: widget modules and styles, course index, schema). Sources, source maps and build files stay
out. `write_offline_files` needs only the built folder, so a test can turn a copy of a site into a new version.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote, urlsplit

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..paths import STATIC_DIR

WORKER = "sw.js"
MANIFEST = "manifest.webmanifest"
LIST = "_static/jeugddomein/offline.json"
ICONS = {192: "_static/jeugddomein/icon-192.png", 512: "_static/jeugddomein/icon-512.png"}
SHORT_NAME = "Jeugddomein"
THEME_COLOR = "#1f5f8b"
FRONT_END = "_static/jeugddomein/"

_SKIPPED_DIRS = ("_sources/", "_static/")
_SKIPPED_FILES = {".buildinfo", "objects.inv", WORKER, LIST}
_SKIPPED_SUFFIXES = (".map", ".doctree", ".pickle")
_GENERATED = (f"{FRONT_END}inline/", f"{FRONT_END}bundle/")
_OLD_FONTS = (".ttf", ".eot", ".woff", ".otf")
_HTML_REF = re.compile(r"""\s(?:href|src)\s*=\s*["']([^"'#]+)""", re.I)
_CSS_REF = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)|@import\s+["']([^"']+)["']""", re.I)


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _local(reference: str, from_file: str, files: set[str]) -> str | None:
    """The site file a relative reference in `from_file` points to, if it is one."""
    parts = urlsplit(reference.strip())
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    path = PurePosixPath(from_file).parent / unquote(parts.path)
    normal: list[str] = []
    for part in path.parts:
        if part == "..":
            if not normal:
                return None
            normal.pop()
        elif part not in (".", ""):
            normal.append(part)
    name = "/".join(normal)
    return name if name in files else None


def offline_files(site: Path) -> list[str]:
    """The files of the offline copy, as POSIX paths from the site root, sorted."""
    every = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    wanted = {
        name
        for name in every
        if not name.startswith(_SKIPPED_DIRS) and name not in _SKIPPED_FILES and not name.endswith(_SKIPPED_SUFFIXES)
    }
    wanted |= {
        name
        for name in every
        if name.startswith(FRONT_END)
        and not name.startswith(_GENERATED)  # found through the pages (older builds may have left others)
        and name != LIST
        and not name.endswith(_SKIPPED_SUFFIXES)
    }
    queue = sorted(name for name in wanted if name.endswith((".html", ".css")))
    while queue:
        name = queue.pop()
        text = (site / name).read_text(encoding="utf-8", errors="replace")
        pattern = _HTML_REF if name.endswith(".html") else _CSS_REF
        for match in pattern.finditer(text):
            reference = next(group for group in match.groups() if group)
            found = _local(reference, name, every)
            if found and found not in wanted and not found.startswith("_sources/") and not found.endswith(".map"):
                wanted.add(found)
                if found.endswith(".css"):
                    queue.append(found)
    # Browsers with service workers all read WOFF2: older font formats beside a .woff2 stay out.
    return sorted(
        name for name in wanted if not (name.endswith(_OLD_FONTS) and f"{name.rsplit('.', 1)[0]}.woff2" in wanted)
    )


def offline_list(site: Path, course: str, version: str) -> dict[str, Any]:
    """The list the service worker installs: [path, size, sha256] per file, and a hash over all of them."""
    entries = []
    for name in offline_files(site):
        data = (site / name).read_bytes()
        entries.append([name, len(data), _digest(data)])
    total = _digest(json.dumps([course, version, entries]).encode("utf-8"))[:16]
    return {"course": course, "version": version, "hash": total, "files": entries}


def web_manifest(title: str, course: str, icons: list[dict[str, str]]) -> dict[str, Any]:
    """The web app manifest (relative URLs: the course may live in a subfolder)."""
    return {
        "id": f"./?cursus={course}",
        "name": title,
        "short_name": SHORT_NAME if len(title) > 30 else title,
        "description": f"Open cursus {title}: lezen, oefenen en je portfolio bijhouden, ook zonder internet.",
        "lang": "nl",
        "dir": "ltr",
        "start_url": "./intro.html",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOR,
        "icons": icons,
    }


def _sized_svg(svg: str, size: int) -> str:
    """The SVG with its root width and height set to `size` (its viewBox keeps the drawing)."""
    head, rest = svg.split(">", 1)
    head = re.sub(r'\s(?:width|height)="[^"]*"', "", head)
    return f'{head} width="{size}" height="{size}">{rest}'


def write_icons(site: Path, favicon: Path | None) -> list[dict[str, str]]:
    """PNG icons (192 and 512 px) drawn from the SVG favicon; the SVG itself is listed as a scalable icon."""
    if favicon is None or favicon.suffix != ".svg" or not favicon.is_file():
        return []
    import vl_convert

    svg = favicon.read_text(encoding="utf-8")
    icons = []
    for size, name in ICONS.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(vl_convert.svg_to_png(_sized_svg(svg, size)))
        icons.append({"src": name, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"})
    return icons


def write_offline_files(site: Path, *, course: str, version: str, title: str, icons: list[dict[str, str]]) -> str:
    """Write the manifest, the offline list and the service worker into a built site; returns the cache name."""
    (site / MANIFEST).write_text(
        json.dumps(web_manifest(title, course, icons), ensure_ascii=False, indent=1), encoding="utf-8"
    )
    listing = offline_list(site, course, version)
    (site / LIST).parent.mkdir(parents=True, exist_ok=True)
    (site / LIST).write_text(json.dumps(listing, ensure_ascii=False), encoding="utf-8")
    settings = {"course": course, "version": version, "hash": listing["hash"], "list": LIST}
    template = (STATIC_DIR / WORKER).read_text(encoding="utf-8")
    (site / WORKER).write_text(
        f"// Generated at build time. Settings of this build:\nself.JD_OFFLINE = {json.dumps(settings)};\n{template}",
        encoding="utf-8",
    )
    return f"jd-{course}-{version}-{listing['hash']}"


def _manifest_link(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Every page links the web app manifest (runtime.js takes the site root from it to register the worker)."""
    if "pathto" not in context:
        return
    href = context["pathto"](MANIFEST, 1)
    context["metatags"] = (
        context.get("metatags", "")
        + f'<link rel="manifest" href="{href}" />\n<meta name="theme-color" content="{THEME_COLOR}" />\n'
    )


def _write(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    site = Path(app.outdir)
    favicon = Path(app.confdir) / app.config.html_favicon if app.config.html_favicon else None
    write_offline_files(
        site,
        course=app.config.jd_course_id,
        version=app.config.jd_course_version,
        title=app.config.html_title or app.config.project,
        icons=write_icons(site, favicon),
    )


class OfflineStatusDirective(SphinxDirective):
    """A line that says whether the course is available offline on this device (offline.js fills it in)."""

    def run(self) -> list[nodes.Node]:
        text = "Of de cursus op dit apparaat offline beschikbaar is, zie je hier zodra de pagina geladen is."
        return [nodes.paragraph(text=text, classes=["jd-offline-status"])]


def setup(app: Sphinx) -> None:
    app.add_directive("offline-status", OfflineStatusDirective)
    app.connect("html-page-context", _manifest_link)
    app.connect("build-finished", _write, priority=900)  # after the pages are finished (priority 800)
