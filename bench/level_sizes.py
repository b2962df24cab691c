"""How many behaviours each level of a framework expects, and how many are new there.

Prints one row per level: the role, the level, its grade, the number of
behaviours it expects (after `replaces`, docs/format.md) and the number
that are new compared with the level below (for a role's lowest level, all
of them). The last lines give the largest and the median level. Use it to
size a ladder: a person preparing for a promotion is handed the new count.

    python bench/level_sizes.py [FOLDER] [--format text|md]
"""

from __future__ import annotations

import argparse
import statistics
from pathlib import Path

import competency

ROOT = Path(__file__).resolve().parent.parent


def level_sizes(folder: Path) -> list[tuple[str, str, str, int, int]]:
    """(role, level, grade, expected, new) for every level, in role-file order."""
    framework = competency.load_framework(folder)
    rows = []
    for found in framework.levels():
        expected = sum(len(part.behaviours) for part in framework.expected(found.ref))
        new = sum(len(part.new) for part in framework.what_is_new(found.ref))
        rows.append((found.role.id, found.level.id, found.level.grade, expected, new))
    return rows


def main() -> None:
    """Print the table for the folder on the command line (default: matrices/)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=ROOT / "matrices")
    parser.add_argument("--format", choices=["text", "md"], default="text")
    args = parser.parse_args()
    rows = level_sizes(args.folder)
    if args.format == "md":
        print("| role | level | grade | expected | new |")
        print("| --- | --- | --- | ---: | ---: |")
        for role, level, grade, expected, new in rows:
            print(f"| `{role}` | `{level}` | `{grade}` | {expected} | {new} |")
    else:
        for role, level, grade, expected, new in rows:
            print(f"{role:32} {level:8} {grade:4} {expected:4} {new:4}")
    counts = [row[3] for row in rows]
    print()
    print(f"levels: {len(rows)}; largest: {max(counts)}; median: {statistics.median(counts)}")


if __name__ == "__main__":
    main()
