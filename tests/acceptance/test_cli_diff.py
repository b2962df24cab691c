"""`competency diff`: levels of the shipped framework, and two versions of a tiny one."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import MATRICES, Run

Cli = Callable[..., Run]

# A framework small enough to read at a glance: one role of three levels.
TINY = {
    "framework.yaml": """\
format: competency/v1
kind: framework
id: tiny
title: Tiny framework
version: 1.0.0
scale:
  - {id: learning, name: Learning}
  - {id: practising, name: Practising}
categories:
  - {id: craft, name: Craft}
tracks:
  - {id: ic, name: Individual contributor}
grades:
  - {id: g1, name: Associate}
  - {id: g2, name: Intermediate}
  - {id: g3, name: Senior}
""",
    "competencies/troubleshooting.yaml": """\
format: competency/v1
kind: competency
id: troubleshooting
name: Troubleshooting
category: craft
steps:
  learning:
    behaviours:
      - {id: reproduces-first, text: Reproduces the problem before escalating it.}
  practising:
    behaviours:
      - {id: root-causes, text: Separates the root cause from the symptoms.}
""",
    "competencies/writing.yaml": """\
format: competency/v1
kind: competency
id: writing
name: {en: Writing, fr: Rédaction}
category: craft
steps:
  learning:
    behaviours:
      - {id: plain-words, text: Writes replies in plain words.}
  practising:
    behaviours:
      - {id: next-step, text: Ends each reply with the next step.}
""",
    "roles/agent.yaml": """\
format: competency/v1
kind: role
id: agent
title: Agent
track: ic
levels:
  - id: a1
    title: Agent I
    grade: g1
    expects: {troubleshooting: learning, writing: learning}
  - id: a2
    title: Agent II
    grade: g2
    expects:
      troubleshooting: practising
      writing:
        step: learning
        behaviours:
          - {id: adapts-macros, text: Adapts saved replies to the customer's setup.}
  - id: a3
    title: Agent III
    grade: g3
    expects: {troubleshooting: practising, writing: practising}
""",
    "paths.yaml": """\
format: competency/v1
kind: paths
moves:
  - {from: agent@a1, to: agent@a2, type: promotion}
  - {from: agent@a2, to: agent@a3, type: promotion}
""",
}

OWNERSHIP = """\
format: competency/v1
kind: competency
id: ownership
name: Ownership
category: craft
steps:
  learning:
    behaviours:
      - {id: keeps-promises, text: Does what they said they would do.}
"""

REWORDED = "Finds the root cause and explains it to the customer."


def _write(folder: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """The tiny framework, version 1.0.0."""
    return _write(tmp_path / "old", TINY)


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    """The tiny framework with the version left at 1.0.0 but five edits."""
    return _changed(tmp_path / "new")


def _changed(folder: Path) -> Path:
    """The tiny framework, written to `folder`, with the version left at 1.0.0 but five edits.

    A behaviour reworded, level agent@a3 removed (with its move), competency
    ownership added, and writing at agent@a2 raised from learning to
    practising.
    """
    new = _write(folder, TINY)
    _edit(
        new / "competencies/troubleshooting.yaml",
        "Separates the root cause from the symptoms.",
        REWORDED,
    )
    role = new / "roles/agent.yaml"
    role.write_text(role.read_text(encoding="utf-8").split("  - id: a3")[0], encoding="utf-8")
    _edit(role, "writing:\n        step: learning", "writing:\n        step: practising")
    _edit(new / "paths.yaml", "  - {from: agent@a2, to: agent@a3, type: promotion}\n", "")
    (new / "competencies/ownership.yaml").write_text(OWNERSHIP, encoding="utf-8")
    return new


def _json(run: Run) -> Any:
    assert run.status == 0, run.err
    return json.loads(run.out)


# --- levels ---------------------------------------------------------------


def test_level_diff_lists_a_behaviour_added_at_the_higher_level(cli: Cli) -> None:
    """ss1 to ss2 on the shipped framework lists a Practising troubleshooting behaviour as added."""
    run = cli("diff", "support-specialist@ss1", "support-specialist@ss2", "--matrices", MATRICES)
    expected = (0, True)
    assert expected == (run.status, "+ troubleshooting.narrows-down" in run.out)


def test_level_diff_text_names_the_step_change(cli: Cli, tiny: Path) -> None:
    """The text report says which way a step moved, with the step names."""
    run = cli("diff", "agent@a1", "agent@a2", "--matrices", tiny)
    assert "Troubleshooting: raised, Learning -> Practising" in run.out.splitlines()


def test_level_diff_text_names_the_grade_change(cli: Cli, tiny: Path) -> None:
    """The header shows the two grades and that the grade was raised."""
    run = cli("diff", "agent@a1", "agent@a2", "--matrices", tiny)
    assert "  grade: Associate -> Intermediate (raised)" in run.out.splitlines()


def test_level_diff_across_roles_names_both_levels(cli: Cli) -> None:
    """A lateral move from support-specialist@ss3 to support-engineer@se1 runs and names both."""
    run = cli("diff", "support-specialist@ss3", "support-engineer@se1", "--matrices", MATRICES)
    expected = (0, "support-specialist@ss3 -> support-engineer@se1")
    assert expected == (run.status, run.out.splitlines()[0])


def test_level_diff_across_roles_lists_the_old_roles_behaviours_as_no_longer_listed(
    cli: Cli,
) -> None:
    """Behaviours that support-specialist adds are removed in a move to support-engineer."""
    run = cli(
        "diff",
        "support-specialist@ss3",
        "support-engineer@se1",
        "--matrices",
        MATRICES,
        "--format",
        "json",
    )
    removed = [b["ref"] for c in _json(run)["competencies"] for b in c["removed"]]
    assert "support-specialist.reviews-new-starter-tickets" in removed


def test_identical_levels_report_no_changes(cli: Cli, tiny: Path) -> None:
    """A level compared with itself says there is nothing to change."""
    run = cli("diff", "agent@a2", "agent@a2", "--matrices", tiny)
    assert "No changes: both levels expect the same steps and behaviours." in run.out


def test_identical_levels_json_says_unchanged(cli: Cli, tiny: Path) -> None:
    """The JSON of a level compared with itself has changed false."""
    run = cli("diff", "agent@a2", "agent@a2", "--matrices", tiny, "--format", "json")
    assert _json(run)["changed"] is False


def test_level_diff_json_lists_added_behaviours_by_reference_and_text(cli: Cli, tiny: Path) -> None:
    """Troubleshooting from a1 to a2 adds root-causes, with its text, and removes nothing."""
    run = cli("diff", "agent@a1", "agent@a2", "--matrices", tiny, "--format", "json")
    troubleshooting = _json(run)["competencies"][0]
    expected = {
        "id": "troubleshooting",
        "name": "Troubleshooting",
        "change": "raised",
        "from": {"id": "learning", "name": "Learning"},
        "to": {"id": "practising", "name": "Practising"},
        "added": [
            {
                "ref": "troubleshooting.root-causes",
                "text": "Separates the root cause from the symptoms.",
                "replaces": [],
            }
        ],
        "removed": [],
    }
    assert expected == troubleshooting


def test_level_diff_markdown_is_a_heading_and_a_table(cli: Cli, tiny: Path) -> None:
    """The Markdown report starts with the two levels and a From/To table."""
    run = cli("diff", "agent@a1", "agent@a2", "--matrices", tiny, "--format", "md")
    expected = ["# `agent@a1` → `agent@a2`", "", "| | From | To |"]
    assert expected == run.out.splitlines()[:3]


def test_level_diff_uses_the_requested_locale(cli: Cli, tiny: Path) -> None:
    """With --locale fr, a competency name translated to French is shown in French."""
    run = cli("diff", "agent@a1", "agent@a2", "--matrices", tiny, "--locale", "fr")
    assert "Rédaction: same step (Learning)" in run.out.splitlines()


def test_unknown_level_exits_2_naming_the_levels_of_the_role(cli: Cli, tiny: Path) -> None:
    """A level the role does not have is a usage error that lists the role's levels."""
    run = cli("diff", "agent@a1", "agent@a9", "--matrices", tiny)
    expected = (2, True)
    assert expected == (
        run.status,
        "unknown level 'agent@a9': agent has the levels a1, a2, a3" in run.err,
    )


def test_unknown_role_exits_2(cli: Cli, tiny: Path) -> None:
    """A level of a role the framework does not have is a usage error naming the role."""
    run = cli("diff", "agent@a1", "nobody@a1", "--matrices", tiny)
    expected = (2, True)
    assert expected == (run.status, "there is no role 'nobody'" in run.err)


def test_missing_matrices_folder_exits_2(cli: Cli, tmp_path: Path) -> None:
    """A --matrices folder that does not exist is a usage error."""
    run = cli("diff", "agent@a1", "agent@a2", "--matrices", tmp_path / "nowhere")
    expected = (2, True)
    assert expected == (run.status, "framework folder not found" in run.err)


# --- telling the two forms apart -----------------------------------------


def test_an_argument_neither_level_nor_folder_exits_2(cli: Cli, tmp_path: Path) -> None:
    """A path that does not exist and has no '@' is a usage error that says why."""
    run = cli("diff", tmp_path / "missing", tmp_path / "missing-too")
    expected = (2, True)
    assert expected == (
        run.status,
        "is neither a level (ROLE@LEVEL) nor an existing framework folder" in run.err,
    )


def test_a_level_and_a_folder_cannot_be_compared(cli: Cli, tiny: Path) -> None:
    """Mixing a level and a framework folder is a usage error."""
    run = cli("diff", "agent@a1", tiny)
    expected = (2, True)
    assert expected == (run.status, "give two levels or two framework folders" in run.err)


def test_a_folder_without_framework_file_exits_2(cli: Cli, tiny: Path, tmp_path: Path) -> None:
    """A folder that holds no framework.yaml is a usage error, not a framework with errors."""
    run = cli("diff", tmp_path / "old" / "roles", tiny)
    expected = (2, True)
    assert expected == (run.status, "not a framework folder" in run.err)


def test_an_existing_folder_with_at_sign_is_a_framework(cli: Cli, tmp_path: Path) -> None:
    """A folder whose name contains '@' is still compared as a framework."""
    folder = _write(tmp_path / "tiny@v1", TINY)
    run = cli("diff", folder, folder, "--format", "json")
    assert _json(run)["kind"] == "frameworks"


def test_matrices_with_two_folders_exits_2(cli: Cli, tiny: Path) -> None:
    """--matrices only makes sense for levels; with two folders it is a usage error."""
    run = cli("diff", tiny, tiny, "--matrices", tiny)
    assert run.status == 2


# --- framework versions ---------------------------------------------------


def test_framework_diff_json_lists_every_change(cli: Cli, tiny: Path, changed: Path) -> None:
    """Each edit to the tiny framework appears once, grouped by kind, in changelog order."""
    run = cli("diff", tiny, changed, "--format", "json")
    expected = [
        {"kind": "level", "change": "removed", "ref": "agent@a3", "competency": None,
         "old": "Agent III", "new": None},
        {"kind": "competency", "change": "added", "ref": "ownership", "competency": None,
         "old": None, "new": "Ownership"},
        {"kind": "behaviour", "change": "reworded", "ref": "troubleshooting.root-causes",
         "competency": None, "old": "Separates the root cause from the symptoms.",
         "new": REWORDED},
        {"kind": "step", "change": "raised", "ref": "agent@a2", "competency": "writing",
         "old": "learning", "new": "practising"},
        {"kind": "move", "change": "removed", "ref": "agent@a2 -> agent@a3", "competency": None,
         "old": "promotion", "new": None},
    ]  # fmt: skip
    assert expected == _json(run)["changes"]


def test_framework_diff_json_flags_an_unchanged_version(
    cli: Cli, tiny: Path, changed: Path
) -> None:
    """Content changed but the version stayed at 1.0.0: the JSON flags it."""
    found = _json(cli("diff", tiny, changed, "--format", "json"))
    expected = ("same", True, True)
    assert expected == (found["version_change"], found["content_changed"], found["version_warning"])


def test_framework_diff_text_warns_about_an_unchanged_version(
    cli: Cli, tiny: Path, changed: Path
) -> None:
    """The text changelog carries the version warning under its header."""
    run = cli("diff", tiny, changed)
    expected = "warning: the content changed but the version was not raised (1.0.0)"
    assert expected == run.out.splitlines()[1]


def test_framework_diff_text_shows_old_and_new_wording(cli: Cli, tiny: Path, changed: Path) -> None:
    """A reworded behaviour shows what it was and what it is now."""
    lines = [line.strip() for line in cli("diff", tiny, changed).out.splitlines()]
    expected = (True, True)
    actual = (
        "was: Separates the root cause from the symptoms." in lines,
        f"now: {REWORDED}" in lines,
    )
    assert expected == actual


def test_framework_diff_markdown_has_a_section_per_kind(
    cli: Cli, tiny: Path, changed: Path
) -> None:
    """The Markdown changelog has one heading for each kind of change it lists."""
    run = cli("diff", tiny, changed, "--format", "md")
    headings = [line for line in run.out.splitlines() if line.startswith("## ")]
    expected = ["## Levels", "## Competencies", "## Behaviours", "## Expected steps", "## Moves"]
    assert expected == headings


def test_framework_diff_markdown_quotes_the_warning(cli: Cli, tiny: Path, changed: Path) -> None:
    """The Markdown changelog puts the version warning in a quote."""
    run = cli("diff", tiny, changed, "--format", "md")
    assert "> **Warning:** the content changed but the version was not raised (1.0.0)" in run.out


def test_raising_the_version_clears_the_warning(cli: Cli, tiny: Path, changed: Path) -> None:
    """The same changes under version 1.1.0 give no warning."""
    _edit(changed / "framework.yaml", "version: 1.0.0", "version: 1.1.0")
    found = _json(cli("diff", tiny, changed, "--format", "json"))
    expected: tuple[str, bool, list[str]] = ("raised", False, [])
    assert expected == (found["version_change"], found["version_warning"], found["warnings"])


def test_a_lower_version_warns(cli: Cli, tiny: Path, changed: Path) -> None:
    """Going from 1.0.0 to 0.9.0 warns that the version went down."""
    _edit(changed / "framework.yaml", "version: 1.0.0", "version: 0.9.0")
    found = _json(cli("diff", tiny, changed, "--format", "json"))
    expected = (True, ["the version went down (1.0.0 -> 0.9.0)"])
    assert expected == (found["version_warning"], found["warnings"])


def test_a_version_compared_as_semver_not_as_text(cli: Cli, tiny: Path, changed: Path) -> None:
    """1.10.0 after 1.9.0 is raised, although it sorts lower as text."""
    _edit(tiny / "framework.yaml", "version: 1.0.0", "version: 1.9.0")
    _edit(changed / "framework.yaml", "version: 1.0.0", "version: 1.10.0")
    assert _json(cli("diff", tiny, changed, "--format", "json"))["version_change"] == "raised"


def test_the_same_framework_twice_has_no_changes(cli: Cli, tiny: Path) -> None:
    """A framework compared with itself reports no changes and exits 0."""
    run = cli("diff", tiny, tiny)
    expected = (0, "No changes.")
    assert expected == (run.status, run.out.splitlines()[-1])


def test_a_framework_with_errors_exits_1_with_its_diagnostics(
    cli: Cli, tiny: Path, changed: Path
) -> None:
    """A broken role file stops the diff with exit 1 and FILE:LINE:COLUMN diagnostics."""
    _edit(changed / "roles/agent.yaml", "grade: g2", "grade: g9")
    run = cli("diff", tiny, changed)
    pattern = r"^\S+roles/agent\.yaml:\d+:\d+: error R104 "
    expected = (1, True, "")
    assert expected == (run.status, re.search(pattern, run.err, re.MULTILINE) is not None, run.out)


# --- the examples of docs/diff.md -----------------------------------------

DIFF_DOC = MATRICES.parent / "docs" / "diff.md"
_BLOCK = re.compile(
    r"(?:<!-- command: (?P<command>[^>]*) -->\n)?```(?P<lang>\w*)\n(?P<body>.*?)```", re.S
)


def _doc_examples() -> list[Any]:
    """Each example of docs/diff.md that shows what a command prints: (args, language, text).

    A block that starts with ``$ competency ...`` shows that command and its
    output; a Markdown or JSON block names its command in an HTML comment
    just above it.
    """
    found = []
    for match in _BLOCK.finditer(DIFF_DOC.read_text(encoding="utf-8")):
        body, command = match["body"], match["command"]
        if body.startswith("$ competency "):
            command, _, body = body.partition("\n")
            command = command.removeprefix("$ ")
        if command is not None:
            args = command.split()[1:]
            found.append(pytest.param(args, match["lang"], body, id=" ".join(args)))
    return found


def _same(shown: Any, actual: Any) -> bool:
    """Whether a documented JSON value matches: a string ending in '...' only fixes its start."""
    if isinstance(shown, dict) and isinstance(actual, dict):
        return shown.keys() == actual.keys() and all(_same(shown[k], actual[k]) for k in shown)
    if isinstance(shown, list) and isinstance(actual, list):
        return len(shown) == len(actual) and all(map(_same, shown, actual))
    if isinstance(shown, str) and shown.endswith("...") and isinstance(actual, str):
        return actual.startswith(shown.removesuffix("..."))
    return bool(shown == actual)


def test_docs_show_a_command_for_every_diff_example() -> None:
    """docs/diff.md has its eight examples of output, each tied to a command."""
    assert len(_doc_examples()) == 8


@pytest.mark.parametrize(("args", "language", "shown"), _doc_examples())
def test_every_example_in_the_diff_doc_is_what_the_command_prints(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    language: str,
    shown: str,
) -> None:
    """Run each example of docs/diff.md (tiny, v1 and v2 are the tiny framework and its edit)."""
    import shutil

    shutil.copytree(MATRICES, tmp_path / "matrices")
    _write(tmp_path / "tiny", TINY)
    shutil.copytree(tmp_path / "tiny", tmp_path / "v1")
    _changed(tmp_path / "v2")
    monkeypatch.chdir(tmp_path)
    run = cli(*args)
    printed = (run.out + run.err).rstrip("\n")
    if language == "json":
        assert _same(json.loads(shown), json.loads(printed))
    elif shown.rstrip("\n").endswith("\n..."):
        head = shown.rstrip("\n").removesuffix("\n...")
        assert head == printed[: len(head)]
    else:
        assert shown.rstrip("\n") == printed
