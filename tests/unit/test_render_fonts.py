"""Font coverage: text no available font can draw stops the PDF with a clear error."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from competency.render import MissingGlyphsError, fonts
from competency.render.fonts import Coverage, MissingGlyph, find_missing_glyphs, read_coverage
from tests.conftest import Run
from tests.golden.hostile import FRAMEWORK


@pytest.fixture
def no_font_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend that no font file is installed: only Typst's built-in fonts remain."""
    monkeypatch.setattr(fonts, "_font_files", lambda font_paths: [])


def test_coverage_merges_touching_ranges() -> None:
    """Adjacent ranges merge, and membership holds at both ends and fails just outside."""
    coverage = Coverage([(10, 20), (21, 30), (40, 40)])
    assert [point in coverage for point in (9, 10, 21, 30, 31, 40)] == [
        False,
        True,
        True,
        True,
        False,
        True,
    ]


def test_latin_text_needs_no_font_file(no_font_files: None) -> None:
    """Latin text with typographic punctuation is drawn by the built-in fonts."""
    assert find_missing_glyphs(["Café — “quoted” … naïve, 5 €"]) == []


def test_characters_without_glyphs_are_ignored(no_font_files: None) -> None:
    """Joiners and separators need no glyph, so they are never reported."""
    assert find_missing_glyphs(["a\u200db\u3000c\u2028"]) == []


def test_uncovered_script_is_reported_with_its_text(no_font_files: None) -> None:
    """Each Thai character no font covers is reported with the text that uses it."""
    missing = find_missing_glyphs(["plain", "ไก่ ok"])
    assert [(g.char, g.text) for g in missing] == [
        ("ไ", "ไก่ ok"),
        ("ก", "ไก่ ok"),
        ("\u0e48", "ไก่ ok"),
    ]


def test_a_character_is_reported_with_the_first_text_using_it(no_font_files: None) -> None:
    """A character missing from several texts is named once, with the first of them."""
    missing = find_missing_glyphs(["ไ one", "plain", "ไ again, ก"])
    assert [(g.char, g.text) for g in missing] == [("ไ", "ไ one"), ("ก", "ไ again, ก")]


def test_error_names_text_and_font_package() -> None:
    """The error names the character, its text, and the Debian package that covers it."""
    expected = (
        "no available font can draw 1 character(s) of the text:\n"
        "  '你' (U+4F60, Chinese, Japanese or Korean) in '你好'; Debian package: fonts-noto-cjk\n"
        "install fonts that cover them (for example: apt-get install fonts-noto-cjk), "
        "or add a folder with such fonts to the font paths"
    )
    assert expected == str(MissingGlyphsError([MissingGlyph("你", "你好")]))


def test_thai_points_at_the_thai_font_package() -> None:
    """Thai text is pointed at fonts-thai-tlwg."""
    assert fonts.font_hint("ก") == ("Thai", "fonts-thai-tlwg")


@pytest.mark.pdf
def test_installed_font_files_are_read() -> None:
    """The cmap of an installed font file covers the letter A."""
    typst = pytest.importorskip("typst")
    found = [f for f in typst.Fonts(include_embedded_fonts=False).fonts() if f.path is not None]
    if not found:
        pytest.skip("no font files installed")
    assert ord("A") in read_coverage(found[0].path, found[0].index)


def test_a_file_that_is_not_a_font_is_refused(tmp_path: Path) -> None:
    """Reading coverage from a file that is not a font raises ValueError."""
    path = tmp_path / "not-a-font.ttf"
    path.write_bytes(b"\x00\x01\x00\x00" + b"\x00" * 8)
    with pytest.raises(ValueError, match="no cmap table"):
        read_coverage(path)


@pytest.mark.pdf
def test_render_stops_before_printing_boxes(
    cli: Callable[..., Run], tmp_path: Path, no_font_files: None
) -> None:
    """`competency render --format pdf` exits 2 and names the text no font can draw."""
    pytest.importorskip("typst")
    framework = tmp_path / "thai"
    shutil.copytree(FRAMEWORK, framework)
    role = framework / "roles" / "support-lead.yaml"
    role.write_text(role.read_text("utf-8").replace("title: Support Lead\n", "title: หัวหน้าทีม\n", 1))
    result = cli("render", framework, "--format", "pdf", "--out", tmp_path / "out")
    assert (
        result.status,
        "'หัวหน้าทีม'" in result.err,
        "fonts-thai-tlwg" in result.err,
        (tmp_path / "out").exists(),
    ) == (2, True, True, False)
