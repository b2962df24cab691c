"""Project settings: found upwards, checked with positions, honoured by every command."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from competency.settings import Settings, SettingsError, find_settings, load_settings
from tests.acceptance.support import BASE
from tests.conftest import Run


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (a .git folder) with the base framework in ladders/ and evidence/; cwd is
    its sub/deeper folder."""
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    shutil.copytree(BASE / "matrices", root / "ladders")
    shutil.copytree(BASE / "evidence", root / "evidence")
    (root / "sub" / "deeper").mkdir(parents=True)
    monkeypatch.chdir(root / "sub" / "deeper")
    monkeypatch.delenv("COMPETENCY_NO_CONFIG", raising=False)
    return root


def _pyproject(root: Path, body: str) -> None:
    (root / "pyproject.toml").write_text(f'[project]\nname = "x"\n\n[tool.competency]\n{body}')


def test_settings_are_found_upwards_and_the_path_is_made_relative(project: Path) -> None:
    """A pyproject.toml two folders up is found; its matrices is named from the current folder."""
    _pyproject(project, 'matrices = "ladders"\nas_of = 2026-11-01\n')
    expected = Settings(project / "pyproject.toml", "../../ladders", as_of=date(2026, 11, 1))
    assert expected == load_settings()


def test_search_stops_at_the_repository_root(project: Path) -> None:
    """A settings file above the folder holding .git is not used."""
    (project.parent / "competency.toml").write_text('locale = "fr"\n')
    assert find_settings(Path.cwd()) is None


def test_competency_toml_wins_over_pyproject_in_the_same_folder(project: Path) -> None:
    """When one folder holds both files, competency.toml is read."""
    _pyproject(project, 'locale = "de"\n')
    (project / "competency.toml").write_text('locale = "fr"\n')
    found = load_settings()
    expected = (project / "competency.toml", "fr")
    assert expected == (found.path, found.locale)


def test_a_pyproject_without_the_table_ends_the_search(project: Path) -> None:
    """A pyproject.toml with no [tool.competency] marks the project root: no settings."""
    (project / "sub" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    _pyproject(project, 'locale = "fr"\n')
    assert Settings(project / "sub" / "pyproject.toml") == load_settings()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            'matrices = "ladders"\n  colour = true\n',
            "../../pyproject.toml:6:3: unknown key 'colour'; "
            "the keys are matrices, locale, as_of, strict, jobs",
        ),
        (
            'jobs = "2"\n',
            "../../pyproject.toml:5:1: jobs must be a whole number of at least 1, not '2'",
        ),
        (
            "jobs = 0\n",
            "../../pyproject.toml:5:1: jobs must be a whole number of at least 1, not 0",
        ),
        ('strict = "yes"\n', "../../pyproject.toml:5:1: strict must be true or false, not 'yes'"),
        (
            '"as_of" = "2026-13-01"\n',
            "../../pyproject.toml:5:1: as_of must be a date, YYYY-MM-DD, not '2026-13-01'",
        ),
        (
            "locale = 7\n",
            "../../pyproject.toml:5:1: locale must be a locale code such as en, fr or "
            "zh-Hans, not 7",
        ),
        (
            "matrices = [1]\n",
            "../../pyproject.toml:5:1: matrices must be a folder path (a string), not an array",
        ),
    ],
)
def test_a_bad_key_is_an_error_at_its_line_and_column(
    project: Path, body: str, message: str
) -> None:
    """An unknown key, a wrong type, a value out of range or bad TOML names file:line:column."""
    _pyproject(project, body)
    with pytest.raises(SettingsError) as raised:
        load_settings()
    assert message == str(raised.value)


def test_bad_toml_is_an_error_at_its_line_and_column(project: Path) -> None:
    """A TOML syntax error names the file, line and column tomllib gives."""
    _pyproject(project, "as_of = 2026-02-30\n")
    with pytest.raises(SettingsError) as raised:
        load_settings()
    expected = "../../pyproject.toml:5:9: not valid TOML: "
    assert expected == str(raised.value)[: len(expected)]


def test_a_bad_settings_file_stops_every_command_with_exit_2(
    project: Path, cli: Callable[..., Run]
) -> None:
    """The command line refuses a bad settings file before any work, with its position."""
    _pyproject(project, "colour = true\n")
    run = cli("validate", "../../ladders")
    expected = (2, "Error: ../../pyproject.toml:5:1: unknown key 'colour'")
    assert expected == (run.status, run.err.split(";")[0])


def test_no_config_and_its_variable_ignore_the_file(
    project: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """--no-config (or COMPETENCY_NO_CONFIG=1) runs as if there were no settings file."""
    _pyproject(project, "colour = true\n")
    flag = cli("--no-config", "validate", "../../ladders").status
    monkeypatch.setenv("COMPETENCY_NO_CONFIG", "1")
    variable = cli("validate", "../../ladders").status
    expected = (0, 0)
    assert expected == (flag, variable)


def test_matrices_is_what_validate_checks_when_given_no_paths(
    project: Path, cli: Callable[..., Run]
) -> None:
    """validate with no paths checks the settings' framework, named from the current folder."""
    _pyproject(project, 'matrices = "ladders"\n')
    role = project / "ladders" / "roles" / "specialist.yaml"
    role.write_text(role.read_text().replace("grade: g2", "grade: g9"))
    run = cli("validate")
    expected = (1, "../../ladders/roles/specialist.yaml:")
    assert expected == (run.status, run.out[:36])


def test_matrices_and_as_of_are_honoured_and_the_command_line_wins(
    project: Path, cli: Callable[..., Run]
) -> None:
    """gap reads the settings' framework and date; --as-of on the command line wins."""
    _pyproject(project, 'matrices = "ladders"\nas_of = 2026-11-01\n')
    evidence = "../../evidence/amara.yaml"
    from_settings = cli("gap", evidence)
    given = cli("gap", evidence, "--as-of", "2026-12-01")
    first = [run.out.splitlines()[0].rsplit(", ", 1)[-1] for run in (from_settings, given)]
    expected = [(0, "as of 2026-11-01"), (0, "as of 2026-12-01")]
    assert expected == list(zip([from_settings.status, given.status], first, strict=True))


def test_strict_is_honoured_by_validate(project: Path, cli: Callable[..., Run]) -> None:
    """strict = true makes a warning fail validate, as --strict does; --no-config drops it."""
    behaviour = project / "ladders" / "competencies" / "empathy.yaml"
    behaviour.write_text(behaviour.read_text().replace("Names the business", "Names some business"))
    _pyproject(project, "strict = true\n")
    statuses = (
        cli("validate", "../../ladders").status,
        cli("--no-config", "validate", "../../ladders").status,
    )
    expected = (1, 0)
    assert expected == statuses


def test_locale_is_honoured_by_render(
    project: Path, cli: Callable[..., Run], tmp_path: Path
) -> None:
    """locale = "fr" reaches render, which says the framework has no French text."""
    _pyproject(project, 'matrices = "ladders"\nlocale = "fr"\n')
    run = cli("render", "--format", "md", "--out", tmp_path / "out", "-q")
    expected = (0, True)
    assert expected == (run.status, "no text in fr" in run.err)


def test_jobs_is_honoured_by_validate(
    project: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """jobs = 3 is the number of processes validate is asked to use; --jobs wins."""
    from competency.validation import validate as real

    seen: list[Any] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs["jobs"])
        return real(*args, **{**kwargs, "jobs": 1})

    monkeypatch.setattr("competency.cli._validate.run_validate", spy)
    _pyproject(project, "jobs = 3\n")
    cli("validate", "../../ladders")
    cli("validate", "../../ladders", "--jobs", "2")
    expected = [3, 2]
    assert expected == seen


def test_diff_of_two_folders_is_not_refused_for_the_settings_matrices(
    project: Path, cli: Callable[..., Run]
) -> None:
    """--matrices is refused for a folder diff when typed, not when it comes from the settings."""
    _pyproject(project, 'matrices = "ladders"\n')
    expected = 0
    assert expected == cli("diff", "../../ladders", "../../ladders").status
