"""How much validating a framework costs over merely parsing its YAML.

Both sides run in this one process on the same files: the baseline parses
every file of the framework with PyYAML's C loader (`CSafeLoader`); the
measured side runs `competency.validate` on the folder (strict loading with
positions, the models, every cross-file rule and the quality warnings). The
ratio is what the checks cost on top of reading.

    python bench/bench_validate.py [FOLDER] [--repeat N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import yaml

import competency

ROOT = Path(__file__).resolve().parent.parent


def best_of(repeat: int, action: Callable[[], object]) -> float:
    """The fastest of `repeat` runs, in seconds: the least disturbed measurement."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Measure and print the parse time, the validate time and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "matrices")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    files = sorted(args.folder.rglob("*.yaml"))

    def parse_only() -> None:
        for path in files:
            with path.open("rb") as stream:
                yaml.load(stream, Loader=yaml.CSafeLoader)

    def validate() -> None:
        result = competency.validate([args.folder])
        assert result.ok, result.errors

    validate()  # warm imports and caches on both sides before measuring
    parse_only()
    parse = best_of(args.repeat, parse_only)
    checked = best_of(args.repeat, validate)
    print(f"files:                 {len(files)}")
    print(f"parse (CSafeLoader):   {parse * 1000:8.1f} ms")
    print(f"competency validate:   {checked * 1000:8.1f} ms")
    print(f"ratio validate/parse:  {checked / parse:8.2f}x")


if __name__ == "__main__":
    main()
