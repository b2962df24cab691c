"""Suppressions: lint settings, --ignore, and comments, as format sections 3 and 9 say."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import competency
from competency.check.suppress import LintOptions, SuppressionError
from tests.conftest import ROOT, Run

BASE = ROOT / "tests" / "acceptance" / "base"
COMPETENCY = "matrices/competencies/troubleshooting.yaml"
VAGUE_LINE = "        text: Reproduces some problems before escalating them."


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the acceptance base (a small framework and one evidence file) as cwd."""
    shutil.copytree(BASE, tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _vague(tiny: Path, line: str = VAGUE_LINE) -> None:
    """Make the first behaviour of troubleshooting say 'some' (a Q100 on line 10)."""
    _replace(
        tiny / COMPETENCY,
        "        text: Reproduces the reported problem before escalating it.",
        line,
    )


def _lint(tiny: Path, settings: str) -> None:
    _replace(tiny / "matrices/framework.yaml", "externals:", f"lint:\n{settings}\nexternals:")


def _codes(run: Run) -> list[str]:
    return [
        line.split()[2]
        for line in run.out.splitlines()
        if ": warning " in line or ": error " in line
    ]


def test_a_vague_word_is_reported_without_a_suppression(
    tiny: Path, cli: Callable[..., Run]
) -> None:
    """The baseline of the tests below: the edited behaviour gives Q100."""
    _vague(tiny)
    expected = ["Q100"]
    assert expected == _codes(cli("validate", "matrices"))


def test_a_line_comment_drops_the_warning_on_its_line(tiny: Path, cli: Callable[..., Run]) -> None:
    """`# competency: ignore[Q100]` at the end of the line drops that line's Q100."""
    _vague(tiny, VAGUE_LINE + "  # competency: ignore[Q100]")
    expected: tuple[int, list[str]] = (0, [])
    assert expected == (
        cli("validate", "matrices", "--strict").status,
        _codes(cli("validate", "matrices")),
    )


def test_a_line_comment_drops_only_the_codes_it_names(tiny: Path, cli: Callable[..., Run]) -> None:
    """A comment naming another code leaves the Q100 on its line reported."""
    _vague(tiny, VAGUE_LINE + "  # competency: ignore[Q102]")
    expected = ["Q100"]
    assert expected == _codes(cli("validate", "matrices"))


def test_a_line_comment_does_not_reach_other_lines(tiny: Path, cli: Callable[..., Run]) -> None:
    """A comment on the line above the warning drops nothing."""
    _vague(tiny, "        # competency: ignore[Q100]\n" + VAGUE_LINE)
    expected = ["Q100"]
    assert expected == _codes(cli("validate", "matrices"))


def test_a_file_comment_drops_the_code_in_the_whole_file(
    tiny: Path, cli: Callable[..., Run]
) -> None:
    """`# competency: ignore-file[Q100]` on a line of its own drops Q100 anywhere in the file."""
    _vague(tiny)
    _replace(
        tiny / COMPETENCY,
        "format: competency/v1",
        "format: competency/v1\n# competency: ignore-file[Q100]",
    )
    expected: list[str] = []
    assert expected == _codes(cli("validate", "matrices", "--strict"))


def test_lint_ignore_drops_the_code_for_the_framework(tiny: Path, cli: Callable[..., Run]) -> None:
    """`lint.ignore: [Q100]` in framework.yaml drops Q100 in every file of the framework."""
    _vague(tiny)
    _lint(tiny, "  ignore: [Q100]")
    expected: list[str] = []
    assert expected == _codes(cli("validate", "matrices", "--strict"))


def test_lint_ignore_applies_to_evidence_checked_against_the_framework(
    tiny: Path, cli: Callable[..., Run]
) -> None:
    """A warning about an evidence folder (Q104) is dropped by the framework's lint.ignore."""
    (tiny / "inbox").mkdir()
    _lint(tiny, "  ignore: [Q104]")
    expected: list[str] = []
    assert expected == _codes(cli("validate", "matrices", "inbox", "--strict"))


def test_evidence_comments_are_suppressions_too(tiny: Path, cli: Callable[..., Run]) -> None:
    """A comment in an evidence file is read like one in a framework file (here, a wrong one)."""
    _replace(
        tiny / "evidence/amara.yaml",
        "role: specialist",
        "role: specialist  # competency: ignore[R105]",
    )
    expected = ["Q106"]
    assert expected == _codes(cli("validate", "matrices", "evidence"))


def test_lint_allow_accepts_a_phrase_in_any_case(tiny: Path, cli: Callable[..., Run]) -> None:
    """`lint.allow: [basic plan]` accepts 'Basic Plan' in a behaviour."""
    _vague(tiny, "        text: Moves customers on the Basic Plan to the priority queue.")
    _lint(tiny, "  allow: [basic plan]")
    expected: list[str] = []
    assert expected == _codes(cli("validate", "matrices", "--strict"))


def test_lint_allow_matches_whole_phrases_only(tiny: Path, cli: Callable[..., Run]) -> None:
    """`lint.allow: [basic plan]` still flags 'basic' outside the phrase."""
    _vague(tiny, "        text: Explains the basic plan and basic troubleshooting.")
    _lint(tiny, "  allow: [basic plan]")
    run = cli("validate", "matrices")
    expected = (["Q100"], "'basic';")
    assert expected == (_codes(run), run.out.split()[5])


def test_ignore_option_drops_the_code_for_the_run(tiny: Path, cli: Callable[..., Run]) -> None:
    """`validate --ignore Q100,Q102` drops Q100."""
    _vague(tiny)
    expected: tuple[int, list[str]] = (0, [])
    assert expected == (
        cli("validate", "matrices", "--strict", "--ignore", "Q100,Q102").status,
        _codes(cli("validate", "matrices", "--ignore", "Q101", "--ignore", "Q100")),
    )


def test_ignore_option_refuses_an_error_code(tiny: Path, cli: Callable[..., Run]) -> None:
    """`--ignore R101` is wrong usage (exit 2): errors cannot be ignored."""
    run = cli("validate", "matrices", "--ignore", "R101")
    expected = (2, True)
    assert expected == (run.status, "R101 is an error" in run.err)


def test_ignore_option_refuses_an_unknown_code(tiny: Path, cli: Callable[..., Run]) -> None:
    """`--ignore Q999` is wrong usage (exit 2)."""
    run = cli("validate", "matrices", "--ignore", "Q999")
    expected = (2, True)
    assert expected == (run.status, "unknown diagnostic code 'Q999'" in run.err)


def test_an_unused_suppression_is_reported_under_strict(
    tiny: Path, cli: Callable[..., Run]
) -> None:
    """A comment that drops nothing is Q105 with --strict (exit 1)."""
    _replace(tiny / COMPETENCY, "category: craft", "category: craft  # competency: ignore[Q100]")
    run = cli("validate", "matrices", "--strict")
    expected = (1, ["Q105"])
    assert expected == (run.status, _codes(run))


def test_an_unused_suppression_is_quiet_without_strict(tiny: Path, cli: Callable[..., Run]) -> None:
    """Without --strict, a comment that drops nothing is not reported."""
    _replace(tiny / COMPETENCY, "category: craft", "category: craft  # competency: ignore[Q100]")
    run = cli("validate", "matrices")
    expected: tuple[int, list[str]] = (0, [])
    assert expected == (run.status, _codes(run))


def test_an_error_is_never_suppressed(tiny: Path, cli: Callable[..., Run]) -> None:
    """`ignore[R100]` on the line of an R100 keeps the error, and says it cannot work (Q106)."""
    _replace(tiny / COMPETENCY, "category: craft", "category: crafts  # competency: ignore[R100]")
    run = cli("validate", "matrices")
    expected = (1, ["R100", "Q106"])
    assert expected == (run.status, _codes(run))


def test_an_error_code_in_lint_ignore_is_reported_and_has_no_effect(
    tiny: Path, cli: Callable[..., Run]
) -> None:
    """`lint.ignore: [R100]` leaves R100 reported, with a Q106 at the entry."""
    _replace(tiny / COMPETENCY, "category: craft", "category: crafts")
    _lint(tiny, "  ignore: [R100]")
    run = cli("validate", "matrices")
    expected = (1, ["R100", "Q106"])
    assert expected == (run.status, _codes(run))


def test_a_comment_inside_quotes_is_not_a_suppression(tiny: Path, cli: Callable[..., Run]) -> None:
    """'# competency: ignore[Q100]' inside a quoted string is text: the Q100 stays."""
    _vague(tiny, '        text: "Reproduces some problems # competency: ignore[Q100]"')
    expected = ["Q100"]
    assert expected == _codes(cli("validate", "matrices"))


def test_a_comment_after_a_block_header_is_a_suppression(
    tiny: Path, cli: Callable[..., Run]
) -> None:
    """A comment after `>` applies to the text's line, where its warnings are reported."""
    _vague(tiny, "        text: >  # competency: ignore[Q100]\n          Reproduces some problems.")
    expected: list[str] = []
    assert expected == _codes(cli("validate", "matrices", "--strict"))


def test_gap_takes_ignore_for_the_warnings_it_prints(tiny: Path, cli: Callable[..., Run]) -> None:
    """`gap --ignore Q106` drops the warning gap prints about the evidence file."""
    _replace(
        tiny / "evidence/amara.yaml",
        "role: specialist",
        "role: specialist  # competency: ignore[R105]",
    )
    args = ("gap", "evidence/amara.yaml", "--as-of", "2026-11-01")
    expected = (True, False)
    assert expected == ("Q106" in cli(*args).err, "Q106" in cli(*args, "--ignore", "Q106").err)


def test_python_validate_takes_lint_options(tiny: Path) -> None:
    """`competency.validate(paths, lint=LintOptions(...))` drops and reports as the command does."""
    _vague(tiny)
    dropped = competency.validate(["matrices"], lint=LintOptions(ignore=frozenset({"Q100"})))
    _replace(tiny / COMPETENCY, "category: craft", "category: craft  # competency: ignore[Q102]")
    stale = competency.validate(["matrices"], lint=LintOptions(report_unused=True))
    expected: tuple[list[str], list[str]] = ([], ["Q100", "Q105"])
    assert expected == ([d.code for d in dropped], sorted(d.code for d in stale))


def test_lint_options_refuse_an_error_code() -> None:
    """LintOptions(ignore={'Y100'}) raises SuppressionError, a CompetencyError."""
    with pytest.raises(SuppressionError, match="Y100 is an error"):
        LintOptions(ignore=frozenset({"Y100"}))
