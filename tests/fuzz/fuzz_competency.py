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
from datetime import date
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from competency.analysis.gap import NoTargetError, analyze
    from competency.check import check_evidence, check_framework
    from competency.framework import Framework, UnknownReferenceError
    from competency.load import parse_bytes

BASE = Path(__file__).resolve().parent.parent / "acceptance" / "base"
FILES = {
    path.relative_to(BASE).as_posix(): path.read_bytes()
    for path in sorted((BASE / "matrices").rglob("*.yaml"))
}
REPLACED = "matrices/competencies/empathy.yaml"
AS_OF = date(2026, 11, 1)


def _framework(competency: bytes) -> Framework | None:
    files = dict(FILES)
    files[REPLACED] = competency
    documents = [parse_bytes(data, Path(name), name) for name, data in files.items()]
    return check_framework("matrices", documents).framework


def one_input(data: bytes) -> None:
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
