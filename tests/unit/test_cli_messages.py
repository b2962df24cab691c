"""The command line's own text (help, multi-line messages) is shown as written; input is escaped."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import click
import pytest

from competency.cli._errors import BadValue, CannotRun, Usage, is_written, shown_error
from competency.render import MissingGlyphsError, fonts
from competency.render.fonts import MissingGlyph
from tests.conftest import EXAMPLES, MATRICES, Run
from tests.golden.hostile import FRAMEWORK

Cli = Callable[..., Run]

#: The error every command gives for a --locale that is not a locale code.
BAD_LOCALE = (
    "Error: Invalid value for '--locale': 'x y!' is not a locale code such as en, fr or zh-Hans"
)


@pytest.mark.parametrize(
    ("args", "first"),
    [
        ((), "Usage: competency [OPTIONS] COMMAND [ARGS]..."),
        (("new",), "Usage: competency new [OPTIONS] COMMAND [ARGS]..."),
        (("template",), "Usage: competency template [OPTIONS] COMMAND [ARGS]..."),
    ],
)
def test_a_group_without_a_command_prints_readable_help(
    cli: Cli, args: tuple[str, ...], first: str
) -> None:
    """`competency`, `competency new` and `competency template` print their help line by line."""
    run = cli(*args)
    lines = run.err.splitlines()
    assert (run.status, run.out, lines[0], "\\n" in run.err, len(lines) > 5) == (
        2,
        "",
        first,
        False,
        True,
    )


def test_the_top_level_help_lists_the_commands_one_per_line(cli: Cli) -> None:
    """`competency` alone lists each command on a line of its own, as --help does."""
    run = cli()
    assert cli("--help").out == run.err


def test_a_hostile_folder_name_in_an_error_is_escaped(cli: Cli, tmp_path: Path) -> None:
    """A line break and an escape in a folder name stay visible escapes on the one error line."""
    run = cli("render", tmp_path / "a\nb\x1b[2J", "--format", "md", "--out", tmp_path / "out")
    expected = f"Error: framework folder not found: {tmp_path}/a\\nb\\x1b[2J"
    assert (run.status, run.err.splitlines()[-1], "\x1b" in run.err) == (2, expected, False)


def test_a_hostile_option_in_clicks_own_error_is_escaped(cli: Cli) -> None:
    """Click's own messages quote what was typed; a line break there is escaped, not printed."""
    run = cli("validate", "--bogus\n::error::forged")
    assert (run.status, [line for line in run.err.splitlines() if "forged" in line]) == (
        2,
        ["Error: No such option '--bogus\\n::error::forged'."],
    )


def test_the_missing_font_message_keeps_its_lines() -> None:
    """A multi-line error is shown line by line, each line's input text escaped."""
    error = MissingGlyphsError([MissingGlyph("你", "你好\n\x1b[2J")])
    expected = [
        "no available font can draw 1 character(s) of the text:",
        "  '你' (U+4F60, Chinese, Japanese or Korean) in '你好 \\x1b[2J'; "
        "Debian package: fonts-noto-cjk",
        "install fonts that cover them (for example: apt-get install fonts-noto-cjk), "
        "or add a folder with such fonts to the font paths",
    ]
    assert expected == shown_error(error).split("\n")


def test_a_line_break_inside_one_line_of_an_error_is_escaped() -> None:
    """An error's `lines` are the only line breaks shown: one inside a line is escaped."""
    error = RuntimeError("whole")
    error.lines = ("first", "second\n::error::forged")  # type: ignore[attr-defined]  # a test double
    assert shown_error(error) == "first\nsecond\\n::error::forged"


def test_an_error_without_lines_is_escaped_whole() -> None:
    """An ordinary error's line breaks are all shown as escapes."""
    assert shown_error(OSError("a\nb")) == "a\\nb"


def test_only_the_programs_own_messages_are_printed_as_they_are() -> None:
    """Usage, BadValue and CannotRun are the program's text; click's plain UsageError is not."""
    errors = [Usage("x"), BadValue("x"), CannotRun("x"), click.UsageError("x")]
    assert [is_written(error) for error in errors] == [True, True, True, False]


@pytest.mark.pdf
def test_render_prints_the_missing_font_message_line_by_line(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`render --format pdf` shows the missing-font message as lines, not one escaped line."""
    pytest.importorskip("typst")
    monkeypatch.setattr(fonts, "_font_files", lambda font_paths: [])
    framework = tmp_path / "thai"
    shutil.copytree(FRAMEWORK, framework)
    role = framework / "roles" / "support-lead.yaml"
    role.write_text(role.read_text("utf-8").replace("title: Support Lead\n", "title: หัวหน้า\n", 1))
    run = cli("render", framework, "--format", "pdf", "--out", tmp_path / "out")
    lines = run.err.splitlines()
    assert (
        run.status,
        lines[0].startswith("competency render: no available font can draw"),
        lines[1].startswith("  "),
        lines[-1].startswith("install fonts"),
        "\\n" in run.err,
    ) == (2, True, True, True, False)


@pytest.mark.parametrize(
    "args",
    [
        ("render", MATRICES, "--format", "md", "--out", "{tmp}"),
        ("diff", "support-engineer@se1", "support-engineer@se2", "--matrices", MATRICES),
        ("gap", EXAMPLES / "hana-s.yaml", "--matrices", MATRICES),
        ("level", EXAMPLES / "hana-s.yaml", "--matrices", MATRICES),
        ("team", EXAMPLES, "--matrices", MATRICES),
        ("export", MATRICES, "--format", "csv", "--out", "-"),
    ],
    ids=lambda args: str(args[0]),
)
def test_every_locale_option_refuses_what_is_not_a_locale_code(
    cli: Cli, tmp_path: Path, args: tuple[str | Path, ...]
) -> None:
    """Every command taking --locale refuses 'x y!' as wrong usage (exit 2), printing nothing."""
    given = [str(tmp_path / "out") if arg == "{tmp}" else arg for arg in args]
    run = cli(*given, "--locale", "x y!")
    assert (run.status, run.out, run.err.splitlines()[-1]) == (2, "", BAD_LOCALE)


def _commands_with_a_locale() -> list[tuple[str, ...]]:
    """The path (``("gap",)``, ``("new", "evidence")``) of every command that takes --locale."""
    from competency.cli import cli

    found: list[tuple[str, ...]] = []

    def walk(command: click.Command, path: tuple[str, ...], ctx: click.Context) -> None:
        if isinstance(command, click.Group):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                assert sub is not None
                walk(sub, (*path, name), ctx)
        elif any("--locale" in getattr(param, "opts", []) for param in command.params):
            found.append(path)

    with click.Context(cli) as ctx:
        walk(cli, (), ctx)
    return found


LOCALE_COMMANDS = _commands_with_a_locale()


def test_the_commands_with_a_locale_are_found() -> None:
    """The walk of the click group finds every command known to take --locale (and maybe more)."""
    known = {
        "badge",
        "diff",
        "export",
        "gap",
        "history",
        "level",
        "plan",
        "render",
        "team",
        "trend",
    }
    assert known <= {path[0] for path in LOCALE_COMMANDS}


@pytest.mark.parametrize("path", LOCALE_COMMANDS, ids=" ".join)
def test_each_command_found_refuses_a_locale_that_is_no_locale_code(
    cli: Cli, path: tuple[str, ...]
) -> None:
    """Any command with --locale, discovered from the click group, refuses 'x y!' first: exit 2."""
    run = cli(*path, "--locale", "x y!")
    assert (run.status, run.out, run.err.splitlines()[-1]) == (2, "", BAD_LOCALE)


def test_every_locale_option_is_the_shared_one() -> None:
    """Each --locale in the command line is `locale_option`'s: the same check and metavar."""
    from competency.cli import COMMAND_MODULES, cli

    found = []
    with click.Context(cli) as ctx:
        for name in sorted(COMMAND_MODULES):
            command = cli.get_command(ctx, name)
            assert command is not None
            for param in command.params:
                if "--locale" in getattr(param, "opts", []):
                    callback = getattr(param.callback, "__qualname__", "")
                    found.append((name, param.metavar, callback))
    names = {name for name, _, _ in found}
    assert {"diff", "export", "gap", "level", "render", "team"} <= names
    assert [(name, "LOCALE", "_locale") for name, _, _ in found] == found
