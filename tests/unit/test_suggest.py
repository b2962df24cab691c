# mypy: allow-redefinition
"""``competency suggest``: suggested evidence items from help-desk and tracker exports.

The evidence folder in tests/data/suggest/people has three people: Amara
(items by hand, comments, a folded summary last, assessments after), Ben
(``items: []``) and Chloé (no ``items`` key). Each shipped mapping reads its
example export in tests/data/exports, built from the tool's documented
column names.
"""

from __future__ import annotations

import json
import re
import shutil
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competency.files import WriteError
from competency.framework import Framework
from competency.interop.rows import ExportError, ExportRow, read_rows
from competency.interop.suggest import (
    SHIPPED_MAPPINGS,
    Skipped,
    _clean,
    item_id,
    row_date,
    shipped_mapping,
    suggest,
)
from competency.io import load_evidence, load_mapping
from tests.conftest import MATRICES, ROOT, Run

DATA = ROOT / "tests" / "data"
#: What a summary loses: controls and bidirectional controls (as suggest drops them).
_DROP = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
PEOPLE = DATA / "suggest" / "people"
EXPORTS = {
    "zendesk": DATA / "exports" / "zendesk-tickets.csv",
    "freshdesk": DATA / "exports" / "freshdesk-tickets.csv",
    "intercom": DATA / "exports" / "intercom-conversations.csv",
    "jira": DATA / "exports" / "jira-issues.csv",
    "github": DATA / "exports" / "github-prs.json",
}

MAPPING = """\
format: competency/v1
kind: evidence-mapping
id: desk
source: system
fields: {id: id, date: date, person: who, summary: subject, link: url}
people: {amara@example.com: amara-o}
rules:
  - when: {field: tags, contains: escalation}
    shows: [escalation-and-incidents.escalates-by-the-rules]
  - when: {field: tags, matches: 'bug'}
    shows:
      - product-collaboration.files-bug-reports
      - escalation-and-incidents.escalates-by-the-rules
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A copy of the sample evidence folder."""
    target = tmp_path / "people"
    shutil.copytree(PEOPLE, target)
    return target


def _mapping(tmp_path: Path, text: str = MAPPING) -> Path:
    path = tmp_path / "desk.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*.yaml"))}


def _without_new_lines(before: bytes, after: bytes) -> bool:
    """Whether `before` is `after` with only whole lines taken out (in order)."""
    old = before.splitlines(keepends=True)
    kept = iter(after.splitlines(keepends=True))
    return all(any(line == each for each in kept) for line in old)


@pytest.mark.parametrize("name", SHIPPED_MAPPINGS)
def test_each_shipped_mapping_makes_suggested_items_that_validate(
    name: str, folder: Path, cli: Callable[..., Run]
) -> None:
    """Each shipped mapping turns its example export into suggested items, and the
    evidence folder still validates."""
    before = _snapshot(folder)
    run = cli("suggest", EXPORTS[name], "--mapping", name, "--into", folder, "--format", "json")
    expected = 0
    assert expected == run.status, run.err
    added = json.loads(run.out)["added"]
    assert added, run.out
    assert all(entry["item"].startswith(f"{name}-") for entry in added)
    expected = 0
    assert expected == cli("validate", folder, "--matrices", MATRICES).status
    after = _snapshot(folder)
    for file, data in before.items():
        if data != after[file] and b"items: []" not in data:
            assert _without_new_lines(data, after[file]), file
    for entry in added:
        text = Path(entry["file"]).read_text(encoding="utf-8")
        assert f"- id: {entry['item']}\n" in text


def test_the_zendesk_export_rows_and_reasons(folder: Path, cli: Callable[..., Run]) -> None:
    """The Zendesk example: what is added (with the union of the rules' shows in rule
    order) and every skipped row with its number and reason."""
    run = cli(
        "suggest", EXPORTS["zendesk"], "--mapping", "zendesk", "--into", folder,
        "--format", "json",
    )  # fmt: skip
    expected = {
        "added": [
            {
                "person": "amara-o",
                "file": str(folder / "amara-o.yaml"),
                "item": "zendesk-4821",
                "shows": [
                    "escalation-and-incidents.escalates-by-the-rules",
                    "customer-empathy.acknowledges-impact",
                ],
            },
            {
                "person": "ben-t",
                "file": str(folder / "ben-t.yaml"),
                "item": "zendesk-4822",
                "shows": ["product-collaboration.files-bug-reports"],
            },
            {
                "person": "chloe-d",
                "file": str(folder / "chloe-d.yaml"),
                "item": "zendesk-4826",
                "shows": [
                    "quality-and-feedback.self-checks-against-rubric",
                    "commercial-acumen.runs-renewals",
                    "customer-empathy.acknowledges-impact",
                ],
            },
        ],
        "skipped": [
            {"row": 3, "reason": "no rule matches"},
            {
                "row": 4,
                "reason": "person 'Sam Jones' is not mapped (map it in the mapping's people "
                "or a people file)",
            },
            {"row": 5, "reason": "no value in 'Solved at' (the date field)"},
            {
                "row": 7,
                "reason": "'15/09/2026 10:29' in 'Solved at' is not an ISO date or date-time "
                "(YYYY-MM-DD...)",
            },
        ],
    }
    assert expected == json.loads(run.out)


def test_appending_keeps_every_byte_of_the_file(folder: Path, tmp_path: Path) -> None:
    """The new item goes after the last item's last line (a folded summary here), before
    the comment and the key that follow, and the rest of the file is byte for byte the
    same."""
    export = tmp_path / "rows.csv"
    export.write_text(
        "id,date,who,subject,tags,url\n"
        '77,2026-10-02T08:00:00Z,amara@example.com,"Sync: stuck, again",escalation,'
        "https://desk.example/77\n",
        encoding="utf-8",
    )
    before = (folder / "amara-o.yaml").read_text(encoding="utf-8")
    mapping = load_mapping(_mapping(tmp_path), _framework())
    report = suggest(export, mapping, folder, _framework())
    after = (folder / "amara-o.yaml").read_text(encoding="utf-8")
    new = (
        "  - id: desk-77\n"
        "    date: 2026-10-02\n"
        "    source: system\n"
        "    summary: 'Sync: stuck, again'\n"
        "    link: https://desk.example/77\n"
        "    shows: [escalation-and-incidents.escalates-by-the-rules]\n"
        "    suggested: true\n"
    )
    cut = before.index("# end of items")
    assert before[:cut] + new + before[cut:] == after
    assert [str(folder / "amara-o.yaml")] == report.written


def test_empty_and_missing_items_and_crlf(folder: Path, tmp_path: Path) -> None:
    """``items: []`` becomes ``items:`` with the item under it (its comment kept); a file
    without items gains the key; a CRLF file with a BOM keeps both."""
    crlf = folder / "dev-p.yaml"
    crlf.write_bytes(
        b"\xef\xbb\xbfformat: competency/v1\r\nkind: evidence\r\nperson: {id: dev-p}\r\n"
        b"role: support-engineer\r\nitems:\r\n- id: one\r\n  date: 2026-01-02\r\n"
        b"  source: self\r\n  summary: First.\r\n  shows: [troubleshooting.narrows-down]\r\n"
    )
    export = tmp_path / "rows.jsonl"
    lines = [
        {"id": n, "date": "2026-10-03", "who": who, "subject": "Bug in export", "tags": "bug"}
        for n, who in ((1, "ben-t"), (2, "Chloé  DUBOIS"), (3, "dev-p"))
    ]
    export.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    framework = _framework()
    report = suggest(export, load_mapping(_mapping(tmp_path), framework), folder, framework)
    expected: list[object] = []
    assert expected == report.skipped
    ben = (folder / "ben-t.yaml").read_text(encoding="utf-8")
    assert "level: ss2\nitems:   # nothing yet\n  - id: desk-1\n" in ben
    chloe = (folder / "chloe-d.yaml").read_text(encoding="utf-8")
    assert "@csm1b\nitems:\n  - id: desk-2\n" in chloe
    assert chloe.endswith("suggested: true\n# no items yet: suggest adds the key\n")
    dev = crlf.read_bytes()
    assert dev.startswith(b"\xef\xbb\xbfformat")
    assert dev.endswith(b"shows: [troubleshooting.narrows-down]\r\n- id: desk-3\r\n"
                        b"  date: 2026-10-03\r\n"
                        b"  source: system\r\n  summary: Bug in export\r\n  shows: "
                        b"[product-collaboration.files-bug-reports, "
                        b"escalation-and-incidents.escalates-by-the-rules]\r\n"
                        b"  suggested: true\r\n")  # fmt: skip


def test_importing_again_is_a_no_op_and_a_confirmed_item_is_never_touched(
    folder: Path, cli: Callable[..., Run]
) -> None:
    """A second import adds nothing; an item whose suggested line was deleted (confirmed)
    and edited stays as the person left it."""
    args = ("suggest", EXPORTS["jira"], "--mapping", "jira", "--into", folder)
    expected = 0
    assert expected == cli(*args).status
    amara = folder / "amara-o.yaml"
    text = amara.read_text(encoding="utf-8")
    start = text.index("- id: jira-sup-101")
    end = text.index("suggested: true\n", start) + len("suggested: true\n")
    confirmed = (
        text[start:end]
        .replace("    suggested: true\n", "")
        .replace("Webhook retries", "Webhook retries (confirmed by Dana)")
    )
    amara.write_text(text[:start] + confirmed + text[end:], encoding="utf-8")
    before = _snapshot(folder)
    run = cli(*args, "--format", "json")
    assert before == _snapshot(folder)
    result = json.loads(run.out)
    assert result["added"] == []
    assert {"row": 1, "reason": f"item 'jira-sup-101' is already in {amara}"} in result["skipped"]


def test_dry_run_writes_nothing(folder: Path, cli: Callable[..., Run]) -> None:
    """--dry-run prints what it would add and changes no file."""
    before = _snapshot(folder)
    run = cli("suggest", EXPORTS["intercom"], "--mapping", "intercom", "--into", folder,
              "--dry-run")  # fmt: skip
    expected = 0
    assert expected == run.status
    assert run.out.startswith("would add 2 suggested item(s) to 2 file(s)\n")
    assert "row 4: no value in 'Teammate currently assigned' (the person field)" in run.out
    assert before == _snapshot(folder)


def test_a_mapping_error_writes_nothing(
    folder: Path, tmp_path: Path, cli: Callable[..., Run]
) -> None:
    """A regular expression that does not compile and an unknown behaviour are errors at
    their line and column; exit 1 and nothing written."""
    bad = MAPPING.replace("matches: 'bug'", "matches: 'bug('").replace(
        "files-bug-reports", "files-bug-reportz"
    )
    path = _mapping(tmp_path, bad)
    before = _snapshot(folder)
    run = cli("suggest", EXPORTS["zendesk"], "--mapping", path, "--into", folder)
    expected = 1
    assert expected == run.status
    assert f"{path}:10:34: error S110" in run.err
    assert f"{path}:12:9: error R106" in run.err
    assert before == _snapshot(folder)


def test_an_export_without_a_required_column_writes_nothing(
    folder: Path, tmp_path: Path, cli: Callable[..., Run]
) -> None:
    """A CSV whose header lacks the date column is an error naming the column; exit 1."""
    export = tmp_path / "rows.csv"
    export.write_text("id,who,subject,tags\n1,amara@example.com,Hi,bug\n", encoding="utf-8")
    run = cli("suggest", export, "--mapping", _mapping(tmp_path), "--into", folder)
    expected = 1
    assert expected == run.status
    assert f"{export}:1:1: error I101 no column 'date' (the mapping's fields.date)" in run.err


def test_unknown_mapping_name_is_wrong_usage(folder: Path, cli: Callable[..., Run]) -> None:
    """A --mapping that is neither a file nor a shipped name is exit 2, naming the shipped
    ones."""
    run = cli("suggest", EXPORTS["zendesk"], "--mapping", "zendsk", "--into", folder)
    expected = 2
    assert expected == run.status
    assert "freshdesk, github, intercom, jira, zendesk" in run.err


def test_people_file_maps_logins(folder: Path, tmp_path: Path, cli: Callable[..., Run]) -> None:
    """--people maps a GitHub login to a person id; a bad id in it is an error with its
    place."""
    people = tmp_path / "logins.yaml"
    people.write_text("bentaylor: ben-t\n", encoding="utf-8")
    run = cli("suggest", EXPORTS["github"], "--mapping", "github", "--into", folder,
              "--people", people, "--format", "json")  # fmt: skip
    items = [entry["item"] for entry in json.loads(run.out)["added"]]
    expected = ["github-311", "github-312"]
    assert expected == items
    people.write_text("bentaylor: Ben T\n", encoding="utf-8")
    run = cli("suggest", EXPORTS["github"], "--mapping", "github", "--into", folder,
              "--people", people)  # fmt: skip
    expected = 1
    assert expected == run.status
    assert f"{people}:1:12: error S104" in run.err


def test_a_file_whose_items_are_a_flow_list_skips_its_rows(folder: Path, tmp_path: Path) -> None:
    """Items written as a one-line flow list cannot gain a block item: the row is skipped
    with the reason, and the file is not changed."""
    amara = folder / "amara-o.yaml"
    amara.write_text(
        "format: competency/v1\nkind: evidence\nperson: {id: amara-o}\nrole: support-engineer\n"
        "items: [{date: 2026-01-02, source: self, summary: A.,\n"
        "         shows: [troubleshooting.narrows-down]}]\n",
        encoding="utf-8",
    )  # fmt: skip
    before = amara.read_bytes()
    export = tmp_path / "rows.json"
    export.write_text(
        json.dumps([{"id": 5, "date": "2026-10-03", "who": "amara-o", "subject": "S",
                     "tags": "bug"}]),
        encoding="utf-8",
    )  # fmt: skip
    framework = _framework()
    report = suggest(export, load_mapping(_mapping(tmp_path), framework), folder, framework)
    assert report.added == []
    assert len(report.skipped) == 1
    assert "flow list" in report.skipped[0].reason
    assert before == amara.read_bytes()


def test_json_array_errors_have_a_place(tmp_path: Path) -> None:
    """A JSON array that breaks off is an export error where it stops; an element
    that is not an object is a row problem."""
    export = tmp_path / "rows.json"
    export.write_text('[\n  {"id": 1},\n  7,\n  {"id": 2,\n', encoding="utf-8")
    rows = read_rows(export)
    got = []
    each = iter(rows.rows)
    got.append(_number_and_problem(next(each)))
    got.append(_number_and_problem(next(each)))
    with pytest.raises(ExportError) as raised:
        next(each)
    expected = [(1, ""), (2, "not a JSON object")]
    assert expected == got
    expected = (5, 1)
    assert expected == (raised.value.diagnostic.line, raised.value.diagnostic.column)


def test_xlsx_export_rows(tmp_path: Path) -> None:
    """An XLSX export is read from its first sheet: the header row names the columns, a
    date cell gives its ISO date, rows count from 1 under the header."""
    openpyxl = pytest.importorskip("openpyxl")
    from datetime import datetime

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Id", "Solved at", "Assignee", "Subject", "Tags"])
    sheet.append([4821, datetime(2026, 9, 12, 16, 40), "Amara Okafor", "Webhooks", "escalation"])
    sheet.append([None, None, None, None, None])
    sheet.append([4822, "2026-09-13", "Ben Taylor", "VAT", "bug_report"])
    export = tmp_path / "tickets.xlsx"
    book.save(export)
    rows = read_rows(export)
    got = [(row.number, row.text("Id"), row.text("Solved at")) for row in rows.rows]
    expected = [(1, "4821", "2026-09-12T16:40:00"), (3, "4822", "2026-09-13")]
    assert expected == got


def test_dotted_paths_and_repeated_columns(tmp_path: Path) -> None:
    """JSON fields are found by dotted paths through objects and lists; a CSV column the
    header repeats (Jira's Labels) holds every value."""
    rows = list(read_rows(EXPORTS["github"]).rows)
    expected = ["tooling", "bug"]
    assert expected == rows[3].values("labels.name")
    expected = "amara-o"
    assert expected == rows[0].text("author.login")
    jira = list(read_rows(EXPORTS["jira"]).rows)
    expected = ["customer-impact", "webhooks"]
    assert expected == jira[0].values("Labels")


def test_a_large_csv_streams_in_flat_memory(tmp_path: Path) -> None:
    """200,000 rows are read one at a time: the memory peak stays far below the file."""
    export = tmp_path / "big.csv"
    with export.open("w", encoding="utf-8") as out:
        out.write("Id,Solved at,Assignee,Subject,Tags\n")
        for n in range(200_000):
            out.write(f"{n},2026-09-12 10:00:00,Agent {n % 50},Ticket number {n},billing vip\n")
    size = export.stat().st_size
    tracemalloc.start()
    try:
        count = sum(1 for _ in read_rows(export).rows)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    expected = 200_000
    assert expected == count
    assert peak < 2_000_000 < size


def test_item_ids_and_dates() -> None:
    """Item ids are the prefix and the row's id made an id (at most 64 characters); dates
    are ISO dates or date-times, the date part taken as written."""
    expected = "zendesk-sup-12-a-b"
    assert expected == item_id("zendesk", " SUP_12 / A..B ")
    assert item_id("zendesk", "###") is None
    long = item_id("jira", "x" * 100)
    assert long is not None
    expected = 64
    assert expected == len(long)
    expected = "2026-03-15"
    assert expected == str(row_date("2026-03-15T23:59:59+05:30"))
    assert row_date("2026-02-30") is None
    assert row_date("March 15, 2026") is None


def test_shipped_mappings_exist() -> None:
    """Every shipped name has its file, and an unknown name has none."""
    assert all(shipped_mapping(name) is not None for name in SHIPPED_MAPPINGS)
    assert all(path.is_file() for path in map(shipped_mapping, SHIPPED_MAPPINGS) if path)
    assert shipped_mapping("salesforce") is None


def _number_and_problem(row: ExportRow) -> tuple[int, str]:
    return row.number, row.problem


_FRAMEWORK: list[Framework] = []


def _framework() -> Framework:
    if not _FRAMEWORK:
        from competency import load_framework

        _FRAMEWORK.append(load_framework(MATRICES))
    return _FRAMEWORK[0]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(summary=st.text(min_size=1, max_size=40), link=st.text(max_size=20))
def test_any_summary_and_link_load_back_as_written(
    summary: str, link: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Whatever text a row holds, the item written loads back with that text on one line
    (controls dropped, whitespace runs one space), and the file validates."""
    base = tmp_path_factory.mktemp("any")
    folder = base / "people"
    shutil.copytree(PEOPLE, folder)
    export = base / "rows.jsonl"
    row = {"id": 1, "date": "2026-10-03", "who": "amara-o", "subject": summary,
           "tags": "bug", "url": link}  # fmt: skip
    export.write_text(json.dumps(row) + "\n", encoding="utf-8")
    framework = _framework()
    report = suggest(export, load_mapping(_mapping(base), framework), folder, framework)
    cleaned = " ".join(_DROP.sub(" ", summary).split())
    if not cleaned:
        assert report.added == []
        return
    evidence = load_evidence(folder / "amara-o.yaml", framework)
    item = evidence.items[-1]
    expected = (cleaned, " ".join(_DROP.sub(" ", link).split()) or None)
    assert expected == (item.summary, item.link)


def test_a_plain_summary_is_written_as_pyyaml_would_write_it() -> None:
    """_scalar's shortcut for plain text gives what PyYAML's emitter gives, for tricky texts too."""
    import json
    import random

    import yaml

    from competency.interop.suggest import _scalar
    from competency.load import plain_is_text

    def emitted(text: str) -> str:
        value = yaml.safe_dump({"v": text}, allow_unicode=True, width=1 << 30)[3:].rstrip("\n")
        if "\n" in value or (
            value[:1] not in {"'", '"'} and (value != text or not plain_is_text(text))
        ):
            return json.dumps(text, ensure_ascii=False)
        return value

    rng = random.Random(27)
    texts = ["yes", "No", "0x1f", "1_000", "2024-01-01", "190:20:30", ".nan", "a: b", "a #b"]
    texts += [
        "".join(rng.choice("ab1 .,;'()/_+=?!&%$-:#yYnNx0") for _ in range(9)) for _ in range(5000)
    ]
    assert [_scalar(text) for text in texts] == [emitted(text) for text in texts]


def _two_files_export(tmp_path: Path) -> Path:
    export = tmp_path / "rows.csv"
    export.write_text(
        "id,date,who,subject,tags,url\n"
        "81,2026-10-02,amara@example.com,Escalated the outage,escalation,\n"
        "82,2026-10-03,Ben Taylor,Filed the bug,bug,\n",
        encoding="utf-8",
    )
    return export


@pytest.mark.parametrize("call", [2, 3])
def test_a_write_failing_part_way_leaves_every_evidence_file_as_it_was(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: int
) -> None:
    """When the disk refuses the second file (while staging it, or while putting the
    files in place), no evidence file changes and no temporary file is left."""
    import os

    before = {path.name: path.read_bytes() for path in sorted(folder.iterdir())}
    mapping = load_mapping(_mapping(tmp_path), _framework())
    name = "fsync" if call == 2 else "replace"
    real = getattr(os, name)
    count = {"n": 0}

    def failing(*args: object, **kwargs: object) -> object:
        count["n"] += 1
        if count["n"] == 2:
            raise OSError(28, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)
    with pytest.raises(WriteError, match="No space left"):
        suggest(_two_files_export(tmp_path), mapping, folder, _framework())
    monkeypatch.undo()
    assert before == {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_a_file_changed_after_it_was_read_gains_nothing(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file edited while the export is read keeps the edit: its rows are skipped."""
    import competency.interop.suggest as module

    real = module.read_rows  # type: ignore[attr-defined]  # the name suggest calls, patched below
    amara = folder / "amara-o.yaml"

    def edit_then_read(*args: Any) -> Any:
        amara.write_bytes(amara.read_bytes() + b"# edited meanwhile\n")
        return real(*args)

    monkeypatch.setattr(module, "read_rows", edit_then_read)
    mapping = load_mapping(_mapping(tmp_path), _framework())
    report = suggest(_two_files_export(tmp_path), mapping, folder, _framework())
    expected = [Skipped(1, f"{amara} changed while suggest ran; nothing added to it")]
    assert expected == report.skipped
    assert amara.read_bytes().endswith(b"# edited meanwhile\n")
    assert [added.row for added in report.added] == [2]


def _ben_rows(tmp_path: Path, count: int) -> Path:
    """An export of `count` rows for Ben, each a bug report of the same length."""
    export = tmp_path / f"ben-{count}.csv"
    lines = [f"{90 + n},2026-10-0{n + 1},Ben Taylor,Filed bug {n},bug," for n in range(count)]
    export.write_text("id,date,who,subject,tags,url\n" + "\n".join(lines) + "\n", "utf-8")
    return export


def test_a_file_never_grows_past_the_size_competency_reads(folder: Path, tmp_path: Path) -> None:
    """Rows that would take an evidence file over the 2 MiB limit are refused, the first
    ones that fit go in, and the file still loads."""
    from competency.load import DEFAULT_MAX_BYTES

    mapping = load_mapping(_mapping(tmp_path), _framework())
    ben = folder / "ben-t.yaml"
    probe = tmp_path / "probe"
    shutil.copytree(folder, probe)
    suggest(_ben_rows(tmp_path, 1), mapping, probe, _framework())
    growth = (probe / "ben-t.yaml").stat().st_size - ben.stat().st_size
    room = DEFAULT_MAX_BYTES - ben.stat().st_size - growth * 5 // 2  # two items fit, not three
    pad = "# padding\n"  # 10 bytes: what is left of `room` is under a tenth of an item
    ben.write_text(pad * (room // len(pad)) + ben.read_text("utf-8"), "utf-8")
    report = suggest(_ben_rows(tmp_path, 4), mapping, folder, _framework())
    why = f"not added to {ben}: the file would be over the {DEFAULT_MAX_BYTES:,}-byte limit"
    size = ben.stat().st_size
    assert (
        [added.row for added in report.added],
        report.skipped,
        size <= DEFAULT_MAX_BYTES < size + growth,
        len(load_evidence(ben, _framework()).items),
    ) == ([1, 2], [Skipped(3, why), Skipped(4, why)], True, 2)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from("ab \t\n\x00\x1f\x85\xa0\u200e\u2028\u3000é.")))
def test_cleaning_a_summary_shortcut_is_the_full_rule(text: str) -> None:
    """The shortcut for a summary with nothing to clean gives what the full rule gives."""
    expected = " ".join(_DROP.sub(" ", text).split())
    assert expected == _clean(text)


# --- where new items land: the proof from positions against the probe parse ----------

_HEAD = "format: competency/v1\nkind: evidence\nperson: {id: amara-o}\nrole: support-engineer\n"
_ITEM = (
    "id: one\n  date: 2026-01-02\n  source: self\n  summary: First.\n"
    "  shows: [troubleshooting.narrows-down]"
)
#: Evidence files in hostile layouts (after `_HEAD`), and whether the proof decides them
#: (False: the probe parse does, as before).
LAYOUTS: dict[str, tuple[str, bool]] = {
    "block list": ("items:\n  - " + _ITEM.replace("\n  ", "\n    ") + "\n", True),
    "compact list, a key after": ("items:\n- " + _ITEM + "\nassessments: []\n", True),
    "no newline at the end": ("items:\n- " + _ITEM, True),
    "CRLF": (("items:\n- " + _ITEM + "\n").replace("\n", "\r\n"), True),
    "a comment after the last value": ("items:\n- " + _ITEM + "   # mine\n", True),
    "a tab before that comment": ("items:\n- " + _ITEM + "\t# mine\n", True),
    "trailing blanks": ("items:\n- " + _ITEM + "  \t\n\n", True),
    "comments and a key after": (
        "items:\n  - " + _ITEM.replace("\n  ", "\n    ") + "\n    # about one\n# end\n"
        "assessments: []\n",
        True,
    ),
    "a multi-line plain summary last": (
        "items:\n- id: one\n  date: 2026-01-02\n  source: self\n"
        "  shows: [troubleshooting.narrows-down]\n  summary: First line\n    and more\n",
        True,
    ),
    "a multi-line flow list last": (
        "items:\n- id: one\n  date: 2026-01-02\n  source: self\n  summary: S.\n"
        "  shows: [troubleshooting.narrows-down,\n    troubleshooting.turns-cases-into-runbooks]\n",
        True,
    ),
    "a quoted summary with a hash last": (
        "items:\n- id: one\n  date: 2026-01-02\n  source: self\n"
        '  shows: [troubleshooting.narrows-down]\n  summary: "a # b"  # c\n',
        True,
    ),
    "a flow mapping item last": (
        "items:\n- " + _ITEM + "\n- {id: two, date: 2026-01-03, source: self, summary: T.,\n"
        "   shows: [troubleshooting.narrows-down]}\n",
        True,
    ),
    "a document end marker": ("items:\n- " + _ITEM + "\n...\n", True),
    "a BOM": ("\ufeffitems:\n- " + _ITEM + "\n", True),
    "a literal block summary last": (
        "items:\n- id: one\n  date: 2026-01-02\n  source: self\n"
        "  shows: [troubleshooting.narrows-down]\n  summary: |\n    First.\n\n",
        False,
    ),
    "a folded block summary kept last": (
        "items:\n- id: one\n  date: 2026-01-02\n  source: self\n"
        "  shows: [troubleshooting.narrows-down]\n  summary: >+\n    First.\n\n# c\n",
        False,
    ),
    "keys four columns from the dash": (
        "items:\n-   id: one\n    date: 2026-01-02\n    source: self\n    summary: S.\n"
        "    shows: [troubleshooting.narrows-down]\n",
        False,
    ),
    "a line separator in a quoted summary": (
        "items:\n- id: one\n  date: 2026-01-02\n  source: self\n"
        '  summary: "a\u2028b"\n  shows: [troubleshooting.narrows-down]\n',
        False,
    ),
    "empty flow items": ("items: []   # none\n", False),
    "no items": ("level: se1\n# no items\n", False),
}


def _layout_run(
    root: Path, tmp_path: Path, body: str, proof: bool, monkeypatch: pytest.MonkeyPatch
) -> tuple[bytes, list[Any], list[Any]]:
    from competency.interop import suggest as module

    root.mkdir()
    text = body if body.startswith("\ufeff") else _HEAD + body
    if body.startswith("\ufeff"):
        text = "\ufeff" + _HEAD + body[1:]
    if "\r\n" in body:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    (root / "amara-o.yaml").write_bytes(text.encode("utf-8"))
    export = tmp_path / "rows.csv"
    export.write_text(
        "id,date,who,subject,tags,url\n"
        "91,2026-10-02,amara-o,Escalated: the outage,escalation,https://desk.example/91\n"
        "92,2026-10-03,amara-o,Filed the bug,bug,\n",
        encoding="utf-8",
    )
    framework = _framework()
    with monkeypatch.context() as patch:
        if not proof:
            patch.setattr(module, "_proven", lambda *_: False)
        report = suggest(export, load_mapping(_mapping(tmp_path), framework), root, framework)
    added = [(a.item, a.row, a.date, a.summary, a.link, a.shows) for a in report.added]
    skipped = [(s.row, s.reason.replace(str(root), "ROOT")) for s in report.skipped]
    return (root / "amara-o.yaml").read_bytes(), added, skipped


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_the_proof_from_positions_writes_what_the_probe_parse_writes(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In every hostile layout, the file, the items added and the rows skipped are the same
    with the proof from positions as with the probe parse alone."""
    body = LAYOUTS[name][0]
    expected = _layout_run(tmp_path / "probe", tmp_path, body, False, monkeypatch)
    actual = _layout_run(tmp_path / "proof", tmp_path, body, True, monkeypatch)
    assert expected == actual


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_the_proof_decides_the_plain_layouts_and_leaves_the_others_to_the_probe(
    name: str, tmp_path: Path
) -> None:
    """The proof vouches for the layouts it covers, and in them the new file validates with
    the two new items last; every other layout is left to the probe."""
    from competency.edit._files import decode
    from competency.interop.suggest import _place_of
    from competency.load import load_document

    body, proven = LAYOUTS[name]
    text = "\ufeff" + _HEAD + body[1:] if body.startswith("\ufeff") else _HEAD + body
    if "\r\n" in body:
        text = text.replace("\r\n", "\n").replace("\n", "\r\n")
    path = tmp_path / "amara-o.yaml"
    path.write_bytes(text.encode("utf-8"))
    document = load_document(path)
    place = _place_of(document, decode(document.raw)[0])
    assert proven == (isinstance(place, tuple) and place[5])
    if proven:
        _, added, skipped = _layout_run(
            tmp_path / "run", tmp_path, body, True, pytest.MonkeyPatch()
        )
        expected = ["desk-91", "desk-92"]
        assert ([], expected) == (skipped, [a[0] for a in added])
        evidence = load_evidence(tmp_path / "run" / "amara-o.yaml", _framework())
        assert expected == [item.id for item in evidence.items[-2:]]


def test_what_plain_is_text_refuses_starts_as_a_pyyaml_resolver_may() -> None:
    """_scalar skips both checks for a first letter no PyYAML resolver has: every text
    `plain_is_text` refuses starts with a letter one has."""
    from competency.interop.suggest import _RESOLVED_FIRST
    from competency.load import _FALSE, _NULL, _TRUE, plain_is_text

    refused = [*_NULL - {""}, *_TRUE, *_FALSE, "12", "-1", "+3", ".5", "1e5", "0.", "-.5e-3"]
    assert all(not plain_is_text(text) for text in refused)
    assert all(text[0] in _RESOLVED_FIRST for text in refused)
    letters = [chr(c) for c in range(32, 0x250) if chr(c) not in _RESOLVED_FIRST]
    assert all(plain_is_text(c + tail) for c in letters for tail in ("", "1", "e5", "ull"))


_TRICKY_CSV = (
    "Id,SUBJECT,who,Date,tags\n"
    '1,"Two\nlines",amara-o,2026-10-02,"bug, escalation"\n'
    ",,,,\n"
    "2,Short row,ben-t\n"
    "3,  padded  ,Chloé Dubois,2026-10-03,,extra\n"
)


def _picked_both_ways(path: Path) -> tuple[list[Any], list[Any]]:
    from competency.interop.rows import _picked

    texts, lists = ("id", "subject", "who", "date", None, "url"), ("tags", "TAGS", "a.b")
    table = read_rows(path)
    assert table.table is not None
    by_index = [(n, p, t, table.values_of(k)) for n, p, t, k in table.picked(texts, lists)]
    by_row = list(_picked(read_rows(path).rows, texts, lists))
    return by_index, by_row


def test_a_csv_read_by_column_index_gives_what_its_rows_give(tmp_path: Path) -> None:
    """Rows.picked on a CSV (columns by index: any case, short and blank rows, a column
    it lacks, a dotted path) gives each row's texts and lists as ExportRow does."""
    path = tmp_path / "rows.csv"
    path.write_text(_TRICKY_CSV, encoding="utf-8")
    by_index, by_row = _picked_both_ways(path)
    by_index = [(n, p, tuple(x.strip() for x in t), k) for n, p, t, k in by_index]
    assert by_row == by_index
    expected = [1, 3, 4]
    assert expected == [row[0] for row in by_index]


def test_a_csv_read_by_column_index_fails_where_its_rows_fail(tmp_path: Path) -> None:
    """A byte that is not UTF-8 on the fourth line is the same error, at the same line,
    whichever way the CSV is read."""
    path = tmp_path / "rows.csv"
    path.write_bytes(_TRICKY_CSV.encode("utf-8") + b"4,\xff\xfe bad,amara-o,2026-10-04,\n" * 4000)
    from competency.interop.rows import _picked

    texts, lists = ("id",), ("tags",)
    with pytest.raises(ExportError) as by_index:
        list(read_rows(path).picked(texts, lists))
    with pytest.raises(ExportError) as by_row:
        list(_picked(read_rows(path).rows, texts, lists))
    assert by_row.value.diagnostic == by_index.value.diagnostic
