"""Finish every built HTML page: accessibility repairs, inline icons, no icon script, the search index only on the
search page, nothing inline for the CSP.

The site must run under `Content-Security-Policy: default-src 'self'` without 'unsafe-inline' (see the hosting
guide). The theme and its extensions write small inline <script> and <style> blocks, `style="..."` attributes and an
`onclick` print button; `finish` moves each of them into a content-hashed file under _static/jeugddomein/inline/ (or
a class in such a file) and refers to it. Both `finish` and `finish_page` are pure and idempotent.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass, field
from html import unescape as html_unescape
from pathlib import Path

from .a11y import complete_redirect, repair
from .bundle import BUNDLE_DIR, bundle_head, content_name
from .icons import inline_icons
from .purge import (
    Words,
    custom_properties_named,
    custom_properties_read,
    for_screen,
    purge,
    without_unread_custom_properties,
)

INLINE_DIR = "_static/jeugddomein/inline"

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
"""The policy the site is built and tested for (the hosting guide shows it in nginx and Apache configs)."""

_ICON_SCRIPT = re.compile(r'\s*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')
_SEARCH_SCRIPTS = re.compile(
    r'\s*<script src="[^"]*_static/searchtools\.js"></script>\s*<script src="[^"]*_static/language_data\.js"></script>'
    r'\s*<script src="[^"]*searchindex\.js"></script>'
)
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_STYLE = re.compile(r"<style\b(?P<attrs>[^>]*)>(?P<body>.*?)</style\s*>", re.S | re.I)
_SVG = re.compile(r"<svg\b.*?</svg\s*>", re.S | re.I)
_ATTR = re.compile(
    r'\s(?P<name>[a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\s*=\s*(?:"(?P<dq>[^"]*)"|\'(?P<sq>[^\']*)\'|(?P<bare>[^\s>]+)))?'
)
_START_TAG_WITH_STYLE = re.compile(
    r'<(?P<tag>[a-zA-Z][a-zA-Z0-9-]*)(?P<attrs>(?:\s[^<>]*?)?\sstyle="[^"]*"[^<>]*?)(?P<end>/?)>'
)
_STYLE_ATTR = re.compile(r'\sstyle="(?P<value>[^"]*)"')
_CLASS_ATTR = re.compile(r'\sclass="(?P<value>[^"]*)"')
# Types a browser runs as script (HTML standard: a JavaScript MIME type essence, "module" or none).
_SCRIPT_TYPES = {
    "",
    "module",
    "text/javascript",
    "application/javascript",
    "application/ecmascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
}
# Inline event handlers the theme writes, and the data attribute runtime.js handles instead (no eval under the CSP).
KNOWN_HANDLERS = {("onclick", "window.print()"): "data-jd-print"}


@dataclass
class Finished:
    """A finished page and the files it now refers to (path under the site root -> text)."""

    html: str
    files: dict[str, str] = field(default_factory=dict)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _attributes(attrs: str) -> dict[str, str | None]:
    return {
        m["name"].lower(): next((v for v in (m["dq"], m["sq"], m["bare"]) if v is not None), None)
        for m in _ATTR.finditer(attrs)
    }


def _without(attrs: str, names: set[str]) -> str:
    return "".join(m.group(0) for m in _ATTR.finditer(attrs) if m["name"].lower() not in names)


def is_executable(attrs: str) -> bool:
    """Whether a <script> with these attributes is run by the browser (data blocks such as JSON are not)."""
    kind = (_attributes(attrs).get("type") or "").split(";")[0].strip().lower()
    return kind in _SCRIPT_TYPES


def externalize_scripts(html: str, root: str = "") -> Finished:
    """Move every executable inline script into a hashed file; the <script src> stays where the code was.

    An external classic script without `defer`/`async` runs at the same moment an inline one did (parser-blocking,
    in document order), so order is kept; `defer` and `async` are dropped because browsers ignore them on inline
    classic scripts. Inline module scripts stay modules (deferred as before; `async` is kept).
    """
    files: dict[str, str] = {}

    def move(match: re.Match[str]) -> str:
        attrs, body = match["attrs"], match["body"]
        names = _attributes(attrs)
        if "src" in names or not is_executable(attrs):
            return match.group(0)
        if not body.strip():
            return ""
        module = (names.get("type") or "").strip().lower() == "module"
        name = f"{INLINE_DIR}/{_digest(body)}.js"
        files[name] = body.strip() + "\n"
        kept = _without(attrs, {"defer"} if module else {"defer", "async"})
        return f'<script{kept} src="{root}{name}"></script>'

    return Finished(_SCRIPT.sub(move, html), files)


def externalize_styles(html: str, root: str = "") -> Finished:
    """Move <style> blocks into hashed stylesheets and style attributes into hashed classes.

    A block in the page becomes a <link> in its place; a block inside an inline SVG (where a <link> cannot go; its
    rules apply to the whole document anyway) is linked from <head>. Attributes become `!important` class rules,
    which outrank the stylesheets as the attribute did.
    """
    files: dict[str, str] = {}
    head_links: list[str] = []
    svgs = [(m.start(), m.end()) for m in _SVG.finditer(html)]

    def inside_svg(position: int) -> bool:
        return any(start <= position < end for start, end in svgs)

    def move_block(match: re.Match[str]) -> str:
        body = match["body"]
        if not body.strip():
            return ""
        name = f"{INLINE_DIR}/{_digest(body)}.css"
        if name in files:
            return ""  # the same block again (e.g. a table style per notebook output): linked once is enough
        files[name] = body.strip() + "\n"
        media = _attributes(match["attrs"]).get("media")
        media_attr = f' media="{media}"' if media else ""
        link = f'<link rel="stylesheet" href="{root}{name}"{media_attr} />'
        if inside_svg(match.start()):
            head_links.append(link)
            return ""
        return link

    html = _STYLE.sub(move_block, html)

    rules: dict[str, str] = {}

    def move_attribute(match: re.Match[str]) -> str:
        attrs = match["attrs"]
        style = _STYLE_ATTR.search(attrs)
        if style is None:  # cannot happen: the tag was matched for its style attribute
            return match[0]
        value = style["value"].strip()
        attrs = _STYLE_ATTR.sub("", attrs, count=1)
        if not value:
            return f"<{match['tag']}{attrs}{match['end']}>"
        declarations = [d.strip() for d in html_unescape(value).split(";") if d.strip()]
        body = ";".join(d if d.endswith("!important") else f"{d} !important" for d in declarations)
        cls = f"jd-s-{_digest(body)[:10]}"
        rules[cls] = body
        if _CLASS_ATTR.search(attrs):
            attrs = _CLASS_ATTR.sub(lambda m: f' class="{m["value"]} {cls}"', attrs, count=1)
        else:
            attrs = f' class="{cls}"{attrs}'
        return f"<{match['tag']}{attrs}{match['end']}>"

    html = _START_TAG_WITH_STYLE.sub(move_attribute, html)
    if rules:
        css = "".join(f".{cls}{{{body}}}\n" for cls, body in sorted(rules.items()))
        name = f"{INLINE_DIR}/{_digest(css)}.css"
        files[name] = css
        head_links.append(f'<link rel="stylesheet" href="{root}{name}" />')
    if head_links:
        html = in_head_before_hints(html, "\n".join(head_links) + "\n")
    return Finished(html, files)


_COURSE_HINT = re.compile(r'<link rel="(?:modulepreload|preload)"[^>]*\bhref="[^"]*_static/jeugddomein/')
"""A hint for a widget module or stylesheet (not the theme's own preload after its stylesheets)."""


def in_head_before_hints(html: str, links: str) -> str:
    """The page with `links` at the end of its head, before the course's resource hints that close it
    (templates/layout.html): a stylesheet the first paint waits for is requested before the hints can take the
    browser's connections."""
    end = html.find("</head>")
    if end < 0:
        return html
    hint = _COURSE_HINT.search(html, 0, end)
    at = hint.start() if hint else end
    return html[:at] + links + html[at:]


def drop_search_index(html: str) -> str:
    """Keep Sphinx's search scripts and the whole search index on the search page only.

    The theme loads them in the head of every page (blocking, ~50 KB gzip) for its search-as-you-type option, which
    this course leaves off: the search button opens a form that goes to search.html, which has its own copy.
    """
    if 'id="search-results"' in html:
        return html
    return _SEARCH_SCRIPTS.sub("", html)


def replace_handlers(html: str) -> str:
    """Turn the theme's known inline event handlers into data attributes that runtime.js listens for."""
    for (event, code), attribute in KNOWN_HANDLERS.items():
        html = html.replace(f'{event}="{code}"', f'{attribute}=""')
    return html


def finish(html: str, light: bool = True, root: str = "") -> Finished:
    """One page, finished, with the files it refers to; `root` is the relative path from the page to the site root."""
    html = repair(complete_redirect(html))
    if light:
        html = drop_search_index(_ICON_SCRIPT.sub("", inline_icons(html)))
    scripts = externalize_scripts(replace_handlers(html), root)
    styles = externalize_styles(scripts.html, root)
    return Finished(styles.html, {**scripts.files, **styles.files})


def finish_page(html: str, light: bool = True, root: str = "") -> str:
    """One page, finished; `light=False` keeps the theme's icon font and script (for benchmarks)."""
    return finish(html, light, root).html


_PLURAL_EVAL = re.compile(
    r"Documentation\.PLURAL_EXPR = new Function\(\s*\"n\",\s*`return \(\$\{catalog\.plural_expr\}\)`\s*\);"
)
# Sphinx's doctools.js compiles the language's plural rule with `new Function` (needs 'unsafe-eval'). The rule is
# one of a few gettext expressions; these are the common ones, as plain functions.
_PLURAL_RULES = """{
      "(n != 1)": (n) => Number(n != 1),
      "(n > 1)": (n) => Number(n > 1),
      "0": () => 0,
    }"""


def patch_doctools(js: str) -> str:
    """doctools.js without `new Function` (idempotent); unknown plural rules fall back to one/other."""
    return _PLURAL_EVAL.sub(
        "Documentation.PLURAL_EXPR = " + _PLURAL_RULES + "[String(catalog.plural_expr).trim()]"
        " || ((n) => Number(n != 1)); // no eval under the CSP (jeugddomein postprocess)",
        js,
    )


_NOHIGHLIGHT_PARENT = '!parent.classList.contains("nohighlight")'


def patch_highlighter(js: str) -> str:
    """sphinx_highlight.js leaving alone all text inside an element of class "nohighlight", not only its own text
    (idempotent). The widgets carry that class: their views own their text nodes and drawings, and the highlighter
    would split those nodes and lay rectangles into a rich picture's drawing."""
    return js.replace(_NOHIGHLIGHT_PARENT, '!parent.closest(".nohighlight")')


_THEME_SCRIPT_PATCHES = {"doctools.js": patch_doctools, "sphinx_highlight.js": patch_highlighter}


def finish_site(outdir: Path, light: bool = True, originals: Path | None = None) -> None:
    """Every page of a built site, finished in place; the files moved out of the pages are written once.

    `originals`: where the joined stylesheets are kept whole between builds (outside the site); without it the
    joined stylesheets are not purged."""
    for name, patch in _THEME_SCRIPT_PATCHES.items():
        script = outdir / "_static" / name
        if script.is_file():
            text = script.read_text(encoding="utf-8")
            patched = patch(text)
            if patched != text:
                script.write_text(patched, encoding="utf-8")
    pages = [path for path in outdir.rglob("*.html") if path.relative_to(outdir).parts[0] != "_static"]
    for path in pages:
        relative = path.relative_to(outdir)
        text = path.read_text(encoding="utf-8")
        root = "../" * (len(relative.parts) - 1)
        done = finish(text, light, root)
        _write_new(outdir, done.files)
        html = done.html
        if light:  # fewer requests before the first paint (bundle.py); stock pages keep the theme's own head
            html, files = bundle_head(html, root, lambda name: (outdir / name).read_text(encoding="utf-8"))
            _write_new(outdir, files)
        if html != text:
            path.write_text(html, encoding="utf-8")
    if light and originals is not None:
        _purge_bundled_styles(outdir, pages, originals)


FULL_STYLES = "data-jd-full-styles"
"""Marks the whole theme stylesheet that loads without blocking the first paint; runtime.js applies it."""
_BUNDLED_STYLE = re.compile(
    rf'<link rel="stylesheet" href="(?P<root>[^"]*){re.escape(BUNDLE_DIR)}/(?P<key>[0-9a-f]{{16}})(?:\.[0-9a-f]{{8}})?'
    rf'(?:\.first)?\.css" />(?:\s*<link rel="stylesheet" href="[^"]*" media="print" {FULL_STYLES} />)?'
)
"""A page's joined head stylesheet as bundle.py wrote it, or as finished here before (first-paint part + whole)."""
_DECORATING_SCRIPTS = ("copybutton.js",)
"""Theme scripts under _static/ that add elements while the page loads (a copy button on every code block): their
classes count for the first paint as the pages' own do (tests/browser/test_first_paint.py finds any other)."""
_RUNTIME = re.compile(r'<script\b[^>]*\bsrc="[^"]*_static/jeugddomein/runtime\.js[?"]')
"""The course's page script, which applies the whole stylesheet once it is in."""


def styled_links(root: str, first: str, whole: str) -> str:
    """The head's theme styles: the part the site's pages can use blocks the first paint; the whole stylesheet
    follows in the same place, loaded without blocking (media="print") until runtime.js applies it, so the cascade
    ends exactly as with the whole stylesheet alone."""
    return (
        f'<link rel="stylesheet" href="{root}{BUNDLE_DIR}/{first}" />\n'
        f'<link rel="stylesheet" href="{root}{BUNDLE_DIR}/{whole}" media="print" {FULL_STYLES} />'
    )


def _purge_bundled_styles(outdir: Path, pages: list[Path], originals: Path) -> None:
    """Each page's joined head stylesheet without the rules no page of the site can use (purge.py), in two parts.

    The joined stylesheet as bundle.py wrote it (`<key>.css`, named by its content) is kept in `originals`, outside
    the site. Every build purges again from the original with the words of the whole finished site, so a page or
    script that starts using a class gets its rule back even on pages the build did not write again:

    - the whole: without the rules that nothing can use (`<key>.<content>.css`), and without the custom properties
      that nothing reads: not the stylesheet itself, nor the pages, the scripts or the course's other stylesheets
      (the widgets' own, loaded apart);
    - the first-paint part: also without the rules for classes that only the theme's scripts add at run time (a
      menu opened, a tooltip) and without the print rules (a printed page has the whole: its link's media is
      "print" until runtime.js makes it "all"), named `<key>.<content>.first.css`: on a slow network the first
      paint waits for less. Custom properties that only the left-out rules read go as well (the whole, applied
      later, declares them again).
      The course's own scripts, and theme scripts that add elements as the page loads, count as the pages do: what
      they add shows at once.

    Both are shared by every page with the same joined stylesheet, so a second page costs nothing. A page without
    the course's runtime, which applies the whole (the printable reader has no scripts), links the whole alone.
    Joined stylesheets no page refers to any more are removed."""
    folder = outdir / BUNDLE_DIR
    texts = {path: path.read_text(encoding="utf-8") for path in pages}
    keys = {match["key"] for text in texts.values() for match in _BUNDLED_STYLE.finditer(text)}
    if not keys:
        return
    originals.mkdir(parents=True, exist_ok=True)
    for key in keys:
        fresh = folder / f"{key}.css"
        if fresh.is_file():
            shutil.copyfile(fresh, originals / fresh.name)
    static = outdir / "_static"
    scripts = {path: path.read_text(encoding="utf-8") for path in static.rglob("*.js")}
    first_scripts = [
        text
        for path, text in scripts.items()
        if (static / "jeugddomein" in path.parents and folder not in path.parents)
        or path.relative_to(static).as_posix() in _DECORATING_SCRIPTS
    ]
    pages_words = [_BUNDLED_STYLE.sub("", text) for text in texts.values()]
    words = Words.of(pages_words, scripts.values())
    first_words = Words.of(pages_words, first_scripts)
    read_elsewhere = custom_properties_named([*pages_words, *scripts.values()]) | frozenset().union(
        *(
            custom_properties_read(sheet.read_text(encoding="utf-8"))
            for sheet in (static / "jeugddomein").rglob("*.css")
            if folder not in sheet.parents
        )
    )
    names: dict[str, tuple[str, str]] = {}
    sheets: dict[str, str] = {}
    for key in sorted(keys):
        whole = purge((originals / f"{key}.css").read_text(encoding="utf-8"), words)
        whole = without_unread_custom_properties(whole, read_elsewhere)
        first = without_unread_custom_properties(for_screen(purge(whole, first_words)), read_elsewhere)
        names[key] = (
            f"{key}.{content_name(first, '.css')[:8]}.first.css",
            f"{key}.{content_name(whole, '.css')[:8]}.css",
        )
        sheets.update({names[key][0]: first, names[key][1]: whole})
    used: set[str] = set()

    def links(text: str) -> str:
        def replace(match: re.Match[str]) -> str:
            first, whole = names[match["key"]]
            if not _RUNTIME.search(text):  # a page without the course's runtime (the reader): the whole at once
                used.add(whole)
                return f'<link rel="stylesheet" href="{match["root"]}{BUNDLE_DIR}/{whole}" />'
            used.update((first, whole))
            return styled_links(match["root"], first, whole)

        return _BUNDLED_STYLE.sub(replace, text)

    for path, text in texts.items():
        html = links(text)
        if html != text:
            path.write_text(html, encoding="utf-8")
    _write_new(outdir, {f"{BUNDLE_DIR}/{name}": sheets[name] for name in used})
    for sheet in folder.glob("*.css"):
        if sheet.name not in used:
            sheet.unlink()


def _write_new(outdir: Path, files: dict[str, str]) -> None:
    """Write files named by their content once (an existing file already has that content)."""
    for name, content in files.items():
        target = outdir / name
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
