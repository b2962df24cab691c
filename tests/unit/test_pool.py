"""Work over many processes: the state a call makes is passed to its work and outlives nothing."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import pytest

from competency import load_framework
from competency.io import read_evidence_folder
from competency.pool import MIN_ITEMS_PER_JOB, ordered_chunks, ordered_map
from competency.team_folder import TeamOptions, team_folder
from tests.conftest import EXAMPLES, MATRICES


def _start(offset: int) -> dict[str, int]:
    return {"offset": offset, "pid": os.getpid()}


def _add(state: dict[str, int], item: int) -> tuple[int, bool]:
    return item + state["offset"], state["pid"] == os.getpid()


def _add_each(state: dict[str, int], chunk: Sequence[int]) -> list[tuple[int, bool]]:
    return [_add(state, item) for item in chunk]


def _module_state() -> dict[str, object]:
    """Every module-level dict or list of the modules that run work in processes."""
    import competency.io
    import competency.pool
    import competency.team_folder

    modules = (competency.io, competency.pool, competency.team_folder)
    return {
        f"{module.__name__}.{name}": value
        for module in modules
        for name, value in vars(module).items()
        if isinstance(value, dict | list) and name != "__all__"
    }


@pytest.mark.parametrize("jobs", [1, 2])
def test_work_gets_the_state_its_process_made(jobs: int) -> None:
    """Each item is worked with the state setup made in the same process, in item order."""
    items = list(range(MIN_ITEMS_PER_JOB * 2))
    found = list(ordered_map(_add, items, jobs=jobs, setup=_start, setup_args=(1000,)))
    expected = [(item + 1000, True) for item in items]
    assert expected == found


def test_large_chunks_keep_the_item_order() -> None:
    """A run long enough for chunks above the smallest size still gives every result in order."""
    items = list(range(5_000))
    found = list(ordered_map(_add, items, jobs=2, setup=_start, setup_args=(7,)))
    expected = [(item + 7, True) for item in items]
    assert expected == found


@pytest.mark.parametrize("jobs", [1, 2])
def test_chunks_come_back_whole_and_in_order(jobs: int) -> None:
    """Each chunk's one result comes back with its chunk; the chunks are the items in order."""
    items = list(range(3_000))
    found = list(ordered_chunks(_add_each, items, jobs=jobs, setup=_start, setup_args=(7,)))
    chunks = [item for chunk, _ in found for item in chunk]
    results = [result for _, made in found for result in made]
    expected = (items, [(item + 7, True) for item in items], True)
    assert expected == (chunks, results, len(found) > 1)


@pytest.mark.parametrize("jobs", [1, 2])
def test_no_state_is_left_after_a_run(tmp_path: Path, jobs: int) -> None:
    """After reading a folder and a team, in one process or two, no module holds worker state."""
    before = _module_state()
    for index in range(MIN_ITEMS_PER_JOB * 2):
        source = sorted(EXAMPLES.glob("*.yaml"))[0].read_text(encoding="utf-8")
        (tmp_path / f"p{index:03}.yaml").write_text(source, encoding="utf-8")
    framework = load_framework(MATRICES)
    read_evidence_folder(tmp_path, framework, jobs=jobs)
    team_folder(tmp_path, framework, TeamOptions(jobs=jobs))
    assert before == _module_state()


def test_the_quiet_pool_relies_on_what_cpythons_pool_still_has() -> None:
    """`pool._quiet_pool` overrides a private hook of CPython's pool (docs/decisions.md):
    the hook still exists and still lists the results pipe, the quiet pool's list holds
    the change notifier alone, and work still runs through it. A CPython release that
    renames the hook fails here, by name, rather than in every ``--jobs`` test."""
    import multiprocessing
    from multiprocessing.pool import Pool

    from competency.pool import _quiet_pool, _worker_run, _worker_start

    context = multiprocessing.get_context("fork")
    pool = _quiet_pool(context, 2, _worker_start, (_add, _start, 5))
    try:
        hook = getattr(Pool, "_get_sentinels", None)  # private to CPython, not in typeshed
        standard = hook(pool) if callable(hook) else []  # what CPython's own hook waits on
        quiet = pool._get_sentinels()
        done = list(pool.imap(_worker_run, range(10), chunksize=3))
        pool.close()
    finally:
        pool.terminate()
        pool.join()
    assert (
        callable(hook),
        pool._outqueue._reader in standard,
        quiet == [pool._change_notifier._reader],
        [value for value, _ in done],
    ) == (True, True, True, list(range(5, 15)))
