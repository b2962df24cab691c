"""--jobs: many files over several processes give byte-identical output to one process."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

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


def test_the_benchmark_prints_its_table_quickly() -> None:
    """bench/run.py --quick prints every comparison row (no timing is asserted)."""
    import subprocess

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
        timeout=600,
    )
    # check-jsonschema is in the test extra; ruamel.yaml.clib only in the bench extra.
    against = 2 if importlib.util.find_spec("_ruamel_yaml") is not None else 1
    expected = ["40 files vs check-jsonschema"] * against
    expected += ["40 files, one process", "start-up", "70 people, 2 jobs vs 1"]
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
    import os
    import signal
    import subprocess
    import time

    folder = tmp_path_factory.mktemp("big-team")
    bench_team.generate(folder, 2000)
    command = [sys.executable, "-m", "competency", "team", str(folder), "--matrices"]
    command += [str(MATRICES), "--as-of", "2026-11-01", "--format", "csv", "-j", "2", "-q"]
    run = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        cwd=ROOT,
    )
    started = _wait_for_children(run.pid, 2, timeout=30)
    time.sleep(0.3)  # the workers are analysing files
    running = run.poll() is None
    os.killpg(run.pid, signal.SIGINT)  # as Ctrl-C does: the parent and its workers
    err = run.communicate(timeout=60)[1]
    deadline = time.monotonic() + 5
    left = True
    while left and time.monotonic() < deadline:
        try:
            os.killpg(run.pid, 0)
            time.sleep(0.1)
        except ProcessLookupError:
            left = False
    assert (started, running, run.returncode, err.strip(), left) == (
        True,
        True,
        2,
        "Aborted.",
        False,
    )


def _wait_for_children(pid: int, count: int, timeout: float) -> bool:
    """Wait until process `pid` has `count` children (read from /proc); False on timeout."""
    import time

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        children = Path(f"/proc/{pid}/task/{pid}/children")
        if children.exists() and len(children.read_text().split()) >= count:
            return True
        time.sleep(0.05)
    return False
