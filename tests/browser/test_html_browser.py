"""The HTML page in a real browser: headless Chromium loads it from file://."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from competency import load_framework
from competency.render import render
from tests.conftest import ROOT
from tests.golden.hostile import FRAMEWORK, PAYLOAD, hostile_framework

pytestmark = pytest.mark.browser

ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML page of the golden framework with a behaviour text that tries to run script."""
    folder = tmp_path_factory.mktemp("html")
    framework = load_framework(hostile_framework(folder))
    (path,) = render(framework, "html", folder / "out", today=date(2026, 5, 4))
    return path


@pytest.fixture(scope="module")
def constructor_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden framework's page with the coaching competency renamed ``constructor``."""
    folder = tmp_path_factory.mktemp("constructor")
    target = folder / "framework"
    shutil.copytree(FRAMEWORK, target)
    (target / "competencies" / "coaching.yaml").rename(target / "competencies" / "constructor.yaml")
    for path in target.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("coaching", "constructor"), encoding="utf-8")
    (path,) = render(load_framework(target), "html", folder / "out", today=date(2026, 5, 4))
    return path


@pytest.fixture
def loaded(browser: Any, page: Path) -> Any:
    """The browser with the page freshly loaded and its console emptied."""
    browser.get(page.as_uri())
    browser.get_log("browser")  # drain anything from earlier tests
    browser.get(page.as_uri())
    return browser


def _visible_roles(driver: Any) -> list[str]:
    from selenium.webdriver.common.by import By

    sections = driver.find_elements(By.CSS_SELECTOR, "section.role")
    return [s.get_attribute("data-role") for s in sections if s.is_displayed()]


def _choose(driver: Any, element_id: str, value: str) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element(By.ID, element_id)).select_by_value(value)


@pytest.fixture
def comparing(browser: Any, page: Path) -> Any:
    """The browser on the page's comparison view, its console emptied."""
    browser.get(page.as_uri())
    browser.get_log("browser")
    browser.get(page.as_uri() + "#compare")
    return browser


def test_page_opens_on_the_overview_with_no_role_shown(loaded: Any) -> None:
    """On load, the overview shows and no role's ladder does."""
    from selenium.webdriver.common.by import By

    overview = loaded.find_element(By.ID, "overview").is_displayed()
    assert (overview, _visible_roles(loaded)) == (True, [])


def test_a_level_address_shows_its_role_only(browser: Any, page: Path) -> None:
    """An address naming a level (#level-ROLE-LEVEL) shows that role's view alone."""
    browser.get(page.as_uri() + "#level-support-lead-sl2")
    assert _visible_roles(browser) == ["support-lead"]


def test_a_malformed_address_fragment_does_not_stop_the_script(browser: Any, page: Path) -> None:
    """A #fragment that is not valid percent-encoding shows the overview and no role."""
    from selenium.webdriver.common.by import By

    browser.get(page.as_uri() + "#%")
    overview = browser.find_element(By.ID, "overview").is_displayed()
    assert (overview, _visible_roles(browser)) == (True, [])


def test_search_finds_a_behaviour_and_links_to_the_level_that_asks_for_it(loaded: Any) -> None:
    """Typing words of a behaviour lists it, linked to the lowest level that expects it."""
    from selenium.webdriver.common.by import By

    loaded.find_element(By.ID, "search").send_keys("calibration sessions")
    links = loaded.find_elements(By.CSS_SELECTOR, "#search-results a")
    found = [(a.text, a.get_attribute("href").rpartition("#")[2]) for a in links]
    assert (
        "Runs calibration sessions so reviewers score alike.",
        "level/support-lead@sl2",
    ) in found


def test_role_picker_shows_the_chosen_role(loaded: Any) -> None:
    """Choosing a role in the picker and pressing Open shows that role and hides the others."""
    from selenium.webdriver.common.by import By

    _choose(loaded, "role-picker", "support-lead")
    loaded.find_element(By.ID, "role-open").click()
    assert _visible_roles(loaded) == ["support-lead"]


def test_role_picker_works_from_the_keyboard(loaded: Any) -> None:
    """An arrow key only moves the choice; Enter opens it and focus goes to its heading."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    picker = loaded.find_element(By.ID, "role-picker")
    picker.send_keys(Keys.ARROW_DOWN)
    before = (_visible_roles(loaded), loaded.switch_to.active_element.get_attribute("id"))
    picker.send_keys(Keys.ENTER)
    after = (_visible_roles(loaded), loaded.switch_to.active_element.get_attribute("id"))
    assert (before, after) == (([], "role-picker"), (["support-lead"], "role-support-lead-title"))


def test_comparison_lists_steps_and_added_behaviours(comparing: Any) -> None:
    """Comparing two levels shows each step change and the behaviours added."""
    from selenium.webdriver.common.by import By

    _choose(comparing, "compare-a", "support-engineer@se1")
    _choose(comparing, "compare-b", "support-lead@sl2")
    result = comparing.find_element(By.ID, "compare-result")
    rows = [
        [cell.text for cell in row.find_elements(By.CSS_SELECTOR, "th, td")]
        for row in result.find_elements(By.CSS_SELECTOR, "tbody tr")
    ]
    added = result.find_element(By.CSS_SELECTOR, ".added").text
    expected_rows = [
        ["Troubleshooting", "Learning", "Practising", "↑ Practising"],
        ["Coaching", "not expected", "Leading", "Added"],
    ]
    assert (expected_rows, True) == (rows, "Runs calibration sessions" in added)


def test_comparison_handles_a_competency_named_like_an_object_property(
    browser: Any, constructor_page: Path
) -> None:
    """A competency with the id ``constructor`` compares like any other, without errors."""
    from selenium.webdriver.common.by import By

    browser.get(constructor_page.as_uri() + "#compare")
    browser.get_log("browser")
    _choose(browser, "compare-a", "support-engineer@se1")
    _choose(browser, "compare-b", "support-engineer@se2")
    result = browser.find_element(By.ID, "compare-result")
    rows = [
        [cell.text for cell in row.find_elements(By.CSS_SELECTOR, "th, td")]
        for row in result.find_elements(By.CSS_SELECTOR, "tbody tr")
    ]
    errors = [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]
    expected_rows = [
        ["Troubleshooting", "Learning", "Practising", "↑ Practising"],
        ["Coaching", "not expected", "Practising", "Added"],
    ]
    assert (expected_rows, []) == (rows, errors)


def test_swap_exchanges_the_two_levels(comparing: Any) -> None:
    """The swap button exchanges the first and second level."""
    from selenium.webdriver.common.by import By

    _choose(comparing, "compare-a", "support-engineer@se1")
    _choose(comparing, "compare-b", "support-engineer@se3")
    comparing.find_element(By.ID, "compare-swap").click()
    values = [
        comparing.find_element(By.ID, i).get_attribute("value") for i in ("compare-a", "compare-b")
    ]
    assert values == ["support-engineer@se3", "support-engineer@se1"]


def test_hostile_text_is_shown_and_never_runs(loaded: Any) -> None:
    """The behaviour text with <script> and onerror= is on screen as text, and set nothing."""
    from selenium.webdriver.common.by import By

    _choose(loaded, "role-picker", "support-lead")
    loaded.find_element(By.ID, "role-open").click()
    texts = [li.text for li in loaded.find_elements(By.CSS_SELECTOR, "#role-support-lead li")]
    shown = any(text.startswith(PAYLOAD.split("\u2028")[0].strip()) for text in texts)
    assert (shown, loaded.execute_script("return window.pwned")) == (True, None)


def test_comparison_shows_hostile_text_as_text(comparing: Any) -> None:
    """The comparison, built by script, shows the hostile text without running it."""
    from selenium.webdriver.common.by import By

    _choose(comparing, "compare-a", "support-lead@sl1")
    _choose(comparing, "compare-b", "support-engineer@se1")
    removed = comparing.find_element(By.CSS_SELECTOR, "#compare-result .removed").text
    assert (
        "<script>window.pwned = 1</script>" in removed,
        comparing.execute_script("return window.pwned"),
    ) == (True, None)


def test_page_logs_no_console_errors(loaded: Any, page: Path) -> None:
    """Using the picker and the comparison logs nothing at error level to the console."""
    _choose(loaded, "role-picker", "support-lead")
    loaded.get(page.as_uri() + "#compare")
    _choose(loaded, "compare-a", "support-lead@sl1")
    _choose(loaded, "compare-b", "support-engineer@se3")
    errors = [entry for entry in loaded.get_log("browser") if entry["level"] == "SEVERE"]
    assert errors == []


def test_screenshot_is_kept_as_an_artifact(loaded: Any) -> None:
    """A screenshot of the page after choosing a comparison is saved under tests/artifacts."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    _choose(loaded, "compare-a", "support-engineer@se1")
    _choose(loaded, "compare-b", "support-engineer@se2")
    target = ARTIFACTS / "html-page.png"
    assert True is loaded.save_screenshot(str(target))
