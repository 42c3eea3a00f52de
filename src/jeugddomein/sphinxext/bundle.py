"""Fewer requests before a page can paint: the head's stylesheets as one file, its classic scripts deferred and joined.

On a slow mobile network every request in <head> costs a round trip (about half a second on "slow 4G") and the
theme writes some fifteen stylesheets and fifteen parser-blocking scripts there. For each finished page:

- the first run of consecutive stylesheet links becomes one stylesheet under _static/jeugddomein/bundle/, named by
  its content (pages with the same run share it, so a second page costs nothing); `@import`s are inlined where they
  stood and relative `url()`s are rewritten for the new folder, so the cascade is the same;
- every external classic script after that run (head and body) gets `defer`: all of them then run in the same
  order as before, after parsing and before DOMContentLoaded (the runtime module loads async beside them); each run of
  consecutive deferred scripts under _static/ becomes one file (their preload links go). A bundle starts with an
  empty statement, so a file's "use strict" applies only to functions that ask for it, never to the files after it.

Scripts before the first stylesheet (the theme's colour mode, which must be set before the first paint) stay as
they are. Pure and idempotent, like postprocess.finish.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable

BUNDLE_DIR = "_static/jeugddomein/bundle"

_STYLESHEET_RUN = re.compile(r'(?:<link\b(?=[^>]*\brel="stylesheet")[^>]*>\s*(?:<!--.*?-->\s*)*)+', re.S)
_HREF = re.compile(r'\bhref="([^"]+)"')
_SCRIPT_TAG = re.compile(r"<script\b(?P<attrs>[^>]*)>\s*</script>", re.I)
_SRC = re.compile(r'\bsrc="([^"]+)"')
_CSS_URL = re.compile(r"""url\(\s*(?P<q>["']?)(?P<ref>[^"')]+)(?P=q)\s*\)""")
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?(?P<ref>[^"')\s;]+)["']?\s*\)?\s*;""")
_SOURCE_MAP = re.compile(r"/[*/]#\s*sourceMappingURL=\S*(?:\s*\*/)?")
_CHARSET = re.compile(r'@charset\s+"[^"]*"\s*;')


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def content_name(text: str, suffix: str) -> str:
    """The file name of a joined file under BUNDLE_DIR: named by its content."""
    return _digest(text) + suffix


def _site_path(reference: str, root: str) -> str | None:
    """The site path of a page reference made relative to the root (`root` + path + optional query)."""
    if not reference.startswith(root) or "://" in reference:
        return None
    path = reference[len(root) :].split("?", 1)[0].split("#", 1)[0]
    return path if path.startswith("_static/") else None


def _is_local(reference: str) -> bool:
    return not re.match(r"(?:[a-z][a-z0-9+.-]*:|/|#)", reference, re.I)


def css_for_bundle(path: str, read: Callable[[str], str], seen: tuple[str, ...] = ()) -> str:
    """A stylesheet's text for the bundle folder: imports inlined, local urls rewritten, source map lines dropped."""
    folder = posixpath.dirname(path)

    def rewrite(match: re.Match[str]) -> str:
        reference = match["ref"].strip()
        if not _is_local(reference):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(folder, reference))
        return f'url("{posixpath.relpath(target, BUNDLE_DIR)}")'

    def inline(match: re.Match[str]) -> str:
        reference = match["ref"]
        if not _is_local(reference):
            return match.group(0)
        target = posixpath.normpath(posixpath.join(folder, reference.split("?", 1)[0]))
        if target in seen:
            return ""
        return css_for_bundle(target, read, (*seen, path))

    text = _CHARSET.sub("", _SOURCE_MAP.sub("", read(path)))
    parts, last = [], 0
    for match in _CSS_IMPORT.finditer(text):  # urls of this file are rewritten here, an import's in its own call
        parts += [_CSS_URL.sub(rewrite, text[last : match.start()]), inline(match)]
        last = match.end()
    return "".join([*parts, _CSS_URL.sub(rewrite, text[last:])])


def _first_run(head: str) -> re.Match[str] | None:
    """The first run of stylesheet links outside <noscript> (comments between them are part of the run)."""
    for run in _STYLESHEET_RUN.finditer(head):
        if head.count("<noscript", 0, run.start()) == head.count("</noscript>", 0, run.start()):
            return run
    return None


def _bundle_styles(head: str, root: str, read: Callable[[str], str], files: dict[str, str]) -> str:
    run = _first_run(head)
    if not run:
        return head
    links = re.findall(r"<link\b[^>]*>", run.group(0))
    paths = []
    for link in links:
        href = _HREF.search(link)
        path = _site_path(href.group(1), root) if href else None
        if path is None or " media=" in link or path.startswith(BUNDLE_DIR):
            return head  # something this cannot join safely, or joined already: leave the run as it is
        paths.append(path)
    if len(paths) < 2:
        return head
    text = "".join(f"/* {path} */\n{css_for_bundle(path, read)}\n" for path in paths)
    name = f"{BUNDLE_DIR}/{content_name(text, '.css')}"
    files[name] = text
    return head[: run.start()] + f'<link rel="stylesheet" href="{root}{name}" />\n' + head[run.end() :]


def _classic(attrs: str) -> bool:
    kind = re.search(r'\btype="([^"]*)"', attrs)
    return kind is None or kind.group(1).lower() in ("text/javascript", "application/javascript")


def _bundle_scripts(page: str, root: str, read: Callable[[str], str], files: dict[str, str]) -> str:
    run = _first_run(page[: page.find("</head>")])
    if not run:
        return page
    before, after = page[: run.start()], page[run.start() :]

    def defer(match: re.Match[str]) -> str:
        attrs = match["attrs"]
        source = _SRC.search(attrs)
        if not source or not _classic(attrs) or re.search(r"\b(?:async|defer)\b", attrs):
            return match.group(0)
        return f"<script defer{attrs}></script>"

    after = _SCRIPT_TAG.sub(defer, after)
    run_pattern = re.compile(r'(?:<script defer src="[^"]+"></script>\s*){2,}')

    def join(match: re.Match[str]) -> str:
        sources = _SRC.findall(match.group(0))
        paths = [path for path in (_site_path(source, root) for source in sources) if path is not None]
        if len(paths) < len(sources):  # a script outside _static/ (the search index): the run stays as it is
            return match.group(0)
        text = ";\n" + "".join(f"// {path}\n{_SOURCE_MAP.sub('', read(path))}\n;\n" for path in paths)
        name = f"{BUNDLE_DIR}/{content_name(text, '.js')}"
        files[name] = text
        return f'<script defer src="{root}{name}"></script>\n'

    joined: list[str] = []

    def join_and_note(match: re.Match[str]) -> str:
        replaced = join(match)
        if replaced != match.group(0):
            joined.extend(_SRC.findall(match.group(0)))
        return replaced

    page = before + run_pattern.sub(join_and_note, after)
    # A preload of a file that is now inside a bundle would fetch it twice.
    for source in joined:
        page = re.sub(rf'<link rel="preload" as="script" href="{re.escape(source)}"\s*/?>\s*', "", page)
    return page


def bundle_head(html: str, root: str, read: Callable[[str], str]) -> tuple[str, dict[str, str]]:
    """The page with its head's stylesheets joined and its classic scripts deferred and joined, and the new files."""
    end = html.find("</head>")
    if end < 0:
        return html, {}
    files: dict[str, str] = {}
    page = _bundle_styles(html[:end], root, read, files) + html[end:]
    return _bundle_scripts(page, root, read, files), files
