"""Publishing, second edition: what is new first, the drawn map, packet, heatmap, locales."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from markupsafe import escape

from competency import load_framework
from competency.analysis.gap import Analyzer
from competency.analysis.team import team
from competency.framework import Framework
from competency.model import Evidence
from competency.names import Names
from competency.render import render, render_warnings, reports
from competency.render.careermap import layout
from competency.render.messages import messages_for
from competency.render.view import build_site
from tests.conftest import ROOT
from tests.conftest import shipped_pdf as shared_pdf
from tests.golden.hostile import FRAMEWORK

DAY = date(2026, 5, 4)


@pytest.fixture(scope="module")
def golden() -> Framework:
    """The small golden framework."""
    return load_framework(FRAMEWORK)


@pytest.fixture(scope="module")
def shipped() -> Framework:
    """The shipped framework."""
    return load_framework(ROOT / "matrices")


def test_a_level_lists_only_what_is_new_in_new(golden: Framework) -> None:
    """A level's cells carry what_is_new's new behaviours, the rest as inherited."""
    level = build_site(golden, today=DAY).roles[0].levels[1]
    changes = golden.what_is_new(level.ref)
    expected = [([n.info.ref for n in c.new], [i.ref for i in c.inherited]) for c in changes]
    actual = [([b.ref for b in c.new], [b.ref for b in c.inherited]) for c in level.expected]
    assert expected == actual


def test_the_lowest_level_lists_everything_as_its_baseline(golden: Framework) -> None:
    """The lowest level has no inherited behaviours and marks nothing raised."""
    level = build_site(golden, today=DAY).roles[0].levels[0]
    assert (level.inherited_count, any(c.raised for c in level.expected)) == (0, False)


def test_inherited_behaviours_are_folded_in_html(golden: Framework, tmp_path: Path) -> None:
    """The HTML page folds each level's inherited behaviours into a details element."""
    (page,) = render(golden, "html", tmp_path, today=DAY)
    text = page.read_text("utf-8")
    assert "Plus everything expected at Support Engineer I (behaviours: 1)</summary>" in text


def test_fallback_text_is_marked_with_its_language(golden: Framework, tmp_path: Path) -> None:
    """On a French page, a competency name with no French text carries lang="en"."""
    site = build_site(golden, locale="fr", today=DAY)
    untranslated = [c for c in site.competencies if c.lang]
    (page,) = render(golden, "html", tmp_path, locale="fr", today=DAY)
    marked = f'lang="en">{untranslated[0].name}<' if untranslated else ""
    assert (bool(untranslated), marked in page.read_text("utf-8")) == (True, True)


def test_zh_finds_the_simplified_chinese_catalogue() -> None:
    """--locale zh uses the zh-Hans messages (BCP 47 lookup)."""
    assert messages_for("zh").locale == "zh-Hans"


def test_every_requested_language_has_a_catalogue() -> None:
    """Spanish, Portuguese, Japanese and Simplified Chinese have their own words."""
    found = {tag: messages_for(tag)["compare"] for tag in ("es", "pt-BR", "ja", "zh-Hans")}
    assert all(text != "Compare two levels" for text in found.values())


def test_a_locale_without_text_is_warned_about(golden: Framework) -> None:
    """Rendering in a locale the framework has no text in gives a warning."""
    site = build_site(golden, locale="ja", today=DAY)
    warnings = render_warnings(golden, site, "md", "ja")
    assert warnings == ["warning: the framework has no text in ja; its text is shown in en"]


def test_promotions_point_up_the_map(shipped: Framework) -> None:
    """A promotion within a role is drawn from the lower box's top to the higher box's bottom."""
    site = build_site(shipped, today=DAY)
    drawing = layout(site.career_map, "support-specialist")
    boxes = {b.ref: b for b in drawing.boxes}
    arrow = next(
        a for a in drawing.arrows if a.type == "promotion" and a.target == "support-specialist@ss2"
    )
    start = re.match(r"M\d+,(\d+)", arrow.path)
    assert start is not None, arrow.path
    start_y = int(start.group(1))
    assert start_y == boxes["support-specialist@ss1"].y


def test_a_role_map_shows_only_its_moves(shipped: Framework) -> None:
    """A role's map draws only the moves into or out of its levels."""
    site = build_site(shipped, today=DAY)
    keys = {lv.key for r in site.career_map.roles if r.id == "support-engineer" for lv in r.levels}
    moves = [m for m in site.career_map.moves if m.source in keys or m.target in keys]
    assert len(layout(site.career_map, "support-engineer").arrows) == len(moves)


@pytest.fixture(scope="module")
def packet(shipped: Framework) -> str:
    """Mateo's promotion packet, as HTML, with the framework's names."""
    from competency import load_evidence

    evidence: Evidence = load_evidence(ROOT / "examples" / "mateo-s.yaml", shipped)
    report = Analyzer(shipped, DAY).report(evidence, "support-specialist@ss3")
    names = Names(shipped)
    return reports.report_html("gap", report, evidence=evidence, names=names)


def test_packet_names_no_behaviour_id(packet: str, shipped: Framework) -> None:
    """No behaviour reference (OWNER.BEHAVIOUR) appears in the packet."""
    refs = {
        f"{c}.{b.id}"
        for c, comp in shipped.competencies.items()
        for s in comp.steps.values()
        for b in s.behaviours
    }
    assert [r for r in refs if r in packet] == []


def test_packet_has_a_sign_off_and_the_policy(packet: str) -> None:
    """The packet ends with the manager's case and a sign-off, and prints the policy."""
    wanted = ["The manager&#39;s case", "Sign-off", "Evidence counts for 18 months."]
    assert [w for w in wanted if w not in packet] == []


def test_packet_folds_carried_behaviours(packet: str) -> None:
    """Behaviours carried from the confirmed level are under "Carried from LEVEL"."""
    assert "<summary>Carried from Support Specialist II (" in packet


def test_heatmap_columns_follow_the_framework(shipped: Framework) -> None:
    """The heatmap's columns are in category order, then framework order."""
    from competency import load_evidence

    people = [load_evidence(p, shipped) for p in sorted((ROOT / "examples").glob("*.yaml"))]
    report = team(shipped, people, as_of=DAY)
    data = reports.report_data("team", report, names=Names(shipped))
    columns = [c["id"] for c in data["heatmap"]["competencies"]]
    categories = [c.id for c in shipped.info.categories]
    order = [
        (categories.index(shipped.competencies[c].category), list(shipped.competencies).index(c))
        for c in columns
    ]
    assert order == sorted(order)


needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="needs pdftotext (poppler-utils)"
)


def _pdf_text(pdf: Path, *options: str) -> str:
    """The text of `pdf` as pdftotext gives it."""
    command = ["pdftotext", *options, str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def shipped_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped framework's ladders as a PDF (rendered once per test run)."""
    pytest.importorskip("typst")
    return shared_pdf(tmp_path_factory, "en", DAY)


def _role_pages(text: str, titles: list[str]) -> dict[int, str]:
    """The page (1-based) each role starts on, from the PDF's list of roles."""
    found = {}
    for title in titles:
        match = re.search(rf"^{re.escape(title)}\W+(\d+)$", text, re.MULTILINE)
        assert match is not None, title
        found[int(match.group(1))] = title
    return found


@needs_pdftotext
def test_every_ladder_page_carries_its_running_header(
    shipped: Framework, shipped_pdf: Path
) -> None:
    """Every page from the first ladder on starts with its role, and a level of that role."""
    site = build_site(shipped, today=DAY)
    levels = {r.title: {lv.title for lv in r.levels} for r in site.roles}
    pages = _pdf_text(shipped_pdf, "-layout").split("\f")
    starts = _role_pages("\n".join(p.strip() for p in pages[:12]), list(levels))
    wrong = []
    for number in range(min(starts), len(pages)):
        role = starts[max(s for s in starts if s <= number)]
        header = pages[number - 1].strip().splitlines()[0].strip()
        level = header.removeprefix(role).removeprefix(" · ").split(" · ")[0]
        if not header.startswith(role) or (level and level not in levels[role]):
            wrong.append((number, header))
    assert wrong == []


@needs_pdftotext
def test_the_longest_behaviour_is_printed_whole(shipped: Framework, shipped_pdf: Path) -> None:
    """The longest behaviour text of the shipped framework appears whole in the PDF."""
    site = build_site(shipped, today=DAY)
    texts = [b.text for r in site.roles for lv in r.levels for c in lv.expected for b in c.new]
    longest = max(texts, key=len)
    printed = " ".join(_pdf_text(shipped_pdf, "-raw").split())
    assert longest in printed


@needs_pdftotext
def test_the_longest_move_note_is_printed_whole(shipped: Framework, shipped_pdf: Path) -> None:
    """The longest note of a career move, a cell of the moves table, appears whole."""
    notes = [m.note for m in build_site(shipped, today=DAY).career_map.moves]
    printed = " ".join(_pdf_text(shipped_pdf, "-raw").split())
    assert max(notes, key=len) in printed


def test_thai_has_its_own_fixed_words() -> None:
    """The Thai catalogue is found for th and th-TH and translates the template words."""
    found = [messages_for(tag) for tag in ("th", "th-TH")]
    assert [(m.locale, m["ladder"]) for m in found] == [("th", "บันไดอาชีพ")] * 2


def test_a_thai_page_carries_thai_words(golden: Framework, tmp_path: Path) -> None:
    """The HTML page in Thai is marked lang="th" and uses the Thai words."""
    (page,) = render(golden, "html", tmp_path, locale="th", today=DAY)
    text = page.read_text("utf-8")
    assert ('<html lang="th">' in text, "ข้ามไปที่เนื้อหา" in text) == (True, True)


@needs_pdftotext
def test_a_thai_pdf_prints_thai_words(golden: Framework, tmp_path: Path) -> None:
    """With a Thai font installed, the PDF in Thai prints its Thai headings whole."""
    pytest.importorskip("typst")
    from competency.render.fonts import find_missing_glyphs

    if find_missing_glyphs(["สิ่งใหม่ในระดับนี้"]):
        pytest.skip("needs a Thai font (Debian: fonts-thai-tlwg)")
    (pdf,) = render(golden, "pdf", tmp_path, locale="th", today=DAY)
    assert "สิ่งใหม่ในระดับนี้" in _pdf_text(pdf)


def test_fallback_metrics_and_notes_are_marked_with_their_language(
    shipped: Framework, tmp_path: Path
) -> None:
    """On a German page (no German text) metrics, expectation and move notes carry lang="en"."""
    site = build_site(shipped, locale="de", today=DAY)
    metric = site.roles[0].levels[0].metrics[0]
    note = next(c for r in site.roles for lv in r.levels for c in lv.expected if c.note)
    move = next(m for m in site.career_map.moves if m.note)
    (page,) = render(shipped, "html", tmp_path, locale="de", today=DAY)
    text = page.read_text("utf-8")
    assert (
        (metric.lang, note.note_lang, move.note_lang),
        f'<li lang="en">{escape(metric.name)}' in text,
        f'<span lang="en">{escape(note.note)}</span>' in text,
        f'<td lang="en">{escape(move.note)}</td>' in text,
    ) == (("en", "en", "en"), True, True, True)


def test_fallback_track_family_and_role_texts_are_marked_with_their_language(
    shipped: Framework, tmp_path: Path
) -> None:
    """On a German page, track and family names, a role's summary and its why carry lang="en"."""
    site = build_site(shipped, locale="de", today=DAY)
    role = next(r for r in site.roles if r.family and r.why)
    family = next(f for f in site.families if f.lang)
    track = family.tracks[0]
    (page,) = render(shipped, "html", tmp_path, locale="de", today=DAY)
    text = page.read_text("utf-8")
    assert (
        (role.track_lang, role.family_lang, role.summary_lang, role.why_lang, track.lang),
        f'<h3 lang="en">{escape(family.name)}</h3>' in text,
        f'<p class="meta" lang="en">{escape(track.name)}</p>' in text,
        f'<span lang="en">{escape(role.track_name)}</span>' in text,
        f'<span lang="en">{escape(role.family_name)}</span>' in text,
        f'<p lang="en">{escape(role.summary)}</p>' in text,
        f'<span lang="en">{escape(role.why)}</span>' in text,
    ) == (("en", "en", "en", "en", "en"), True, True, True, True, True, True)


def test_translated_track_and_role_texts_carry_no_lang(shipped: Framework) -> None:
    """On the Thai page the shipped names and summaries are Thai: nothing is marked."""
    site = build_site(shipped, locale="th", today=DAY)
    marks = {(r.track_lang, r.family_lang, r.summary_lang, r.why_lang) for r in site.roles} | {
        (f.lang, *(t.lang for t in f.tracks)) for f in site.families
    }
    assert {m for m in marks if any(m)} == set()
