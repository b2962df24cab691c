"""Publishing, third edition: map labels that break by Unicode's rules and fit their boxes."""

from __future__ import annotations

from datetime import date

import pytest

from competency import load_framework
from competency.framework import Framework
from competency.render import linebreak
from competency.render.careermap import layout
from competency.render.linebreak import break_units, longest_unit, text_width, wrap_to_width
from competency.render.pdf import map_pages, map_points
from competency.render.view import build_site
from tests.conftest import ROOT

DAY = date(2026, 5, 4)


@pytest.fixture(scope="module")
def shipped() -> Framework:
    """The shipped framework, in English, Thai and Chinese."""
    return load_framework(ROOT / "matrices")


def test_break_units_join_back_to_the_text() -> None:
    """The pieces a label is cut into are the label, in order, with nothing lost."""
    text = "ผู้จัดการความสำเร็จของลูกค้า 1A 客户成功经理（高级） Senior Support-Engineer"
    assert "".join(break_units(text)) == text


def test_chinese_breaks_between_ideographs_but_not_before_closing_punctuation() -> None:
    """Chinese may break between two ideographs; a closing bracket stays with the one before."""
    assert break_units("经理（高级）") == ["经", "理", "（高", "级）"]


def test_thai_breaks_between_words() -> None:
    """A Thai phrase with no spaces is cut between its words, never inside one."""
    pytest.importorskip("pythainlp")
    assert break_units("ผู้จัดการความสำเร็จของลูกค้า") == ["ผู้จัดการ", "ความสำเร็จ", "ของ", "ลูกค้า"]


def test_without_the_thai_extra_a_long_thai_run_is_cut_between_clusters(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without PyThaiNLP a Thai run wider than the line is cut, but never inside a cluster."""
    monkeypatch.setattr(linebreak, "_thai_words", lambda: None)
    lines = wrap_to_width("ผู้จัดการความสำเร็จของลูกค้า", 60, 11)
    fits = all(text_width(line, 11) <= 60 for line in lines)
    assert (len(lines) > 1, fits, lines[0].startswith("ผู้")) == (True, True, True)


def test_combining_marks_take_no_width() -> None:
    """A Thai tone mark above a consonant adds no width."""
    assert text_width("ผู้", 10) == text_width("ผ", 10) + text_width("ู", 10)


def test_every_line_fits_its_width() -> None:
    """No wrapped line is wider than asked, in any script."""
    texts = [
        "Senior Customer Success Group Manager",
        "首席客户成功经理与支持工程师",
        "ผู้เชี่ยวชาญหลักด้านซัพพอร์ตลูกค้า",
    ]
    lines = [line for text in texts for line in wrap_to_width(text, 100, 11)]
    assert [line for line in lines if text_width(line, 11) > 100] == []


@pytest.mark.parametrize("locale", ["en", "th", "zh-Hans"])
def test_every_map_label_fits_its_box(shipped: Framework, locale: str) -> None:
    """Each box's lines are narrower than the box and fit its height, in every locale."""
    site = build_site(shipped, locale=locale, today=DAY)
    drawing = layout(site.career_map)
    spill = [
        box.ref
        for box in drawing.boxes
        if any(text_width(line, drawing.size) > box.width - 8 for line in box.lines)
        or len(box.lines) * drawing.line > box.height
    ]
    assert spill == []


def test_a_role_map_draws_only_the_other_ends_of_its_moves(shipped: Framework) -> None:
    """Around a role, other roles show only the levels a move joins to it; the role comes first."""
    site = build_site(shipped, today=DAY)
    drawing = layout(site.career_map, "support-engineer")
    keys = {lv.key for r in site.career_map.roles if r.id == "support-engineer" for lv in r.levels}
    ends = {m.source for m in site.career_map.moves if m.target in keys}
    ends |= {m.target for m in site.career_map.moves if m.source in keys}
    first = min(drawing.boxes, key=lambda box: box.x)
    assert ({b.key for b in drawing.boxes}, first.ref.partition("@")[0]) == (
        ends | keys,
        "support-engineer",
    )


def test_the_map_starts_at_the_front_line(shipped: Framework) -> None:
    """The overview map's columns follow paths.yaml, whose first moves are the front line's."""
    site = build_site(shipped, today=DAY)
    assert site.career_map.roles[0].id == "support-specialist"


def test_the_pdf_map_prints_at_eight_points_or_more(shipped: Framework) -> None:
    """Each map the PDF draws (the whole map, or one per family when the whole would print
    too small) has its text at 8 pt or more in every locale."""
    found = {}
    for locale in ("en", "th", "zh-Hans"):
        site = build_site(shipped, locale=locale, today=DAY)
        found[locale] = min(map_points(part) for _, part in map_pages(site)) >= 8
    assert found == {"en": True, "th": True, "zh-Hans": True}


def test_a_map_too_big_for_one_page_is_drawn_a_family_a_page(shipped: Framework) -> None:
    """The shipped framework's 23 roles need a page per family; every role is on one page."""
    site = build_site(shipped, today=DAY)
    pages = map_pages(site)
    shown = [role.id for _, part in pages for role in part.roles]
    assert (len(pages) > 1, sorted(shown)) == (True, sorted(shipped.roles))


def test_longest_unit_is_the_widest_unbreakable_piece() -> None:
    """The longest unit of a phrase is its widest word."""
    assert longest_unit("a Supercalifragilistic b", 10) == text_width("Supercalifragilistic", 10)
