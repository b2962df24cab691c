"""The self-assessment of the shipped framework's site in Chromium, judged by `competency gap`.

What the page says is missing must be what `competency gap` says about the
file it downloads: the page offers every behaviour the level expects, asks
for the person, and the analysis on the downloaded file agrees with it.
"""

from __future__ import annotations

import json
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

LEVEL = "support-specialist@ss2"
VIEW = "#level-support-specialist-ss2"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped framework as the HTML site."""
    folder = tmp_path_factory.mktemp("self-site")
    (path,) = render(load_framework(ROOT / "matrices"), "html", folder, today=date(2026, 5, 4))
    return path


@pytest.fixture
def page(browser: Any, site: Path, tmp_path: Path) -> Any:
    """Support Specialist II's level, loaded anew with nothing kept, downloads into tmp_path."""
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(tmp_path)}
    )
    browser.set_window_size(1280, 900)
    browser.get(site.as_uri() + VIEW)
    browser.execute_script("localStorage.clear()")
    browser.refresh()
    return browser


def _boxes(browser: Any) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(browser.find_elements(By.CSS_SELECTOR, f"{VIEW} input.tick"))


def _tick(browser: Any, boxes: list[Any]) -> list[str]:
    """Tick `boxes` (opening their folds first); the references ticked."""
    from selenium.webdriver.common.by import By

    browser.execute_script(
        "document.querySelectorAll(arguments[0] + ' details').forEach(d => d.open = true)", VIEW
    )
    refs = []
    for box in boxes:
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
        box.click()
        refs.append(box.find_element(By.XPATH, "..").get_attribute("data-ref"))
    return refs


def _fill(browser: Any, **values: str) -> None:
    from selenium.webdriver.common.by import By

    for name, value in values.items():
        field = browser.find_element(By.CSS_SELECTOR, f"{VIEW} input.self-{name}")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
        field.clear()
        field.send_keys(value)


def _download(browser: Any, folder: Path) -> Path:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    button = browser.find_element(By.CSS_SELECTOR, f"{VIEW} button.self-download")
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    path = folder / "evidence-support-specialist-ss2.yaml"
    WebDriverWait(browser, 10).until(lambda _: path.is_file() and path.stat().st_size > 0)
    return path


def _gap(path: Path) -> dict[str, Any]:
    run = [sys.executable, "-m", "competency", "gap", str(path), "--format", "json"]
    done = subprocess.run(run, cwd=ROOT, capture_output=True, text=True, check=True)
    report: dict[str, Any] = json.loads(done.stdout)
    return report


def _missing_on_page(browser: Any) -> list[str]:
    """The behaviour texts the page lists as missing, without the competency's name."""
    return list(
        browser.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0] + ' .self-missing li'))"
            ".map(li => li.lastChild.textContent)",
            VIEW,
        )
    )


def test_the_page_offers_every_behaviour_the_level_expects(page: Any) -> None:
    """One checkbox per behaviour the level expects: what is new and what the level below had."""
    framework = load_framework(ROOT / "matrices")
    expected = sorted(b.ref for c in framework.expected(LEVEL) for b in c.behaviours)
    offered = sorted(
        page.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0] + ' input.tick'))"
            ".map(b => b.parentNode.getAttribute('data-ref'))",
            VIEW,
        )
    )
    assert offered == expected


def test_ticking_everything_offered_gives_a_ready_file(page: Any, tmp_path: Path) -> None:
    """Everything ticked: the page says nothing is missing, and `competency gap` says ready."""
    from selenium.webdriver.common.by import By

    _tick(page, _boxes(page))
    _fill(page, name="Amara Okafor", id="amara-o", manager="dana-k")
    summary = page.find_element(By.CSS_SELECTOR, f"{VIEW} .self-missing summary")
    said = summary.get_attribute("textContent")
    report = _gap(_download(page, tmp_path))
    unmet = [c["id"] for c in report["competencies"] if c["status"] != "met"]
    assert (said.startswith("Nothing is missing"), report["verdict"], unmet) == (True, "ready", [])


def test_what_the_page_says_is_missing_is_what_gap_says(page: Any, tmp_path: Path) -> None:
    """With every third box ticked, the page's missing list is `competency gap`'s missing list."""
    boxes = _boxes(page)
    _tick(page, boxes[::3])
    _fill(page, id="amara-o")
    on_page = sorted(_missing_on_page(page))
    report = _gap(_download(page, tmp_path))
    framework = load_framework(ROOT / "matrices")
    texts = {b.ref: b.behaviour.text for c in framework.expected(LEVEL) for b in c.behaviours}
    from competency.text import localize

    in_report = sorted(
        localize(texts[b["id"]])
        for c in report["competencies"]
        for b in c["behaviours"]
        if b["status"] == "missing"
    )
    assert (len(on_page) > 0, on_page) == (True, in_report)


def test_the_file_names_the_person_and_the_manager(page: Any, tmp_path: Path) -> None:
    """The downloaded file carries the id, name and manager typed on the page, and validates."""
    _tick(page, _boxes(page)[:2])
    _fill(page, name="Amara Okafor", id="amara-o", manager="dana-k")
    path = _download(page, tmp_path)
    head = [
        line
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith(("  id:", "  name:", "  manager:"))
    ]
    run = [sys.executable, "-m", "competency", "validate", str(path)]
    checked = subprocess.run(run, cwd=ROOT, capture_output=True, text=True)
    assert (head, checked.returncode) == (
        ['  id: "amara-o"', '  name: "Amara Okafor"', '  manager: "dana-k"'],
        0,
    )


@pytest.mark.parametrize("wrong", ["", "Amara", "amara--o", "-amara", "a" * 65])
def test_an_id_the_format_refuses_stops_the_download(page: Any, tmp_path: Path, wrong: str) -> None:
    """An id that is not a format id is refused on the page: no file, the field marked invalid."""
    from selenium.webdriver.common.by import By

    _tick(page, _boxes(page)[:1])
    # Set as a script would: the field's maxlength stops a 65th character typed.
    page.execute_script(
        "document.querySelector(arguments[0] + ' input.self-id').value = arguments[1]", VIEW, wrong
    )
    button = page.find_element(By.CSS_SELECTOR, f"{VIEW} button.self-download")
    page.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    field = page.find_element(By.CSS_SELECTOR, f"{VIEW} input.self-id")
    status = page.find_element(By.CSS_SELECTOR, f"{VIEW} .self-status").text
    shown = (field.get_attribute("aria-invalid"), status.startswith("Write your id"))
    assert (shown, list(tmp_path.iterdir())) == (("true", True), [])


def test_the_instructions_speak_to_an_agent(page: Any) -> None:
    """The hint under the download button names the manager and no command."""
    from selenium.webdriver.common.by import By

    hint = page.find_element(By.CSS_SELECTOR, f"{VIEW} .self-check > p.meta:last-child")
    text = hint.get_attribute("textContent")
    assert ("send the file to your manager" in text, "competency " in text) == (True, False)
