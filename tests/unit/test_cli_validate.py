"""``competency validate``: exit status, output formats, --strict, colour and paths."""

from __future__ import annotations

import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.acceptance.support import BASE, codes, diagnostic_lines
from tests.conftest import MATRICES, Run


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding a copy of the acceptance tests' base framework and evidence."""
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _break(here: Path) -> None:
    """Give the base an error: a level on a grade that does not exist."""
    _edit(here / "matrices/roles/specialist.yaml", "grade: g2", "grade: g9")


def _warn(here: Path) -> None:
    """Give the base a warning only: a vague word in a behaviour."""
    _edit(here / "matrices/competencies/empathy.yaml", "Names the business", "Names some business")


# --- exit status ----------------------------------------------------------------------


def test_shipped_framework_is_valid_under_strict(cli: Callable[..., Run]) -> None:
    """matrices/ validates with exit 0 and no diagnostics, even with --strict."""
    run = cli("validate", MATRICES, "--strict")
    expected: tuple[int, list[str]] = (0, [])
    assert expected == (run.status, diagnostic_lines(run.out))


def test_clean_input_exits_0_and_says_ok(here: Path, cli: Callable[..., Run]) -> None:
    """Nothing wrong: exit 0, nothing on stdout, a short ok on stderr."""
    run = cli("validate", "matrices", "evidence")
    expected = (0, "", "ok: no problems found\n")
    assert expected == (run.status, run.out, run.err)


def test_errors_exit_1(here: Path, cli: Callable[..., Run]) -> None:
    """Any error: exit 1."""
    _break(here)
    expected = 1
    assert expected == cli("validate", "matrices").status


def test_warnings_alone_exit_0(here: Path, cli: Callable[..., Run]) -> None:
    """Warnings are printed but do not fail the run."""
    _warn(here)
    run = cli("validate", "matrices")
    expected = (0, ["Q100"])
    assert expected == (run.status, codes(run.out))


def test_strict_makes_a_warning_fail(here: Path, cli: Callable[..., Run]) -> None:
    """With --strict, a warning alone exits 1."""
    _warn(here)
    expected = 1
    assert expected == cli("validate", "matrices", "--strict").status


@pytest.mark.parametrize(
    "args",
    [
        ["--no-such-option"],
        ["--format", "xml"],
        ["--max-bytes", "0"],
        ["--max-bytes", "lots"],
    ],
    ids=["unknown-option", "unknown-format", "zero-max-bytes", "non-numeric-max-bytes"],
)
def test_wrong_usage_exits_2(here: Path, cli: Callable[..., Run], args: list[str]) -> None:
    """An unknown option or a bad option value is a usage error: exit 2, message on stderr."""
    run = cli("validate", "matrices", *args)
    expected = (2, "", True)
    assert expected == (run.status, run.out, "Error" in run.err)


def test_missing_path_exits_1(here: Path, cli: Callable[..., Run]) -> None:
    """A path that does not exist is an input error (X100), exit 1."""
    run = cli("validate", "nowhere")
    expected = (1, ["nowhere:1:1: error X100 no such file or folder"])
    assert expected == (run.status, diagnostic_lines(run.out))


def test_default_path_is_matrices(here: Path, cli: Callable[..., Run]) -> None:
    """Without PATHS, matrices/ in the current folder is validated."""
    _break(here)
    expected = ["matrices/roles/specialist.yaml:15:12: error R104 unknown grade 'g9'"]
    assert expected == diagnostic_lines(cli("validate").out)


def test_max_bytes_option_sets_the_size_cap(here: Path, cli: Callable[..., Run]) -> None:
    """--max-bytes refuses files above the given size with Y107."""
    run = cli("validate", "matrices", "evidence/amara.yaml", "--max-bytes", "400")
    refused = {line.split(":")[0] for line in diagnostic_lines(run.out) if " Y107 " in line}
    expected = {"evidence/amara.yaml", "matrices/framework.yaml", "matrices/roles/team-lead.yaml"}
    assert expected == refused


# --- paths in output ---------------------------------------------------------------------


@pytest.mark.parametrize("given", ["matrices/", "./matrices"])
def test_file_is_shown_under_the_folder_as_given(
    here: Path, cli: Callable[..., Run], given: str
) -> None:
    """FILE is the folder as typed on the command line joined with the path inside it."""
    _break(here)
    shown = given.rstrip("/") + "/roles/specialist.yaml"
    expected = [f"{shown}:15:12: error R104 unknown grade 'g9'"]
    assert expected == diagnostic_lines(cli("validate", given).out)


def test_evidence_is_checked_against_the_matrices_option(
    here: Path, cli: Callable[..., Run]
) -> None:
    """--matrices names the framework that evidence is checked against."""
    shutil.move(here / "matrices", here / "ladder")
    _edit(here / "evidence/amara.yaml", "level: sp1", "level: sp9")
    run = cli("validate", "--matrices", "ladder", "evidence/amara.yaml")
    expected = ["evidence/amara.yaml:5:8: error R105 role 'specialist' has no level 'sp9'"]
    assert expected == diagnostic_lines(run.out)


def test_evidence_is_checked_against_the_framework_among_paths(
    here: Path, cli: Callable[..., Run]
) -> None:
    """Without --matrices, the one framework folder among PATHS is used."""
    shutil.move(here / "matrices", here / "ladder")
    _edit(here / "evidence/amara.yaml", "role: specialist", "role: nobody")
    run = cli("validate", "ladder", "evidence")
    expected = ["evidence/amara.yaml:4:7: error R105 unknown role 'nobody'"]
    assert expected == diagnostic_lines(run.out)


def test_output_is_sorted_by_file_then_position(here: Path, cli: Callable[..., Run]) -> None:
    """Diagnostics come file by file, then by line and column."""
    _break(here)
    _warn(here)
    _edit(here / "evidence/amara.yaml", "source: manager", "source: boss")
    _edit(here / "matrices/roles/specialist.yaml", "grade: g1", "grade: g0")
    lines = diagnostic_lines(cli("validate", "matrices", "evidence").out)
    places = [
        (f, int(line), int(column)) for f, line, column, _ in (x.split(":", 3) for x in lines)
    ]
    expected = [
        ("evidence/amara.yaml", 9, 13),
        ("matrices/competencies/empathy.yaml", 14, 15),
        ("matrices/roles/specialist.yaml", 9, 12),
        ("matrices/roles/specialist.yaml", 15, 12),
    ]
    assert expected == places


# --- formats -------------------------------------------------------------------------------


def test_json_output_has_ok_and_diagnostics(here: Path, cli: Callable[..., Run]) -> None:
    """--format json prints {"ok", "diagnostics"} with the fields of docs/format.md."""
    _break(here)
    run = cli("validate", "matrices", "--format", "json")
    expected = {
        "ok": False,
        "diagnostics": [
            {
                "file": "matrices/roles/specialist.yaml",
                "line": 15,
                "column": 12,
                "severity": "error",
                "code": "R104",
                "message": "unknown grade 'g9'",
            }
        ],
    }
    assert (expected, 1) == (json.loads(run.out), run.status)


def test_json_output_of_clean_input_is_ok(here: Path, cli: Callable[..., Run]) -> None:
    """Clean input in JSON: ok true, no diagnostics, and nothing else on stdout."""
    run = cli("validate", "matrices", "--format", "json")
    expected = ({"ok": True, "diagnostics": []}, "")
    assert expected == (json.loads(run.out), run.err)


def test_github_output_is_one_annotation_per_diagnostic(
    here: Path, cli: Callable[..., Run]
) -> None:
    """--format github prints ::error workflow commands."""
    _break(here)
    run = cli("validate", "matrices", "--format", "github")
    expected = [
        "::error file=matrices/roles/specialist.yaml,line=15,col=12,title=R104 unknown grade"
        "::unknown grade 'g9'"
    ]
    assert expected == run.out.splitlines()


def test_sarif_output_is_a_sarif_2_1_0_log(here: Path, cli: Callable[..., Run]) -> None:
    """--format sarif prints a SARIF 2.1.0 log with one result per diagnostic."""
    _break(here)
    log = json.loads(cli("validate", "matrices", "--format", "sarif").out)
    expected = ("2.1.0", ["R104"])
    assert expected == (log["version"], [r["ruleId"] for r in log["runs"][0]["results"]])


# --- colour -----------------------------------------------------------------------------------


def test_colour_on_a_terminal(
    here: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal without NO_COLOR, the severity is coloured."""
    _break(here)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR")
    assert "\033[1;31merror\033[0m" in cli("validate", "matrices").out


def test_no_color_turns_colour_off_on_a_terminal(
    here: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """NO_COLOR set: no escape codes, even on a terminal."""
    _break(here)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\033[" not in cli("validate", "matrices").out


def test_no_colour_when_not_a_terminal(
    here: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Piped output is plain even without NO_COLOR."""
    _break(here)
    monkeypatch.delenv("NO_COLOR")
    assert "\033[" not in cli("validate", "matrices").out


def test_json_is_never_coloured(
    here: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Machine formats stay plain on a terminal."""
    _break(here)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR")
    assert "\033[" not in cli("validate", "matrices", "--format", "json").out


# --- help -------------------------------------------------------------------------------------


def test_help_ends_with_an_example(cli: Callable[..., Run]) -> None:
    """validate --help exits 0 and shows an example command."""
    run = cli("validate", "--help")
    assert (run.status, "competency validate matrices" in run.out) == (0, True)


def test_validate_without_paths_or_matrices_folder_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Run]
) -> None:
    """`competency validate` where there is no matrices/ says how to use it (exit 2)."""
    monkeypatch.chdir(tmp_path)
    run = cli("validate")
    expected = (2, "", True)
    actual = (run.status, run.out, "no matrices/ folder here" in run.err)
    assert expected == actual
