"""Headless Chromium for the browser tests, driven by chromedriver."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
_FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
)


#: The locales the shipped framework's site is made in for these tests.
SITE_LOCALES = ("en", "th", "zh-Hans")


@pytest.fixture(scope="session")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The shipped framework's site in each of `SITE_LOCALES`, dated 4 May 2026.

    Made once per test run, even across xdist's workers (`shared_output`): the
    pages are only read, never changed, by the tests.
    """
    from datetime import date

    from competency import load_framework
    from competency.render import render
    from tests.conftest import ROOT, shared_output

    def make(folder: Path) -> Path:
        framework = load_framework(ROOT / "matrices")
        for locale in SITE_LOCALES:
            render(framework, "html", folder / locale, locale=locale, today=date(2026, 5, 4))
        return folder

    folder = shared_output(tmp_path_factory, "shipped-sites", make)
    return {locale: folder / locale / "index.html" for locale in SITE_LOCALES}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium driven by chromedriver, with its browser console recorded."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    if not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists()):
        pytest.skip("needs Debian chromium and chromium-driver")
    profile = tempfile.mkdtemp(prefix="competency-chromium-")
    options = webdriver.ChromeOptions()
    for flag in _FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    # Scripts (axe-core's runs) may take as long as a busy machine needs: only a
    # hang, never a slow run, fails a test.
    driver.set_script_timeout(600)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


#: axe-core from npm (`.ci/run` installs it and sets AXE_CORE).
AXE_CORE = Path(
    os.environ.get("AXE_CORE", Path(__file__).parents[2] / "node_modules/axe-core/axe.min.js")
)

#: The single-file site's views other than the one shown (`axe_violations`).
SITE_HIDDEN = "main > .view[hidden]"

_AXE_RUN = """
var done = arguments[arguments.length - 1];
var shown = [];
if (arguments[0]) {
  document.querySelectorAll(arguments[0]).forEach(function (part) {
    if (part.getClientRects().length) {
      shown.push(part.id || part.tagName);
    } else {
      part.remove();
    }
  });
}
if (shown.length) {
  done(['not hidden, so not left out: ' + shown.join(', ')]);
} else {
  axe.run(document, {resultTypes: ['violations']}).then(function (result) {
    done(result.violations.map(function (v) {
      return v.id + ': ' + v.nodes.map(function (n) { return n.target.join(' '); }).join(', ');
    }));
  }, function (error) { done(['axe-core failed: ' + error]); });
}
"""


def axe_violations(browser: Any, *, hidden: str = "") -> list[str]:
    """axe-core's violations on the page as it is now, as ``"rule: targets"`` lines.

    `hidden` (a CSS selector) names the parts a view hides, such as the site's
    other views or the team's other pages: they are taken out of the page
    before axe-core runs, since no reader reaches them, and a run over the
    single-file site's 48,000 elements takes 5 to 10 s where the shown view
    takes under one. Each hidden part is checked by the test that shows it,
    and a part matched by `hidden` that is on screen is reported, not removed.
    Page-level rules (the language, the title, landmarks) run either way.
    """
    if not AXE_CORE.is_file():
        pytest.skip("needs axe-core from npm (set AXE_CORE to axe.min.js)")
    browser.execute_script(AXE_CORE.read_text(encoding="utf-8"))
    return list(browser.execute_async_script(_AXE_RUN, hidden))
