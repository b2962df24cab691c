"""``competency history``: time in level, framework stamps, future entries and the next level."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from competency import load_framework
from competency.analysis.history import (
    HistoryReport,
    framework_differs,
    history_report,
    months_between,
)
from competency.analysis.report import FrameworkStamp
from competency.model import Evidence
from competency.model import FrameworkStamp as NamedFramework
from tests.conftest import ROOT, Run

GOLDEN = ROOT / "tests" / "golden" / "framework"
FRAMEWORK = load_framework(GOLDEN)
AS_OF = date(2026, 11, 1)
HASH_A = "sha256:" + "a" * 64


def evidence(**fields: Any) -> Evidence:
    """An evidence model for the golden framework, with `fields` on top of a bare one."""
    data: dict[str, Any] = {
        "format": "competency/v1",
        "kind": "evidence",
        "person": {"id": "amara-o", "name": "Amara Okafor"},
        "role": "support-engineer",
    }
    data.update(fields)
    return Evidence.model_validate(data)


HISTORY = [
    {"level": "support-engineer@se1", "date": "2024-09-01", "by": "manager"},
    {
        "level": "support-engineer@se2",
        "date": "2025-06-01",
        "by": "panel",
        "framework": {"version": "1.0.0"},
    },
    {"level": "support-lead@sl1", "date": "2026-03-01", "by": "panel"},
]


def report(**fields: Any) -> HistoryReport:
    """The history report of an evidence file with `fields`, as of AS_OF."""
    return history_report(FRAMEWORK, evidence(**fields), AS_OF)


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2026, 3, 1), date(2026, 11, 1), 8),
        (date(2026, 3, 1), date(2026, 10, 31), 7),
        (date(2026, 1, 31), date(2026, 2, 28), 1),
        (date(2026, 2, 28), date(2026, 3, 27), 0),
        (date(2024, 2, 29), date(2025, 2, 28), 12),
        (date(2026, 5, 5), date(2026, 5, 5), 0),
        (date(2026, 5, 5), date(2026, 4, 5), 0),
    ],
)
def test_months_between_counts_whole_calendar_months(start: date, end: date, months: int) -> None:
    """Whole months use section 8's arithmetic: a day past a short month's end is its last day."""
    assert months == months_between(start, end)


NOW = FrameworkStamp(id="golden", version="2.1.0", hash=HASH_A)


@pytest.mark.parametrize(
    ("named", "differs"),
    [
        (None, False),
        (NamedFramework(version="2.1.0"), False),
        (NamedFramework(version="1.0.0"), True),
        (NamedFramework(hash=HASH_A), False),
        (NamedFramework(hash="sha256:" + "b" * 64), True),
        (NamedFramework(version="1.0.0", hash=HASH_A), False),
        (NamedFramework(version="2.1.0", hash="sha256:" + "b" * 64), True),
    ],
)
def test_framework_differs_compares_the_hash_when_given_else_the_version(
    named: NamedFramework | None, differs: bool
) -> None:
    """The hash names exact content and decides; a version alone is compared otherwise."""
    assert differs == framework_differs(named, NOW)


def test_each_entry_runs_to_the_next_and_the_last_to_as_of() -> None:
    """Months in level: 9 (to the next entry), 9, then 8 to the as-of date."""
    found = report(level="sl1", role="support-lead", history=HISTORY)
    rows = [(r.level, r.grade, r.by, r.months_in_level, r.future) for r in found.entries]
    assert rows == [
        ("support-engineer@se1", "g1", "manager", 9, False),
        ("support-engineer@se2", "g2", "panel", 9, False),
        ("support-lead@sl1", "g2", "panel", 8, False),
    ]


def test_entries_carry_titles_and_the_framework_they_name() -> None:
    """Titles come from the framework; the 1.0.0 stamp differs from the golden 2.1.0."""
    found = report(level="sl1", role="support-lead", history=HISTORY)
    assert [(r.title, r.framework_differs) for r in found.entries] == [
        ("Support Engineer I", False),
        ("Support Engineer II", True),
        ("Support Lead", False),
    ]


def test_a_future_entry_is_shown_and_not_counted() -> None:
    """At 2025-12-01 the sl1 entry is future: no months, and se2 runs to the as-of date."""
    found = history_report(
        FRAMEWORK, evidence(level="sl1", role="support-lead", history=HISTORY), date(2025, 12, 1)
    )
    rows = [(r.level, r.months_in_level, r.future) for r in found.entries]
    assert (rows, found.current) == (
        [
            ("support-engineer@se1", 9, False),
            ("support-engineer@se2", 6, False),
            ("support-lead@sl1", None, True),
        ],
        "support-engineer@se2",
    )


def test_the_next_level_follows_the_entry_in_force() -> None:
    """Before the lateral move the next level is se3 (after se2); after it, sl2."""
    ev = evidence(level="sl1", role="support-lead", history=HISTORY)
    before = history_report(FRAMEWORK, ev, date(2025, 12, 1)).next
    after = history_report(FRAMEWORK, ev, AS_OF).next
    assert (before and before.target, after and after.target) == (
        "support-engineer@se3",
        "support-lead@sl2",
    )


def test_the_confirmed_shorthand_is_one_entry() -> None:
    """A 1.1 `confirmed` is the file's level on that date, by whom it says."""
    found = report(level="se1", confirmed={"date": "2026-03-01", "by": "panel"})
    assert [(r.level, r.date, r.by, r.months_in_level) for r in found.entries] == [
        ("support-engineer@se1", date(2026, 3, 1), "panel", 8)
    ]


def test_no_confirmation_gives_no_entries_and_still_a_next_level() -> None:
    """Without history or confirmed: no entries, no level in force, the next level after se1."""
    found = report(level="se1")
    assert (found.entries, found.current, found.next and found.next.target) == (
        [],
        None,
        "support-engineer@se2",
    )


def test_no_next_level_at_the_top_without_a_target() -> None:
    """At se3 with no target there is nothing to aim at: next is null."""
    assert report(level="se3").next is None


def test_the_next_verdict_is_the_gap_verdict() -> None:
    """se1 confirmed with every se2 behaviour shown: ready for se2."""
    items = [
        {
            "date": "2026-09-01",
            "source": "manager",
            "summary": "Did it.",
            "shows": [
                "troubleshooting.reads-logs",
                "support-engineer.writes-bug-reports",
                "coaching.gives-feedback",
            ],
        }
    ]
    found = report(level="se1", confirmed={"date": "2026-03-01", "by": "panel"}, items=items)
    assert found.next is not None
    assert (found.next.target, found.next.verdict) == ("support-engineer@se2", "ready")


def test_json_has_the_contract_keys() -> None:
    """The JSON holds section 10's keys with their meanings (more keys may be added)."""
    data = report(level="sl1", role="support-lead", history=HISTORY).model_dump(
        mode="json", by_alias=True
    )
    entry = data["entries"][1]
    assert (
        {"person", "as_of", "entries", "next"} <= set(data),
        {"level", "grade", "date", "by", "framework", "framework_differs", "months_in_level"}
        <= set(entry),
        entry["framework"],
        data["next"]["target"],
    ) == (True, True, {"version": "1.0.0", "hash": None}, "support-lead@sl2")


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


AMARA = """\
format: competency/v1
kind: evidence
person: {id: amara-o, name: Amara Okafor}
role: support-lead
level: sl1
history:
  - {level: support-engineer@se1, date: 2024-09-01, by: manager}
  - {level: support-engineer@se2, date: 2025-06-01, by: panel, framework: {version: 1.0.0}}
  - {level: support-lead@sl1, date: 2026-03-01, by: panel}
"""


def test_cli_text_lists_entries_and_the_next_level(cli: Callable[..., Run], tmp_path: Path) -> None:
    """The text form: a row per entry with its months, then the next level's verdict."""
    path = _write(tmp_path, "amara.yaml", AMARA)
    run = cli("history", path, "--matrices", GOLDEN, "--as-of", "2026-11-01")
    lines = run.out.splitlines()
    assert (run.status, lines[0], lines[4].split()[-3:], lines[-2].split(":")[0]) == (
        0,
        "Amara Okafor (amara-o): levels over time, as of 2026-11-01",
        ["1.0.0", "(differs)", "9"],
        "Next level",
    )


def test_cli_json_and_pages(cli: Callable[..., Run], tmp_path: Path) -> None:
    """JSON parses to the report; Markdown and HTML name the person and the level.

    The HTML shows the level's name alone (its id stays in `data-level`).
    """
    path = _write(tmp_path, "amara.yaml", AMARA)
    common = ("--matrices", GOLDEN, "--as-of", "2026-11-01")
    data = json.loads(cli("history", path, *common, "--format", "json").out)
    md = cli("history", path, *common, "--format", "md").out
    html = cli("history", path, *common, "--format", "html").out
    assert (
        [e["months_in_level"] for e in data["entries"]],
        "| `support-lead@sl1` | Support Lead |" in md,
        '<tr data-level="support-lead@sl1"><th scope="row">Support Lead</th>' in html,
    ) == ([9, 9, 8], True, True)


def test_cli_bad_evidence_is_exit_one_with_a_position(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A day that is not in the calendar is reported at its line, exit 1, no traceback."""
    path = _write(tmp_path, "bad.yaml", AMARA.replace("2026-03-01", "2026-02-30"))
    run = cli("history", path, "--matrices", GOLDEN, "--as-of", "2026-11-01")
    assert (run.status, "bad.yaml:9:" in run.err, "internal error" in run.err) == (1, True, False)


def test_an_unchecked_unknown_level_never_crashes() -> None:
    """Evidence not checked against the framework: the unknown level is shown by its reference."""
    history = [*HISTORY[:2], {"level": "support-lead@zz", "date": "2026-03-01", "by": "panel"}]
    found = report(level="zz", role="support-lead", history=history)
    assert ([r.title for r in found.entries][-1], found.next) == ("support-lead@zz", None)
