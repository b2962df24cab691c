"""Work spread over processes: an ordered map over many files, with one setup per worker.

`ordered_map` runs `work` over `items` in worker processes and yields the
results in the order of `items`, so output is byte-identical to running in
one process. Each worker runs `setup(*setup_args)` once (to load a framework,
say); `work` then reads what setup stored. With one job, or few items, it
all runs in this process. Ctrl-C is the parent's alone: workers ignore it,
and the parent stops them before the interrupt propagates, so nothing but
the command's own message is printed.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

__all__ = ["MIN_ITEMS_PER_JOB", "ordered_map", "usable_cores"]

T = TypeVar("T")
R = TypeVar("R")

#: Below this many items per job, starting processes costs more than it saves.
MIN_ITEMS_PER_JOB = 32
#: Items sent to a worker at a time: large enough to amortise the pipe, small
#: enough to keep every worker busy to the end.
_CHUNK = 16


def usable_cores() -> int:
    """How many cores this process may use (its CPU affinity where the system has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS and Windows
        return max(1, os.cpu_count() or 1)


def _worker_setup(setup: Callable[..., None], *setup_args: Any) -> None:
    """A worker's start: Ctrl-C (sent to the whole terminal's process group) is
    left to the parent, which terminates the pool; then `setup`."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    setup(*setup_args)


def ordered_map(
    work: Callable[[T], R],
    items: Sequence[T],
    *,
    jobs: int,
    setup: Callable[..., None],
    setup_args: tuple[Any, ...] = (),
) -> Iterator[R]:
    """`work` over `items`, in `jobs` processes, results in item order.

    `work` and `setup` must be module-level functions (they are sent to the
    workers by name).
    """
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    workers = min(jobs, len(items) // MIN_ITEMS_PER_JOB)
    if workers <= 1:
        setup(*setup_args)
        yield from map(work, items)
        return
    import multiprocessing  # here, not at the top: `validate` of a few files never needs it

    # fork keeps the parent's imports and framework; spawn where fork is unsafe or missing.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    pool = context.Pool(workers, initializer=_worker_setup, initargs=(setup, *setup_args))
    try:
        yield from pool.imap(work, items, chunksize=_CHUNK)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()
