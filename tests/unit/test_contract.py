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


# --- every public function, every argument (issue 26, item 12) ----------------------------


class _Wrong:
    """A value of no type any argument of the API takes."""

    def __repr__(self) -> str:
        return "<wrong>"


def _valid_arguments() -> dict[str, dict[str, Any]]:
    """For each public function and class that does work: arguments of the right types."""
    from competency.model import EvidenceMapping, Readiness

    framework, evidence = FRAMEWORK, EVIDENCE
    common = {"framework": framework, "evidence": evidence, "as_of": date(2026, 11, 1)}
    policy = {"policy": Readiness()}
    return {
        "analyze": {**common, **policy, "target": None, "locale": "en"},
        "calibrate": {
            "framework": framework,
            "evidences": [evidence],
            "as_of": None,
            **policy,
            "failed": (),
            "locale": None,
            "by": "manager",
        },
        "current_level": {**common, **policy},
        "history_report": {**common, **policy, "names": competency.Names(framework)},
        "impact": {
            "base": framework,
            "head": framework,
            "evidences": [evidence],
            "as_of": None,
            **policy,
        },
        "level_report": {**common, **policy, "locale": None},
        "load_evidence": {
            "path": BASE / "evidence" / "amara.yaml",
            "framework": framework,
            "max_bytes": 1000,
        },
        "load_framework": {"path": BASE / "matrices", "max_bytes": 100_000},
        "load_mapping": {"path": "x.yaml", "framework": framework, "max_bytes": 1000},
        "localize": {"text": {"en": "a"}, "locale": "en", "default": "en"},
        "plan": {**common, **policy, "target": None, "names": None},
        "read_policy": {"path": "p.yaml", "base": Readiness(), "display": None},
        "suggest": {
            "export": "x.csv",
            "mapping": EvidenceMapping.model_construct(),  # type: ignore[call-arg]  # an empty one: only its type matters
            "into": "evidence",
            "framework": framework,
            "people": None,
            "dry_run": True,
            "display": None,
            "into_display": None,
        },
        "team": {
            "framework": framework,
            "evidences": [evidence],
            "as_of": None,
            **policy,
            "failed": (),
            "locale": None,
        },
        "trend": {
            "framework": framework,
            "evidences": [evidence],
            "start": date(2026, 1, 1),
            "end": date(2026, 6, 1),
            "every": "quarter",
            **policy,
            "names": None,
            "failed": (),
        },
        "validate": {"paths": [], "matrices": None, "max_bytes": 1000, "jobs": 1, "lint": None},
        "Analyzer": {"framework": framework, "as_of": None, **policy, "names": None, "judge": None},
        "LintOptions": {"ignore": frozenset(), "report_unused": False},
        "Names": {"framework": framework, "locale": None},
    }


#: Names in competency.__all__ that are not checked here, and why.
_DATA = {
    # Values the library builds and returns (reports, diagnostics, the framework's
    # lookups); pydantic models validate their own fields; exceptions and the
    # severity enum take what their base classes take.
    "BehaviourInfo",
    "Diagnostic",
    "ExpectedCompetency",
    "Framework",
    "LevelInfo",
    "Result",
    "Severity",
    "SuggestReport",
}


def _public_callables() -> list[str]:
    import pydantic

    names = []
    for name in competency.__all__:
        value = getattr(competency, name)
        if not callable(value) or name in _DATA:
            continue
        if isinstance(value, type) and issubclass(value, BaseException | pydantic.BaseModel):
            continue
        if name.endswith("Report") and isinstance(value, type):
            continue
        names.append(name)
    return names


def test_every_public_callable_has_a_row_of_valid_arguments() -> None:
    """Each public function and working class is in the table, with every one of its parameters."""
    import inspect

    table = _valid_arguments()
    expected = {
        name: sorted(inspect.signature(getattr(competency, name)).parameters)
        for name in _public_callables()
    }
    assert expected == {name: sorted(table[name]) for name in expected if name in table} | {
        name: [] for name in expected if name not in table
    }


def _wrong_calls() -> list[tuple[str, str]]:
    import inspect

    return [
        (name, parameter)
        for name in _public_callables()
        for parameter in inspect.signature(getattr(competency, name)).parameters
    ]


@pytest.mark.parametrize(
    ("name", "parameter"), _wrong_calls(), ids=[f"{n}-{p}" for n, p in _wrong_calls()]
)
def test_a_wrong_type_for_any_argument_is_an_argument_error_naming_it(
    name: str, parameter: str
) -> None:
    """Every public callable, each argument of a wrong type: ArgumentTypeError naming it."""
    arguments = dict(_valid_arguments()[name], **{parameter: _Wrong()})
    try:
        getattr(competency, name)(**arguments)
    except (ArgumentTypeError, ArgumentValueError) as error:
        outcome = (type(error).__bases__[0].__name__, parameter in str(error))
    except Exception as error:  # anything else is what this test exists to catch
        outcome = (f"{type(error).__name__}: {error}", False)
    else:
        outcome = ("no error", False)
    expected = ("CompetencyError", True)
    assert expected == outcome


WRONG_VALUES: list[tuple[str, Callable[[], Any], str]] = [
    ("validate jobs=0", lambda: competency.validate(jobs=0), "jobs must be at least 1, not 0"),
    ("validate jobs=-3", lambda: competency.validate(jobs=-3), "jobs must be at least 1, not -3"),
    ("validate max_bytes=0", lambda: competency.validate(max_bytes=0), "max_bytes must be at"),
    (
        "validate a path longer than the system allows",
        lambda: competency.validate(["x" * 5000]),
        "path 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...(5000 characters)': the path is longer "
        "than the system allows",
    ),
    (
        "validate a matrices longer than the system allows",
        lambda: competency.validate([], matrices="m" * 5000),
        "matrices 'mmmm",
    ),
    ("validate a NUL in a path", lambda: competency.validate(["a\x00b"]), "NUL character"),
    (
        "load_framework a path longer than the system allows",
        lambda: competency.load_framework("x" * 5000),
        "the path is longer than the system allows",
    ),
    (
        "load_evidence max_bytes=-1",
        lambda: competency.load_evidence("x.yaml", FRAMEWORK, max_bytes=-1),
        "max_bytes must be at least 1, not -1",
    ),
    (
        "calibrate by an unknown grouping",
        lambda: untyped.calibrate(FRAMEWORK, [EVIDENCE], by="team"),
        "by must be 'manager' or 'assessor'",
    ),
]


@pytest.mark.parametrize(
    ("call", "message"), [w[1:] for w in WRONG_VALUES], ids=[w[0] for w in WRONG_VALUES]
)
def test_a_wrong_value_raises_argument_value_error_naming_it(
    call: Callable[[], Any], message: str
) -> None:
    """A value an argument cannot take: ArgumentValueError (a ValueError) naming the argument."""
    with pytest.raises(ArgumentValueError) as raised:
        call()
    expected = (True, True)
    assert expected == (message in str(raised.value), isinstance(raised.value, ValueError))


def test_the_api_errors_named_in_the_issue_are_argument_errors() -> None:
    """localize(..., 123) and LintOptions(ignore=None): ArgumentTypeError, not a raw error."""
    found = []
    calls: list[Callable[[], object]] = [
        lambda: untyped.localize({"en": "a"}, 123),
        lambda: untyped.LintOptions(ignore=None),
    ]
    for call in calls:
        with pytest.raises(ArgumentTypeError) as raised:
            call()
        found.append(str(raised.value))
    expected = [
        "localize(): locale must be a str or None, not int",
        "LintOptions(): ignore must be a set of codes (a frozenset of str), not NoneType",
    ]
    assert expected == found


def test_lint_options_take_any_collection_of_codes_as_a_frozenset() -> None:
    """LintOptions(ignore=[...]) holds the same frozenset as LintOptions(ignore=frozenset(...))."""
    expected = competency.LintOptions(ignore=frozenset({"Q100"}))
    assert expected == untyped.LintOptions(ignore=["Q100"])
