"""A small mutation tester: does a test fail when one operator of the code changes?

Each mutant is the module with exactly one change (a comparison turned
round, ``and`` for ``or``, ``continue`` for ``break``, a condition negated,
a constant moved by one, a return value dropped). It is written into a copy
of ``src/`` and the tests given run against that copy (``PYTHONPATH`` puts it
first) in a fresh process, stopping at the first failure. A mutant is
*killed* when a test fails (or times out), *survives* when every test passes.
The source tree is never touched.

Run by hand (docs/development.md), never in ``.ci/run``: it is CPU heavy.

    python tools/mutate.py src/competency/check/suppress.py \\
        --tests tests/unit/test_suppress.py --jobs 2

``--only NAME`` limits the mutants to functions (or methods) of that name;
the mutants known to change nothing are listed in docs/development.md
(lines ``- `path:line: description` why``), shown apart and left out of
the score; ``--retry LOG`` runs again only the mutants a saved run's output
lists as survived.
"""

from __future__ import annotations

import argparse
import ast
import concurrent.futures
import copy
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_SWAP_COMPARE: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
_SWAP_BINARY: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.FloorDiv,
    ast.BitOr: ast.BitAnd,
    ast.BitAnd: ast.BitOr,
}
_SYMBOL = {
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.In: "in",
    ast.NotIn: "not in",
    ast.Is: "is",
    ast.IsNot: "is not",
    ast.Add: "+",
    ast.Sub: "-",
    ast.Mult: "*",
    ast.FloorDiv: "//",
    ast.BitOr: "|",
    ast.BitAnd: "&",
    ast.And: "and",
    ast.Or: "or",
}


@dataclass(frozen=True)
class Site:
    """One mutation: the node (by its index in `ast.walk` order) and what is done to it."""

    index: int
    line: int
    description: str
    apply: Callable[[ast.AST], ast.AST | None]


def _sites(tree: ast.Module, only: set[str]) -> Iterator[Site]:
    """Every mutation of `tree`, inside the functions named in `only` (all when empty)."""
    allowed = _allowed_nodes(tree, only)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for index, node in enumerate(ast.walk(tree)):
        if id(node) not in allowed:
            continue
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Compare):
            for position, op in enumerate(node.ops):
                swapped = _SWAP_COMPARE.get(type(op))
                if swapped is not None:
                    yield Site(
                        index,
                        line,
                        f"{_SYMBOL[type(op)]} -> {_SYMBOL[swapped]}",
                        _compare(position, swapped),
                    )
        elif isinstance(node, ast.BoolOp):
            other = ast.Or if isinstance(node.op, ast.And) else ast.And
            yield Site(index, line, f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[other]}", _boolop(other))
        elif isinstance(node, ast.BinOp) and type(node.op) in _SWAP_BINARY:
            swapped_op = _SWAP_BINARY[type(node.op)]
            yield Site(
                index,
                line,
                f"{_SYMBOL[type(node.op)]} -> {_SYMBOL[swapped_op]}",
                _binop(swapped_op),
            )
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield Site(index, line, "not x -> x", lambda n: n.operand)  # type: ignore[attr-defined]
        elif isinstance(node, ast.Continue):
            yield Site(index, line, "continue -> break", lambda n: ast.Break())
        elif isinstance(node, ast.Break):
            yield Site(index, line, "break -> continue", lambda n: ast.Continue())
        elif isinstance(node, ast.If | ast.While):
            yield Site(index, line, "condition -> not condition", _negate)
        elif isinstance(node, ast.IfExp):
            yield Site(index, line, "a if c else b -> a if not c else b", _negate)
        elif isinstance(node, ast.Constant) and id(node) not in docstrings:
            value = node.value
            if isinstance(value, bool):
                yield Site(index, line, f"{value} -> {not value}", _constant(not value))
            elif isinstance(value, int):
                yield Site(index, line, f"{value} -> {value + 1}", _constant(value + 1))
                if value != 0:
                    yield Site(index, line, f"{value} -> 0", _constant(0))
        elif (
            isinstance(node, ast.Return)
            and node.value is not None
            and not (isinstance(node.value, ast.Constant) and node.value.value is None)
        ):
            yield Site(index, line, "return x -> return None", _return_none)


def _allowed_nodes(tree: ast.Module, only: set[str]) -> set[int]:
    """The nodes that may change: those of the functions in `only` (or all), never an
    annotation (with ``from __future__ import annotations`` they are never run)."""
    allowed: set[int] = set()
    for node in ast.walk(tree):
        if not only or (
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in only
        ):
            allowed.update(id(inner) for inner in ast.walk(node))
    for node in ast.walk(tree):
        annotations: list[ast.AST | None] = []
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            annotations.append(node.returns)
        elif isinstance(node, ast.arg | ast.AnnAssign):
            annotations.append(node.annotation)
        for annotation in annotations:
            if annotation is not None:
                allowed.difference_update(id(inner) for inner in ast.walk(annotation))
    return allowed


def _compare(position: int, op: type[ast.cmpop]) -> Callable[[ast.AST], ast.AST]:
    def apply(node: ast.AST) -> ast.AST:
        assert isinstance(node, ast.Compare)
        node.ops[position] = op()
        return node

    return apply


def _boolop(op: type[ast.boolop]) -> Callable[[ast.AST], ast.AST]:
    def apply(node: ast.AST) -> ast.AST:
        assert isinstance(node, ast.BoolOp)
        node.op = op()
        return node

    return apply


def _binop(op: type[ast.operator]) -> Callable[[ast.AST], ast.AST]:
    def apply(node: ast.AST) -> ast.AST:
        assert isinstance(node, ast.BinOp)
        node.op = op()
        return node

    return apply


def _negate(node: ast.AST) -> ast.AST:
    assert isinstance(node, ast.If | ast.While | ast.IfExp)
    node.test = ast.UnaryOp(ast.Not(), node.test)
    return node


def _constant(value: bool | int) -> Callable[[ast.AST], ast.AST]:
    def apply(node: ast.AST) -> ast.AST:
        assert isinstance(node, ast.Constant)
        node.value = value
        return node

    return apply


def _return_none(node: ast.AST) -> ast.AST:
    assert isinstance(node, ast.Return)
    node.value = ast.Constant(None)
    return node


class _Replace(ast.NodeTransformer):
    """Put the result of one site's change in place of its node."""

    def __init__(self, target: ast.AST, site: Site) -> None:
        self.target, self.site = target, site

    def visit(self, node: ast.AST) -> ast.AST | None:
        if node is self.target:
            return self.site.apply(node)
        visited: ast.AST | None = super().visit(node)
        return visited


def mutant_source(tree: ast.Module, site: Site) -> str:
    """The module's source with `site` applied."""
    module = copy.deepcopy(tree)
    target = list(ast.walk(module))[site.index]
    mutated = _Replace(target, site).visit(module)
    assert mutated is not None
    ast.fix_missing_locations(mutated)
    return ast.unparse(mutated)


@dataclass(frozen=True)
class Outcome:
    site: Site
    killed: bool
    seconds: float
    note: str = ""


def _run(
    copy_root: Path,
    relative: Path,
    source: str,
    site: Site,
    tests: list[str],
    timeout: float,
) -> Outcome:
    """Run the tests against the copy with `source` in place of the module."""
    work = Path(tempfile.mkdtemp(prefix="mutant-"))
    try:
        shutil.copytree(copy_root, work / "src", symlinks=True)
        (work / "src" / relative).write_text(source, encoding="utf-8")
        environment = dict(os.environ, PYTHONPATH=str(work / "src"), PYTHONDONTWRITEBYTECODE="1")
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"]
        command += ["-p", "no:xdist", "-p", "no:randomly", *tests]
        started = time.monotonic()
        try:
            done = subprocess.run(
                command, cwd=ROOT, env=environment, capture_output=True, timeout=timeout
            )
        except subprocess.TimeoutExpired:
            return Outcome(site, True, time.monotonic() - started, "timeout")
        seconds = time.monotonic() - started
        if done.returncode in (2, 3, 4, 5):  # interrupted, internal or usage error, no tests
            tail = done.stdout.decode(errors="replace").strip().splitlines()[-1:]
            return Outcome(site, True, seconds, f"pytest exit {done.returncode}: {tail}")
        return Outcome(site, done.returncode != 0, seconds)
    finally:
        shutil.rmtree(work, ignore_errors=True)


_LISTED = re.compile(r"^- `(src/[^`]+)`")


def _equivalent(path: Path | None) -> set[str]:
    """The mutants listed as equivalent: lines ``- `src/...: description` reason`` of `path`."""
    if path is None or not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {match[1] for line in lines if (match := _LISTED.match(line))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", help="a file under src/, e.g. src/competency/framework.py")
    parser.add_argument("--tests", nargs="+", required=True, help="test files or node ids")
    parser.add_argument("--only", action="append", default=[], help="a function name")
    parser.add_argument("--select", help="a pytest -k expression for the tests")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per mutant")
    parser.add_argument("--equivalent", type=Path, default=ROOT / "docs" / "development.md")
    parser.add_argument("--list", action="store_true", help="list the mutants; run nothing")
    parser.add_argument("--lines", help="only mutants on lines FROM-TO (to re-check a few)")
    parser.add_argument(
        "--retry", type=Path, help="only the mutants an earlier run's output lists as survived"
    )
    options = parser.parse_args(argv)
    if options.select:
        options.tests = [*options.tests, "-k", options.select]

    module = Path(options.module).resolve()
    relative = module.relative_to(ROOT / "src")
    tree = ast.parse(module.read_text(encoding="utf-8"))
    sites = sorted(_sites(tree, set(options.only)), key=lambda site: (site.line, site.index))
    if options.lines:
        first, _, last = options.lines.partition("-")
        sites = [s for s in sites if int(first) <= s.line <= int(last or first)]
    shown = module.relative_to(ROOT).as_posix()
    known = _equivalent(options.equivalent)
    names: dict[Site, str] = {}
    for site in sites:
        name = f"{shown}:{site.line}: {site.description}"
        twins = sum(1 for other in names.values() if other.partition(" #")[0] == name)
        names[site] = f"{name} #{twins + 1}" if twins else name
    if options.retry:
        earlier = options.retry.read_text(encoding="utf-8").splitlines()
        wanted = {
            line.removeprefix("survived").strip()
            for line in earlier
            if line.startswith("survived ")
        }
        sites = [site for site in sites if names[site] in wanted]
    if options.list:
        for site in sites:
            print(names[site])
        return 0

    base = Path(tempfile.mkdtemp(prefix="mutate-base-"))
    try:
        shutil.copytree(
            ROOT / "src", base, ignore=shutil.ignore_patterns("__pycache__"), dirs_exist_ok=True
        )
        unchanged = _run(
            base,
            relative,
            ast.unparse(tree),
            Site(-1, 0, "none", lambda n: n),
            options.tests,
            options.timeout * 3,
        )
        if unchanged.killed:
            print(f"the tests fail without any mutation ({unchanged.note}); fix them first")
            return 2
        print(f"{len(sites)} mutants of {shown}; unmutated run {unchanged.seconds:.1f} s")
        outcomes: list[Outcome] = []
        with concurrent.futures.ThreadPoolExecutor(options.jobs) as pool:
            futures = [
                pool.submit(
                    _run,
                    base,
                    relative,
                    mutant_source(tree, site),
                    site,
                    options.tests,
                    options.timeout,
                )
                for site in sites
            ]
            for future in concurrent.futures.as_completed(futures):
                outcome = future.result()
                outcomes.append(outcome)
                mark = "killed" if outcome.killed else "SURVIVED"
                note = f" ({outcome.note})" if outcome.note else ""
                print(f"{mark:8} {names[outcome.site]}{note}", flush=True)
    finally:
        shutil.rmtree(base, ignore_errors=True)

    survivors = sorted((o for o in outcomes if not o.killed), key=lambda o: o.site.line)
    equivalent = [o for o in survivors if names[o.site] in known]
    live = [o for o in survivors if names[o.site] not in known]
    counted = len(outcomes) - len(equivalent)
    killed = counted - len(live)
    score = 100.0 * killed / counted if counted else 100.0
    print()
    for outcome in equivalent:
        print(f"equivalent {names[outcome.site]}")
    for outcome in live:
        print(f"survived   {names[outcome.site]}")
    print(
        f"\n{shown}: {killed} of {counted} non-equivalent mutants killed ({score:.1f} %), "
        f"{len(equivalent)} equivalent, {len(outcomes)} in all"
    )
    return 0 if not live else 1


if __name__ == "__main__":
    raise SystemExit(main())
