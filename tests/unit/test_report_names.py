"""Reports name people, roles, levels and evidence items where people read them; ids stay in data.

The shipped framework and examples: the team's bench in text and Markdown,
the level and history pages, the policy's sources in the page's language,
and the promotion packet's PDF, which names stale evidence by its summary
and prints its address.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from competency import load_evidence, load_framework
from competency.analysis.gap import Analyzer
from competency.analysis.history import history_report
from competency.analysis.team import TeamReport, team
from competency.framework import Framework
from competency.names import Names
from competency.render import reports
from competency.render.cycle import history_html_pieces
from competency.render.messages import CATALOGUE
from competency.write import markdown, text
from tests.conftest import ROOT

DAY = date(2026, 5, 4)


@pytest.fixture(scope="module")
def shipped() -> Framework:
    """The shipped framework."""
    return load_framework(ROOT / "matrices")


@pytest.fixture(scope="module")
def team_report(shipped: Framework) -> TeamReport:
    """The shipped examples as a team."""
    people = [load_evidence(path, shipped) for path in sorted((ROOT / "examples").glob("*.yaml"))]
    return team(shipped, people, as_of=DAY)


def test_the_text_bench_names_people(team_report: TeamReport) -> None:
    """The text bench gives the level's title and the ready person's name, not their id."""
    found = "".join(text.team(team_report))
    expected = "  Senior Support Specialist (support-specialist@ss3): ready: Bao Le; almost: nobody"
    assert expected in found.splitlines()


def test_the_markdown_bench_names_people(team_report: TeamReport) -> None:
    """The Markdown bench gives the level's title and the ready person's name, not their id."""
    found = "".join(markdown.team(team_report))
    expected = "| Senior Support Specialist (`support-specialist@ss3`) | Bao Le |  |"
    assert expected in found.splitlines()


def test_the_level_page_names_the_role_and_levels(shipped: Framework) -> None:
    """The level page says the role's and the current level's names; the ids are data attributes."""
    evidence = load_evidence(ROOT / "examples" / "mateo-s.yaml", shipped)
    report = Analyzer(shipped, DAY).level_report(evidence)
    page = reports.report_html("level", report, names=Names(shipped))
    found = (
        "<code>support-specialist" in page,
        'data-role="support-specialist">Support Specialist · Current level: Support Specialist II'
        in page,
        '<tr data-level="support-specialist@ss2">' in page,
    )
    expected = (False, True, True)
    assert expected == found


def test_the_history_page_shows_titles_not_level_ids(shipped: Framework) -> None:
    """The history page names each level by its title and keeps its id in a data attribute."""
    evidence = load_evidence(ROOT / "examples" / "jonas-b.yaml", shipped)
    report = history_report(shipped, evidence, as_of=date(2026, 11, 1))
    page = "".join(history_html_pieces(report, names=Names(shipped)))
    found = ("<code>support-specialist@" in page, 'data-level="support-specialist@ss2"' in page)
    expected = (False, True)
    assert expected == found


def test_the_policy_names_sources_in_the_page_language(shipped: Framework) -> None:
    """The policy's list of sources that count is in the page's language, not the source ids."""
    evidence = load_evidence(ROOT / "examples" / "mateo-s.yaml", shipped)
    report = Analyzer(shipped, DAY).report(evidence, "customer-success-manager@csm1a")
    policy = reports.report_data("gap", report, locale="th")["policy"]
    assert CATALOGUE["th"]["source_manager"] in policy[2]


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    """The text of a PDF as pdftotext gives it, one line per line of the page."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    command = ["pdftotext", "-layout", str(path), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def test_the_packet_pdf_names_stale_evidence_and_prints_its_address(
    shipped: Framework, tmp_path: Path
) -> None:
    """A stale item is named by its summary, with its link printed, never by its id."""
    pytest.importorskip("typst")
    evidence = load_evidence(ROOT / "examples" / "priya-n.yaml", shipped)
    report = Analyzer(shipped, date(2027, 12, 1)).report(evidence, "support-specialist@ss2")
    pdf = reports.report_pdf("gap", report, evidence=evidence, names=Names(shipped))
    lines = [line for line in _pdf_text(pdf, tmp_path).splitlines() if "too old:" in line]
    found = (
        "Answered a bakery chain" in lines[0],
        "clock-in-outage-reply" in "".join(lines),
        "https://tickets.example.com/48213" in _pdf_text(pdf, tmp_path),
    )
    expected = (True, False, True)
    assert expected == found
