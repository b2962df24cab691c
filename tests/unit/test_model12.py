"""The format revision 1.2 parts of the models: history, assessors, suggested items,
resources and evidence mappings."""

from __future__ import annotations

import copy
import pickle
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from competency.model import (
    Assessment,
    Evidence,
    EvidenceMapping,
    FrameworkStamp,
    HistoryEntry,
    MappingCondition,
    Resource,
)
from tests.conftest import MATRICES, Run


def _evidence(**changes: Any) -> Evidence:
    data: dict[str, Any] = {
        "format": "competency/v1",
        "kind": "evidence",
        "person": {"id": "amara-o", "manager": "dana-k"},
        "role": "specialist",
        "level": "sp2",
    }
    data.update(changes)
    return Evidence.model_validate(data)


HISTORY = [
    {"level": "specialist@sp1", "date": "2024-09-01", "by": "manager"},
    {
        "level": "specialist@sp2",
        "date": "2025-06-01",
        "by": "panel",
        "framework": {"version": "1.0.0"},
    },
]


def _errors(model: type[Any], data: Any) -> list[tuple[str, tuple[Any, ...]]]:
    with pytest.raises(ValidationError) as raised:
        model.model_validate(data)
    return [(e["type"], e["loc"]) for e in raised.value.errors()]


def test_confirmations_are_the_history_oldest_first() -> None:
    """With a history, confirmations() is its entries, in file order."""
    evidence = _evidence(history=HISTORY)
    expected = [("specialist@sp1", date(2024, 9, 1)), ("specialist@sp2", date(2025, 6, 1))]
    assert expected == [(e.level, e.date) for e in evidence.confirmations()]


def test_confirmed_stands_for_one_history_entry() -> None:
    """`confirmed` is the one entry ROLE@level on its date, by whom it says, with no framework."""
    evidence = _evidence(confirmed={"date": "2025-06-01", "by": "panel"})
    expected = (HistoryEntry(level="specialist@sp2", date=date(2025, 6, 1), by="panel"),)
    assert expected == evidence.confirmations()


def test_no_confirmation_without_confirmed_or_history() -> None:
    """A file with neither, or with confirmed but no level, has no confirmations."""
    without_level = _evidence(level=None, confirmed={"date": "2025-06-01", "by": "panel"})
    expected: tuple[tuple[HistoryEntry, ...], ...] = ((), ())
    assert expected == (_evidence().confirmations(), without_level.confirmations())


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2024, 8, 31), None),
        (date(2024, 9, 1), "specialist@sp1"),
        (date(2025, 5, 31), "specialist@sp1"),
        (date(2025, 6, 1), "specialist@sp2"),
        (date(2030, 1, 1), "specialist@sp2"),
    ],
)
def test_confirmed_at_is_the_latest_entry_on_or_before_the_day(
    day: date, expected: str | None
) -> None:
    """An entry dated exactly on the day counts; before the first entry there is none."""
    found = _evidence(history=HISTORY).confirmed_at(day)
    assert expected == (found.level if found is not None else None)


def test_confirmed_at_with_the_shorthand() -> None:
    """`confirmed` is in force from its date on, and not the day before."""
    evidence = _evidence(confirmed={"date": "2025-06-01", "by": "manager"})
    actual = (evidence.confirmed_at(date(2025, 5, 31)), evidence.confirmed_at(date(2025, 6, 1)))
    assert (None, evidence.confirmations()[0]) == actual


def test_kept_confirmations_leave_equality_dumps_and_copies_alone() -> None:
    """Asking for the confirmations changes neither equality nor the dump, and a copy with
    another level gets its own answer."""
    asked, fresh = _evidence(history=HISTORY), _evidence(history=HISTORY)
    asked.confirmations()
    assert asked.history is not None
    moved = asked.model_copy(update={"history": asked.history[:1], "level": "sp1"})
    expected = (True, True, True, True, ["specialist@sp1"])
    actual = (
        asked == fresh,
        asked.model_dump() == fresh.model_dump(),
        pickle.loads(pickle.dumps(asked)) == fresh,
        copy.deepcopy(asked) == fresh,
        [e.level for e in moved.confirmations()],
    )
    assert expected == actual


def test_the_effective_assessor() -> None:
    """assessor when given; else the manager for by: manager; else nobody."""
    evidence = _evidence()

    def assessment(by: str, assessor: str | None = None) -> Assessment:
        return Assessment.model_validate(
            {
                "competency": "empathy",
                "step": "learning",
                "by": by,
                "date": "2026-01-01",
                "assessor": assessor,
            }
        )

    actual = [
        evidence.assessor_of(assessment("manager", "lee-p")),
        evidence.assessor_of(assessment("manager")),
        evidence.assessor_of(assessment("panel")),
        evidence.assessor_of(assessment("peer", "sam-t")),
        _evidence(person={"id": "amara-o"}).assessor_of(assessment("manager")),
    ]
    expected = ["lee-p", "dana-k", None, "sam-t", None]
    assert expected == actual


def test_person_manager_and_assessor_are_ids() -> None:
    """A manager or assessor that is not an id is refused at its place."""
    bad = {"format": "competency/v1", "kind": "evidence", "role": "specialist"}
    person = {**bad, "person": {"id": "amara-o", "manager": "Dana K"}}
    expected = [("string_pattern_mismatch", ("person", "manager"))]
    assert expected == _errors(Evidence, person)


def test_framework_stamp_needs_version_or_hash() -> None:
    """A framework stamp with neither key is refused; a hash must be sha256: and 64 hex."""
    good = FrameworkStamp(hash="sha256:" + "0" * 64)
    assert (good.version, _errors(FrameworkStamp, {}), _errors(FrameworkStamp, {"hash": "x"})) == (
        None,
        [("missing_one_of", ())],
        [("string_pattern_mismatch", ("hash",))],
    )


def test_suggested_defaults_to_false() -> None:
    """An item without `suggested` is not suggested; `suggested: true` is read as written."""
    item = {"date": "2026-01-01", "source": "system", "summary": "x", "shows": ["a.b"]}
    evidence = _evidence(items=[item, {**item, "suggested": True}])
    expected = [False, True]
    assert expected == [i.suggested for i in evidence.items]


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://learn.example.com/rca", True),
        ("HTTP://example.com", True),
        ("javascript:alert(1)", False),
        ("file:///etc/passwd", False),
        ("https://", False),
        ("https://example.com/a b", False),
    ],
)
def test_resource_urls_are_http_or_https(url: str, ok: bool) -> None:
    """Only http and https addresses are allowed for a resource."""
    data = {"title": "Root-cause analysis", "kind": "course", "url": url}
    if ok:
        assert url == Resource.model_validate(data).url
    else:
        expected = [("string_pattern_mismatch", ("url",))]
        assert expected == _errors(Resource, data)


def _mapping(**when: str) -> dict[str, Any]:
    return {
        "format": "competency/v1",
        "kind": "evidence-mapping",
        "id": "zendesk",
        "source": "system",
        "fields": {"id": "Ticket ID", "date": "Solved at", "person": "Assignee", "summary": "S"},
        "people": {"amara@example.com": "amara-o"},
        "rules": [{"when": {"field": "Tags", **when}, "shows": ["empathy.names-impact"]}],
    }


def test_a_mapping_condition_has_exactly_one_test() -> None:
    """contains, equals or matches: one is needed, and two are refused."""
    one = EvidenceMapping.model_validate(_mapping(matches="^esc"))
    none = _errors(EvidenceMapping, _mapping())
    two = _errors(EvidenceMapping, _mapping(contains="a", equals="b"))
    expected = (
        ("matches", "^esc"),
        [("missing_one_of", ("rules", 0, "when"))],
        [("more_than_one_of", ("rules", 0, "when"))],
    )
    assert expected == (one.rules[0].when.test, none, two)


def test_a_mapping_condition_from_python() -> None:
    """A condition built in Python says which test it makes."""
    expected = ("equals", "vip")
    assert expected == MappingCondition(field="Tags", equals="vip").test


# --- what new and template offer ------------------------------------------------


def _uncomment(text: str, keys: tuple[str, ...]) -> str:
    """`text` with the commented keys in `keys` made live, with the commented lines indented
    below them; dates to fill in get a date."""
    lines: list[str] = []
    depth: int | None = None
    for line in text.splitlines():
        found = re.match(r"^(\s*)# ?(\s*)(.*)$", line)
        if found:
            indent = len(found[1]) + len(found[2])
            body = " " * indent + found[3]
            if found[3].startswith(keys):
                depth = indent
                lines.append(body)
                continue
            if depth is not None and indent > depth and found[3]:
                lines.append(body)
                continue
        depth = None
        lines.append(line)
    return "\n".join(lines).replace("YYYY-MM-DD", "2026-03-01") + "\n"


def test_new_evidence_offers_a_manager_and_a_history_that_validate(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    """`new evidence` comments out manager and history; made live, the file validates."""
    out = tmp_path / "amara-o.yaml"
    cli("new", "evidence", out, "--matrices", MATRICES, "--role", "support-engineer")
    text = out.read_text("utf-8")
    live = _uncomment(text, ("manager:", "history:"))
    out.write_text(live, "utf-8")
    run = cli("validate", MATRICES, out, "--strict")
    data = yaml.safe_load(live)
    expected = (True, True, "their-manager", "support-engineer@se1", 0)
    actual = (
        "\n  # manager:" in text,
        "\n# history:" in text,
        data["person"]["manager"],
        data["history"][-1]["level"],
        run.status,
    )
    assert expected == actual, run.out


def test_template_evidence_offers_a_manager_and_a_history_that_validate(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    """`template evidence` comments out manager and history; made live, the file validates."""
    out = tmp_path / "me.yaml"
    cli("template", "evidence", "--target", "support-engineer@se2", "-o", out)
    live = _uncomment(out.read_text("utf-8"), ("manager:", "history:"))
    out.write_text(live, "utf-8")
    run = cli("validate", MATRICES, out, "--strict")
    data = yaml.safe_load(live)
    # The placeholder is `new evidence`'s: both commands write the one scaffold.
    expected = ("their-manager", [{"level": "support-engineer@se1", "by": "panel"}], 0)
    actual = (
        data["person"]["manager"],
        [{k: e[k] for k in ("level", "by")} for e in data["history"]],
        run.status,
    )
    assert expected == actual, run.out
