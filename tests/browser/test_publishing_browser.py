"""Publishing, third edition, in Chromium: labels that fit, addresses, printing, reports on a phone.

The shipped framework's site in English, Thai and Chinese; a level report
and a team report of the shipped examples.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import SITE_HIDDEN, SITE_LOCALES
from tests.browser.test_site_layout import _axe, _widths
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

LOCALES = SITE_LOCALES


def _report(tmp_path_factory: pytest.TempPathFactory, name: str, *args: str) -> Path:
    """A report of the shipped examples, written as HTML by the command line."""
    command = [sys.executable, "-m", "competency", *args, "--as-of", "2026-05-04"]
    run = subprocess.run(
        [*command, "--format", "html"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    path = tmp_path_factory.mktemp(name) / f"{name}.html"
    path.write_text(run.stdout, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def level_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Mateo's level report as HTML."""
    return _report(tmp_path_factory, "level", "level", "examples/mateo-s.yaml")


@pytest.fixture(scope="module")
def team_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped examples' team report as HTML."""
    return _report(tmp_path_factory, "team", "team", "examples")


#: Each box's label lines and its rectangle, in page pixels: [ref, text, spill].
_SPILL = """
var found = [];
document.querySelectorAll(arguments[0] + " g.box").forEach(function (box) {
  var rect = box.querySelector("rect").getBoundingClientRect();
  box.querySelectorAll("tspan").forEach(function (line) {
    var r = line.getBoundingClientRect();
    if (r.left < rect.left - 0.5 || r.right > rect.right + 0.5 ||
        r.top < rect.top - 0.5 || r.bottom > rect.bottom + 0.5) {
      found.push(line.textContent);
    }
  });
});
return found;
"""


@pytest.mark.parametrize("locale", LOCALES)
def test_every_map_label_stays_inside_its_box(
    browser: Any, sites: dict[str, Path], locale: str
) -> None:
    """Measured by the browser, each line of each box's label lies inside the box."""
    browser.set_window_size(1440, 900)
    browser.get(sites[locale].as_uri() + "#career-map")
    assert browser.execute_script(_SPILL, "#map-all") == []


@pytest.mark.parametrize("locale", ["th", "zh-Hans"])
def test_role_map_labels_stay_inside_their_boxes(
    browser: Any, sites: dict[str, Path], locale: str
) -> None:
    """On a role's page, its map's labels lie inside their boxes too."""
    browser.set_window_size(1440, 900)
    browser.get(sites[locale].as_uri() + "#role-customer-success-manager")
    browser.execute_script(
        "document.querySelector('#role-customer-success-manager details.role-map').open = true"
    )
    assert browser.execute_script(_SPILL, "#map-customer-success-manager") == []


def test_the_grade_labels_stay_in_view_while_the_map_scrolls(
    browser: Any, sites: dict[str, Path]
) -> None:
    """Scrolled sideways, the map's grade labels are still at the left edge of its box."""
    browser.set_window_size(390, 844)
    browser.get(sites["en"].as_uri() + "#career-map")
    offset = browser.execute_script(
        "var wrap = document.querySelector('#career-map .map-wrap');"
        "wrap.scrollLeft = 600;"
        "return document.querySelector('#career-map svg.map-grades').getBoundingClientRect().left"
        " - wrap.getBoundingClientRect().left;"
    )
    browser.set_window_size(1280, 900)
    assert 0 <= offset <= 2


def test_arrow_down_in_the_role_picker_does_not_navigate(
    browser: Any, sites: dict[str, Path]
) -> None:
    """ArrowDown in the role picker keeps the overview and the focus where they are."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(sites["th"].as_uri())
    picker = browser.find_element(By.ID, "role-picker")
    picker.send_keys(Keys.ARROW_DOWN)
    picker.send_keys(Keys.ARROW_DOWN)
    state = browser.execute_script(
        "return [location.hash, document.activeElement.id,"
        " document.getElementById('overview').hidden]"
    )
    assert state == ["", "role-picker", False]


def test_a_comparison_address_restores_the_comparison(browser: Any, sites: dict[str, Path]) -> None:
    """Choosing two levels puts them in the address; opening that address shows them again."""
    from selenium.webdriver.support.ui import Select

    browser.get(sites["en"].as_uri() + "#compare")
    browser.refresh()
    Select(browser.find_element("id", "compare-a")).select_by_value("support-engineer@se2")
    Select(browser.find_element("id", "compare-b")).select_by_value("support-engineer@se4")
    address = browser.current_url
    browser.get(sites["en"].as_uri())
    browser.get(address)
    browser.refresh()
    chosen = browser.execute_script(
        "return [document.getElementById('compare-a').value,"
        " document.getElementById('compare-b').value,"
        " document.querySelector('#compare-result caption').textContent, document.title]"
    )
    assert (address.rpartition("#")[2], chosen[:3], chosen[3].startswith("Compare")) == (
        "compare/support-engineer@se2/support-engineer@se4",
        [
            "support-engineer@se2",
            "support-engineer@se4",
            "Support Engineer II / Principal Support Engineer",
        ],
        True,
    )


def _printed(browser: Any, script: str) -> Any:
    """`script`'s value with print media emulated."""
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        return browser.execute_script(script)
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_printing_the_comparison_prints_it(browser: Any, sites: dict[str, Path]) -> None:
    """With print media the comparison's table and both change columns are laid out."""
    browser.get(sites["en"].as_uri() + "#compare/support-engineer@se1/support-engineer@se2")
    browser.refresh()
    shown = _printed(
        browser,
        "return [document.querySelector('#compare-result table').offsetHeight > 0,"
        " document.querySelectorAll('.diff-column.added, .diff-column.replaced').length,"
        " document.getElementById('compare').offsetHeight > 200]",
    )
    assert shown == [True, 2, True]


def test_printing_a_level_prints_that_level_only(browser: Any, sites: dict[str, Path]) -> None:
    """A level's address prints its role's title and that level, and no other level."""
    browser.get(sites["en"].as_uri() + "#level-support-specialist-ss3")
    browser.refresh()
    levels = _printed(
        browser,
        "return Array.from(document.querySelectorAll('#role-support-specialist section.level'))"
        ".filter(s => s.offsetParent !== null).map(s => s.id)",
    )
    assert levels == ["level-support-specialist-ss3"]


def test_printing_the_overview_fits_the_map_to_the_page(
    browser: Any, sites: dict[str, Path]
) -> None:
    """With print media the whole map is no wider than the page's text column."""
    browser.set_window_size(794, 1123)
    browser.get(sites["en"].as_uri())
    widths = _printed(
        browser,
        "return [document.getElementById('map-all').getBoundingClientRect().width,"
        " document.body.clientWidth]",
    )
    browser.set_window_size(1280, 900)
    assert widths[0] <= widths[1]


def test_the_level_report_fits_a_phone(browser: Any, level_page: Path) -> None:
    """At 390 px the level report does not scroll sideways and its Gap numbers are on screen."""
    scroll, inner = _widths(browser, level_page.as_uri(), 390)
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        browser.get(level_page.as_uri())
        right = browser.execute_script(
            "return Math.max(...Array.from(document.querySelectorAll('td'))"
            ".map(td => td.getBoundingClientRect().right))"
        )
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert (scroll <= inner, right <= 390) == (True, True)


def test_the_team_can_be_filtered_and_grouped_by_manager(browser: Any, team_page: Path) -> None:
    """Typing a name leaves that person's row; grouping by manager adds a heading per manager."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    browser.set_window_size(1440, 900)
    browser.get(team_page.as_uri())
    browser.find_element(By.ID, "team-filter").send_keys("Mateo")
    rows = browser.execute_script(
        "return Array.from(document.querySelectorAll('table.heatmap-grid tbody tr'))"
        ".filter(r => !r.hidden).map(r => r.cells[0].textContent)"
    )
    browser.find_element(By.ID, "team-filter").clear()
    browser.find_element(By.ID, "team-filter").send_keys(" ")
    Select(browser.find_element(By.ID, "team-group")).select_by_value("manager")
    groups = browser.execute_script(
        "return document.querySelectorAll('table.heatmap-grid tbody tr.group').length"
    )
    assert (rows, groups > 0) == (["Mateo Silva"], True)


def test_the_team_heatmap_scrolls_with_the_page(browser: Any, team_page: Path) -> None:
    """At desktop width the heatmap has no inner scroll box: it is as tall as its table."""
    browser.set_window_size(1440, 900)
    browser.get(team_page.as_uri())
    heights = browser.execute_script(
        "var box = document.querySelector('#heatmap .table-wrap');"
        "return [box.clientHeight, box.scrollHeight];"
    )
    assert heights[0] >= heights[1]


@pytest.mark.parametrize(
    "view", ["#compare/support-engineer@se1/support-engineer@se2", "#role-support-specialist"]
)
def test_axe_finds_no_violation_on_the_new_views(
    browser: Any, sites: dict[str, Path], view: str
) -> None:
    """axe-core reports no violation on a comparison address and a Thai role page."""
    hidden = SITE_HIDDEN if view.startswith("#compare") else ""  # the Thai page whole
    assert _axe(browser, sites["th"].as_uri() + view, hidden=hidden) == []


def test_axe_finds_no_violation_on_the_level_report(browser: Any, level_page: Path) -> None:
    """axe-core reports no violation on the level report."""
    assert _axe(browser, level_page.as_uri(), hidden="") == []
