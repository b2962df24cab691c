"""Benchmark: `competency suggest` of a large help-desk export into a team's evidence files.

Generates, seeded, a team of evidence files the size of the shipped
examples (`bench_team.generate`) and a Zendesk CSV export for the shipped
``zendesk`` mapping (``src/competency/mappings/zendesk.yaml``): each row
names one of the team's people by name as its assignee, and most carry a
tag or a rating that a rule of the mapping maps to a behaviour.

``python bench/run.py`` runs ``suggest`` as a whole process against reading
the same CSV with Python's ``csv`` module (`CSV_READ`); each run of
``suggest`` starts from a fresh copy of the team (``run SRC DST EXPORT``
below copies it, then becomes the command, so the copy is in the time).

Usage:

    python bench/bench_suggest.py generate TEAM EXPORT [--people 2000] [--rows 200000]
    python bench/bench_suggest.py run TEAM COPY EXPORT
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_team

#: The columns of the generated export, as Zendesk's CSV export names them.
COLUMNS = ("Id", "Subject", "Assignee", "Solved at", "Tags", "Satisfaction Score")
#: Tags the zendesk mapping's rules look for, and some it does not.
TAGS = (
    "escalation",
    "incident",
    "bug",
    "feature_request",
    "kb_article",
    "qa_pass",
    "renewal",
    "billing",
    "onboarding",
    "vip",
)

#: The baseline: every row of the CSV read with Python's csv module, in a whole process.
CSV_READ = (
    "import csv, sys\n"
    "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
    "    rows = sum(1 for _ in csv.DictReader(f))\n"
)


def generate(team: Path, export: Path, people: int, rows: int, seed: int = 27) -> None:
    """Write `people` evidence files into `team` and a `rows`-row export at `export`."""
    team.mkdir(parents=True, exist_ok=True)
    bench_team.generate(team, people, seed=seed, items=(4, 10))
    rng = random.Random(seed)
    with export.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for number in range(rows):
            day = bench_team.AS_OF - timedelta(days=rng.randint(0, 700))
            tags = " ".join(rng.sample(TAGS, rng.randint(0, 3)))
            writer.writerow(
                (
                    10_000 + number,
                    bench_team._summary(rng),
                    f"Person {rng.randrange(people)}",
                    f"{day.isoformat()} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:00 +0000",
                    tags,
                    rng.choice(("Good", "Bad", "Offered", "")),
                )
            )


def run(team: Path, copy: Path, export: Path) -> None:
    """A fresh copy of `team` at `copy`, then this process becomes ``competency suggest``."""
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(team, copy)
    command = [sys.executable, "-m", "competency", "suggest", str(export)]
    command += ["--mapping", "zendesk", "--into", str(copy), "--matrices", "matrices"]
    os.execv(sys.executable, command)


def main(argv: list[str] | None = None) -> int:
    """Generate the corpus, or run one ``suggest`` on a fresh copy of it."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("generate")
    make.add_argument("team", type=Path)
    make.add_argument("export", type=Path)
    make.add_argument("--people", type=int, default=2_000)
    make.add_argument("--rows", type=int, default=200_000)
    once = commands.add_parser("run")
    once.add_argument("team", type=Path)
    once.add_argument("copy", type=Path)
    once.add_argument("export", type=Path)
    options = parser.parse_args(argv)
    if options.command == "generate":
        generate(options.team, options.export, options.people, options.rows)
    else:
        run(options.team, options.copy, options.export)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
