"""Fixtures of the browser tests: Debian's Chromium (installed when absent) and a real server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.browser.server import Server, start_server

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="meldcode[web-test] not installed"
)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from tests.browser.wandelaar import chromium, start_browser

    if chromium() is None:
        pytest.skip("Chromium is absent and scripts/install-chromium could not install it")
    with playwright_api.sync_playwright() as p:
        b = start_browser(p)
        yield b
        b.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    map_: Path = tmp_path_factory.mktemp("wandeling")
    scholen = ("school-a", "school-b", "school-c", "school-d", "school-e", "school-f")
    with start_server(map_, scholen) as s:
        yield s
