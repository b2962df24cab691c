"""A tiny framework and evidence builders for the gap and team tests (no tests here).

The world is small enough to hold in your head:

- scale: learning < practising < proficient < leading
- competency ``writing``: learning [w1], practising [w2, w3]
- competency ``fixing``: practising [f1], proficient [f2]
- role ``agent`` (track ic):
  - a1 (g1): writing practising, fixing practising + ``agent.logs-tickets``
  - a2 (g2): writing practising, fixing proficient + ``agent.pairs``
  - a3 (g3): writing proficient + ``agent.edits``, fixing proficient
- role ``lead`` (track manager): l1 (g3): writing proficient, fixing practising

Cumulative, so a2 expects writing.w1..w3 and fixing.f1, f2,
agent.logs-tickets (added at a1) and agent.pairs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from competency.framework import Framework
from competency.model import Competency, Evidence, FrameworkInfo, Move, Readiness, Role

AS_OF = date(2026, 11, 1)

SCALE = ("learning", "practising", "proficient", "leading")

COMPETENCIES: dict[str, dict[str, list[str]]] = {
    "writing": {"learning": ["w1"], "practising": ["w2", "w3"]},
    "fixing": {"practising": ["f1"], "proficient": ["f2"]},
}

ROLES: dict[str, dict[str, Any]] = {
    "agent": {
        "track": "ic",
        "levels": [
            (
                "a1",
                "g1",
                {
                    "writing": "practising",
                    "fixing": {"step": "practising", "behaviours": ["logs-tickets"]},
                },
            ),
            (
                "a2",
                "g2",
                {
                    "writing": "practising",
                    "fixing": {"step": "proficient", "behaviours": ["pairs"]},
                },
            ),
            (
                "a3",
                "g3",
                {
                    "writing": {"step": "proficient", "behaviours": ["edits"]},
                    "fixing": "proficient",
                },
            ),
        ],
    },
    "lead": {
        "track": "manager",
        "levels": [("l1", "g3", {"writing": "proficient", "fixing": "practising"})],
    },
}

MOVES = [
    ("agent@a1", "agent@a2", "promotion"),
    ("agent@a2", "agent@a3", "promotion"),
    ("agent@a3", "lead@l1", "track-change"),
    ("agent@a3", "external:sales", "exit"),
]


def _behaviours(ids: list[str]) -> list[dict[str, str]]:
    return [{"id": i, "text": f"Does the thing called {i}."} for i in ids]


def _expects(value: Any) -> Any:
    if isinstance(value, str):
        return value
    return {"step": value["step"], "behaviours": _behaviours(value["behaviours"])}


def make_framework(
    *,
    cumulative: bool = True,
    readiness: Readiness | None = None,
    competencies: dict[str, dict[str, list[str]]] | None = None,
    roles: dict[str, dict[str, Any]] | None = None,
    moves: list[tuple[str, str, str]] | None = None,
) -> Framework:
    """The tiny world above, or one built the same way from other parts."""
    info = FrameworkInfo.model_validate(
        {
            "format": "competency/v1",
            "kind": "framework",
            "id": "tiny",
            "title": "Tiny",
            "version": "1.2.3",
            "cumulative": cumulative,
            "scale": [{"id": s, "name": s.capitalize()} for s in SCALE],
            "categories": [{"id": "craft", "name": "Craft"}],
            "tracks": [{"id": "ic", "name": "IC"}, {"id": "manager", "name": "Manager"}],
            "grades": [{"id": f"g{n}", "name": f"Grade {n}"} for n in range(1, 5)],
            "externals": [{"id": "sales", "name": "Sales"}],
            "readiness": (readiness or Readiness()).model_dump(),
        }
    )
    built_competencies = {
        cid: Competency.model_validate(
            {
                "format": "competency/v1",
                "kind": "competency",
                "id": cid,
                "name": cid.capitalize(),
                "category": "craft",
                "steps": {step: {"behaviours": _behaviours(ids)} for step, ids in steps.items()},
            }
        )
        for cid, steps in (competencies if competencies is not None else COMPETENCIES).items()
    }
    built_roles = {
        rid: Role.model_validate(
            {
                "format": "competency/v1",
                "kind": "role",
                "id": rid,
                "title": rid.capitalize(),
                "track": spec["track"],
                "levels": [
                    {
                        "id": lid,
                        "title": lid.upper(),
                        "grade": grade,
                        "expects": {c: _expects(v) for c, v in expects.items()},
                    }
                    for lid, grade, expects in spec["levels"]
                ],
            }
        )
        for rid, spec in (roles if roles is not None else ROLES).items()
    }
    built_moves = [
        Move.model_validate({"from": a, "to": b, "type": t})
        for a, b, t in (moves if moves is not None else MOVES)
    ]
    return Framework(
        info=info,
        competencies=built_competencies,
        roles=built_roles,
        moves=built_moves,
        content_hash="sha256:tiny",
    )


def item(
    *shows: str,
    on: str = "2026-10-01",
    source: str = "manager",
    label: str | None = None,
) -> dict[str, Any]:
    """One evidence item as YAML would give it; `label` is its id."""
    found: dict[str, Any] = {"date": on, "source": source, "summary": "Did it."}
    found["shows"] = list(shows)
    if label is not None:
        found["id"] = label
    return found


def assessment(competency: str, step: str, by: str, on: str = "2026-10-01") -> dict[str, str]:
    """One assessment as YAML would give it."""
    return {"competency": competency, "step": step, "by": by, "date": on}


def make_evidence(
    *items: dict[str, Any],
    assessments: list[dict[str, str]] | None = None,
    not_applicable: list[str] | None = None,
    role: str = "agent",
    level: str | None = "a1",
    person: str = "sam",
) -> Evidence:
    """An evidence model for `person` in `role` at `level`."""
    data: dict[str, Any] = {
        "format": "competency/v1",
        "kind": "evidence",
        "person": {"id": person, "name": person.capitalize()},
        "role": role,
        "items": list(items),
        "assessments": assessments or [],
        "not_applicable": [
            {"behaviour": ref, "reason": "Not part of this job."} for ref in not_applicable or []
        ],
    }
    if level is not None:
        data["level"] = level
    return Evidence.model_validate(data)


#: Every behaviour agent@a2 expects, in the order the report lists them.
A2_BEHAVIOURS = (
    "writing.w1",
    "writing.w2",
    "writing.w3",
    "fixing.f1",
    "fixing.f2",
    "agent.logs-tickets",
    "agent.pairs",
)
