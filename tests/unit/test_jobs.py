"""--jobs: many files over several processes give byte-identical output to one process."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from competency.write import PLAIN
from tests.conftest import MATRICES, ROOT, Run

sys.path.insert(0, str(ROOT / "bench"))
import bench_team


@pytest.fixture(scope="module")
def crowd(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """120 generated evidence files, one of them broken and one a second file for a person."""
    folder = tmp_path_factory.mktemp("crowd")
    bench_team.generate(folder, 120)
    files = sorted(folder.rglob("*.yaml"))
    files[7].write_text("format: competency/v1\nkind: evidence\nperson: [\n", encoding="utf-8")
    (folder / "zz-copy.yaml").write_text(files[3].read_text(encoding="utf-8"), encoding="utf-8")
    return folder


@pytest.mark.parametrize("output", ["json", "csv", "md", "text", "html"])
def test_team_output_is_the_same_for_one_and_two_jobs(
    cli: Callable[..., Run], crowd: Path, output: str
) -> None:
    """team -j 2 prints exactly what team -j 1 prints, errors included."""
    args = ("team", crowd, "--matrices", MATRICES, "--as-of", "2026-11-01", "--format", output)
    one, two = cli(*args, "-j", "1"), cli(*args, "-j", "2")
    assert (two.status, two.out, two.err) == (one.status, one.out, one.err)


def test_a_broken_file_does_not_stop_the_others(cli: Callable[..., Run], crowd: Path) -> None:
    """With two jobs, the broken file and the duplicate fail; everyone else is counted."""
    run = cli("team", crowd, "--matrices", MATRICES, "--format", "csv", "-j", "2")
    rows = run.out.strip().splitlines()[1:]
    assert (run.status, len(rows), "Y100" in run.err, "U100" in run.err) == (1, 119, True, True)


def test_validate_is_the_same_for_one_and_two_jobs(cli: Callable[..., Run], crowd: Path) -> None:
    """validate -j 2 reports exactly what validate -j 1 reports."""
    one = cli("validate", crowd, "--matrices", MATRICES, "-j", "1")
    two = cli("validate", crowd, "--matrices", MATRICES, "-j", "2")
    assert (two.status, two.out) == (one.status, one.out)


@pytest.mark.slow
def test_the_benchmark_prints_its_table_quickly() -> None:
    """bench/run.py --quick prints every comparison row (no timing is asserted)."""
    # The benchmark looks for check-jsonschema on PATH: this Python's scripts first.
    scripts = str(Path(sys.executable).parent)
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "run.py"),
            "--quick",
            "--teams",
            "70",
            "--no-install",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env={**os.environ, "PATH": os.pathsep.join([scripts, os.environ.get("PATH", "")])},
        timeout=600,
    )
    # check-jsonschema is in the test extra; ruamel.yaml.clib only in the bench extra.
    against = 2 if importlib.util.find_spec("_ruamel_yaml") is not None else 1
    expected = ["40 files vs check-jsonschema"] * against
    expected += ["40 files, one process", "start-up", "70 people, 2 jobs vs 1"]
    expected += ["100 people, 3-5 KB files, 2 jobs vs 1", "40 files, one edit in the server"]
    expected += [f"100 people, {command} vs team" for command in ("trend", "calibrate", "impact")]
    expected += ["2,000 rows into 20 files, suggest vs csv"]
    expected += ["100 people, parquet vs csv"] if importlib.util.find_spec("pyarrow") else []
    lines = done.stdout.splitlines()
    rows = [line.split("  ")[0] for line in lines[1 : len(expected) + 1]]
    team = lines.index("") + 2
    formats = [line.split()[0] for line in lines[team : team + 6]]
    assert (done.returncode, rows, formats) == (
        0,
        expected,
        ["csv", "json", "md", "text", "html", "xlsx"],
    )


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_ctrl_c_stops_team_and_its_workers_without_a_traceback(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """SIGINT to the terminal's process group mid-run: exit 2, "Aborted.", no worker left."""
    folder = tmp_path_factory.mktemp("big-team")
    bench_team.generate(folder, 2000)
    command = [sys.executable, "-m", "competency", "team", str(folder), "--matrices"]
    command += [str(MATRICES), "--as-of", "2026-11-01", "--format", "csv", "-j", "2", "-q"]
    # Standard output is a pipe nobody reads until the signal is sent: the CSV
    # (about 290 KB) fills it, so the parent blocks mid-run however fast the
    # machine is, and cannot finish before Ctrl-C arrives.
    run = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        cwd=ROOT,
    )
    try:
        # Not a fixed sleep: wait until both workers ignore SIGINT, as they do from
        # their first instruction, so the signal lands mid-run however busy the machine.
        ready = _wait_for_workers_ignoring_sigint(run.pid, 2, timeout=WAIT_SECONDS)
        running = run.poll() is None
        os.killpg(run.pid, signal.SIGINT)  # as Ctrl-C does: the parent and its workers
        err = run.communicate(timeout=WAIT_SECONDS)[1]
    finally:
        if run.poll() is None:  # only when the test failed: leave no process behind
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
    assert (ready, running, run.returncode, err.strip(), _group_gone(run.pid)) == (
        True,
        True,
        2,
        "Aborted.",
        True,
    )


#: How long to wait for a process to reach a state; far longer than it ever
#: takes, so that only a hang (never a busy machine) makes a test fail.
WAIT_SECONDS = 120
#: SIGINT's bit in the SigIgn mask of /proc/PID/status.
_SIGINT_BIT = 1 << (signal.SIGINT - 1)


def _wait_for_workers_ignoring_sigint(pid: int, count: int, timeout: float) -> bool:
    """Wait until process `pid` has `count` children that ignore SIGINT; False on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if sum(map(_ignores_sigint, _children(pid))) >= count:
            return True
        time.sleep(0.01)
    return False


def _children(pid: int) -> list[int]:
    """The ids of the children of process `pid` (read from /proc); none once it is gone."""
    try:
        return [
            int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        ]
    except OSError:
        return []


def _ignores_sigint(pid: int) -> bool:
    """Whether process `pid` ignores SIGINT (its SigIgn mask in /proc); False once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    mask = next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:"))
    return bool(int(mask, 16) & _SIGINT_BIT)


def _group_gone(group: int) -> bool:
    """Whether process group `group` has no process left (waits while one is still exiting)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("output", ["json", "csv"])
def test_team_written_while_read_is_the_whole_reports_output(crowd: Path, output: str) -> None:
    """A TeamStream's writer gives the bytes of the finished report's writer, failures included."""
    from competency import load_framework
    from competency.team_folder import TeamOptions, TeamStream, team_folder
    from competency.write import WRITERS, output_of

    framework = load_framework(MATRICES)
    options = TeamOptions(as_of=date(2026, 11, 1), jobs=2)
    report, found = team_folder(crowd, framework, options)
    streamed = WRITERS["team"][output].streamed
    assert streamed is not None
    stream = TeamStream(crowd, framework, options, piece=streamed.person_piece)
    written = "".join(streamed.writer(stream, PLAIN))
    expected = (output_of("team", output, report), found.diagnostics, report)
    assert (written, stream.found.diagnostics, stream.report()) == expected


def test_a_team_streams_report_waits_for_every_piece(crowd: Path) -> None:
    """TeamStream.report() before its pieces were read is a RuntimeError, not a partial report."""
    from competency import load_framework
    from competency.team_folder import TeamStream
    from competency.write.data import team_csv_row

    stream = TeamStream(crowd, load_framework(MATRICES), piece=team_csv_row)
    with pytest.raises(RuntimeError):
        stream.report()


def test_team_xlsx_is_the_same_for_one_and_two_jobs(crowd: Path) -> None:
    """The workbook of -j 2 has the bytes of -j 1's."""
    pytest.importorskip("openpyxl")
    from competency import load_framework
    from competency.team_folder import TeamOptions, team_folder
    from competency.write import output_of

    framework = load_framework(MATRICES)
    one, two = (
        output_of("team", "xlsx", team_folder(crowd, framework, TeamOptions(jobs=jobs))[0])
        for jobs in (1, 2)
    )
    assert one == two


def test_team_parquet_is_the_same_for_one_and_two_jobs(crowd: Path) -> None:
    """The three Parquet tables of -j 2 have the bytes of -j 1's."""
    pytest.importorskip("pyarrow")
    from competency import load_framework
    from competency.analytics import team_tables
    from competency.team_folder import TeamOptions

    framework = load_framework(MATRICES)
    one, two = (
        team_tables(crowd, framework, TeamOptions(as_of=date(2026, 11, 1), jobs=jobs))[0]
        for jobs in (1, 2)
    )
    assert one == two


def test_team_counted_a_chunk_at_a_time_is_the_team_of_its_people(crowd: Path) -> None:
    """Counting workers' chunks, one dropping a second file about a person, gives `team()`'s."""
    from competency import load_framework, team
    from competency.io import read_evidence_folder
    from competency.team_folder import TeamOptions, team_folder

    framework = load_framework(MATRICES)
    read = read_evidence_folder(crowd, framework)
    expected = team(framework, read.members, as_of=date(2026, 11, 1), failed=read.failed)
    assert (
        expected == team_folder(crowd, framework, TeamOptions(as_of=date(2026, 11, 1), jobs=2))[0]
    )


def test_team_parquet_tables_hold_the_rows_of_its_people(crowd: Path) -> None:
    """The tables of workers' batches, less a second file about a person, are each person's rows."""
    pq = pytest.importorskip("pyarrow.parquet")
    import io

    from competency import load_framework
    from competency.analytics import RowBuilder, team_tables
    from competency.analytics.arrow import table
    from competency.io import read_evidence_folder
    from competency.team_folder import TeamOptions

    framework = load_framework(MATRICES)
    builder = RowBuilder(framework, date(2026, 11, 1))
    rows = [
        builder.person(evidence, name)
        for name, evidence in read_evidence_folder(crowd, framework).members
    ]
    expected = [
        table("people", [person.person for person in rows], builder.stamp),
        table(
            "behaviour_status", [row for person in rows for row in person.behaviours], builder.stamp
        ),
        table(
            "competency_status",
            [row for person in rows for row in person.competencies],
            builder.stamp,
        ),
    ]
    tables = team_tables(crowd, framework, TeamOptions(as_of=date(2026, 11, 1), jobs=2))[0]
    actual = [pq.read_table(io.BytesIO(data)) for data in tables.values()]
    equal = [True] * len(expected)
    assert equal == [one.equals(two) for one, two in zip(expected, actual, strict=True)]
