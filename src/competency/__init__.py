"""competency: career ladders and competency matrices kept as code.

The public API:

- `load_framework(path)` -> `Framework`, or raises `DiagnosticsError`;
- `load_evidence(path, framework)` -> `Evidence`, or raises `DiagnosticsError`;
- `validate(paths)` -> `Result` with `.ok` and `.diagnostics`;
- the typed models of `competency.model`.
"""

from typing import TYPE_CHECKING, Any

from competency.__about__ import __version__

if TYPE_CHECKING:
    from competency.api import load_evidence, load_framework, validate
    from competency.diagnostics import Diagnostic, DiagnosticsError, Result, Severity
    from competency.framework import (
        BehaviourInfo,
        ExpectedCompetency,
        Framework,
        LevelInfo,
        UnknownReferenceError,
    )
    from competency.gap import (
        Analyzer,
        GapReport,
        LevelReport,
        NoTargetError,
        analyze,
        current_level,
        level_report,
    )
    from competency.model import (
        Assessment,
        Behaviour,
        Competency,
        Evidence,
        EvidenceItem,
        Expectation,
        FrameworkInfo,
        Level,
        Move,
        Paths,
        Readiness,
        Role,
        Step,
        localize,
    )
    from competency.teams import TeamReport, team

# Public names load on first use (PEP 562), so `competency --help` and the
# first lines of `competency validate` do not pay for pydantic up front.
_LAZY = {
    "load_evidence": "competency.api",
    "load_framework": "competency.api",
    "validate": "competency.api",
    "Diagnostic": "competency.diagnostics",
    "DiagnosticsError": "competency.diagnostics",
    "Result": "competency.diagnostics",
    "Severity": "competency.diagnostics",
    "BehaviourInfo": "competency.framework",
    "ExpectedCompetency": "competency.framework",
    "Framework": "competency.framework",
    "LevelInfo": "competency.framework",
    "UnknownReferenceError": "competency.framework",
    "Analyzer": "competency.gap",
    "GapReport": "competency.gap",
    "LevelReport": "competency.gap",
    "NoTargetError": "competency.gap",
    "analyze": "competency.gap",
    "current_level": "competency.gap",
    "level_report": "competency.gap",
    "TeamReport": "competency.teams",
    "team": "competency.teams",
}
_MODEL_NAMES = (
    "Assessment",
    "Behaviour",
    "Competency",
    "Evidence",
    "EvidenceItem",
    "Expectation",
    "FrameworkInfo",
    "Level",
    "Move",
    "Paths",
    "Readiness",
    "Role",
    "Step",
    "localize",
)
_LAZY.update(dict.fromkeys(_MODEL_NAMES, "competency.model"))


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'competency' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "Analyzer",
    "Assessment",
    "Behaviour",
    "BehaviourInfo",
    "Competency",
    "Diagnostic",
    "DiagnosticsError",
    "Evidence",
    "EvidenceItem",
    "Expectation",
    "ExpectedCompetency",
    "Framework",
    "FrameworkInfo",
    "GapReport",
    "Level",
    "LevelInfo",
    "LevelReport",
    "Move",
    "NoTargetError",
    "Paths",
    "Readiness",
    "Result",
    "Role",
    "Severity",
    "Step",
    "TeamReport",
    "UnknownReferenceError",
    "__version__",
    "analyze",
    "current_level",
    "level_report",
    "load_evidence",
    "load_framework",
    "localize",
    "team",
    "validate",
]
