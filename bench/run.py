"""Every performance comparison of docs/performance.md, side by side, in one run.

    python bench/run.py [--quick] [--runs N] [--full] [--roles N] [--teams N ...] [--no-install]

Generates its corpora (seeded, so every run measures the same files) in a
temporary folder, then measures whole processes, interleaving the
contenders so that a busy machine disturbs both alike, and prints one table:
the median wall time of each contender, their ratio, and the peak memory
(maximum resident set size) of each process.

- ``validate`` of a generated framework of 500 role files against
  ``check-jsonschema --schemafile schemas/role.schema.json`` on the same
  role files, as a default install runs it (ruamel.yaml in pure Python) and
  with ``ruamel.yaml.clib`` (install both with ``pip install -e '.[bench]'``);
- ``validate`` in one process against parsing the same files with PyYAML's
  C loader in one process (`bench_validate.py`);
- ``competency validate matrices`` against the bare start of its
  dependencies, ``python -c "import yaml, pydantic; pydantic.BaseModel"``;
- ``competency team --jobs 2`` against ``--jobs 1`` on the middle team
  (tests check that the outputs are byte-identical);
- ``competency suggest`` of a 200,000-row Zendesk CSV export into 2,000
  evidence files (`bench_suggest.py`; the shipped ``zendesk`` mapping)
  against reading the same CSV with Python's ``csv`` module;
- ``competency team --format parquet`` against ``--format csv`` (20,000
  people; 100,000 with ``--full``), when pyarrow is installed;
- and a second table: ``competency team``'s peak memory and time for
  growing teams, in every output format.

``--quick`` uses small sizes (for the test suite, and a first look);
``--full`` adds a framework of 2,000 role files and the 100,000-person
team. A missing baseline is installed first from the ``bench`` extra
(``pip install -e '.[bench]'``) unless ``--no-install`` is given.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import bench_calibrate  # noqa: E402 (the generators live beside this script)
import bench_impact  # noqa: E402
import bench_suggest  # noqa: E402
import bench_team  # noqa: E402

#: Runs a command and prints its peak resident memory in KiB on stderr's last line.
_PEAK = (
    "import resource, subprocess, sys\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "print(done.returncode, peak)\n"
)


@dataclass
class Measure:
    """One contender: its command and what the runs found."""

    name: str
    command: list[str]
    times: list[float]
    peak_kib: int = 0
    status: int = 0

    @property
    def median(self) -> float:
        """The median wall time in seconds."""
        return statistics.median(self.times) if self.times else float("nan")


#: The contenders' environment: as a user's, so Python caches the bytecode it compiles
#: (a shell with PYTHONDONTWRITEBYTECODE set would make our modules compile on every
#: start while the baselines' installed modules come with their bytecode).
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run_once(measure: Measure) -> None:
    """Run `measure`'s command once as a child of a small wrapper; keep time and peak memory."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PEAK, *measure.command],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
        env=_ENV,
    )
    measure.times.append(time.perf_counter() - start)
    status, peak = done.stdout.split()
    measure.status = int(status)
    measure.peak_kib = max(measure.peak_kib, int(peak))


def interleaved(measures: Sequence[Measure], runs: int) -> None:
    """Run every contender `runs` times, taking turns, after one untimed run each.

    The untimed run writes the bytecode caches and warms the file cache, so
    every timed run starts as a user's second run does.
    """
    for measure in measures:
        run_once(measure)
        measure.times.clear()
    for _ in range(runs):
        for measure in measures:
            run_once(measure)


#: A role file's plain one-line text value: `    text: Does this.`
_PLAIN_TEXT = re.compile(r"(?m)^\s+(?:text|title|summary|scope|why|note): [^'\"|>\n][^\n]*(?<!:)$")


def make_framework(folder: Path, roles: int) -> Path:
    """A framework of `roles` role files: the shipped roles copied under new ids."""
    shutil.copytree(ROOT / "matrices", folder)
    originals = sorted((folder / "roles").glob("*.yaml"))
    texts = [path.read_text(encoding="utf-8") for path in originals]
    for path in originals:
        path.unlink()
    (folder / "paths.yaml").unlink()
    for number in range(roles):
        text = texts[number % len(texts)]
        old = next(line for line in text.splitlines() if line.startswith("id: "))[4:]
        new = f"{old}-{number:04d}"
        copy = text.replace(f"id: {old}\n", f"id: {new}\n", 1)
        # Each copy's texts differ, so the duplicate-text warning stays quiet.
        copy = _PLAIN_TEXT.sub(rf"\g<0> (copy {number})", copy)
        (folder / "roles" / f"{new}.yaml").write_text(copy, encoding="utf-8")
    return folder


#: check-jsonschema as a default install runs it: ruamel.yaml's C parser hidden, so pure Python.
_PURE_CHECK = (
    "import sys; sys.modules['_ruamel_yaml'] = None; "
    "from check_jsonschema import main; sys.argv[0] = 'check-jsonschema'; sys.exit(main())"
)

#: The output formats of ``competency team`` whose memory the second table shows.
TEAM_FORMATS = ("csv", "json", "md", "text", "html", "xlsx")


def in_process(framework: Path, runs: int) -> tuple[Measure, Measure]:
    """`bench_validate.py`'s in-process times: validate, and the bare C parse of the same files."""
    done = subprocess.run(
        [sys.executable, str(HERE / "bench_validate.py"), str(framework), "--repeat", str(runs)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    found = dict(re.findall(r"(?m)^(parse|competency validate)\D*([\d.]+) ms$", done.stdout))
    ours = Measure("validate (in process)", [], [float(found["competency validate"]) / 1000])
    theirs = Measure("CSafeLoader parse", [], [float(found["parse"]) / 1000])
    return ours, theirs


def baselines_missing() -> list[str]:
    """The baselines of the ``bench`` extra that this interpreter lacks."""
    missing = [] if shutil.which("check-jsonschema") else ["check-jsonschema"]
    if importlib.util.find_spec("_ruamel_yaml") is None:
        missing.append("ruamel.yaml.clib")
    return missing


def install_baselines() -> None:
    """Install the ``bench`` extra into this interpreter's environment."""
    print(f"installing the baselines ({', '.join(baselines_missing())}) from the bench extra")
    command = [sys.executable, "-m", "pip", "install", "--quiet", "-e", f"{ROOT}[bench]"]
    subprocess.run(command, check=True)
    importlib.invalidate_caches()


#: The second, larger framework that ``--full`` validates, in role files.
LARGE_FRAMEWORK = 2_000


def validation_rows(framework: Path, runs: int) -> list[tuple[str, Measure, Measure]]:
    """``validate`` of `framework` against check-jsonschema (both ways) and the bare parse."""
    rows: list[tuple[str, Measure, Measure]] = []
    role_files = sorted(str(p) for p in (framework / "roles").glob("*.yaml"))
    files = len(list(framework.rglob("*.yaml")))
    check = ["--schemafile", str(ROOT / "schemas" / "role.schema.json"), *role_files]
    ours = Measure("competency validate", competency("validate", str(framework)), [])
    pure = Measure("check-jsonschema", [sys.executable, "-c", _PURE_CHECK, *check], [])
    clib = Measure("+ ruamel.yaml.clib", ["check-jsonschema", *check], [])
    with_clib = importlib.util.find_spec("_ruamel_yaml") is not None
    if shutil.which("check-jsonschema"):
        interleaved([ours, pure, clib] if with_clib else [ours, pure], runs)
        rows.append((f"{files} files vs check-jsonschema", ours, pure))
        if with_clib:
            rows.append((f"{files} files vs check-jsonschema", ours, clib))
    rows.append((f"{files} files, one process", *in_process(framework, runs)))
    return rows


def lsp_row(framework: Path, runs: int) -> tuple[str, Measure, Measure]:
    """`bench_lsp.py`: one role file edit in the server (over stdio when pygls is installed),
    against a whole validate in process."""
    script = [sys.executable, str(HERE / "bench_lsp.py"), "--folder", str(framework)]
    # Over stdio as an editor drives it when the server's extra (pygls) is installed.
    stdio = importlib.util.find_spec("pygls") is not None
    script += ["--stdio"] if stdio else []
    done = subprocess.run(
        [*script, "--repeat", str(runs)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    found = dict(
        re.findall(
            r"(?m)^(competency validate|server, one role file edit):\s+([\d.]+) ms", done.stdout
        )
    )
    ours = Measure(
        "lsp: one role edit (stdio)" if stdio else "lsp: one role edit (in process)",
        [],
        [float(found["server, one role file edit"]) / 1000],
    )
    theirs = Measure("validate (in process)", [], [float(found["competency validate"]) / 1000])
    files = len(list(framework.rglob("*.yaml")))
    return (f"{files} files, one edit in the server", ours, theirs)


#: Evidence files the size of the shipped examples (3-5 KB): items per file.
SMALL_ITEMS = (4, 10)


def small_team_rows(
    base: Path, sizes: Sequence[int], runs: int
) -> list[tuple[str, Measure, Measure]]:
    """``team -j2`` against ``-j1`` on teams of example-sized files, CSV, taking turns."""
    rows = []
    for people in sizes:
        folder = base / f"small-team-{people}"
        folder.mkdir()
        bench_team.generate(folder, people, items=SMALL_ITEMS)
        common = ("team", str(folder), "--as-of", "2026-11-01", "--format", "csv")
        one = Measure(f"team {people:,} (3-5 KB) -j1", competency(*common, "-j", "1"), [])
        two = Measure(f"team {people:,} (3-5 KB) -j2", competency(*common, "-j", "2"), [])
        interleaved([two, one], runs)
        rows.append((f"{people:,} people, 3-5 KB files, 2 jobs vs 1", two, one))
        shutil.rmtree(folder)
    return rows


def command_rows(base: Path, people: int, runs: int) -> list[tuple[str, Measure, Measure]]:
    """``trend`` (8 quarters), ``calibrate`` and ``impact`` against one ``team``, one job each.

    The team is `bench_calibrate`'s (managers and assessors, so calibrate has
    groups); impact goes from the shipped framework to `bench_impact`'s HEAD.
    """
    folder = base / f"command-team-{people}"
    folder.mkdir()
    bench_calibrate.generate(folder, people)
    head = bench_impact.make_head(base)
    as_of = ("--as-of", "2026-11-01")
    team = Measure(f"team {people:,}", competency("team", str(folder), *as_of, "-j", "1"), [])
    span = ("--from", "2024-11-01", "--to", "2026-11-01", "--every", "quarter")
    trend = Measure("trend, 8 quarters", competency("trend", str(folder), *span, "-j", "1"), [])
    calibrate = Measure("calibrate", competency("calibrate", str(folder), *as_of, "-j", "1"), [])
    impact = Measure(
        "impact", competency("impact", "matrices", str(head), str(folder), *as_of, "-j", "1"), []
    )
    interleaved([team, trend, calibrate, impact], runs)
    shutil.rmtree(folder)
    label = f"{people:,} people"
    return [
        (f"{label}, trend vs team", trend, team),
        (f"{label}, calibrate vs team", calibrate, team),
        (f"{label}, impact vs team", impact, team),
    ]


def suggest_row(base: Path, people: int, rows: int, runs: int) -> tuple[str, Measure, Measure]:
    """``suggest`` of a `rows`-row Zendesk CSV into `people` evidence files (each run on a fresh
    copy, the copy timed too) against reading the same CSV with Python's ``csv`` module."""
    team, export = base / "suggest-team", base / "suggest-export.csv"
    bench_suggest.generate(team, export, people, rows)
    script = [sys.executable, str(HERE / "bench_suggest.py"), "run"]
    ours = Measure("suggest", [*script, str(team), str(base / "suggest-copy"), str(export)], [])
    theirs = Measure(
        "csv.DictReader", [sys.executable, "-c", bench_suggest.CSV_READ, str(export)], []
    )
    interleaved([ours, theirs], runs)
    shutil.rmtree(team)
    shutil.rmtree(base / "suggest-copy", ignore_errors=True)
    return (f"{rows:,} rows into {people:,} files, suggest vs csv", ours, theirs)


def parquet_row(base: Path, people: int, runs: int) -> tuple[str, Measure, Measure]:
    """``team --format parquet`` (three tables into a folder) against ``team --format csv``."""
    folder = base / f"parquet-team-{people}"
    folder.mkdir()
    bench_team.generate(folder, people)
    common = ("team", str(folder), "--as-of", "2026-11-01", "--format")
    out = str(base / "parquet-tables")
    parquet = Measure(
        f"team {people:,} parquet", competency(*common, "parquet", "--out", out, "--force"), []
    )
    csv = Measure(f"team {people:,} csv", competency(*common, "csv"), [])
    interleaved([parquet, csv], runs)
    shutil.rmtree(folder)
    return (f"{people:,} people, parquet vs csv", parquet, csv)


def competency(*args: str) -> list[str]:
    """The command line of ``competency ARGS``, run with this interpreter."""
    return [sys.executable, "-m", "competency", *args]


def table(rows: list[tuple[str, Measure, Measure]]) -> str:
    """The comparisons as an aligned text table."""
    header = ("comparison", "contender", "median s", "peak MB", "baseline", "median s", "ratio")
    lines = [header]
    for label, ours, theirs in rows:
        lines.append(
            (
                label,
                ours.name,
                f"{ours.median:.3f}",
                f"{ours.peak_kib / 1024:.0f}",
                theirs.name,
                f"{theirs.median:.3f}",
                f"{ours.median / theirs.median:.2f}",
            )
        )
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in lines
    )


def team_table(memory: dict[str, dict[int, Measure]], teams: Sequence[int]) -> str:
    """``competency team``'s peak memory (MB) and time (s) per output format and team size."""
    header = ["team --format", *(f"{people:,} people" for people in teams)]
    lines = [header]
    for name, runs in memory.items():
        cells = [f"{runs[p].peak_kib / 1024:.0f} MB, {runs[p].median:.1f} s" for p in teams]
        lines.append([name, *cells])
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in lines
    )


def main(argv: list[str] | None = None) -> int:
    """Generate the corpora, run every comparison, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, one run each")
    parser.add_argument("--full", action="store_true", help="add 2,000 roles and 100,000 people")
    parser.add_argument("--runs", type=int, default=None, help="runs per contender")
    parser.add_argument(
        "--teams", type=int, nargs="+", default=None, help="team sizes instead of the default"
    )
    parser.add_argument("--roles", type=int, default=None, help="role files in the framework")
    parser.add_argument(
        "--no-install", action="store_true", help="skip a missing baseline instead of installing it"
    )
    options = parser.parse_args(argv)
    if baselines_missing() and not options.no_install:
        install_baselines()
    runs = options.runs or (1 if options.quick else 5)
    roles = options.roles or (20 if options.quick else 500)
    teams = options.teams or ([100, 400] if options.quick else [2_000, 8_000, 32_000])
    if options.full:
        teams.append(100_000)
    rows: list[tuple[str, Measure, Measure]] = []
    memory: dict[str, dict[int, Measure]] = {name: {} for name in TEAM_FORMATS}
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        for size in [roles, *([LARGE_FRAMEWORK] if options.full else [])]:
            rows += validation_rows(make_framework(base / f"framework-{size}", size), runs)
        start = Measure("competency validate matrices", competency("validate", "matrices"), [])
        bare = Measure(
            "import yaml, pydantic",
            [sys.executable, "-c", "import yaml, pydantic; pydantic.BaseModel"],
            [],
        )
        interleaved([start, bare], runs)
        rows.append(("start-up", start, bare))
        for number, people in enumerate(teams):
            folder = base / f"team-{people}"
            folder.mkdir()
            bench_team.generate(folder, people)
            common = ("team", str(folder), "--as-of", "2026-11-01", "--format")
            if number == min(1, len(teams) - 1):
                one = Measure(f"team {people:,} -j1", competency(*common, "csv", "-j", "1"), [])
                two = Measure(f"team {people:,} -j2", competency(*common, "csv", "-j", "2"), [])
                interleaved([two, one], runs)
                rows.append((f"{people:,} people, 2 jobs vs 1", two, one))
            for name in TEAM_FORMATS:
                measure = Measure(name, competency(*common, name, "-j", "2"), [])
                run_once(measure)
                memory[name][people] = measure
            shutil.rmtree(folder)
        rows += small_team_rows(base, [100] if options.quick else [8_000, 20_000], runs)
        rows.append(lsp_row(base / f"framework-{roles}", runs))
        rows += command_rows(base, 100 if options.quick else 10_000, runs)
        if options.quick:
            rows.append(suggest_row(base, 20, 2_000, runs))
        else:
            rows.append(suggest_row(base, 2_000, 200_000, runs))
        if importlib.util.find_spec("pyarrow") is not None:
            big = 100 if options.quick else (100_000 if options.full else 20_000)
            rows.append(parquet_row(base, big, runs))
    print(table(rows))
    failed = [m.name for _, *pair in rows for m in pair if m.status != 0]
    failed += [
        f"team --format {m.name}" for runs in memory.values() for m in runs.values() if m.status
    ]
    if failed:
        print(f"\nexited with an error: {', '.join(sorted(set(failed)))}")
    print()
    print(team_table(memory, teams))
    if baselines_missing():
        print(f"\nnot measured, not installed: {', '.join(baselines_missing())}")
    python = sys.version.split()[0]
    print(f"\nratio: contender / baseline, lower is better; {runs} run(s) each, interleaved;")
    print(f"{os.cpu_count()} cores; Python {python}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
