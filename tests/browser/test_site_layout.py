"""The shipped framework's site, a promotion packet and a team report in Chromium.

At a phone's width (390 px) and a desktop's (1440 px) no view scrolls
sideways; axe-core finds no violation on the ladder pages and the packet
(when axe-core is installed from npm: `.ci/run` does it and sets AXE_CORE).
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from competency import load_framework
from competency.render import render
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

VIEWS = ("", "#role-support-specialist", "#level-customer-experience-leader-vp", "#compare")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped framework as the HTML site."""
    folder = tmp_path_factory.mktemp("site")
    (path,) = render(load_framework(ROOT / "matrices"), "html", folder, today=date(2026, 5, 4))
    return path


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A promotion packet and a team report of the shipped examples, as HTML."""
    folder = tmp_path_factory.mktemp("reports")
    found = {}
    for name, args in {
        "packet": ["gap", "examples/mateo-s.yaml"],
        "team": ["team", "examples"],
    }.items():
        command = [sys.executable, "-m", "competency", *args, "--format", "html"]
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
        found[name] = folder / f"{name}.html"
        found[name].write_text(run.stdout, encoding="utf-8")
    return found


def _widths(browser: Any, url: str, width: int) -> tuple[int, int]:
    """The page's scroll width and the window's inner width at `width` CSS pixels."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    browser.get(url)
    try:
        widths = browser.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    return widths[0], widths[1]


@pytest.mark.parametrize("width", [390, 1440])
def test_no_view_of_the_site_scrolls_sideways(browser: Any, site: Path, width: int) -> None:
    """Every view of the site fits the window's width; wide tables scroll in their own box."""
    wide = {v: _widths(browser, site.as_uri() + v, width) for v in VIEWS}
    assert {v: w for v, w in wide.items() if w[0] > width} == {}


@pytest.mark.parametrize("width", [390, 1440])
def test_packet_and_team_report_do_not_scroll_sideways(
    browser: Any, reports: dict[str, Path], width: int
) -> None:
    """The promotion packet and the team report fit the window's width."""
    wide = {n: _widths(browser, p.as_uri(), width) for n, p in reports.items()}
    assert {n: w for n, w in wide.items() if w[0] > width} == {}


def test_heatmap_shows_every_column_at_desktop_width(
    browser: Any, reports: dict[str, Path]
) -> None:
    """At 1440 px the team heatmap's table is no wider than its box."""
    browser.set_window_size(1440, 900)
    browser.get(reports["team"].as_uri())
    widths = browser.execute_script(
        "var box = document.querySelector('#heatmap .table-wrap');"
        "return [box.scrollWidth, box.clientWidth];"
    )
    assert widths[0] <= widths[1]


def test_printing_a_role_prints_that_role_only(browser: Any, site: Path) -> None:
    """With print media, only the chosen role's view is laid out."""
    browser.get(site.as_uri() + "#role-support-engineer")
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        shown = browser.execute_script(
            "return Array.from(document.querySelectorAll('.view'))"
            ".filter(v => v.offsetParent !== null).map(v => v.id)"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert shown == ["role-support-engineer"]


def _axe(browser: Any, url: str) -> list[str]:
    """The ids of axe-core's violations on the page at `url`."""
    source = Path(os.environ.get("AXE_CORE", ROOT / "node_modules" / "axe-core" / "axe.min.js"))
    if not source.is_file():
        pytest.skip("needs axe-core from npm (set AXE_CORE to axe.min.js)")
    browser.set_window_size(1440, 900)
    browser.get(url)
    browser.execute_script(source.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document).then(r => done(r.violations.map("
        "v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '))));"
    )
    return list(result)


@pytest.mark.parametrize("view", ["", "#role-support-specialist", "#competency-troubleshooting"])
def test_axe_finds_no_violation_on_the_ladder_site(browser: Any, site: Path, view: str) -> None:
    """axe-core reports no violation on the overview, a role and a competency."""
    assert _axe(browser, site.as_uri() + view) == []


@pytest.mark.parametrize("name", ["packet", "team"])
def test_axe_finds_no_violation_on_the_reports(
    browser: Any, reports: dict[str, Path], name: str
) -> None:
    """axe-core reports no violation on the promotion packet and the team report."""
    assert _axe(browser, reports[name].as_uri()) == []
