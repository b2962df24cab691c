"""The command line: the only place that parses arguments, prints or exits.

Each command parses its options, calls the library, reports and exits:
``0`` nothing wrong, ``1`` the input has errors, ``2`` wrong usage or the
command could not run. Heavy modules are imported inside the commands that
need them so that ``competency validate`` starts quickly.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import Any

import click

from competency.__about__ import __version__
from competency.cli._errors import CannotRun, is_written, shown
from competency.contract import ArgumentValueError
from competency.escape import terminal
from competency.settings import Settings, SettingsError, load_settings

__all__ = ["cli", "command_defaults", "main", "run"]


#: Every command, with the module that defines it. A command's module is
#: imported only when that command runs (or help lists it), so
#: ``competency validate`` does not pay for rendering, editing or interop.
COMMAND_MODULES: dict[str, str] = {
    "validate": "competency.cli._validate",
    "schema": "competency.cli._schema",
    "gap": "competency.cli._analysis",
    "level": "competency.cli._analysis",
    "team": "competency.cli._analysis",
    "template": "competency.cli._analysis",
    "plan": "competency.cli._plan",
    "history": "competency.cli._cycle",
    "trend": "competency.cli._cycle",
    "calibrate": "competency.cli._calibrate",
    "render": "competency.cli._publish",
    "diff": "competency.cli._diff",
    "new": "competency.cli._edit",
    "fmt": "competency.cli._edit",
    "rename": "competency.cli._edit",
    "export": "competency.cli._interop",
    "import": "competency.cli._interop",
    "impact": "competency.cli._impact",
    "suggest": "competency.cli._suggest",
    "lsp": "competency.cli._lsp",
    "badge": "competency.cli._badge",
}


class _Commands(click.Group):
    """The top-level group: commands come from `COMMAND_MODULES`, imported on use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a reader that stops reading (``| head``) ends it quietly, exit 0.

        click turns a broken pipe into exit 1 wherever it surfaces, so the
        status of ``competency gap FILE | head -n 1`` would depend on how much
        was written before ``head`` closed the pipe. Here it is always 0, and
        what is still buffered for standard output goes nowhere.
        """
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            _discard_stdout()
            raise click.exceptions.Exit(0) from None

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is None:
            return None
        commands: list[click.Command] = importlib.import_module(module).COMMANDS
        return next(command for command in commands if command.name == cmd_name)


@click.group(
    cls=_Commands,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", "-V", prog_name="competency")
@click.option(
    "--no-config",
    is_flag=True,
    envvar="COMPETENCY_NO_CONFIG",
    help="Ignore the project settings ([tool.competency] in pyproject.toml, or "
    "competency.toml); also COMPETENCY_NO_CONFIG=1.",
)
@click.pass_context
def cli(ctx: click.Context, no_config: bool) -> None:
    """Career ladders and competency matrices kept as code.

    Validate a framework in CI, compare a person's evidence with a target
    level, and publish ladders as Markdown, HTML or PDF. Defaults for
    --matrices, --locale, --as-of, --strict and --jobs come from
    [tool.competency] in pyproject.toml or from competency.toml, found from
    the current folder upwards (docs/configuration.md); options given on the
    command line win.
    """
    if not no_config:
        ctx.default_map = command_defaults(_settings())


#: The commands that name the framework folder otherwise than --matrices.
_FRAMEWORK_PARAMETER = {"render": "directory", "export": "folder"}


def command_defaults(settings: Settings) -> dict[str, dict[str, Any]]:
    """The settings as click's `default_map`: for each command, its parameters' defaults.

    A command takes the defaults of the parameters it has (``matrices``,
    ``locale``, ``as_of``, ``strict``, ``jobs``) and ignores the rest, so
    every command honours the settings without code of its own. ``render``
    and ``export`` take the framework folder as an argument; ``validate``
    checks the settings' framework when given no paths.
    """
    values = settings.values()
    defaults = {name: dict(values) for name in COMMAND_MODULES}
    if "matrices" in values:
        for command, parameter in _FRAMEWORK_PARAMETER.items():
            defaults[command][parameter] = values["matrices"]
        defaults["validate"]["paths"] = (values["matrices"],)
    return defaults


def _settings() -> Settings:
    """The project settings in force here; a settings file that cannot be used is exit 2."""
    try:
        return load_settings()
    except SettingsError as error:
        raise CannotRun(shown(error)) from None


def _discard_stdout() -> None:
    """Point standard output at the null device, so a last flush at exit cannot fail."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):  # no real file behind stdout (tests)
        pass


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status instead of raising SystemExit."""
    try:
        status = cli.main(args=argv, prog_name="competency", standalone_mode=False)
    except click.exceptions.Exit as done:
        return done.exit_code
    except click.ClickException as error:
        # Our messages escape their input values where they are built and keep
        # their line breaks (and a group's help is ours); click's own quote what
        # was typed ("no such option"), so they are escaped whole: a control
        # character or a line break in argv must not forge a line of a CI log.
        if not is_written(error):
            error.message = terminal(error.message)  # type: ignore[misc]  # click's Final
        error.show()
        return 2 if error.exit_code == 2 or isinstance(error, click.UsageError) else error.exit_code
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        return 2
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 130
    except BrokenPipeError:  # pragma: no cover - `competency ... | head`
        sys.stderr.close()
        return 0
    except OSError as error:
        if error.errno not in _PATH_REFUSED:
            raise
        # A path argument the operating system refuses is wrong input, not a bug.
        click.echo(f"competency: error: {_path_refused(error)}", err=True)
        return 2
    except ArgumentValueError as error:
        # The library refused a value that came from the command line (a path no file
        # system can hold, say): wrong input, said as the library says it.
        click.echo(f"competency: error: {terminal(error)}", err=True)
        return 2
    except Exception as error:
        if os.environ.get("COMPETENCY_DEBUG"):
            raise
        click.echo(
            f"competency: internal error: {type(error).__name__}: {terminal(error)}\n"
            "This is a bug; run again with COMPETENCY_DEBUG=1 for the traceback and report it.",
            err=True,
        )
        return 2
    return status if isinstance(status, int) else 0


#: What the operating system says of a path it refuses to look up (given as an argument).
_PATH_REFUSED = {
    errno.ENAMETOOLONG: "the path is longer than the system allows",
    errno.ELOOP: "the path goes round a loop of symbolic links",
}


def _path_refused(error: OSError) -> str:
    """The message for a path argument the system refuses, naming the path (shortened)."""
    name = os.fsdecode(error.filename) if error.filename is not None else ""
    shown = name if len(name) <= 80 else f"{name[:60]}... ({len(name):,} characters)"
    return f"{terminal(shown)}: {_PATH_REFUSED.get(error.errno or 0, error.strerror)}"


def run() -> None:
    """The console script: run and exit with the command's status."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
