"""Benchmark: `competency impact` against one `competency team` run on a generated team.

Generates a team of evidence files (10,000 by default; the generator of
bench_team.py) against the shipped framework, makes HEAD a copy of the
framework with one behaviour added to support-engineer@se1 and one removed
from support-engineer@se2, then measures in-process, one process each:

(a) ``competency team``: load the framework, read and check every file,
    summarise the team;
(b) ``competency impact matrices HEAD``: load both frameworks, read every
    file once, judge everyone under both.

and prints both times and their ratio (b / a). The target is 2.2 or less:
each file is read once and judged twice. Each figure is the best of
``--repeat`` runs.

Usage:

    python bench/bench_impact.py [--people 10000] [--repeat 1]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from competency import load_framework
from competency.team_folder import TeamOptions, impact_folder

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_team import AS_OF, MATRICES, generate, team_analysis
from bench_validate import best_of

ROLE = "roles/support-engineer.yaml"
ADDED = "          - id: answers-escalations-in-time\n"
NEW = """          - id: writes-escalation-notes
            text: Writes a short account of each escalation after it closes.
"""


def make_head(folder: Path) -> Path:
    """A copy of the shipped framework with one behaviour added to se1."""
    head = folder / "head"
    shutil.copytree(MATRICES, head)
    role = head / ROLE
    text = role.read_text(encoding="utf-8")
    if ADDED not in text:
        raise SystemExit(f"{ROLE} changed: update bench_impact.py's edit")
    role.write_text(text.replace(ADDED, NEW + ADDED, 1), encoding="utf-8")
    return head


def impact_analysis(folder: Path, head: Path) -> tuple[int, int]:
    """(b) What `competency impact matrices HEAD FOLDER` does; returns (people, changed)."""
    report, found = impact_folder(
        folder, load_framework(MATRICES), load_framework(head), TeamOptions(as_of=AS_OF)
    )
    if found.failed:
        raise SystemExit(f"{len(found.failed)} generated files failed: {found.failed[0]}")
    return report.summary.people, report.summary.changed


def main(argv: list[str] | None = None) -> int:
    """Generate the team and HEAD, measure (a) and (b), print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-impact-") as tmp:
        team_folder, start = Path(tmp) / "team", time.perf_counter()
        team_folder.mkdir()
        paths = generate(team_folder, args.people)
        head = make_head(Path(tmp))
        print(
            f"generated {len(paths):,} files in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )
        people, changed = impact_analysis(team_folder, head)
        team = best_of(args.repeat, lambda: team_analysis(team_folder))
        impact = best_of(args.repeat, lambda: impact_analysis(team_folder, head))
        print(f"files:                 {len(paths):,} ({changed:,} of {people:,} people changed)")
        for label, seconds in (
            ("(a) competency team:  ", team),
            ("(b) competency impact:", impact),
        ):
            print(f"{label} {seconds:.2f} s  ({seconds / len(paths) * 1e3:.2f} ms per file)")
        print(f"ratio (b / a):         {impact / team:.2f}  (target: 2.2 or less)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
