"""How long the language server takes to re-check one edited role file, against a whole validate.

The target (issue 27): diagnostics after one edit to one role file of a
520-file framework in at most a tenth of a whole ``competency validate`` of
it. Both run in this one process on the same generated framework (the
shipped roles copied under new ids, as `run.py` makes it): the whole
validate reads and checks every file; the server's update re-parses the one
edited text and checks the framework again from its cached documents.

    python bench/bench_lsp.py [--roles N] [--repeat N] [--folder FRAMEWORK]

``--folder`` measures a framework made already (``run.py`` passes its own)
instead of generating one; its first role file is the one edited.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_validate import best_of  # noqa: E402 (beside this script)
from run import make_framework  # noqa: E402

import competency  # noqa: E402
from competency.lsp.workspace import Workspace  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Measure and print the whole validate, one server update and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.folder or make_framework(Path(temporary) / "matrices", args.roles)
        files = sorted(folder.rglob("*.yaml"))
        role = sorted((folder / "roles").glob("*.yaml"))[0]
        text = role.read_text(encoding="utf-8")
        workspace = Workspace(folder)
        edits = iter(range(10**9))

        def validate() -> None:
            competency.validate([folder])

        def update() -> None:
            # A real change each time: a new summary, as a person types one.
            edited = text.replace("summary: ", f"summary: ({next(edits)}) ", 1)
            workspace.update(role, edited)

        whole = best_of(args.repeat, validate)
        one = best_of(args.repeat, update)
    print(f"files:                       {len(files)}")
    print(f"competency validate:         {whole * 1000:8.1f} ms")
    print(f"server, one role file edit:  {one * 1000:8.1f} ms")
    print(f"ratio edit/validate:         {one / whole:8.2f} (target 0.10 or less)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
