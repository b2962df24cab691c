"""competency: career ladders and competency matrices kept as code.

The public API:

- `load_framework(path)` -> `Framework`, or raises `DiagnosticsError`;
- `load_evidence(path, framework)` -> `Evidence`, or raises `DiagnosticsError`;
- `validate(paths)` -> `Result` with `.ok` and `.diagnostics`; `LintOptions`
  drops warnings for a run and reports stale suppressions;
- `analyze`, `level_report`, `team`: the gap analysis; `plan`: a development
  plan towards a target;
- the promotion cycle (format 1.2): `history_report` and `trend`, a person's
  levels over time and a team's; `calibrate`, verdicts and assessments
  compared across managers and assessors; `impact`, a ladder change judged
  by whose level or verdict it moves;
- `suggest`: suggested evidence items from a help-desk or tracker export,
  with an evidence mapping read by `load_mapping`;
- the typed models of `competency.model`.

Every public name is listed in `_EXPORTS` with the module that defines it,
and imported from there on first use (PEP 562), so ``competency --help``
does not pay for pydantic. Type checkers cannot run that, so the names are
also written out for them: in the ``TYPE_CHECKING`` block as explicit
re-exports (``from module import name as name``) and in a literal
`__all__`. A test keeps all three equal.
"""

import importlib
from typing import TYPE_CHECKING, Any

from competency.__about__ import __version__

if TYPE_CHECKING:
    from competency.analysis.calibrate import CalibrationReport as CalibrationReport
    from competency.analysis.calibrate import calibrate as calibrate
    from competency.analysis.gap import Analyzer as Analyzer
    from competency.analysis.gap import GapReport as GapReport
    from competency.analysis.gap import LevelReport as LevelReport
    from competency.analysis.gap import NoTargetError as NoTargetError
    from competency.analysis.gap import analyze as analyze
    from competency.analysis.gap import current_level as current_level
    from competency.analysis.gap import level_report as level_report
    from competency.analysis.history import HistoryReport as HistoryReport
    from competency.analysis.history import history_report as history_report
    from competency.analysis.impact import ImpactReport as ImpactReport
    from competency.analysis.impact import impact as impact
    from competency.analysis.plan import PlanReport as PlanReport
    from competency.analysis.plan import plan as plan
    from competency.analysis.team import TeamReport as TeamReport
    from competency.analysis.team import team as team
    from competency.analysis.trend import TrendReport as TrendReport
    from competency.analysis.trend import trend as trend
    from competency.check.suppress import LintOptions as LintOptions
    from competency.check.suppress import SuppressionError as SuppressionError
    from competency.contract import ArgumentTypeError as ArgumentTypeError
    from competency.contract import ArgumentValueError as ArgumentValueError
    from competency.diagnostics import CompetencyError as CompetencyError
    from competency.diagnostics import Diagnostic as Diagnostic
    from competency.diagnostics import DiagnosticsError as DiagnosticsError
    from competency.diagnostics import Result as Result
    from competency.diagnostics import Severity as Severity
    from competency.files import WriteError as WriteError
    from competency.framework import BehaviourInfo as BehaviourInfo
    from competency.framework import ExpectedCompetency as ExpectedCompetency
    from competency.framework import Framework as Framework
    from competency.framework import LevelInfo as LevelInfo
    from competency.framework import UnknownReferenceError as UnknownReferenceError
    from competency.interop.suggest import SuggestReport as SuggestReport
    from competency.interop.suggest import suggest as suggest
    from competency.io import load_evidence as load_evidence
    from competency.io import load_framework as load_framework
    from competency.io import load_mapping as load_mapping
    from competency.io import read_policy as read_policy
    from competency.model import Assessment as Assessment
    from competency.model import Behaviour as Behaviour
    from competency.model import Competency as Competency
    from competency.model import Evidence as Evidence
    from competency.model import EvidenceItem as EvidenceItem
    from competency.model import EvidenceMapping as EvidenceMapping
    from competency.model import Expectation as Expectation
    from competency.model import FrameworkInfo as FrameworkInfo
    from competency.model import HistoryEntry as HistoryEntry
    from competency.model import Level as Level
    from competency.model import Lint as Lint
    from competency.model import Move as Move
    from competency.model import Paths as Paths
    from competency.model import Person as Person
    from competency.model import Readiness as Readiness
    from competency.model import Resource as Resource
    from competency.model import Role as Role
    from competency.model import Step as Step
    from competency.names import Names as Names
    from competency.text import localize as localize
    from competency.validation import validate as validate

_EXPORTS: dict[str, str] = {
    "CalibrationReport": "competency.analysis.calibrate",
    "calibrate": "competency.analysis.calibrate",
    "Analyzer": "competency.analysis.gap",
    "GapReport": "competency.analysis.gap",
    "LevelReport": "competency.analysis.gap",
    "NoTargetError": "competency.analysis.gap",
    "analyze": "competency.analysis.gap",
    "current_level": "competency.analysis.gap",
    "level_report": "competency.analysis.gap",
    "HistoryReport": "competency.analysis.history",
    "history_report": "competency.analysis.history",
    "ImpactReport": "competency.analysis.impact",
    "impact": "competency.analysis.impact",
    "PlanReport": "competency.analysis.plan",
    "plan": "competency.analysis.plan",
    "TeamReport": "competency.analysis.team",
    "team": "competency.analysis.team",
    "TrendReport": "competency.analysis.trend",
    "trend": "competency.analysis.trend",
    "LintOptions": "competency.check.suppress",
    "SuppressionError": "competency.check.suppress",
    "ArgumentTypeError": "competency.contract",
    "ArgumentValueError": "competency.contract",
    "CompetencyError": "competency.diagnostics",
    "Diagnostic": "competency.diagnostics",
    "DiagnosticsError": "competency.diagnostics",
    "Result": "competency.diagnostics",
    "Severity": "competency.diagnostics",
    "WriteError": "competency.files",
    "BehaviourInfo": "competency.framework",
    "ExpectedCompetency": "competency.framework",
    "Framework": "competency.framework",
    "LevelInfo": "competency.framework",
    "UnknownReferenceError": "competency.framework",
    "load_evidence": "competency.io",
    "SuggestReport": "competency.interop.suggest",
    "suggest": "competency.interop.suggest",
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
    "HistoryEntry": "competency.model",
    "Level": "competency.model",
    "Lint": "competency.model",
    "Move": "competency.model",
    "Paths": "competency.model",
    "Person": "competency.model",
    "Readiness": "competency.model",
    "Resource": "competency.model",
    "Role": "competency.model",
    "Step": "competency.model",
    "Names": "competency.names",
    "localize": "competency.text",
    "validate": "competency.validation",
}

__all__ = [
    "Analyzer",
    "ArgumentTypeError",
    "ArgumentValueError",
    "Assessment",
    "Behaviour",
    "BehaviourInfo",
    "CalibrationReport",
    "Competency",
    "CompetencyError",
    "Diagnostic",
    "DiagnosticsError",
    "Evidence",
    "EvidenceItem",
    "EvidenceMapping",
    "Expectation",
    "ExpectedCompetency",
    "Framework",
    "FrameworkInfo",
    "GapReport",
    "HistoryEntry",
    "HistoryReport",
    "ImpactReport",
    "Level",
    "LevelInfo",
    "LevelReport",
    "Lint",
    "LintOptions",
    "Move",
    "Names",
    "NoTargetError",
    "Paths",
    "Person",
    "PlanReport",
    "Readiness",
    "Resource",
    "Result",
    "Role",
    "Severity",
    "Step",
    "SuggestReport",
    "SuppressionError",
    "TeamReport",
    "TrendReport",
    "UnknownReferenceError",
    "WriteError",
    "__version__",
    "analyze",
    "calibrate",
    "current_level",
    "history_report",
    "impact",
    "level_report",
    "load_evidence",
    "load_framework",
    "load_mapping",
    "localize",
    "plan",
    "read_policy",
    "suggest",
    "team",
    "trend",
    "validate",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'competency' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
