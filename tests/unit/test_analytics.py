"""Parquet tables and the Arrow analysis (docs/analytics.md): what they hold, and that they agree.

The team tables are checked against the team report's JSON, read back in
DuckDB; `assess_table` is checked against ``team --format parquet`` under
Dask's synchronous scheduler, on the examples and on a generated team; every
SQL query of docs/analytics.md runs against tables written from the examples.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from competency.analytics import (
    FRAMEWORK_TABLES,
    SCHEMA_VERSION,
    TEAM_TABLES,
    EvidenceTableError,
    assess_table,
    evidence_table,
    framework_parquet,
    schema,
    team_tables,
)
from competency.diagnostics import MissingExtraError
from competency.framework import Framework
from competency.team_folder import TeamOptions
from tests.conftest import EXAMPLES, MATRICES, ROOT, Run

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
duckdb = pytest.importorskip("duckdb")

Cli = Callable[..., Run]
AS_OF = date(2026, 11, 1)
DOC = ROOT / "docs" / "analytics.md"


def _read(data: bytes) -> Any:
    return pq.read_table(io.BytesIO(data))


@pytest.fixture(scope="module")
def tables(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The framework and the examples' team written as the docs write them, once."""
    from competency.cli import main

    root = tmp_path_factory.mktemp("tables")
    assert (
        main(["export", str(MATRICES), "--format", "parquet", "--out", str(root / "framework")])
        == 0
    )
    team = ["team", str(EXAMPLES), "--matrices", str(MATRICES), "--as-of", AS_OF.isoformat()]
    assert main([*team, "--format", "parquet", "--out", str(root / "team")]) == 0
    return root


def _sql(root: Path, query: str) -> list[tuple[Any, ...]]:
    connection = duckdb.connect()
    try:
        connection.execute(f"SET file_search_path = '{root}'")
        found: list[tuple[Any, ...]] = connection.execute(query).fetchall()
        return found
    finally:
        connection.close()


# --- schemas ---------------------------------------------------------------------


def _documented(table: str) -> list[str]:
    """The columns docs/analytics.md lists for `table`, in order."""
    text = DOC.read_text(encoding="utf-8")
    section = text.split(f"### `{table}`\n", 1)[1].split("\n#", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.MULTILINE)


@pytest.mark.parametrize("table", [*TEAM_TABLES, *FRAMEWORK_TABLES, "evidence"])
def test_every_column_is_documented_in_order(table: str) -> None:
    """docs/analytics.md lists exactly the columns of each table's schema, in their order."""
    stamp = {"framework_id", "framework_version", "framework_hash", "as_of"}
    expected = [name for name in schema(table).names if name not in stamp]
    assert expected == _documented(table)


def test_tables_carry_their_name_and_schema_version(tables: Path) -> None:
    """Each Parquet file's metadata names its table and the schema version the docs give."""
    found = {}
    for folder, names in (("framework", FRAMEWORK_TABLES), ("team", TEAM_TABLES)):
        for name in names:
            metadata = pq.read_schema(tables / folder / f"{name}.parquet").metadata
            found[name] = (metadata[b"competency.table"].decode(), metadata[b"competency.schema"])
    expected = {name: (name, SCHEMA_VERSION.encode()) for name in (*FRAMEWORK_TABLES, *TEAM_TABLES)}
    assert expected == found
    assert f"schema version (`competency.schema`, now `{SCHEMA_VERSION}`)" in DOC.read_text("utf-8")


# --- the framework tables ----------------------------------------------------------


def test_framework_tables_agree_with_the_json_document(framework: Framework, tables: Path) -> None:
    """levels and expectations hold what the JSON export says each level expects, new or not."""
    from competency.interop import framework_document

    document = framework_document(framework)
    expected = sorted(
        (level.ref, change.competency, ref, ref in {new.ref for new in change.new})
        for role in document.roles
        for level in role.levels
        for change in level.expects
        for ref in [*(new.ref for new in change.new), *change.inherited]
    )
    found = _sql(
        tables,
        "SELECT level, competency, behaviour, new FROM 'framework/expectations.parquet' "
        "ORDER BY ALL",
    )
    levels = _sql(
        tables, "SELECT count(*), count(DISTINCT framework_hash) FROM 'framework/levels.parquet'"
    )
    assert (expected, [(len(list(framework.levels())), 1)]) == (found, levels)


def test_behaviour_texts_in_every_locale(framework: Framework) -> None:
    """The behaviours table has each behaviour once, its texts in every locale its file gives."""
    table = _read(framework_parquet(framework)["behaviours.parquet"])
    texts = dict(
        zip(table.column("behaviour").to_pylist(), table.column("texts").to_pylist(), strict=True)
    )
    expected = {
        info.ref: sorted(
            info.behaviour.text.items()
            if not isinstance(info.behaviour.text, str)
            else [(framework.default_locale, info.behaviour.text)]
        )
        for info in framework.behaviours()
    }
    assert expected == {ref: sorted(pairs) for ref, pairs in texts.items()}


def test_framework_export_is_the_same_bytes_twice(framework: Framework) -> None:
    """Two exports of the same framework are byte for byte the same (they can be committed)."""
    assert framework_parquet(framework) == framework_parquet(framework)


# --- the team tables -----------------------------------------------------------------


def test_team_tables_agree_with_the_team_json(cli: Cli, tables: Path) -> None:
    """Each person's levels, target, verdict and competency statuses are the team JSON's."""
    run = cli(
        "team", EXAMPLES, "--matrices", MATRICES, "--as-of", AS_OF.isoformat(), "--format", "json"
    )
    report = json.loads(run.out)
    expected = [
        (
            p["person"],
            p["role"],
            p["current_level"],
            p["next_level"],
            p["verdict"],
            p["met"],
            p["partial"],
            p["gap"],
            p["manager"],
        )
        for p in report["people"]
    ]
    people = _sql(
        tables,
        "SELECT person, role, current_level, target, verdict, met, partial, gap, manager "
        "FROM 'team/people.parquet'",
    )
    statuses = sorted(
        (p["person"], competency, status)
        for p in report["people"]
        for competency, status in p["competencies"].items()
    )
    found = _sql(
        tables,
        "SELECT person, competency, status FROM 'team/competency_status.parquet' ORDER BY ALL",
    )
    assert (expected, statuses) == (people, found)


def test_training_needs_agree_with_the_team_json(cli: Cli, tables: Path) -> None:
    """The training-needs counts from behaviour_status are the team report's training needs."""
    run = cli(
        "team", EXAMPLES, "--matrices", MATRICES, "--as-of", AS_OF.isoformat(), "--format", "json"
    )
    needs = json.loads(run.out)["training_needs"]
    expected = sorted((n["behaviour"], n["missing"], n["stale"], n["thin"]) for n in needs)
    found = _sql(
        tables,
        "SELECT behaviour, count(*) FILTER (status = 'missing'), "
        "count(*) FILTER (status = 'stale'), count(*) FILTER (status = 'thin') "
        "FROM 'team/behaviour_status.parquet' "
        "WHERE status IN ('missing', 'stale', 'thin') GROUP BY behaviour ORDER BY ALL",
    )
    assert expected == found


def test_every_table_names_the_framework_and_the_date(framework: Framework, tables: Path) -> None:
    """Every row of every team table carries the framework's id, version and hash and as-of."""
    stamp = (framework.info.id, framework.info.version, framework.content_hash, AS_OF)
    found = {
        name: _sql(
            tables,
            "SELECT DISTINCT framework_id, framework_version, framework_hash, as_of "
            f"FROM 'team/{name}.parquet'",
        )
        for name in TEAM_TABLES
    }
    assert {name: [stamp] for name in TEAM_TABLES} == found


def test_pseudonymous_unless_names_are_asked_for(framework: Framework) -> None:
    """Without with_names no name, file or summary is written; with it, all three are."""
    options = TeamOptions(as_of=AS_OF)
    plain, _ = team_tables(EXAMPLES, framework, options)
    named, _ = team_tables(EXAMPLES, framework, options, with_names=True)

    def filled(files: dict[str, bytes]) -> tuple[int, int, int]:
        people = _read(files["people.parquet"])
        statuses = _read(files["behaviour_status.parquet"])
        return (
            people.column("name").null_count,
            people.column("file").null_count,
            statuses.column("summaries").null_count,
        )

    people = _read(plain["people.parquet"]).num_rows
    rows = _read(plain["behaviour_status.parquet"]).num_rows
    assert ((people, people, rows), (0, 0, 0)) == (filled(plain), filled(named))


def test_the_tables_are_the_same_for_any_number_of_jobs(framework: Framework) -> None:
    """Two worker processes write the same bytes as one."""
    one, _ = team_tables(EXAMPLES, framework, TeamOptions(as_of=AS_OF, jobs=1))
    two, _ = team_tables(EXAMPLES, framework, TeamOptions(as_of=AS_OF, jobs=2))
    assert one == two


def test_small_row_groups_hold_the_same_rows(framework: Framework) -> None:
    """Written two people a row group, the tables hold the same rows in more row groups."""
    whole, _ = team_tables(EXAMPLES, framework, TeamOptions(as_of=AS_OF))
    split, _ = team_tables(EXAMPLES, framework, TeamOptions(as_of=AS_OF), people_per_group=2)
    groups = pq.ParquetFile(io.BytesIO(split["people.parquet"])).num_row_groups
    people = _read(whole["people.parquet"]).num_rows
    same = all(_read(whole[name]).equals(_read(split[name])) for name in whole)
    assert (same, people > 2, groups) == (True, True, -(-people // 2))  # two people a group


def test_batches_end_row_groups_where_rows_do() -> None:
    """Rows given as Arrow batches, with each person's count, make the bytes of rows added."""
    from competency.analytics.arrow import TableWriter, batch_bytes, read_batch

    stamp = ("f", "1", "h", AS_OF)
    people = [
        [(f"p{n}", "t", "c", f"b{k}", "met", 1, ("s",), AS_OF, None) for k in range(n % 4)]
        for n in range(40)
    ]
    by_rows, by_batches = (TableWriter("behaviour_status", stamp, rows_per_group=7) for _ in "ab")
    for person in people:
        by_rows.add(person)
    for start in range(0, 40, 9):
        chunk = people[start : start + 9]
        batch = read_batch(
            "behaviour_status",
            batch_bytes("behaviour_status", [row for rows in chunk for row in rows]),
        )
        by_batches.add_batch(batch, [len(rows) for rows in chunk])
    assert by_rows.finish() == by_batches.finish()


# --- the command line ------------------------------------------------------------------


def test_existing_tables_need_force(cli: Cli, tmp_path: Path) -> None:
    """A second export into the same folder is refused (exit 2) and --force replaces the tables."""
    out = tmp_path / "tables"
    first = cli("export", MATRICES, "--format", "parquet", "--out", out)
    before = (out / "levels.parquet").stat().st_mtime_ns
    again = cli("export", MATRICES, "--format", "parquet", "--out", out)
    kept = (out / "levels.parquet").stat().st_mtime_ns
    forced = cli("export", MATRICES, "--format", "parquet", "--out", out, "--force")
    assert (first.status, again.status, kept, forced.status) == (0, 2, before, 0)
    assert "exists; use --force to overwrite it" in again.err


def test_a_symbolic_link_as_the_folder_is_refused(cli: Cli, tmp_path: Path) -> None:
    """--out naming a link to a folder is refused before anything is written there."""
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "link"
    link.symlink_to(real)
    run = cli("team", EXAMPLES, "--matrices", MATRICES, "--format", "parquet", "--out", link)
    assert (run.status, list(real.iterdir())) == (2, [])


def test_team_parquet_needs_a_folder_and_the_flags_need_parquet(cli: Cli, tmp_path: Path) -> None:
    """--format parquet without --out, and --with-names without parquet, are usage errors."""
    base = ("team", EXAMPLES, "--matrices", MATRICES)
    missing = cli(*base, "--format", "parquet")
    stray = cli(*base, "--with-names")
    assert (missing.status, stray.status) == (2, 2)
    assert "--out FOLDER" in missing.err
    assert "go with --format parquet" in stray.err


def test_without_pyarrow_the_analytics_extra_is_named(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With pyarrow missing, the export stops with exit 2 naming the analytics extra."""
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    run = cli("export", MATRICES, "--format", "parquet", "--out", tmp_path / "t")
    with pytest.raises(MissingExtraError) as raised:
        schema("people")
    assert (run.status, raised.value.extra) == (2, "analytics")
    assert "pip install 'competency[analytics]'" in run.err


# --- the docs' queries ------------------------------------------------------------------


def _queries() -> list[str]:
    return re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.DOTALL)


def test_the_docs_show_queries() -> None:
    """docs/analytics.md shows at least the readiness, training and stale-evidence queries."""
    text = "\n".join(_queries())
    assert [word in text for word in ("verdict", "'missing'", "'stale'")] == [True, True, True]


@pytest.mark.parametrize("number", range(len(_queries())))
def test_each_docs_query_runs_in_duckdb(number: int, tables: Path) -> None:
    """Every SQL block of docs/analytics.md runs in DuckDB on the examples' tables, finding rows."""
    assert _sql(tables, _queries()[number]) != []


def test_readiness_by_manager_agrees_with_the_team_json(cli: Cli, tables: Path) -> None:
    """The docs' readiness query counts the verdicts the team JSON gives, manager by manager."""
    run = cli(
        "team", EXAMPLES, "--matrices", MATRICES, "--as-of", AS_OF.isoformat(), "--format", "json"
    )
    counts: dict[str, list[int]] = {}
    for person in json.loads(run.out)["people"]:
        row = counts.setdefault(person["manager"], [0, 0, 0, 0])
        row[["ready", "almost", "not-yet"].index(person["verdict"])] += 1
        row[3] += 1
    expected = [(manager, *row) for manager, row in sorted(counts.items())]
    assert expected == _sql(tables, _queries()[0])


# --- the Arrow function, under Dask -------------------------------------------------------


def _dask_statuses(framework: Framework, evidence: Any, partitions: int) -> Any:
    """`assess_table` over `evidence` in the docs' Dask form, on the synchronous scheduler."""
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    pd = pytest.importorskip("pandas")

    def assess(partition: Any) -> Any:
        table = pa.Table.from_pandas(partition, preserve_index=False)
        return assess_table(framework, table, AS_OF).to_pandas(types_mapper=pd.ArrowDtype)

    frame = dd.from_pandas(evidence.to_pandas(types_mapper=pd.ArrowDtype), npartitions=partitions)
    meta = schema("behaviour_status").empty_table().to_pandas(types_mapper=pd.ArrowDtype)
    with dask.config.set(scheduler="synchronous"):
        found = frame.shuffle(on="person").map_partitions(assess, meta=meta).compute()
    return pa.Table.from_pandas(found, preserve_index=False)


def _by_person(table: Any) -> Any:
    """`table` with people in id order, each person's rows in their own order."""
    indices = pa.array(range(table.num_rows))
    numbered = table.append_column("row", indices)
    return numbered.sort_by([("person", "ascending"), ("row", "ascending")]).drop_columns(["row"])


def _team_statuses(folder: Path, framework: Framework) -> Any:
    files, found = team_tables(folder, framework, TeamOptions(as_of=AS_OF, jobs=2))
    assert found.failed == []
    return _read(files["behaviour_status.parquet"])


def test_assess_table_equals_the_team_tables_on_the_examples(framework: Framework) -> None:
    """On the examples, assess_table gives team --format parquet's behaviour_status exactly."""
    found = assess_table(framework, evidence_table([EXAMPLES]), AS_OF)
    expected = _team_statuses(EXAMPLES, framework)
    assert expected.to_pylist() == found.to_pylist()


def test_under_dask_on_the_examples(framework: Framework) -> None:
    """Shuffled by person over three partitions, Dask gives the team's behaviour_status rows."""
    found = _dask_statuses(framework, evidence_table(EXAMPLES), 3)
    expected = _team_statuses(EXAMPLES, framework)
    assert _by_person(expected).to_pylist() == _by_person(found.cast(expected.schema)).to_pylist()


def _generated_team(tmp_path: Path, people: int) -> Path:
    sys.path.insert(0, str(ROOT / "bench"))
    import bench_team

    folder = tmp_path / "team"
    folder.mkdir()
    bench_team.generate(folder, people)
    return folder


def test_under_dask_on_a_generated_team_of_2000(framework: Framework, tmp_path: Path) -> None:
    """A generated team of 2,000 people: Dask over eight partitions equals the team tables."""
    folder = _generated_team(tmp_path, 2_000)
    found = _dask_statuses(framework, evidence_table(folder), 8)
    expected = _team_statuses(folder, framework)
    assert _by_person(expected).to_pylist() == _by_person(found.cast(expected.schema)).to_pylist()


@pytest.mark.scale
def test_under_dask_on_a_generated_team_of_20000(framework: Framework, tmp_path: Path) -> None:
    """The issue's generated team of 20,000 people: Dask equals the team tables."""
    folder = _generated_team(tmp_path, 20_000)
    found = _dask_statuses(framework, evidence_table(folder), 16)
    expected = _team_statuses(folder, framework)
    assert _by_person(expected).equals(_by_person(found.cast(expected.schema)))


# --- evidence_table ------------------------------------------------------------------------


def test_evidence_table_has_a_row_per_item_and_behaviour(framework: Framework) -> None:
    """Items come as one row per behaviour shown, each person once as a person row."""
    from competency.io import read_evidence_folder

    folder = read_evidence_folder(EXAMPLES, framework)
    shown = sum(len(item.shows) for _, evidence in folder.members for item in evidence.items)
    table = evidence_table(EXAMPLES)
    records = dict(_sql_table(table, "SELECT record, count(*) FROM evidence GROUP BY record"))
    assert (shown, len(folder.members)) == (records["item"], records["person"])


def _sql_table(table: Any, query: str) -> list[tuple[Any, ...]]:
    connection = duckdb.connect()
    try:
        connection.register("evidence", table)
        found: list[tuple[Any, ...]] = connection.execute(query).fetchall()
        return found
    finally:
        connection.close()


def test_a_file_with_errors_is_reported_with_its_place(tmp_path: Path) -> None:
    """evidence_table on a broken file raises EvidenceTableError naming file:line:column."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: competency/v1\nkind: evidence\nperson: {id: x}\nrole: 3\n", "utf-8")
    with pytest.raises(EvidenceTableError) as raised:
        evidence_table([broken])
    assert re.search(r"broken\.yaml:\d+:\d+: ", str(raised.value))


def test_a_person_the_framework_lacks_is_named(framework: Framework) -> None:
    """assess_table on a target the framework lacks raises EvidenceTableError naming the person."""
    table = evidence_table(EXAMPLES / "kwame-m.yaml")
    unknown = pa.array(["no-such-role@x"] * table.num_rows)
    renamed = table.set_column(table.schema.get_field_index("target"), "target", unknown)
    with pytest.raises(EvidenceTableError, match="person kwame-m"):
        assess_table(framework, renamed, AS_OF)
