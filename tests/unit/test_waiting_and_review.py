"""Suggested items shown as waiting for confirmation in every report format, and the lines
the packet's review mode may edit (render/review.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from competency import load_evidence, load_framework
from competency.analysis.gap import Analyzer, GapReport
from competency.framework import Framework
from competency.model import Evidence
from competency.names import Names
from competency.render import reports
from competency.render.review import review_anchors
from competency.write import markdown, text
from tests.conftest import ROOT

DAY = date(2026, 5, 4)

EVIDENCE = """\
# Comments stay.
format: competency/v1
kind: evidence
person: {id: mateo-s, name: Mateo Silva}
role: support-specialist
level: ss1
confirmed: {date: 2025-03-03, by: manager}
target: support-specialist@ss2
items:
  - id: own-fcr
    date: 2026-04-30
    source: system
    summary: Logged a feature request with the customer's goal.
    shows: [product-collaboration.logs-feature-requests]
    suggested: true  # from the export
  - {id: flow, date: 2026-04-30, source: peer, summary: One line., suggested: true, \
shows: [product-collaboration.files-bug-reports]}
  - suggested: true
    id: dash-line
    date: 2026-04-30
    source: peer
    summary: Suggested on the dash's line.
    shows: [product-collaboration.files-bug-reports]
assessments: []
"""


@pytest.fixture(scope="module")
def framework() -> Framework:
    """The shipped framework."""
    return load_framework(ROOT / "matrices")


@pytest.fixture(scope="module")
def evidence(framework: Framework, tmp_path_factory: pytest.TempPathFactory) -> Evidence:
    """Evidence with three suggested items written three ways."""
    path = tmp_path_factory.mktemp("waiting") / "mateo-s.yaml"
    path.write_text(EVIDENCE, encoding="utf-8")
    return load_evidence(path, framework)


@pytest.fixture(scope="module")
def report(framework: Framework, evidence: Evidence) -> GapReport:
    """The gap report of the evidence against its target."""
    return Analyzer(framework, DAY).report(evidence, "support-specialist@ss2")


def test_the_report_lists_suggested_items_by_behaviour(report: GapReport) -> None:
    """`waiting()` maps each behaviour to the suggested items that would show it."""
    assert report.waiting() == {
        "product-collaboration.logs-feature-requests": ["own-fcr"],
        "product-collaboration.files-bug-reports": ["flow", "dash-line"],
    }


def test_text_shows_waiting_items_under_the_behaviour(report: GapReport) -> None:
    """The text report puts 'waiting for confirmation' under the behaviour the item shows."""
    lines = text.gap(report).splitlines()
    at = next(i for i, line in enumerate(lines) if "logs-feature-requests" in line)
    assert lines[at + 1].strip() == "waiting for confirmation: own-fcr"


def test_markdown_shows_waiting_items_in_the_evidence_cell(report: GapReport) -> None:
    """The Markdown table's Evidence cell names the waiting items."""
    row = next(r for r in markdown.gap(report).splitlines() if "files-bug-reports` (new)" in r)
    assert "| waiting for confirmation: `flow`, `dash-line` |" in row


def test_html_packet_shows_waiting_items_beside_the_behaviour(
    report: GapReport, evidence: Evidence, framework: Framework
) -> None:
    """The HTML packet has a 'waiting for confirmation' note for each behaviour with some."""
    page = reports.report_html("gap", report, evidence=evidence, names=Names(framework, None))
    assert page.count('class="meta waiting">waiting for confirmation:') == 2


def test_the_french_packet_says_it_in_french(
    report: GapReport, evidence: Evidence, framework: Framework
) -> None:
    """The words come from the locale's catalogue."""
    page = reports.report_html(
        "gap", report, evidence=evidence, names=Names(framework, "fr"), locale="fr"
    )
    assert "en attente de confirmation:" in page


def test_the_packet_has_no_review_mode_without_the_files_text(
    report: GapReport, evidence: Evidence, framework: Framework
) -> None:
    """Without the evidence text there is no review section and no script."""
    page = reports.report_html("gap", report, evidence=evidence, names=Names(framework, None))
    assert ('id="review"' in page, "<script>" in page) == (False, False)


def test_the_packet_has_a_review_mode_with_the_files_text(
    report: GapReport, evidence: Evidence, framework: Framework
) -> None:
    """With the evidence text the page has its review section and the text, escaped for script."""
    page = reports.report_html(
        "gap", report, evidence=evidence, names=Names(framework, None), evidence_text=EVIDENCE
    )
    assert ('id="review"' in page, "# Comments stay.\\n" in page) == (True, True)


def test_anchors_find_each_items_lines_and_its_suggested_line() -> None:
    """Block items get their lines and suggested line; a flow item or one whose suggested key
    is on the dash's line cannot be confirmed by deleting a line."""
    anchors = review_anchors(EVIDENCE)
    assert anchors is not None
    items = [(i["label"], i["start"], i["end"], i["suggested"]) for i in anchors["items"]]
    assert items == [
        ("own-fcr", 9, 15, 14),
        ("flow", 15, 16, None),
        ("dash-line", 16, 22, None),
    ]


def test_anchors_find_the_lists_the_confirmation_and_the_level() -> None:
    """An empty flow list is found by its line; `confirmed` by its lines; `level` by its value."""
    anchors = review_anchors(EVIDENCE)
    assert anchors is not None
    found = (anchors["assessments"], anchors["confirmed"], anchors["level"], anchors["history"])
    assert found == (
        {"empty": 22, "at": None, "dash": None},
        {"start": 6, "end": 7},
        {"line": 5, "start": 7, "end": 10},
        None,
    )


@pytest.mark.parametrize(
    "broken",
    ["[1, 2]", "{a: 1}", "a: [", "", "just text"],
    ids=["list", "flow", "bad", "empty", "scalar"],
)
def test_text_that_is_not_a_block_mapping_has_no_review(broken: str) -> None:
    """The review needs a block mapping; anything else gives None, not an exception."""
    assert review_anchors(broken) is None


def test_a_byte_order_mark_is_kept_aside() -> None:
    """A BOM is reported and the lines are counted without it."""
    anchors = review_anchors("\ufeff" + EVIDENCE)
    assert anchors is not None
    assert (anchors["bom"], anchors["text"] == EVIDENCE, anchors["items"][0]["start"]) == (
        True,
        True,
        9,
    )


def test_crlf_lines_are_counted_as_the_parser_counts_them(tmp_path: Path) -> None:
    """With Windows line breaks the anchors are the same line numbers."""
    anchors = review_anchors(EVIDENCE.replace("\n", "\r\n"))
    assert anchors is not None
    assert anchors["items"][0]["suggested"] == 14
