"""Gap, level and team reports as HTML and PDF."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from competency import load_evidence, load_framework
from competency.analysis.gap import Analyzer, GapReport
from competency.analysis.team import TeamReport, team
from competency.framework import Framework
from competency.model import Evidence
from competency.names import Names
from competency.render import reports
from competency.render.messages import CATALOGUE
from tests.golden.hostile import FRAMEWORK, PAYLOAD

DAY = date(2026, 5, 4)

_EVIDENCE = f"""\
format: competency/v1
kind: evidence
person: {{id: ana-b, name: Ana Berg}}
role: support-engineer
level: se1
items:
  - id: webhook-fix
    date: 2026-03-01
    source: manager
    summary: Found why webhooks failed for a large account.
    link: https://tickets.example.com/4821
    shows: [troubleshooting.reproduces-first, troubleshooting.reads-logs]
  - date: 2026-04-01
    source: peer
    summary: {PAYLOAD!r}
    link: "javascript:alert(1)"
    shows: [coaching.gives-feedback]
"""


@pytest.fixture(scope="module")
def golden() -> Framework:
    """The small golden framework."""
    return load_framework(FRAMEWORK)


@pytest.fixture(scope="module")
def evidence(golden: Framework, tmp_path_factory: pytest.TempPathFactory) -> Evidence:
    """One person's evidence, with an item whose summary tries to run script."""
    path = tmp_path_factory.mktemp("evidence") / "ana-b.yaml"
    path.write_text(_EVIDENCE, "utf-8")
    return load_evidence(path, golden)


@pytest.fixture(scope="module")
def gap_report(golden: Framework, evidence: Evidence) -> GapReport:
    """Ana's gap report against the level after hers."""
    return Analyzer(golden, DAY).report(evidence, "support-engineer@se2")


@pytest.fixture(scope="module")
def team_report(golden: Framework, evidence: Evidence) -> TeamReport:
    """A team of one."""
    return team(golden, [evidence], as_of=DAY)


def test_every_catalogue_has_every_message() -> None:
    """Each locale's catalogue has exactly the keys of the English one."""
    english = set(CATALOGUE["en"])
    assert {locale: set(texts) ^ english for locale, texts in CATALOGUE.items()} == {
        locale: set() for locale in CATALOGUE
    }


def test_packet_links_each_item_to_its_page(gap_report: GapReport, evidence: Evidence) -> None:
    """The promotion packet links an evidence item to its http(s) link."""
    page = reports.report_html("gap", gap_report, evidence=evidence)
    assert 'href="https://tickets.example.com/4821"' in page


def test_packet_drops_script_links(gap_report: GapReport, evidence: Evidence) -> None:
    """An item link that is not http(s) is not made a link."""
    assert 'href="javascript:' not in reports.report_html("gap", gap_report, evidence=evidence)


def test_packet_shows_hostile_summary_as_text(gap_report: GapReport, evidence: Evidence) -> None:
    """An item summary with markup is escaped, and the page has no script element."""
    page = reports.report_html("gap", gap_report, evidence=evidence)
    assert ("<script" in page, "&lt;script&gt;window.pwned" in page) == (False, True)


def test_packet_says_the_verdict_in_the_locale(gap_report: GapReport) -> None:
    """The verdict word comes from the locale's catalogue."""
    page = reports.report_html("gap", gap_report, locale="fr")
    expected = f'<strong class="verdict-{gap_report.verdict}">'
    expected += CATALOGUE["fr"][f"verdict_{gap_report.verdict}"]
    assert expected in page


def test_heatmap_cells_add_up_to_the_team_tally(team_report: TeamReport) -> None:
    """The heatmap's cells add up to the team report's per-competency counts."""
    heatmap = reports.report_data("team", team_report)["heatmap"]
    ids = [c["id"] for c in heatmap["competencies"]]
    counted = {
        c.id: (c.met, c.partial, c.gap)
        for c in team_report.competencies
        if c.met + c.partial + c.gap
    }
    mine = {
        competency: tuple(int(found == status) for status in ("met", "partial", "gap"))
        for competency, found in zip(ids, heatmap["rows"][0]["cells"], strict=True)
        if found is not None
    }
    assert mine == counted


def test_team_page_has_a_heatmap_cell_per_person_and_competency(team_report: TeamReport) -> None:
    """The team page shows a heatmap cell for each competency a person's next level expects."""
    page = reports.report_html("team", team_report)
    expected = sum(len(person.competencies) for person in team_report.people)
    assert (page.count('<td class="cell status-'), expected > 0) == (expected, True)


def test_team_page_of_nobody_has_no_heatmap(team_report: TeamReport) -> None:
    """A team report with no people leaves the heatmap out."""
    empty = team_report.model_copy(update={"people": []})
    assert 'id="heatmap"' not in reports.report_html("team", empty)


def test_heatmap_rows_carry_the_role_name_in_the_locale(
    golden: Framework, team_report: TeamReport
) -> None:
    """Each heatmap row names its role in the page's language, for grouping by role."""
    page = reports.report_html("team", team_report, names=Names(golden, "fr"))
    assert 'data-role="Ingénieur support"' in page


def test_without_the_script_the_heatmap_shows_everyone(team_report: TeamReport) -> None:
    """The page as written hides no row and keeps the filter, grouping and pages hidden."""
    page = reports.report_html("team", team_report)
    controls = page.split('id="team-controls"')[1].split(">")[0]
    assert (controls, "<tr hidden" in page) == (" hidden", False)


@pytest.mark.pdf
def test_packet_pdf_names_the_person(
    gap_report: GapReport, evidence: Evidence, tmp_path: Path
) -> None:
    """The promotion packet PDF holds the person's name and the item summaries as text."""
    pytest.importorskip("typst")
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    path = tmp_path / "packet.pdf"
    path.write_bytes(reports.report_pdf("gap", gap_report, evidence=evidence))
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    text = " ".join(done.stdout.split())
    assert ("Ana Berg" in text, "Found why webhooks failed" in text) == (True, True)


@pytest.mark.pdf
def test_team_pdf_is_reproducible(team_report: TeamReport) -> None:
    """Two team PDFs of the same report are the same bytes."""
    pytest.importorskip("typst")
    first = reports.report_pdf("team", team_report)
    assert first == reports.report_pdf("team", team_report)


@pytest.mark.pdf
def test_level_pdf_compiles(golden: Framework, evidence: Evidence) -> None:
    """The level report renders to a PDF."""
    pytest.importorskip("typst")
    report = Analyzer(golden, DAY).level_report(evidence)
    assert reports.report_pdf("level", report).startswith(b"%PDF-")
