"""The Python API: load a framework, load evidence, validate paths.

These functions are what the command line calls; they read files, collect
every diagnostic, and never print. `load_framework` and `load_evidence`
raise one `DiagnosticsError` that carries all the problems; `validate`
returns a `Result` instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from competency.check import CheckedFramework, check_evidence, check_framework, find_yaml
from competency.diagnostics import Diagnostic, DiagnosticsError, Result
from competency.framework import Framework
from competency.load import DEFAULT_MAX_BYTES, Document, load_document
from competency.model import Evidence

__all__ = [
    "FRAMEWORK_FILES",
    "find_framework_folder",
    "load_evidence",
    "load_framework",
    "read_framework",
    "validate",
]

#: A folder is a framework folder when it holds one of these files.
FRAMEWORK_FILES = ("framework.yaml", "framework.yml")
DEFAULT_MATRICES = "matrices"


def _is_framework_folder(path: Path) -> bool:
    return path.is_dir() and any((path / name).is_file() for name in FRAMEWORK_FILES)


def find_framework_folder(path: str | os.PathLike[str]) -> Path:
    """The framework folder for `path`: the folder itself, or a framework file's folder."""
    folder = Path(path)
    if folder.is_file() and folder.name in FRAMEWORK_FILES:
        return folder.parent
    return folder


def _documents(folder: Path, display: str, max_bytes: int) -> list[Document]:
    # The folder's own framework.yaml comes first, so that it is "the" framework and any
    # other file of kind framework (an old copy in a subfolder, say) is the second one.
    paths = sorted(
        find_yaml(folder), key=lambda p: p.parent != folder or p.name not in FRAMEWORK_FILES
    )
    return [
        load_document(
            path, os.path.join(display, str(path.relative_to(folder))), max_bytes=max_bytes
        )
        for path in paths
    ]


def read_framework(
    path: str | os.PathLike[str],
    *,
    display: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> CheckedFramework:
    """Load and check a framework folder; return the framework (if valid) and diagnostics."""
    folder = find_framework_folder(path)
    shown = display if display is not None else str(path)
    if not folder.is_dir():
        problem = Diagnostic.make(shown, 1, 1, "X100", "framework folder not found")
        return CheckedFramework(None, [problem])
    return check_framework(shown, _documents(folder, shown, max_bytes))


def load_framework(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Framework:
    """Load a framework folder (or its framework.yaml), or raise `DiagnosticsError`.

    The error carries every diagnostic found; warnings alone do not raise.

    >>> framework = load_framework("matrices")
    >>> framework.level("support-engineer@se2").level.title
    'Support Engineer II'
    """
    checked = read_framework(path, max_bytes=max_bytes)
    if checked.framework is None:
        raise DiagnosticsError(checked.diagnostics)
    return checked.framework


def read_evidence(
    path: str | os.PathLike[str],
    framework: Framework | None,
    *,
    display: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> tuple[Evidence | None, list[Diagnostic]]:
    """Load and check one evidence file; return the model (if valid) and diagnostics."""
    document = load_document(Path(path), display, max_bytes=max_bytes)
    evidence, problems = check_evidence(document, framework)
    if any(d.severity == "error" for d in problems):
        return None, problems
    return evidence, problems


def load_evidence(
    path: str | os.PathLike[str], framework: Framework, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Evidence:
    """Load an evidence file checked against `framework`, or raise `DiagnosticsError`."""
    evidence, problems = read_evidence(path, framework, max_bytes=max_bytes)
    if evidence is None:
        raise DiagnosticsError(problems)
    return evidence


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
) -> Result:
    """Check framework folders and evidence files or folders, as ``competency validate`` does.

    Evidence is checked against `matrices` when given, else against the one
    framework folder among `paths`, else against ``matrices/``.
    """
    given = [os.fspath(p) for p in paths] or [DEFAULT_MATRICES]
    result = Result()
    targets: list[_Target] = []
    for name in given:
        path = Path(name)
        if not path.exists():
            result.extend([Diagnostic.make(name, 1, 1, "X100", "no such file or folder")])
            continue
        folder = find_framework_folder(path)
        targets.append(_Target(name, folder, _is_framework_folder(folder)))
    frameworks: dict[str, CheckedFramework] = {}
    for target in targets:
        if target.framework_folder:
            checked = read_framework(target.path, display=target.given, max_bytes=max_bytes)
            frameworks[target.given] = checked
            result.extend(checked.diagnostics)
    reference = _reference_framework(matrices, frameworks, max_bytes, result)
    for checked in frameworks.values():
        for document in checked.evidence:
            _, problems = check_evidence(document, checked.framework)
            result.extend(problems)
    for target in targets:
        if not target.framework_folder:
            result.extend(_evidence_target(target, reference, max_bytes))
    return result


def _reference_framework(
    matrices: str | os.PathLike[str] | None,
    frameworks: dict[str, CheckedFramework],
    max_bytes: int,
    result: Result,
) -> tuple[str, Framework | None] | None:
    """The framework evidence is checked against, named as the user gave it."""
    if matrices is not None:
        name = os.fspath(matrices)
        for given, checked in frameworks.items():
            if Path(given).resolve() == find_framework_folder(name).resolve():
                return given, checked.framework
        checked = read_framework(name, max_bytes=max_bytes)
        if checked.framework is None:
            result.extend(checked.diagnostics)
        return name, checked.framework
    if len(frameworks) == 1:
        given, checked = next(iter(frameworks.items()))
        return given, checked.framework
    if not frameworks and _is_framework_folder(Path(DEFAULT_MATRICES)):
        checked = read_framework(DEFAULT_MATRICES, max_bytes=max_bytes)
        if checked.framework is None:
            result.extend(checked.diagnostics)
        return DEFAULT_MATRICES, checked.framework
    return None


def _evidence_target(
    target: _Target, reference: tuple[str, Framework | None] | None, max_bytes: int
) -> Iterable[Diagnostic]:
    if target.path.is_dir():
        files = [
            (path, os.path.join(target.given, str(path.relative_to(target.path))))
            for path in find_yaml(target.path)
        ]
        if not files:
            yield Diagnostic.make(target.given, 1, 1, "Q104", "no YAML files in this folder")
    else:
        files = [(target.path, target.given)]
    framework = reference[1] if reference is not None else None
    for path, display in files:
        document = load_document(path, display, max_bytes=max_bytes)
        _, problems = check_evidence(document, framework)
        yield from problems
        if reference is None and not any(d.severity == "error" for d in problems):
            yield Diagnostic.make(
                display,
                1,
                1,
                "X104",
                "no framework to check this evidence against; pass --matrices DIR "
                "or a framework folder",
            )
