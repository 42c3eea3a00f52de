"""`make pdf`: the reader printed by headless Chromium holds every chapter, with page numbers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.browser.pdftext import link_targets, page_count, pdf_text
from tests.build.test_reader import chapter_files, squeeze, title_of


def test_pdf_has_every_chapter(site: Path, tmp_path: Path):
    """What `make pdf` does: the reader printed by headless Chromium (in its own process, as the command runs it;
    the browser tests' Playwright session may still be open in this one)."""
    done = subprocess.run(
        [sys.executable, "-m", "jeugddomein.reader_pdf", "--site", str(site), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [pdf] = tmp_path.glob("*.pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    pages = page_count(pdf)
    chapters = chapter_files()
    # A cover, a table of contents and every chapter on its own sheet(s); and not absurdly long.
    assert len(chapters) + 2 <= pages <= 1000, pages
    text = squeeze(pdf_text(pdf))
    for docname in chapters:
        title = title_of(site, docname)
        assert squeeze(title) in text, f"'{title}' staat niet in de pdf"
    assert "pagina1van" in text, "paginanummers in de voettekst"
    # Links to pages outside the reader (figures, the reader page) would point at the build machine's folders.
    uris = link_targets(pdf)
    assert not [u for u in uris if not u.startswith((b"http://", b"https://", b"mailto:"))], uris[:5]
