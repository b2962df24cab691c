"""Benchmark: `competency calibrate` against `competency team` on the same generated team.

Generates a team of evidence files (2,000 by default) against the shipped
framework, as `bench_team.py` does, and gives every person a manager (one
for about eight people) and the peer and panel assessments an assessor.
Then measures, in-process and with one job each:

(a) the team analysis, as ``competency team FOLDER`` runs it;
(b) the calibration, as ``competency calibrate FOLDER`` runs it;

and prints both times and their ratio (b / a); the target is at most 1.2.
Each measurement is the best of ``--repeat`` runs, the two interleaved.

Usage:

    python bench/bench_calibrate.py [--people 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import functools
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from competency import load_framework
from competency.team_folder import TeamOptions, calibrate_folder

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_team import AS_OF, MATRICES, _person, team_analysis
from bench_validate import best_of

#: A peer or panel assessment as bench_team writes it, before its date.
_ASSESSMENT = re.compile(r"(by: (?:peer|panel)), (date: )")


def generate(folder: Path, people: int, seed: int = 4) -> list[Path]:
    """Write `people` evidence files with managers and assessors; return their paths."""
    framework = load_framework(MATRICES)
    expected = functools.cache(framework.expected)
    rng = random.Random(seed)
    managers = max(1, people // 8)
    paths = []
    for number in range(people):
        text = _person(rng, framework, expected, number)
        manager = f"person-{rng.randrange(managers):05d}"
        if manager != f"person-{number:05d}":
            text = text.replace(
                f"name: Person {number}}}", f"name: Person {number}, manager: {manager}}}", 1
            )
        assessor = f"person-{rng.randrange(people):05d}"
        text = _ASSESSMENT.sub(rf"\1, assessor: {assessor}, \2", text)
        path = folder / f"person-{number:05d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def calibration(folder: Path) -> int:
    """(b) What `competency calibrate FOLDER` does, in-process; returns the people counted."""
    framework = load_framework(MATRICES)
    report, found = calibrate_folder(folder, framework, TeamOptions(as_of=AS_OF))
    if found.failed:
        raise SystemExit(f"{len(found.failed)} generated files failed to load: {found.failed[0]}")
    return report.people


def main(argv: list[str] | None = None) -> int:
    """Generate the team, measure (a) and (b), print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-calibrate-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        paths = generate(folder, args.people)
        print(
            f"generated {len(paths):,} files in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )
        if calibration(folder) != team_analysis(folder):
            raise SystemExit("calibrate and team counted different people")
        team = calibrate = float("inf")
        for _ in range(args.repeat):  # interleaved, so a busy machine disturbs both alike
            team = min(team, best_of(1, lambda: team_analysis(folder)))
            calibrate = min(calibrate, best_of(1, lambda: calibration(folder)))
        print(f"files:                    {len(paths):,}")
        for label, seconds in (
            ("(a) competency team:     ", team),
            ("(b) competency calibrate:", calibrate),
        ):
            print(f"{label} {seconds:.2f} s  ({seconds / len(paths) * 1e3:.2f} ms per file)")
        print(f"ratio (b / a):            {calibrate / team:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
