"""The text, Markdown and CSV forms of the reports (competency.write)."""

from __future__ import annotations

import csv
import io

from competency.analysis.gap import GapReport, analyze
from competency.analysis.team import team
from competency.model import Readiness
from competency.write import WRITERS, WriteOptions, markdown, output_of, text
from tests.unit.test_gap_world import AS_OF, item, make_evidence, make_framework


def report(**policy: object) -> GapReport:
    """A partial report: writing.w1 shown, everything else missing."""
    evidence = make_evidence(item("writing.w1", label="first"), person="sam")
    return analyze(make_framework(), evidence, "agent@a2", AS_OF, Readiness.model_validate(policy))


def test_text_has_colour_codes_only_when_asked() -> None:
    """colour=True adds ANSI codes; colour=False has none."""
    found = (
        "\x1b[" in text.gap(report(), WriteOptions(colour=True)),
        "\x1b[" in text.gap(report()),
    )
    assert found == (True, False)


def test_text_verdict_line_counts_the_competencies() -> None:
    """The second line gives the verdict and how many competencies are met, partial, gap."""
    assert (
        text.gap(report()).splitlines()[1]
        == "Verdict: not-yet: 0 of 2 competencies met, 1 partial, 1 gap"
    )


def test_text_thin_behaviour_says_what_more_is_needed() -> None:
    """A thin behaviour's next step names the policy's numbers and the items it has."""
    out = text.gap(report(min_items=2))
    assert (
        "    - writing.w1: add evidence: needs 2 items from 1 source, has first" in out.splitlines()
    )


def test_markdown_escapes_pipes_in_table_cells() -> None:
    """A pipe in a not-applicable reason does not break the table."""
    evidence = make_evidence(person="sam", not_applicable=["writing.w1"])
    data = evidence.model_dump(mode="json")
    data["not_applicable"][0]["reason"] = "Chat | email only"
    found = analyze(make_framework(), type(evidence).model_validate(data), "agent@a2", AS_OF)
    assert "not applicable: Chat \\| email only" in markdown.gap(found)


def test_team_csv_quotes_names_with_commas() -> None:
    """A name with a comma stays one CSV cell."""
    evidence = make_evidence(person="sam")
    data = evidence.model_dump(mode="json")
    data["person"]["name"] = "Okafor, Amara"
    found = team(make_framework(), [type(evidence).model_validate(data)], as_of=AS_OF)
    rows = list(csv.reader(io.StringIO(str(output_of("team", "csv", found)))))
    assert rows[1][2] == "Okafor, Amara"


def test_every_format_name_resolves_to_a_writer() -> None:
    """Each entry of the format tables imports and is callable."""
    assert all(callable(w.write) for table in WRITERS.values() for w in table.values())
