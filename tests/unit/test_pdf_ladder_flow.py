"""The ladder PDF's level pages: no level heading alone at a page's foot, "new" lists end balanced.

Issue 25, point 9: both read from the shipped framework's PDF in English and
Thai with ``pdftotext -bbox-layout`` (a line's box and its words' text).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from html import unescape
from pathlib import Path
from typing import NamedTuple

import pytest

from competency import load_framework
from competency.render.view import build_site, to_data
from tests.conftest import ROOT, shipped_pdf

pytestmark = pytest.mark.pdf
typst = pytest.importorskip("typst")

DAY = date(2026, 5, 4)
#: The page's text area in points from the top (the header is at 19, the footer at 558):
#: lines above or below it are the running header and the footer.
BODY = (30.0, 550.0)
#: The middle of the page: a list's second column starts right of it.
MIDDLE = 841.89 / 2
_LINE = re.compile(
    r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S
)
_WORD = re.compile(r">([^<]*)</word>")


class Line(NamedTuple):
    """One line of text as pdftotext lays it out, its words joined without spaces."""

    left: float
    top: float
    right: float
    bottom: float
    text: str


def _flat(text: str) -> str:
    """Text without white space: pdftotext spaces Thai clusters where it likes."""
    return re.sub(r"\s+", "", text)


def _pages(pdf: Path) -> list[list[Line]]:
    """The lines in each page's text area, top to bottom."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    done = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    )
    pages = []
    for page in done.stdout.split("<page ")[1:]:
        lines = [
            Line(
                float(x0),
                float(y0),
                float(x1),
                float(y1),
                _flat(unescape("".join(_WORD.findall(body)))),
            )
            for x0, y0, x1, y1, body in _LINE.findall(page)
        ]
        pages.append(
            sorted(
                (line for line in lines if BODY[0] < line.top < BODY[1]), key=lambda line: line.top
            )
        )
    return pages


class Ladder(NamedTuple):
    """A rendered PDF's pages and the texts that start and end a level's list."""

    pages: list[list[Line]]
    headings: set[str]
    labels: set[str]
    ends: tuple[str, ...]


#: The English PDF is the one other quick tests share (`shipped_pdf`); the Thai one is
#: rendered for these tests alone (about 20 s), so it runs in the second tier (`slow`).
@pytest.fixture(scope="module", params=["en", pytest.param("th", marks=pytest.mark.slow)])
def ladder(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Ladder:
    """The shipped framework's PDF in one locale, with its level headings' texts."""
    framework = load_framework(ROOT / "matrices")
    data = to_data(build_site(framework, locale=request.param, today=DAY))
    m = data["messages"]
    levels = [level for role in data["roles"] for level in role["levels"]]
    headings = {
        _flat(f"{level['title']} · {m['grade']}: {level['grade_name']}") for level in levels
    }
    labels = {_flat(m["new_behaviours"]), _flat(m["expected_here"]), _flat(m["nothing_new"])}
    # After a list: "Plus everything expected at ...", the metrics, the next level.
    ends = (_flat(m["plus_inherited"].split("{")[0]), _flat(m["metrics"]), *headings)
    pdf = shipped_pdf(tmp_path_factory, request.param, DAY)
    return Ladder(_pages(pdf), headings, labels, ends)


def test_every_level_heading_is_found(ladder: Ladder) -> None:
    """Every level heading is read back, each larger than most text (so the next test can fail)."""
    found = [line for page in ladder.pages for line in page if line.text in ladder.headings]
    body = sorted(line.bottom - line.top for page in ladder.pages for line in page)
    median = body[len(body) // 2]
    assert (len(ladder.headings), []) == (
        len({line.text for line in found}),
        [line.text for line in found if line.bottom - line.top <= median],
    )


def test_no_page_ends_with_a_level_heading(ladder: Ladder) -> None:
    """The last line of every page is never a level heading: a heading starts its level's text."""
    last = [(number, page[-1].text) for number, page in enumerate(ladder.pages, 1) if page]
    expected: list[tuple[int, str]] = []
    assert expected == [(number, text) for number, text in last if text in ladder.headings]


def test_a_level_heading_shares_its_page_with_its_list(ladder: Ladder) -> None:
    """Below each level heading, on the same page, is its list's title (or "nothing new")."""
    alone = [
        (number, line.text)
        for number, page in enumerate(ladder.pages, 1)
        for i, line in enumerate(page)
        if line.text in ladder.headings
        and not any(below.text in ladder.labels for below in page[i + 1 :])
    ]
    expected: list[tuple[int, str]] = []
    assert expected == alone


def _list_ends(ladder: Ladder) -> list[tuple[int, float, float]]:
    """(page, left bottom, right bottom) of each "new" list on the page where it ends.

    A list's last page part runs from its title (or the top of the page, when
    it began on an earlier one) to the first line that follows a list.
    """
    found = []
    for number, page in enumerate(ladder.pages, 1):
        begin = 0
        for i, line in enumerate(page):
            if line.text in ladder.labels:
                begin = i + 1
            elif line.text.startswith(ladder.ends):
                part = page[begin:i]
                left = [x.bottom for x in part if x.right < MIDDLE]
                right = [x.bottom for x in part if x.left > MIDDLE]
                if left and right:
                    found.append((number, max(left), max(right)))
                begin = i + 1
    return found


def test_new_lists_end_balanced(ladder: Ladder) -> None:
    """Where a "new" list ends, its columns end within eight lines, and half within three.

    The cut falls between behaviours, and a column running over a page break
    loses what will not fit at the foot on its own (before: up to 34 lines).
    """
    heights = sorted(line.bottom - line.top for page in ladder.pages for line in page)
    line = heights[len(heights) // 2]
    apart = sorted(abs(left - right) / line for _page, left, right in _list_ends(ladder))
    expected = (True, True, True)
    assert expected == (len(apart) > 40, apart[-1] <= 8, apart[len(apart) // 2] <= 3)
