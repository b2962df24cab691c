"""The gap, level and team reports as HTML and PDF pages, from the command line."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import EXAMPLES, MATRICES, Run

Cli = Callable[..., Run]

AS_OF = ("--as-of", "2026-11-01", "--matrices", str(MATRICES))


def _pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return done.stdout.decode()


def test_gap_html_is_a_promotion_packet(cli: Cli) -> None:
    """`gap --format html` prints one page naming the person, target and verdict."""
    result = cli("gap", EXAMPLES / "priya-n.yaml", *AS_OF, "--format", "html")
    assert result.status == 0
    assert result.out.lstrip().lower().startswith("<!doctype html>")
    assert ("Priya Nair" in result.out, "Support Specialist II" in result.out) == (True, True)


def test_gap_html_links_the_evidence_items(cli: Cli) -> None:
    """The packet links each evidence item to the address the evidence file gives."""
    result = cli("gap", EXAMPLES / "priya-n.yaml", *AS_OF, "--format", "html")
    assert 'href="https://tickets.example.com/' in result.out


def test_team_html_has_a_heatmap_row_per_person(cli: Cli) -> None:
    """`team --format html` shows every example person's heatmap row, by name."""
    import yaml

    result = cli("team", EXAMPLES, *AS_OF, "--format", "html")
    names = [
        yaml.safe_load(path.read_text(encoding="utf-8"))["person"]["name"]
        for path in sorted(EXAMPLES.glob("*.yaml"))
    ]
    rows = [name for name in names if result.out.count(name) >= 2]
    assert rows == names


needs_pdf = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils missing")


@pytest.mark.pdf
@needs_pdf
def test_gap_pdf_holds_the_verdict_as_text(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`gap --format pdf` writes a PDF whose text names the person and the verdict."""
    from competency.cli import main

    monkeypatch.setenv("NO_COLOR", "1")
    status = main(["gap", str(EXAMPLES / "priya-n.yaml"), *AS_OF, "--format", "pdf"])
    pdf = capsysbinary.readouterr().out
    text = _pdf_text(pdf, tmp_path)
    assert (status, pdf[:5], "Priya Nair" in text, "ready" in text) == (0, b"%PDF-", True, True)


@pytest.mark.pdf
@needs_pdf
def test_level_pdf_uses_the_locale(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`level --format pdf --locale fr` writes its fixed words in French."""
    from competency.cli import main

    monkeypatch.setenv("NO_COLOR", "1")
    args = ["level", str(EXAMPLES / "priya-n.yaml"), *AS_OF, "--format", "pdf", "--locale", "fr"]
    assert main(args) == 0
    assert "Niveau actuel" in _pdf_text(capsysbinary.readouterr().out, tmp_path)


def test_team_xlsx_has_a_sheet_per_part_and_a_row_per_person(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`team --format xlsx` writes a workbook: people, competencies, training needs, bench."""
    from openpyxl import load_workbook

    from competency.cli import main

    monkeypatch.setenv("NO_COLOR", "1")
    assert main(["team", str(EXAMPLES), *AS_OF, "--format", "xlsx"]) == 0
    path = tmp_path / "team.xlsx"
    path.write_bytes(capsysbinary.readouterr().out)
    workbook = load_workbook(path)
    people = [row[1] for row in workbook["People"].iter_rows(min_row=2, values_only=True)]
    expected_people = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))
    assert (workbook.sheetnames, sorted(people)) == (
        ["People", "Competencies", "Training needs", "Bench"],
        expected_people,
    )


def test_gap_html_names_steps_as_the_scale_does(cli: Cli) -> None:
    """The packet shows the scale's step names (Proficient), not the step ids (proficient)."""
    result = cli("gap", EXAMPLES / "tomasz-k.yaml", *AS_OF, "--format", "html")
    assert ("Expected: Proficient" in result.out, "Expected: proficient" in result.out) == (
        True,
        False,
    )
