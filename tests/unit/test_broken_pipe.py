"""A reader that stops reading (`| head`) ends a command quietly, with exit status 0."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_gap_into_head_exits_zero_whatever_the_timing() -> None:
    """`gap` piped into `head -n 1` exits 0 (with pipefail), however much it had written."""
    command = (
        f"'{sys.executable}' -m competency gap examples/hana-s.yaml --as-of 2026-11-01 "
        "--format md | head -n 1"
    )
    statuses = {
        subprocess.run(
            ["bash", "-o", "pipefail", "-c", command],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).returncode
        for _ in range(3)
    }
    assert statuses == {0}
