"""``competency gap``, ``level``, ``team`` and ``template``: the analysis commands.

Each command maps its flags to the library's options, calls the library
(reading with `competency.io`, analysing with `competency.analysis`) and
prints one report through the writer registry (`competency.write`),
printing diagnostics and exiting 1 when the input has errors.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TypeVar, cast, get_args

import click

from competency.analysis.gap import (
    VERDICT_RANK,
    Analyzer,
    NoTargetError,
    Verdict,
    choose_target,
)
from competency.analysis.policy import PolicyOverrides, apply_overrides
from competency.check.suppress import LintOptions
from competency.cli._common import (
    EXIT_ERRORS,
    EXIT_OK,
    BadValue,
    Usage,
    ignore_option,
    jobs_option,
    locale_option,
    options_for,
    print_diagnostics,
    quiet_option,
    read_framework_or_report,
    refuse,
    shown,
    shown_error,
)
from competency.cli._tables import check_folder, write_folder
from competency.clock import today
from competency.diagnostics import Diagnostic, MissingExtraError
from competency.files import WriteError, write_file
from competency.framework import Framework, UnknownReferenceError
from competency.io import find_framework_folder, read_evidence, read_policy
from competency.model import Evidence, Readiness, Source, is_id
from competency.modeline import Schemas
from competency.names import Names
from competency.pool import usable_cores
from competency.render import RenderError
from competency.team_folder import TeamOptions, TeamStream, team_folder
from competency.write import WRITERS, Kind, WriteOptions, chunks, output_of
from competency.write.template import EvidenceTemplate

__all__ = ["COMMANDS", "gap", "level", "team", "template"]

#: `team` shows a progress bar on a terminal from this many files on.
PROGRESS_FROM = 200

F = TypeVar("F", bound=Callable[..., Any])


# --- options shared by gap, level and team ------------------------------------


def _sources(ctx: click.Context, param: click.Parameter, value: str | None) -> list[str] | None:
    """``--sources self,manager`` -> a checked list of sources."""
    if value is None:
        return None
    known = get_args(Source)
    given = [part.strip() for part in value.split(",") if part.strip()]
    unknown = [part for part in given if part not in known]
    if unknown or not given:
        raise BadValue(f"expected a comma-separated list of {', '.join(known)}; got {value!r}")
    return list(dict.fromkeys(given))


def _day(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """``--as-of 2026-11-01`` -> a calendar day; only YYYY-MM-DD (no times, no week dates)."""
    if value is None:
        return None
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise BadValue(f"expected a date written YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadValue(f"{value!r} is not a day of the calendar") from None


#: --matrices, the same for every command that reads a framework.
_matrices_option = click.option(
    "--matrices",
    type=click.Path(exists=True),
    default="matrices",
    show_default=True,
    help="The framework folder.",
)


def analysis_options(command: F) -> F:
    """The framework, as-of and policy options of the analysis commands."""
    options = [
        _matrices_option,
        click.option(
            "--as-of",
            callback=_day,
            metavar="YYYY-MM-DD",
            help="The date to judge on, YYYY-MM-DD (default: today).",
        ),
        click.option(
            "--policy",
            "policy_file",
            type=click.Path(exists=True, dir_okay=False),
            help="A YAML file of readiness keys that override the framework's policy.",
        ),
        click.option(
            "--max-age-months",
            type=click.IntRange(min=1),
            help="Items older than this many months do not count.",
        ),
        click.option(
            "--min-items", type=click.IntRange(min=1), help="Valid items a behaviour needs."
        ),
        click.option(
            "--min-sources",
            type=click.IntRange(min=1),
            help="Distinct sources among those items.",
        ),
        click.option(
            "--sources",
            callback=_sources,
            metavar="LIST",
            help="Sources whose items count, comma-separated (self,manager,peer,customer,system).",
        ),
        click.option(
            "--carry-confirmed/--no-carry-confirmed",
            default=None,
            help="Count what a confirmed level expected as carried (default: the policy's).",
        ),
    ]

    @functools.wraps(command)
    def with_setup(*args: Any, **kwargs: Any) -> Any:
        given = {name: kwargs.pop(name) for name in _SETUP_OPTIONS}
        return command(*args, setup=_setup(**given), **kwargs)

    wrapped: Any = with_setup
    for option in reversed(options):
        wrapped = option(wrapped)
    return cast("F", wrapped)


#: The parameters of `analysis_options`, which become one typed `Setup`.
_SETUP_OPTIONS = (
    "matrices",
    "as_of",
    "policy_file",
    "max_age_months",
    "min_items",
    "min_sources",
    "sources",
    "carry_confirmed",
)


@dataclass
class Setup:
    """What the shared options come to: the framework, the date and the policy."""

    framework: Framework
    as_of: date
    policy: Readiness


def _setup(
    matrices: str,
    as_of: date | None,
    policy_file: str | None,
    max_age_months: int | None,
    min_items: int | None,
    min_sources: int | None,
    sources: list[Source] | None,
    carry_confirmed: bool | None,
) -> Setup:
    """Load the framework; apply the policy file, then the policy options, to its policy.

    The arguments are those of `analysis_options`, as click passes them.
    """
    framework = _load_framework(matrices)
    policy = framework.info.readiness
    if policy_file is not None:
        found, problems = read_policy(policy_file, policy)
        if found is None:
            _stop(problems)
        policy = found
    overrides = PolicyOverrides(max_age_months, min_items, min_sources, sources, carry_confirmed)
    policy = apply_overrides(policy, overrides)
    return Setup(framework, as_of if as_of is not None else today(), policy)


# --- loading, with diagnostics on failure -------------------------------------


def _stop(diagnostics: Sequence[Diagnostic]) -> NoReturn:
    """Print the diagnostics and exit 1: the input has errors."""
    print_diagnostics(diagnostics)
    raise click.exceptions.Exit(EXIT_ERRORS)


def _load_framework(matrices: str) -> Framework:
    framework = read_framework_or_report(matrices)
    if framework is None:
        raise click.exceptions.Exit(EXIT_ERRORS)
    return framework


def _load_evidence(path: str, framework: Framework, lint: LintOptions) -> Evidence:
    evidence, problems = read_evidence(path, framework, display=path, lint=lint)
    if evidence is None:
        _stop(problems)
    print_diagnostics(problems)  # warnings, if any
    return evidence


def _target(
    framework: Framework, evidence: Evidence, target: str | None, as_of: date | None
) -> str:
    """The target level: as given (checked), or the default for the evidence on `as_of`."""
    if target is not None:
        return _known_level(framework, target)
    try:
        return choose_target(framework, evidence, as_of=as_of)
    except NoTargetError as error:
        raise Usage(f"{shown_error(error)} with --target ROLE@LEVEL") from None


def _format_option(kind: Kind, folders: tuple[str, ...] = ()) -> Callable[[F], F]:
    """--format, offering the formats the writer registry has for `kind`, then `folders`
    (formats that write a folder given with --out, not a report on standard output)."""

    def not_binary_to_a_terminal(ctx: click.Context, param: click.Parameter, value: str) -> str:
        """Refuse PDF or xlsx on a terminal while parsing, before anything is read."""
        if value in folders:
            return value
        if WRITERS[kind][value].binary and sys.stdout.isatty():
            raise BadValue(f"{value} is binary: redirect it to a file, e.g. > report.{value}")
        return value

    return click.option(
        "--format",
        "output",
        type=click.Choice([*WRITERS[kind], *folders]),
        default="text",
        show_default=True,
        callback=not_binary_to_a_terminal,
        help="How to print the report.",
    )


def _echo(
    kind: Kind,
    output: str,
    report: Any,
    names: Names,
    locale: str | None,
    font_paths: tuple[str, ...],
    evidence: Evidence | None = None,
    evidence_text: str | None = None,
) -> None:
    """Print `report` in format `output`, piece by piece as its writer makes it.

    A format that cannot run (a missing extra) is exit 2.
    """
    options = options_for(output, names, locale, evidence, font_paths, evidence_text)
    try:
        _print_pieces(chunks(kind, output, report, options))
    except (RenderError, MissingExtraError) as error:
        raise Usage(shown_error(error)) from None


def _print_pieces(pieces: Iterable[str] | Iterable[bytes]) -> None:
    """Print each piece as it comes; text ends with a line break."""
    text = False
    for piece in pieces:
        click.echo(piece, nl=False)
        text = isinstance(piece, str)
    if text:
        click.echo()


def _page_options(command: F) -> F:
    """--locale and --font-path, for the HTML and PDF forms of a report."""
    command = click.option(
        "--font-path",
        "font_paths",
        multiple=True,
        type=click.Path(exists=True, file_okay=False),
        help="Extra font folder for --format pdf (repeatable).",
    )(command)
    return locale_option("Locale of the fixed words in --format html and pdf (e.g. en, fr, de).")(
        command
    )


# --- gap ----------------------------------------------------------------------


@click.command()
@click.argument("evidence", type=click.Path(exists=True, dir_okay=False))
@click.option("--target", metavar="ROLE@LEVEL", help="The level to compare with.")
@analysis_options
@_format_option("gap")
@click.option(
    "--fail-unless",
    type=click.Choice(["ready", "almost"]),
    help="Exit 1 when the verdict is worse than this.",
)
@_page_options
@ignore_option
@click.pass_context
def gap(
    ctx: click.Context,
    /,
    evidence: str,
    target: str | None,
    output: str,
    fail_unless: str | None,
    locale: str | None,
    font_paths: tuple[str, ...],
    lint: LintOptions,
    setup: Setup,
) -> None:
    """Compare one person's evidence with a target level.

    Without --target the target is the level after the evidence's level.
    The report gives the verdict (ready, almost, not-yet), each
    competency's status and each behaviour's status with the items behind
    it, and what to work on next. Exit status: 0 whatever the verdict,
    unless --fail-unless is given; 1 when the input has errors; 2 for
    wrong usage.

    Example:

    \b
        competency gap examples/kwame-m.yaml --as-of 2026-11-01
        competency gap examples/mateo-s.yaml --target customer-success-manager@csm1a
    """
    person = _load_evidence(evidence, setup.framework, lint)
    chosen = _target(setup.framework, person, target, setup.as_of)
    names = Names(setup.framework, locale)  # the one translator, for the report and its writer
    report = Analyzer(setup.framework, setup.as_of, setup.policy, names).report(person, chosen)
    # The file as written, for the review mode of the HTML packet (it edits the text).
    text = Path(evidence).read_bytes().decode("utf-8") if output == "html" else None
    _echo("gap", output, report, names, locale, font_paths, evidence=person, evidence_text=text)
    wanted = cast("Verdict | None", fail_unless)
    worse = wanted is not None and VERDICT_RANK[report.verdict] < VERDICT_RANK[wanted]
    ctx.exit(EXIT_ERRORS if worse else EXIT_OK)


# --- level --------------------------------------------------------------------


@click.command()
@click.argument("evidence", type=click.Path(exists=True, dir_okay=False))
@analysis_options
@_format_option("level")
@_page_options
@ignore_option
def level(
    evidence: str,
    output: str,
    locale: str | None,
    font_paths: tuple[str, ...],
    lint: LintOptions,
    setup: Setup,
) -> None:
    """Show the verdict at every level of a person's role, and their current level.

    The current level is the top of the unbroken run of ready levels from
    the lowest. The moves paths.yaml offers from the evidence's level and
    from the current level are listed with their verdicts, closest first.

    Example:

    \b
        competency level examples/mateo-s.yaml --as-of 2026-11-01
    """
    person = _load_evidence(evidence, setup.framework, lint)
    names = Names(setup.framework, locale)  # the one translator, for the report and its writer
    report = Analyzer(setup.framework, setup.as_of, setup.policy, names).level_report(person)
    _echo("level", output, report, names, locale, font_paths)


# --- team ---------------------------------------------------------------------


@click.command()
@click.argument("evidence_dir", type=click.Path(exists=True, file_okay=False))
@analysis_options
@_format_option("team", folders=("parquet",))
@click.option(
    "--out",
    type=click.Path(),
    help="With --format parquet: the folder for the tables (people, behaviour_status, "
    "competency_status).",
)
@click.option(
    "--with-names",
    is_flag=True,
    help="With --format parquet: include names, files and item summaries (default: ids only).",
)
@click.option("--force", is_flag=True, help="With --format parquet: overwrite existing tables.")
@_page_options
@jobs_option
@ignore_option
@quiet_option
@click.pass_context
def team(
    ctx: click.Context,
    /,
    evidence_dir: str,
    output: str,
    out: str | None,
    with_names: bool,
    force: bool,
    locale: str | None,
    font_paths: tuple[str, ...],
    jobs: int | None,
    lint: LintOptions,
    quiet: bool,
    setup: Setup,
) -> None:
    """Summarise every evidence file in a folder (and its subfolders).

    For each person: their current level and the verdict at their next
    level (the evidence's target, else the level after the one it names).
    Files are read and analysed in --jobs processes; the report is the same
    for any number. For the team:
    per competency how many are met, partial or gap, the behaviours most
    often not evidenced, and who is ready for each level. Files with
    errors are reported on stderr and the rest are still analysed; the
    exit status is then 1.

    --format parquet writes three tables into the folder --out instead
    (people, behaviour_status, competency_status; docs/analytics.md), each
    row with the framework's id, version and hash and the as-of date; ids
    only unless --with-names.

    Example:

    \b
        competency team examples --as-of 2026-11-01 --format csv > team.csv
        competency team examples --as-of 2026-11-01 --format parquet --out tables
    """
    options = TeamOptions(setup.as_of, setup.policy, locale, jobs=jobs or usable_cores(), lint=lint)
    progress = None if quiet else _progress
    if output == "parquet":
        _team_tables(ctx, evidence_dir, setup.framework, options, out, with_names, force, quiet)
    if out is not None or with_names or force:
        raise Usage("--out, --with-names and --force go with --format parquet")
    names = Names(setup.framework, locale)
    streamed = WRITERS["team"][output].streamed
    if streamed is not None and not sys.stdout.isatty():
        # Written while the files are read (not under a progress bar on a terminal).
        stream = TeamStream(
            evidence_dir, setup.framework, options, piece=streamed.person_piece, progress=progress
        )
        _print_pieces(streamed.writer(stream, options_for(output, names, locale)))
        print_diagnostics(stream.found.diagnostics)
        ctx.exit(EXIT_ERRORS if stream.found.failed else EXIT_OK)
    report, folder = team_folder(evidence_dir, setup.framework, options, progress=progress)
    print_diagnostics(folder.diagnostics)
    _echo("team", output, report, names, locale, font_paths)
    ctx.exit(EXIT_ERRORS if folder.failed else EXIT_OK)


def _team_tables(
    ctx: click.Context,
    evidence_dir: str,
    framework: Framework,
    options: TeamOptions,
    out: str | None,
    with_names: bool,
    force: bool,
    quiet: bool,
) -> NoReturn:
    """``team --format parquet``: the three tables written into --out; exit 1 if files failed."""
    from competency.analytics import TEAM_TABLES, team_tables

    folder = check_folder(out, [f"{name}.parquet" for name in TEAM_TABLES], force=force)
    progress = None if quiet else _progress
    try:
        files, found = team_tables(
            evidence_dir, framework, options, with_names=with_names, progress=progress
        )
    except MissingExtraError as error:
        refuse(error)
    print_diagnostics(found.diagnostics)
    write_folder(folder, files, force=force, quiet=quiet)
    ctx.exit(EXIT_ERRORS if found.failed else EXIT_OK)


def _progress(files: list[Path]) -> AbstractContextManager[Iterable[Path]]:
    """A progress bar on stderr for many files on a terminal; otherwise the plain list."""
    if len(files) >= PROGRESS_FROM and sys.stderr.isatty():
        return click.progressbar(files, label="Reading evidence", file=sys.stderr)
    return nullcontext(files)


# --- template -----------------------------------------------------------------


@click.group()
def template() -> None:
    """Write ready-to-fill files.

    Example:

    \b
        competency template evidence --target support-engineer@se2 -o me.yaml
    """


@template.command("evidence")
@click.option("--target", required=True, metavar="ROLE@LEVEL", help="The level to aim at.")
@click.option("--person", metavar="ID", help="The person's id (lowercase kebab-case).")
@_matrices_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Write to this file instead of printing.",
)
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@quiet_option
def evidence_template(
    target: str, person: str | None, matrices: str, output: str | None, force: bool, quiet: bool
) -> None:
    """Write an evidence file to fill in, listing every behaviour the target expects.

    The file is valid as written (it has no items yet); for each competency
    the target expects, a commented item lists its behaviours' references
    for `shows`. It is the file `competency new evidence` writes. An
    existing file is only overwritten with --force.

    Example:

    \b
        competency template evidence --target support-engineer@se2 --person amara-o -o me.yaml
    """
    if person is not None and not is_id(person):
        raise BadValue(
            f"'{shown(person)}' is not an id (lowercase kebab-case, e.g. amara-o)",
            param_hint="--person",
        )
    if output is not None and os.path.lexists(output) and not force:
        raise Usage(f"{shown(output)} exists; use --force to overwrite it")
    framework = _load_framework(matrices)
    chosen = _known_level(framework, target)
    request = EvidenceTemplate(framework, chosen, person, _schema_reference(matrices, output))
    text = str(output_of("template", "yaml", request, WriteOptions(names=Names(framework))))
    if output is None:
        click.echo(text, nl=False)
        return
    try:
        # Atomic, and never through a symbolic link: with --force a link at the
        # output is replaced by the file, never followed to where it points.
        write_file(output, text.encode("utf-8"), replace=force)
    except WriteError as error:
        refuse(error)
    if not quiet:
        click.echo(f"wrote {shown(output)}", err=True)


def _known_level(framework: Framework, target: str) -> str:
    """The ``ROLE@LEVEL`` given to --target, checked; a usage error with a hint if unknown."""
    try:
        return framework.level(target).ref
    except UnknownReferenceError as error:
        hint = "" if error.suggestion else " (expected ROLE@LEVEL)"
        raise BadValue(f"{shown_error(error)}{hint}", param_hint="--target") from None


def _schema_reference(matrices: str, output: str | None) -> str:
    """The modeline's schema: the schemas/ folder beside the framework, else the published URL."""
    start = Path(output).resolve().parent if output is not None else Path.cwd()
    return Schemas.beside(find_framework_folder(matrices)).reference_from("evidence", start)


COMMANDS = [gap, level, team, template]
