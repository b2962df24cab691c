"""`competency plan`: a development plan towards a target level."""

from __future__ import annotations

import click

from competency.analysis.plan import plan as make_plan
from competency.check.suppress import LintOptions
from competency.cli._analysis import (
    Setup,
    _echo,
    _format_option,
    _load_evidence,
    _page_options,
    _target,
    analysis_options,
)
from competency.cli._common import ignore_option
from competency.names import Names

__all__ = ["COMMANDS", "plan"]


@click.command()
@click.argument("evidence", type=click.Path(exists=True, dir_okay=False))
@click.option("--target", metavar="ROLE@LEVEL", help="The level to plan towards.")
@analysis_options
@_format_option("plan")
@_page_options
@ignore_option
def plan(
    evidence: str,
    target: str | None,
    output: str,
    locale: str | None,
    font_paths: tuple[str, ...],
    lint: LintOptions,
    setup: Setup,
) -> None:
    """Write a development plan towards a target level.

    For each competency the target expects that is not met: the behaviours
    to work on and why each does not count yet (missing, thin, stale, or
    waiting for a suggested item to be confirmed), the competency's
    resources at the expected step and below, and the note of the move
    towards the target. Suggested items that would count once confirmed
    come first. Without --target the target is the gap report's.

    Example:

    \b
        competency plan examples/hana-s.yaml --as-of 2026-11-01
        competency plan examples/kwame-m.yaml --format html > plan.html
    """
    person = _load_evidence(evidence, setup.framework, lint)
    chosen = _target(setup.framework, person, target, setup.as_of)
    names = Names(setup.framework, locale)
    report = make_plan(setup.framework, person, chosen, setup.as_of, setup.policy, names)
    _echo("plan", output, report, names, locale, font_paths, evidence=person)


COMMANDS = [plan]
