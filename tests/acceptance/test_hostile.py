"""Hostile input: every file is refused with the right code, promptly, and nothing runs.

Each test writes one file next to a copy of the base framework and runs
``competency validate`` on it. The promises: the exit status is 1, the
diagnostic names the right code at the right place, no traceback is printed,
memory stays bounded, and no test outlives the hang guard.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from tests.acceptance.support import codes, diagnostic_lines
from tests.conftest import Run

import competency

pytestmark = pytest.mark.usefixtures("hang_guard")

HEAD = "format: competency/v1\nkind: evidence\nperson: {id: zoe-o}\nrole: specialist\n"
"""The first lines of a valid evidence file, so that only the hostile part is wrong."""
MEMORY_LIMIT = 50 * 1024 * 1024
DEEP = 20_000


def _validate(cli: Callable[..., Run], name: str, content: str | bytes) -> Run:
    path = Path("evidence") / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return cli("validate", "matrices", str(path))


def _outcome(run: Run, code: str) -> dict[str, object]:
    """What every hostile test checks: the status, the code's lines, and no traceback."""
    return {
        "status": run.status,
        "lines": diagnostic_lines(run.out, code),
        "traceback": "Traceback" in run.out + run.err,
    }


def _peak_memory(path: Path) -> int:
    """The most memory Python allocates while `competency.validate` checks `path`."""
    tracemalloc.start()
    try:
        competency.validate([path], matrices="matrices")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _billion_laughs() -> str:
    """Nine levels of nine aliases: 9**9, nearly 400 million lols, if anything expanded them."""
    lines = [HEAD, "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"]
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n")
    return "".join(lines)


def test_alias_bomb_is_refused_at_its_first_anchor(base: Path, cli: Callable[..., Run]) -> None:
    """A billion-laughs document gives Y102 at its first anchor, not a traceback."""
    run = _validate(cli, "bomb.yaml", _billion_laughs())
    outcome = _outcome(run, "Y102")
    outcome["lines"] = diagnostic_lines(run.out, "Y102")[:1]
    expected = {
        "status": 1,
        "lines": [
            "evidence/bomb.yaml:5:4: error Y102 YAML anchor '&a' is not allowed; "
            "write the value out in full"
        ],
        "traceback": False,
    }
    assert expected == outcome


def test_alias_bomb_reports_at_most_the_problem_cap(base: Path, cli: Callable[..., Run]) -> None:
    """Past 100 anchors and aliases in one file, Y111 says the rest is not reported."""
    extra = "".join(f"z{n}: [{', '.join(['*i'] * 9)}]\n" for n in range(3))
    run = _validate(cli, "bomb.yaml", _billion_laughs() + extra)
    expected = {
        "status": 1,
        "lines": [
            "evidence/bomb.yaml:16:10: error Y111 more than 100 problems; "
            "the rest of this file is not reported"
        ],
        "traceback": False,
    }
    assert expected == _outcome(run, "Y111")


def test_alias_bomb_memory_stays_bounded(base: Path) -> None:
    """Checking the billion-laughs document allocates far less than 50 MB."""
    path = Path("evidence/bomb.yaml")
    path.write_text(_billion_laughs(), encoding="utf-8")
    assert _peak_memory(path) < MEMORY_LIMIT


def _open_payload(target: Path) -> str:
    """A value that, loaded unsafely, calls open(target, "w") and so creates the file."""
    return f'!!python/object/apply:builtins.open ["{target}", "w"]'


def _eval_gadget(target: Path) -> str:
    """The tuple/map/eval gadget: loaded unsafely, python/object/new runs eval on the text."""
    return (
        "!!python/object/new:tuple [!!python/object/new:map "
        f"[!!python/name:eval , [\"open('{target}', 'w').close()\"]]]"
    )


@pytest.mark.parametrize("payload", [_open_payload, _eval_gadget], ids=["apply", "new"])
def test_python_object_payload_is_refused_and_runs_nothing(
    base: Path, cli: Callable[..., Run], payload: Callable[[Path], str]
) -> None:
    """A python/object tag whose payload would create a file gives Y104; the file never appears."""
    target = base / "created-by-payload"
    run = _validate(cli, "payload.yaml", f"{HEAD}notes: {payload(target)}\n")
    outcome = _outcome(run, "Y104")
    expected = {"status": 1, "first": "evidence/payload.yaml:5:8", "traceback": False}
    actual = {
        "status": outcome["status"],
        "first": diagnostic_lines(run.out, "Y104")[0].split(": ")[0],
        "traceback": outcome["traceback"],
    }
    assert (expected, False) == (actual, target.exists())


@pytest.mark.parametrize("payload", [_open_payload, _eval_gadget], ids=["apply", "new"])
def test_the_payload_does_run_under_an_unsafe_loader(
    tmp_path: Path, payload: Callable[[Path], str]
) -> None:
    """Control for the test above: PyYAML's unsafe loader runs the same payload."""
    target = tmp_path / "created-by-payload"
    yaml.unsafe_load(f"notes: {payload(target)}\n")
    assert target.exists()


@pytest.mark.parametrize(
    "tag", ["!!python/name:os.system", "!!python/module:os", "!!binary", "!custom", "!!str"]
)
def test_every_explicit_tag_is_refused(base: Path, cli: Callable[..., Run], tag: str) -> None:
    """Any explicit tag, even a harmless standard one, gives Y104 where the tagged value starts."""
    run = _validate(cli, "tagged.yaml", f"{HEAD}notes: {tag} x\n")
    lines = [line.split(" explicit")[0] for line in diagnostic_lines(run.out, "Y104")]
    assert (run.status, lines) == (1, ["evidence/tagged.yaml:5:8: error Y104"])


@pytest.mark.parametrize(
    ("content", "column"),
    [("items: " + "[" * DEEP + "]" * DEEP, 71), ("items: " + "{a: " * DEEP + "}" * DEEP, 260)],
    ids=["flow lists", "flow mappings"],
)
def test_deep_flow_nesting_stops_at_the_depth_limit(
    base: Path, cli: Callable[..., Run], content: str, column: int
) -> None:
    """20,000 levels of flow nesting give Y108 where the 64th level opens."""
    run = _validate(cli, "deep.yaml", f"{HEAD}{content}\n")
    expected = {
        "status": 1,
        "lines": [
            f"evidence/deep.yaml:5:{column}: error Y108 nested more than 64 levels deep; "
            "the formats need far fewer"
        ],
        "traceback": False,
    }
    assert expected == _outcome(run, "Y108")


def test_deep_block_nesting_stops_at_the_depth_limit(base: Path, cli: Callable[..., Run]) -> None:
    """20,000 block sequences on one line give Y108 where the 64th opens."""
    run = _validate(cli, "deep.yaml", f"{HEAD}items:\n" + "- " * DEEP + "x\n")
    expected = {
        "status": 1,
        "lines": [
            "evidence/deep.yaml:6:127: error Y108 nested more than 64 levels deep; "
            "the formats need far fewer"
        ],
        "traceback": False,
    }
    assert expected == _outcome(run, "Y108")


@pytest.mark.parametrize(
    "content",
    ["[" * DEEP + "]" * DEEP, "{a: " * DEEP + "}" * DEEP, "- " * DEEP + "x"],
    ids=["flow lists", "flow mappings", "block lists"],
)
def test_deep_nesting_memory_stays_bounded(base: Path, content: str) -> None:
    """Checking 20,000-deep nesting allocates far less than 50 MB."""
    path = Path("evidence/deep.yaml")
    path.write_text(content + "\n", encoding="utf-8")
    assert _peak_memory(path) < MEMORY_LIMIT


def test_three_mib_file_is_refused_without_being_parsed(
    base: Path, cli: Callable[..., Run]
) -> None:
    """A 3 MiB file gives Y107 alone: the Latin-1 byte and syntax error inside are never seen."""
    content = b"\xe9: [unclosed\n" + b"# padding\n" * (3 * 1024 * 1024 // 10)
    run = _validate(cli, "big.yaml", content)
    size = f"{len(content):,}"
    expected = {
        "status": 1,
        "lines": [
            f"evidence/big.yaml:1:1: error Y107 file is {size} bytes, over the 2,097,152-byte "
            "limit (raise the size limit if this is intended)"
        ],
        "traceback": False,
        "codes": ["Y107"],
    }
    assert expected == {**_outcome(run, "Y107"), "codes": codes(run.out)}


@pytest.mark.parametrize(
    ("content", "line"),
    [
        (HEAD.encode() + b"notes: Caf\xe9\n", "5:11: error Y106 byte 0xe9 is not valid UTF-8"),
        (HEAD.encode() + b"notes: a\x00b\n", "5:9: error Y106 NUL character in a text file"),
        (b"\x00" * 64, "1:1: error Y106 NUL character in a text file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "1:1: error Y106 byte 0x89 is not valid UTF-8"),
        (HEAD.encode() + b"notes: \xed\xa0\x80\n", "5:8: error Y106 byte 0xed is not valid UTF-8"),
        (
            HEAD.encode() + b"notes: a\x1bb\n",
            "5:9: error Y106 control character U+001B is not allowed in a YAML file",
        ),
    ],
    ids=["latin-1", "nul-byte", "all-nul", "binary", "utf-16-surrogate", "escape-character"],
)
def test_bytes_that_are_not_text_are_refused(
    base: Path, cli: Callable[..., Run], content: bytes, line: str
) -> None:
    """Latin-1, NUL, binary and control characters give Y106 at the first bad character."""
    run = _validate(cli, "bytes.yaml", content)
    outcome = _outcome(run, "Y106")
    outcome["lines"] = [found.split(";")[0] for found in diagnostic_lines(run.out, "Y106")]
    expected = {"status": 1, "lines": [f"evidence/bytes.yaml:{line}"], "traceback": False}
    assert expected == outcome


@pytest.mark.parametrize(
    "content",
    ["", "\n\n\n", "# only a comment\n# and another\n", "\ufeff"],
    ids=["empty", "blank-lines", "comments-only", "bom-only"],
)
def test_file_without_content_is_refused(base: Path, cli: Callable[..., Run], content: str) -> None:
    """A file with nothing but whitespace, comments or a BOM gives Y109 at its start."""
    run = _validate(cli, "empty.yaml", content)
    expected = {
        "status": 1,
        "lines": ["evidence/empty.yaml:1:1: error Y109 file is empty"],
        "traceback": False,
    }
    assert expected == _outcome(run, "Y109")


def test_two_documents_are_refused(base: Path, cli: Callable[..., Run]) -> None:
    """A second document gives Y105 where it starts."""
    run = _validate(cli, "two.yaml", f"{HEAD}---\n{HEAD}")
    expected = {
        "status": 1,
        "lines": [
            "evidence/two.yaml:5:1: error Y105 a second YAML document starts here; "
            "a file holds one document"
        ],
        "traceback": False,
    }
    assert expected == _outcome(run, "Y105")


def test_syntax_error_is_reported_where_it_is(base: Path, cli: Callable[..., Run]) -> None:
    """An unclosed quote gives Y100 where the file ends, naming where the quote opened."""
    run = _validate(cli, "broken.yaml", f'{HEAD}notes: "never closed\n')
    expected = {
        "status": 1,
        "lines": [
            'evidence/broken.yaml:6:1: error Y100 the " that opens at line 5, '
            'column 8 is never closed; add the closing " at the end of the text'
        ],
        "traceback": False,
    }
    assert expected == _outcome(run, "Y100")


def test_complex_mapping_key_is_refused(base: Path, cli: Callable[..., Run]) -> None:
    """A key that is itself a list gives Y100 at the key."""
    run = _validate(cli, "key.yaml", f"{HEAD}? [a, b]\n: c\n")
    expected = {
        "status": 1,
        "lines": ["evidence/key.yaml:5:3: error Y100 a mapping key must be a plain string"],
        "traceback": False,
    }
    assert expected == _outcome(run, "Y100")


def test_huge_single_line_is_positioned_by_column(base: Path, cli: Callable[..., Run]) -> None:
    """A 1.5 MB line with a syntax error at its end gives Y100 at that far column."""
    width = 1_500_000
    run = _validate(cli, "wide.yaml", f"{HEAD}items: {'a' * width}: b\n")
    expected = {
        "status": 1,
        "lines": [
            f"evidence/wide.yaml:5:{8 + width}: error Y100 mapping values are not allowed "
            'in this context: the text of "items" holds ": ", which YAML reads as the start '
            f'of a key; quote the text, for example items: "{"a" * 59}…"'
        ],
        "traceback": False,
    }
    assert expected == _outcome(run, "Y100")


def test_top_level_list_is_refused(base: Path, cli: Callable[..., Run]) -> None:
    """A file that is a list, not a mapping, gives S102 at its start."""
    run = _validate(cli, "list.yaml", "- format: competency/v1\n- kind: evidence\n")
    expected = {
        "status": 1,
        "lines": [
            "evidence/list.yaml:1:1: error S102 expected a mapping with format and kind at the top"
        ],
        "traceback": False,
    }
    assert expected == _outcome(run, "S102")


def _crlf_with_bom(folder: Path) -> None:
    for path in folder.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))


def test_crlf_and_bom_files_are_valid(base: Path, cli: Callable[..., Run]) -> None:
    """The base framework and evidence, saved with CRLF line ends and a BOM, validate cleanly."""
    _crlf_with_bom(base)
    run = cli("validate", "matrices", "evidence", "--strict")
    expected = {"status": 0, "lines": []}
    assert expected == {"status": run.status, "lines": diagnostic_lines(run.out)}


def test_crlf_and_bom_keep_line_and_column(base: Path, cli: Callable[..., Run]) -> None:
    """In CRLF files with a BOM, errors are placed as in plain files, on line 1 as well."""
    role = base / "matrices/roles/specialist.yaml"
    role.write_text(role.read_text(encoding="utf-8").replace("grade: g2", "grade: g9"), "utf-8")
    evidence = base / "evidence/amara.yaml"
    text = evidence.read_text(encoding="utf-8")
    evidence.write_text(text.replace("competency/v1", "competency/v2"), encoding="utf-8")
    _crlf_with_bom(base)
    run = cli("validate", "matrices", "evidence")
    expected = [
        "evidence/amara.yaml:1:9: error F100 unsupported format 'competency/v2'; "
        "this tool reads competency/v1",
        "matrices/roles/specialist.yaml:15:12: error R104 unknown grade 'g9'",
    ]
    assert expected == diagnostic_lines(run.out)


def test_a_fifo_named_like_yaml_is_refused_without_blocking(tmp_path: Path) -> None:
    """A FIFO given as a file is Y110 at once: reading it would wait for a writer forever."""
    import os

    from competency.load import load_document

    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    document = load_document(fifo, "pipe.yaml")
    assert [str(d) for d in document.diagnostics] == [
        "pipe.yaml:1:1: error Y110 not a regular file"
    ]


# --- imports that never finish, or leave a mess (issue 26, items 1 and 2) ---------------


def test_an_import_reports_at_most_100_problems_and_one_y111(
    base: Path, cli: Callable[..., Run]
) -> None:
    """5,000 interior blank rows give 100 I103 lines and one Y111, not 5,000 lines."""
    header = "role,level,grade,competency,step,behaviour,text,replaces,locale,field\n"
    (base / "t.csv").write_text(header + "\n" * 5000 + ",,,,,,1.0,,,version\n", encoding="utf-8")
    run = cli("import", "t.csv", "--out", "imported")
    found = codes(run.out)
    expected = {"status": 1, "I103": 100, "Y111": 1, "lines": 101}
    actual = {
        "status": run.status,
        "I103": found.count("I103"),
        "Y111": found.count("Y111"),
        "lines": len(diagnostic_lines(run.out)),
    }
    assert expected == actual


def test_a_failed_import_leaves_nothing_so_a_rerun_is_not_refused(
    base: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write failing on the third file leaves no --out folder and no staging folder behind."""
    from competency.interop import importer

    assert cli("export", "matrices", "--format", "csv", "--out", "t.csv").status == 0
    real = importer.create_file  # type: ignore[attr-defined]  # the helper the test replaces
    written: list[Path] = []

    def fail_on_the_third(path: Path, data: bytes) -> None:
        written.append(path)
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(importer, "create_file", fail_on_the_third)
    failed = cli("import", "t.csv", "--out", "imported")
    left = sorted(p.name for p in base.iterdir() if "imported" in p.name)
    monkeypatch.setattr(importer, "create_file", real)
    again = cli("import", "t.csv", "--out", "imported")
    expected = {"failed": 2, "left": [], "again": 0, "framework": True}
    actual = {
        "failed": failed.status,
        "left": left,
        "again": again.status,
        "framework": (base / "imported" / "framework.yaml").is_file(),
    }
    assert expected == actual


def test_an_import_into_an_empty_folder_moves_the_files_into_it(
    base: Path, cli: Callable[..., Run]
) -> None:
    """An empty --out folder is replaced by the complete one; nothing else is left beside it."""
    assert cli("export", "matrices", "--format", "csv", "--out", "t.csv").status == 0
    (base / "imported").mkdir()
    run = cli("import", "t.csv", "--out", "imported")
    beside = sorted(p.name for p in base.iterdir() if "imported" in p.name)
    expected = {"status": 0, "beside": ["imported"], "framework": True}
    actual = {
        "status": run.status,
        "beside": beside,
        "framework": (base / "imported" / "framework.yaml").is_file(),
    }
    assert expected == actual


# --- nothing read is skipped in silence (issue 26 item 7) -------------------------------------
#
# This machine may run as root, for whom chmod 000 stops nothing: the refusal is simulated
# in-process by making `os.scandir` or `os.open` refuse one path, as a system would.


def _refuse(monkeypatch: pytest.MonkeyPatch, function: str, refused: Path) -> None:
    """Make `os.<function>` raise PermissionError for `refused` (and only for it)."""
    import os

    real = getattr(os, function)
    target = refused.resolve()

    def refusing(path: object, *args: object, **kwargs: object) -> object:
        if Path(os.fsdecode(path)).resolve() == target:  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fsdecode(path))  # type: ignore[arg-type]
        return real(path, *args, **kwargs)

    monkeypatch.setattr(os, function, refusing)


def _hidden_colleague() -> Path:
    """A third evidence file in a subfolder, naming the competency a rename will change."""
    folder = Path("evidence/team-b")
    folder.mkdir()
    amara = Path("evidence/amara.yaml").read_text("utf-8")
    (folder / "bea.yaml").write_text(amara.replace("amara-o", "bea-o"), "utf-8")
    return folder


@pytest.mark.parametrize("function", ["scandir", "open"])
def test_validate_reports_an_unreadable_subfolder_or_file(
    base: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch, function: str
) -> None:
    """A subfolder that cannot be listed, or a file that cannot be opened, is a Y110 naming it."""
    folder = _hidden_colleague()
    refused = folder if function == "scandir" else folder / "bea.yaml"
    _refuse(monkeypatch, function, refused)
    run = cli("validate", "matrices", "evidence")
    what = "folder" if function == "scandir" else "file"
    expected = (1, [f"{refused}:1:1: error Y110 cannot read {what}: Permission denied"])
    assert expected == (run.status, diagnostic_lines(run.out, "Y110"))


def test_team_reports_an_unreadable_subfolder(
    base: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """team names the folder it cannot read instead of reporting a smaller team."""
    folder = _hidden_colleague()
    _refuse(monkeypatch, "scandir", folder)
    run = cli("team", "evidence", "--as-of", "2026-11-01")
    expected = (1, [f"{folder}:1:1: error Y110 cannot read folder: Permission denied"])
    assert expected == (run.status, diagnostic_lines(run.out + run.err, "Y110"))


def test_rename_stops_at_an_unreadable_subfolder(
    base: Path, cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """rename writes nothing when a folder it was given cannot be read, and says which."""
    folder = _hidden_colleague()
    before = {path: path.read_bytes() for path in base.rglob("*.yaml")}
    _refuse(monkeypatch, "scandir", folder)
    run = cli(
        "rename", "competency", "troubleshooting", "debugging", "evidence", "--matrices", "matrices"
    )
    monkeypatch.undo()  # the real os.scandir again (and the first working folder)
    after = {path: path.read_bytes() for path in base.rglob("*.yaml")}
    expected = (1, True, True)
    assert expected == (run.status, str(folder) in run.out + run.err, before == after)


def test_an_unreadable_folder_is_reported_when_not_root(
    base: Path, cli: Callable[..., Run]
) -> None:
    """With real permissions (skipped for root, who reads everything), the folder is a Y110."""
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads a folder of mode 000")
    folder = _hidden_colleague()
    folder.chmod(0)
    try:
        run = cli("validate", "matrices", "evidence")
    finally:
        folder.chmod(0o755)
    expected = (1, [f"{folder}:1:1: error Y110 cannot read folder: Permission denied"])
    assert expected == (run.status, diagnostic_lines(run.out, "Y110"))


def test_a_link_to_a_file_that_never_ends_is_read_no_further_than_the_cap(
    base: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A regular file that reports a small size but never ends costs at most the cap plus one."""
    import os

    from competency.load import load_document

    path = Path("evidence/endless.yaml")
    path.write_bytes(b"x: 1\n")
    given: list[int] = []
    real_read = os.read

    def endless(descriptor: int, size: int) -> bytes:
        real_read(descriptor, size)
        given.append(size)
        return b"#" * size

    monkeypatch.setattr(os, "read", endless)
    document = load_document(path, max_bytes=10_000)
    expected = (["Y107"], 10_001)
    assert expected == ([d.code for d in document.diagnostics], sum(given))


def test_a_link_to_a_kernel_file_that_blocks_does_not_block(
    base: Path, cli: Callable[..., Run]
) -> None:
    """A symbolic link to /proc/kmsg (a file that waits for the kernel) is a Y110, promptly."""
    kmsg = Path("/proc/kmsg")
    if not kmsg.exists():
        pytest.skip("no /proc/kmsg here")
    Path("evidence/kmsg.yaml").symlink_to(kmsg)
    run = cli("validate", "matrices", "evidence")
    expected = (1, ["evidence/kmsg.yaml"])
    assert expected == (
        run.status,
        [line.split(":")[0] for line in diagnostic_lines(run.out, "Y110")],
    )


@pytest.mark.parametrize("kind", ["[]", "[role]", "{role: 1}"])
def test_a_kind_that_is_not_text_in_a_framework_folder_is_reported(
    base: Path, cli: Callable[..., Run], kind: str
) -> None:
    """A role file whose kind is a list or a mapping gets its diagnostic, not an internal error.

    The folder reader sorts files by kind as it reads them; an unhashable kind once
    stopped `validate` there with a TypeError.
    """
    role = base / "matrices" / "roles" / "specialist.yaml"
    role.write_text(role.read_text("utf-8").replace("kind: role\n", f"kind: {kind}\n", 1), "utf-8")
    run = cli("validate", "matrices")
    assert (run.status, "internal error" in run.err, "Traceback" in run.out + run.err) == (
        1,
        False,
        False,
    )
    assert any(line.startswith("matrices/roles/specialist.yaml:") for line in run.out.splitlines())


@pytest.mark.parametrize("levels", ["5", "true", "a text", "{sp1: x}"])
@pytest.mark.parametrize(
    "command",
    [
        ("rename", "competency", "empathy", "listening", "--matrices", "matrices", "--dry-run"),
        ("new", "role", "newcomer", "--matrices", "matrices"),
    ],
    ids=["rename", "new"],
)
def test_a_role_whose_levels_are_not_a_list_stops_no_edit_command(
    base: Path, cli: Callable[..., Run], levels: str, command: tuple[str, ...]
) -> None:
    """`rename` and `new` read every role's level ids; `levels: 5` once stopped them with a
    TypeError ("internal error") instead of leaving that role's levels out."""
    role = base / "matrices" / "roles" / "specialist.yaml"
    text = role.read_text("utf-8")
    role.write_text(text[: text.index("levels:")] + f"levels: {levels}\n", "utf-8")
    run = cli(*command)
    assert ("internal error" in run.err, "Traceback" in run.out + run.err) == (False, False)
