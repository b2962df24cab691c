"""Markdown pages: escaping of YAML text, Mermaid labels, and the pages written."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from competency import load_framework
from competency.render import render
from competency.render.markdown import escape_markdown, mermaid_label, safe_url
from tests.golden.hostile import PAYLOAD, hostile_framework

DAY = date(2026, 5, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a | b", "a \\| b"),
        ("<b>bold</b>", "\\<b\\>bold\\</b\\>"),
        ("# not a heading", "\\# not a heading"),
        ("`code`", "\\`code\\`"),
        ("[link](url)", "\\[link\\](url)"),
        ("*em* _em_", "\\*em\\* \\_em\\_"),
        ("$math$", "\\$math\\$"),
        ("&amp;", "\\&amp;"),
        ("~~gone~~", "\\~\\~gone\\~\\~"),
        ("back\\slash", "back\\\\slash"),
    ],
)
def test_markdown_characters_are_escaped(text: str, expected: str) -> None:
    """Characters that start Markdown or HTML syntax are backslash-escaped."""
    assert expected == escape_markdown(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("1. first", "1\\. first"),
        ("---", "\\---"),
        ("=== x", "\\=== x"),
    ],
)
def test_text_that_would_start_a_block_is_escaped(text: str, expected: str) -> None:
    """A list marker, thematic break or underline at the start of a text is escaped."""
    assert expected == escape_markdown(text)


def test_version_numbers_stay_readable() -> None:
    """A number followed by a dot but no space is not a list marker and stays as it is."""
    assert escape_markdown("1.0.0") == "1.0.0"


def test_line_breaks_become_spaces() -> None:
    """Line breaks, which would end a table row, become single spaces."""
    assert escape_markdown("one\ntwo\u2028 three") == "one two three"


def test_mermaid_labels_encode_punctuation() -> None:
    """Mermaid labels keep letters, digits and spaces, and encode everything else."""
    assert mermaid_label('a"b ] <x>') == '"a#34;b #93; #60;x#62;"'


def test_urls_cannot_end_the_link_early() -> None:
    """Parentheses and spaces in a link destination are percent-encoded."""
    assert safe_url("https://e.org/a(b) c") == "https://e.org/a%28b%29%20c"


@pytest.fixture(scope="module")
def hostile_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The Markdown pages of the framework whose text tries to break the output."""
    folder = tmp_path_factory.mktemp("hostile")
    out = folder / "out"
    render(load_framework(hostile_framework(folder)), "md", out, today=DAY)
    return {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*.md")}


def _unescaped(line: str, char: str) -> int:
    return len(re.findall(rf"(?<!\\){re.escape(char)}", line))


def test_hostile_text_keeps_table_rows_whole(hostile_pages: dict[str, str]) -> None:
    """Every row of the ladder table has as many unescaped pipes as its header."""
    page = hostile_pages["roles/support-engineer.md"]
    rows = [line for line in page.splitlines() if line.startswith("| ")]
    assert {_unescaped(rows[0], "|")} == {_unescaped(row, "|") for row in rows[:4]}


def test_hostile_text_never_reaches_the_page_as_html(hostile_pages: dict[str, str]) -> None:
    """No page holds the payload's raw HTML tags."""
    assert [name for name, page in hostile_pages.items() if "<script>" in page] == []


def test_hostile_text_is_shown_escaped(hostile_pages: dict[str, str]) -> None:
    """The payload appears in the pages, escaped."""
    assert escape_markdown(PAYLOAD) in hostile_pages["competencies/coaching.md"]


def test_writes_an_index_and_a_page_per_role_and_competency(tmp_path: Path) -> None:
    """Markdown output is index.md, roles/ROLE.md and competencies/ID.md."""
    from tests.golden.hostile import FRAMEWORK

    written = render(load_framework(FRAMEWORK), "md", tmp_path, today=DAY)
    expected = [
        "competencies/coaching.md",
        "competencies/troubleshooting.md",
        "index.md",
        "roles/support-engineer.md",
        "roles/support-lead.md",
    ]
    assert expected == sorted(p.relative_to(tmp_path).as_posix() for p in written)


def test_index_holds_a_mermaid_career_map(tmp_path: Path) -> None:
    """The index carries the career map as Mermaid flowcharts that run left to right."""
    from tests.golden.hostile import FRAMEWORK

    render(load_framework(FRAMEWORK), "md", tmp_path, today=DAY)
    assert "\nflowchart LR\n" in (tmp_path / "index.md").read_text("utf-8")


_NODE = re.compile(r"^  (\w+)(\[|\(\[)(\"[^\"]*\")(\]|\]\))(:::\w+)?$")
_EDGE = re.compile(r"^  (\w+) (-->|-\.->) (\w+)$")
_HEAD = ("%%{init: ", "flowchart LR", "  classDef ")


def _charts(page: str) -> list[list[str]]:
    """The lines of every Mermaid chart in a page."""
    return [block.splitlines() for block in re.findall(r"```mermaid\n(.*?)```", page, re.S)]


def _nodes(chart: list[str]) -> list[str]:
    """The node ids a chart declares."""
    return [m.group(1) for line in chart if (m := _NODE.match(line))]


@pytest.fixture(scope="module", params=["shipped", "golden"])
def md_pages(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, str]:
    """The Markdown pages of the shipped framework and of the golden test framework."""
    from tests.conftest import ROOT
    from tests.golden.hostile import FRAMEWORK

    folder = ROOT / "matrices" if request.param == "shipped" else FRAMEWORK
    out = tmp_path_factory.mktemp(f"md-{request.param}")
    framework = load_framework(folder)
    render(framework, "md", out, today=DAY)
    pages = {p.relative_to(out).as_posix(): p.read_text("utf-8") for p in out.rglob("*.md")}
    pages["moves"] = str(len(framework.moves))
    return pages


def test_every_chart_line_is_valid_mermaid(md_pages: dict[str, str]) -> None:
    """Each line of each chart is the init line, the direction, a class, a node or an edge."""
    bad = [
        line
        for page in md_pages.values()
        for chart in _charts(page)
        for line in chart
        if not (line.startswith(_HEAD) or _NODE.match(line) or _EDGE.match(line))
    ]
    assert bad == []


def test_edges_join_declared_nodes(md_pages: dict[str, str]) -> None:
    """Every arrow of a chart starts and ends at a box the chart declares."""
    loose: list[tuple[str, str]] = []
    for name, page in md_pages.items():
        for chart in _charts(page):
            nodes = set(_nodes(chart))
            ends = {e for line in chart if (m := _EDGE.match(line)) for e in (m[1], m[3])}
            loose += [(name, end) for end in sorted(ends - nodes)]
    assert loose == []


def test_role_charts_have_at_most_fifteen_boxes(md_pages: dict[str, str]) -> None:
    """Each role page has one chart, of at most 15 boxes, with all the role's levels."""
    roles = {n: p for n, p in md_pages.items() if n.startswith("roles/")}
    counts = {n: [len(_nodes(c)) for c in _charts(p)] for n, p in roles.items()}
    too_big = {n: c for n, c in counts.items() if len(c) > 1 or any(k > 15 for k in c)}
    assert (too_big, any(c for c in counts.values())) == ({}, True)


def test_a_cut_role_chart_says_how_many_moves_only_the_table_has(
    md_pages: dict[str, str],
) -> None:
    """A role chart that leaves moves out says so under it, with their count."""
    page = md_pages.get("roles/support-specialist.md")
    if page is None:
        pytest.skip("only the shipped framework has a role with more than 15 ends")
    assert re.search(r"at most 15 boxes: \d+ more moves are only in the table", page)


def test_family_charts_draw_roles_only(md_pages: dict[str, str]) -> None:
    """The index's charts have one box per role (keys rN, never levels rNlM or outside xN)."""
    charts = _charts(md_pages["index.md"])
    keys = [key for chart in charts for key in _nodes(chart)]
    assert (bool(charts), [k for k in keys if not re.fullmatch(r"r\d+", k)]) == (True, [])


def test_the_table_of_moves_stays(md_pages: dict[str, str]) -> None:
    """The index still lists every move of paths.yaml in its table of moves."""
    index = md_pages["index.md"]
    table = index[index.index("| From | To |") :].split("\n\n")[0]
    assert int(md_pages["moves"]) == table.count("\n") - 1
