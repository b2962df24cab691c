"""The PDF: every role as text, embedded fonts, reproducible bytes, inert text."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from competency import load_framework
from competency.framework import Framework
from competency.render import render
from competency.text import localize
from tests.conftest import shipped_pdf as shared_pdf
from tests.golden.hostile import FRAMEWORK, hostile_framework

pytestmark = pytest.mark.pdf
typst = pytest.importorskip("typst")

DAY = date(2026, 5, 4)


def _pdftotext(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


@pytest.fixture(scope="module")
def shipped_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PDF of the whole shipped framework (rendered once per test run)."""
    return shared_pdf(tmp_path_factory, "en", DAY)


def test_pdf_holds_every_role_title_as_text(framework: Framework, shipped_pdf: Path) -> None:
    """pdftotext finds the title of every role of the shipped framework."""
    text = _pdftotext(shipped_pdf)
    titles = [localize(r.title, None, framework.default_locale) for r in framework.roles.values()]
    missing = [title for title in titles if title not in text]
    assert missing == []


def test_pdf_embeds_every_font(shipped_pdf: Path) -> None:
    """pdffonts lists every font as embedded."""
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (Debian poppler-utils) is not installed")
    done = subprocess.run(
        ["pdffonts", str(shipped_pdf)], capture_output=True, text=True, check=True
    )
    rows = done.stdout.splitlines()[2:]
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert (bool(rows), not_embedded) == (True, [])


def test_pdf_pages_are_a4_landscape(shipped_pdf: Path) -> None:
    """pdfinfo reports A4 pages wider than they are high."""
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (Debian poppler-utils) is not installed")
    done = subprocess.run(["pdfinfo", str(shipped_pdf)], capture_output=True, text=True, check=True)
    assert "Page size:       841.89 x 595.276 pts (A4)" in done.stdout


def test_pdf_footer_names_version_and_date(shipped_pdf: Path) -> None:
    """The footer carries the framework version, the date and the page count."""
    text = _pdftotext(shipped_pdf)
    assert [part for part in ("Version 3.0.0", "4 May 2026", "Page 1 of") if part not in text] == []


def test_running_header_names_the_role_and_the_level_a_page_continues(tmp_path: Path) -> None:
    """A page that goes on with a level's behaviours names its role and level at the top."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    (path,) = render(load_framework(FRAMEWORK), "pdf", tmp_path, today=DAY)
    done = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    tops = [page.strip().split("\n")[0] for page in done.stdout.split("\f") if page.strip()]
    assert "Support Engineer · Senior Support Engineer · Grade: Lead" in tops


def test_pdf_bytes_are_reproducible(tmp_path: Path) -> None:
    """Two renders of the same framework on the same date give the same bytes."""
    golden = load_framework(FRAMEWORK)
    (first,) = render(golden, "pdf", tmp_path / "a", today=DAY)
    (second,) = render(golden, "pdf", tmp_path / "b", today=DAY)
    assert first.read_bytes() == second.read_bytes()


def test_role_option_names_the_file_after_the_role(tmp_path: Path) -> None:
    """With a role, the PDF is named after it."""
    written = render(load_framework(FRAMEWORK), "pdf", tmp_path, role="support-lead", today=DAY)
    assert [tmp_path / "support-lead.pdf"] == written


def test_typst_markup_in_text_is_printed_not_run(tmp_path: Path) -> None:
    """Text that is Typst code (#panic, $math$, brackets) is printed as it is."""
    (path,) = render(
        load_framework(hostile_framework(tmp_path)), "pdf", tmp_path / "out", today=DAY
    )
    assert '#panic("typst ran")' in _pdftotext(path)


def test_pdf_uses_the_locale(tmp_path: Path) -> None:
    """Fixed words and dates in the PDF come from the locale's catalogue."""
    (path,) = render(load_framework(FRAMEWORK), "pdf", tmp_path, locale="fr", today=DAY)
    assert "Page 1 sur" in _pdftotext(path)
