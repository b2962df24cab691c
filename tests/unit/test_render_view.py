"""The rendering model: what every format shows, computed once."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from competency import load_framework
from competency.diff import diff_levels
from competency.framework import Framework, UnknownReferenceError
from competency.render.view import CellView, SiteView, build_site, safe_url, to_data
from tests.golden.hostile import FRAMEWORK

DAY = date(2026, 5, 4)


@pytest.fixture(scope="module")
def golden() -> Framework:
    """The small golden framework."""
    return load_framework(FRAMEWORK)


@pytest.fixture(scope="module")
def site(golden: Framework) -> SiteView:
    """The golden framework's rendering model in English."""
    return build_site(golden, today=DAY)


def _cell(site: SiteView, role: str, level: str, competency: str) -> CellView:
    found = next(r for r in site.roles if r.id == role)
    level_view = next(lv for lv in found.levels if lv.id == level)
    return next(c for c in level_view.expected if c.competency == competency)


def test_behaviours_the_level_below_lacks_are_new(site: SiteView) -> None:
    """A behaviour is new at a level when the level below does not expect it."""
    cell = _cell(site, "support-engineer", "se2", "troubleshooting")
    expected = [
        "troubleshooting.reads-logs",
        "support-engineer.writes-bug-reports",
    ]
    assert expected == [b.ref for b in cell.new_behaviours]


def test_nothing_is_new_at_the_lowest_level(site: SiteView) -> None:
    """The lowest level has nothing below it, so none of its behaviours is marked new."""
    cell = _cell(site, "support-engineer", "se1", "troubleshooting")
    assert cell.new_behaviours == ()


def test_a_competency_first_expected_counts_as_raised(site: SiteView) -> None:
    """A competency the level below did not expect is raised, and all its behaviours are new."""
    cell = _cell(site, "support-engineer", "se2", "coaching")
    assert (
        cell.raised,
        [b.ref for b in cell.new_behaviours],
    ) == (True, ["coaching.gives-feedback"])


def test_ladder_marks_agree_with_the_level_diff(framework: Framework) -> None:
    """Raised steps and new behaviours are exactly what diff_levels finds from the level below."""
    site = build_site(framework, today=DAY)
    pairs = [(a, b) for role in site.roles for a, b in itertools.pairwise(role.levels)]
    marks = {
        (level.ref, cell.competency): (cell.raised, [b.ref for b in cell.new_behaviours])
        for _, level in pairs
        for cell in level.expected
    }
    found = {
        (level.ref, c.competency.id): (c.change in ("raised", "added"), [b.ref for b in c.added])
        for below, level in pairs
        for c in diff_levels(framework, below.ref, level.ref).competencies
        if c.new_step is not None
    }
    assert found == marks


def test_an_unchanged_step_is_not_raised(site: SiteView) -> None:
    """A step equal to the level below's is not marked raised."""
    assert False is _cell(site, "support-engineer", "se3", "coaching").raised


def test_ladder_rows_leave_unexpected_cells_empty(site: SiteView) -> None:
    """A ladder cell of a competency the level does not expect is None."""
    role = next(r for r in site.roles if r.id == "support-engineer")
    coaching = next(row for row in role.rows if row.competency.id == "coaching")
    assert [cell.step_name if cell is not None else None for cell in coaching.cells] == [
        None,
        "Practising",
        "Practising",
    ]


def test_cell_carries_the_level_note(site: SiteView) -> None:
    """The note of an expectation is shown with its cell."""
    note = _cell(site, "support-engineer", "se2", "troubleshooting").note
    assert note == "Bug reports count only when engineering accepted them | see the tracker."


def test_locale_picks_translated_text(golden: Framework) -> None:
    """With a locale, translated texts are used."""
    french = build_site(golden, locale="fr", today=DAY)
    assert french.roles[0].title == "Ingénieur support"


def test_locale_falls_back_to_the_default_locale(golden: Framework) -> None:
    """A text without a translation falls back to the default locale."""
    french = build_site(golden, locale="fr", today=DAY)
    assert french.roles[1].title == "Support Lead"


def test_dates_are_written_in_the_locale(golden: Framework) -> None:
    """The date comes from the message catalogue of the locale."""
    assert build_site(golden, locale="fr", today=DAY).date_text == "4 mai 2026"


def test_roles_are_grouped_by_family_then_track(site: SiteView) -> None:
    """The index groups roles by family, then by track in framework order."""
    groups = [
        (family.name, track.id, [r.id for r in track.roles])
        for family in site.families
        for track in family.tracks
    ]
    expected = [
        ("Support", "ic", ["support-engineer"]),
        ("Support", "manager", ["support-lead"]),
    ]
    assert expected == groups


def test_role_option_keeps_only_that_role(golden: Framework) -> None:
    """Rendering one role leaves the other roles out of the ladders."""
    only = build_site(golden, role="support-lead", today=DAY)
    assert [r.id for r in only.roles] == ["support-lead"]


def test_unknown_role_is_refused(golden: Framework) -> None:
    """An unknown role raises UnknownReferenceError."""
    with pytest.raises(UnknownReferenceError):
        build_site(golden, role="nobody", today=DAY)


def test_career_map_names_both_ends_of_each_move(site: SiteView) -> None:
    """Every move of the career map names its two ends by their labels."""
    moves = [(m.source_label, m.target_label, m.type) for m in site.career_map.moves]
    assert moves[-1] == ("Sales", "Support Engineer I", "feeder")


def test_career_map_places_levels_by_grade(site: SiteView) -> None:
    """The career map's grid puts each level under its grade."""
    engineer = site.career_map.roles[0]
    expected = (("Support Engineer I",), ("Support Engineer II",), ("Senior Support Engineer",))
    assert expected == engineer.by_grade


def test_competencies_carry_their_interview_kit(site: SiteView) -> None:
    """A competency's interview kit is part of the model."""
    troubleshooting = next(c for c in site.competencies if c.id == "troubleshooting")
    assert troubleshooting.hiring is not None
    assert troubleshooting.hiring.red_flags == ("Blames the customer.",)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "https://a b"])
def test_unsafe_reference_urls_are_dropped(url: str) -> None:
    """Only plain http(s) links survive into the model."""
    assert safe_url(url) == ""


def test_model_becomes_plain_json_data(site: SiteView) -> None:
    """to_data turns the model into dicts, lists and scalars only."""
    import json

    data = to_data(site)
    assert data == json.loads(json.dumps(data))
