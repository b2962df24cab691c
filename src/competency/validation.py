"""`validate`: check framework folders and evidence files or folders, all at once.

This is ``competency validate`` for Python: it reads every path, runs every
rule and returns one `Result`, never raising on bad data.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from competency.check import CheckedFramework, EvidenceSet, check_evidence, check_mapping
from competency.check.suppress import LintOptions, suppress
from competency.contract import (
    check_count,
    check_optional,
    check_path,
    check_path_length,
    check_paths,
)
from competency.diagnostics import Diagnostic, Result, has_errors
from competency.framework import Framework
from competency.io import (
    DEFAULT_MATRICES,
    find_framework_folder,
    is_framework_folder,
    read_evidence_folder,
    read_framework,
)
from competency.load import DEFAULT_MAX_BYTES, load_document

__all__ = ["validate"]


@dataclass
class _Target:
    """One path named on the command line, classified."""

    given: str
    path: Path
    framework_folder: bool


def validate(
    paths: Sequence[str | os.PathLike[str]] = (),
    *,
    matrices: str | os.PathLike[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
    lint: LintOptions | None = None,
) -> Result:
    """Check framework folders and evidence files or folders, as ``competency validate`` does.

    Evidence is checked against `matrices` when given, else against the one
    framework folder among `paths`, else against ``matrices/``. Folders of
    evidence are read in `jobs` processes; the result is the same for any
    number. `lint` drops warnings for this run and asks for stale
    suppressions to be reported.
    """
    check_paths("validate", "paths", paths)
    paths = list(paths)
    for path in paths:
        check_path("validate", "each path", path)
        check_path_length("validate", "path", path)
    if matrices is not None:
        check_path("validate", "matrices", matrices)
        check_path_length("validate", "matrices", matrices)
    check_count("validate", "max_bytes", max_bytes, 1)
    check_count("validate", "jobs", jobs, 1)
    check_optional("validate", "lint", lint, LintOptions)
    given = [os.fspath(p) for p in paths] or [DEFAULT_MATRICES]
    result = Result()
    targets: list[_Target] = []
    for name in given:
        path = Path(name)
        if not path.exists():
            result.extend([Diagnostic.make(name, 1, 1, "X100", "no such file or folder")])
            continue
        folder = find_framework_folder(path)
        targets.append(_Target(name, folder, is_framework_folder(folder)))
    frameworks: dict[str, CheckedFramework] = {}
    for target in targets:
        if target.framework_folder:
            checked = read_framework(
                target.path, display=target.given, max_bytes=max_bytes, lint=lint, keep_texts=False
            )
            frameworks[target.given] = checked
            result.extend(checked.diagnostics)
    reference = _reference_framework(matrices, frameworks, max_bytes, result, lint)
    people = EvidenceSet()
    for shown, checked in frameworks.items():
        for document in checked.evidence:
            evidence, problems = check_evidence(document, checked.framework, lint)
            if evidence is not None and not has_errors(problems):
                problems += people.add(document, evidence)
                if checked.framework is None:
                    problems += _not_checked([document.display], shown, lint)
            result.extend(problems)
    for target in targets:
        if not target.framework_folder:
            result.extend(_evidence_target(target, reference, max_bytes, people, jobs, lint))
    return result


def _reference_framework(
    matrices: str | os.PathLike[str] | None,
    frameworks: dict[str, CheckedFramework],
    max_bytes: int,
    result: Result,
    lint: LintOptions | None,
) -> tuple[str, Framework | None] | None:
    """The framework evidence is checked against, named as the user gave it."""
    if matrices is not None:
        name = os.fspath(matrices)
        for given, checked in frameworks.items():
            if Path(given).resolve() == find_framework_folder(name).resolve():
                return given, checked.framework
        checked = read_framework(name, max_bytes=max_bytes, lint=lint, keep_texts=False)
        if checked.framework is None:
            result.extend(checked.diagnostics)
        return name, checked.framework
    if len(frameworks) == 1:
        given, checked = next(iter(frameworks.items()))
        return given, checked.framework
    if not frameworks and is_framework_folder(Path(DEFAULT_MATRICES)):
        checked = read_framework(DEFAULT_MATRICES, max_bytes=max_bytes, lint=lint, keep_texts=False)
        if checked.framework is None:
            result.extend(checked.diagnostics)
        return DEFAULT_MATRICES, checked.framework
    return None


def _evidence_target(
    target: _Target,
    reference: tuple[str, Framework | None] | None,
    max_bytes: int,
    people: EvidenceSet,
    jobs: int,
    lint: LintOptions | None,
) -> Iterable[Diagnostic]:
    framework = reference[1] if reference is not None else None
    if target.path.is_dir():
        folder = read_evidence_folder(
            target.path,
            framework,
            max_bytes=max_bytes,
            people=people,
            display=target.given,
            jobs=jobs,
            lint=lint,
        )
        yield from folder.diagnostics
        loaded = [file for file, _ in folder.members]
    else:
        document = load_document(target.path, target.given, max_bytes=max_bytes)
        if _is_mapping(document.data):
            mapping, problems = check_mapping(document, framework, lint)
            failed = mapping is None or has_errors(problems)
        else:
            evidence, problems = check_evidence(document, framework, lint)
            failed = evidence is None or has_errors(problems)
            if evidence is not None and not failed:
                problems += people.add(document, evidence)
        yield from problems
        loaded = [] if failed else [target.given]
    if reference is not None and reference[1] is None:
        yield from _not_checked(loaded, reference[0], lint)
    if reference is None:
        for display in loaded:
            yield Diagnostic.make(
                display,
                1,
                1,
                "X104",
                "no framework to check this evidence against; name its framework folder too",
            )


def _is_mapping(data: object) -> bool:
    """Whether a file given on its own is an evidence mapping (1.2), not an evidence file."""
    return isinstance(data, dict) and data.get("kind") == "evidence-mapping"


def _not_checked(
    files: Iterable[str], framework: str, lint: LintOptions | None
) -> list[Diagnostic]:
    """X105 for evidence files whose references were not checked: the framework has errors."""
    notes = [
        Diagnostic.make(
            file,
            1,
            1,
            "X105",
            f"references not checked: the framework {framework} has errors; "
            "fix them and validate again",
        )
        for file in files
    ]
    return suppress(notes, [], lint if lint is not None else LintOptions())
