"""``competency history`` and ``trend``: a person's levels over time, and the team's.

Each command maps its flags to the library (`competency.analysis.history`,
`competency.team_folder.trend_folder`), prints one report through the writer
registry, and exits 1 when the input has errors.
"""

from __future__ import annotations

from datetime import date
from typing import cast

import click

from competency.analysis.history import history_report
from competency.analysis.trend import Every
from competency.check.suppress import LintOptions
from competency.cli._analysis import (
    Setup,
    _day,
    _echo,
    _format_option,
    _load_evidence,
    _matrices_option,
    _progress,
    _setup,
    analysis_options,
)
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
from competency.team_folder import TrendOptions, trend_folder

__all__ = ["COMMANDS", "history", "trend"]

_locale_option = locale_option("Locale of the names and fixed words (e.g. en, fr, de).")


@click.command()
@click.argument("evidence", type=click.Path(exists=True, dir_okay=False))
@analysis_options
@_format_option("history")
@_locale_option
@ignore_option
def history(
    evidence: str,
    output: str,
    locale: str | None,
    lint: LintOptions,
    setup: Setup,
) -> None:
    """Show a person's confirmed levels over time and the verdict for the next level.

    One row per history entry (or the one `confirmed` stands for): level,
    grade, date, who confirmed it, the framework it names (and whether that
    differs from the framework read now: the hash when given, else the
    version) and the whole calendar months in the level, up to the next
    entry or to the as-of date. Entries dated after the as-of date are
    shown as future and not counted. Then the verdict for the next level
    (the evidence's target, else the level after the one in force).

    Example:

    \b
        competency history examples/priya-n.yaml --as-of 2026-11-01
    """
    person = _load_evidence(evidence, setup.framework, lint)
    names = Names(setup.framework, locale)
    report = history_report(setup.framework, person, setup.as_of, setup.policy, names)
    _echo("history", output, report, names, locale, ())


@click.command()
@click.argument("evidence_dir", type=click.Path(exists=True, file_okay=False))
@click.option(
    "--from",
    "start",
    required=True,
    callback=_day,
    metavar="YYYY-MM-DD",
    help="The first day of the first period.",
)
@click.option(
    "--to",
    "end",
    required=True,
    callback=_day,
    metavar="YYYY-MM-DD",
    help="The last period end (each period is analysed as of its end).",
)
@click.option(
    "--every",
    type=click.Choice(["month", "quarter"]),
    default="quarter",
    show_default=True,
    help="Cut the span at calendar month or quarter ends.",
)
@_matrices_option
@click.option(
    "--policy",
    "policy_file",
    type=click.Path(exists=True, dir_okay=False),
    help="A YAML file of readiness keys that override the framework's policy.",
)
@_format_option("trend")
@_locale_option
@jobs_option
@ignore_option
@quiet_option
@click.pass_context
def trend(
    ctx: click.Context,
    /,
    evidence_dir: str,
    start: date,
    end: date,
    every: str,
    matrices: str,
    policy_file: str | None,
    output: str,
    locale: str | None,
    jobs: int | None,
    lint: LintOptions,
    quiet: bool,
) -> None:
    """Follow a team over time, period by period, from --from to --to.

    The periods end at each calendar month or quarter end on or after
    --from and before --to, then at --to itself. For each period end: the
    people counted (an item or a confirmation on or before it), the
    confirmations dated in the period by level, how many people are at each
    current level, their next-level verdicts, and per level the median
    whole months since the confirmed level (over the people whose current
    level is the confirmed one). Everyone is analysed as of each period
    end. Each file is read once; files with errors are reported on stderr,
    the rest are still counted, and the exit status is then 1.

    Example:

    \b
        competency trend examples --from 2025-01-01 --to 2026-11-01 --every quarter
    """
    if end < start:
        raise click.BadParameter(f"{end} is before --from {start}", param_hint="--to")
    setup = _setup(matrices, None, policy_file, None, None, None, None, None)
    options = TrendOptions(
        start,
        end,
        cast("Every", every),
        setup.policy,
        locale,
        jobs=jobs or usable_cores(),
        lint=lint,
    )
    progress = None if quiet else _progress
    report, folder = trend_folder(evidence_dir, setup.framework, options, progress=progress)
    print_diagnostics(folder.diagnostics)
    _echo("trend", output, report, Names(setup.framework, locale), locale, ())
    ctx.exit(EXIT_ERRORS if folder.failed else EXIT_OK)


COMMANDS = [history, trend]
