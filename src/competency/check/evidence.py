"""Evidence files against a framework (format section 7), one file or many."""

from __future__ import annotations

import dataclasses

from competency.check import rules
from competency.check._document import check_document
from competency.check.suppress import LintOptions, suppress
from competency.diagnostics import Diagnostic
from competency.framework import Framework
from competency.load import Document
from competency.model import Evidence, EvidenceMapping

__all__ = ["EvidenceSet", "check_evidence", "check_mapping"]


def check_evidence(
    document: Document, framework: Framework | None, lint: LintOptions | None = None
) -> tuple[Evidence | None, list[Diagnostic]]:
    """Validate an evidence document, and its references when a framework is given.

    Warnings are suppressed as the framework's ``lint.ignore``, the file's
    comments and `lint` say.
    """
    model, problems = _check(document, framework)
    settings = framework.info.lint if framework is not None else None
    options = lint if lint is not None else LintOptions()
    if framework is None:
        # Unchecked references may be what a comment is waiting for: judge it later.
        options = dataclasses.replace(options, report_unused=False)
    return model, suppress(problems, [document], options, lint=settings)


def _check(
    document: Document, framework: Framework | None
) -> tuple[Evidence | None, list[Diagnostic]]:
    problems = list(document.diagnostics)
    model, found = check_document(document)
    problems.extend(found)
    if model is None:
        return None, problems
    if not isinstance(model, Evidence):
        problems.append(
            document.at(("kind",), "F101", f"expected an evidence file, got kind '{model.kind}'")  # type: ignore[attr-defined]
        )
        return None, problems
    problems.extend(rules.evidence_history(document, model))
    if framework is not None:
        problems.extend(rules.evidence(document, model, framework))
    return model, problems


def check_mapping(
    document: Document, framework: Framework | None, lint: LintOptions | None = None
) -> tuple[EvidenceMapping | None, list[Diagnostic]]:
    """(1.2) Validate an evidence mapping (``kind: evidence-mapping``, what ``competency
    suggest --mapping`` reads): its shape, its regular expressions and, when a framework
    is given, the behaviours its rules show. Warnings are suppressed as for evidence."""
    problems = list(document.diagnostics)
    model, found = check_document(document)
    problems.extend(found)
    checked: EvidenceMapping | None = None
    if isinstance(model, EvidenceMapping):
        checked = model
        problems.extend(rules.mapping(document, model, framework))
    elif model is not None:
        kind = model.kind  # type: ignore[attr-defined]
        problems.append(
            document.at(("kind",), "F101", f"expected an evidence mapping, got kind '{kind}'")
        )
    settings = framework.info.lint if framework is not None else None
    options = lint if lint is not None else LintOptions()
    if framework is None:
        options = dataclasses.replace(options, report_unused=False)
    return checked, suppress(problems, [document], options, lint=settings)


class EvidenceSet:
    """The rule that spans evidence files: each person has one file (U100).

    Two files about one person would count them twice in every team total,
    so `validate`, `team` and the Python API all report the second file.
    Feed the files in the order they are read; the first one wins.
    """

    def __init__(self) -> None:
        self._first: dict[str, str] = {}

    def add(self, document: Document, evidence: Evidence) -> list[Diagnostic]:
        """Record one checked evidence file; a U100 when its person was already seen."""
        line, column = document.positions.value(("person", "id"))
        return self.add_person(document.display, evidence.person.id, line, column)

    def add_person(self, file: str, person: str, line: int, column: int) -> list[Diagnostic]:
        """Record that `file` is about `person` (its id at `line`, `column`); U100 if seen."""
        other = self._first.setdefault(person, file)
        if other == file:
            return []
        message = f"person '{person}' is also the subject of {other}"
        return [Diagnostic.make(file, line, column, "U100", message)]
