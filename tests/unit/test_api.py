"""The public API: one table of names, visible to dir() and to type checkers."""

from __future__ import annotations

import ast
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

import competency
from tests.conftest import ROOT

#: A user's script that uses every public name, as ``mypy --strict`` must accept it.
USER_SCRIPT = '''\
"""A user's script: every public name of competency, as a type checker sees it."""

from __future__ import annotations

from datetime import date

import competency
from competency import (
    Analyzer,
    ArgumentTypeError,
    ArgumentValueError,
    Assessment,
    Behaviour,
    BehaviourInfo,
    CalibrationReport,
    Competency,
    CompetencyError,
    Diagnostic,
    DiagnosticsError,
    Evidence,
    EvidenceItem,
    EvidenceMapping,
    Expectation,
    ExpectedCompetency,
    Framework,
    FrameworkInfo,
    GapReport,
    HistoryEntry,
    HistoryReport,
    ImpactReport,
    Level,
    LevelInfo,
    LevelReport,
    Lint,
    LintOptions,
    Move,
    Names,
    NoTargetError,
    Paths,
    Person,
    PlanReport,
    Readiness,
    Resource,
    Result,
    Role,
    Severity,
    Step,
    SuggestReport,
    SuppressionError,
    TeamReport,
    TrendReport,
    UnknownReferenceError,
    WriteError,
    analyze,
    calibrate,
    current_level,
    history_report,
    impact,
    level_report,
    load_evidence,
    load_framework,
    load_mapping,
    localize,
    plan,
    read_policy,
    suggest,
    team,
    trend,
    validate,
    __version__,
)

version: str = __version__
framework: Framework = load_framework("matrices")
info: FrameworkInfo = framework.info
readiness: Readiness = info.readiness
lint: Lint | None = info.lint
competencies: list[Competency] = list(framework.competencies.values())
steps = [step for entry in competencies for step in entry.steps.values()]
behaviours: list[Behaviour] = [behaviour for step in steps for behaviour in step.behaviours]
roles: list[Role] = list(framework.roles.values())
levels: list[Level] = [level for role in roles for level in role.levels]
found: LevelInfo = framework.level("support-engineer@se2")
expected: list[ExpectedCompetency] = framework.expected(found.ref)
first: BehaviourInfo = next(iter(framework.behaviours()))
moves: list[Move] = list(framework.moves)
names = Names(framework, "en")
title: str = localize(found.level.title, "en") + names.level(found.ref)

evidence: Evidence = load_evidence("examples/priya-n.yaml", framework)
items: list[EvidenceItem] = list(evidence.items)
assessments: list[Assessment] = list(evidence.assessments)
gap: GapReport = analyze(framework, evidence, as_of=date(2026, 1, 1))
ladder: LevelReport = level_report(framework, evidence)
now: str | None = current_level(framework, evidence)
reports: TeamReport = team(framework, [evidence])
analyzer = Analyzer(framework, date(2026, 1, 1), readiness, names)
policy, problems = read_policy("matrices/framework.yaml", readiness)

result: Result = validate(["matrices", "examples"], lint=LintOptions(ignore=frozenset({"Q100"})))
errors: list[Diagnostic] = result.errors
serious: bool = any(d.severity is Severity.ERROR for d in result.diagnostics)
print(version, title, len(behaviours), len(levels), len(moves), len(items), len(assessments))
print(gap.verdict, ladder.current_level, now, analyzer.as_of, policy, problems, serious)
print(len(reports.people))
print(competency.validate(["matrices"]).ok, [str(d) for d in errors])

# The promotion cycle (format 1.2) and development plans.
person: Person = evidence.person
entries: tuple[HistoryEntry, ...] = evidence.confirmations()
grow: list[Resource] = [r for step in steps for r in step.resources]
story: HistoryReport = history_report(framework, evidence, as_of=date(2026, 11, 1))
over: TrendReport = trend(framework, [evidence], date(2026, 1, 1), date(2026, 11, 1))
meeting: CalibrationReport = calibrate(framework, [evidence], as_of=date(2026, 11, 1))
change: ImpactReport = impact(framework, framework, [evidence], as_of=date(2026, 11, 1))
growth: PlanReport = plan(framework, evidence, as_of=date(2026, 11, 1))
mapping_kind: type[EvidenceMapping] = EvidenceMapping
zendesk: EvidenceMapping = load_mapping("src/competency/mappings/zendesk.yaml", framework)
waiting: type[SuggestReport] = SuggestReport
suggesting = suggest  # writes files: named here, run by tests/unit/test_suggest.py
print(person.id, len(entries), len(grow), story.person, len(over.periods))
print(len(meeting.managers), change.summary.changed, growth.target, mapping_kind.__name__)

# Types a user names in annotations and handlers.
shapes: tuple[type[object], ...] = (Expectation, Paths, Step)
try:
    framework.level("no-such-role@nowhere")
except UnknownReferenceError as error:
    print(error.suggestion)
except (NoTargetError, SuppressionError, WriteError, ArgumentTypeError, ArgumentValueError):
    raise
except DiagnosticsError as error:
    print(len(error.diagnostics))
except CompetencyError:
    raise
print(shapes)
'''


def test_every_exported_name_resolves() -> None:
    """Each name of __all__ can be read from the package."""
    assert all(getattr(competency, name) is not None for name in competency.__all__)


def test_dir_lists_the_public_names() -> None:
    """dir(competency) shows the public API in a REPL."""
    assert set(competency.__all__) <= set(dir(competency))


def test_type_checking_imports_equal_the_export_table() -> None:
    """The TYPE_CHECKING block re-exports exactly the names of _EXPORTS, from the same modules."""
    tree = ast.parse((ROOT / "src" / "competency" / "__init__.py").read_text(encoding="utf-8"))
    block = next(node for node in tree.body if isinstance(node, ast.If))
    imported = {
        (alias.asname or "") + "=" + alias.name: node.module
        for node in ast.walk(block)
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    expected = {f"{name}={name}": module for name, module in competency._EXPORTS.items()}
    assert expected == imported


def test_all_lists_the_export_table() -> None:
    """__all__ names the version and every name of _EXPORTS, each once."""
    expected = sorted(["__version__", *competency._EXPORTS])
    assert expected == sorted(competency.__all__)


def _literal_all(path: Path) -> bool | None:
    """Whether the module's __all__ is a literal list of strings; None when it has none."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value = node.target, node.value
        else:
            continue
        if isinstance(target, ast.Name) and target.id == "__all__":
            return isinstance(value, ast.List) and all(
                isinstance(item, ast.Constant) and isinstance(item.value, str)
                for item in value.elts
            )
    return None


@pytest.mark.parametrize(
    "path",
    sorted((ROOT / "src" / "competency").rglob("*.py")),
    ids=lambda path: str(path.relative_to(ROOT / "src")),
)
def test_every_module_has_a_literal_all(path: Path) -> None:
    """Each module states its public names as a literal list, which type checkers need."""
    if path.name == "__main__.py":
        pytest.skip("the program entry point: run, never imported for names")
    assert _literal_all(path) is True


def _readme_example() -> str:
    """The README's Python example."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```python\n(.*?)```", readme, re.DOTALL)
    assert found is not None, "README.md has no Python example"
    return found.group(1)


def test_the_user_script_uses_every_public_name() -> None:
    """The script checked below names every name of __all__, so a new name is checked too."""
    used = set(re.findall(r"\w+", USER_SCRIPT))
    unused = sorted(set(competency.__all__) - used)
    assert unused == []


def test_the_user_script_runs(tmp_path: Path) -> None:
    """The script checked below is a real one: it runs against the repository's examples."""
    script = tmp_path / "user.py"
    script.write_text(USER_SCRIPT, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, str(script)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    expected = (0, "")
    assert expected == (run.returncode, run.stderr)


@pytest.mark.skipif(
    importlib.util.find_spec("mypy") is None,
    reason="mypy is not installed (pip install 'competency[dev]')",
)
def test_a_users_strict_mypy_accepts_the_public_api(tmp_path: Path) -> None:
    """mypy --strict accepts a user's script using every public name, and the README's example.

    It runs outside the repository (no project configuration) against the
    installed package, as a user's project would.
    """
    (tmp_path / "user.py").write_text(USER_SCRIPT, encoding="utf-8")
    (tmp_path / "readme.py").write_text(_readme_example(), encoding="utf-8")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            "--config-file=",
            "user.py",
            "readme.py",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    expected = (0, "")
    assert expected == (run.returncode, run.stderr), run.stdout


def test_every_raised_exception_is_a_competency_error() -> None:
    """The library's own exceptions share the base CompetencyError."""
    from competency.render import RenderError

    bases = [
        competency.DiagnosticsError,
        competency.UnknownReferenceError,
        competency.NoTargetError,
        RenderError,
    ]
    assert all(issubclass(error, competency.CompetencyError) for error in bases)


def test_validate_refuses_a_single_path_string() -> None:
    """validate("matrices") is a TypeError, not a walk over its characters."""
    with pytest.raises(TypeError, match="list of paths"):
        competency.validate("matrices")
