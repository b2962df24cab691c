"""Every report page in Chromium, at a phone's width and a desktop's, in English and Thai.

The pages are the command line's HTML of the shipped examples: no page
scrolls sideways, every table but the team heatmap becomes one card per
row on a phone, the heatmap's own sideways scroll is named by a visible
line, and axe-core finds no violation.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import axe_violations
from tests.conftest import ROOT, shared_output

pytestmark = pytest.mark.browser

#: Each report's command line (the arguments after ``competency``), as docs/cycle.md gives them.
REPORTS = {
    "gap": ["gap", "examples/mateo-s.yaml", "--as-of", "2026-05-04"],
    "level": ["level", "examples/mateo-s.yaml", "--as-of", "2026-05-04"],
    "team": ["team", "examples", "--as-of", "2026-05-04"],
    "plan": ["plan", "examples/mateo-s.yaml", "--as-of", "2026-05-04"],
    "history": ["history", "examples/jonas-b.yaml", "--as-of", "2026-11-01"],
    "trend": ["trend", "examples", "--from", "2025-01-01", "--to", "2026-11-01"],
    "calibrate": ["calibrate", "examples", "--as-of", "2026-11-01"],
}
PAGES = [(name, locale) for name in REPORTS for locale in ("en", "th")]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every report page of the shipped examples, in each of its locales (made once a run)."""

    def make(folder: Path) -> Path:
        for name, locale in PAGES:
            command = [sys.executable, "-m", "competency", *REPORTS[name], "--locale", locale]
            run = subprocess.run(
                [*command, "--format", "html"], cwd=ROOT, capture_output=True, text=True, check=True
            )
            (folder / f"{name}-{locale}.html").write_text(run.stdout, encoding="utf-8")
        return folder

    folder = shared_output(tmp_path_factory, "report-pages", make)
    return {(name, locale): folder / f"{name}-{locale}.html" for name, locale in PAGES}


def _at_width(browser: Any, url: str, width: int, script: str) -> Any:
    """What `script` returns on the page at `url` in a window `width` CSS pixels wide."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    try:
        browser.get(url)
        return browser.execute_script(script)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("width", [390, 1440])
@pytest.mark.parametrize(("name", "locale"), PAGES)
def test_no_report_scrolls_sideways(
    browser: Any, pages: dict[tuple[str, str], Path], name: str, locale: str, width: int
) -> None:
    """The page is no wider than the window: only the heatmap scrolls, inside its own box."""
    widths = _at_width(
        browser,
        pages[name, locale].as_uri(),
        width,
        "return [document.documentElement.scrollWidth, window.innerWidth]",
    )
    assert widths[0] <= widths[1]


#: The tables of a page that are not laid out as cards, and the cells that stick out of a card.
_NOT_CARDS = """
var tables = Array.from(document.querySelectorAll('main table:not(.heatmap-grid)'));
var rows = tables.filter(t => getComputedStyle(t).display !== 'block').map(t => t.className);
var out = [];
tables.forEach(function (t) {
  t.querySelectorAll('tbody tr').forEach(function (tr) {
    var card = tr.getBoundingClientRect();
    tr.querySelectorAll('td > *').forEach(function (c) {
      var r = c.getBoundingClientRect();
      var outside = r.right > card.right + 1 || r.left < card.left - 1;
      if (r.width > 0 && outside) out.push(c.textContent);
    });
  });
});
return [rows, out];
"""


@pytest.mark.parametrize(("name", "locale"), PAGES)
def test_report_tables_become_cards_on_a_phone(
    browser: Any, pages: dict[tuple[str, str], Path], name: str, locale: str
) -> None:
    """At 390 px every table but the heatmap is one card per row, and no cell sticks out."""
    found = _at_width(browser, pages[name, locale].as_uri(), 390, _NOT_CARDS)
    expected: list[list[str]] = [[], []]
    assert expected == found


@pytest.mark.parametrize("locale", ["en", "th"])
def test_the_heatmap_scroll_is_named_on_a_phone(
    browser: Any, pages: dict[tuple[str, str], Path], locale: str
) -> None:
    """At 390 px the heatmap scrolls in its own box, with a visible line that says so above it."""
    found = _at_width(
        browser,
        pages["team", locale].as_uri(),
        390,
        "var box = document.querySelector('#heatmap .table-wrap');"
        "var note = document.getElementById(box.getAttribute('aria-describedby'));"
        "return [box.scrollWidth > box.clientWidth, note.getBoundingClientRect().height > 0];",
    )
    expected = [True, True]
    assert expected == found


def _axe(browser: Any, url: str, width: int) -> list[str]:
    """axe-core's violations on the page at `url`, `width` CSS pixels wide."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    try:
        browser.get(url)
        return axe_violations(browser)
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


@pytest.mark.parametrize("width", [390, 1440])
@pytest.mark.parametrize(("name", "locale"), PAGES)
def test_axe_finds_no_violation_on_a_report(
    browser: Any, pages: dict[tuple[str, str], Path], name: str, locale: str, width: int
) -> None:
    """axe-core reports no violation on the report page at a phone's and a desktop's width."""
    expected: list[str] = []
    assert expected == _axe(browser, pages[name, locale].as_uri(), width)
