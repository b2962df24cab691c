"""The shipped framework's site, a promotion packet and a team report in Chromium.

At a phone's width (390 px) and a desktop's (1440 px) no view scrolls
sideways; axe-core finds no violation on the ladder pages and the packet
(when axe-core is installed from npm: `.ci/run` does it and sets AXE_CORE).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import SITE_HIDDEN, axe_violations
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

VIEWS = ("", "#role-support-specialist", "#level-customer-experience-leader-vp", "#compare")


@pytest.fixture(scope="module")
def site(sites: dict[str, Path]) -> Path:
    """The shipped framework as the HTML site, in English."""
    return sites["en"]


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


def _axe(browser: Any, url: str, hidden: str = SITE_HIDDEN) -> list[str]:
    """axe-core's violations on the page at `url`, 1440 px wide, without its `hidden` parts."""
    browser.set_window_size(1440, 900)
    browser.get(url)
    return axe_violations(browser, hidden=hidden)


@pytest.mark.parametrize("view", ["", "#role-support-specialist", "#competency-troubleshooting"])
def test_axe_finds_no_violation_on_the_ladder_site(browser: Any, site: Path, view: str) -> None:
    """axe-core reports no violation on the overview, a role and a competency.

    The overview is checked with every hidden view left in the page (the one
    whole-document run of the site: ids and references across views), the
    others with their view alone.
    """
    assert _axe(browser, site.as_uri() + view, hidden=SITE_HIDDEN if view else "") == []


@pytest.mark.parametrize("name", ["packet", "team"])
def test_axe_finds_no_violation_on_the_reports(
    browser: Any, reports: dict[str, Path], name: str
) -> None:
    """axe-core reports no violation on the promotion packet and the team report."""
    assert _axe(browser, reports[name].as_uri(), hidden="") == []


LEVEL = "support-specialist@ss3"
LEVEL_VIEW = "#level-support-specialist-ss3"


def _fresh(browser: Any, site: Path) -> None:
    """The level view, loaded anew with no ticks kept."""
    browser.get(site.as_uri() + LEVEL_VIEW)
    browser.execute_script("localStorage.clear()")
    browser.refresh()


def _tick(browser: Any, count: int) -> list[str]:
    """Tick the first `count` boxes of the level view; the references ticked."""
    from selenium.webdriver.common.by import By

    ticked = []
    for box in browser.find_elements(By.CSS_SELECTOR, f"{LEVEL_VIEW} input.tick")[:count]:
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()
        ticked.append(box.find_element(By.XPATH, "..").get_attribute("data-ref"))
    return ticked


def test_every_expected_behaviour_of_a_level_gets_a_checkbox(browser: Any, site: Path) -> None:
    """On a level view there is one checkbox per expected behaviour, labelled by its text."""
    from selenium.webdriver.common.by import By

    browser.get(site.as_uri() + LEVEL_VIEW)
    items = browser.find_elements(By.CSS_SELECTOR, f"{LEVEL_VIEW} li[data-ref]")
    labelled = browser.execute_script(
        "return Array.from(document.querySelectorAll(arguments[0] + ' input.tick'))"
        ".filter(b => b.labels.length === 1 && b.labels[0].textContent.trim()).length",
        LEVEL_VIEW,
    )
    assert (len(items) > 0, labelled) == (True, len(items))


def test_the_reader_sees_what_is_still_missing(browser: Any, site: Path) -> None:
    """After ticking two boxes, the fold of what is missing counts the rest."""
    from selenium.webdriver.common.by import By

    _fresh(browser, site)
    total = len(browser.find_elements(By.CSS_SELECTOR, f"{LEVEL_VIEW} input.tick"))
    _tick(browser, 2)
    missing = browser.find_elements(By.CSS_SELECTOR, f"{LEVEL_VIEW} .self-missing li")
    summary = browser.find_element(By.CSS_SELECTOR, f"{LEVEL_VIEW} .self-missing summary")
    assert (len(missing), summary.get_attribute("textContent")) == (
        total - 2,
        f"Still missing for this level: {total - 2}",
    )


def test_downloaded_self_assessment_validates_and_analyses(
    browser: Any, site: Path, tmp_path: Path
) -> None:
    """Ticks, the download button, then `competency validate` (exit 0) and `competency gap`."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)}
    )
    _fresh(browser, site)
    ticked = _tick(browser, 3)
    browser.find_element(By.CSS_SELECTOR, f"{LEVEL_VIEW} input.self-id").send_keys("amara-o")
    button = browser.find_element(By.CSS_SELECTOR, f"{LEVEL_VIEW} button.self-download")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    path = tmp_path / "evidence-support-specialist-ss3.yaml"
    # Generous: returns as soon as the file is there, fails only if it never comes.
    WebDriverWait(browser, 120).until(lambda _: path.is_file() and path.stat().st_size > 0)
    run = [sys.executable, "-m", "competency"]
    checked = subprocess.run([*run, "validate", path], cwd=ROOT, capture_output=True, text=True)
    gap = subprocess.run(
        [*run, "gap", path, "--format", "json"], cwd=ROOT, capture_output=True, text=True
    )
    report = json.loads(gap.stdout)
    evidenced = sorted(
        b["id"]
        for c in report["competencies"]
        for b in c["behaviours"]
        if b["status"] == "evidenced"
    )
    assert (checked.returncode, report["target"], evidenced) == (0, LEVEL, sorted(ticked))


def test_the_evidence_file_names_the_level_below_and_the_target(browser: Any, site: Path) -> None:
    """The file says role, the level below as the current level, and the viewed level as target."""
    _fresh(browser, site)
    _tick(browser, 1)
    text = browser.execute_script("return window.competencyEvidence(arguments[0])", LEVEL)
    head = [line for line in text.splitlines() if line.startswith(("role:", "level:", "target:"))]
    assert head == ['role: "support-specialist"', 'level: "ss2"', f'target: "{LEVEL}"']


def test_ticks_are_kept_when_the_page_is_opened_again(browser: Any, site: Path) -> None:
    """Ticks live in local storage: reloading the page keeps them."""
    from selenium.webdriver.common.by import By

    _fresh(browser, site)
    ticked = _tick(browser, 2)
    browser.refresh()
    kept = [
        box.find_element(By.XPATH, "..").get_attribute("data-ref")
        for box in browser.find_elements(By.CSS_SELECTOR, f"{LEVEL_VIEW} input.tick")
        if box.is_selected()
    ]
    assert kept == ticked


def test_the_comparison_shows_added_replaced_and_unchanged(browser: Any, site: Path) -> None:
    """Comparing two levels of a role gives three columns: added, replaced, unchanged."""
    from selenium.webdriver.common.by import By

    browser.get(site.as_uri() + "#compare")
    _choose_level(browser, "compare-a", "support-specialist@ss2")
    _choose_level(browser, "compare-b", LEVEL)
    columns = browser.find_elements(By.CSS_SELECTOR, "#compare-result .diff-columns > section")
    grows = browser.find_elements(By.CSS_SELECTOR, "#compare-result .replaced li .grows")
    assert ([c.get_attribute("class") for c in columns], len(grows) > 0) == (
        ["diff-column added", "diff-column replaced", "diff-column unchanged"],
        True,
    )


def _choose_level(browser: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(browser.find_element(By.ID, element_id)).select_by_value(value)


@pytest.mark.parametrize("view", ["#role-support-specialist", "#compare"])
def test_tables_become_one_card_per_competency_on_a_phone(
    browser: Any, site: Path, view: str
) -> None:
    """At 390 px a ladder's and the comparison's rows are cards, one per competency."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True},
    )
    try:
        browser.get(site.as_uri() + view)
        shown = browser.execute_script(
            "var view = document.querySelector(arguments[0]);"
            "var row = view.querySelector('table.ladder tbody tr, table.compare tbody tr');"
            "var wrap = row.closest('.table-wrap');"
            "return [getComputedStyle(row).display, wrap.scrollWidth <= wrap.clientWidth];",
            view,
        )
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    assert shown == ["block", True]


def test_the_team_can_be_sorted_by_name_from_the_keyboard(
    browser: Any, reports: dict[str, Path]
) -> None:
    """Enter on the Person header's button sorts the heatmap by name and says so."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.get(reports["team"].as_uri())
    written = [
        e.text for e in browser.find_elements(By.CSS_SELECTOR, "table.heatmap-grid tbody th")
    ]
    button = browser.find_element(By.CSS_SELECTOR, "th[data-sort='name'] button")
    button.send_keys(Keys.ENTER)
    names = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "table.heatmap-grid tbody th")]
    header = browser.find_element(By.CSS_SELECTOR, "th[data-sort='name']")
    assert (names, header.get_attribute("aria-sort"), written != names) == (
        sorted(written),
        "ascending",
        True,
    )


def test_the_team_is_sorted_by_readiness_when_written(reports: dict[str, Path]) -> None:
    """Without a script the heatmap lists people readiest first, and says so."""
    text = reports["team"].read_text("utf-8")
    assert 'data-sort="readiness" aria-sort="descending"' in text


@pytest.mark.parametrize("view", [LEVEL_VIEW, "#compare"])
def test_axe_finds_no_violation_on_the_self_assessment_and_comparison(
    browser: Any, site: Path, view: str
) -> None:
    """axe-core reports no violation on a level view with its checkboxes, and the comparison."""
    assert _axe(browser, site.as_uri() + view) == []
