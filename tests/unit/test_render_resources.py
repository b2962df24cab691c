"""Resources (format 1.2) are shown under their step in every ladder format."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from competency import load_framework
from competency.render import render
from tests.conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "framework"

RESOURCES = """\
    resources:
      - title: {en: Reading request logs, fr: Lire les journaux}
        kind: course
        url: https://learn.example.com/logs
      - title: Shadow an escalation engineer for a week
        kind: shadowing
"""


@pytest.fixture(scope="module")
def framework_with_resources(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The golden framework with two resources on troubleshooting's practising step."""
    folder = tmp_path_factory.mktemp("resources") / "framework"
    shutil.copytree(GOLDEN, folder)
    path = folder / "competencies" / "troubleshooting.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  practising:")
    at = text.index("    behaviours:", start)
    path.write_text(text[:at] + RESOURCES + text[at:], encoding="utf-8")
    return folder


def _pages(framework: Path, fmt: str, out: Path, locale: str | None = None) -> dict[str, str]:
    written = render(load_framework(framework), fmt, out, locale=locale)
    return {path.relative_to(out).as_posix(): path.read_text(encoding="utf-8") for path in written}


def test_markdown_competency_page_lists_the_resources_under_their_step(
    framework_with_resources: Path, tmp_path: Path
) -> None:
    """The competency page has both resources, with kind and address, under Practising."""
    pages = _pages(framework_with_resources, "md", tmp_path)
    page = next(text for name, text in pages.items() if "troubleshooting" in name)
    practising = page[page.index("## Practising") :]
    practising = (
        practising[: practising.index("\n## ", 1)] if "\n## " in practising[1:] else practising
    )
    assert (
        "Reading request logs (course): https://learn.example.com/logs" in practising,
        "Shadow an escalation engineer for a week (shadowing)" in practising,
    ) == (True, True)


def test_html_shows_resources_with_a_safe_link_and_in_the_page_locale(
    framework_with_resources: Path, tmp_path: Path
) -> None:
    """The site links the course and shows its French title on a French page."""
    english = _pages(framework_with_resources, "html", tmp_path / "en")["index.html"]
    french = _pages(framework_with_resources, "html", tmp_path / "fr", "fr")["index.html"]
    link = (
        '<a href="https://learn.example.com/logs" rel="noopener noreferrer">'
        "Reading request logs</a>"
    )
    assert (link in english, "Lire les journaux" in french) == (True, True)


def test_a_level_that_raises_the_step_shows_its_resources(
    framework_with_resources: Path, tmp_path: Path
) -> None:
    """Support Engineer II raises troubleshooting to practising: its cell names the resources."""
    pages = _pages(framework_with_resources, "md", tmp_path)
    role = next(text for name, text in pages.items() if "support-engineer" in name)
    assert "Shadow an escalation engineer for a week (shadowing)" in role
