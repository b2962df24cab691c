"""Shared fixtures: the repository's folders and a way to run the command line.

Also the suite's defaults: tests run in parallel (pytest-xdist, one worker per
core) unless ``-n`` is given or xdist is turned off, and no hypothesis test
has a deadline, so that a busy machine never fails a test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from competency import Framework

# Properties are checked, not speed: no per-example deadline, and no health
# check that fails a test because the machine was busy while it ran.
settings.register_profile("competency", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("competency")

ROOT = Path(__file__).resolve().parent.parent
MATRICES = ROOT / "matrices"
EXAMPLES = ROOT / "examples"


@dataclass
class Run:
    """What a command printed and its exit status."""

    status: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Run]:
    """Run ``competency ARGS...`` in-process and capture its output."""
    from competency.cli import main

    monkeypatch.setenv("NO_COLOR", "1")

    def run(*args: str | Path) -> Run:
        capsys.readouterr()
        status = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Run(status, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def framework() -> Framework:
    """The shipped framework, loaded once."""
    from competency import load_framework

    return load_framework(MATRICES)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """Run in parallel by default: ``-n auto --dist worksteal`` unless ``-n`` was given.

    Not in ``addopts``, so that ``-p no:xdist`` still works; ``-n 0`` runs in
    one process (print debugging), as do ``--pdb`` and ``--trace``. Runs before
    xdist's own hook, which turns "auto" into a number of workers.
    """
    if not config.pluginmanager.has_plugin("xdist") or hasattr(config, "workerinput"):
        return
    debugging = config.getoption("usepdb") or config.getoption("trace")
    if config.option.numprocesses is None and not debugging:
        config.option.numprocesses = "auto"
        if config.option.dist == "no":
            config.option.dist = "worksteal"


#: What ``python -m pytest`` runs when neither ``-m`` nor a path is given: the
#: quick tier (about three minutes on two cores). The pages in Chromium
#: (``browser``) and the runs of many processes (``slow``) are the second tier,
#: ``-m "browser or slow"``; ``.ci/run`` runs both tiers.
DEFAULT_TIER = "not slow and not browser"


def pytest_configure(config: pytest.Config) -> None:
    """Select the quick tier unless the command line chose tests itself.

    A path (``python -m pytest tests/browser``) or a marker expression
    (``-m browser``, ``-m "not scale"`` for every tier) runs what it names.
    xdist's workers receive the expression chosen here with the options.
    """
    named = config.args_source is not pytest.Config.ArgsSource.TESTPATHS
    if not config.option.markexpr and not named:
        config.option.markexpr = DEFAULT_TIER


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the organisation-scale runs (``scale``) unless ``-m`` names them.

    They take minutes on two cores (a team of 20,000 under Dask, say): run
    them by hand with ``python -m pytest -m scale`` (docs/development.md).
    """
    if "scale" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="an organisation-scale run: python -m pytest -m scale")
    for item in items:
        if item.get_closest_marker("scale") is not None:
            item.add_marker(skip)


def shared_output(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Path]
) -> Path:
    """What `make(folder)` returns, made once per test run even across xdist's workers.

    For expensive outputs several modules read, such as the shipped framework's
    PDF: the first worker to ask makes it under a lock in the run's shared
    temporary folder, the others wait and read the same file. Without xdist the
    folder is the run's own, so nothing carries over from an earlier run.
    """
    import fcntl
    import os
    import shutil

    base = tmp_path_factory.getbasetemp()
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = root / f"shared-{name}"
    with open(root / f"shared-{name}.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / ".made"
        if not done.is_file():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            made = make(folder)
            done.write_text(str(made.relative_to(folder)), encoding="utf-8")
        return folder / done.read_text(encoding="utf-8")


def shipped_pdf(tmp_path_factory: pytest.TempPathFactory, locale: str, day: date) -> Path:
    """The shipped framework's ladder PDF in `locale` dated `day`, rendered once per run."""

    def make(out: Path) -> Path:
        from competency import load_framework
        from competency.render import render

        (pdf,) = render(load_framework(ROOT / "matrices"), "pdf", out, locale=locale, today=day)
        return pdf

    return shared_output(tmp_path_factory, f"shipped-pdf-{locale}-{day}", make)
