"""A team report in flat memory: compact people, and writers that stream (competency.write)."""

from __future__ import annotations

import json
import tracemalloc
from datetime import date

from competency.analysis.team import People, PersonSummary, TeamReport, team
from competency.write import chunks, output_of
from competency.write.data import json_report
from tests.unit.test_gap_world import AS_OF, item, make_evidence, make_framework


def summary(person: str, *, name: str | None = None, verdict: str = "almost") -> PersonSummary:
    """A person at agent@a1 whose next level is agent@a2."""
    return PersonSummary.model_validate(
        {
            "person": person,
            "name": name,
            "file": f"team/{person}.yaml",
            "role": "agent",
            "level": "a1",
            "current_level": "agent@a1",
            "next_level": "agent@a2",
            "verdict": verdict,
            "met": 1,
            "partial": 1,
            "gap": 0,
            "competencies": {"writing": "met", "fixing": "partial"},
        }
    )


def big_team(people: int) -> TeamReport:
    """A team report of `people` people, most of them alike, from the small test framework."""
    evidences = (
        (f"team/p{n:05d}.yaml", make_evidence(item("writing.w1"), person=f"p{n:05d}"))
        for n in range(people)
    )
    return team(make_framework(), evidences, as_of=AS_OF)


def test_people_give_back_the_summaries_they_were_given() -> None:
    """Reading People makes equal summaries, in the order they were added."""
    given = [summary("amara", name="Amara O."), summary("sam", verdict="ready")]
    assert given == list(People(given))


def test_people_share_what_many_people_have_in_common() -> None:
    """Two people at the same level share one tuple of competency ids and one of statuses."""
    people = People([summary("amara"), summary("sam")])
    first, second = people._rows
    assert (first[-2] is second[-2], first[-1] is second[-1]) == (True, True)


def test_people_index_and_slice_like_a_list() -> None:
    """people[-1] and people[:1] read as they would from a list."""
    given = [summary("amara"), summary("sam")]
    people = People(given)
    assert (given[-1], given[:1]) == (people[-1], people[:1])


def test_a_report_holds_people_compact_and_dumps_them_as_a_list() -> None:
    """A report built from People dumps the same data as one built from a list."""
    given = [summary("amara"), summary("sam")]
    stamp = {"id": "fw", "version": "1", "hash": "sha256:0"}
    common = {"as_of": date(2026, 11, 1), "framework": stamp, "competencies": []}
    common |= {"training_needs": [], "bench": [], "failed": [], "policy": {}}
    compact = TeamReport.model_validate({**common, "people": People(given)})
    plain = TeamReport.model_validate({**common, "people": given})
    assert plain.model_dump(mode="json") == compact.model_dump(mode="json")


def test_people_keep_under_half_a_kilobyte_a_person() -> None:
    """2,000 people kept take under 500 bytes each (their summary models take about 1.5 KB)."""
    names = [f"person-{n:05d}" for n in range(2000)]
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    people = People(summary(name) for name in names)
    used = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert (len(people), used < 2000 * 500) == (2000, True)


def test_team_json_streams_the_same_bytes_as_the_whole_report_dumped() -> None:
    """The streamed team JSON equals `json_report` of the same report, byte for byte."""
    report = big_team(3)
    assert json_report(report) == output_of("team", "json", report)


def test_team_json_of_nobody_is_an_empty_list() -> None:
    """A team without people streams "people": [] as the whole dump does."""
    report = team(make_framework(), [], as_of=AS_OF)
    assert json_report(report) == output_of("team", "json", report)


def test_team_json_keeps_line_separators_escaped_when_streamed() -> None:
    """A name with U+2028 is written as \\u2028 in the streamed JSON too."""
    evidence = make_evidence(person="sam")
    data = evidence.model_dump(mode="json")
    data["person"]["name"] = "Sam\u2028Okafor"
    report = team(make_framework(), [type(evidence).model_validate(data)], as_of=AS_OF)
    written = str(output_of("team", "json", report))
    assert ("\u2028" in written, json.loads(written)["people"][0]["name"]) == (
        False,
        "Sam\u2028Okafor",
    )


def test_a_large_team_is_written_in_many_pieces() -> None:
    """1,200 people's CSV, JSON, Markdown, text and HTML come in several pieces each."""
    report = big_team(1200)
    counts = {name: len(list(chunks("team", name, report))) for name in ("csv", "json", "md")}
    counts |= {name: len(list(chunks("team", name, report))) for name in ("text", "html")}
    assert all(count > 2 for count in counts.values()), counts


def test_csv_pieces_join_into_one_header_and_a_line_per_person() -> None:
    """Streamed in batches, the CSV still has one header, a line per person, no blank line."""
    report = big_team(1200)
    lines = "".join(str(piece) for piece in chunks("team", "csv", report)).split("\n")
    assert (len(lines), lines[0].startswith("file,person"), "" in lines) == (1201, True, False)


def test_team_text_escapes_people_as_it_streams_them() -> None:
    """A control character in a streamed person row is shown as an escape, not sent raw."""
    given = [summary("sam\x1b]0;owned\x07")]
    report = team(make_framework(), [], as_of=AS_OF).model_copy(update={"people": People(given)})
    written = str(output_of("team", "text", report))
    assert ("\x1b" in written, "sam\\x1b]0;owned\\x07" in written) == (False, True)


def test_team_xlsx_is_dated_by_its_report_not_by_the_clock() -> None:
    """The workbook's created and modified dates are the report's as-of date."""
    from io import BytesIO

    import openpyxl

    data = output_of("team", "xlsx", big_team(2))
    assert isinstance(data, bytes)
    properties = openpyxl.load_workbook(BytesIO(data)).properties
    assert (properties.created.date(), properties.modified.date()) == (AS_OF, AS_OF)


def test_a_formula_like_name_gets_one_apostrophe_in_the_csv_and_the_workbook() -> None:
    """Each writer escapes a person's name once: "'=HYPERLINK(...)", never "''=..."."""
    from io import BytesIO

    import openpyxl

    evidence = make_evidence(person="sam")
    data = evidence.model_dump(mode="json")
    data["person"]["name"] = '=HYPERLINK("x")'
    report = team(make_framework(), [type(evidence).model_validate(data)], as_of=AS_OF)
    workbook = output_of("team", "xlsx", report)
    assert isinstance(workbook, bytes)
    people = openpyxl.load_workbook(BytesIO(workbook))["People"]
    csv_name = str(output_of("team", "csv", report)).splitlines()[1].split(",", 2)[2]
    assert (people["C2"].value, csv_name.startswith("\"'=HYPERLINK")) == (
        '\'=HYPERLINK("x")',
        True,
    )


def test_a_person_record_gives_back_its_summary() -> None:
    """PersonRecord keeps a summary as plain values (cheap to send) and makes it again."""
    from competency.analysis.team import PersonRecord

    given = summary("amara", name="Amara O.")
    assert PersonRecord.of(given).summary == given
