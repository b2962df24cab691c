"""`competency plan`: what to work on towards a target, why each behaviour does not count yet."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import yaml

from competency import load_framework, localize
from competency.analysis.plan import plan
from competency.framework import Framework
from competency.model import Evidence
from tests.conftest import ROOT, Run

GOLDEN = ROOT / "tests" / "golden" / "framework"
DAY = date(2026, 11, 1)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped framework with resources on one step of data-and-metrics only."""
    import shutil

    folder = tmp_path_factory.mktemp("plan") / "m"
    shutil.copytree(ROOT / "matrices", folder)
    path = folder / "competencies" / "data-and-metrics.yaml"
    # The shipped resources give way to the two below, so the expected lists stay small.
    text = re.sub(r"(?m)^    resources:\n(?:^      .*\n)+", "", path.read_text(encoding="utf-8"))
    start = text.index("  proficient:")
    at = text.index("    behaviours:", start)
    resources = (
        "    resources:\n"
        "      - {title: Reading a support dashboard, kind: course,"
        " url: 'https://learn.example.com/dash'}\n"
        "      - {title: Shadow the operations analyst, kind: shadowing}\n"
    )
    path.write_text(text[:at] + resources + text[at:], encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def framework(world: Path) -> Framework:
    """The framework with resources, loaded once."""
    return load_framework(world)


def _hana(extra_items: str = "") -> Evidence:
    text = (ROOT / "examples" / "hana-s.yaml").read_text(encoding="utf-8")
    text = text.replace("items:\n", "items:\n" + extra_items, 1)
    return Evidence.model_validate(yaml.safe_load(text))


SUGGESTED = """\
  - id: zendesk-4821
    date: 2026-10-20
    source: system
    summary: Explained the rise in refund contacts by the October release
    shows: [data-and-metrics.finds-metric-drivers]
    suggested: true
  - id: zendesk-old
    date: 2020-01-01
    source: system
    summary: Too old to count even once confirmed
    shows: [data-and-metrics.joins-data-sources]
    suggested: true
"""


def test_only_unmet_competencies_are_planned(framework: Framework) -> None:
    """Every competency in the plan is partial or gap; met ones are left out."""
    report = plan(framework, _hana(), as_of=DAY)
    assert [(c.id, c.status) for c in report.competencies] == [
        ("quality-and-feedback", "partial"),
        ("data-and-metrics", "gap"),
        ("teaching-and-enablement", "gap"),
        ("mentoring", "gap"),
    ]


def test_an_assessment_below_the_step_is_said_with_no_behaviour_to_show(
    framework: Framework,
) -> None:
    """Quality is partial only because the manager assessed it below the expected step."""
    report = plan(framework, _hana(), as_of=DAY)
    quality = report.competencies[0]
    assert (quality.assessed_below, quality.assessed, quality.expected, quality.behaviours) == (
        True,
        "practising",
        "proficient",
        [],
    )


def test_a_suggested_item_that_would_count_comes_first(framework: Framework) -> None:
    """The suggested item is listed to confirm first and its behaviour is marked suggested."""
    report = plan(framework, _hana(SUGGESTED), as_of=DAY)
    data = next(c for c in report.competencies if c.id == "data-and-metrics")
    assert [(s.item, s.shows) for s in report.suggested] == [
        ("zendesk-4821", ["data-and-metrics.finds-metric-drivers"])
    ]
    assert [(b.id, b.status, b.why) for b in data.behaviours] == [
        (
            "data-and-metrics.finds-metric-drivers",
            "suggested",
            "confirm zendesk-4821 and it counts",
        ),
        ("data-and-metrics.joins-data-sources", "missing", "no item shows it yet"),
    ]


def test_a_suggested_item_too_old_to_count_is_not_offered(framework: Framework) -> None:
    """An old suggested item would not count once confirmed: it is not in `suggested`."""
    report = plan(framework, _hana(SUGGESTED), as_of=DAY)
    assert "zendesk-old" not in [s.item for s in report.suggested]


def test_stale_says_how_old_the_newest_item_is(framework: Framework) -> None:
    """A stale behaviour names the date of its newest item and the age limit."""
    old = SUGGESTED.replace("    suggested: true\n", "", 2)
    report = plan(framework, _hana(old), as_of=DAY)
    data = next(c for c in report.competencies if c.id == "data-and-metrics")
    stale = next(b for b in data.behaviours if b.status == "stale")
    assert (stale.newest, stale.why) == (
        date(2020, 1, 1),
        "the newest item that shows it is from 2020-01-01, more than 18 months before "
        "2026-11-01; show it again",
    )


def test_thin_says_what_is_still_needed(framework: Framework) -> None:
    """With two sources required, one manager item leaves the behaviour thin: another source."""
    policy = framework.info.readiness.model_copy(update={"min_sources": 2})
    one = SUGGESTED.replace("    suggested: true\n", "", 1).replace(
        "source: system", "source: manager", 1
    )
    report = plan(framework, _hana(one), as_of=DAY, policy=policy)
    data = next(c for c in report.competencies if c.id == "data-and-metrics")
    thin = next(b for b in data.behaviours if b.id == "data-and-metrics.finds-metric-drivers")
    assert (thin.status, thin.why) == (
        "thin",
        "1 item from 1 source; needs 1 more source (self, peer, customer, system)",
    )


def test_resources_of_the_expected_step_and_below(framework: Framework) -> None:
    """The resources of the expected step are listed with their step, kind and url."""
    report = plan(framework, _hana(), as_of=DAY)
    data = next(c for c in report.competencies if c.id == "data-and-metrics")
    assert [(r.step, r.title, r.kind, r.url) for r in data.resources] == [
        ("proficient", "Reading a support dashboard", "course", "https://learn.example.com/dash"),
        ("proficient", "Shadow the operations analyst", "shadowing", None),
    ]


def test_a_step_above_the_expected_one_gives_no_resources(world: Path) -> None:
    """Resources of a step the target does not expect are not offered."""
    framework = load_framework(world)
    report = plan(framework, _hana(), "quality-assurance-analyst@qa1", as_of=DAY)
    assert all(r.step != "proficient" for c in report.competencies for r in c.resources)


def test_the_move_note_from_the_named_level(framework: Framework) -> None:
    """The plan carries the note of the move from qa1 to qa2 in paths.yaml."""
    report = plan(framework, _hana(), as_of=DAY)
    move = framework.moves_from("quality-assurance-analyst@qa1")
    note = next(m.note for m in move if m.to == "quality-assurance-analyst@qa2")
    assert (report.start, report.move_note) == ("quality-assurance-analyst@qa1", localize(note))


def test_json_keeps_the_contract_keys(cli: Callable[..., Run], world: Path, tmp_path: Path) -> None:
    """`plan --format json` has the section-10 keys, in order, first."""
    path = tmp_path / "hana.yaml"
    path.write_text(
        (ROOT / "examples" / "hana-s.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    run = cli("plan", path, "--matrices", world, "--as-of", "2026-11-01", "--format", "json")
    data = json.loads(run.out)
    assert (run.status, list(data)[:6]) == (
        0,
        ["person", "target", "as_of", "competencies", "suggested", "move_note"],
    )
    behaviour = data["competencies"][1]["behaviours"][0]
    assert list(behaviour)[:3] == ["id", "status", "why"]


@pytest.mark.parametrize("output", ["text", "md", "html"])
def test_every_format_names_the_person_and_the_work(
    cli: Callable[..., Run], world: Path, tmp_path: Path, output: str
) -> None:
    """Text, Markdown and HTML all show the person, the suggested item and a resource."""
    path = tmp_path / "hana.yaml"
    text = (ROOT / "examples" / "hana-s.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("items:\n", "items:\n" + SUGGESTED, 1), encoding="utf-8")
    run = cli("plan", path, "--matrices", world, "--as-of", "2026-11-01", "--format", output)
    wanted = ("Hana Sato", "zendesk-4821", "Reading a support dashboard")
    assert (run.status, [w in run.out for w in wanted]) == (0, [True, True, True])


def test_a_person_with_nothing_to_do_gets_an_empty_plan(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A ready person's plan says there is nothing to work on."""
    run = cli(
        "plan",
        ROOT / "examples" / "priya-n.yaml",
        "--matrices",
        ROOT / "matrices",
        "--as-of",
        "2026-11-01",
    )
    assert (run.status, "Nothing to work on" in run.out) == (0, True)


def test_no_target_is_a_usage_error(cli: Callable[..., Run], tmp_path: Path) -> None:
    """Evidence with no level and no target: exit 2 with a message, no traceback."""
    path = tmp_path / "x.yaml"
    path.write_text(
        "format: competency/v1\nkind: evidence\nperson: {id: x}\nrole: support-engineer\n"
        "items: []\n",
        encoding="utf-8",
    )
    run = cli("plan", path, "--matrices", GOLDEN)
    assert (run.status, "name a target level" in run.err, "Traceback" in run.err) == (
        2,
        True,
        False,
    )


def test_text_escapes_input_once_and_keeps_its_own_colour(framework: Framework) -> None:
    """With colour on, status words are coloured (not shown as \\x1b), and a control
    character in a person's name is shown as an escape."""
    from competency.write.options import WriteOptions
    from competency.write.plan import text

    evidence = _hana().model_copy(
        update={"person": _hana().person.model_copy(update={"name": "H\x1b]0;x"})}
    )
    out = text(plan(framework, evidence, as_of=DAY), WriteOptions(True))
    assert ("\x1b[33mpartial" in out, "\\x1b[33m" in out, "H\\x1b]0;x" in out) == (
        True,
        False,
        True,
    )
