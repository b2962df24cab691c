"""The ladder PDF's career-map pages: a key to the line styles, text at 8 pt or more, full pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from html import unescape
from pathlib import Path

import pytest

from competency import load_framework
from competency.render.pdf import MIN_MAP_POINTS, map_fill, map_pages, map_points
from competency.render.view import build_site
from tests.conftest import ROOT, shipped_pdf

pytestmark = pytest.mark.pdf
typst = pytest.importorskip("typst")

DAY = date(2026, 5, 4)
_WORD = re.compile(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<')


def _words(pdf: Path, page: int) -> list[tuple[float, str]]:
    """(height in points, text) of every word on one page, from ``pdftotext -bbox``."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    args = ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"]
    done = subprocess.run(args, capture_output=True, text=True, check=True)
    return [(float(b) - float(a), unescape(w)) for a, b, w in _WORD.findall(done.stdout)]


@pytest.fixture(scope="module", params=["en", "th"])
def map_words(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[list[list[tuple[float, str]]], list[str]]:
    """The words of each map page of the shipped framework's PDF, and the move type names."""
    framework = load_framework(ROOT / "matrices")
    site = build_site(framework, locale=request.param, today=DAY)
    pdf = shipped_pdf(tmp_path_factory, request.param, DAY)
    count = len(map_pages(site))
    pages = [_words(pdf, n) for n in range(2, 2 + count)]  # page 1 is the cover
    names = sorted({move.type_name for move in site.career_map.moves})
    return pages, names


def test_every_map_page_has_the_key(
    map_words: tuple[list[list[tuple[float, str]]], list[str]],
) -> None:
    """Each map page names every move type drawn, in the key under its heading."""
    pages, names = map_words
    # Thai has no spaces between words, and pdftotext cuts its runs where it likes.
    texts = ["".join(w for _, w in page) for page in pages]
    missing = [
        (i, name)
        for i, text in enumerate(texts)
        for name in names
        if name.replace(" ", "") not in text
    ]
    assert missing == []


def test_map_page_text_prints_at_eight_points_or_more(
    map_words: tuple[list[list[tuple[float, str]]], list[str]],
) -> None:
    """No word on a map page (boxes, key, headings, footer) is under 8 pt tall."""
    pages, _ = map_words
    small = [(i, round(h, 2), w) for i, page in enumerate(pages) for h, w in page if h < 7.95]
    assert small == []


def test_maps_print_large_and_fill_the_page() -> None:
    """Every map the PDF draws prints at MIN_MAP_POINTS (8 pt) or more and covers at least
    two thirds of its page's usable area, in English, Thai and Chinese."""
    framework = load_framework(ROOT / "matrices")
    found = {}
    for locale in ("en", "th", "zh-Hans"):
        parts = [part for _, part in map_pages(build_site(framework, locale=locale, today=DAY))]
        found[locale] = (
            min(map_points(p) for p in parts) >= MIN_MAP_POINTS,
            min(map_fill(p) for p in parts) >= 2 / 3,
        )
    assert found == {"en": (True, True), "th": (True, True), "zh-Hans": (True, True)}
