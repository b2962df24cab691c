"""Fixtures for the acceptance tests: a working folder, the tiny base framework, a hang guard."""

from __future__ import annotations

import shutil
import signal
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from tests.acceptance.support import BASE

HANG_SECONDS = 300
"""Far longer than any case needs: the slowest takes 5 seconds on an idle machine and 30
with every core busy. Only there so that a hang fails instead of stalling the suite."""


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder made the current directory, so diagnostics show short relative paths."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def base(workdir: Path) -> Path:
    """The working folder holding a copy of the base framework and its evidence file."""
    shutil.copytree(BASE, workdir, dirs_exist_ok=True)
    return workdir


@pytest.fixture
def hang_guard() -> Iterator[None]:
    """Fail the test, rather than stall the suite, if it has not finished in `HANG_SECONDS`."""
    if not hasattr(signal, "SIGALRM"):  # pragma: no cover - Windows has no alarm
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        # pytest.fail raises a BaseException, which the command line's "internal
        # error" handler (it catches Exception) lets through to pytest.
        pytest.fail(f"hang guard: still running after {HANG_SECONDS} seconds", pytrace=True)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
