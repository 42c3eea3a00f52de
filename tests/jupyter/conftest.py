"""Fixtures of the Jupyter tier: one JupyterLab per session, a fresh browser context per test that records every
request leaving 127.0.0.1."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from urllib.parse import urlparse

import pytest

from tests.conftest import ARTIFACTS

from .lab import Lab, jupyter_lab


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    try:
        with jupyter_lab(tmp_path_factory.mktemp("lab")) as server:
            yield server
    except FileNotFoundError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture
def context(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh browser context; `context.offsite` lists every request to a host other than 127.0.0.1."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 1000})
    ctx.offsite = []

    def watch(req: object) -> None:
        url = urlparse(req.url)
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname != "127.0.0.1":
            ctx.offsite.append(req.url)

    ctx.on("request", watch)
    yield ctx
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        for i, pg in enumerate(ctx.pages):
            with contextlib.suppress(Exception):
                pg.screenshot(path=str(ARTIFACTS / f"jupyter-{request.node.name}-{i}.png"), full_page=True)
    ctx.close()


@pytest.fixture
def page(context: object) -> object:
    pg = context.new_page()
    pg.errors = []
    pg.on("pageerror", lambda error: pg.errors.append(str(error)))
    return pg
