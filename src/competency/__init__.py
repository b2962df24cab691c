"""competency: career ladders and competency matrices kept as code.

The public API:

- `load_framework(path)` -> `Framework`, or raises `DiagnosticsError`;
- `load_evidence(path, framework)` -> `Evidence`, or raises `DiagnosticsError`;
- `validate(paths)` -> `Result` with `.ok` and `.diagnostics`; `LintOptions`
  drops warnings for a run and reports stale suppressions;
- `analyze`, `level_report`, `team`: the gap analysis; `impact`: a ladder change
  judged by whose level or verdict it moves;
- `suggest`: suggested evidence items from a help-desk or tracker export,
  with an evidence mapping read by `load_mapping`;
- the typed models of `competency.model`.

Every public name is listed once, in `_EXPORTS`, with the module that
defines it; it is imported on first use (PEP 562), so ``competency --help``
does not pay for pydantic. The ``TYPE_CHECKING`` block repeats the imports
for type checkers only, and a test keeps it equal to `_EXPORTS`.
"""

import importlib
from typing import TYPE_CHECKING, Any

from competency.__about__ import __version__

if TYPE_CHECKING:
    from competency.analysis.gap import (
        Analyzer,
        GapReport,
        LevelReport,
        NoTargetError,
        analyze,
        current_level,
        level_report,
    )
    from competency.analysis.impact import ImpactReport, impact
    from competency.analysis.team import TeamReport, team
    from competency.check.suppress import LintOptions, SuppressionError
    from competency.contract import ArgumentTypeError, ArgumentValueError
    from competency.diagnostics import (
        CompetencyError,
        Diagnostic,
        DiagnosticsError,
        Result,
        Severity,
    )
    from competency.files import WriteError
    from competency.framework import (
        BehaviourInfo,
        ExpectedCompetency,
        Framework,
        LevelInfo,
        UnknownReferenceError,
    )
    from competency.interop.suggest import SuggestReport, suggest
    from competency.io import load_evidence, load_framework, load_mapping, read_policy
    from competency.model import (
        Assessment,
        Behaviour,
        Competency,
        Evidence,
        EvidenceItem,
        EvidenceMapping,
        Expectation,
        FrameworkInfo,
        Level,
        Lint,
        Move,
        Paths,
        Readiness,
        Role,
        Step,
    )
    from competency.names import Names
    from competency.text import localize
    from competency.validation import validate

_EXPORTS: dict[str, str] = {
    "Analyzer": "competency.analysis.gap",
    "GapReport": "competency.analysis.gap",
    "LevelReport": "competency.analysis.gap",
    "NoTargetError": "competency.analysis.gap",
    "analyze": "competency.analysis.gap",
    "current_level": "competency.analysis.gap",
    "level_report": "competency.analysis.gap",
    "ImpactReport": "competency.analysis.impact",
    "impact": "competency.analysis.impact",
    "TeamReport": "competency.analysis.team",
    "team": "competency.analysis.team",
    "LintOptions": "competency.check.suppress",
    "SuppressionError": "competency.check.suppress",
    "ArgumentTypeError": "competency.contract",
    "ArgumentValueError": "competency.contract",
    "CompetencyError": "competency.diagnostics",
    "Diagnostic": "competency.diagnostics",
    "DiagnosticsError": "competency.diagnostics",
    "Result": "competency.diagnostics",
    "Severity": "competency.diagnostics",
    "BehaviourInfo": "competency.framework",
    "ExpectedCompetency": "competency.framework",
    "Framework": "competency.framework",
    "LevelInfo": "competency.framework",
    "UnknownReferenceError": "competency.framework",
    "WriteError": "competency.files",
    "SuggestReport": "competency.interop.suggest",
    "suggest": "competency.interop.suggest",
    "load_evidence": "competency.io",
    "load_framework": "competency.io",
    "load_mapping": "competency.io",
    "read_policy": "competency.io",
    "Assessment": "competency.model",
    "Behaviour": "competency.model",
    "Competency": "competency.model",
    "Evidence": "competency.model",
    "EvidenceItem": "competency.model",
    "EvidenceMapping": "competency.model",
    "Expectation": "competency.model",
    "FrameworkInfo": "competency.model",
    "Lint": "competency.model",
    "Level": "competency.model",
    "Move": "competency.model",
    "Paths": "competency.model",
    "Readiness": "competency.model",
    "Role": "competency.model",
    "Step": "competency.model",
    "Names": "competency.names",
    "localize": "competency.text",
    "validate": "competency.validation",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'competency' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
