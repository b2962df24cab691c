"""The promotion packet's review mode in Chromium: the manager's choices, then the command line.

The page edits the evidence file's original text (it judges nothing); the
downloaded file must validate, keep every untouched line byte for byte, and
`competency gap` on it must reflect the review.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.browser

AS_OF = "2026-05-04"

EVIDENCE = """\
# A person's evidence, with two items a tool suggested.
format: competency/v1
kind: evidence
person:
  id: mateo-s
  name: Mateo Silva   # as on the badge
role: support-specialist
level: ss1
confirmed: {date: 2025-03-03, by: manager}
target: support-specialist@ss2
items:
  # From the help desk export.
  - id: own-fcr
    date: 2026-04-30
    source: system
    summary: First-contact resolution rose from 64 to 73 per cent.
    shows: [data-and-metrics.knows-own-metrics]
    suggested: true  # proposed by competency suggest
  - id: survey-notes
    date: 2026-04-30
    source: system
    summary: Sorted the comments behind low ratings.
    shows: [data-and-metrics.checks-own-dashboard]
    suggested: true
# The end.
"""

#: What the review below must make of EVIDENCE: own-fcr confirmed (its
#: suggested line gone), survey-notes dropped, an assessment and a history
#: entry added, the level raised; every other line as it was.
REVIEWED = """\
# A person's evidence, with two items a tool suggested.
format: competency/v1
kind: evidence
person:
  id: mateo-s
  name: Mateo Silva   # as on the badge
role: support-specialist
level: "ss2"
history:
  - {level: support-specialist@ss1, date: 2025-03-03, by: manager}
  - {level: "support-specialist@ss2", date: 2026-05-04, by: panel}
target: support-specialist@ss2
items:
  # From the help desk export.
  - id: own-fcr
    date: 2026-04-30
    source: system
    summary: First-contact resolution rose from 64 to 73 per cent.
    shows: [data-and-metrics.knows-own-metrics]
# The end.
assessments:
  - competency: "data-and-metrics"
    step: "practising"
    by: manager
    date: 2026-05-04
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "competency", *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True)


@pytest.fixture
def packet(tmp_path: Path) -> Path:
    """The packet of EVIDENCE as HTML, made by `competency gap --format html`."""
    evidence = tmp_path / "mateo-s.yaml"
    evidence.write_text(EVIDENCE, encoding="utf-8", newline="")
    made = _run("gap", str(evidence), "--format", "html", "--as-of", AS_OF)
    assert made.returncode == 0, made.stderr
    page = tmp_path / "packet.html"
    page.write_text(made.stdout, encoding="utf-8")
    return page


def _review(browser: Any, packet: Path, folder: Path) -> Path:
    """Confirm the first suggested item, drop the second, assess, confirm ss2; download."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(folder)}
    )
    browser.set_window_size(1280, 900)
    browser.get(packet.as_uri())
    box = browser.find_element(By.ID, "review")
    browser.execute_script("arguments[0].open = true; arguments[0].scrollIntoView()", box)

    def click(selector: str) -> None:
        element = box.find_element(By.CSS_SELECTOR, selector)
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()

    click("input[name='review-item-1'][value='confirm']")
    click("input[name='review-item-2'][value='drop']")
    row = box.find_element(
        By.CSS_SELECTOR, ".review-assessment[data-competency='data-and-metrics']"
    )
    Select(row.find_element(By.CSS_SELECTOR, ".ra-step")).select_by_value("practising")
    Select(box.find_element(By.CSS_SELECTOR, ".rc-level")).select_by_value("ss2")
    Select(box.find_element(By.CSS_SELECTOR, ".rc-by")).select_by_value("panel")
    click("button.review-download")
    path = folder / "mateo-s.yaml"
    WebDriverWait(browser, 10).until(lambda _: path.is_file() and path.stat().st_size > 0)
    return path


def test_the_review_edits_only_the_lines_it_must(
    browser: Any, packet: Path, tmp_path: Path
) -> None:
    """The downloaded file is the original text with exactly the review's line edits."""
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    path = _review(browser, packet, downloads)
    assert path.read_bytes().decode("utf-8") == REVIEWED


def test_the_reviewed_file_validates_and_gap_reflects_the_review(
    browser: Any, packet: Path, tmp_path: Path
) -> None:
    """`validate` accepts the file; `gap` counts the confirmed item and not the dropped one."""
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    path = _review(browser, packet, downloads)
    checked = _run("validate", str(path))
    gap = _run("gap", str(path), "--format", "json", "--as-of", AS_OF)
    report = json.loads(gap.stdout)
    shown = {
        label: b["id"]
        for c in report["competencies"]
        for b in c["behaviours"]
        for label in b["evidence"]
    }
    assessed = {c["id"]: c["assessed"] for c in report["competencies"]}
    assert (
        checked.returncode,
        shown.get("own-fcr"),
        report["ignored_items"],
        report["confirmed"]["level"],
        assessed.get("data-and-metrics"),
    ) == (0, "data-and-metrics.knows-own-metrics", [], "support-specialist@ss2", "practising")


def test_the_packet_shows_suggested_items_beside_their_behaviours(
    browser: Any, packet: Path
) -> None:
    """Before the review, each suggested item is shown as waiting beside its behaviour."""
    from selenium.webdriver.common.by import By

    browser.get(packet.as_uri())
    waiting = [
        e.get_attribute("textContent").strip()
        for e in browser.find_elements(By.CSS_SELECTOR, ".evidence-list .waiting")
    ]
    assert sorted(w.split(":")[0] for w in waiting) == ["waiting for confirmation"] * 2


def test_the_packet_page_allows_only_its_own_script(packet: Path) -> None:
    """The Content-Security-Policy names one script hash, that of the page's one inline script."""
    import base64
    import hashlib
    import re

    html = packet.read_text(encoding="utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    policy = re.search(r"script-src '([^']+)'", html)
    digest = base64.b64encode(hashlib.sha256(scripts[0].encode("utf-8")).digest()).decode()
    assert (len(scripts), policy.group(1) if policy else None) == (1, f"sha256-{digest}")
