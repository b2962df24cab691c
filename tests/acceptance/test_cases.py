"""Acceptance tests driven by example folders: one positive and some negatives per code.

Each case is a folder under ``cases/<CODE>/``: ``positive/`` is input close to
the negatives that must validate cleanly (exit 0, no diagnostic even with
--strict), and ``negative/<name>/`` is input that must produce `CODE` exactly
at the places listed in its ``expected.txt``.

A case is built in an empty working folder: the base (``base/``: a tiny
framework in ``matrices/`` and one evidence file in ``evidence/``) is copied
in, then every file of the case folder is laid on top at the same relative
path, so a case holds only what it changes. ``case.toml`` says what the case
shows and anything a plain file cannot:

- ``about``: one sentence (required);
- ``command``: the command to run (default ``validate``; ``import`` for the
  spreadsheet codes);
- ``args``: the arguments after ``competency COMMAND`` (default
  ``["matrices", "evidence"]``);
- ``base``: false to start from an empty folder instead of the base;
- ``remove``: paths to delete after copying the base;
- ``mkdir``: folders to make (git keeps no empty folder);
- ``[[write]]``: files written by the test, for content that is huge,
  repetitive or not UTF-8: ``path``, ``head``, ``text`` repeated ``repeat``
  times, then ``tail``, and the ``encoding`` (default utf-8);
- ``socket``: paths where a Unix socket is made (it exists, but cannot be read);
- ``unreadable``: paths made unreadable with chmod 000 (skipped as root);
- ``[[xlsx]]``: workbooks written by the test (binary files are not kept in
  git): ``path``; ``csv``, a CSV file of the case whose rows fill the
  'Long table' sheet; ``set``, cells to overwrite (a string starting with
  ``=`` is a formula); ``numbers``, cells whose text is stored as a number;
  ``merge``, ranges to merge such as ``"A2:B2"``; ``sheet``, the sheet's
  name (default 'Long table').
"""

from __future__ import annotations

import os
import shutil
import socket
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from tests.acceptance.support import CASES, diagnostic_lines
from tests.conftest import Run

from competency.diagnostics import CODES, Severity

DEFAULT_ARGS = ["matrices", "evidence"]
CASE_FILES = {"case.toml", "expected.txt"}


@dataclass
class Case:
    """One example folder and what its ``case.toml`` asks for."""

    code: str
    folder: Path
    about: str
    command: str = "validate"
    args: list[str] = field(default_factory=lambda: list(DEFAULT_ARGS))
    base: bool = True
    remove: list[str] = field(default_factory=list)
    mkdir: list[str] = field(default_factory=list)
    write: list[dict[str, Any]] = field(default_factory=list)
    socket: list[str] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    xlsx: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def read(cls, code: str, folder: Path) -> Case:
        """The case in `folder`, from its ``case.toml``."""
        settings = tomllib.loads((folder / "case.toml").read_text(encoding="utf-8"))
        return cls(code, folder, **settings)

    @property
    def expected(self) -> list[str]:
        """The lines of ``expected.txt`` (empty for a positive case)."""
        path = self.folder / "expected.txt"
        if not path.exists():
            return []
        return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]

    def build(self, workdir: Path) -> None:
        """Lay the case on top of `workdir` (which already holds the base if wanted)."""
        for name in self.remove:
            (workdir / name).unlink()
        for name in self.mkdir:
            (workdir / name).mkdir(parents=True, exist_ok=True)
        for path in sorted(self.folder.rglob("*")):
            relative = path.relative_to(self.folder)
            if path.is_file() and str(relative) not in CASE_FILES:
                target = workdir / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        for spec in self.write:
            target = workdir / spec["path"]
            target.parent.mkdir(parents=True, exist_ok=True)
            content = (
                spec.get("head", "")
                + spec.get("text", "") * spec.get("repeat", 1)
                + spec.get("tail", "")
            )
            target.write_bytes(content.encode(spec.get("encoding", "utf-8")))
        for name in self.socket:
            (workdir / name).parent.mkdir(parents=True, exist_ok=True)
            with socket.socket(socket.AF_UNIX) as listener:
                listener.bind(name)  # relative to workdir, the current directory
        for name in self.unreadable:
            (workdir / name).chmod(0)
        for spec in self.xlsx:
            _workbook(workdir / spec["path"], spec)


def _workbook(target: Path, spec: dict[str, Any]) -> None:
    """A workbook whose 'Long table' sheet holds a CSV's rows, with `spec`'s changes."""
    import csv

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = spec.get("sheet", "Long table")
    with (target.parent / spec["csv"]).open(encoding="utf-8", newline="") as source:
        for row in csv.reader(source):
            sheet.append(row)
    for name, value in spec.get("set", {}).items():
        sheet[name].value = value
    for name in spec.get("numbers", []):
        sheet[name].value = float(sheet[name].value)
    for cells in spec.get("merge", []):
        sheet.merge_cells(cells)
    target.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(target)


def _cases(kind: str) -> list[Any]:
    found = []
    for code_folder in sorted(p for p in CASES.iterdir() if p.is_dir()):
        folders = (
            [code_folder / "positive"]
            if kind == "positive"
            else sorted(p for p in (code_folder / "negative").glob("*") if p.is_dir())
        )
        for folder in folders:
            if folder.is_dir():
                case = Case.read(code_folder.name, folder)
                found.append(pytest.param(case, id=str(folder.relative_to(CASES))))
    return found


def _run(case: Case, request: pytest.FixtureRequest, cli: Callable[..., Run], *extra: str) -> Run:
    if case.unreadable and os.geteuid() == 0:
        pytest.skip("root can read a file whatever its permissions")
    workdir: Path = request.getfixturevalue("base" if case.base else "workdir")
    case.build(workdir)
    return cli(case.command, *case.args, *extra)


def _matching(expected: list[str], actual: list[str]) -> list[str]:
    """`actual`, with each message cut where its expected line ends in '...'."""
    cut = []
    for want, got in zip(expected, actual, strict=False):
        stem = want.removesuffix("...")
        cut.append(want if want.endswith("...") and got.startswith(stem) else got)
    return cut + actual[len(expected) :]


def test_every_code_has_a_positive_and_a_negative_case() -> None:
    """Each diagnostic code has cases/CODE/positive and at least one cases/CODE/negative/*."""
    covered = {
        p.name
        for p in CASES.iterdir()
        if (p / "positive" / "case.toml").is_file()
        and any((n / "expected.txt").is_file() for n in (p / "negative").glob("*"))
    }
    assert sorted(CODES) == sorted(covered)


@pytest.mark.parametrize("case", _cases("negative"))
def test_negative_case_reports_its_code_at_the_expected_places(
    case: Case, request: pytest.FixtureRequest, cli: Callable[..., Run]
) -> None:
    """The case's code is reported exactly at the lines and columns of expected.txt."""
    run = _run(case, request, cli)
    failing = CODES[case.code][0] is Severity.ERROR or "--strict" in case.args
    expected = {"status": 1 if failing else 0, "lines": case.expected, "traceback": False}
    actual = {
        "status": run.status,
        "lines": _matching(case.expected, diagnostic_lines(run.out, case.code)),
        "traceback": "Traceback" in run.out + run.err,
    }
    assert expected == actual


@pytest.mark.parametrize("case", _cases("positive"))
def test_positive_case_validates_cleanly(
    case: Case, request: pytest.FixtureRequest, cli: Callable[..., Run]
) -> None:
    """The nearby valid input gives no diagnostic at all, even with --strict."""
    run = _run(case, request, cli, "--strict")
    expected = {"status": 0, "lines": []}
    actual = {"status": run.status, "lines": diagnostic_lines(run.out)}
    assert expected == actual
