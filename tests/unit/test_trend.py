"""``competency trend``: period ends, and each measure counted per period on a small team."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from competency import load_framework
from competency.analysis.trend import TrendReport, period_ends, trend
from competency.contract import ArgumentValueError
from competency.model import Evidence
from tests.conftest import ROOT, Run

GOLDEN = ROOT / "tests" / "golden" / "framework"
FRAMEWORK = load_framework(GOLDEN)
SE1, SE2, SL1 = "support-engineer@se1", "support-engineer@se2", "support-lead@sl1"


def evidence(person: str, **fields: Any) -> Evidence:
    """An evidence model for the golden framework."""
    data: dict[str, Any] = {
        "format": "competency/v1",
        "kind": "evidence",
        "person": {"id": person},
        "role": "support-engineer",
    }
    data.update(fields)
    return Evidence.model_validate(data)


def entry(level: str, on: str, by: str = "panel") -> dict[str, str]:
    """One history entry."""
    return {"level": level, "date": on, "by": by}


def shown(on: str, *refs: str) -> dict[str, Any]:
    """One manager item showing `refs` on `on`."""
    return {"date": on, "source": "manager", "summary": "Did it.", "shows": list(refs)}


#: Ana: se1 in February 2025, se2 in August. Ben: se2 in January 2025, then a lateral move
#: to support-lead in September. Cy: no level, one item in July 2025 (coaching, which se1
#: does not expect: she is at no level).
TEAM = [
    evidence(
        "ana",
        level="se2",
        history=[entry(SE1, "2025-02-10", "manager"), entry(SE2, "2025-08-01")],
    ),
    evidence(
        "ben",
        role="support-lead",
        level="sl1",
        history=[entry(SE2, "2025-01-15"), entry(SL1, "2025-09-01")],
    ),
    evidence("cy", items=[shown("2025-07-10", "coaching.gives-feedback")]),
]


def follow(
    people: list[Evidence], start: date = date(2025, 1, 1), end: date = date(2025, 10, 15)
) -> TrendReport:
    """The quarterly trend of `people` from `start` to `end`."""
    return trend(FRAMEWORK, people, start, end, "quarter")


def measure(report: TrendReport, name: str) -> list[Any]:
    """One measure of every period, in order."""
    return [getattr(period, name) for period in report.periods]


def test_quarter_ends_then_the_end_itself() -> None:
    """Quarter ends on or after D1 and before D2, then D2."""
    assert period_ends(date(2025, 1, 1), date(2026, 11, 1), "quarter") == [
        date(2025, 3, 31),
        date(2025, 6, 30),
        date(2025, 9, 30),
        date(2025, 12, 31),
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 9, 30),
        date(2026, 11, 1),
    ]


@pytest.mark.parametrize(
    ("start", "end", "every", "ends"),
    [
        (
            date(2026, 1, 31),
            date(2026, 3, 31),
            "month",
            [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)],
        ),
        (date(2026, 2, 1), date(2026, 2, 1), "month", [date(2026, 2, 1)]),
        (date(2026, 4, 1), date(2026, 6, 30), "quarter", [date(2026, 6, 30)]),
        (date(2025, 12, 31), date(2026, 1, 5), "quarter", [date(2025, 12, 31), date(2026, 1, 5)]),
    ],
)
def test_period_ends_edges(start: date, end: date, every: Any, ends: list[date]) -> None:
    """A month end equal to D1 counts; one equal to D2 is D2 itself, never twice."""
    assert period_ends(start, end, every) == ends


def test_an_end_before_the_start_is_refused() -> None:
    """D2 before D1 is an argument error, before any work."""
    with pytest.raises(ArgumentValueError, match="before the start"):
        period_ends(date(2026, 2, 1), date(2026, 1, 1))


def test_periods_start_the_day_after_the_previous_end() -> None:
    """The first period starts at D1; each other the day after the previous end."""
    assert measure(follow(TEAM), "start") == [
        date(2025, 1, 1),
        date(2025, 4, 1),
        date(2025, 7, 1),
        date(2025, 10, 1),
    ]


def test_people_are_counted_from_their_first_item_or_confirmation() -> None:
    """Ana (February) and Ben (January) from the first quarter; Cy from her July item."""
    assert measure(follow(TEAM), "people") == [2, 2, 3, 3]


def test_confirmations_are_counted_in_their_period_by_level() -> None:
    """se1 and se2 in Q1; nothing in Q2; se2 and sl1 in Q3; nothing from 1 to 15 October."""
    assert measure(follow(TEAM), "confirmations") == [
        {SE1: 1, SE2: 1},
        {},
        {SE2: 1, SL1: 1},
        {},
    ]


def test_current_levels_use_the_role_of_the_entry_in_force() -> None:
    """Ben is at se2 until his lateral move, then at sl1; Cy has no current level."""
    assert measure(follow(TEAM), "at_level") == [
        {SE1: 1, SE2: 1},
        {SE1: 1, SE2: 1},
        {SE2: 1, SL1: 1, "none": 1},
        {SE2: 1, SL1: 1, "none": 1},
    ]


def test_next_level_verdicts_at_each_end() -> None:
    """Ana at se1 has a coaching gap for se2 (not-yet); Ben at se2 misses only root-causes
    for se3 (almost). From Q3 Ana at se2 and Ben at sl1 each miss one leading behaviour
    (almost); Cy names no level, so she has no next level."""
    assert measure(follow(TEAM), "next_level") == [
        {"ready": 0, "almost": 1, "not-yet": 1, "none": 0},
        {"ready": 0, "almost": 1, "not-yet": 1, "none": 0},
        {"ready": 0, "almost": 2, "not-yet": 0, "none": 1},
        {"ready": 0, "almost": 2, "not-yet": 0, "none": 1},
    ]


def test_median_months_since_the_confirmed_level() -> None:
    """Ana 1, 4 months at se1, then 1, 2 at se2; Ben 2, 5 at se2, then 0, 1 at sl1."""
    assert measure(follow(TEAM), "median_months_in_level") == [
        {SE1: 1, SE2: 2},
        {SE1: 4, SE2: 5},
        {SE2: 1, SL1: 0},
        {SE2: 2, SL1: 1},
    ]


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two() -> None:
    """Two people at se1 for 1 and 2 months: a median of 1.5."""
    pair = [
        evidence("a", level="se1", history=[entry(SE1, "2025-02-10")]),
        evidence("b", level="se1", history=[entry(SE1, "2025-01-15")]),
    ]
    report = follow(pair, end=date(2025, 3, 31))
    assert measure(report, "median_months_in_level") == [{SE1: 1.5}]


def test_the_median_counts_only_people_at_their_confirmed_level() -> None:
    """Someone whose evidence takes them past their confirmed se1 is left out of the median."""
    beyond = evidence(
        "dee",
        level="se1",
        history=[entry(SE1, "2025-01-15")],
        items=[
            shown(
                "2025-03-01",
                "troubleshooting.reads-logs",
                "support-engineer.writes-bug-reports",
                "coaching.gives-feedback",
            )
        ],
    )
    report = follow([beyond], end=date(2025, 3, 31))
    assert (measure(report, "at_level"), measure(report, "median_months_in_level")) == (
        [{SE2: 1}],
        [{}],
    )


def test_items_after_a_period_end_are_not_counted_there() -> None:
    """An item dated after the end counts neither the person nor the evidence at that end."""
    late = evidence("eve", items=[shown("2025-04-02", "troubleshooting.reproduces-first")])
    assert measure(follow([late], end=date(2025, 6, 30)), "people") == [0, 1]


def test_json_has_the_contract_keys() -> None:
    """Each period holds section 10's keys; from, to and every are added."""
    data = follow(TEAM).model_dump(mode="json", by_alias=True)
    keys = {"end", "people", "confirmations", "at_level", "next_level", "median_months_in_level"}
    assert (keys <= set(data["periods"][0]), data["from"], data["to"], data["every"]) == (
        True,
        "2025-01-01",
        "2025-10-15",
        "quarter",
    )


FILES = {
    "ana.yaml": """\
format: competency/v1
kind: evidence
person: {id: ana}
role: support-engineer
level: se2
history:
  - {level: support-engineer@se1, date: 2025-02-10, by: manager}
  - {level: support-engineer@se2, date: 2025-08-01, by: panel}
""",
    "ben.yaml": """\
format: competency/v1
kind: evidence
person: {id: ben}
role: support-lead
level: sl1
history:
  - {level: support-engineer@se2, date: 2025-01-15, by: panel}
  - {level: support-lead@sl1, date: 2025-09-01, by: panel}
""",
}


def _team(folder: Path, broken: bool = False) -> Path:
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    if broken:
        (folder / "zed.yaml").write_text("format: competency/v1\nkind: evidence\n", "utf-8")
    return folder


ARGS = ("--matrices", GOLDEN, "--from", "2025-01-01", "--to", "2025-10-15", "-j", "1")


def test_cli_csv_is_a_long_table(cli: Callable[..., Run], tmp_path: Path) -> None:
    """One row per period, measure and key; the people row has no key."""
    run = cli("trend", _team(tmp_path), *ARGS, "--format", "csv")
    lines = run.out.splitlines()
    assert (run.status, lines[0], lines[1], lines[2]) == (
        0,
        "end,start,measure,key,value",
        "2025-03-31,2025-01-01,people,,2",
        "2025-03-31,2025-01-01,confirmations,support-engineer@se1,1",
    )


def test_cli_json_text_md_and_html(cli: Callable[..., Run], tmp_path: Path) -> None:
    """Every format runs; the page draws a chart per measure with a title and a table."""
    folder = _team(tmp_path)
    data = json.loads(cli("trend", folder, *ARGS, "--format", "json").out)
    text = cli("trend", folder, *ARGS).out
    md = cli("trend", folder, *ARGS, "--format", "md").out
    html = cli("trend", folder, *ARGS, "--format", "html").out
    assert (
        [p["people"] for p in data["periods"]],
        text.splitlines()[0],
        "## People at each current level" in md,
        html.count('<svg class="chart"'),
        html.count("<title id="),
        html.count("<details>"),
        "<script" in html,
        "http" in html.split("<body", 1)[1],
    ) == (
        [2, 2, 2, 2],
        "Trend from 2025-01-01 to 2025-10-15, by quarter (golden-support 2.1.0)",
        True,
        5,
        5,
        5,
        False,
        False,
    )


def test_cli_a_broken_file_is_reported_and_the_others_counted(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """Exit 1, the diagnostic on stderr, and the two good files still counted."""
    run = cli("trend", _team(tmp_path, broken=True), *ARGS, "--format", "json")
    data = json.loads(run.out)
    assert (
        run.status,
        "zed.yaml" in run.err,
        [p["people"] for p in data["periods"]],
        [f["file"].endswith("zed.yaml") for f in data["failed"]],
    ) == (1, True, [2, 2, 2, 2], [True])


def test_cli_to_before_from_is_a_usage_error(cli: Callable[..., Run], tmp_path: Path) -> None:
    """--to before --from: exit 2 with a message, nothing read."""
    run = cli("trend", tmp_path, "--matrices", GOLDEN, "--from", "2026-01-01", "--to", "2025-01-01")
    assert (run.status, "--to" in run.err) == (2, True)


def test_cli_jobs_do_not_change_the_output(cli: Callable[..., Run], tmp_path: Path) -> None:
    """Two worker processes give the same JSON as one."""
    folder = _team(tmp_path)
    one = cli("trend", folder, *ARGS, "--format", "json").out
    two = cli("trend", folder, *ARGS[:-2], "-j", "2", "--format", "json").out
    assert one == two
