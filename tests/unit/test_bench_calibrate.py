"""bench/bench_calibrate.py: calibrate against team prints its ratio (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_the_calibrate_benchmark_prints_its_ratio() -> None:
    """At a small size it prints the files, both times and the ratio calibrate / team."""
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "bench_calibrate.py"),
            "--people",
            "24",
            "--repeat",
            "1",
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=600,
    )
    labels = [line.split(":")[0] for line in done.stdout.splitlines()]
    assert (done.returncode, labels) == (
        0,
        ["files", "(a) competency team", "(b) competency calibrate", "ratio (b / a)"],
    )
