"""Resources (format 1.2) in the gap report: each unmet competency's next step names them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from competency import analyze, load_evidence, load_framework
from tests.conftest import EXAMPLES, MATRICES, Run

DAY = date(2026, 11, 1)


def test_a_next_step_lists_the_resources_of_its_step_and_below() -> None:
    """Hana's data-and-metrics gap lists the resources of proficient, then of practising."""
    framework = load_framework(MATRICES)
    report = analyze(framework, load_evidence(EXAMPLES / "hana-s.yaml", framework), as_of=DAY)
    step = next(s for s in report.next_steps if s.competency == "data-and-metrics")
    competency = framework.competencies["data-and-metrics"]
    wanted = [
        (name, resource.kind)
        for name in ("proficient", "practising", "learning")
        if name in competency.steps
        for resource in competency.steps[name].resources
    ]
    assert [(r.step, r.kind) for r in step.resources] == wanted
    assert wanted  # the shipped framework has resources there


def test_a_met_competency_has_no_next_step_and_so_no_resources() -> None:
    """Only unmet competencies get next steps (with resources); a ready report has none."""
    framework = load_framework(MATRICES)
    report = analyze(framework, load_evidence(EXAMPLES / "priya-n.yaml", framework), as_of=DAY)
    assert (report.verdict, report.next_steps) == ("ready", [])


def test_every_gap_format_names_a_resource(cli: Callable[..., Run]) -> None:
    """Text, Markdown and HTML name the first resource of Hana's first unmet competency."""
    framework = load_framework(MATRICES)
    report = analyze(framework, load_evidence(EXAMPLES / "hana-s.yaml", framework), as_of=DAY)
    title = next(s.resources[0].title for s in report.next_steps if s.resources)
    hana = EXAMPLES / "hana-s.yaml"
    shown = {
        output: " ".join(title.split()[:3])
        in cli("gap", hana, "--matrices", MATRICES, "--as-of", "2026-11-01", "--format", output).out
        for output in ("text", "md", "html")
    }
    assert shown == {"text": True, "md": True, "html": True}
