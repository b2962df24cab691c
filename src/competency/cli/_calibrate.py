"""``competency calibrate``: verdicts and assessments compared across managers and assessors.

Maps the flags to the library's options, reads the folder once through
`competency.team_folder.calibrate_folder` (files with errors are reported on
stderr and left out), and prints the report through the writer registry.
"""

from __future__ import annotations

from typing import cast

import click

from competency.analysis.calibrate import CalibrationGrouping
from competency.check.suppress import LintOptions
from competency.cli._analysis import Setup, _echo, _format_option, _progress, analysis_options
from competency.cli._common import (
    EXIT_ERRORS,
    EXIT_OK,
    ignore_option,
    jobs_option,
    locale_option,
    print_diagnostics,
    quiet_option,
)
from competency.names import Names
from competency.pool import usable_cores
from competency.team_folder import TeamOptions, calibrate_folder

__all__ = ["COMMANDS", "calibrate"]


@click.command()
@click.argument("evidence_dir", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--by",
    type=click.Choice(["manager", "assessor"]),
    default="manager",
    show_default=True,
    help="Lead with managers' verdicts or with assessors' assessments (JSON and CSV hold both).",
)
@analysis_options
@_format_option("calibrate")
@locale_option("Locale of the fixed words in --format html (e.g. en, fr, th).")
@jobs_option
@ignore_option
@quiet_option
@click.pass_context
def calibrate(
    ctx: click.Context,
    /,
    evidence_dir: str,
    by: str,
    output: str,
    locale: str | None,
    jobs: int | None,
    lint: LintOptions,
    quiet: bool,
    setup: Setup,
) -> None:
    """Compare verdicts and assessments across managers and assessors.

    What a calibration meeting reads before it starts. Per manager
    (person.manager; people without one are "(none)"): people and their
    next-level verdicts, flagged when a group of 5 or more has more or
    fewer people ready than everyone else by the exact two-sided binomial
    test (p < 0.05). Per assessor: manager and panel assessments above, at
    or below the step each person's current level expects, flagged the same
    way. Then how often two assessors of the same person name the same step
    (or steps within one) per competency, and per manager the self
    assessments two or more steps from the manager's. Steps are compared by
    their order, never averaged. Files with errors are reported on stderr
    and the rest are still counted; the exit status is then 1.

    Example:

    \b
        competency calibrate examples --as-of 2026-11-01
        competency calibrate examples --by assessor --format html > calibration.html
        competency calibrate examples --format html --locale th > calibration-th.html
    """
    options = TeamOptions(setup.as_of, setup.policy, locale, jobs=jobs or usable_cores(), lint=lint)
    progress = None if quiet else _progress
    grouping = cast("CalibrationGrouping", by)
    report, folder = calibrate_folder(
        evidence_dir, setup.framework, options, by=grouping, progress=progress
    )
    print_diagnostics(folder.diagnostics)
    _echo("calibrate", output, report, Names(setup.framework, locale), locale, ())
    ctx.exit(EXIT_ERRORS if folder.failed else EXIT_OK)


COMMANDS = [calibrate]
