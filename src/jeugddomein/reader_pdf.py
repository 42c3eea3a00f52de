"""Print the reader (reader.html of the built site) to a PDF with headless Chromium (`make pdf`).

python -m jeugddomein.reader_pdf [--site _build/html] [--out _build/pdf]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
FOOTER = (
    '<div style="font-size:8pt;width:100%;text-align:center;color:#444;">'
    '<span class="title"></span> · pagina <span class="pageNumber"></span> van <span class="totalPages"></span></div>'
)


LOCAL_LINKS_TO_TEXT = """() => {
  for (const link of document.querySelectorAll("a[href]")) {
    const href = link.getAttribute("href");
    if (!href.startsWith("#") && !/^(https?:|mailto:)/i.test(href)) link.removeAttribute("href");
  }
}"""
"""Links from the reader to pages that are not in it (the portfolio page, downloads) work on the site, but in a PDF
they would point at this computer's folders (file:///...): in the PDF they become plain text."""


def print_reader(site: Path, target: Path, chromium: str = CHROMIUM) -> Path:
    """Write the PDF of site/reader.html to `target`; returns `target`."""
    from playwright.sync_api import sync_playwright

    reader = site / "reader.html"
    if not reader.is_file():
        raise FileNotFoundError(f"{reader} ontbreekt: bouw eerst de cursus (make build).")
    if not Path(chromium).exists():
        raise FileNotFoundError(f"Chromium ontbreekt op {chromium}: voer `make chromium` uit.")
    target.parent.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.goto(reader.resolve().as_uri(), wait_until="load")
            page.evaluate(LOCAL_LINKS_TO_TEXT)
            page.emulate_media(media="print")
            page.pdf(
                path=str(target),
                format="A4",
                print_background=True,
                prefer_css_page_size=True,
                display_header_footer=True,
                header_template="<div></div>",
                footer_template=FOOTER,
                outline=True,
                tagged=True,
            )
        finally:
            browser.close()
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Maak een pdf van de reader van de gebouwde cursus.")
    parser.add_argument(
        "--site", type=Path, default=Path("_build/html"), help="de gebouwde site (standaard _build/html)"
    )
    parser.add_argument("--out", type=Path, default=Path("_build/pdf"), help="map voor de pdf (standaard _build/pdf)")
    args = parser.parse_args(argv)
    info_file = args.site / "_static" / "jeugddomein" / "course.json"
    name = "reader"
    if info_file.is_file():
        info = json.loads(info_file.read_text(encoding="utf-8"))
        name = f"{info['course']}-{info['version']}-reader"
    try:
        target = print_reader(args.site, args.out / f"{name}.pdf")
    except FileNotFoundError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"Reader als pdf: {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
