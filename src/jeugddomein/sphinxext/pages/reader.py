"""The printable reader: every page of the book, in table-of-contents order, as one print-ready HTML page.

Written to reader.html at the site root after the pages are built (and before they are finished, so the reader is
finished like any page). It has a cover, a table of contents with links, each page starting on a new sheet, print CSS
(_static/jeugddomein/reader.css) and no scripts: widgets appear as their static version (.jd-widget-static).
`make pdf` prints it with headless Chromium (jeugddomein.reader_pdf).
"""

from __future__ import annotations

import datetime as dt
import html
import posixpath
import re
from pathlib import Path
from typing import Any, TypedDict

from sphinx.application import Sphinx

from .. import collect

READER = "reader.html"
STYLESHEET = "_static/jeugddomein/reader.css"

_ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(?P<body>.*?)</article>', re.S)
_H1 = re.compile(r"<h1\b[^>]*>(?P<title>.*?)</h1>", re.S)
_TAGS = re.compile(r"<[^>]+>")
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script\s*>", re.S | re.I)
_ID = re.compile(r'(\sid=")([^"]+)(")')
_IDREFS = re.compile(r'(\s(?:for|aria-labelledby|aria-describedby|aria-controls)=")([^"]+)(")')
_URL = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_STYLESHEETS = re.compile(r'<link\b[^>]*rel="stylesheet"[^>]*>')
_ICON = re.compile(r'<link\b[^>]*rel="(?:shortcut )?icon"[^>]*>')
_HREF = re.compile(r'href="([^"]*)"')
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//|/)", re.I)


def slug(docname: str) -> str:
    """The id prefix of one page inside the reader."""
    return re.sub(r"[^a-z0-9-]+", "-", docname.lower()).strip("-")


def plain(fragment: str) -> str:
    """Text of an HTML fragment (tags removed, entities decoded, spaces collapsed)."""
    return " ".join(html.unescape(_TAGS.sub("", fragment)).split())


def rewrite(body: str, uri: str, targets: dict[str, str]) -> str:
    """One page's article for the reader: ids made unique, links pointing into the reader or at the site root.

    `uri` is the page's path from the site root; `targets` maps included pages' paths to their id prefix.
    """
    prefix = targets[uri]
    body = _HEADERLINK.sub("", _SCRIPT.sub("", body))
    body = _ID.sub(lambda m: f"{m[1]}{prefix}--{m[2]}{m[3]}", body)
    body = _IDREFS.sub(lambda m: m[1] + " ".join(f"{prefix}--{ref}" for ref in m[2].split()) + m[3], body)
    body = re.sub(r"<details(?![^>]*\sopen)", "<details open", body)

    def url(match: re.Match[str]) -> str:
        value = html.unescape(match[2])
        if not value or _EXTERNAL.match(value):
            return match.group(0)
        path, _, fragment = value.partition("#")
        target = posixpath.normpath(posixpath.join(posixpath.dirname(uri), path)) if path else uri
        if target in targets and match[1].strip().startswith("href"):
            anchor = f"{targets[target]}--{fragment}" if fragment else f"doc-{targets[target]}"
            return f"{match[1]}#{html.escape(anchor)}{match[3]}"
        return f"{match[1]}{html.escape(target + ('#' + fragment if fragment else ''))}{match[3]}"

    return _URL.sub(url, body)


class ReaderPage(TypedDict):
    """One built page as the reader takes it in."""

    docname: str
    uri: str
    """The page's path from the site root."""
    html: str
    """The built page's HTML."""
    depth: int
    """Depth in the table of contents."""
    part: str
    """Caption of the part the page opens, or empty."""


def build_reader(pages: list[ReaderPage], head_links: list[str], meta: dict[str, Any]) -> str:
    """The reader's HTML from the pages (uri, docname, html, depth, part) in order. Pure."""
    targets = {p["uri"]: slug(p["docname"]) for p in pages}
    toc, chapters = [], []
    for page in pages:
        match = _ARTICLE.search(page["html"])
        if not match:
            continue
        body = rewrite(match["body"], page["uri"], targets)
        heading = _H1.search(match["body"])
        title = plain(_HEADERLINK.sub("", heading["title"])) if heading else page["docname"]
        sid = targets[page["uri"]]
        if page.get("part"):
            toc.append(f'<li class="jd-reader-part">{html.escape(page["part"])}</li>')
        toc.append(
            f'<li class="jd-reader-toc-{min(page["depth"], 2)}"><a href="#doc-{sid}">{html.escape(title)}</a></li>'
        )
        part = f'<p class="jd-reader-part-title">{html.escape(page["part"])}</p>' if page.get("part") else ""
        chapters.append(
            f'<section class="jd-reader-doc jd-reader-depth-{min(page["depth"], 2)}" id="doc-{sid}" '
            f'data-docname="{html.escape(page["docname"])}">{part}{body}</section>'
        )
    brand = meta.get("branding")
    cover = [f'<h1 class="jd-reader-title">{html.escape(meta["title"])}</h1>']
    if brand and brand.logo:
        cover.insert(
            0,
            f'<img class="jd-reader-logo" src="{html.escape(meta["logo_src"])}" '
            f'alt="{html.escape(brand.logo_alt or brand.institution or "logo")}" />',
        )
    cover.append('<p class="jd-reader-subtitle">Reader: alle hoofdstukken in één document</p>')
    if brand and brand.institution:
        who = f"Aangeboden door {brand.institution}"
        if brand.programmes:
            who += " voor " + ", ".join(brand.programmes)
        cover.append(f'<p class="jd-reader-institution">{html.escape(who)}</p>')
    cover.append(
        f'<p class="jd-reader-version">Versie {html.escape(meta["version"])} · '
        f"gemaakt op {html.escape(meta['date'])}</p>"
    )
    cover.append(
        '<p class="jd-reader-note">De oefeningen staan hier in hun afdrukbare vorm. Maak ze online; daar wordt je '
        "werk in je eigen browser bewaard.</p>"
    )
    if brand and brand.contact_email:
        cover.append(f'<p class="jd-reader-contact">Contact: {html.escape(brand.contact)}</p>')
    links = "\n".join([*head_links, f'<link rel="stylesheet" href="{STYLESHEET}" />'])
    return (
        # Ready and drawn whole from the start (tests' PAGE_READY): no widgets, no scripts, no section left undrawn.
        '<!DOCTYPE html>\n<html lang="nl" class="jd-drawn" data-theme="light" data-mode="light" '
        'data-jd-widgets-ready="0">\n'
        '<head>\n<meta charset="utf-8" />\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'
        f"<title>{html.escape(meta['title'])} (reader)</title>\n{links}\n</head>\n"
        '<body class="jd-reader">\n<main id="main-content">\n'
        f'<header class="jd-reader-cover">{"".join(cover)}</header>\n'
        '<nav class="jd-reader-toc" aria-labelledby="jd-reader-toc-title">'
        '<h2 id="jd-reader-toc-title">Inhoud</h2>'
        f"<ol>{''.join(toc)}</ol></nav>\n" + "\n".join(chapters) + "\n</main>\n</body>\n</html>\n"
    )


def write_reader(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.name != "html":
        return
    outdir = Path(app.outdir)
    entries = collect.toc(app)
    order = [entry.docname for entry in entries]
    level = {entry.docname: entry.depth for entry in entries}
    parts = {}  # docname -> caption of the part it opens
    opened = ""
    for entry in entries:
        if entry.depth == 0 and entry.part and entry.part != opened:
            parts[entry.docname] = opened = entry.part
    excluded = set(app.config.jd_reader_exclude)
    pages: list[ReaderPage] = []
    for docname in order:
        uri = app.builder.get_target_uri(docname)
        if docname in excluded or not (outdir / uri).is_file():
            continue
        pages.append(
            {
                "docname": docname,
                "uri": uri,
                "html": (outdir / uri).read_text(encoding="utf-8"),
                "depth": level.get(docname, 0),
                "part": parts.get(docname, ""),
            }
        )
    root_page = (outdir / app.builder.get_target_uri(app.config.root_doc)).read_text(encoding="utf-8")
    head_links = [
        link
        for link in _STYLESHEETS.findall(root_page)
        if not any(n in link for n in ("sphinx-thebe", "togglebutton", "copybutton"))
    ] + _ICON.findall(root_page)
    # Pages finished in an earlier build carry their style-attribute classes in a stylesheet in <head>.
    for page in pages:
        for link in _STYLESHEETS.findall(page["html"]):
            href = _HREF.search(link)
            if href and "/inline/" in href[1]:
                path = posixpath.normpath(posixpath.join(posixpath.dirname(page["uri"]), href[1]))
                tag = f'<link rel="stylesheet" href="{path}" />'
                if tag not in head_links:
                    head_links.append(tag)
    branding = getattr(app, "jd_branding", None)
    meta = {
        "title": app.config.html_title or app.config.project,
        "version": app.config.jd_course_version,
        "date": dt.date.today().strftime("%d-%m-%Y"),
        "branding": branding,
        "logo_src": f"_static/{Path(branding.logo).name}" if branding and branding.logo else "",
    }
    (outdir / READER).write_text(build_reader(pages, head_links, meta), encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_config_value("jd_reader_exclude", ["exercises/portfolio", "chapters/naslag/reader"], "html", [list])
    # Before the extension's own build-finished step, which finishes every page (the reader included).
    app.connect("build-finished", write_reader, priority=400)
