"""bench/bench_render.py: rendering at scale prints its table (no timing is asserted)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.pdf, pytest.mark.slow]
typst = pytest.importorskip("typst")


def test_the_render_benchmark_prints_its_table_quickly() -> None:
    """--quick prints a row per format and the bare Typst compile, and the PDF's ratios."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_render.py"), "--quick"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        timeout=600,
    )
    lines = done.stdout.splitlines()
    rows = [line.split("  ")[0] for line in lines[1:5]]
    ratios = [line.split(":")[0] for line in lines[6:9]]
    assert (done.returncode, lines[0].split()[:4], rows, ratios) == (
        0,
        ["format", "5", "roles", "s"],
        ["md", "html", "pdf", "bare typst"],
        [f"pdf / bare typst at {n} roles" for n in (5, 10, 20)],
    )
