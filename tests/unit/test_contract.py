"""The typed Python API contract: wrong argument types fail first, with a clear message."""

# WRONG is a table of calls, one a line
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

import competency
from competency.contract import ArgumentTypeError, ArgumentValueError
from competency.render import render
from tests.acceptance.support import BASE

FRAMEWORK = competency.load_framework(BASE / "matrices")
EVIDENCE = competency.load_evidence(BASE / "evidence" / "amara.yaml", FRAMEWORK)

# The calls below are wrong on purpose, to check the run-time checks; a type
# checker refuses most of them, so they go through these untyped names.
untyped: Any = competency
untyped_render: Any = render

WRONG: list[tuple[str, Callable[[], Any], str]] = [
    ("load_framework number", lambda: untyped.load_framework(42), "path must be a path"),
    ("load_framework None", lambda: untyped.load_framework(None), "path must be a path"),
    (
        "load_evidence path as framework",
        lambda: untyped.load_evidence("x.yaml", "matrices"),
        "framework must be a Framework",
    ),
    ("validate one string", lambda: untyped.validate("/"), "takes a list of paths"),
    ("validate one Path", lambda: untyped.validate(Path("/")), "takes a list of paths"),
    ("validate a number", lambda: untyped.validate(5), "must be a list of paths"),
    ("validate a list of numbers", lambda: untyped.validate([1]), "each path must be a path"),
    (
        "analyze a path as framework",
        lambda: untyped.analyze("matrices", EVIDENCE),
        "framework must be a Framework",
    ),
    (
        "analyze a dict as evidence",
        lambda: untyped.analyze(FRAMEWORK, {"a": 1}),
        "evidence must be an Evidence",
    ),
    (
        "analyze a number as target",
        lambda: untyped.analyze(FRAMEWORK, EVIDENCE, target=3),
        "target must be a str",
    ),
    (
        "analyze a string as date",
        lambda: untyped.analyze(FRAMEWORK, EVIDENCE, as_of="2026-01-01"),
        "as_of must be a datetime.date",
    ),
    (
        "level_report a dict as policy",
        lambda: untyped.level_report(FRAMEWORK, EVIDENCE, policy={}),
        "policy must be a Readiness",
    ),
    ("team one evidence", lambda: untyped.team(FRAMEWORK, EVIDENCE), "evidences must be a list"),
    ("team a string", lambda: untyped.team(FRAMEWORK, "abc"), "evidences must be a list"),
    (
        "team a list of dicts",
        lambda: untyped.team(FRAMEWORK, [{}]),
        "Evidence models or (file, Evidence) pairs",
    ),
    (
        "render a path as framework",
        lambda: untyped_render("matrices", "md", "out"),
        "framework must be a Framework",
    ),
    ("render a number as out", lambda: untyped_render(FRAMEWORK, "md", 3), "out must be a path"),
]


@pytest.mark.parametrize(("call", "message"), [w[1:] for w in WRONG], ids=[w[0] for w in WRONG])
def test_a_wrong_argument_type_raises_argument_type_error(
    call: Callable[[], Any], message: str
) -> None:
    """A wrong type raises ArgumentTypeError (a TypeError and a CompetencyError) naming it."""
    with pytest.raises(ArgumentTypeError) as raised:
        call()
    error = raised.value
    assert (
        message in str(error),
        isinstance(error, TypeError),
        isinstance(error, competency.CompetencyError),
    ) == (True, True, True)


def test_validate_of_one_path_walks_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """``validate("/")`` fails before it looks at a single file."""
    import competency.validation

    monkeypatch.setattr(competency.validation, "read_framework", pytest.fail)
    with pytest.raises(ArgumentTypeError):
        competency.validate("/")


def test_an_unknown_render_format_is_an_argument_value_error(tmp_path: Path) -> None:
    """An unknown format is ArgumentValueError, a ValueError and a CompetencyError."""
    with pytest.raises(ArgumentValueError, match="unknown format 'docx'"):
        render(FRAMEWORK, "docx", tmp_path)


@pytest.mark.parametrize("zone", [UTC, timezone(timedelta(hours=-11)), None])
def test_a_datetime_as_of_counts_as_its_calendar_day(zone: timezone | None) -> None:
    """A naive or time-zone-aware datetime gives the same report as the date it names."""
    moment = datetime(2026, 11, 1, 23, 30, tzinfo=zone)
    by_date = competency.analyze(FRAMEWORK, EVIDENCE, as_of=date(2026, 11, 1))
    assert competency.analyze(FRAMEWORK, EVIDENCE, as_of=moment) == by_date


def test_team_takes_an_aware_datetime() -> None:
    """`team` with a time-zone-aware as-of date reports instead of failing to compare dates."""
    moment = datetime(2026, 11, 1, tzinfo=UTC)
    assert competency.team(FRAMEWORK, [EVIDENCE], as_of=moment).as_of == date(2026, 11, 1)


def test_bad_data_never_raises(tmp_path: Path) -> None:
    """`validate` of a broken file returns diagnostics instead of raising."""
    (tmp_path / "x.yaml").write_bytes(b"\xff\x00: [")
    result = competency.validate([tmp_path / "x.yaml"], matrices=BASE / "matrices")
    assert (result.ok, [d.code for d in result.diagnostics]) == (False, ["Y106"])


def test_every_exception_class_of_the_api_is_a_competency_error() -> None:
    """Each exception the public API names derives from CompetencyError."""
    from competency.edit import EditError
    from competency.edit.fmt import FormatError
    from competency.render import RenderError

    names = [name for name in competency.__all__ if name.endswith("Error")]
    classes = [getattr(competency, name) for name in names] + [RenderError, EditError, FormatError]
    assert [c.__name__ for c in classes if not issubclass(c, competency.CompetencyError)] == []
