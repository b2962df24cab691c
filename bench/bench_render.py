"""Rendering at scale: the site, Markdown and PDF of generated frameworks.

    python bench/bench_render.py [--quick] [--runs N] [--roles N N N] [--steps FOLDER]

Generates frameworks of 50, 100 and 200 role files (`run.make_framework`:
the shipped matrices with their role files multiplied), then times whole
processes, ``competency render DIR --format md|html|pdf``, interleaving the
contenders, and prints per format the median time at each size, the time per
role, the time each role added over the smaller size before it (flat when
the time grows linearly) and the growth from the smallest to the largest
size. The PDF is also set against the bare Typst compile of the very same
document: the data the template gets is written once to a file, and a
separate process does nothing but ``typst.compile`` with the same template,
root, inputs, fonts and timestamp.

``--quick`` uses 5, 10 and 20 roles and one run (for the test suite).
``--steps FOLDER`` instead times, in this process, each step of a PDF
render of FOLDER before Typst compiles it.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from run import Measure, competency, interleaved, make_framework  # noqa: E402 (beside this file)

#: The render date of every run (SOURCE_DATE_EPOCH), midnight UTC, so each run
#: renders the same document; it is also the PDF's timestamp.
EPOCH = 1785542400

#: The formats, in the order of the table.
FORMATS = ("md", "html", "pdf")

#: A process that only compiles the Typst template: argv is template, data file, output.
BARE_TYPST = (
    "import sys, typst\n"
    "from pathlib import Path\n"
    "template, data, out, stamp = sys.argv[1:5]\n"
    "pdf = typst.compile(template, root=str(Path(template).parent),\n"
    "    sys_inputs={'data': Path(data).read_text(encoding='utf-8')},\n"
    "    font_paths=[], timestamp=int(stamp))\n"
    "Path(out).write_bytes(pdf)\n"
)


def render_day() -> date:
    """The day of `EPOCH`, as ``competency render`` reads SOURCE_DATE_EPOCH."""
    return datetime.fromtimestamp(EPOCH, tz=UTC).date()


def write_pdf_data(framework: Path, path: Path) -> Path:
    """Write the JSON the PDF template gets for `framework` to `path`; return the template.

    Built as `competency.render.pdf.render_pdf` builds it, so the bare
    compile typesets the very same document.
    """
    from competency import load_framework
    from competency.render._jinja import template_path
    from competency.render.pdf import TEMPLATE, map_svg
    from competency.render.view import build_site, to_data

    site = build_site(load_framework(framework), today=render_day())
    data = to_data(site)
    data["map_svg"] = map_svg(site)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return template_path(TEMPLATE, None)


def bare_typst(template: Path, data: Path, out: Path) -> list[str]:
    """The command line of a process that only compiles `template` with `data`."""
    return [sys.executable, "-c", BARE_TYPST, str(template), str(data), str(out), str(EPOCH)]


def measure_sizes(base: Path, sizes: Sequence[int], runs: int) -> dict[int, dict[str, Measure]]:
    """Per framework size, the measured render of each format and the bare Typst compile."""
    found: dict[int, dict[str, Measure]] = {}
    for roles in sizes:
        framework = make_framework(base / f"framework-{roles}", roles)
        template = write_pdf_data(framework, base / f"data-{roles}.json")
        measures = {
            fmt: Measure(
                f"{fmt} {roles}",
                competency(
                    "render",
                    str(framework),
                    "--format",
                    fmt,
                    "--out",
                    str(base / f"out-{roles}-{fmt}"),
                    "-q",
                ),
                [],
            )
            for fmt in FORMATS
        }
        measures["typst"] = Measure(
            f"typst {roles}",
            bare_typst(template, base / f"data-{roles}.json", base / f"bare-{roles}.pdf"),
            [],
        )
        interleaved(list(measures.values()), runs)
        failed = [m.name for m in measures.values() if m.status != 0]
        if failed:
            raise SystemExit(f"bench_render: these runs failed: {', '.join(failed)}")
        found[roles] = measures
    return found


def table(found: dict[int, dict[str, Measure]]) -> str:
    """The measurements as an aligned text table, one row per format."""
    sizes = sorted(found)
    header = ["format"]
    header += [f"{n} roles s" for n in sizes]
    header += [f"ms/role @{n}" for n in sizes]
    header += [f"added ms/role {a}->{b}" for a, b in itertools.pairwise(sizes)]
    header += [f"{sizes[-1]}/{sizes[0]}", f"peak MB @{sizes[-1]}"]
    lines = [header]
    names = {"md": "md", "html": "html", "pdf": "pdf", "typst": "bare typst"}
    for key, name in names.items():
        times = [found[n][key].median for n in sizes]
        row = [name]
        row += [f"{t:.2f}" for t in times]
        row += [f"{1000 * t / n:.1f}" for t, n in zip(times, sizes, strict=True)]
        row += [
            f"{1000 * (times[i + 1] - times[i]) / (sizes[i + 1] - sizes[i]):.1f}"
            for i in range(len(sizes) - 1)
        ]
        row += [f"{times[-1] / times[0]:.2f}", f"{found[sizes[-1]][key].peak_kib / 1024:.0f}"]
        lines.append(row)
    widths = [max(len(row[i]) for row in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in lines
    )


def pdf_ratios(found: dict[int, dict[str, Measure]]) -> str:
    """Per size, the competency PDF render against the bare Typst compile."""
    return "\n".join(
        f"pdf / bare typst at {n} roles: {found[n]['pdf'].median / found[n]['typst'].median:.2f}"
        for n in sorted(found)
    )


def pdf_steps(framework: Path) -> list[tuple[str, float]]:
    """In this process, the seconds each step of a PDF render takes before Typst compiles."""
    from competency import load_framework
    from competency.render.fonts import find_missing_glyphs
    from competency.render.pdf import map_svg, strings
    from competency.render.view import build_site, to_data

    steps: list[tuple[str, float]] = []
    start = time.perf_counter()

    def done(name: str) -> None:
        nonlocal start
        now = time.perf_counter()
        steps.append((name, now - start))
        start = now

    loaded = load_framework(framework)
    done("load and check the framework")
    site = build_site(loaded, today=render_day())
    done("build the view")
    data = to_data(site)
    done("to_data")
    data["map_svg"] = map_svg(site)
    done("career map SVG")
    find_missing_glyphs(strings(data))
    done("glyph check")
    json.dumps(data, ensure_ascii=False)
    done("JSON")
    return steps


def main(argv: list[str] | None = None) -> int:
    """Generate the frameworks, time every format at every size, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="5, 10, 20 roles, one run each")
    parser.add_argument("--runs", type=int, default=None, help="runs per contender")
    parser.add_argument("--roles", type=int, nargs="+", default=None, help="framework sizes")
    parser.add_argument(
        "--steps", type=Path, default=None, help="time the PDF's steps on this framework instead"
    )
    options = parser.parse_args(argv)
    if options.steps is not None:
        for name, seconds in pdf_steps(options.steps):
            print(f"{name:30} {seconds:6.2f} s")
        return 0
    runs = options.runs or (1 if options.quick else 3)
    sizes = options.roles or ([5, 10, 20] if options.quick else [50, 100, 200])
    os.environ["SOURCE_DATE_EPOCH"] = str(EPOCH)
    with tempfile.TemporaryDirectory() as temp:
        found = measure_sizes(Path(temp), sizes, runs)
    print(table(found))
    print()
    print(pdf_ratios(found))
    python = sys.version.split()[0]
    print(f"\nmedians of {runs} run(s) each, interleaved; whole processes;")
    print(f"{os.cpu_count()} cores; Python {python}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
