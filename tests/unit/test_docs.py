"""The documentation stays true to the code."""

from __future__ import annotations

import re

from competency.check.quality import VAGUE_QUALIFIERS
from competency.diagnostics import CODES, Severity
from tests.conftest import ROOT

DIAGNOSTICS = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")


def test_every_code_is_documented_with_its_severity() -> None:
    """docs/diagnostics.md has one table row per code, with the code's severity."""
    rows = dict(re.findall(r"^\| ([A-Z][0-9]{3}) \| (error|warning) \|", DIAGNOSTICS, re.M))
    assert rows == {code: str(severity) for code, (severity, _) in CODES.items()}


def test_every_code_says_how_it_is_suppressed() -> None:
    """Each row ends with how to suppress the code: errors cannot be, warnings by --ignore.

    The import's warnings (I1xx) come from a command that takes no suppressions
    and say so.
    """
    rows = re.findall(
        r"^\| ([A-Z][0-9]{3}) \| (?:error|warning) \|.*\| ([^|]+) \|$", DIAGNOSTICS, re.M
    )
    expected = {
        code: "cannot be suppressed"
        if severity is Severity.ERROR
        else "import"
        if code.startswith("I")
        else "--ignore"
        for code, (severity, _) in CODES.items()
    }
    actual = {
        code: "cannot be suppressed"
        if way == "cannot be suppressed"
        else "import"
        if way.startswith("not suppressed: `competency import`")
        else "--ignore" * ("`--ignore`" in way)
        for code, way in rows
    }
    assert expected == actual


def test_vague_qualifier_list_in_docs_matches_the_code() -> None:
    """The list of vague qualifiers in the docs is the one quality.py uses."""
    block = DIAGNOSTICS.split("<!-- vague-qualifiers:start -->")[1].split("<!--")[0]
    assert [w.strip() for w in block.split(",")] == sorted(VAGUE_QUALIFIERS)


def test_readme_names_the_commands_ci_runs() -> None:
    """The README's test command is the one .ci/run runs."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in readme
    assert "python -m pytest -q" in ci


def test_pre_commit_hook_runs_validate_on_the_folders_not_single_files() -> None:
    """The published pre-commit hook calls `competency validate` without passing file names."""
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = {h["id"]: h for h in hooks}["competency-validate"]
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == (
        "competency validate",
        "python",
        False,
    )


def test_python_dash_m_competency_runs_the_command_line() -> None:
    """`python -m competency --version` prints the version and exits 0."""
    import subprocess
    import sys

    from competency import __version__

    done = subprocess.run(
        [sys.executable, "-m", "competency", "--version"], capture_output=True, text=True
    )
    assert (done.returncode, __version__ in done.stdout) == (0, True)


def test_no_doc_installs_competency_from_the_package_index() -> None:
    """competency is not on PyPI: every `pip install` of it names the repository or a clone."""
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    from_index = re.compile(r"pip install ['\"]?competency(\[[a-z,]+\])?['\"]?(?! @)(\s|$)")
    expected: list[str] = []
    actual = [
        f"{page.name}: {line.strip()}"
        for page in pages
        for line in page.read_text(encoding="utf-8").splitlines()
        if from_index.search(line)
    ]
    assert expected == actual
