"""The screenshots in the docs show the pages as they are: the HTML behind each one is current."""

from __future__ import annotations

from typing import Any

from tests.browser.schermafdrukken import MAP, PAGINAS, maak, opgeslagen


def test_the_screenshots_in_the_docs_are_current(browser: Any) -> None:
    oud = opgeslagen()
    assert set(oud) == set(PAGINAS), "run scripts/screenshots.py"
    for naam in PAGINAS:
        assert (MAP / f"{naam}.png").is_file()
    nu = maak(schrijf=False, browser=browser)
    verouderd = sorted(n for n in PAGINAS if oud[n] != nu[n])
    assert not verouderd, f"stale screenshots {verouderd}: run scripts/screenshots.py"
