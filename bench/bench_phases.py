"""Where the parent of ``competency team -j N`` spends CPU: before, while, after records arrive.

Runs ``competency ARGS`` in this process and prints on stderr the parent's
CPU time (all its threads, `getrusage`) before the process map starts,
while it yields results, and after the last one, with the workers' CPU,
the wall time of each phase, and the peak memory of the parent and of the
largest worker. CPU time is what a loaded machine
disturbs least (docs/performance.md, "`--jobs` on example-sized files").

Usage:

    python bench/bench_phases.py team DIR --as-of 2026-11-01 --format csv -j 2 > /dev/null
"""

from __future__ import annotations

import atexit
import resource
import sys
import time
from collections.abc import Generator
from typing import Any

import competency.io
import competency.pool

_MARKS: dict[str, float] = {}
_START = time.perf_counter()
_ordered_map = competency.pool.ordered_map
_ordered_chunks = getattr(competency.pool, "ordered_chunks", None)  # older code: none


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def _timed_map(*args: Any, **kwargs: Any) -> Generator[Any, None, None]:
    _MARKS["start"], _MARKS["wall0"] = _cpu(), time.perf_counter()
    yield from _ordered_map(*args, **kwargs)
    _MARKS["end"], _MARKS["wall1"] = _cpu(), time.perf_counter()


def _timed_chunks(*args: Any, **kwargs: Any) -> Generator[Any, None, None]:
    _MARKS["start"], _MARKS["wall0"] = _cpu(), time.perf_counter()
    yield from _ordered_chunks(*args, **kwargs)  # type: ignore[misc]  # set when this runs
    _MARKS["end"], _MARKS["wall1"] = _cpu(), time.perf_counter()


def _report() -> None:
    if "end" not in _MARKS:
        return
    total, now = _cpu(), time.perf_counter()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    before, during = _MARKS["start"], _MARKS["end"] - _MARKS["start"]
    print(
        f"parent CPU: before {before:.2f} during {during:.2f} after {total - _MARKS['end']:.2f}"
        f" (all {total:.2f}); workers {children.ru_utime + children.ru_stime:.2f}; wall: before"
        f" {_MARKS['wall0'] - _START:.2f} during {_MARKS['wall1'] - _MARKS['wall0']:.2f}"
        f" after {now - _MARKS['wall1']:.2f}; peak MB: parent"
        f" {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} workers"
        f" {children.ru_maxrss // 1024}",
        file=sys.stderr,
    )


def main() -> None:
    """Run the command with the process map timed."""
    # A timed stand-in for the process map that every folder walk uses.
    competency.io.ordered_map = _timed_map  # type: ignore[attr-defined]  # io imports it
    if _ordered_chunks is not None:  # the walks that send a chunk's records as one message
        competency.io.ordered_chunks = _timed_chunks  # type: ignore[attr-defined]
    atexit.register(_report)
    from competency.cli import run

    sys.argv = ["competency", *sys.argv[1:]]
    run()


if __name__ == "__main__":
    main()
