"""Measure what a page costs to load: gzip bytes per asset, first load and a second page with a warm cache."""

from __future__ import annotations

import contextlib
import gzip

DOWNLOADED = """() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
  .filter(e => e.transferSize > e.encodedBodySize).map(e => e.name.split('?')[0])"""


def gzip_size(body: bytes) -> int:
    return len(gzip.compress(body, 6))


def load(page: object, url: str) -> dict[str, int]:
    """Load `url`; returns gzip bytes per asset that was downloaded (not taken from the cache)."""
    bodies: dict[str, int] = {}

    def keep(response: object) -> None:
        with contextlib.suppress(Exception):
            bodies[response.url.split("?")[0]] = gzip_size(response.body())

    page.on("response", keep)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", keep)
    downloaded = set(page.evaluate(DOWNLOADED))
    return {name: size for name, size in bodies.items() if name in downloaded}


def largest(assets: dict[str, int], count: int = 5) -> str:
    top = sorted(assets.items(), key=lambda item: -item[1])[:count]
    return ", ".join(f"{name.rsplit('/', 2)[-2:]} {size // 1024} KB" for name, size in top)
