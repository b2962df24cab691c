"""Work spread over processes: an ordered map over many files, with one setup per worker.

`ordered_map` runs `work` over `items` in worker processes and yields the
results in the order of `items`, so output is byte-identical to running in
one process. `setup(*setup_args)` makes the state `work` needs (a framework,
say) once per process, and `work(state, item)` is given it: nothing outlives
the call, in this process or any other (a worker keeps its state until the
pool, and with it the worker, ends). With one job, or few items, it all runs
in this process. Ctrl-C is the parent's alone: workers ignore it,
and the parent stops them before the interrupt propagates, so nothing but
the command's own message is printed.
"""

from __future__ import annotations

import gc
import os
import signal
from collections.abc import Callable, Generator, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar

__all__ = [
    "MIN_ITEMS_PER_JOB",
    "ordered_chunks",
    "ordered_map",
    "paused_collection",
    "usable_cores",
]

S = TypeVar("S")
T = TypeVar("T")
R = TypeVar("R")

#: Below this many items per job, starting processes costs more than it saves.
MIN_ITEMS_PER_JOB = 32
#: Items sent to a worker at a time, at least: large enough to amortise the pipe,
#: small enough to keep every worker busy to the end.
_CHUNK = 16
#: Chunks per worker, at most: each chunk is one message each way (and a wake-up of the
#: parent's threads), so a large run sends bigger chunks, not more of them.
_CHUNKS_PER_WORKER = 24
#: Items in a chunk of `ordered_chunks`, at most: its results are held whole, in the
#: worker and in one message (2,083 people's Parquet rows at 100,000 files, some 10 MB).
_MAX_CHUNK = 256


def usable_cores() -> int:
    """How many cores this process may use (its CPU affinity where the system has one)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS and Windows
        return max(1, os.cpu_count() or 1)


#: In a worker process only, from its start to its end: `work` and the state `setup` made.
#: The parent never sets it; the worker, and the state with it, ends with the pool.
_IN_WORKER: dict[str, Any] = {}


@contextmanager
def paused_collection() -> Iterator[None]:
    """No cyclic garbage collection inside the block; the state it had before is restored.

    For work that builds many plain containers that stay alive (a framework
    read, records counted as they arrive from workers): Python's collector
    walks all of them again each time they grow by a quarter, 15 to 25 % of
    validating 500 role files, and a third of the parent's time while
    ``team -j2`` counts records. Nothing cyclic is lost: reference counting
    frees the rest as usual, and the collector takes up anything cyclic
    once it runs again.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _worker_start(work: Callable[[Any, Any], Any], setup: Callable[..., Any], *args: Any) -> None:
    """A worker's start: Ctrl-C (sent to the whole terminal's process group) is
    left to the parent, which terminates the pool; then its state is made.

    What the worker inherited (modules, the framework) lives as long as it
    does, so the collector is told to leave it alone (`gc.freeze`): it then
    never walks those objects again, nor writes to their pages, which stay
    shared with the parent: it halved a worker's collection time on
    example-sized evidence files.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.freeze()
    _IN_WORKER["work"], _IN_WORKER["state"] = work, setup(*args)


def _worker_run(item: Any) -> Any:
    """One item in a worker: its `work` with the state made at its start."""
    return _IN_WORKER["work"](_IN_WORKER["state"], item)


def ordered_map(
    work: Callable[[S, T], R],
    items: Sequence[T],
    *,
    jobs: int,
    setup: Callable[..., S],
    setup_args: tuple[Any, ...] = (),
) -> Generator[R, None, None]:
    """`work(state, item)` over `items`, in `jobs` processes, results in item order.

    `state` is ``setup(*setup_args)``, made once in each process that works.
    `work` and `setup` must be module-level functions or classes (they are
    sent to the workers by name).
    """
    workers = _workers(jobs, items)
    if workers <= 1:
        state = setup(*setup_args)
        for item in items:
            yield work(state, item)
        return
    chunk = max(_CHUNK, len(items) // (workers * _CHUNKS_PER_WORKER))
    yield from _pooled(work, items, chunk, workers, setup, setup_args)


def ordered_chunks(
    work: Callable[[S, Sequence[T]], R],
    items: Sequence[T],
    *,
    jobs: int,
    setup: Callable[..., S],
    setup_args: tuple[Any, ...] = (),
) -> Generator[tuple[Sequence[T], R], None, None]:
    """`work(state, chunk)` over consecutive chunks of `items`, with each chunk, in order.

    As `ordered_map`, but `work` is given a chunk of items at a time and
    makes one result of it, which comes back as one message: what the
    parent does per item shrinks to what it does per chunk. The chunks are
    those `ordered_map` would send (of at least 16 items, at most 24 per
    worker), but of 256 items at most; with one job, chunks of the same
    size run in this process. What
    a caller makes of the results must not depend on where chunks end.
    """
    workers = _workers(jobs, items)
    size = max(_CHUNK, min(_MAX_CHUNK, len(items) // (max(1, workers) * _CHUNKS_PER_WORKER)))
    chunks = [items[start : start + size] for start in range(0, len(items), size)]
    if workers <= 1:
        state = setup(*setup_args)
        for chunk in chunks:
            yield chunk, work(state, chunk)
        return
    yield from zip(chunks, _pooled(work, chunks, 1, workers, setup, setup_args), strict=True)


def _workers(jobs: int, items: Sequence[Any]) -> int:
    """How many worker processes `items` are worth with `jobs`; one or fewer: none."""
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, got {jobs}")
    return min(jobs, len(items) // MIN_ITEMS_PER_JOB)


def _pooled(
    work: Callable[[S, T], R],
    items: Sequence[T],
    chunk: int,
    workers: int,
    setup: Callable[..., S],
    setup_args: tuple[Any, ...],
) -> Generator[R, None, None]:
    """`work` over `items` in a pool of `workers` processes, `chunk` items a message."""
    import multiprocessing  # here, not at the top: `validate` of a few files never needs it

    # fork keeps the parent's imports and framework; spawn where fork is unsafe or missing.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    pool = None
    # Ctrl-C is held back while the pool starts: an interrupt that landed half-way through
    # Pool() would leave workers (which ignore it) running after this process ends. Released
    # inside the try, it stops the pool like any other interrupt.
    held = _hold_interrupts()
    try:
        pool = _quiet_pool(context, workers, _worker_start, (work, setup, *setup_args))
        _release_interrupts(held)
        yield from pool.imap(_worker_run, items, chunksize=chunk)
        pool.close()
    except BaseException:
        if pool is not None:
            pool.terminate()
        raise
    finally:
        _release_interrupts(held)
        if pool is not None:
            pool.join()


def _quiet_pool(
    context: Any, workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
) -> Any:
    """A `multiprocessing.pool.Pool` whose worker-minding thread sleeps while results arrive.

    The standard pool's thread that replaces exited workers also waits on
    the results pipe (to replace a worker that reached `maxtasksperchild`
    at once), so while a result is being received it wakes, checks every
    worker and waits again, over and over: 0.09 s of the parent's 0.26 s of
    CPU while ``team -j2`` read 8,000 files. Without `maxtasksperchild`
    (never set here) it has nothing to do then; it still wakes when a
    worker exits (each worker's sentinel) or the pool changes.
    """
    from multiprocessing.pool import Pool

    class QuietPool(Pool):
        def _get_sentinels(self) -> list[Any]:
            return [self._change_notifier._reader]  # type: ignore[attr-defined]  # CPython's

    return QuietPool(workers, initializer, initargs, context=context)


def _hold_interrupts() -> set[int | signal.Signals] | None:
    """Block SIGINT in this thread (where the system can); the mask to restore, or None."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        return None
    return signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})


def _release_interrupts(held: set[int | signal.Signals] | None) -> None:
    """Restore the mask `_hold_interrupts` replaced; a held Ctrl-C is delivered now."""
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
