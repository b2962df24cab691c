"""Benchmark: `competency team` on a synthetic team against the bare C YAML parse.

Generates a team of evidence files (10,000 by default) against the shipped
framework in a temporary folder, then measures in one run:

(a) parse only: every file read and parsed with PyYAML's C loader
    (``yaml.load(f, Loader=yaml.CSafeLoader)``), nothing else;
(b) the team analysis, in-process through the library, as
    ``competency team`` runs it: load the framework, read, strictly parse,
    validate and check every evidence file, then summarise the team.

and prints both times and their ratio (b / a). Each measurement is the best
of ``--repeat`` runs, so that a busy machine disturbs it less.

Usage:

    python bench/bench_team.py [--people 10000] [--repeat 3] [--profile]

``--profile`` also prints the 25 most expensive functions of (b) by
cumulative time (cProfile).
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import pstats
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import yaml

from competency import load_framework
from competency.framework import ExpectedCompetency, Framework
from competency.team_folder import TeamOptions, team_folder

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_validate import best_of

ROOT = Path(__file__).resolve().parent.parent
MATRICES = ROOT / "matrices"
AS_OF = date(2026, 11, 1)
SOURCES = ("self", "manager", "manager", "peer", "customer", "system")
ASSESSORS = ("self", "manager", "peer", "panel")
_VOCABULARY = (
    "answered reviewed escalated rebuilt documented measured shadowed coached "
    "the customer's webhook import invoice roster export calendar single sign-on "
    "queue runbook release incident renewal survey dashboard backlog account team "
    "within two days before the deadline with a workaround and a written recap"
)
#: Words for item summaries; a summary is 18 to 45 of them.
WORDS = _VOCABULARY.split()

#: What a level (``ROLE@LEVEL``) expects, as `Framework.expected` gives it.
Expected = Callable[[str], list[ExpectedCompetency]]


def _summary(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(18, 45))).capitalize() + "."


def _person(
    rng: random.Random,
    framework: Framework,
    expected: Expected,
    number: int,
    items: tuple[int, int] = (10, 40),
) -> str:
    """One realistic evidence file: 10 to 40 items on the person's current and next level."""
    role = rng.choice(list(framework.roles.values()))
    index = rng.randrange(len(role.levels))
    here = f"{role.id}@{role.levels[index].id}"
    aims = [here] + (
        [f"{role.id}@{role.levels[index + 1].id}"] if index + 1 < len(role.levels) else []
    )
    refs = [info.ref for aim in aims for part in expected(aim) for info in part.behaviours]
    steps = [step.id for step in framework.info.scale]
    lines = [
        "# yaml-language-server: $schema=../schemas/evidence.schema.json",
        "format: competency/v1",
        "kind: evidence",
        f"person: {{id: person-{number:05d}, name: Person {number}}}",
        f"role: {role.id}",
        f"level: {role.levels[index].id}",
        "items:",
    ]
    for item in range(rng.randint(*items)):
        day = AS_OF - timedelta(days=rng.randint(-20, 700))
        shows = rng.sample(refs, min(len(refs), rng.randint(1, 4)))
        if rng.random() < 0.9:
            lines.append(f"  - id: work-{item}")
            lines.append(f"    date: {day.isoformat()}")
        else:
            lines.append(f"  - date: {day.isoformat()}")
        lines += [
            f"    source: {rng.choice(SOURCES)}",
            f"    summary: >-\n      {_summary(rng)}",
            f"    link: https://tickets.example.com/{rng.randint(1000, 99999)}",
            "    shows:",
            *(f"      - {ref}" for ref in shows),
        ]
    competencies = [part.competency for part in expected(here)]
    assessments = rng.sample(competencies, min(len(competencies), rng.randint(0, 5)))
    if assessments:
        lines.append("assessments:")
        for competency in assessments:
            day = AS_OF - timedelta(days=rng.randint(0, 300))
            lines.append(
                f"  - {{competency: {competency}, step: {rng.choice(steps)}, "
                f"by: {rng.choice(ASSESSORS)}, date: {day.isoformat()}}}"
            )
    if rng.random() < 0.2:
        lines += [
            "not_applicable:",
            f"  - behaviour: {rng.choice(refs)}",
            "    reason: This part of the product is not sold in the person's region.",
        ]
    return "\n".join(lines) + "\n"


def generate(
    folder: Path, people: int, seed: int = 4, items: tuple[int, int] = (10, 40)
) -> list[Path]:
    """Write `people` evidence files into `folder`; return their paths.

    Each file has `items` (lowest, highest) evidence items: the default makes
    files of about 12 KB; (4, 10) makes files of 3 to 5 KB, the size of the
    shipped examples.
    """
    framework = load_framework(MATRICES)
    # Worked out once per level, not once per person: generating stays quick.
    expected = functools.cache(framework.expected)
    rng = random.Random(seed)
    paths = []
    for number in range(people):
        path = folder / f"person-{number:05d}.yaml"
        path.write_text(_person(rng, framework, expected, number, items), encoding="utf-8")
        paths.append(path)
    return paths


def parse_only(paths: list[Path]) -> None:
    """(a) Every file parsed with PyYAML's C loader, and nothing else."""
    for path in paths:
        with path.open("rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)


def team_analysis(folder: Path) -> int:
    """(b) What `competency team FOLDER` does, in-process; returns the people analysed."""
    framework = load_framework(MATRICES)
    report, found = team_folder(folder, framework, TeamOptions(as_of=AS_OF))
    if found.failed:
        raise SystemExit(f"{len(found.failed)} generated files failed to load: {found.failed[0]}")
    return len(report.people)


def main(argv: list[str] | None = None) -> int:
    """Generate the team, measure (a) and (b), print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-team-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        paths = generate(folder, args.people)
        size = sum(path.stat().st_size for path in paths)
        print(
            f"generated {len(paths):,} files ({size / 1e6:.1f} MB) "
            f"in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )
        parse = best_of(args.repeat, lambda: parse_only(paths))
        analysis = best_of(args.repeat, lambda: team_analysis(folder))
        print(f"files:               {len(paths):,}")
        for label, seconds in (("(a) C YAML parse:   ", parse), ("(b) competency team:", analysis)):
            print(f"{label} {seconds:.2f} s  ({seconds / len(paths) * 1e3:.2f} ms per file)")
        print(f"ratio (b / a):       {analysis / parse:.2f}")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.runcall(team_analysis, folder)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
