"""``competency calibrate``: exact numbers on a small hand-made team, every rule, every format.

The team (12 evidence files against the golden framework, as of
2026-11-01; support-engineer se1 -> se2 -> se3, steps learning <
practising < leading):

- dana-k manages r0..r3 (ready for se2, current level se2, which expects
  troubleshooting at practising) and r4 (not yet, no current level);
- omar-b manages o1 (ready), o2 (almost, current se1: troubleshooting at
  learning, coaching not expected), o3..o5 (not yet);
- u1 has no manager and is ready; top has no manager and is at se3, the
  top, so has no next level (verdict none).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competency import load_framework
from competency.analysis.calibrate import CalibrationReport, calibrate
from competency.contract import ArgumentTypeError, ArgumentValueError
from competency.framework import Framework
from competency.model import Evidence
from competency.team_folder import TeamOptions, calibrate_folder
from competency.write import output_of
from tests.conftest import ROOT, Run
from tests.unit.test_gap_world import SCALE, make_framework

#: `calibrate` for calls that are wrong on purpose, out of the type checker's sight.
untyped: Any = calibrate

GOLDEN = ROOT / "tests" / "golden" / "framework"
AS_OF = date(2026, 11, 1)
ALL = [
    "troubleshooting.reproduces-first",
    "troubleshooting.reads-logs",
    "support-engineer.writes-bug-reports",
    "coaching.gives-feedback",
]
SOME = ["troubleshooting.reproduces-first", "coaching.gives-feedback"]

#: An assessment: competency, step, by, assessor (None: none written), date.
A = tuple[str, str, str, str | None, str]


def person(
    folder: Path,
    pid: str,
    manager: str | None = None,
    *,
    level: str = "se1",
    shows: list[str] | None = None,
    assessments: list[A] | None = None,
    name: str | None = None,
) -> None:
    """Write one evidence file for the golden framework's support engineers."""
    who = {
        "id": pid,
        **({"name": name} if name else {}),
        **({"manager": manager} if manager else {}),
    }
    data: dict[str, Any] = {
        "format": "competency/v1",
        "kind": "evidence",
        "person": who,
        "role": "support-engineer",
        "level": level,
    }
    if shows:
        data["items"] = [
            {"date": "2026-06-01", "source": "manager", "summary": "Did it.", "shows": shows}
        ]
    if assessments:
        data["assessments"] = [
            {
                "competency": competency,
                "step": step,
                "by": by,
                **({"assessor": who} if who else {}),
                "date": day,
            }
            for competency, step, by, who, day in assessments
        ]
    (folder / f"{pid}.yaml").write_text(json.dumps(data, indent=1), encoding="utf-8")


def make_team(folder: Path) -> Path:
    """The team of the module docstring, written into `folder`."""
    folder.mkdir(exist_ok=True)
    lead = ("troubleshooting", "leading", "manager", None, "2026-09-01")
    person(
        folder,
        "r0",
        "dana-k",
        shows=ALL,
        assessments=[lead, ("troubleshooting", "practising", "panel", "pat-q", "2026-09-02")],
    )
    person(
        folder,
        "r1",
        "dana-k",
        shows=ALL,
        assessments=[
            lead,
            ("troubleshooting", "learning", "peer", "lee-p", "2026-01-01"),
            ("troubleshooting", "leading", "peer", "lee-p", "2026-09-05"),
            ("troubleshooting", "learning", "peer", None, "2026-09-05"),  # no assessor: unknown
            ("troubleshooting", "learning", "manager", None, "2027-01-01"),  # after as-of
        ],
    )
    person(
        folder,
        "r2",
        "dana-k",
        shows=ALL,
        assessments=[lead, ("troubleshooting", "learning", "self", None, "2026-08-01")],
    )
    person(
        folder,
        "r3",
        "dana-k",
        shows=ALL,
        assessments=[lead, ("troubleshooting", "practising", "self", None, "2026-08-01")],
    )
    person(
        folder, "r4", "dana-k", assessments=[("coaching", "leading", "manager", None, "2026-09-01")]
    )
    person(
        folder,
        "o1",
        "omar-b",
        shows=ALL,
        assessments=[
            ("troubleshooting", "practising", "manager", None, "2026-09-01"),
            ("troubleshooting", "leading", "panel", "pat-q", "2026-09-01"),
            ("troubleshooting", "learning", "peer", "lee-p", "2026-09-01"),
        ],
    )
    person(
        folder,
        "o2",
        "omar-b",
        shows=SOME,
        assessments=[
            ("coaching", "practising", "manager", None, "2026-09-01"),
            ("troubleshooting", "learning", "manager", None, "2026-09-01"),
        ],
    )
    person(
        folder,
        "o3",
        "omar-b",
        assessments=[
            ("troubleshooting", "leading", "self", None, "2026-08-01"),
            ("troubleshooting", "learning", "manager", None, "2026-09-01"),
        ],
    )
    person(folder, "o4", "omar-b")
    person(folder, "o5", "omar-b")
    person(
        folder,
        "u1",
        shows=ALL,
        assessments=[
            ("troubleshooting", "practising", "panel", None, "2026-09-01"),
            ("troubleshooting", "leading", "self", None, "2026-08-01"),
        ],
    )
    person(folder, "top", level="se3", name="Top Person")
    return folder


@pytest.fixture(scope="module")
def golden() -> Framework:
    """The golden framework, loaded once."""
    return load_framework(GOLDEN)


@pytest.fixture(scope="module")
def team_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hand-made team, written once."""
    return make_team(tmp_path_factory.mktemp("calibrate") / "team")


@pytest.fixture(scope="module")
def report(golden: Framework, team_dir: Path) -> CalibrationReport:
    """The team's calibration report as of 2026-11-01."""
    found, folder = calibrate_folder(team_dir, golden, TeamOptions(as_of=AS_OF))
    assert folder.failed == []
    return found


def entry(entries: list[Any], key: str, value: str) -> Any:
    """The entry whose `key` is `value`."""
    return next(e for e in entries if getattr(e, key) == value)


# --- managers -----------------------------------------------------------------------


def test_managers_count_people_and_next_level_verdicts(report: CalibrationReport) -> None:
    """Each manager's people and verdicts; people without a manager are "(none)", last."""
    found = [(m.manager, m.people, m.verdicts) for m in report.managers]
    assert found == [
        ("dana-k", 5, {"ready": 4, "almost": 0, "not-yet": 1, "none": 0}),
        ("omar-b", 5, {"ready": 1, "almost": 1, "not-yet": 3, "none": 0}),
        ("(none)", 2, {"ready": 1, "almost": 0, "not-yet": 0, "none": 1}),
    ]
    assert report.people == 12


def test_manager_p_values_against_everyone_else_with_a_verdict(report: CalibrationReport) -> None:
    """dana-k: 4 of 5 against 2 of 6 (top, with no verdict, left out): p = 11/243, more-ready.

    omar-b: 1 of 5 against 5 of 6: p = 26/7776, fewer-ready. Both by hand:
    B(5, 1/3) gives 4 and 5 probabilities 10/243 and 1/243; B(5, 5/6)
    gives 0 and 1 probabilities 1/7776 and 25/7776.
    """
    dana, omar = (
        entry(report.managers, "manager", "dana-k"),
        entry(report.managers, "manager", "omar-b"),
    )
    assert (dana.flag, dana.p) == ("more-ready", pytest.approx(11 / 243, rel=1e-9))
    assert (omar.flag, omar.p) == ("fewer-ready", pytest.approx(26 / 7776, rel=1e-9))
    assert (dana.share, dana.rest_share) == (0.8, pytest.approx(1 / 3))
    assert (omar.share, omar.rest_share) == (0.2, pytest.approx(5 / 6))


def test_the_none_group_and_groups_under_five_are_not_tested(report: CalibrationReport) -> None:
    """ "(none)" has two people: no p, no flag; its people still count for everyone else."""
    nobody = entry(report.managers, "manager", "(none)")
    assert (nobody.p, nobody.flag) == (None, None)


def test_a_group_of_four_has_no_p(golden: Framework, tmp_path: Path) -> None:
    """With o5 gone omar-b has four people: counted, never tested."""
    folder = make_team(tmp_path / "team")
    (folder / "o5.yaml").unlink()
    found, _ = calibrate_folder(folder, golden, TeamOptions(as_of=AS_OF))
    omar = entry(found.managers, "manager", "omar-b")
    assert (omar.people, omar.p, omar.flag) == (4, None, None)
    assert entry(found.managers, "manager", "dana-k").p is not None


def test_no_p_when_no_one_else_is_counted(golden: Framework, tmp_path: Path) -> None:
    """Everyone under one manager: there is no one else, so no p and no flag."""
    folder = tmp_path / "solo"
    folder.mkdir()
    for number in range(6):
        person(folder, f"p{number}", "dana-k", shows=ALL if number < 3 else None)
    found, _ = calibrate_folder(folder, golden, TeamOptions(as_of=AS_OF))
    assert [(m.manager, m.people, m.p, m.flag) for m in found.managers] == [
        ("dana-k", 6, None, None)
    ]


def test_a_group_like_everyone_else_has_p_one_and_no_flag(
    golden: Framework, tmp_path: Path
) -> None:
    """Two managers with 3 ready of 5 each: p = 1, no flag, p still given."""
    folder = tmp_path / "alike"
    folder.mkdir()
    for manager in ("ann-a", "bob-b"):
        for number in range(5):
            person(folder, f"{manager}-{number}", manager, shows=ALL if number < 3 else None)
    found, _ = calibrate_folder(folder, golden, TeamOptions(as_of=AS_OF))
    assert [(m.manager, m.p, m.flag) for m in found.managers] == [
        ("ann-a", 1.0, None),
        ("bob-b", 1.0, None),
    ]


def test_a_manager_with_an_evidence_file_is_named(golden: Framework, tmp_path: Path) -> None:
    """The manager's own file gives the group its name."""
    folder = make_team(tmp_path / "team")
    person(folder, "dana-k", level="se3", name="Dana Kim")
    found, _ = calibrate_folder(folder, golden, TeamOptions(as_of=AS_OF))
    assert entry(found.managers, "manager", "dana-k").name == "Dana Kim"
    assert entry(found.managers, "manager", "omar-b").name is None


# --- assessors ----------------------------------------------------------------------


def test_assessors_count_above_at_below_the_current_levels_step(report: CalibrationReport) -> None:
    """Manager and panel assessments on or before as-of, placed against the current level.

    dana-k: four "leading" where se2 expects practising (above), r4's with
    no current level (not compared); omar-b: o1 at, o2 troubleshooting at
    (se1: learning) and coaching not expected at se1, o3 no current level;
    pat-q: r0 at, o1 above; u1's panel assessment has no assessor: "(none)".
    Peer and self assessments, and one after as-of, are not counted.
    """
    found = [
        (a.assessor, a.assessments, a.above, a.at, a.below, a.not_compared)
        for a in report.assessors
    ]
    assert found == [
        ("dana-k", 5, 4, 0, 0, 1),
        ("omar-b", 4, 0, 2, 0, 2),
        ("pat-q", 2, 1, 1, 0, 0),
        ("(none)", 1, 0, 1, 0, 0),
    ]
    assert report.assessments == 12


def test_assessor_p_value_on_the_share_above(report: CalibrationReport) -> None:
    """dana-k: 4 above of 4 compared, against 1 of 5: p = 1/625 (B(4, 1/5) at 4), more-above."""
    dana = entry(report.assessors, "assessor", "dana-k")
    assert (dana.flag, dana.p) == ("more-above", pytest.approx(1 / 625, rel=1e-9))
    assert [(a.assessor, a.p) for a in report.assessors[1:]] == [
        ("omar-b", None),
        ("pat-q", None),
        ("(none)", None),
    ]


# --- agreement and self against manager -------------------------------------------


def test_agreement_pairs_latest_assessments_of_known_assessors(report: CalibrationReport) -> None:
    """r0: dana-k leading vs pat-q practising (within one); r1: dana-k and lee-p's latest
    both leading (same); o1: practising, leading, learning (three pairs, two within one).

    Self assessments, assessments without an assessor and earlier ones of
    the same assessor take no part; coaching has no pair and is left out.
    """
    assert [
        (a.competency, a.people, a.pairs, a.same_pairs, a.within_one_pairs, a.same, a.within_one)
        for a in report.agreement
    ] == [("troubleshooting", 3, 5, 1, 4, 0.2, 0.8)]


def test_self_against_manager_two_or_more_steps(report: CalibrationReport) -> None:
    """r2 (learning vs leading) and o3 (leading vs learning) disagree; r3 is one step off;
    u1's self is against a panel, not a manager, so it is not compared."""
    assert [(s.manager, s.compared, s.disagreements, s.people) for s in report.self_vs_manager] == [
        ("dana-k", 2, 1, 1),
        ("omar-b", 1, 1, 1),
        ("(none)", 0, 0, 0),
    ]


def test_as_of_moves_what_is_counted(golden: Framework, team_dir: Path) -> None:
    """As of 2027-02-01 r1's manager assessment of 2027-01-01 counts: learning, the assessed
    step now, is below se2's practising, so r1's current level drops to se1 (which expects
    learning): that assessment is at, and r1's earlier leading is above."""
    found, _ = calibrate_folder(team_dir, golden, TeamOptions(as_of=date(2027, 2, 1)))
    dana = entry(found.assessors, "assessor", "dana-k")
    assert (dana.assessments, dana.above, dana.at, dana.below, dana.not_compared) == (6, 4, 1, 0, 1)


# --- the JSON contract and the formats --------------------------------------------------


def test_json_contract_keys(report: CalibrationReport) -> None:
    """The keys of section 10's contract, in its order, with these names."""
    data = json.loads(str(output_of("calibrate", "json", report)))
    assert list(data)[:5] == ["as_of", "managers", "assessors", "agreement", "self_vs_manager"]
    assert list(data["managers"][0])[:5] == ["manager", "people", "verdicts", "flag", "p"]
    assert list(data["assessors"][0])[:7] == [
        "assessor",
        "assessments",
        "above",
        "at",
        "below",
        "flag",
        "p",
    ]
    assert list(data["agreement"][0])[:4] == ["competency", "pairs", "same", "within_one"]
    assert list(data["self_vs_manager"][0])[:2] == ["manager", "disagreements"]
    assert data["as_of"] == "2026-11-01"


def test_text_says_the_flags_in_words(report: CalibrationReport) -> None:
    """What stands out comes first, in words, with the p value and the counts."""
    text = str(output_of("calibrate", "text", report))
    assert text.splitlines()[2:5] == [
        "To discuss",
        "  dana-k: more people ready than the rest of the team (p = 0.045): "
        "4 of 5 ready (80%), against 33% of everyone else",
        "  omar-b: fewer people ready than the rest of the team (p = 0.003): "
        "1 of 5 ready (20%), against 83% of everyone else",
    ]
    assert "dana-k: more assessments above the expected step than the other assessors" in text
    assert text.index("By manager") < text.index("By assessor")


def test_by_assessor_leads_with_assessors(report: CalibrationReport) -> None:
    """--by assessor: assessors' findings and table come first; JSON still has every section."""
    by_assessor = report.model_copy(update={"by": "assessor"})
    text = str(output_of("calibrate", "text", by_assessor))
    assert text.splitlines()[3].startswith("  dana-k: more assessments above")
    assert text.index("By assessor") < text.index("By manager")
    data = json.loads(str(output_of("calibrate", "json", by_assessor)))
    assert (data["by"], len(data["managers"]), len(data["assessors"])) == ("assessor", 3, 4)


def test_csv_one_row_per_group_with_a_section(report: CalibrationReport) -> None:
    """CSV: a section column, one row per group, empty cells where a column does not apply."""
    rows = list(csv.DictReader(io.StringIO(str(output_of("calibrate", "csv", report)))))
    assert [(r["section"], r["group"]) for r in rows] == [
        ("manager", "dana-k"),
        ("manager", "omar-b"),
        ("manager", "(none)"),
        ("assessor", "dana-k"),
        ("assessor", "omar-b"),
        ("assessor", "pat-q"),
        ("assessor", "(none)"),
        ("agreement", "troubleshooting"),
        ("self_vs_manager", "dana-k"),
        ("self_vs_manager", "omar-b"),
        ("self_vs_manager", "(none)"),
    ]
    dana = rows[0]
    assert (dana["ready"], dana["not-yet"], dana["flag"], dana["above"]) == (
        "4",
        "1",
        "more-ready",
        "",
    )
    assert float(dana["p"]) == pytest.approx(11 / 243)


def test_markdown_and_html_say_the_flags_in_words(report: CalibrationReport) -> None:
    """Markdown lists the findings; the page shows them and every section's table."""
    markdown = str(output_of("calibrate", "md", report))
    assert "- `dana-k`: more people ready than the rest of the team (p = 0.045)" in markdown
    page = str(output_of("calibrate", "html", report))
    assert "more people ready than the rest of the team" in page
    assert "fewer people ready than the rest of the team" in page
    for key in ("managers", "assessors", "agreement", "self_vs_manager"):
        assert f'id="{key}-title"' in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")


@pytest.mark.parametrize("locale", ["th", "fr", "ja"])
def test_the_page_speaks_the_locale_asked_for(report: CalibrationReport, locale: str) -> None:
    """`--locale` translates the page's fixed words and percentages: the title, the
    findings, every section's title and header, the summary; nothing English is left."""
    import html
    import re

    from competency.render.english import ENGLISH
    from competency.render.messages import messages_for
    from competency.write.options import WriteOptions

    def shown(page: str) -> str:
        """The page's text: no style sheet, no markup."""
        page = re.sub(r"(?s)<style>.*?</style>", "", page)
        return html.unescape(re.sub(r"<[^>]+>", " ", page))

    words = messages_for(locale)
    options = WriteOptions(locale=locale)
    page = str(output_of("calibrate", "html", report, options))
    text, english = shown(page), shown(str(output_of("calibrate", "html", report)))
    keys = ["calibrate_title", "calibrate_more-ready", "calibrate_managers", "calibrate_agreement"]
    keys += ["calibrate_assessor", "calibrate_within_one", "calibrate_spread"]
    share = next(m.share for m in report.managers if m.share is not None)
    assert (
        f'<html lang="{locale}"' in page,
        [key for key in keys if words[key] not in text],
        [key for key in keys if ENGLISH[key] in text and words[key] != ENGLISH[key]],
        words.format_percent(share) in text,
        [key for key in keys if ENGLISH[key] not in english],
    ) == (True, [], [], True, [])


def test_input_values_are_escaped(golden: Framework, tmp_path: Path) -> None:
    """A name with a terminal escape and HTML is inert in text and on the page."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    for number in range(5):
        person(folder, f"p{number}", "boss-b", shows=ALL)
    for number in range(5):
        person(folder, f"q{number}", "other-o")
    person(folder, "boss-b", level="se3", name="Boss \x1b[31m<script>x</script>")
    found, _ = calibrate_folder(folder, golden, TeamOptions(as_of=AS_OF))
    text = str(output_of("calibrate", "text", found))
    assert "\x1b" not in text
    assert "Boss \\x1b[31m<script>" in text
    page = str(output_of("calibrate", "html", found))
    assert "<script>x" not in page
    assert "&lt;script&gt;x" in page


# --- the library's arguments -------------------------------------------------------------


def test_calibrate_takes_models_or_pairs_and_checks_its_arguments() -> None:
    """Evidence models or (file, Evidence) pairs; wrong types and groupings are refused."""
    framework = make_framework()
    evidence = Evidence.model_validate(
        {"format": "competency/v1", "kind": "evidence", "person": {"id": "sam"}, "role": "agent"}
    )
    assert calibrate(framework, [evidence], as_of=AS_OF).people == 1
    assert calibrate(framework, [("sam.yaml", evidence)], as_of=AS_OF).people == 1
    with pytest.raises(ArgumentTypeError):
        untyped(framework, evidence, as_of=AS_OF)
    with pytest.raises(ArgumentTypeError):
        untyped(framework, ["sam"], as_of=AS_OF)
    with pytest.raises(ArgumentValueError):
        calibrate(framework, [], as_of=AS_OF, by="team")  # type: ignore[arg-type]


# --- the property ------------------------------------------------------------------------

TINY = make_framework()
TINY_REFS = sorted(TINY.behaviour_refs)
PEOPLE = ["ann", "bob", "cid", "dee", "eve", "fay", "gus", "hal"]


@st.composite
def tiny_team(draw: st.DrawFn) -> list[Evidence]:
    """Up to eight people of the tiny world, with managers, items and assessments."""
    ids = draw(st.lists(st.sampled_from(PEOPLE), unique=True, max_size=8))
    on = st.dates(date(2025, 1, 1), date(2027, 6, 30))
    who = st.one_of(st.none(), st.sampled_from(PEOPLE))
    team = []
    for pid in ids:
        data: dict[str, Any] = {
            "format": "competency/v1",
            "kind": "evidence",
            "person": {"id": pid, "manager": draw(who)},
            "role": "agent",
            "level": draw(st.sampled_from([None, "a1", "a2", "a3"])),
            "items": draw(
                st.lists(
                    st.fixed_dictionaries(
                        {
                            "date": on,
                            "source": st.sampled_from(["self", "manager", "peer"]),
                            "summary": st.just("Did it."),
                            "shows": st.lists(st.sampled_from(TINY_REFS), min_size=1, max_size=3),
                        }
                    ),
                    max_size=5,
                )
            ),
            "assessments": draw(
                st.lists(
                    st.fixed_dictionaries(
                        {
                            "competency": st.sampled_from(["writing", "fixing"]),
                            "step": st.sampled_from(SCALE),
                            "by": st.sampled_from(["self", "manager", "peer", "panel"]),
                            "assessor": who,
                            "date": on,
                        }
                    ),
                    max_size=5,
                )
            ),
        }
        for assessment in data["assessments"]:
            if assessment["by"] == "self":
                assessment["assessor"] = None
        team.append(Evidence.model_validate(data))
    return team


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(team=tiny_team(), by=st.sampled_from(["manager", "assessor"]))
def test_counts_sum_to_the_people_and_assessments_counted(team: list[Evidence], by: str) -> None:
    """Groups partition the people and the manager and panel assessments on or before as-of."""
    grouping: Any = by
    found = calibrate(TINY, team, as_of=AS_OF, by=grouping)
    counted = sum(
        1 for e in team for a in e.assessments if a.by in ("manager", "panel") and a.date <= AS_OF
    )
    assert sum(m.people for m in found.managers) == found.people == len(team)
    assert all(sum(m.verdicts.values()) == m.people for m in found.managers)
    assert sum(a.assessments for a in found.assessors) == found.assessments == counted
    assert all(a.above + a.at + a.below + a.not_compared == a.assessments for a in found.assessors)
    assert all(a.same_pairs <= a.within_one_pairs <= a.pairs for a in found.agreement)
    assert all(s.disagreements <= s.compared for s in found.self_vs_manager)
    assert [s.manager for s in found.self_vs_manager] == [m.manager for m in found.managers]
    for group in found.managers:
        assert (group.flag is None) == (group.p is None or group.p >= 0.05)
    for each in found.assessors:
        assert (each.flag is None) == (each.p is None or each.p >= 0.05)


# --- the command line ----------------------------------------------------------------------


def test_cli_json_is_the_librarys_report(
    cli: Callable[..., Run], team_dir: Path, report: CalibrationReport
) -> None:
    """``calibrate --format json`` prints the report the library makes; exit 0."""
    run = cli(
        "calibrate", team_dir, "--matrices", GOLDEN, "--as-of", "2026-11-01", "--format", "json"
    )
    assert (run.status, run.err) == (0, "")
    assert json.loads(run.out) == report.model_dump(mode="json", by_alias=True)


def test_cli_reports_a_broken_file_and_counts_the_rest(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A file that does not validate is reported with its position and left out; exit 1."""
    folder = make_team(tmp_path / "team")
    (folder / "zz-broken.yaml").write_text(
        "format: competency/v1\nkind: evidence\nperson: {id: zed}\n"
        "role: support-engineer\nlevel: se9\n",
        encoding="utf-8",
    )
    run = cli(
        "calibrate", folder, "--matrices", GOLDEN, "--as-of", "2026-11-01", "--format", "json"
    )
    assert run.status == 1
    assert f"{folder / 'zz-broken.yaml'}:5:8: error" in run.err
    data = json.loads(run.out)
    assert (data["people"], len(data["failed"])) == (12, 1)


def test_cli_by_assessor_text_and_usage_errors(cli: Callable[..., Run], team_dir: Path) -> None:
    """--by assessor leads the text with assessors; an unknown grouping is a usage error."""
    run = cli(
        "calibrate", team_dir, "--matrices", GOLDEN, "--as-of", "2026-11-01", "--by", "assessor"
    )
    assert run.status == 0
    assert run.out.index("By assessor") < run.out.index("By manager")
    wrong = cli("calibrate", team_dir, "--matrices", GOLDEN, "--by", "team")
    assert wrong.status == 2
    assert "Traceback" not in wrong.err


def test_cli_jobs_give_the_same_report(cli: Callable[..., Run], team_dir: Path) -> None:
    """Two worker processes give the same output as one."""
    args = ("calibrate", team_dir, "--matrices", GOLDEN, "--as-of", "2026-11-01", "--format", "csv")
    assert cli(*args, "--jobs", "2").out == cli(*args, "--jobs", "1").out
