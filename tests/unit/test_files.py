"""competency.files and every command that writes: atomic, all or nothing, never through a link.

Failures are injected while writing (``os.fsync`` or ``os.replace`` refusing
part-way), and the previous output must be there, byte for byte, afterwards.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from competency.files import StagedFiles, WriteError, write_file, write_files
from tests.acceptance.support import BASE
from tests.conftest import Run

FRAMEWORK = BASE / "matrices"


def _snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry below `folder`: a file's bytes, or a link's target text."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_file():
            found[name] = path.read_bytes()
    return found


def _fail_on_call(monkeypatch: pytest.MonkeyPatch, name: str, call: int) -> None:
    """Make the `call`-th use of ``os.<name>`` raise OSError(ENOSPC), a failure part-way."""
    real = getattr(os, name)
    count = {"n": 0}

    def failing(*args: object, **kwargs: object) -> object:
        count["n"] += 1
        if count["n"] == call:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)


def test_a_new_file_is_written(tmp_path: Path) -> None:
    """A file that did not exist is created with the bytes given and no temporary left."""
    write_file(tmp_path / "a.txt", b"new")
    assert _snapshot(tmp_path) == {"a.txt": b"new"}


def test_an_existing_file_is_kept_without_replace(tmp_path: Path) -> None:
    """Without `replace`, an existing file stops the write and keeps its bytes."""
    (tmp_path / "a.txt").write_bytes(b"mine")
    with pytest.raises(WriteError, match="exists"):
        write_file(tmp_path / "a.txt", b"new")
    assert _snapshot(tmp_path) == {"a.txt": b"mine"}


def test_a_dangling_link_is_never_written_through(tmp_path: Path) -> None:
    """A symbolic link to a missing file is 'something there': refused, its target not created."""
    (tmp_path / "out.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    with pytest.raises(WriteError):
        write_file(tmp_path / "out.yaml", b"new")
    assert (tmp_path / "elsewhere.yaml").exists() is False


def test_replacing_a_live_link_replaces_the_link_not_its_target(tmp_path: Path) -> None:
    """With `replace`, a link at the target becomes a file; the file it pointed to is untouched."""
    (tmp_path / "precious.txt").write_bytes(b"precious")
    (tmp_path / "out.txt").symlink_to(tmp_path / "precious.txt")
    write_file(tmp_path / "out.txt", b"new", replace=True)
    assert _snapshot(tmp_path) == {"out.txt": b"new", "precious.txt": b"precious"}


def test_a_folder_linking_outside_is_refused_before_writing(tmp_path: Path) -> None:
    """A target whose folder is a link leading outside `inside` is refused; nothing is written."""
    (tmp_path / "out").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "out" / "sub").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    files = {tmp_path / "out" / "a.txt": b"a", tmp_path / "out" / "sub" / "b.txt": b"b"}
    with pytest.raises(WriteError, match="leads outside"):
        write_files(files, inside=tmp_path / "out")
    assert (_snapshot(tmp_path / "elsewhere"), (tmp_path / "out" / "a.txt").exists()) == ({}, False)


def test_dot_dot_cannot_leave_the_folder(tmp_path: Path) -> None:
    """A target named with ``..`` that leads outside `inside` is refused."""
    (tmp_path / "out").mkdir()
    with pytest.raises(WriteError, match="leads outside"):
        write_file(tmp_path / "out" / ".." / "escaped.txt", b"x", inside=tmp_path / "out")
    assert (tmp_path / "escaped.txt").exists() is False


@pytest.mark.parametrize(("name", "call"), [("fsync", 2), ("replace", 2), ("link", 2)])
def test_a_failure_part_way_leaves_every_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, call: int
) -> None:
    """When the file system refuses the second file, the first is put back too; no temporaries."""
    (tmp_path / "a.txt").write_bytes(b"old a")
    (tmp_path / "b.txt").write_bytes(b"old b")
    before = _snapshot(tmp_path)
    _fail_on_call(monkeypatch, name, call)
    files = {tmp_path / "a.txt": b"new a", tmp_path / "b.txt": b"new b", tmp_path / "c.txt": b"c"}
    with pytest.raises(WriteError, match="No space left"):
        write_files(files, replace=True)
    assert _snapshot(tmp_path) == before


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    """Replacing a file keeps its mode bits (an executable stays executable)."""
    target = tmp_path / "a.sh"
    target.write_bytes(b"old")
    target.chmod(0o750)
    write_file(target, b"new", replace=True)
    assert (target.stat().st_mode & 0o777, target.read_bytes()) == (0o750, b"new")


def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    """A new file gets 0o666 less the umask, not mkstemp's private 0o600."""
    previous = os.umask(0o022)
    try:
        write_file(tmp_path / "a.txt", b"x")
    finally:
        os.umask(previous)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644


def test_a_folder_at_the_target_is_refused(tmp_path: Path) -> None:
    """A folder where the file should go is never replaced, even when replacing is allowed."""
    (tmp_path / "a.txt").mkdir()
    with pytest.raises(WriteError, match="other than a file"):
        write_file(tmp_path / "a.txt", b"x", replace=True)


# --- the commands -------------------------------------------------------------------


def test_template_onto_a_dangling_link_creates_nothing_outside(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    """`template evidence -o LINK` with a dangling LINK exits 2; the link's target never appears."""
    outside = tmp_path / "outside.yaml"
    (tmp_path / "me.yaml").symlink_to(outside)
    run = cli(
        "template", "evidence", "--target", "specialist@sp2", "--matrices", FRAMEWORK,
        "-o", tmp_path / "me.yaml",
    )  # fmt: skip
    assert (run.status, outside.exists()) == (2, False)


def test_template_force_over_a_live_link_leaves_its_target(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    """`template evidence -o LINK --force` replaces the link with the file; its target is kept."""
    precious = tmp_path / "precious.yaml"
    precious.write_text("mine\n", encoding="utf-8")
    (tmp_path / "me.yaml").symlink_to(precious)
    run = cli(
        "template", "evidence", "--target", "specialist@sp2", "--matrices", FRAMEWORK,
        "-o", tmp_path / "me.yaml", "--force",
    )  # fmt: skip
    actual = (run.status, precious.read_text(encoding="utf-8"), (tmp_path / "me.yaml").is_symlink())
    assert actual == (0, "mine\n", False)


def test_template_failing_part_way_keeps_the_old_file(
    tmp_path: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`template --force` that fails while writing exits 2 and leaves the old file as it was."""
    target = tmp_path / "me.yaml"
    target.write_text("old\n", encoding="utf-8")
    _fail_on_call(monkeypatch, "fsync", 1)
    run = cli(
        "template", "evidence", "--target", "specialist@sp2", "--matrices", FRAMEWORK,
        "-o", target, "--force",
    )  # fmt: skip
    assert (run.status, _snapshot(tmp_path)) == (2, {"me.yaml": b"old\n"})


def test_render_failing_part_way_keeps_the_previous_output(
    tmp_path: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A render that fails on its third file exits 2; the previous render is intact."""
    out = tmp_path / "out"
    assert cli("render", FRAMEWORK, "--format", "md", "--out", out).status == 0
    before = _snapshot(out)
    (FRAMEWORK_COPY := tmp_path / "m").mkdir()
    shutil.copytree(FRAMEWORK, FRAMEWORK_COPY, dirs_exist_ok=True)
    path = FRAMEWORK_COPY / "competencies" / "empathy.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("Customer", "Client"), "utf-8")
    _fail_on_call(monkeypatch, "fsync", 3)
    run = cli("render", FRAMEWORK_COPY, "--format", "md", "--out", out)
    assert (run.status, _snapshot(out) == before) == (2, True)


def test_schema_keeps_a_file_it_did_not_write(tmp_path: Path, cli: Callable[..., Run]) -> None:
    """`schema --out` over a file of the same name that is not our schema exits 2 and keeps it."""
    (tmp_path / "role.schema.json").write_text('{"mine": true}\n', encoding="utf-8")
    run = cli("schema", "--out", tmp_path)
    assert (run.status, _snapshot(tmp_path)) == (2, {"role.schema.json": b'{"mine": true}\n'})


def test_schema_force_replaces_a_file_it_did_not_write(
    tmp_path: Path, cli: Callable[..., Run]
) -> None:
    """`schema --out --force` replaces a file of the same name; then --check passes."""
    (tmp_path / "role.schema.json").write_text('{"mine": true}\n', encoding="utf-8")
    written = cli("schema", "--out", tmp_path, "--force").status
    assert (written, cli("schema", "--out", tmp_path, "--check").status) == (0, 0)


def test_schema_rewrites_its_own_files(tmp_path: Path, cli: Callable[..., Run]) -> None:
    """A second `schema --out` replaces the schemas the first wrote, without --force."""
    cli("schema", "--out", tmp_path)
    (tmp_path / "role.schema.json").write_text(
        '{"$id": "https://competency.dev/schemas/v1/role.schema.json"}', encoding="utf-8"
    )
    assert (
        cli("schema", "--out", tmp_path).status,
        cli("schema", "--check", "--out", tmp_path).status,
    ) == (0, 0)


@pytest.mark.parametrize("where", ["/proc/competency-cannot", "file"])
def test_schema_onto_an_impossible_path_is_a_clean_error(
    tmp_path: Path, cli: Callable[..., Run], where: str
) -> None:
    """`schema --out` where no folder can be made exits 2 with a message, not an internal error."""
    out = Path(where) if where.startswith("/") else tmp_path / where
    if where == "file":
        out.write_text("x", encoding="utf-8")
    run = cli("schema", "--out", out / "sub")
    assert (run.status, "internal error" in run.err, "cannot write" in run.err) == (2, False, True)


def test_schema_failing_part_way_writes_nothing(
    tmp_path: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A schema run that fails on its third file leaves the folder as it was."""
    _fail_on_call(monkeypatch, "fsync", 3)
    assert (cli("schema", "--out", tmp_path).status, _snapshot(tmp_path)) == (2, {})


def test_new_framework_failing_part_way_creates_nothing(
    tmp_path: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`new framework` that fails on its fourth file leaves no file behind."""
    _fail_on_call(monkeypatch, "fsync", 4)
    run = cli("new", "framework", tmp_path / "fw", "--id", "acme")
    assert (run.status != 0, _snapshot(tmp_path)) == (True, {})


def test_fmt_failing_part_way_keeps_the_file(
    tmp_path: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`fmt` that fails while writing leaves the file byte for byte as it was."""
    shutil.copytree(FRAMEWORK, tmp_path / "m")
    path = tmp_path / "m" / "framework.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: tiny", "id:   tiny"), "utf-8")
    before = _snapshot(tmp_path)
    _fail_on_call(monkeypatch, "fsync", 1)
    run = cli("fmt", tmp_path / "m")
    assert (run.status != 0, _snapshot(tmp_path) == before) == (True, True)


def test_rename_failing_part_way_keeps_every_file(
    tmp_path: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`rename` that fails on its second file leaves every file (and file name) as it was."""
    shutil.copytree(FRAMEWORK, tmp_path / "m")
    before = _snapshot(tmp_path)
    _fail_on_call(monkeypatch, "fsync", 2)
    run = cli("rename", "competency", "empathy", "care", "--matrices", tmp_path / "m")
    assert (run.status != 0, _snapshot(tmp_path) == before) == (True, True)


@pytest.mark.parametrize(("name", "call"), [("fsync", 2), ("replace", 2), ("link", 2)])
def test_staged_files_failing_part_way_leave_every_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, call: int
) -> None:
    """Files staged one at a time and committed together: a failure while staging or
    committing the second puts every file back, and no temporary file is left."""
    (tmp_path / "a.txt").write_bytes(b"old a")
    (tmp_path / "b.txt").write_bytes(b"old b")
    before = _snapshot(tmp_path)
    _fail_on_call(monkeypatch, name, call)
    files = {tmp_path / "a.txt": b"new a", tmp_path / "b.txt": b"new b", tmp_path / "c.txt": b"c"}
    with pytest.raises(WriteError, match="No space left"):
        _stage_and_commit(files)
    assert before == _snapshot(tmp_path)


def test_staged_files_without_a_commit_change_nothing(tmp_path: Path) -> None:
    """Leaving the block without committing removes the temporary files it staged."""
    (tmp_path / "a.txt").write_bytes(b"old a")
    before = _snapshot(tmp_path)
    with pytest.raises(KeyError):
        _stage_and_commit({tmp_path / "a.txt": b"new a"}, stop=True)
    assert before == _snapshot(tmp_path)


def test_staged_files_keep_no_bytes_once_staged(tmp_path: Path) -> None:
    """A staged file's bytes are on disk, not in memory, until the commit puts it in place."""
    with StagedFiles() as staged:
        staged.stage(tmp_path / "a.txt", b"new a")
        assert [plan.data for plan in staged._plans] == [b""]
        assert [tmp_path / "a.txt"] == staged.commit()
    assert (tmp_path / "a.txt").read_bytes() == b"new a"


def _stage_and_commit(files: dict[Path, bytes], *, stop: bool = False) -> None:
    """Stage `files` one at a time, then commit them (or raise KeyError instead, with `stop`)."""
    with StagedFiles(replace=True) as staged:
        for path, data in files.items():
            staged.stage(path, data)
        if stop:
            raise KeyError("stopped")
        staged.commit()
