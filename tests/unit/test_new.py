"""``competency new``: valid, explained starting files that never replace anything."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

import competency.model
from competency import load_framework
from competency.schema import SCHEMA_BASE_URI
from tests.conftest import MATRICES, ROOT, Run

#: Every key the format knows, from the models.
FIELDS = {
    field.alias or name
    for model in vars(competency.model).values()
    if isinstance(model, type) and issubclass(model, BaseModel)
    for name, field in model.model_fields.items()
}
FRAMEWORK_FILES = [
    "competencies/coaching.yaml",
    "competencies/customer-communication.yaml",
    "competencies/troubleshooting.yaml",
    "framework.yaml",
    "paths.yaml",
    "roles/support-lead.yaml",
    "roles/support-specialist.yaml",
]


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def shipped(here: Path) -> Path:
    """A working folder holding a copy of matrices/."""
    shutil.copytree(MATRICES, here / "matrices")
    return here


@pytest.fixture
def started(here: Path, cli: Callable[..., Run]) -> Path:
    """A working folder with a new framework in ladders/."""
    assert cli("new", "framework", "ladders").status == 0
    return here / "ladders"


def _uncommented(path: Path) -> set[str]:
    """The format's keys in a file that no comment explains (on their line or just above)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    seen, explained = set(), set()
    for number, line in enumerate(lines):
        match = re.match(r"^\s*(?:- )?([a-z_]+):", line)
        if not match or match.group(1) not in FIELDS:
            continue
        seen.add(match.group(1))
        if re.search(r"\s#", line) or lines[number - 1].lstrip().startswith("#"):
            explained.add(match.group(1))
    return seen - explained


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# --- new framework ----------------------------------------------------------------------------


def test_new_framework_writes_the_files_of_a_framework(started: Path) -> None:
    """framework.yaml, three competencies, two roles and paths.yaml."""
    expected = FRAMEWORK_FILES
    assert expected == sorted(_files(started))


def test_new_framework_passes_strict_validation(started: Path, cli: Callable[..., Run]) -> None:
    """The new framework validates with no diagnostic at all, even under --strict."""
    run = cli("validate", started, "--strict")
    expected = (0, "")
    assert expected == (run.status, run.out)


def test_new_framework_renders_as_html(started: Path, cli: Callable[..., Run]) -> None:
    """`competency render --format html` publishes it."""
    run = cli("render", started, "--format", "html", "--out", started.parent / "site")
    expected = (0, True)
    assert expected == (run.status, (started.parent / "site" / "index.html").is_file())


def test_new_framework_has_roles_with_two_levels_and_named_steps(started: Path) -> None:
    """Each role has two levels or more; the scale's names are words."""
    roles = [yaml.safe_load(p.read_text("utf-8")) for p in (started / "roles").glob("*.yaml")]
    scale = yaml.safe_load((started / "framework.yaml").read_text("utf-8"))["scale"]
    expected = (True, True)
    assert expected == (
        all(len(role["levels"]) >= 2 for role in roles),
        all(re.fullmatch(r"[A-Z][a-z]+", step["name"]) for step in scale),
    )


def test_new_framework_is_already_formatted(started: Path, cli: Callable[..., Run]) -> None:
    """`competency fmt --check` finds nothing to change in it."""
    expected = 0
    assert expected == cli("fmt", "--check", started).status


@pytest.mark.parametrize("name", FRAMEWORK_FILES)
def test_every_new_file_starts_with_the_schema_modeline(started: Path, name: str) -> None:
    """The first line points yaml-language-server at the published schema of the file's kind."""
    kind = yaml.safe_load((started / name).read_text("utf-8"))["kind"]
    first = (started / name).read_text("utf-8").splitlines()[0]
    assert f"# yaml-language-server: $schema={SCHEMA_BASE_URI}{kind}.schema.json" == first


@pytest.mark.parametrize("name", FRAMEWORK_FILES)
def test_every_key_of_a_new_file_is_explained(started: Path, name: str) -> None:
    """Each key of the format in the file has a comment on its line or the line above."""
    assert set() == _uncommented(started / name)


def test_modelines_point_at_a_schemas_folder_beside_the_framework(
    here: Path, cli: Callable[..., Run]
) -> None:
    """With schemas/ next to the framework folder, the modelines are relative paths to it."""
    shutil.copytree(ROOT / "schemas", here / "schemas")
    cli("new", "framework", "ladders")
    first = (here / "ladders" / "roles" / "support-lead.yaml").read_text("utf-8").splitlines()[0]
    expected = "# yaml-language-server: $schema=../../schemas/role.schema.json"
    assert expected == first


def test_new_framework_takes_its_id_from_the_folder(started: Path) -> None:
    """Without --id, the framework's id is the folder's name."""
    expected = "ladders"
    assert expected == yaml.safe_load((started / "framework.yaml").read_text("utf-8"))["id"]


def test_new_framework_with_an_id_and_a_title(here: Path, cli: Callable[..., Run]) -> None:
    """--id and --title set the framework's id and title."""
    cli("new", "framework", "My Ladders", "--id", "acme", "--title", "Acme careers")
    data = yaml.safe_load((here / "My Ladders" / "framework.yaml").read_text("utf-8"))
    expected = ("acme", "Acme careers")
    assert expected == (data["id"], data["title"])


@pytest.mark.parametrize("title", ["Careers: support # 2026", "yes", "404", "Équipe & support"])
def test_any_title_is_written_so_that_it_reads_back(
    here: Path, cli: Callable[..., Run], title: str
) -> None:
    """A title with YAML's special characters, or one that looks like a number, stays text."""
    cli("new", "framework", "ladders", "--title", title)
    data = yaml.safe_load((here / "ladders" / "framework.yaml").read_text("utf-8"))
    expected = (title, 0)
    assert expected == (data["title"], cli("validate", "ladders", "--strict").status)


def test_a_folder_name_that_is_no_id_needs_an_id(here: Path, cli: Callable[..., Run]) -> None:
    """A folder named "My Ladders" without --id: exit 2, a hint, nothing written."""
    run = cli("new", "framework", "My Ladders")
    expected = (2, True, False)
    assert expected == (run.status, "--id" in run.err, (here / "My Ladders").exists())


def test_new_framework_goes_into_an_empty_folder(here: Path, cli: Callable[..., Run]) -> None:
    """An existing empty folder is used."""
    (here / "ladders").mkdir()
    expected = 0
    assert expected == cli("new", "framework", "ladders").status


def test_new_framework_refuses_a_folder_with_files(here: Path, cli: Callable[..., Run]) -> None:
    """A folder that holds anything: exit 2, a clear message, the folder unchanged."""
    (here / "ladders").mkdir()
    (here / "ladders" / "notes.txt").write_text("mine\n", encoding="utf-8")
    run = cli("new", "framework", "ladders")
    expected = (2, True, {"notes.txt": b"mine\n"})
    assert expected == (run.status, "not an empty folder" in run.err, _files(here / "ladders"))


# --- new role and new competency -------------------------------------------------------------


def test_new_role_keeps_the_shipped_framework_valid(shipped: Path, cli: Callable[..., Run]) -> None:
    """A role added to matrices/ validates under --strict with the rest."""
    cli("new", "role", "data-analyst")
    run = cli("validate", "matrices", "--strict")
    expected = (0, "", True)
    assert expected == (
        run.status,
        run.out,
        (shipped / "matrices/roles/data-analyst.yaml").is_file(),
    )


def test_new_role_has_two_levels_the_second_adding_a_behaviour(
    shipped: Path, cli: Callable[..., Run]
) -> None:
    """The role's second level adds a behaviour of its own (the long form)."""
    cli("new", "role", "data-analyst")
    role = yaml.safe_load((shipped / "matrices/roles/data-analyst.yaml").read_text("utf-8"))
    added = [v for v in role["levels"][1]["expects"].values() if isinstance(v, dict)]
    expected = (2, 1)
    assert expected == (len(role["levels"]), len(added[0]["behaviours"]))


def test_new_competency_keeps_the_shipped_framework_valid(
    shipped: Path, cli: Callable[..., Run]
) -> None:
    """A competency added to matrices/ validates under --strict with the rest."""
    cli("new", "competency", "negotiation")
    run = cli("validate", "matrices", "--strict")
    expected = (0, "", True)
    assert expected == (
        run.status,
        run.out,
        (shipped / "matrices/competencies/negotiation.yaml").is_file(),
    )


@pytest.mark.parametrize(("kind", "folder"), [("role", "roles"), ("competency", "competencies")])
def test_new_role_and_competency_files_are_explained_and_formatted(
    shipped: Path, cli: Callable[..., Run], kind: str, folder: str
) -> None:
    """Every key is explained, and fmt finds nothing to change."""
    cli("new", kind, "new-thing")
    path = shipped / "matrices" / folder / "new-thing.yaml"
    expected: tuple[set[str], int] = (set(), 0)
    assert expected == (_uncommented(path), cli("fmt", "--check", path).status)


@pytest.mark.parametrize("kind", ["role", "competency"])
@pytest.mark.parametrize("taken", ["troubleshooting", "support-engineer"])
def test_an_id_that_is_taken_is_refused(
    shipped: Path, cli: Callable[..., Run], kind: str, taken: str
) -> None:
    """Roles and competencies share ids: either one taken means exit 2 and no change."""
    before = _files(shipped)
    run = cli("new", kind, taken)
    expected = (2, True, before)
    assert expected == (run.status, "already" in run.err, _files(shipped))


@pytest.mark.parametrize("bad", ["Data_Analyst", "2nd-line", "x" * 65, "data--analyst"])
def test_an_invalid_id_is_refused(shipped: Path, cli: Callable[..., Run], bad: str) -> None:
    """An id that does not match the id pattern: exit 2 and a message naming it."""
    run = cli("new", "role", bad)
    expected = (2, True)
    assert expected == (run.status, "is not a valid role id" in run.err)


def test_new_role_needs_a_framework_folder(here: Path, cli: Callable[..., Run]) -> None:
    """--matrices that is not a framework folder: exit 2."""
    run = cli("new", "role", "data-analyst", "--matrices", "nowhere")
    expected = (2, True)
    assert expected == (run.status, "not a framework folder" in run.err)


# --- new evidence ---------------------------------------------------------------------------


def test_new_evidence_validates_against_the_framework(
    shipped: Path, cli: Callable[..., Run]
) -> None:
    """The evidence file written for a role validates against matrices/."""
    cli("new", "evidence", "people/amara-o.yaml", "--role", "support-engineer", "--level", "se1")
    run = cli("validate", "people/amara-o.yaml", "--matrices", "matrices", "--strict")
    expected = (0, "")
    assert expected == (run.status, run.out)


def test_new_evidence_names_the_person_role_level_and_no_item(
    shipped: Path, cli: Callable[..., Run]
) -> None:
    """Person (from the file's name), role, level, and no item: nothing made up counts as evidence.

    It once wrote an example item dated today, which counted until replaced;
    it now writes the scaffold of `template evidence` (docs/decisions.md).
    """
    cli("new", "evidence", "amara-o.yaml", "--role", "support-engineer", "--level", "se1")
    data = yaml.safe_load((shipped / "amara-o.yaml").read_text("utf-8"))
    expected: tuple[str, str, str, list[object]] = ("amara-o", "support-engineer", "se1", [])
    assert expected == (data["person"]["id"], data["role"], data["level"], data["items"])


def test_new_evidence_offers_an_item_per_expected_competency(
    shipped: Path, cli: Callable[..., Run]
) -> None:
    """Commented out, an item per competency of the target lists every behaviour it expects."""
    cli("new", "evidence", "amara-o.yaml", "--role", "support-engineer", "--level", "se1")
    text = (shipped / "amara-o.yaml").read_text("utf-8")
    listed = re.findall(r"^#       - (\S+)$", text, flags=re.MULTILINE)
    expected = [
        info.ref
        for part in load_framework("matrices").expected("support-engineer@se2")
        for info in part.behaviours
    ]
    assert expected == listed


def test_new_and_template_evidence_write_the_same_file(
    shipped: Path, cli: Callable[..., Run]
) -> None:
    """`new evidence` and `template evidence` for the same person and levels write one text."""
    cli("new", "evidence", "new.yaml", "--person", "amara-o", "--role", "support-engineer")
    target = ["--target", "support-engineer@se2", "--person", "amara-o", "-o", "template.yaml"]
    cli("template", "evidence", *target)
    expected = (shipped / "new.yaml").read_text("utf-8")
    assert expected == (shipped / "template.yaml").read_text("utf-8")


def test_new_evidence_names_its_target_and_comments_out_confirmed(
    shipped: Path, cli: Callable[..., Run]
) -> None:
    """`target` is written; `confirmed` (date, by) is a comment, a fact only a manager adds."""
    cli("new", "evidence", "amara-o.yaml", "--role", "support-engineer", "--level", "se1")
    text = (shipped / "amara-o.yaml").read_text("utf-8")
    expected = (True, True, True, True)
    assert expected == (
        "\n# confirmed:" in text,
        "\n#   by: manager" in text,
        "\ntarget: support-engineer@se2" in text,
        "\nconfirmed:" not in text,
    )


def test_new_evidence_is_explained_and_formatted(shipped: Path, cli: Callable[..., Run]) -> None:
    """Every key is explained, and fmt finds nothing to change."""
    cli("new", "evidence", "amara-o.yaml")
    path = shipped / "amara-o.yaml"
    expected: tuple[set[str], int] = (set(), 0)
    assert expected == (_uncommented(path), cli("fmt", "--check", path).status)


def test_new_evidence_refuses_an_existing_file(shipped: Path, cli: Callable[..., Run]) -> None:
    """An existing file: exit 2, a message, the file unchanged."""
    (shipped / "amara-o.yaml").write_text("mine\n", encoding="utf-8")
    run = cli("new", "evidence", "amara-o.yaml")
    expected = (2, True, "mine\n")
    assert expected == (
        run.status,
        "exists" in run.err,
        (shipped / "amara-o.yaml").read_text("utf-8"),
    )


def test_new_evidence_refuses_an_unknown_role(shipped: Path, cli: Callable[..., Run]) -> None:
    """A role the framework does not have: exit 2, nothing written."""
    run = cli("new", "evidence", "amara-o.yaml", "--role", "astronaut")
    expected = (2, True, False)
    assert expected == (run.status, "unknown role" in run.err, (shipped / "amara-o.yaml").exists())


def test_new_evidence_needs_a_person_id(shipped: Path, cli: Callable[..., Run]) -> None:
    """A file name that is no id, without --person: exit 2 and a hint."""
    run = cli("new", "evidence", "Amara O.yaml")
    expected = (2, True)
    assert expected == (run.status, "--person" in run.err)


def test_new_evidence_refuses_a_framework_with_errors(
    shipped: Path, cli: Callable[..., Run]
) -> None:
    """A framework that does not validate: its errors on stderr, exit 1, nothing written."""
    (shipped / "matrices/roles/broken.yaml").write_text("id: [x\n", encoding="utf-8")
    run = cli("new", "evidence", "amara-o.yaml")
    expected = (1, True, False)
    assert expected == (
        run.status,
        "matrices/roles/broken.yaml:2:1: Y100" in run.err,
        (shipped / "amara-o.yaml").exists(),
    )


def test_a_framework_that_does_not_load_is_reported(shipped: Path, cli: Callable[..., Run]) -> None:
    """A YAML error in the framework: its place on stderr, exit 1, nothing written."""
    (shipped / "matrices/roles/broken.yaml").write_text("id: [x\n", encoding="utf-8")
    run = cli("new", "competency", "negotiation")
    expected = (1, "matrices/roles/broken.yaml:2:1: Y100", False)
    assert expected == (
        run.status,
        run.err[: len(expected[1])],
        (shipped / "matrices/competencies/negotiation.yaml").exists(),
    )
