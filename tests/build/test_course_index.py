"""The course index: one description of the book's structure for the site and the lecturer's tools."""

from __future__ import annotations

import json

from jeugddomein.cohort.book import COURSE_INDEX, read_book


def test_the_packaged_course_index_is_the_built_one(site):
    built = json.loads((site / "_static" / "jeugddomein" / "course.json").read_text(encoding="utf-8"))
    packaged = json.loads(COURSE_INDEX.read_text(encoding="utf-8"))
    assert packaged == built, "src/jeugddomein/course.json is stale: run `make course` and commit it."


def test_pages_come_in_book_order_with_their_part(site):
    built = json.loads((site / "_static" / "jeugddomein" / "course.json").read_text(encoding="utf-8"))
    pages = [p["page"] for p in built["pages"]]
    chapters = [p for p in pages if p.startswith("chapters/0") or p == "chapters/wettelijk-kader/index"]
    assert chapters[:4] == [
        "chapters/01-jeugddomein/index",
        "chapters/02-systeemtheorie/index",
        "chapters/03-t-shaped/index",
        "chapters/wettelijk-kader/index",
    ]
    parts = {p["page"]: p["part"] for p in built["pages"]}
    assert parts["chapters/wettelijk-kader/index"] == "Deel I. Het domein"
    assert parts["chapters/05-interprofessioneel/index"] == "Deel II. Samenwerken"


def test_the_cohort_tools_read_the_book_from_the_index():
    book = read_book()
    placements = book.placements()
    assert book.course == "samenwerken-jeugddomein"
    assert placements["rubric-eindproduct"].widget == "rubric"
    assert book.rubric_of()["rubric-eindproduct"] == "eindproduct"
    assert book.case_of()["rollenspel-twee-brillen"] == "twee-brillen"
    assert [p.order for p in book.pages] == list(range(len(book.pages)))
