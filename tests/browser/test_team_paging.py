"""The team heatmap of 320 people in Chromium: pages of 50, with the filter, sorting and grouping.

The team is bench/bench_calibrate.py's generated one (every person with a
role and most with a manager), written as HTML by the command line in
English and Thai, looked at 1440 and 390 CSS pixels wide.
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from competency.render.messages import messages_for
from tests.browser.conftest import axe_violations
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import bench_calibrate

pytestmark = pytest.mark.browser

PEOPLE = 320
WIDTHS = (1440, 390)
LOCALES = ("en", "th")
CASES = [(width, locale) for width in WIDTHS for locale in LOCALES]

#: Each heatmap row: its name cell, whether it is shown, and its role; group headings as "#".
_ROWS = """
return Array.from(document.querySelectorAll('#heatmap-rows tr')).filter(r => !r.hidden).map(
  r => r.classList.contains('group') ? ['#', r.textContent]
    : [r.cells[0].textContent, r.getAttribute('data-role')]);
"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The generated team's report as HTML, in each locale."""
    folder = tmp_path_factory.mktemp("team-320")
    bench_calibrate.generate(folder, PEOPLE)
    found = {}
    for locale in LOCALES:
        command = [sys.executable, "-m", "competency", "team", str(folder), "--matrices"]
        command += ["matrices", "--as-of", "2026-11-01", "--locale", locale, "--format", "html"]
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
        found[locale] = folder / f"team-{locale}.html"
        found[locale].write_text(run.stdout, encoding="utf-8")
    return found


@contextmanager
def _opened(browser: Any, page: Path, width: int) -> Iterator[Any]:
    """The page open in a window `width` CSS pixels wide (a phone's below 600)."""
    browser.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": width < 600},
    )
    try:
        browser.get(page.as_uri())
        yield browser
    finally:
        browser.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _written(page: Path) -> list[tuple[str, str]]:
    """Each heatmap row as written (readiest first): its name and its row's text, folded."""
    text = page.read_text(encoding="utf-8")
    found = []
    for row in re.findall(r"<tr data-rank=.*?</tr>", text):
        name = re.search(r'<th scope="row">(.*?)</th>', row)
        kept = re.findall(r'data-(?:manager|role)="([^"]*)"', row)
        words = " ".join([re.sub(r"<[^>]+>", "", row), *kept])
        found.append((html.unescape(name[1] if name else ""), html.unescape(words).lower()))
    return found


def _press(browser: Any, element_id: str) -> None:
    """Press Enter on a control, as a keyboard user does."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    browser.find_element(By.ID, element_id).send_keys(Keys.ENTER)


def _status(browser: Any) -> str:
    """What the live status line says."""
    return str(browser.execute_script("return document.getElementById('team-shown').textContent"))


@pytest.mark.parametrize(("width", "locale"), CASES)
def test_the_first_page_shows_fifty_people(
    browser: Any, pages: dict[str, Path], width: int, locale: str
) -> None:
    """The page opens on the first 50 people as written, and says so in its language."""
    m = messages_for(locale)
    with _opened(browser, pages[locale], width):
        names = [row[0] for row in browser.execute_script(_ROWS)]
        said = (_status(browser), browser.find_element("id", "team-page").text)
    expected = (
        [name for name, _ in _written(pages[locale])[:50]],
        m["people_page_all"].format(first=1, last=50, count=PEOPLE),
        m["page_of_pages"].format(page=1, pages=7),
    )
    assert (names, *said) == expected


@pytest.mark.parametrize(("width", "locale"), CASES)
def test_next_page_shows_the_next_fifty_in_order(
    browser: Any, pages: dict[str, Path], width: int, locale: str
) -> None:
    """Enter on "Next page" shows people 51 to 100, announced, with the focus kept."""
    m = messages_for(locale)
    with _opened(browser, pages[locale], width):
        _press(browser, "team-next")
        names = [row[0] for row in browser.execute_script(_ROWS)]
        status = _status(browser)
        focus = browser.execute_script("return document.activeElement.id")
    expected = (
        [name for name, _ in _written(pages[locale])[50:100]],
        m["people_page_all"].format(first=51, last=100, count=PEOPLE),
        "team-next",
    )
    assert (names, status, focus) == expected


@pytest.mark.parametrize(("width", "locale"), CASES)
def test_a_filter_starts_again_at_page_one_with_the_right_count(
    browser: Any, pages: dict[str, Path], width: int, locale: str
) -> None:
    """Typing a filter on page 2 shows the first 50 matching people and counts them all."""
    from selenium.webdriver.common.by import By

    m = messages_for(locale)
    # The filter keeps a row that has every word of it somewhere in its text.
    rows = _written(pages[locale])
    matching = [name for name, text in rows if "person" in text and "2" in text]
    with _opened(browser, pages[locale], width):
        _press(browser, "team-next")
        browser.find_element(By.ID, "team-filter").send_keys("Person 2")
        names = [row[0] for row in browser.execute_script(_ROWS)]
        status = _status(browser)
    expected = (
        matching[:50],
        m["people_page"].format(first=1, last=50, shown=len(matching), count=PEOPLE),
    )
    assert ((names, status), len(matching) > 50) == (expected, True)


@pytest.mark.parametrize(("width", "locale"), CASES)
def test_grouping_by_role_puts_each_row_under_its_role(
    browser: Any, pages: dict[str, Path], width: int, locale: str
) -> None:
    """Grouped by role, every row of a page is under its role's heading; a page opens with one."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with _opened(browser, pages[locale], width):
        Select(browser.find_element(By.ID, "team-group")).select_by_value("role")
        first = browser.execute_script(_ROWS)
        _press(browser, "team-next")
        second = browser.execute_script(_ROWS)
    misplaced = []
    for shown in (first, second):
        heading = ""
        for name, value in shown:
            if name == "#":
                heading = value
            elif not heading.startswith(f"{value} ("):
                misplaced.append((name, value, heading))
    people = [len([row for row in shown if row[0] != "#"]) for shown in (first, second)]
    assert (misplaced, [first[0][0], second[0][0]], people) == ([], ["#", "#"], [50, 50])


def test_the_last_page_keeps_the_focus_on_next(browser: Any, pages: dict[str, Path]) -> None:
    """At the last page "Next page" is marked unusable but keeps the keyboard's focus."""
    with _opened(browser, pages["en"], 1440):
        for _ in range(8):
            _press(browser, "team-next")
        state = browser.execute_script(
            "var next = document.getElementById('team-next');"
            "return [document.activeElement.id, next.getAttribute('aria-disabled'),"
            " document.getElementById('team-page').textContent];"
        )
    assert state == ["team-next", "true", "Page 7 of 7"]


def test_all_shows_everyone_on_one_page(browser: Any, pages: dict[str, Path]) -> None:
    """Choosing "All" people per page shows all 320 and hides the page buttons."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with _opened(browser, pages["en"], 1440):
        Select(browser.find_element(By.ID, "team-per-page")).select_by_value("0")
        shown = len(browser.execute_script(_ROWS))
        hidden = browser.execute_script("return document.getElementById('team-pages').hidden")
    assert (shown, hidden) == (PEOPLE, True)


@pytest.mark.parametrize(("width", "locale"), CASES)
def test_the_paged_team_does_not_scroll_sideways(
    browser: Any, pages: dict[str, Path], width: int, locale: str
) -> None:
    """With its page buttons shown, the page is no wider than the window."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with _opened(browser, pages[locale], width):
        Select(browser.find_element(By.ID, "team-group")).select_by_value("manager")
        widths = browser.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]"
        )
    assert widths[0] <= widths[1]


@pytest.mark.parametrize(("width", "locale"), [(390, "th"), (1440, "en")])
def test_axe_finds_no_violation_on_a_grouped_page(
    browser: Any, pages: dict[str, Path], width: int, locale: str
) -> None:
    """axe-core reports no violation on page 2 grouped by role."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    with _opened(browser, pages[locale], width):
        Select(browser.find_element(By.ID, "team-group")).select_by_value("role")
        _press(browser, "team-next")
        # The other pages' rows are hidden, so no reader reaches them.
        found = axe_violations(browser, hidden="#heatmap-rows tr[hidden]")
    assert found == []
