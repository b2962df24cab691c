"""Reading files: framework folders, evidence files and folders, policy files.

Every function here reads and checks (through `competency.check`), collects
every diagnostic and never prints. The ``read_*`` functions return what
loaded with its diagnostics; the ``load_*`` functions raise one
`DiagnosticsError` that carries all the problems.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Generator, Iterable, Sequence
from contextlib import AbstractContextManager, closing, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from competency.check import (
    CheckedFramework,
    EvidenceSet,
    FrameworkCache,
    check_evidence,
    check_framework,
    check_mapping,
    check_model,
)
from competency.check.suppress import LintOptions, suppress
from competency.contract import (
    check_count,
    check_instance,
    check_optional_str,
    check_path,
    check_path_length,
)
from competency.diagnostics import Diagnostic, DiagnosticsError, has_errors
from competency.folders import (
    FRAMEWORK_FILES,
    find_framework_folder,
    find_yaml,
    is_framework_folder,
    shown_at,
    shown_below,
    walk_yaml,
)
from competency.framework import Framework
from competency.load import DEFAULT_MAX_BYTES, Document, load_document
from competency.model import Evidence, EvidenceMapping, Readiness
from competency.pool import ordered_chunks, ordered_map, paused_collection

__all__ = [
    "DEFAULT_MATRICES",
    "FRAMEWORK_FILES",
    "EvidenceFile",
    "EvidenceFolder",
    "Progress",
    "check_evidence_file",
    "each_evidence_chunk",
    "each_evidence_file",
    "evidence_files",
    "find_framework_folder",
    "find_yaml",
    "is_framework_folder",
    "load_evidence",
    "load_framework",
    "load_mapping",
    "read_evidence",
    "read_evidence_file",
    "read_evidence_folder",
    "read_framework",
    "read_mapping",
    "read_policy",
    "shown_below",
]

DEFAULT_MATRICES = "matrices"


def _documents(
    folder: Path, display: str, max_bytes: int, cache: FrameworkCache, keep_texts: bool = True
) -> list[Document]:
    # The folder's own framework.yaml comes first, so that it is "the" framework and any
    # other file of kind framework (an old copy in a subfolder, say) is the second one.
    paths = sorted(
        find_yaml(folder), key=lambda p: p.parent != folder or p.name not in FRAMEWORK_FILES
    )
    # Each file's bytes are hashed as it is read and let go of (`FrameworkCache.reading`).
    read = cache.reading(paths, folder, keep_texts=keep_texts)
    documents: list[Document] = []
    for path in paths:
        document = load_document(path, shown_below(display, folder, path), max_bytes=max_bytes)
        read(document)
        documents.append(document)
    return documents


def read_framework(
    path: str | os.PathLike[str],
    *,
    display: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lint: LintOptions | None = None,
    keep_texts: bool = True,
) -> CheckedFramework:
    """Load and check a framework folder; return the framework (if valid) and diagnostics.

    `lint` says which warnings to drop on top of the framework's own settings.
    With `keep_texts` false the diagnostics are the same, but the roles of
    the framework returned have no texts (emptied as each file is checked,
    `FrameworkCache.reading`): for a check that only reports, it holds a
    fraction of the memory.
    """
    folder = find_framework_folder(path)
    shown = display if display is not None else str(path)
    if not folder.is_dir():
        problem = Diagnostic.make(shown, 1, 1, "X100", "framework folder not found")
        return CheckedFramework(None, [problem])
    with paused_collection():
        cache = FrameworkCache()
        documents = _documents(folder, shown, max_bytes, cache, keep_texts)
        return check_framework(shown, documents, folder, lint, cache)


def load_framework(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Framework:
    """Load a framework folder (or its framework.yaml), or raise `DiagnosticsError`.

    The error carries every diagnostic found; warnings alone do not raise.

    >>> framework = load_framework("matrices")
    >>> framework.level("support-engineer@se2").level.title
    'Support Engineer II'
    """
    check_path("load_framework", "path", path)
    check_path_length("load_framework", "path", path)
    check_count("load_framework", "max_bytes", max_bytes, 1)
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
    lint: LintOptions | None = None,
) -> tuple[Evidence | None, list[Diagnostic]]:
    """Load and check one evidence file; return the model (if valid) and diagnostics."""
    document = load_document(Path(path), display, max_bytes=max_bytes)
    evidence, problems = check_evidence(document, framework, lint)
    if has_errors(problems):
        return None, problems
    return evidence, problems


def load_evidence(
    path: str | os.PathLike[str], framework: Framework, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Evidence:
    """Load an evidence file checked against `framework`, or raise `DiagnosticsError`."""
    check_path("load_evidence", "path", path)
    check_instance("load_evidence", "framework", framework, Framework)
    check_path_length("load_evidence", "path", path)
    check_count("load_evidence", "max_bytes", max_bytes, 1)
    evidence, problems = read_evidence(path, framework, max_bytes=max_bytes)
    if evidence is None:
        raise DiagnosticsError(problems)
    return evidence


def read_mapping(
    path: str | os.PathLike[str],
    framework: Framework | None,
    *,
    display: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lint: LintOptions | None = None,
) -> tuple[EvidenceMapping | None, list[Diagnostic]]:
    """(1.2) Load and check one evidence mapping (``kind: evidence-mapping``), against
    `framework` when given; return the model (if valid) and diagnostics."""
    document = load_document(Path(path), display, max_bytes=max_bytes)
    mapping, problems = check_mapping(document, framework, lint)
    if any(d.severity == "error" for d in problems):
        return None, problems
    return mapping, problems


def load_mapping(
    path: str | os.PathLike[str], framework: Framework, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> EvidenceMapping:
    """An evidence mapping checked against `framework`, or raise `DiagnosticsError`."""
    check_path("load_mapping", "path", path)
    check_instance("load_mapping", "framework", framework, Framework)
    check_path_length("load_mapping", "path", path)
    check_count("load_mapping", "max_bytes", max_bytes, 1)
    mapping, problems = read_mapping(path, framework, max_bytes=max_bytes)
    if mapping is None:
        raise DiagnosticsError(problems)
    return mapping


#: Wraps the list of files while they are read, e.g. in a progress bar.
Progress = Callable[[list[Path]], AbstractContextManager[Iterable[Path]]]


@dataclass(frozen=True)
class EvidenceFile:
    """One evidence file read and checked on its own, before the rules across files."""

    name: str
    """The file as shown in diagnostics."""
    evidence: Evidence | None
    """The checked evidence; None when the file has errors (or was not kept)."""
    problems: list[Diagnostic]
    person: str | None = None
    """The person id, when the file has one (for the one-file-per-person rule)."""
    person_at: tuple[int, int] = (1, 1)
    """Line and column of the person id."""
    loaded: bool = False
    """True when the file became an evidence model (which may since have been dropped)."""

    @property
    def ok(self) -> bool:
        """True when the file loaded and has no errors."""
        return self.loaded and not has_errors(self.problems)


def read_evidence_file(
    path: Path,
    name: str,
    framework: Framework | None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    lint: LintOptions | None = None,
) -> EvidenceFile:
    """Read and check one evidence file against `framework`, dropping warnings `lint` names."""
    return check_evidence_file(load_document(path, name, max_bytes=max_bytes), framework, lint)


def check_evidence_file(
    document: Document, framework: Framework | None, lint: LintOptions | None = None
) -> EvidenceFile:
    """Check one parsed evidence file as `read_evidence_file` does (for a reader that also
    needs the document: its text and positions)."""
    name = document.display
    evidence, problems = check_evidence(document, framework, lint)
    if evidence is None:
        return EvidenceFile(name, None, problems)
    where = document.positions.value(("person", "id"))
    return EvidenceFile(name, evidence, problems, evidence.person.id, where, loaded=True)


def evidence_files(
    folder: str | os.PathLike[str], display: str | None = None
) -> list[tuple[Path, str]]:
    """Every YAML file below `folder`, named as shown: the folder as given, then the path."""
    shown = display if display is not None else os.fspath(folder)
    return [(path, shown_at(shown, parts)) for parts, path in walk_yaml(folder)]


@dataclass
class EvidenceFolder:
    """Every evidence file below a folder: the ones that loaded, and the ones that failed."""

    members: list[tuple[str, Evidence]] = field(default_factory=list)
    """(file as shown, evidence) for each file without errors, in file order."""
    failed: list[tuple[str, list[Diagnostic]]] = field(default_factory=list)
    """(file as shown, its diagnostics) for each file with errors."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Every diagnostic of every file (errors and warnings), in file order."""

    def take(self, found: EvidenceFile, people: EvidenceSet) -> bool:
        """Count one file read in order, with the rules across files; True when it loaded."""
        problems = list(found.problems)
        if found.ok and found.person is not None:
            problems += people.add_person(found.name, found.person, *found.person_at)
        self.diagnostics.extend(problems)
        if not found.ok or has_errors(problems):
            self.failed.append((found.name, problems))
            return False
        return True

    def empty(
        self,
        shown: str,
        keep: Callable[[list[Diagnostic]], list[Diagnostic]] = list,
    ) -> None:
        """Record that the folder holds no YAML files (Q104), unless `keep` drops it."""
        kept = keep([Diagnostic.make(shown, 1, 1, "Q104", "no YAML files in this folder")])
        self.failed.append((shown, kept))
        self.diagnostics.extend(kept)


@dataclass(frozen=True)
class _Reader:
    """What reading one evidence file needs: the framework, the size cap, the lint options."""

    framework: Framework | None
    max_bytes: int
    lint: LintOptions | None


def _read_one(
    reader: _Reader, item: tuple[Path, str]
) -> tuple[EvidenceFile, tuple[str, Evidence | None]]:
    found = read_evidence_file(item[0], item[1], reader.framework, reader.max_bytes, reader.lint)
    return found, (found.name, found.evidence)


S = TypeVar("S")
T = TypeVar("T")


def each_evidence_file(
    folder: str | os.PathLike[str],
    framework: Framework | None,
    work: Callable[[S, tuple[Path, str]], tuple[EvidenceFile, T]],
    found: EvidenceFolder,
    *,
    setup: Callable[..., S],
    setup_args: tuple[Any, ...],
    lint: LintOptions | None = None,
    people: EvidenceSet | None = None,
    progress: Progress | None = None,
    display: str | None = None,
    jobs: int = 1,
) -> Generator[T, None, None]:
    """Run `work` over every evidence file below `folder`, in `jobs` processes.

    `work(state, (path, name))` reads one file and returns it with whatever
    else it made of it; `state` is ``setup(*setup_args)``, made once in each
    process (`competency.pool.ordered_map`). Here, in file order, each file goes through the rules
    across files (one person, one file) into `found`; for each file that
    loaded, what `work` made of it is yielded. A folder without YAML files
    is one failure (Q104), unless `lint` or the framework drop it.
    """
    files = _listed(folder, framework, found, lint, display)
    seen = people if people is not None else EvidenceSet()
    results = ordered_map(work, files, jobs=jobs, setup=setup, setup_args=setup_args)
    paths = [path for path, _ in files]
    # Closing this generator (its consumer stopped, by an error or Ctrl-C) closes the map
    # at once, which stops its worker processes: they never outlive the command.
    with (
        closing(results),
        progress(paths) if progress is not None else nullcontext(paths) as shown_paths,
    ):
        for _, (result, made) in zip(shown_paths, results, strict=True):
            if found.take(result, seen):
                yield made


def each_evidence_chunk(
    folder: str | os.PathLike[str],
    framework: Framework | None,
    work: Callable[[S, Sequence[tuple[str, str]]], tuple[Sequence[EvidenceFile], T]],
    found: EvidenceFolder,
    *,
    setup: Callable[..., S],
    setup_args: tuple[Any, ...],
    lint: LintOptions | None = None,
    progress: Progress | None = None,
    display: str | None = None,
    jobs: int = 1,
) -> Generator[tuple[T, tuple[bool, ...]], None, None]:
    """`each_evidence_file` a chunk of files at a time: one result per chunk, and which count.

    `work(state, chunk)` reads the files of a chunk, each given as (path,
    name) in text, and returns them, each
    an `EvidenceFile`, with what it made of the chunk as a whole (in a
    worker process with `jobs` above one: one message per chunk). Here each
    file goes through the rules across files into `found`, in file order,
    and what `work` made is yielded with, for each file of the chunk that
    was `ok` in the worker, whether it still counts (False when the rules
    across files failed it: a second file about the same person).
    """
    files = _listed(folder, framework, found, lint, display)
    paths = [path for path, _ in files] if progress is not None else []
    # A `Path` weighs some 300 bytes more than its text: 30 MB for 100,000 files, kept
    # while they are read. Only a progress bar needs them.
    items = [(os.fspath(path), name) for path, name in files]
    del files
    seen = EvidenceSet()
    results = ordered_chunks(work, items, jobs=jobs, setup=setup, setup_args=setup_args)
    with (
        closing(results),  # closed early, it stops the worker processes at once
        progress(paths) if progress is not None else nullcontext(paths) as shown_paths,
    ):
        shown_each = iter(shown_paths)
        for _, (read, made) in results:
            kept = []
            for result in read:
                next(shown_each, None)
                taken = found.take(result, seen)
                if result.ok:
                    kept.append(taken)
            yield made, tuple(kept)


def _listed(
    folder: str | os.PathLike[str],
    framework: Framework | None,
    found: EvidenceFolder,
    lint: LintOptions | None,
    display: str | None,
) -> list[tuple[Path, str]]:
    """The evidence files below `folder`; none is a failure in `found` (Q104) unless dropped."""
    shown = display if display is not None else os.fspath(folder)
    files = evidence_files(folder, shown)
    if not files:
        settings = framework.info.lint if framework is not None else None
        found.empty(shown, lambda found: suppress(found, [], lint or LintOptions(), lint=settings))
    return files


def read_evidence_folder(
    folder: str | os.PathLike[str],
    framework: Framework | None,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
    people: EvidenceSet | None = None,
    display: str | None = None,
    jobs: int = 1,
    lint: LintOptions | None = None,
) -> EvidenceFolder:
    """Read and check every evidence file below `folder`, as `validate` and `team` do.

    Files are named as the command line shows them: `folder` as given,
    joined with the file's path inside it. A folder without YAML files is
    one failure (Q104). A second file about the same person fails with
    U100 (`people` carries what was seen across several folders). `lint`
    says which warnings to drop on top of the framework's settings. With
    `jobs` above one, files are read in that many processes; the result is
    the same as with one.
    """
    found = EvidenceFolder()
    loaded = each_evidence_file(
        folder,
        framework,
        _read_one,
        found,
        setup=_Reader,
        setup_args=(framework, max_bytes, lint),
        lint=lint,
        people=people,
        progress=progress,
        display=display,
        jobs=jobs,
    )
    for name, evidence in loaded:
        if evidence is not None:
            found.members.append((name, evidence))
    return found


def read_policy(
    path: str | os.PathLike[str], base: Readiness, *, display: str | None = None
) -> tuple[Readiness | None, list[Diagnostic]]:
    """`base` with the readiness keys a policy file sets, or None and the file's problems.

    A policy file is a YAML mapping of the keys of the framework's
    `readiness` block; the keys it leaves out keep `base`'s values.
    """
    check_path("read_policy", "path", path)
    check_path_length("read_policy", "path", path)
    check_instance("read_policy", "base", base, Readiness)
    check_optional_str("read_policy", "display", display)
    document = load_document(Path(path), display if display is not None else os.fspath(path))
    if document.diagnostics:
        return None, list(document.diagnostics)
    if not isinstance(document.data, dict):
        return None, [document.at((), "S102", "expected a mapping of readiness keys")]
    checked, problems = check_model(document, Readiness)
    if checked is None:
        return None, problems
    changes = {key: getattr(checked, key) for key in document.data}
    return base.model_copy(update=changes), problems
