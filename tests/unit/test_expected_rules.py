"""The expected-set rule (docs/format.md): what a level expects, replacements applied.

Each test names the rule it pins; the mutation run of framework.py
(`expected`, `_expected_competency`, `_library`, `replaced_by`; see
docs/development.md) found the `replaces` walk unpinned.
"""

from __future__ import annotations

from typing import Any

from competency.framework import Framework
from competency.model import Competency
from tests.unit.test_gap_world import make_framework


def _behaviour(name: str, *replaces: str) -> dict[str, Any]:
    return {"id": name, "text": f"Does {name}.", "replaces": list(replaces)}


def _framework(steps: dict[str, list[dict[str, Any]]]) -> Framework:
    """The tiny world with `writing` made of `steps` (agent@a1 expects it at practising)."""
    base = make_framework()
    writing = Competency.model_validate(
        {
            "format": "competency/v1",
            "kind": "competency",
            "id": "writing",
            "name": "Writing",
            "category": "craft",
            "steps": {step: {"behaviours": found} for step, found in steps.items()},
        }
    )
    return Framework(
        info=base.info,
        competencies={**base.competencies, "writing": writing},
        roles=base.roles,
        moves=base.moves,
    )


def _writing(framework: Framework, level: str = "agent@a1") -> list[str]:
    found = {part.competency: part for part in framework.expected(level)}
    return [info.ref for info in found["writing"].behaviours]


def test_a_replaced_behaviour_is_no_longer_expected() -> None:
    """Rule: a level that expects a behaviour no longer expects the ones it replaces."""
    framework = _framework(
        {"learning": [_behaviour("p"), _behaviour("q")], "practising": [_behaviour("x", "p")]}
    )
    assert _writing(framework) == ["writing.q", "writing.x"]


def test_a_replacement_already_seen_does_not_end_the_walk() -> None:
    """Rule: every replacement counts, however many behaviours name the same one first."""
    framework = _framework(
        {
            "learning": [_behaviour("p"), _behaviour("q"), _behaviour("r")],
            "practising": [_behaviour("x", "q"), _behaviour("y", "p"), _behaviour("z", "p")],
        }
    )
    assert _writing(framework) == ["writing.r", "writing.x", "writing.y", "writing.z"]


def test_replacements_chain() -> None:
    """Rule: replacing a behaviour also replaces what it replaced, all the way down."""
    framework = _framework(
        {
            "learning": [_behaviour("p"), _behaviour("q", "p")],
            "practising": [_behaviour("x", "q")],
        }
    )
    expected = (["writing.x"], {"writing.q", "writing.p"})
    behaviours = [framework.behaviour("writing.x")]
    assert expected == (_writing(framework), framework.replaced_by(behaviours))


def test_a_loop_of_replacements_ends() -> None:
    """Rule: a loop of replacements (reported by validation) ends the walk, here too."""
    framework = _framework(
        {"learning": [_behaviour("p", "q"), _behaviour("q", "p")], "practising": [_behaviour("x")]}
    )
    assert {"writing.p", "writing.q"} == framework.replaced_by([framework.behaviour("writing.p")])
