"""``competency rename``: an id changed everywhere, and nothing else."""

from __future__ import annotations

import shutil
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from competency import validate
from competency.edit import EditError, rename
from tests.conftest import EXAMPLES, MATRICES, Run

#: One rename of each kind in the shipped framework: KIND, OLD, NEW, and OLD's short form.
RENAMES = [
    ("step", "proficient", "skilled", "proficient"),
    ("competency", "troubleshooting", "debugging", "troubleshooting"),
    ("role", "support-engineer", "technical-support", "support-engineer"),
    ("level", "support-engineer@se1", "se-one", "se1"),
    ("behaviour", "troubleshooting.separates-root-cause", "finds-causes", "separates-root-cause"),
    (
        "behaviour",
        "support-specialist.decides-standard-credits",
        "grants-credits",
        "decides-standard-credits",
    ),
]


def _back(kind: str, old: str, new: str, short: str) -> tuple[str, str]:
    """The rename that undoes KIND OLD -> NEW: (the new name in full, the old short one)."""
    if kind == "level":
        return f"{old.split('@')[0]}@{new}", short
    if kind == "behaviour":
        return f"{old.split('.')[0]}.{new}", short
    return new, old


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding copies of matrices/ and examples/."""
    shutil.copytree(MATRICES, tmp_path / "matrices")
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


SMALL = {
    "matrices/framework.yaml": """\
        format: competency/v1
        kind: framework
        id: small
        title: Small
        version: 1.0.0
        scale:
          - {id: learning, name: Learning}
          - {id: proficient, name: Proficient}
        categories: [{id: craft, name: Craft}]
        tracks: [{id: ic, name: Individual contributor}]
        grades: [{id: g1, name: One}, {id: g2, name: Two}]
        """,
    "matrices/competencies/fixing.yaml": """\
        format: competency/v1
        kind: competency
        id: fixing  # the competency
        name: Fixing
        category: craft
        steps:
          learning:
            behaviours:
              - {id: tries, text: Tries the fixing runbook first.}
          "proficient":
            behaviours:
              - id: 'fixes'
                text: Fixes it; fixing.tries is not enough.
                replaces: [tries]
        """,
    "matrices/roles/fixer.yaml": """\
        format: competency/v1
        kind: role
        id: fixer
        title: Fixer
        track: ic
        levels:
          - id: f1
            title: F1
            grade: g1
            expects:
              fixing: learning   # short form
          - id: f2
            title: F2
            grade: g2
            expects:
              "fixing":
                step: proficient
                behaviours:
                  - id: reports
                    text: Reports each fix.
                    replaces: [fixing.tries]
        """,
    "matrices/paths.yaml": """\
        format: competency/v1
        kind: paths
        moves:
          - {from: fixer@f1, to: "fixer@f2", type: promotion}
        """,
    "evidence/ana.yaml": """\
        format: competency/v1
        kind: evidence
        person: {id: ana}
        role: fixer
        level: f1
        target: fixer@f2
        items:
          - {date: 2026-01-01, source: self, summary: Fixed, shows: [fixing.fixes, fixer.reports]}
        assessments:
          - {competency: fixing, step: proficient, by: manager, date: 2026-01-01}
        not_applicable:
          - {behaviour: fixing.tries, reason: No runbook.}
        """,
}


@pytest.fixture
def small(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small framework using flow style, quotes, comments and 1.1 fields, with one person."""
    monkeypatch.chdir(tmp_path)
    return _write(tmp_path, SMALL)


# --- the shipped framework ----------------------------------------------------------------


@pytest.mark.parametrize(("kind", "old", "new", "short"), RENAMES)
def test_renaming_and_back_gives_identical_files(
    shipped: Path, kind: str, old: str, new: str, short: str
) -> None:
    """Renaming A to B, then B to A, restores every file byte for byte (and every name)."""
    before = _files(shipped)
    rename(kind, old, new, matrices="matrices", others=["examples"])
    rename(kind, *_back(kind, old, new, short), matrices="matrices", others=["examples"])
    assert before == _files(shipped)


@pytest.mark.parametrize(("kind", "old", "new", "short"), RENAMES)
def test_validation_gives_the_same_result_after_a_rename(
    shipped: Path, kind: str, old: str, new: str, short: str
) -> None:
    """The framework and examples validate as before (ok, the same diagnostic codes)."""
    before = validate(["matrices", "examples"])
    rename(kind, old, new, matrices="matrices", others=["examples"])
    after = validate(["matrices", "examples"])
    expected = (before.ok, sorted(d.code for d in before.diagnostics))
    assert expected == (after.ok, sorted(d.code for d in after.diagnostics))


@pytest.mark.parametrize(("kind", "old", "new", "short"), RENAMES)
def test_the_old_id_is_gone_after_a_rename(
    shipped: Path, kind: str, old: str, new: str, short: str
) -> None:
    """A second rename of the old id is refused: nothing refers to it any more."""
    rename(kind, old, new, matrices="matrices", others=["examples"])
    with pytest.raises(EditError, match=r"^(no|unknown) "):
        rename(kind, old, "anything-else", matrices="matrices", others=["examples"])


def test_a_competency_file_is_renamed_with_its_id(shipped: Path) -> None:
    """competencies/OLD.yaml becomes competencies/NEW.yaml."""
    report = rename("competency", "troubleshooting", "debugging", matrices="matrices")
    competencies = shipped / "matrices" / "competencies"
    expected = (False, True, ["matrices/competencies/debugging.yaml"])
    assert expected == (
        (competencies / "troubleshooting.yaml").exists(),
        (competencies / "debugging.yaml").is_file(),
        [move.new.display for move in report.moves],
    )


def test_a_role_file_is_renamed_with_its_id(shipped: Path) -> None:
    """roles/OLD.yaml becomes roles/NEW.yaml."""
    rename("role", "support-engineer", "technical-support", matrices="matrices")
    roles = shipped / "matrices" / "roles"
    expected = (False, True)
    assert expected == (
        (roles / "support-engineer.yaml").exists(),
        (roles / "technical-support.yaml").is_file(),
    )


# --- where ids stand ----------------------------------------------------------------------


def test_a_step_is_renamed_in_the_scale_steps_expectations_and_assessments(small: Path) -> None:
    """Scale id, `steps` key, short and long expectations, assessment step: all change."""
    report = rename("step", "proficient", "skilled", matrices="matrices", others=["evidence"])
    places = [(Path(c.file).name, c.line) for c in report.changes]
    expected = [
        ("fixing.yaml", 10),
        ("framework.yaml", 8),
        ("fixer.yaml", 17),
        ("ana.yaml", 10),
    ]
    assert expected == places


def test_a_competency_is_renamed_in_keys_references_and_assessments(small: Path) -> None:
    """Its id, `expects` keys, OWNER.BEHAVIOUR references and assessments change; prose does not."""
    rename("competency", "fixing", "repair", matrices="matrices", others=["evidence"])
    role = (small / "matrices/roles/fixer.yaml").read_text(encoding="utf-8")
    evidence = (small / "evidence/ana.yaml").read_text(encoding="utf-8")
    competency = (small / "matrices/competencies/repair.yaml").read_text(encoding="utf-8")
    expected = (True, True, True, True, True)
    assert expected == (
        "repair: learning   # short form" in role and '"repair":' in role,
        "replaces: [repair.tries]" in role,
        "shows: [repair.fixes, fixer.reports]" in evidence,
        "{competency: repair, step" in evidence and "{behaviour: repair.tries" in evidence,
        "id: repair  # the competency" in competency and "fixing.tries is not enough" in competency,
    )


def test_a_role_is_renamed_in_paths_and_evidence(small: Path) -> None:
    """Level references, the evidence's role and target, and ROLE.BEHAVIOUR change."""
    rename("role", "fixer", "mender", matrices="matrices", others=["evidence"])
    paths = (small / "matrices/paths.yaml").read_text(encoding="utf-8")
    evidence = (small / "evidence/ana.yaml").read_text(encoding="utf-8")
    expected = (True, True, True)
    assert expected == (
        '{from: mender@f1, to: "mender@f2", type: promotion}' in paths,
        "role: mender\nlevel: f1\ntarget: mender@f2" in evidence,
        "mender.reports]" in evidence,
    )


def test_a_level_is_renamed_in_its_role_paths_and_evidence(small: Path) -> None:
    """The level id, ROLE@LEVEL references and the evidence's level and target change."""
    rename("level", "fixer@f2", "f-two", matrices="matrices", others=["evidence"])
    paths = (small / "matrices/paths.yaml").read_text(encoding="utf-8")
    evidence = (small / "evidence/ana.yaml").read_text(encoding="utf-8")
    role = (small / "matrices/roles/fixer.yaml").read_text(encoding="utf-8")
    expected = (True, True, True)
    assert expected == (
        "- id: f-two" in role,
        '"fixer@f-two"' in paths,
        "target: fixer@f-two" in evidence,
    )


def test_a_library_behaviour_is_renamed_in_replaces_and_evidence(small: Path) -> None:
    """Its id, short `replaces` in its competency, full refs in roles and evidence change."""
    rename("behaviour", "fixing.tries", "tries-first", matrices="matrices", others=["evidence"])
    competency = (small / "matrices/competencies/fixing.yaml").read_text(encoding="utf-8")
    role = (small / "matrices/roles/fixer.yaml").read_text(encoding="utf-8")
    evidence = (small / "evidence/ana.yaml").read_text(encoding="utf-8")
    expected = (True, True, True, True)
    assert expected == (
        "{id: tries-first, text: Tries the fixing runbook first.}" in competency,
        "replaces: [tries-first]" in competency,
        "replaces: [fixing.tries-first]" in role,
        "{behaviour: fixing.tries-first" in evidence,
    )


#: A 1.2 evidence file: a manager, a history of levels and an assessor (format 1.2 section 7).
HISTORY = {
    "evidence/bo.yaml": """\
        format: competency/v1
        kind: evidence
        person: {id: bo, manager: ana}
        role: fixer
        level: f2
        history:
          - {level: fixer@f1, date: 2025-01-01, by: manager}
          - {level: "fixer@f2", date: 2026-01-01, by: panel}
        assessments:
          - {competency: fixing, step: proficient, by: peer, assessor: ana, date: 2026-01-01}
        """,
}


def test_a_level_is_renamed_in_history(small: Path) -> None:
    """(1.2) Each `history` level naming the renamed level changes, quoted or not."""
    _write(small, HISTORY)
    rename("level", "fixer@f2", "f-two", matrices="matrices", others=["evidence"])
    evidence = (small / "evidence/bo.yaml").read_text(encoding="utf-8")
    expected = (True, True, True)
    assert expected == (
        "{level: fixer@f1, date: 2025-01-01" in evidence,
        '{level: "fixer@f-two", date: 2026-01-01' in evidence,
        "level: f-two\n" in evidence,
    )


def test_a_role_is_renamed_in_history(small: Path) -> None:
    """(1.2) Renaming a role changes the role part of every `history` level."""
    _write(small, HISTORY)
    rename("role", "fixer", "mender", matrices="matrices", others=["evidence"])
    evidence = (small / "evidence/bo.yaml").read_text(encoding="utf-8")
    expected = (True, True)
    assert expected == ("{level: mender@f1," in evidence, '{level: "mender@f2",' in evidence)


def test_a_person_is_renamed_with_their_manager_and_assessor_references(small: Path) -> None:
    """(1.2) A person id changes in `person.id`, other people's `manager` and `assessor`."""
    _write(small, HISTORY)
    report = rename("person", "ana", "ana-p", matrices="matrices", others=["evidence"])
    ana = (small / "evidence/ana.yaml").read_text(encoding="utf-8")
    bo = (small / "evidence/bo.yaml").read_text(encoding="utf-8")
    expected = (True, True, True, 3)
    assert expected == (
        "person: {id: ana-p}" in ana,
        "person: {id: bo, manager: ana-p}" in bo,
        "assessor: ana-p," in bo,
        len(report.changes),
    )


def test_renaming_a_person_nobody_is_about_is_refused(small: Path) -> None:
    """A person id no evidence file defines cannot be renamed, nor onto one already taken."""
    _write(small, HISTORY)
    with pytest.raises(EditError, match="no evidence file given is about a person 'zed'"):
        rename("person", "zed", "zed-2", matrices="matrices", others=["evidence"])
    with pytest.raises(EditError, match="'bo' already exists"):
        rename("person", "ana", "bo", matrices="matrices", others=["evidence"])


def test_the_level_of_evidence_in_another_role_is_left_alone(small: Path) -> None:
    """An evidence file's `level` only changes when its role is the level's role."""
    _write(
        small,
        {"evidence/bo.yaml": SMALL["evidence/ana.yaml"].replace("role: fixer", "role: other")},
    )
    report = rename("level", "fixer@f1", "f-one", matrices="matrices", others=["evidence/bo.yaml"])
    assert [c.file for c in report.changes if "bo.yaml" in c.file] == []


def test_comments_quotes_and_layout_are_kept(small: Path) -> None:
    """Only the id's characters change: the file is otherwise byte for byte the same."""
    path = small / "matrices/competencies/fixing.yaml"
    before = path.read_text(encoding="utf-8")
    rename("step", "proficient", "skilled", matrices="matrices")
    assert path.read_text(encoding="utf-8") == before.replace('"proficient":', '"skilled":')


# --- the command ------------------------------------------------------------------------------


def test_each_change_is_printed_as_file_line_old_new(small: Path, cli: Callable[..., Run]) -> None:
    """stdout has one `FILE:LINE: OLD -> NEW` line per change, then the renamed files."""
    run = cli("rename", "competency", "fixing", "repair", "evidence")
    expected = [
        "matrices/competencies/fixing.yaml:3: fixing -> repair",
        "matrices/roles/fixer.yaml:11: fixing -> repair",
        "matrices/roles/fixer.yaml:16: fixing -> repair",
        "matrices/roles/fixer.yaml:21: fixing.tries -> repair.tries",
        "evidence/ana.yaml:8: fixing.fixes -> repair.fixes",
        "evidence/ana.yaml:10: fixing -> repair",
        "evidence/ana.yaml:12: fixing.tries -> repair.tries",
        "matrices/competencies/fixing.yaml -> matrices/competencies/repair.yaml",
    ]
    assert (0, expected) == (run.status, run.out.splitlines())


def test_dry_run_prints_the_changes_and_writes_nothing(
    small: Path, cli: Callable[..., Run]
) -> None:
    """--dry-run prints what would change; every file stays as it was."""
    before = _files(small)
    run = cli("rename", "role", "fixer", "mender", "evidence", "--dry-run")
    expected = (0, True, before)
    assert expected == (run.status, "fixer@f1 -> mender@f1" in run.out, _files(small))


@pytest.mark.parametrize(
    ("kind", "old", "new", "message"),
    [
        ("competency", "fixing", "fixer", "already exists"),
        ("step", "proficient", "learning", "already exists"),
        ("level", "fixer@f1", "f2", "already exists"),
        ("behaviour", "fixing.tries", "fixes", "already exists"),
        ("competency", "mending", "repair", "no competency 'mending'"),
        ("level", "fixer@f9", "f3", "no level 'fixer@f9'"),
        ("level", "fixer@f1", "other@f3", "not in the same role"),
        ("behaviour", "nobody.tries", "x", "unknown competency or role"),
        ("role", "fixer", "Mender", "not a valid role id"),
    ],
)
def test_a_rename_that_cannot_be_done_is_refused_with_exit_2(
    small: Path, cli: Callable[..., Run], kind: str, old: str, new: str, message: str
) -> None:
    """A taken new id, an unknown old id or an invalid new id: exit 2, a message, no change."""
    before = _files(small)
    run = cli("rename", kind, old, new, "evidence")
    expected = (2, True, before)
    assert expected == (run.status, message in run.err, _files(small))


def test_a_file_that_does_not_load_stops_the_rename(small: Path, cli: Callable[..., Run]) -> None:
    """A YAML error anywhere: its file:line:column on stderr, exit 1, nothing written."""
    _write(small, {"evidence/broken.yaml": "role: [fixer\n"})
    before = _files(small)
    run = cli("rename", "role", "fixer", "mender", "evidence")
    expected = (1, "evidence/broken.yaml:2:1: Y100", before)
    assert expected == (run.status, run.err[: len(expected[1])], _files(small))


def test_an_id_written_with_escapes_is_reported_not_guessed(
    small: Path, cli: Callable[..., Run]
) -> None:
    """An id the text spells with escapes cannot be replaced in place: exit 1, no change."""
    _write(
        small, {"evidence/esc.yaml": 'format: competency/v1\nkind: evidence\nrole: "fi\\x78er"\n'}
    )
    before = _files(small)
    run = cli("rename", "role", "fixer", "mender", "evidence")
    expected = (1, "evidence/esc.yaml:3:7:", before)
    assert expected == (run.status, run.err[: len(expected[1])], _files(small))


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_symbolic_link_is_not_written_through(small: Path, cli: Callable[..., Run]) -> None:
    """Evidence reached through a link is reported; nothing is written."""
    (small / "linked.yaml").symlink_to(small / "evidence" / "ana.yaml")
    before = _files(small / "evidence")
    run = cli("rename", "role", "fixer", "mender", "linked.yaml")
    expected = (1, True, before)
    assert expected == (run.status, "symbolic link" in run.err, _files(small / "evidence"))


def test_a_file_in_the_way_of_a_renamed_file_is_refused(
    small: Path, cli: Callable[..., Run]
) -> None:
    """competencies/NEW.yaml already there (holding something else): exit 2, no change."""
    _write(small, {"matrices/competencies/repair.yaml": "# notes\n"})
    before = _files(small)
    run = cli("rename", "competency", "fixing", "repair")
    expected = (2, True, before)
    assert expected == (run.status, "exists" in run.err, _files(small))


# --- all or nothing (issue 26, item 4) ------------------------------------------------------


def _refuse_unlink(monkeypatch: pytest.MonkeyPatch, *refused: Path) -> None:
    """Make removing each of `refused` fail as a read-only file system would."""
    real = Path.unlink

    def unlink(path: Path, missing_ok: bool = False) -> None:
        if path.absolute() in {p.absolute() for p in refused}:
            raise PermissionError(13, "Permission denied", str(path))
        real(path, missing_ok=missing_ok)

    monkeypatch.setattr(Path, "unlink", unlink)


def test_a_rename_whose_old_file_cannot_be_removed_changes_nothing(
    small: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The old file cannot be removed: every file is put back, the report says so, no new file."""
    before = _files(small)
    _refuse_unlink(monkeypatch, small / "matrices/competencies/fixing.yaml")
    report = rename("competency", "fixing", "repair", matrices="matrices", others=["evidence"])
    expected = (
        False,
        [
            "matrices/competencies/fixing.yaml:1:1: cannot remove "
            "matrices/competencies/fixing.yaml: Permission denied; "
            "every file was put back as it was"
        ],
        before,
    )
    assert expected == (report.written, [str(p) for p in report.problems], _files(small))


def test_the_cli_says_nothing_was_written_when_a_removal_fails(
    small: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Run]
) -> None:
    """rename exits 1 naming the file it could not remove, and says nothing was written."""
    before = _files(small)
    _refuse_unlink(monkeypatch, small / "matrices/competencies/fixing.yaml")
    run = cli("rename", "competency", "fixing", "repair", "evidence")
    expected = (1, "", True, "nothing was written\n", before)
    assert expected == (
        run.status,
        run.out,
        "cannot remove matrices/competencies/fixing.yaml" in run.err,
        run.err[-len("nothing was written\n") :],
        _files(small),
    )


def test_apply_puts_back_the_files_removed_before_the_one_that_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two old files to remove, the second refused: the first comes back with its mode."""
    from competency.edit._files import ApplyError, Plan, apply

    first, second, edited = tmp_path / "a.yaml", tmp_path / "b.yaml", tmp_path / "e.yaml"
    for path, text in ((first, b"a\n"), (second, b"b\n"), (edited, b"e\n")):
        path.write_bytes(text)
    first.chmod(0o640)
    before = _files(tmp_path)
    plan = Plan(
        writes={tmp_path / "a2.yaml": b"a\n", tmp_path / "b2.yaml": b"b\n", edited: b"E\n"},
        originals={first: b"a\n", second: b"b\n", edited: b"e\n"},
        removals=[first, second],
    )
    _refuse_unlink(monkeypatch, second)
    with pytest.raises(ApplyError) as raised:
        apply(plan)
    expected = (before, 0o640, second, True)
    assert expected == (
        _files(tmp_path),
        first.stat().st_mode & 0o777,
        raised.value.path,
        str(raised.value).endswith("every file was put back as it was"),
    )


def test_apply_names_the_files_it_could_not_put_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A removal fails and so does removing a new file again: EditError names that file."""
    from competency.edit._files import ApplyError, Plan, apply

    old, new = tmp_path / "a.yaml", tmp_path / "b.yaml"
    old.write_bytes(b"a\n")
    plan = Plan(writes={new: b"a\n"}, originals={old: b"a\n"}, removals=[old])
    _refuse_unlink(monkeypatch, old, new)
    with pytest.raises(EditError) as raised:
        apply(plan, {old: "a.yaml", new: "b.yaml"})
    expected = (
        False,
        "cannot remove a.yaml: Permission denied; putting the files back failed for b.yaml: "
        "check them by hand (the other files are as they were)",
    )
    assert expected == (isinstance(raised.value, ApplyError), str(raised.value))


_NEW_IDS = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,4}){0,2}", fullmatch=True)
_SMALL_RENAMES = [
    ("step", "learning", ("proficient",)),
    ("competency", "fixing", ("fixer",)),
    ("role", "fixer", ("fixing",)),
    ("level", "fixer@f1", ("f2",)),
    ("behaviour", "fixing.tries", ("fixes",)),
    ("person", "ana", ()),
]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(_SMALL_RENAMES), _NEW_IDS)
def test_a_rename_followed_by_its_inverse_gives_back_the_same_bytes(
    request: tuple[str, str, tuple[str, ...]], new: str
) -> None:
    """Property: any rename of any kind, then its inverse, leaves every byte and name as it was."""
    import os
    import tempfile

    kind, old, taken = request
    owner, mark, short = old.rpartition("@") if kind == "level" else old.rpartition(".")
    short = short if kind in ("level", "behaviour") else old
    assume(new not in taken and new != short)
    with tempfile.TemporaryDirectory() as folder:
        root = _write(Path(folder), SMALL)
        before = _files(root)
        cwd = os.getcwd()
        os.chdir(root)
        try:
            there = rename(kind, old, new, matrices="matrices", others=["evidence"])
            back_old = f"{owner}{mark}{new}" if kind in ("level", "behaviour") else new
            back = rename(kind, back_old, short, matrices="matrices", others=["evidence"])
        finally:
            os.chdir(cwd)
        expected = (True, True, before)
        assert expected == (there.written, back.written, _files(root))
