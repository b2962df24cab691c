"""``competency impact``: a ladder change judged by whose level or verdict it moves.

A small hand-made team against the golden framework: HEAD adds a behaviour
to support-engineer@se1 (ana, who was ready for se1, loses it) and removes
one from support-engineer@se2 (ben becomes ready for se2 and reaches it);
cleo's evidence shows the removed behaviour (a problem, not a crash); dev
is not moved. The same change is then read from a real git repository.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competency import load_framework
from competency.analysis.impact import (
    BehaviourChange,
    ImpactProblem,
    ImpactSide,
    impact,
)
from competency.framework import Framework
from competency.gitrev import GitRevisionError, parse_revision
from competency.io import read_evidence_folder
from competency.model import Evidence
from tests.conftest import EXAMPLES, ROOT, Run

GOLDEN = ROOT / "tests" / "golden" / "framework"
AS_OF = "2026-11-01"
ROLE = "roles/support-engineer.yaml"

SE1_BEFORE = "    expects:\n      troubleshooting: learning\n  - id: se2"
SE1_AFTER = """    expects:
      troubleshooting:
        step: learning
        behaviours:
          - id: files-tickets
            text: Files every escalation as a ticket before working on it.
  - id: se2"""
SE2_BEFORE = """      troubleshooting:
        step: practising
        behaviours:
          - id: writes-bug-reports
            text: Writes bug reports engineers can act on without follow-up.
"""
SE2_AFTER = """      troubleshooting:
        step: practising
"""

PEOPLE = {
    "ana": """format: competency/v1
kind: evidence
person: {id: ana, name: Ana}
role: support-engineer
target: support-engineer@se1
items:
  - date: 2026-09-01
    source: manager
    summary: Reproduced it.
    shows: [troubleshooting.reproduces-first]
""",
    "ben": """format: competency/v1
kind: evidence
person: {id: ben, name: Ben}
role: support-engineer
level: se1
confirmed: {date: 2026-01-01, by: panel}
items:
  - date: 2026-09-01
    source: manager
    summary: Reproduced, read the logs, coached a colleague.
    shows: [troubleshooting.reproduces-first, troubleshooting.reads-logs, coaching.gives-feedback]
""",
    "cleo": """format: competency/v1
kind: evidence
person: {id: cleo, name: Cleo}
role: support-engineer
level: se2
confirmed: {date: 2026-01-01, by: panel}
items:
  - date: 2026-09-01
    source: manager
    summary: Wrote a bug report.
    shows: [troubleshooting.reads-logs, support-engineer.writes-bug-reports]
""",
    "dev": """format: competency/v1
kind: evidence
person: {id: dev, name: Dev}
role: support-engineer
level: se1
confirmed: {date: 2026-01-01, by: panel}
target: support-engineer@se3
""",
}


def ladders(tmp_path: Path) -> tuple[Path, Path]:
    """BASE (a copy of the golden framework) and HEAD (the same with the two edits)."""
    base, head = tmp_path / "base", tmp_path / "head"
    shutil.copytree(GOLDEN, base)
    shutil.copytree(GOLDEN, head)
    edit(head)
    return base, head


def edit(folder: Path) -> None:
    """Add files-tickets to se1 and remove writes-bug-reports from se2."""
    role = folder / ROLE
    text = role.read_text(encoding="utf-8")
    assert SE1_BEFORE in text
    assert SE2_BEFORE in text
    role.write_text(
        text.replace(SE1_BEFORE, SE1_AFTER).replace(SE2_BEFORE, SE2_AFTER), encoding="utf-8"
    )


def people(folder: Path) -> Path:
    """The team's evidence files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in PEOPLE.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def team(folder: Path) -> list[tuple[str, Evidence]]:
    """The evidence files, read for their structure only (no framework)."""
    found = read_evidence_folder(folder, None)
    assert found.failed == []
    return found.members


@pytest.fixture
def report_of(tmp_path: Path) -> Callable[[], object]:
    """The impact of the hand-made change on the hand-made team, through the library."""

    def run() -> object:
        base, head = ladders(tmp_path)
        return impact(
            load_framework(base),
            load_framework(head),
            team(people(tmp_path / "people")),
            as_of=date.fromisoformat(AS_OF),
        )

    return run


# --- the library --------------------------------------------------------------


def test_summary_counts_the_hand_made_change(report_of: Callable[[], object]) -> None:
    """Four people: ana and ben changed, ana lost, ben gained, cleo has a problem."""
    report = report_of()
    expected = {"people": 4, "changed": 2, "lost": 1, "gained": 1, "problems": 1}
    assert expected == report.summary.model_dump()  # type: ignore[attr-defined]
    listed = [p.person for p in report.people]  # type: ignore[attr-defined]
    assert listed == ["ana", "ben", "cleo"]


def test_a_behaviour_added_to_a_level_loses_ready(report_of: Callable[[], object]) -> None:
    """ana was ready for se1 (her current level); HEAD's new se1 behaviour makes her almost."""
    ana = report_of().people[0]  # type: ignore[attr-defined]
    assert (
        ImpactSide(current="support-engineer@se1", target="support-engineer@se1", verdict="ready")
        == ana.base
    )
    assert ImpactSide(current=None, target="support-engineer@se1", verdict="almost") == ana.head
    assert (
        ana.lost,
        ana.gained,
        ana.current_change,
        ana.verdict_change,
    ) == (True, False, "dropped", "worse")
    expected = [BehaviourChange(id="support-engineer.files-tickets", base=None, head="missing")]
    assert expected == ana.behaviours


def test_a_behaviour_removed_from_a_level_gains_ready(report_of: Callable[[], object]) -> None:
    """ben lacked writes-bug-reports for se2; HEAD removes it: ready for and at se2."""
    ben = report_of().people[1]  # type: ignore[attr-defined]
    assert (ben.base.current, ben.base.verdict) == ("support-engineer@se1", "almost")
    assert (ben.head.current, ben.head.verdict) == ("support-engineer@se2", "ready")
    assert (ben.lost, ben.gained) == (False, True)
    expected = [
        BehaviourChange(id="support-engineer.files-tickets", base=None, head="carried"),
        BehaviourChange(id="support-engineer.writes-bug-reports", base="missing", head=None),
    ]
    assert expected == ben.behaviours


def test_evidence_naming_a_removed_behaviour_is_a_problem(
    report_of: Callable[[], object],
) -> None:
    """cleo shows writes-bug-reports, which HEAD removed: a problem, and she is still judged."""
    cleo = report_of().people[2]  # type: ignore[attr-defined]
    assert cleo.base == cleo.head
    assert not cleo.changed
    expected = [
        ImpactProblem(
            reference="support-engineer.writes-bug-reports",
            kind="behaviour",
            missing_in="head",
            where="items[0].shows[1]",
            file=cleo.file,
        )
    ]
    assert expected == cleo.problems


def test_a_reference_base_lacks_is_a_problem_of_base(tmp_path: Path) -> None:
    """The other way round (HEAD -> BASE), cleo's reference is missing in base."""
    base, head = ladders(tmp_path)
    report = impact(
        load_framework(head),
        load_framework(base),
        team(people(tmp_path / "people")),
        as_of=date.fromisoformat(AS_OF),
    )
    cleo = next(p for p in report.people if p.person == "cleo")
    assert [p.missing_in for p in cleo.problems] == ["base"]
    assert (report.summary.lost, report.summary.gained) == (1, 1)  # ben loses, ana gains


def test_an_unknown_role_in_head_is_a_problem_never_a_crash(tmp_path: Path) -> None:
    """A role HEAD does not have: no current level or verdict there, and a problem."""
    base, head = ladders(tmp_path)
    framework = load_framework(head)
    renamed = {
        "support-engineer-x" if k == "support-engineer" else k: v
        for k, v in framework.roles.items()
    }
    gone = Framework(framework.info, framework.competencies, renamed, [], "sha256:x")
    evidence = team(people(tmp_path / "people"))[0][1]
    report = impact(load_framework(base), gone, [evidence], as_of=date.fromisoformat(AS_OF))
    person = report.people[0]
    assert ImpactSide(current=None, target=None, verdict=None) == person.head
    assert [(p.kind, p.reference, p.missing_in) for p in person.problems] == [
        ("role", "support-engineer", "head"),
        ("level", "support-engineer@se1", "head"),
    ]
    assert person.lost


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    as_of=st.dates(min_value=date(2023, 1, 1), max_value=date(2028, 12, 31)),
    chosen=st.sets(st.integers(min_value=0, max_value=7)),
)
def test_a_ladder_against_itself_reports_nothing(
    framework: Framework, as_of: date, chosen: set[int]
) -> None:
    """Any subset of the examples, on any date: no one changes, no problems, all counted."""
    members = EXAMPLE_MEMBERS(framework)
    picked = [members[i] for i in sorted(chosen) if i < len(members)]
    report = impact(framework, framework, picked, as_of=as_of)
    assert {"people": len(picked), "changed": 0, "lost": 0, "gained": 0, "problems": 0} == (
        report.summary.model_dump()
    )
    assert report.people == []


_EXAMPLES: list[tuple[str, Evidence]] = []


def EXAMPLE_MEMBERS(framework: Framework) -> list[tuple[str, Evidence]]:
    """The shipped examples, read once."""
    if not _EXAMPLES:
        _EXAMPLES.extend(read_evidence_folder(EXAMPLES, framework).members)
    return _EXAMPLES


def test_the_same_ladder_in_two_folders_reports_nothing(tmp_path: Path) -> None:
    """Two copies of one framework (two loads): same hash, and nothing changes."""
    first, second = tmp_path / "a", tmp_path / "b"
    shutil.copytree(GOLDEN, first)
    shutil.copytree(GOLDEN, second)
    report = impact(
        load_framework(first), load_framework(second), team(people(tmp_path / "people"))
    )
    assert report.base.hash == report.head.hash
    assert (report.summary.people, report.summary.changed, report.people) == (4, 0, [])


# --- the command line ---------------------------------------------------------


def git(cwd: Path, *args: str) -> str:
    """Run git in `cwd` (a test repository) and return its output."""
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=t@example.com", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real git repository: the golden ladder committed, then edited in the working copy."""
    repo = tmp_path / "repo"
    shutil.copytree(GOLDEN, repo / "ladder")
    people(repo / "people")
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "ladder")
    edit(repo / "ladder")
    monkeypatch.chdir(repo)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return repo


def as_json(run: Run) -> dict[str, object]:
    """The JSON a run printed."""
    return json.loads(run.out)  # type: ignore[no-any-return]


def test_impact_of_a_git_revision_against_the_working_copy(
    cli: Callable[..., Run], repository: Path
) -> None:
    """git:HEAD (the committed ladder, PATH from the other argument) against the edited copy."""
    run = cli("impact", "git:HEAD", "ladder", "people", "--as-of", AS_OF, "--format", "json")
    assert (run.status, run.err) == (0, "")
    found = as_json(run)
    assert found["summary"] == {"people": 4, "changed": 2, "lost": 1, "gained": 1, "problems": 1}
    assert load_framework(GOLDEN).content_hash == found["base"]["hash"]  # type: ignore[index]
    assert load_framework(repository / "ladder").content_hash == found["head"]["hash"]  # type: ignore[index]
    ana = found["people"][0]  # type: ignore[index]
    assert ana["base"] == {
        "current": "support-engineer@se1",
        "target": "support-engineer@se1",
        "verdict": "ready",
    }
    assert ana["behaviours"] == [
        {"id": "support-engineer.files-tickets", "base": None, "head": "missing"}
    ]
    cleo = found["people"][2]  # type: ignore[index]
    problem = cleo["problems"][0]
    assert (problem["file"], problem["line"], problem["column"]) == ("people/cleo.yaml", 11, 41)
    # Nothing was checked out: the working copy keeps its edit, the index is untouched.
    assert git(repository, "status", "--porcelain") == " M ladder/roles/support-engineer.yaml\n"
    assert git(repository, "diff", "--cached") == ""


def test_explicit_paths_and_two_revisions(cli: Callable[..., Run], repository: Path) -> None:
    """git:REV:PATH on both sides: the same committed ladder, so nothing changes."""
    git(repository, "commit", "-q", "-am", "edit")
    run = cli("impact", "git:HEAD~1:ladder", "git:HEAD~1:ladder/", "people", "--format", "json")
    assert run.status == 0
    assert as_json(run)["summary"]["changed"] == 0  # type: ignore[index]
    run = cli("impact", "git:HEAD~1:ladder", "git:HEAD:ladder", "people", "--as-of", AS_OF)
    assert (
        run.status,
        run.out.splitlines()[1],
    ) == (0, "4 people: 2 changed, 1 lost, 1 gained, 1 with problems")


def test_fail_on_loss_exits_1(cli: Callable[..., Run], repository: Path) -> None:
    """--fail-on-loss: exit 1 when someone lost; without it, 0."""
    args = ("impact", "git:HEAD", "ladder", "people", "--as-of", AS_OF)
    assert cli(*args).status == 0
    assert cli(*args, "--fail-on-loss").status == 1
    assert cli("impact", "ladder", "ladder", "people", "--fail-on-loss").status == 0


def test_text_report(cli: Callable[..., Run], repository: Path) -> None:
    """The text report: counts first, then each person with behaviours and problems."""
    run = cli("impact", "git:HEAD", "ladder", "people", "--as-of", AS_OF)
    lines = run.out.splitlines()
    assert lines[1] == "4 people: 2 changed, 1 lost, 1 gained, 1 with problems"
    assert "ana (Ana), people/ana.yaml: lost" in lines
    assert "    support-engineer.files-tickets  not expected -> missing" in lines
    assert (
        "    people/cleo.yaml:11:41: behaviour 'support-engineer.writes-bug-reports' "
        "(items[0].shows[1]), which HEAD does not have"
    ) in lines


def test_github_writes_the_step_summary_and_annotations(
    cli: Callable[..., Run], repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--format github: Markdown to $GITHUB_STEP_SUMMARY, annotations on the ladder file."""
    summary = repository.parent / "summary.md"
    summary.write_text("before\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    run = cli("impact", "git:HEAD", "ladder", "people", "--as-of", AS_OF, "--format", "github")
    assert run.status == 0
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("before\n## Impact of the ladder change\n")
    assert "| 4 | 2 | 1 | 1 | 1 |" in written
    assert run.out.splitlines() == [
        "::warning file=ladder/roles/support-engineer.yaml::1 person loses ready for "
        "Support Engineer I",
        "::warning file=ladder/roles/support-engineer.yaml::1 person no longer reaches "
        "Support Engineer I, their current level before this change",
        "::notice file=ladder/roles/support-engineer.yaml::1 person becomes ready for "
        "Support Engineer II",
        "::notice file=ladder/roles/support-engineer.yaml::1 person now reaches "
        "Support Engineer II",
        "::warning file=people/cleo.yaml,line=11,col=41::cleo: behaviour "
        "'support-engineer.writes-bug-reports' (items[0].shows[1]), which HEAD does not have",
    ]


def test_github_without_a_step_summary_prints_it(cli: Callable[..., Run], repository: Path) -> None:
    """Without $GITHUB_STEP_SUMMARY the Markdown summary is printed before the annotations."""
    run = cli("impact", "git:HEAD", "ladder", "people", "--as-of", AS_OF, "--format", "github")
    assert run.out.startswith("## Impact of the ladder change\n")
    assert run.out.splitlines()[-1].startswith("::warning file=people/cleo.yaml,line=11")


def test_annotations_escape_file_names(cli: Callable[..., Run], repository: Path) -> None:
    """A comma, colon or percent sign in an evidence file's name cannot cut an annotation."""
    (repository / "people" / "cleo.yaml").rename(repository / "people" / "c,l:e%o.yaml")
    run = cli("impact", "git:HEAD", "ladder", "people", "--as-of", AS_OF, "--format", "github")
    assert run.out.splitlines()[-1].startswith(
        "::warning file=people/c%2Cl%3Ae%25o.yaml,line=11,col=41::cleo: "
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("git:no-such-branch", "ladder"), "unknown revision 'no-such-branch'"),
        (("git:HEAD:nowhere", "ladder"), "revision 'HEAD' has no folder 'nowhere'"),
        (("git:HEAD:people", "ladder"), "not a framework folder in revision 'HEAD'"),
        (("git:HEAD:../x", "ladder"), "must be inside the repository"),
        (("git:", "ladder"), "no revision after git:"),
        (("no-such-folder", "ladder"), "neither a folder nor a git:REV[:PATH] revision"),
        (("ladder", "git:HEAD:nowhere"), "HEAD: git:HEAD:nowhere: revision 'HEAD' has no folder"),
    ],
)
def test_bad_revisions_and_paths_exit_2(
    cli: Callable[..., Run], repository: Path, args: tuple[str, str], message: str
) -> None:
    """Unknown revisions, missing paths and bad arguments: exit 2 with a clear message."""
    run = cli("impact", *args, "people")
    assert run.status == 2
    assert message in run.err
    assert "Traceback" not in run.err


def test_outside_a_repository_exits_2(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """git: outside any git repository: exit 2, saying so."""
    shutil.copytree(GOLDEN, tmp_path / "ladder")
    people(tmp_path / "people")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    run = cli("impact", "git:HEAD", "ladder", "people")
    assert (run.status, "not inside a git repository" in run.err) == (2, True)


def test_git_missing_exits_2(
    cli: Callable[..., Run], repository: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No git program on PATH: exit 2, saying so."""
    monkeypatch.setenv("PATH", str(repository / "nothing-here"))
    run = cli("impact", "git:HEAD", "ladder", "people")
    assert (run.status, "git is not installed" in run.err) == (2, True)


def test_a_broken_evidence_file_is_reported_and_left_out(
    cli: Callable[..., Run], repository: Path
) -> None:
    """A file that is not valid evidence: diagnostics, exit 1, the others still judged."""
    (repository / "people" / "broken.yaml").write_text("format: competency/v1\nkind: evidence\n")
    run = cli("impact", "git:HEAD", "ladder", "people", "--as-of", AS_OF, "--format", "json")
    assert run.status == 1
    assert "people/broken.yaml:" in run.err
    assert as_json(run)["summary"]["people"] == 4  # type: ignore[index]


def test_a_revision_diagnostic_names_the_revision(
    cli: Callable[..., Run], repository: Path
) -> None:
    """A framework error in a revision is reported at git:REV:PATH/file, exit 1."""
    (repository / "ladder" / ROLE).write_text("format: competency/v1\nkind: role\n")
    git(repository, "commit", "-q", "-am", "break")
    run = cli("impact", "git:HEAD:ladder", "git:HEAD~1:ladder", "people")
    assert run.status == 1
    expected = "git:HEAD:ladder/roles/support-engineer.yaml:1:1: error S101 missing required key"
    assert expected in run.err


def test_parse_revision() -> None:
    """git:REV and git:REV:PATH, PATH cleaned; anything else refused."""
    assert tuple(vars(parse_revision("git:origin/main")).values()) == ("origin/main", None)
    assert tuple(vars(parse_revision("git:HEAD~1:./a//b/")).values()) == ("HEAD~1", "a/b")
    assert tuple(vars(parse_revision("git:HEAD:")).values()) == ("HEAD", "")
    with pytest.raises(GitRevisionError):
        parse_revision("matrices")


def test_a_history_level_head_removed_is_a_problem(tmp_path: Path) -> None:
    """A 1.2 history naming a level HEAD removed: problems at the level and the entry."""
    base = load_framework(GOLDEN)
    role = base.roles["support-engineer"]
    fewer = role.model_copy(update={"levels": [lv for lv in role.levels if lv.id != "se2"]})
    head = Framework(base.info, base.competencies, {**base.roles, role.id: fewer}, [], "x")
    folder = tmp_path / "people"
    folder.mkdir()
    (folder / "eve.yaml").write_text(
        """format: competency/v1
kind: evidence
person: {id: eve}
role: support-engineer
level: se2
history:
  - {level: support-engineer@se1, date: 2025-01-01, by: manager}
  - {level: support-engineer@se2, date: 2026-01-01, by: panel}
""",
        encoding="utf-8",
    )
    report = impact(base, head, team(folder), as_of=date.fromisoformat(AS_OF))
    eve = report.people[0]
    assert [(p.where, p.missing_in) for p in eve.problems] == [
        ("level", "head"),
        ("history[1].level", "head"),
    ]
    assert eve.base.current == "support-engineer@se2"
    assert eve.head.current == "support-engineer@se1"
    assert (eve.lost, eve.current_change) == (True, "dropped")
