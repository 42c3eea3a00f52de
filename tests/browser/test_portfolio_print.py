"""The printed portfolio, what a student hands in: whose it is, its work with pictures, not the page's instructions."""

from __future__ import annotations

from pathlib import Path

from tests.browser.pdftext import pdf_text, squashed
from tests.conftest import ROOT, open_page

EXAMPLE = ROOT / "data" / "examples" / "cohort" / "portfolios" / "portfolio-aylin-a.json"
PICTURES = {
    "rich-picture-daan": "rich-picture",
    "bronstein-scan-hoofd": "bronstein-scan",
    "competentievolger": "competence-tracker",
}
# The print-visible text of the page without its pictures: what the PDF holds besides them.
TEXT_WITHOUT_PICTURES = """() => {
  const figures = [...document.querySelectorAll(".jd-portfolio-figure")];
  figures.forEach((f) => (f.hidden = true));
  const text = document.body.innerText;
  figures.forEach((f) => (f.hidden = false));
  return text;
}"""


def import_example(page: object, base_url: str) -> None:
    open_page(page, base_url, "exercises/portfolio.html")
    page.wait_for_function("document.querySelector('.jd-portfolio')?.dataset.jdReady === '1'")
    page.set_input_files("#jd-portfolio-import", str(EXAMPLE))
    page.get_by_role("button", name="Samenvoegen").click()
    page.locator(".jd-portfolio-status", has_text="Samengevoegd").wait_for()


def test_printed_portfolio_has_the_name_the_pictures_and_no_instructions(page: object, base_url: str, tmp_path: Path):
    import_example(page, base_url)
    page.get_by_label("Je naam").fill("Aylin Aksoy")
    for widget_id in PICTURES:
        page.locator(f'.jd-portfolio-item[data-widget-id="{widget_id}"] figure svg').first.wait_for()

    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    rest = squashed(page.evaluate(TEXT_WITHOUT_PICTURES))
    pictures = {
        widget_id: page.locator(f'.jd-portfolio-item[data-widget-id="{widget_id}"] figure svg text').all_text_contents()
        for widget_id in PICTURES
    }
    pdf = tmp_path / "portfolio.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = squashed(pdf_text(pdf))

    assert squashed("Portfolio van Aylin Aksoy") in text
    assert squashed("alleen in deze browser") not in text, "de uitleg van de pagina hoort niet op de afdruk"
    assert squashed("Samengevoegd") not in text, "de statusregel hoort niet op de afdruk"
    for widget_id, texts in pictures.items():
        own = [t for t in (squashed(t) for t in texts) if sum(c.isalpha() for c in t) >= 4]
        assert len(own) >= 2, f"{widget_id}: te weinig tekst in de afbeelding: {texts}"
        # A text of the picture is in the PDF once more than the rest of the page has it: the picture printed. (Text
        # readers may interleave wrapped labels with their neighbours, so two recognised texts are enough.)
        found = [t for t in own if text.count(t) > rest.count(t)]
        assert len(found) >= 2, f"{widget_id}: afbeelding niet herkend op de afdruk (gevonden: {found} van {own})"
