"""An atheris fuzz target for the loader, the validator and the gap analysis.

Each input is split in two: the bytes of an evidence file, and the bytes of
one competency file that replaces a file of the tiny base framework. Both
are loaded, checked and, when valid, compared; anything but diagnostics (an
exception of any kind) is a crash that atheris reports with the input.

Run it (needs the optional ``fuzz`` extra, ``pip install -e '.[fuzz]'``)::

    python tests/fuzz/fuzz_competency.py -max_total_time=60 tests/fuzz/corpus

See docs/development.md.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from datetime import date
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from competency.analysis.gap import NoTargetError, analyze
    from competency.check import check_evidence, check_framework
    from competency.check.framework import FrameworkCache
    from competency.edit.fmt import FormatError, format_text
    from competency.framework import Framework, UnknownReferenceError
    from competency.interop.importer import table_documents
    from competency.interop.reader import read_table
    from competency.interop.rows import ExportError, read_rows
    from competency.load import parse_bytes

BASE = Path(__file__).resolve().parent.parent / "acceptance" / "base"
FILES = {
    path.relative_to(BASE).as_posix(): path.read_bytes()
    for path in sorted((BASE / "matrices").rglob("*.yaml"))
}
REPLACED = "matrices/competencies/empathy.yaml"
AS_OF = date(2026, 11, 1)


def _framework(competency: bytes) -> Framework | None:
    """The base framework with one competency file replaced, checked as ``competency
    validate`` reads a folder: each file handed to the cache's reading step as it is parsed,
    the roles' texts let go of (`FrameworkCache.reading`)."""
    files = dict(FILES)
    files[REPLACED] = competency
    order = sorted(files, key=lambda name: (name != "matrices/framework.yaml", name))
    cache = FrameworkCache()
    root = Path("matrices")
    read = cache.reading([Path(name) for name in order], root, keep_texts=False)
    documents = []
    for name in order:
        document = parse_bytes(files[name], Path(name), name)
        read(document)
        documents.append(document)
    return check_framework("matrices", documents, root, cache=cache).framework


#: The first byte of an input picks what it is fed to; any other first byte: evidence.
TARGETS = {ord("f"): "fmt", ord("i"): "import", ord("s"): "suggest"}
#: Where the import and suggest targets write their input (one file, rewritten each run).
SCRATCH = Path(tempfile.mkdtemp(prefix="competency-fuzz-"))


def one_input(data: bytes) -> None:
    """One fuzzed input: an evidence file and a framework file (the default), or, by its first
    byte, a file for `fmt`, a long table for `import`, or an export for `suggest`."""
    target = TARGETS.get(data[0]) if data else None
    if target == "fmt":
        return fuzz_fmt(data[1:])
    if target == "import":
        return fuzz_import(data[1:])
    if target == "suggest":
        return fuzz_suggest(data[1:])
    return fuzz_evidence(data)


def fuzz_fmt(data: bytes) -> None:
    """`fmt` of any text: the canonical text, or `FormatError` (never another exception);
    formatting the result again changes nothing."""
    text = data.decode("utf-8", errors="replace")
    try:
        once = format_text(text)
    except FormatError:
        return
    assert format_text(once) == once


def fuzz_import(data: bytes) -> None:
    """`import` of any CSV: a framework's documents or positioned problems."""
    path = SCRATCH / "table.csv"
    path.write_bytes(data)
    table = read_table(path)
    for problem in table.diagnostics:
        assert problem.line >= 1, problem
        assert problem.column >= 1, problem
    if not any(d.severity == "error" for d in table.diagnostics):
        table_documents(table)  # what `import` would write, built in memory


def fuzz_suggest(data: bytes) -> None:
    """`suggest`'s reader on any JSON Lines export: rows, or `ExportError` with a position."""
    path = SCRATCH / "export.jsonl"
    path.write_bytes(data)
    where = 1
    try:
        for row in read_rows(path).rows:
            assert row.number >= 1
    except ExportError as error:
        where = error.diagnostic.line
    assert where >= 1


def fuzz_evidence(data: bytes) -> None:
    """Load, check and analyse one fuzzed evidence file against a fuzzed framework."""
    evidence_bytes, _, competency = data.partition(b"\n\x00---\x00\n")
    framework = _framework(competency or FILES[REPLACED])
    document = parse_bytes(evidence_bytes, Path("evidence/x.yaml"), "evidence/x.yaml")
    evidence, problems = check_evidence(document, framework)
    for problem in [*document.diagnostics, *problems]:
        assert problem.line >= 1, problem
        assert problem.column >= 1, problem
    if framework is None or evidence is None or any(p.severity == "error" for p in problems):
        return
    # Documented: no level follows from the evidence, or its target is unknown.
    with contextlib.suppress(NoTargetError, UnknownReferenceError):
        analyze(framework, evidence, as_of=AS_OF)


def main() -> None:
    """Run atheris with the command-line arguments (libFuzzer's options)."""
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
