"""``competency fmt``: canonical key order and style, with every comment and text kept."""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import textwrap
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given, settings
from hypothesis import strategies as st

from competency.edit import FormatError, format_paths, format_text
from competency.load import parse_yaml
from tests.conftest import EXAMPLES, MATRICES, ROOT, Run

SCALE = ("learning", "practising", "proficient", "leading")


@pytest.fixture
def shipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder holding copies of matrices/ and examples/."""
    shutil.copytree(MATRICES, tmp_path / "matrices")
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _texts(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*.yaml"))
    }


def _comments(text: str) -> Counter[str]:
    """Comments of files without ``#`` inside their texts: whole lines and line ends."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        match = re.search(r"(?:^|\s)(#.*)$", line)
        if match:
            found[match.group(1).rstrip()] += 1
    return found


def _scalars(text: str) -> Counter[str]:
    """Every scalar of a document, keys included, from PyYAML's node graph."""
    found: Counter[str] = Counter()
    nodes = [yaml.compose(text, Loader=yaml.BaseLoader)]
    while nodes:
        node = nodes.pop()
        if isinstance(node, yaml.ScalarNode):
            found[node.value] += 1
        elif isinstance(node, yaml.SequenceNode):
            nodes.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            nodes.extend(part for pair in node.value for part in pair)
    return found


def _data(text: str) -> object:
    data, _, problems = parse_yaml(text, "<test>")
    assert problems == []
    return data


def _formatted(text: str) -> str:
    return format_text(textwrap.dedent(text), scale=SCALE)


# --- the shipped framework --------------------------------------------------------------


@dataclass(frozen=True)
class Formatted:
    """Copies of matrices/ and examples/ after one fmt, and their texts before and after."""

    folder: Path
    before: dict[str, str]
    after: dict[str, str]


@pytest.fixture(scope="module")
def formatted(tmp_path_factory: pytest.TempPathFactory) -> Formatted:
    """The shipped files formatted once (fmt of the whole framework takes seconds)."""
    folder = tmp_path_factory.mktemp("shipped")
    shutil.copytree(MATRICES, folder / "matrices")
    shutil.copytree(EXAMPLES, folder / "examples")
    before = _texts(folder)
    format_paths([folder / "matrices", folder / "examples"], write=True)
    return Formatted(folder, before, _texts(folder))


def test_formatting_the_shipped_files_keeps_every_comment(formatted: Formatted) -> None:
    """No comment of matrices/ or examples/ is lost, added or changed by fmt."""
    expected = {name: _comments(text) for name, text in formatted.before.items()}
    assert expected == {name: _comments(text) for name, text in formatted.after.items()}


def test_formatting_the_shipped_files_keeps_every_text(formatted: Formatted) -> None:
    """Every scalar (ids, texts, keys) of matrices/ and examples/ is the same after fmt."""
    expected = {name: _scalars(text) for name, text in formatted.before.items()}
    assert expected == {name: _scalars(text) for name, text in formatted.after.items()}


def test_formatting_the_shipped_files_keeps_their_data(formatted: Formatted) -> None:
    """The strict loader reads the same data from every file before and after fmt."""
    expected = {name: _data(text) for name, text in formatted.before.items()}
    assert expected == {name: _data(text) for name, text in formatted.after.items()}


def test_fmt_is_idempotent_on_the_shipped_files(formatted: Formatted) -> None:
    """A second fmt would change nothing (checked without writing, the folder is shared)."""
    folder = formatted.folder
    report = format_paths([folder / "matrices", folder / "examples"], write=False)
    expected: tuple[list[object], dict[str, str]] = ([], formatted.after)
    assert expected == (report.changed, _texts(folder))


def test_shipped_files_are_in_canonical_form(cli: Callable[..., Run]) -> None:
    """`competency fmt --check` passes on the repository's matrices/ and examples/."""
    run = cli("fmt", "--check", MATRICES, EXAMPLES)
    expected = (0, "")
    assert expected == (run.status, run.out)


# --- order ------------------------------------------------------------------------------


def test_keys_follow_the_order_of_the_format() -> None:
    """A role's keys, and its levels' keys, come in docs/format.md's order."""
    text = """\
        levels:
          - expects:
              troubleshooting: learning
            grade: g1
            title: One
            id: l1
        title: Engineer
        track: ic
        id: engineer
        kind: role
        format: competency/v1
        """
    expected = textwrap.dedent(
        """\
        format: competency/v1
        kind: role
        id: engineer
        title: Engineer
        track: ic
        levels:
          - id: l1
            title: One
            grade: g1
            expects:
              troubleshooting: learning
        """
    )
    assert expected == _formatted(text)


def test_steps_of_a_competency_follow_the_scale() -> None:
    """A competency's steps are ordered as the framework's scale, lowest first."""
    text = """\
        format: competency/v1
        kind: competency
        id: c
        name: C
        category: craft
        steps:
          proficient:
            behaviours:
              - id: b
                text: Does B.
          learning:
            behaviours:
              - id: a
                text: Does A.
        """
    assert list(yaml.safe_load(_formatted(text))["steps"]) == ["learning", "proficient"]


def test_behaviour_keys_are_id_text_replaces_examples() -> None:
    """Nested maps are ordered too: a behaviour is id, text, replaces, examples."""
    text = """\
        format: competency/v1
        kind: competency
        id: c
        name: C
        category: craft
        steps:
          proficient:
            behaviours:
              - examples: [Fixed it.]
                replaces: [a]
                text: Does B.
                id: b
        """
    behaviour = yaml.safe_load(_formatted(text))["steps"]["proficient"]["behaviours"][0]
    assert list(behaviour) == ["id", "text", "replaces", "examples"]


def test_the_keys_of_revision_1_2_follow_the_order_of_the_format() -> None:
    """An evidence file's history (and its framework stamp), manager, assessor and
    suggested items come in the models' order."""
    text = """\
        items:
          - suggested: true
            shows: [a.b]
            summary: S
            source: system
            date: 2026-01-02
        history:
          - framework:
              hash: "sha256:00"
              version: 1.0.0
            by: panel
            date: 2025-06-01
            level: r@l1
        assessments:
          - date: 2026-01-01
            assessor: dana-k
            by: manager
            step: practising
            competency: a
        level: l1
        role: r
        person:
          manager: dana-k
          id: amara-o
        kind: evidence
        format: competency/v1
        """
    expected = textwrap.dedent(
        """\
        format: competency/v1
        kind: evidence
        person:
          id: amara-o
          manager: dana-k
        role: r
        level: l1
        history:
          - level: r@l1
            date: 2025-06-01
            by: panel
            framework:
              version: 1.0.0
              hash: "sha256:00"
        items:
          - date: 2026-01-02
            source: system
            summary: S
            shows:
              - a.b
            suggested: true
        assessments:
          - competency: a
            step: practising
            by: manager
            assessor: dana-k
            date: 2026-01-01
        """
    )
    assert expected == _formatted(text)


def test_resources_and_mappings_follow_the_order_of_the_format() -> None:
    """A step's resources are title, kind, url; a mapping's rules are when, shows, with
    when's field first."""
    competency = """\
        format: competency/v1
        kind: competency
        id: c
        name: C
        category: craft
        steps:
          proficient:
            resources:
              - url: https://example.com
                kind: course
                title: RCA
            behaviours:
              - id: b
                text: Does B.
        """
    mapping = """\
        rules:
          - shows: [a.b]
            when: {contains: x, field: Tags}
        people: {a@example.com: amara-o}
        fields: {summary: S, person: P, date: D, id: I}
        source: system
        id: zendesk
        kind: evidence-mapping
        format: competency/v1
        """
    step = yaml.safe_load(_formatted(competency))["steps"]["proficient"]
    data = yaml.safe_load(_formatted(mapping))
    expected = (
        ["behaviours", "resources"],
        ["title", "kind", "url"],
        ["format", "kind", "id", "source", "fields", "people", "rules"],
        ["id", "date", "person", "summary"],
        ["when", "shows"],
        ["field", "contains"],
    )
    actual = (
        list(step),
        list(step["resources"][0]),
        list(data),
        list(data["fields"]),
        list(data["rules"][0]),
        list(data["rules"][0]["when"]),
    )
    assert expected == actual


def test_unknown_keys_follow_the_known_ones_in_their_order() -> None:
    """Keys the format does not know are kept, after the known keys, as they were."""
    text = """\
        zeta: 1
        kind: paths
        alpha: 2
        format: competency/v1
        """
    assert list(yaml.safe_load(_formatted(text))) == ["format", "kind", "zeta", "alpha"]


def test_a_comment_above_a_key_moves_with_the_key() -> None:
    """The comment lines above a key stay above it when the key moves."""
    text = """\
        kind: evidence
        format: competency/v1
        # who the evidence is about
        person:
          id: amara-o
        # their role
        role: support-engineer
        """
    expected = textwrap.dedent(
        """\
        format: competency/v1
        kind: evidence
        # who the evidence is about
        person:
          id: amara-o
        # their role
        role: support-engineer
        """
    )
    assert expected == _formatted(text)


def test_an_end_of_line_comment_stays_on_its_line() -> None:
    """A comment at the end of a key's line moves with that key."""
    text = """\
        kind: paths  # the kind
        format: competency/v1  # the format
        moves: []
        """
    expected = "format: competency/v1  # the format\nkind: paths  # the kind\nmoves: []\n"
    assert expected == _formatted(text)


def test_flow_collections_become_block_style() -> None:
    """Flow mappings and lists are written in block style."""
    text = """\
        format: competency/v1
        kind: evidence
        person: {id: amara-o, name: Amara}
        role: support-engineer
        items:
          - {id: x, date: 2026-01-01, source: self, summary: Did it., shows: [a.b, c.d]}
        """
    expected = textwrap.dedent(
        """\
        format: competency/v1
        kind: evidence
        person:
          id: amara-o
          name: Amara
        role: support-engineer
        items:
          - id: x
            date: 2026-01-01
            source: self
            summary: Did it.
            shows:
              - a.b
              - c.d
        """
    )
    assert expected == _formatted(text)


def test_indentation_becomes_two_spaces() -> None:
    """A file indented by four spaces is indented by two."""
    text = """\
        format: competency/v1
        kind: paths
        moves:
            -   from: a@b
                to: c@d
                type: promotion
        """
    expected = "moves:\n  - from: a@b\n    to: c@d\n    type: promotion\n"
    assert expected == _formatted(text).split("kind: paths\n")[1]


def test_long_texts_stay_on_their_line() -> None:
    """A long text is not folded onto several lines."""
    long = "Does " + "a long thing " * 20 + "well."
    text = f"format: competency/v1\nkind: paths\nnote: {long}\n"
    assert text == format_text(text)


def test_quoting_of_strings_is_kept() -> None:
    """Quoted strings keep their quotes."""
    text = "format: 'competency/v1'\nkind: \"paths\"\nmoves: []\n"
    assert text == format_text(text)


def test_a_comment_inside_a_flow_list_goes_above_its_item() -> None:
    """A comment between the items of a flow list ends up above the item that follows it."""
    text = "format: competency/v1\nkind: paths\nlocales: [en, # English\n  fr]\n"
    expected = "format: competency/v1\nkind: paths\nlocales:\n  - en\n  # English\n  - fr\n"
    assert expected == format_text(text)


def test_a_comment_that_cannot_be_kept_leaves_the_file_as_it_is() -> None:
    """A comment inside a flow mapping stops formatting with a positioned problem."""
    text = "format: competency/v1\nkind: evidence\nperson: {id: a, # the id\n  name: b}\n"
    with pytest.raises(FormatError) as raised:
        format_text(text)
    expected = (3, True)
    assert expected == (raised.value.problem.line, "comment" in raised.value.problem.message)


# --- properties ---------------------------------------------------------------------------

_KEYS = ("format", "kind", "id", "title", "track", "family", "summary", "why", "levels")
_LEVEL_KEYS = ("id", "title", "grade", "summary", "scope", "metrics")


@st.composite
def _role_text(draw: st.DrawFn) -> str:
    """A role-like file: known keys in any order, comments above and after some of them."""
    words = st.text(alphabet="abcdefgh ", min_size=1, max_size=12).map(str.strip).filter(bool)

    def comment(indent: int) -> str:
        return " " * indent + "# " + draw(words) + "\n" if draw(st.booleans()) else ""

    def eol() -> str:
        return "  # " + draw(words) if draw(st.booleans()) else ""

    lines = ""
    for key in draw(st.permutations(_KEYS)):
        lines += comment(0)
        if key != "levels":
            lines += f"{key}: {draw(words)}{eol()}\n"
            continue
        lines += f"levels:{eol()}\n"
        for _ in range(draw(st.integers(1, 2))):
            keys = draw(st.permutations(_LEVEL_KEYS))
            for number, level_key in enumerate(keys):
                lines += "" if number == 0 else comment(4)
                dash = "  - " if number == 0 else "    "
                if level_key == "metrics":
                    lines += f"{dash}metrics:{eol()}\n      - name: {draw(words)}\n"
                else:
                    lines += f"{dash}{level_key}: {draw(words)}{eol()}\n"
    return lines + comment(0)


@settings(max_examples=60, deadline=None)
@given(_role_text())
def test_any_order_and_comments_come_out_canonical_and_kept(text: str) -> None:
    """Whatever the order and comments, fmt keeps data, comments and texts and is stable."""
    formatted = format_text(text)
    expected = (_data(text), _comments(text), _scalars(text), formatted)
    assert expected == (
        _data(formatted),
        _comments(formatted),
        _scalars(formatted),
        format_text(formatted),
    )


# --- files and the command ---------------------------------------------------------------


def _unordered(folder: Path) -> Path:
    path = folder / "matrices" / "paths.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("kind: paths\nformat: competency/v1\nmoves: []\n", encoding="utf-8")
    return path


def test_check_lists_the_files_that_would_change_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Run]
) -> None:
    """--check prints each file that would change and exits 1, writing nothing."""
    path = _unordered(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = path.read_bytes()
    run = cli("fmt", "--check")
    expected = (1, "matrices/paths.yaml\n", before)
    assert expected == (run.status, run.out, path.read_bytes())


def test_check_exits_0_when_nothing_would_change(
    formatted: Formatted, cli: Callable[..., Run]
) -> None:
    """--check exits 0 on files already in canonical form."""
    expected = (0, "")
    run = cli("fmt", "--check", formatted.folder / "matrices")
    assert expected == (run.status, run.out)


def test_fmt_rewrites_and_names_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Run]
) -> None:
    """Without --check the files are rewritten, named on stdout, and the exit status is 0."""
    path = _unordered(tmp_path)
    monkeypatch.chdir(tmp_path)
    run = cli("fmt", "matrices")
    expected = (0, "reformatted matrices/paths.yaml\n", "format: competency/v1\nkind: paths\n")
    assert expected == (run.status, run.out, path.read_text(encoding="utf-8")[:34])


def test_invalid_yaml_is_reported_with_its_place_and_left_alone(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    """A file that is not valid YAML: file:line:column on stderr, exit 1, bytes unchanged."""
    path = tmp_path / "broken.yaml"
    path.write_text("kind: paths\nmoves: [a\n", encoding="utf-8")
    run = cli("fmt", path)
    expected = (1, f"{path}:3:1: Y100", b"kind: paths\nmoves: [a\n")
    assert expected == (run.status, run.err[: len(expected[1])], path.read_bytes())


def test_other_files_are_formatted_when_one_is_broken(tmp_path: Path) -> None:
    """A broken file does not stop the others from being formatted."""
    (tmp_path / "a.yaml").write_text("moves: [a\n", encoding="utf-8")
    _unordered(tmp_path)
    report = format_paths([tmp_path], write=True)
    expected = (["matrices/paths.yaml"], 1)
    changed = [Path(f.file.display).relative_to(tmp_path).as_posix() for f in report.changed]
    assert expected == (changed, len(report.problems))


def test_unchanged_files_are_not_rewritten(shipped: Path) -> None:
    """A file already in canonical form is not written (same inode, same modification time)."""
    path = shipped / "matrices" / "competencies" / "troubleshooting.yaml"
    before = os.stat(path)
    format_paths([path], write=True)
    after = os.stat(path)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)


def test_a_rewritten_file_keeps_its_permissions_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    """The new file has the old one's mode, and nothing else is left in the folder."""
    path = _unordered(tmp_path)
    path.chmod(0o640)
    format_paths([path], write=True)
    expected = (0o640, ["paths.yaml"])
    assert expected == (stat.S_IMODE(path.stat().st_mode), os.listdir(path.parent))


def test_a_byte_order_mark_is_kept(tmp_path: Path) -> None:
    """A file that starts with a BOM still starts with one."""
    path = tmp_path / "paths.yaml"
    path.write_bytes(b"\xef\xbb\xbfkind: paths\nformat: competency/v1\n")
    format_paths([path], write=True)
    assert path.read_bytes() == b"\xef\xbb\xbfformat: competency/v1\nkind: paths\n"


@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links need privileges on Windows")
def test_a_symbolic_link_is_not_written_through(tmp_path: Path, cli: Callable[..., Run]) -> None:
    """A link to a file that would change is reported (exit 1); neither link nor file change."""
    target = _unordered(tmp_path)
    link = tmp_path / "link.yaml"
    link.symlink_to(target)
    before = target.read_bytes()
    run = cli("fmt", link)
    expected = (1, "", True, before, True)
    assert expected == (
        run.status,
        run.out,
        "symbolic link" in run.err,
        target.read_bytes(),
        link.is_symlink(),
    )


def test_file_names_are_printed_safely(tmp_path: Path, cli: Callable[..., Run]) -> None:
    """A control character in a file's name is printed as an escape, never as itself."""
    path = tmp_path / "evil\x1b[2J.yaml"
    path.write_text("kind: paths\nformat: competency/v1\n", encoding="utf-8")
    run = cli("fmt", "--check", tmp_path)
    expected = (1, f"{tmp_path}/evil\\x1b[2J.yaml\n")
    assert expected == (run.status, run.out)


def test_folders_are_walked_for_yaml_and_yml(tmp_path: Path) -> None:
    """Both *.yaml and *.yml files are found below a folder; other files are not."""
    for name in ("a.yaml", "sub/b.yml", "c.txt", ".hidden/d.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("kind: paths\nformat: competency/v1\n", encoding="utf-8")
    report = format_paths([tmp_path], write=False)
    found = sorted(Path(f.file.display).relative_to(tmp_path).as_posix() for f in report.files)
    assert found == ["a.yaml", "sub/b.yml"]


def test_without_ruamel_fmt_is_a_usage_error(
    shipped: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Run]
) -> None:
    """Without the fmt extra the command explains what to install and exits 2."""
    monkeypatch.setitem(sys.modules, "ruamel.yaml", None)
    run = cli("fmt", "--check")
    expected = (2, True)
    assert expected == (run.status, "competency[fmt]" in run.err)


def test_pre_commit_hook_checks_the_format() -> None:
    """The published hooks include `competency fmt --check`, with ruamel.yaml installed."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = {h["id"]: h for h in hooks}["competency-fmt"]
    expected = ("competency fmt --check", "python", False, True)
    assert expected == (
        hook["entry"],
        hook["language"],
        hook["pass_filenames"],
        any(dep.startswith("ruamel.yaml") for dep in hook["additional_dependencies"]),
    )


def test_the_edit_package_imports_only_the_core() -> None:
    """competency.edit uses the standard library, the core, loader, references and files.

    ruamel.yaml is imported inside the functions that need it, so the other
    commands never load it.
    """
    import ast

    allowed = {
        "competency.model",
        "competency.load",
        "competency.references",
        "competency.diagnostics",
        "competency.files",
        "competency.folders",
        "competency.modeline",
    }
    found: set[str] = set()
    for path in sorted((ROOT / "src" / "competency" / "edit").glob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
    outside = {
        name
        for name in found
        if name.split(".")[0] not in sys.stdlib_module_names
        and name not in allowed
        and not name.startswith("competency.edit")
    }
    assert outside == set()


def test_every_key_of_the_models_has_a_place_in_the_order() -> None:
    """Each field of each model is in fmt's order for its mapping, so none is pushed last."""
    import competency.model as model
    from competency.edit import fmt

    level = fmt._ROLE.fields["levels"]
    shapes = {
        "FrameworkInfo": fmt._FRAMEWORK,
        "Step": fmt._FRAMEWORK.fields["scale"],
        "Category": fmt._FRAMEWORK.fields["categories"],
        "Track": fmt._FRAMEWORK.fields["tracks"],
        "Grade": fmt._FRAMEWORK.fields["grades"],
        "External": fmt._FRAMEWORK.fields["externals"],
        "Readiness": fmt._READINESS,
        "Competency": fmt._COMPETENCY,
        "CompetencyStep": fmt._COMPETENCY.fields["steps"].each,
        "Behaviour": fmt._BEHAVIOURS,
        "HiringKit": fmt._COMPETENCY.fields["hiring"],
        "Reference": fmt._COMPETENCY.fields["references"],
        "Role": fmt._ROLE,
        "Level": level,
        "Expectation": level.fields["expects"].each,
        "Metric": level.fields["metrics"],
        "Paths": fmt._PATHS,
        "Move": fmt._PATHS.fields["moves"],
        "Evidence": fmt._EVIDENCE,
        "Confirmation": fmt._EVIDENCE.fields["confirmed"],
        "Person": fmt._EVIDENCE.fields["person"],
        "EvidenceItem": fmt._EVIDENCE.fields["items"],
        "Assessment": fmt._EVIDENCE.fields["assessments"],
        "NotApplicable": fmt._EVIDENCE.fields["not_applicable"],
    }
    missing = {
        (name, field.alias or key)
        for name, shape in shapes.items()
        if hasattr(model, name)
        for key, field in getattr(model, name).model_fields.items()
        if shape is not None and (field.alias or key) not in shape.keys
    }
    assert missing == set()


# --- dates that are no dates, and suppression comments (issue 26, item 3) ----------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "kind: paths\nformat: competency/v1\nnote: 2024-02-30\n",
            "format: competency/v1\nkind: paths\nnote: 2024-02-30\n",
            id="a 30th of February in a text field",
        ),
        pytest.param(
            "format: competency/v1\nkind: evidence\n"
            "items:\n  - {summary: Did it., id: x, date: 2024-02-30}\n",
            "format: competency/v1\nkind: evidence\n"
            "items:\n  - id: x\n    date: 2024-02-30\n    summary: Did it.\n",
            id="a 30th of February as an item date",
        ),
        pytest.param(
            "kind: paths\nformat: competency/v1\nat: 2024-01-01T25:00:00\n",
            "format: competency/v1\nkind: paths\nat: 2024-01-01T25:00:00\n",
            id="an hour 25",
        ),
        pytest.param(
            "kind: paths\nformat: competency/v1\nsince: 0000-01-01\n",
            "format: competency/v1\nkind: paths\nsince: 0000-01-01\n",
            id="the year 0",
        ),
        pytest.param(
            "kind: paths\nformat: competency/v1\n2024-02-30: x\n2024-01-01: y\n",
            "format: competency/v1\nkind: paths\n2024-02-30: x\n2024-01-01: y\n",
            id="date-like mapping keys",
        ),
        pytest.param(
            "kind: paths\nformat: competency/v1\nat: 2024-01-01 10:00:00.5+01:00\n",
            "format: competency/v1\nkind: paths\nat: 2024-01-01 10:00:00.5+01:00\n",
            id="a real time stays written as it was",
        ),
    ],
)
def test_dates_that_are_no_dates_are_formatted_as_the_text_they_are(
    text: str, expected: str
) -> None:
    """A date or time that is no real one is text: fmt orders the file and keeps it verbatim."""
    assert expected == format_text(text)


def test_each_file_that_cannot_be_formatted_is_reported_and_the_others_formatted(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    """A file fmt cannot format: file:line:column on stderr, the later files formatted, exit 1."""
    unordered = "kind: paths\nformat: competency/v1\nwhen: 2024-02-30\nmoves: []\n"
    (tmp_path / "a.yaml").write_text(unordered, encoding="utf-8")
    stuck = "format: competency/v1\nkind: evidence\nperson: {id: a, # the id\n  name: b}\n"
    (tmp_path / "b.yaml").write_text(stuck, encoding="utf-8")
    (tmp_path / "c.yaml").write_text(unordered.replace("2024-02-30", "2024-13-01"), "utf-8")
    run = cli("fmt", tmp_path)
    ordered = "format: competency/v1\nkind: paths\n"
    expected = (1, f"{tmp_path / 'b.yaml'}:3:1: ", stuck, ordered, ordered)
    assert expected == (
        run.status,
        run.err[: len(expected[1])],
        (tmp_path / "b.yaml").read_text(encoding="utf-8"),
        (tmp_path / "a.yaml").read_text(encoding="utf-8")[: len(ordered)],
        (tmp_path / "c.yaml").read_text(encoding="utf-8")[: len(ordered)],
    )


def test_a_failure_inside_ruamel_is_a_positioned_problem_not_a_crash(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Whatever ruamel.yaml raises while rebuilding a file becomes a FormatError for that file."""
    from competency.edit import fmt

    def fail(text: str, scale: object) -> object:
        raise ValueError("day is out of range for month")

    monkeypatch.setattr(fmt, "_reordered", fail)
    with pytest.raises(FormatError) as raised:
        format_text("kind: paths\nformat: competency/v1\n", display="x.yaml")
    expected = "x.yaml:1:1: cannot format: ValueError: day is out of range for month"
    assert expected == str(raised.value).split(";")[0]


def test_a_flow_mapping_with_a_suppression_stays_on_its_line() -> None:
    """A flow collection ending in '# competency: ignore[...]' keeps its line (keys ordered)."""
    text = (
        "format: competency/v1\nkind: evidence\n"
        "person: {name: A, id: a}  # competency: ignore[Q100]\n"
        "items:\n  - {summary: Some of it., id: x}  # competency: ignore[Q100]\n"
        "  - {id: y, summary: Did it.}\n"
    )
    expected = (
        "format: competency/v1\nkind: evidence\n"
        "person: {id: a, name: A}  # competency: ignore[Q100]\n"
        "items:\n  - {id: x, summary: Some of it.}  # competency: ignore[Q100]\n"
        "  - id: y\n    summary: Did it.\n"
    )
    assert expected == format_text(text)


def test_a_suppression_that_would_change_lines_leaves_the_file_as_it_is() -> None:
    """A suppression after a flow mapping spread over lines cannot keep its keys: FormatError."""
    text = "kind: evidence\nperson: {name: A,\n   id: a}  # competency: ignore[Q100]\n"
    with pytest.raises(FormatError) as raised:
        format_text(text)
    expected = (3, True)
    assert expected == (raised.value.problem.line, "suppresses" in raised.value.problem.message)


def test_validate_strict_gives_the_same_answer_before_and_after_fmt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Run]
) -> None:
    """A vague behaviour in a suppressed flow mapping: validate --strict passes after fmt too."""
    shutil.copytree(ROOT / "tests" / "acceptance" / "base", tmp_path, dirs_exist_ok=True)
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "matrices" / "competencies" / "troubleshooting.yaml"
    text = path.read_text(encoding="utf-8")
    old = (
        "      - id: reproduces-first\n"
        "        text: Reproduces the reported problem before escalating it.\n"
    )
    new = (
        "      - {text: Reproduces some problems before escalating them., id: reproduces-first}"
        "  # competency: ignore[Q100]\n"
    )
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    before = cli("validate", "--strict", "matrices").status
    formatted = cli("fmt", "matrices")
    after = cli("validate", "--strict", "matrices").status
    expected = (0, 0, 0, True)
    assert expected == (
        before,
        formatted.status,
        after,
        "id: reproduces-first, text" in path.read_text(encoding="utf-8"),
    )


def _dropped(text: str) -> set[tuple[bool, object]]:
    """The keys and values whose Q100 warning the file's comments drop (check.suppress)."""
    from competency.check.suppress import LintOptions, suppress
    from competency.diagnostics import Diagnostic
    from competency.load import Document

    data, positions, problems = parse_yaml(text, "f.yaml")
    assert problems == []
    document = Document(Path("f.yaml"), "f.yaml", data, positions, [], raw=text.encode())
    places = [(False, loc, point) for loc, point in positions.values.items()]
    places += [(True, loc, point) for loc, point in positions.keys.items()]
    warnings = [
        Diagnostic.make("f.yaml", line, column, "Q100", "vague") for _, _, (line, column) in places
    ]
    kept = suppress(warnings, [document], LintOptions())
    left = {(d.line, d.column) for d in kept}
    return {(is_key, loc) for is_key, loc, point in places if point not in left}


@st.composite
def _suppressed_text(draw: st.DrawFn) -> str:
    """A role-like file, some collections in flow style, some lines ending in a suppression."""
    words = st.text(alphabet="abcdefgh ", min_size=1, max_size=8).map(str.strip).filter(bool)

    def eol() -> str:
        return draw(st.sampled_from(["", "", "  # " + draw(words), "  # competency: ignore[Q100]"]))

    lines = ""
    for key in draw(st.permutations(_KEYS)):
        if key != "levels":
            lines += f"{key}: {draw(words)}{eol()}\n"
            continue
        lines += f"levels:{eol()}\n"
        for _ in range(draw(st.integers(1, 3))):
            keys = draw(st.permutations(_LEVEL_KEYS[:5]))
            pairs = [(level_key, draw(words)) for level_key in keys]
            if draw(st.booleans()):
                inner = ", ".join(f"{k}: {v}" for k, v in pairs)
                lines += f"  - {{{inner}}}{eol()}\n"
                continue
            for number, (level_key, value) in enumerate(pairs):
                lines += ("  - " if number == 0 else "    ") + f"{level_key}: {value}{eol()}\n"
    return lines


@settings(max_examples=80, deadline=None)
@given(_suppressed_text())
def test_formatting_never_changes_the_data_or_what_is_suppressed(text: str) -> None:
    """Property: fmt keeps the loaded data and the keys and values each suppression drops.

    A file fmt leaves as it is (a suppression that would change lines) keeps both trivially;
    the events show how often that happens (rarely: see --hypothesis-show-statistics).
    """
    try:
        formatted = format_text(text)
    except FormatError:
        event("left as it is")
        formatted = text
    else:
        event("formatted")
    expected = (_data(text), _dropped(text))
    assert expected == (_data(formatted), _dropped(formatted))
