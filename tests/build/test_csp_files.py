"""The built pages keep no inline code that the Content-Security-Policy would refuse."""

from __future__ import annotations

import re
from pathlib import Path

from jeugddomein.sphinxext.postprocess import is_executable
from tests.conftest import book_pages

PAGES = book_pages()


def test_no_page_keeps_inline_code(site: Path):
    """Checked in the files too: no executable inline script, no style block or attribute, no event handler."""
    script = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)
    for path in PAGES:
        html = (site / path).read_text(encoding="utf-8")
        for attrs, body in script.findall(html):
            assert "src=" in attrs or not is_executable(attrs), f"{path}: inline script {body[:80]!r}"
        assert not re.search(r"<style\b", html), f"{path}: <style>-blok"
        assert not re.search(r"<[a-zA-Z][^<>]*\sstyle=\"", html), f"{path}: style-attribuut"
        assert not re.search(r"<[a-z][^<>]*\son[a-z]+=\"", html), f"{path}: inline event handler"
