"""Spreadsheets, CASE 1.1 and the JSON document: round trips, stability, schemas, hostile text."""

from __future__ import annotations

import io
import json
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competency import load_framework
from competency.edit import EditError, Schemas
from competency.framework import Framework
from competency.interop import (
    CaseOptions,
    case_package,
    document_json,
    framework_csv,
    framework_xlsx,
    import_table,
)
from competency.interop.case import case_schema
from competency.model import Competency, FrameworkInfo, Move, Role
from competency.text import localize
from tests.conftest import MATRICES, ROOT, Run

SCHEMAS = Schemas("https://competency.dev/schemas/v1/")
CHANGED = CaseOptions(datetime(2026, 1, 1, tzinfo=UTC))


def _content(framework: Framework) -> tuple[Any, ...]:
    return (framework.info, framework.competencies, framework.roles, framework.moves)


def _round_trip(framework: Framework, tmp: Path, suffix: str) -> Framework:
    table = tmp / f"table{suffix}"
    if suffix == ".csv":
        table.write_text(framework_csv(framework), encoding="utf-8", newline="")
    else:
        table.write_bytes(framework_xlsx(framework))
    result = import_table(table, tmp / f"out{suffix}", schemas=SCHEMAS)
    assert [str(d) for d in result.diagnostics if d.severity == "error"] == []
    return load_framework(tmp / f"out{suffix}")


# --- round trips ---------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_shipped_framework_round_trips_exactly(
    framework: Framework, tmp_path: Path, suffix: str
) -> None:
    """Export then import gives the shipped framework back, model for model."""
    assert _content(framework) == _content(_round_trip(framework, tmp_path, suffix))


def test_diff_reports_no_changes_after_a_round_trip(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """`competency diff` between the shipped folder and its imported copy finds nothing."""
    cli("export", MATRICES, "--format", "xlsx", "--out", tmp_path / "f.xlsx")
    imported = cli("import", tmp_path / "f.xlsx", "--out", tmp_path / "copy")
    diff = cli("diff", MATRICES, tmp_path / "copy", "--format", "json")
    report = json.loads(diff.out)
    assert (imported.status, diff.status, report["changes"], report["content_changed"]) == (
        0,
        0,
        [],
        False,
    )


_TEXT = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
        blacklist_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff",
    )
    | st.sampled_from(["\n", "\t", "=", "+", "-", "@", "'"]),
    min_size=1,
    max_size=12,
).filter(lambda text: text.strip() != "")
_LOCALISED = _TEXT | st.fixed_dictionaries({"en": _TEXT, "th": _TEXT})
_STEP_NAMES = ["Learning", "Practising", "Proficient", "Leading"]


@st.composite
def frameworks(draw: st.DrawFn) -> Framework:
    """Small valid frameworks with texts of every kind, replaces, role additions and moves."""
    steps = draw(st.integers(2, 4))
    scale = [
        {"id": f"s{i}", "name": _STEP_NAMES[i], "meaning": draw(_LOCALISED)} for i in range(steps)
    ]
    info = FrameworkInfo.model_validate(
        {
            "format": "competency/v1",
            "kind": "framework",
            "id": "generated",
            "title": draw(_LOCALISED),
            "version": "1.2.3",
            "summary": draw(st.none() | _LOCALISED),
            "locales": ["en", "th"],
            "cumulative": True,
            "scale": scale,
            "categories": [{"id": "craft", "name": draw(_LOCALISED)}],
            "tracks": [{"id": "ic", "name": draw(_TEXT)}, {"id": "manager", "name": draw(_TEXT)}],
            "grades": [{"id": f"g{i}", "name": draw(_TEXT)} for i in range(3)],
            "readiness": {"competency_met": {"at_least": 0.5}, "carry_confirmed": False},
        }
    )
    competencies: dict[str, Competency] = {}
    lowest: dict[str, int] = {}
    for c in range(draw(st.integers(1, 3))):
        described = sorted(draw(st.sets(st.integers(0, steps - 1), min_size=1)))
        lowest[f"c{c}"] = described[0]
        step_data: dict[str, Any] = {}
        earlier: list[str] = []
        for index in described:
            behaviours: list[dict[str, Any]] = []
            for b in range(draw(st.integers(1, 2))):
                behaviour: dict[str, Any] = {"id": f"b{index}x{b}", "text": draw(_LOCALISED)}
                if bool(earlier) and draw(st.booleans()):
                    behaviour["replaces"] = [draw(st.sampled_from(earlier))]
                if draw(st.booleans()):
                    behaviour["examples"] = [draw(_LOCALISED)]
                behaviours.append(behaviour)
            earlier.extend(b["id"] for b in behaviours)
            step_data[f"s{index}"] = {"summary": draw(st.none() | _TEXT), "behaviours": behaviours}
        competencies[f"c{c}"] = Competency.model_validate(
            {
                "format": "competency/v1",
                "kind": "competency",
                "id": f"c{c}",
                "name": draw(_LOCALISED),
                "category": "craft",
                "steps": step_data,
                "hiring": draw(st.none() | st.just({"questions": [draw(_TEXT)]})),
            }
        )
    roles: dict[str, Role] = {}
    moves = []
    for r in range(draw(st.integers(1, 2))):
        at = dict(lowest)
        grade = 0
        levels = []
        for lv in range(draw(st.integers(1, 3))):
            grade = min(2, grade + draw(st.integers(0, 1)))
            expects: dict[str, Any] = {}
            for competency, step in at.items():
                step = min(steps - 1, step + draw(st.integers(0, 1)))
                at[competency] = step
                if draw(st.booleans()):
                    expects[competency] = {
                        "step": f"s{step}",
                        "behaviours": [{"id": f"a{lv}{competency}", "text": draw(_LOCALISED)}],
                        "note": draw(_TEXT),
                    }
                else:
                    expects[competency] = f"s{step}"
            levels.append(
                {
                    "id": f"l{lv}",
                    "title": draw(_LOCALISED),
                    "grade": f"g{grade}",
                    "expects": expects,
                }
            )
        roles[f"r{r}"] = Role.model_validate(
            {
                "format": "competency/v1",
                "kind": "role",
                "id": f"r{r}",
                "title": draw(_LOCALISED),
                "track": ["ic", "manager"][r],
                "levels": levels,
            }
        )
        if len(levels) > 1:
            moves.append(
                Move.model_validate(
                    {"from": f"r{r}@l0", "to": f"r{r}@l1", "type": "promotion", "note": draw(_TEXT)}
                )
            )
    return Framework(info, competencies, roles, moves)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(generated=frameworks(), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_generated_frameworks_round_trip_exactly(
    generated: Framework, suffix: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Any small framework, hostile and translated texts included, comes back unchanged."""
    tmp = tmp_path_factory.mktemp("round-trip")
    assert _content(generated) == _content(_round_trip(generated, tmp, suffix))


# --- stability --------------------------------------------------------------------------


@pytest.mark.parametrize("output", ["xlsx", "csv", "case", "json"])
def test_two_exports_are_byte_identical(
    cli: Callable[..., Run], tmp_path: Path, output: str
) -> None:
    """Exporting the same framework twice writes the same bytes."""
    first, second = tmp_path / "first", tmp_path / "second"
    for target in (first, second):
        cli("export", MATRICES, "--format", output, "--out", target, "--date", "2026-01-01")
    assert first.read_bytes() == second.read_bytes()


def test_case_identifiers_are_uuid5_of_the_framework_and_reference(framework: Framework) -> None:
    """A behaviour's CASE identifier is uuid5 of the framework's namespace and its reference."""
    package = case_package(framework, CHANGED)
    base = uuid.uuid5(
        uuid.uuid5(uuid.NAMESPACE_URL, "https://competency.dev/case/"), "customer-support"
    )
    ref = next(info.ref for info in framework.behaviours() if not info.role_specific)
    expected = str(uuid.uuid5(base, f"behaviour:{ref}"))
    found = [
        i["identifier"]
        for i in package["CFItems"]
        if i["humanCodingScheme"] == ref and i["language"] == framework.info.default_locale
    ]
    assert [expected] == found


# --- schemas ----------------------------------------------------------------------------


def test_case_package_validates_against_the_case_schema(framework: Framework) -> None:
    """The shipped framework's CASE package has no schema error."""
    from jsonschema import Draft202012Validator

    errors = list(Draft202012Validator(case_schema()).iter_errors(case_package(framework, CHANGED)))
    assert [e.message for e in errors] == []


def test_case_schema_refuses_an_item_without_a_statement(framework: Framework) -> None:
    """The CASE schema is not empty: an item without fullStatement fails it."""
    from jsonschema import Draft202012Validator

    package = case_package(framework, CHANGED)
    del package["CFItems"][0]["fullStatement"]
    errors = list(Draft202012Validator(case_schema()).iter_errors(package))
    assert [e.message for e in errors] == ["'fullStatement' is a required property"]


def _with_replaces(framework: Framework) -> Framework:
    """The framework with troubleshooting's last behaviour replacing its first."""
    competency = framework.competencies["troubleshooting"]
    steps = list(competency.steps.items())
    first = steps[0][1].behaviours[0]
    last_step, last = steps[-1]
    grown = last.behaviours[-1].model_copy(update={"replaces": [first.id]})
    step = last.model_copy(update={"behaviours": [*last.behaviours[:-1], grown]})
    changed = competency.model_copy(update={"steps": {**competency.steps, last_step: step}})
    return Framework(
        framework.info,
        {**framework.competencies, "troubleshooting": changed},
        framework.roles,
        framework.moves,
    )


def test_case_package_has_every_association_kind(framework: Framework) -> None:
    """Every association kind the export writes appears when a behaviour replaces one."""
    package = case_package(_with_replaces(framework), CHANGED)
    kinds = {a["associationType"] for a in package["CFAssociations"]}
    expected = {"isChildOf", "precedes", "exactMatchOf", "replacedBy"}
    assert expected | {"hasSkillLevel", "isTranslationOf"} == kinds


def test_case_rubric_levels_name_steps_without_scores(framework: Framework) -> None:
    """Each role's rubric has criterion levels with a quality and behaviours, and no score."""
    rubric = next(
        r for r in case_package(framework, CHANGED)["CFRubrics"] if r["title"] == "Support Engineer"
    )
    level = rubric["CFRubricCriteria"][0]["CFRubricCriterionLevels"][0]
    assert (bool(level["quality"]), bool(level["description"]), "score" in level) == (
        True,
        True,
        False,
    )


def test_json_document_validates_against_its_committed_schema(framework: Framework) -> None:
    """The JSON export of the shipped framework is valid against schemas/framework-document."""
    from jsonschema import Draft202012Validator

    schema = json.loads((ROOT / "schemas" / "framework-document.schema.json").read_text("utf-8"))
    errors = list(Draft202012Validator(schema).iter_errors(json.loads(document_json(framework))))
    assert [e.message for e in errors] == []


def test_json_document_lists_what_is_new_at_a_level(framework: Framework) -> None:
    """The document's new behaviours at a level are those Framework.what_is_new names."""
    data = json.loads(document_json(framework))
    role = next(r for r in data["roles"] if r["id"] == "support-engineer")
    level = next(lv for lv in role["levels"] if lv["id"] == "se2")
    new = {e["competency"]: [n["ref"] for n in e["new"]] for e in level["expects"]}
    expected = {
        c.competency: [n.info.ref for n in c.new]
        for c in framework.what_is_new("support-engineer@se2")
    }
    assert expected == new


# --- hostile text -----------------------------------------------------------------------

HOSTILE = '=HYPERLINK("http://evil.example","click")'


def _hostile(framework: Framework) -> Framework:
    competency = next(iter(framework.competencies.values()))
    renamed = competency.model_copy(update={"name": HOSTILE})
    return Framework(
        framework.info,
        {**framework.competencies, competency.id: renamed},
        framework.roles,
        framework.moves,
    )


def test_no_exported_cell_is_a_formula(framework: Framework) -> None:
    """A name that looks like a formula is a text cell in every sheet of the workbook."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(framework_xlsx(_hostile(framework))))
    formulas = [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in workbook.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert formulas == []


def test_csv_writes_formula_like_text_behind_an_apostrophe(framework: Framework) -> None:
    """The CSV long table holds the formula-like name with a leading apostrophe."""
    assert ("'" + HOSTILE.replace('"', '""')) in framework_csv(_hostile(framework))


@pytest.mark.parametrize("render", [document_json, lambda f: json.dumps(case_package(f, CHANGED))])
def test_json_exports_keep_hostile_text_as_data(
    framework: Framework, render: Callable[[Framework], str]
) -> None:
    """The JSON and CASE exports hold the hostile name exactly, as a JSON string."""
    assert HOSTILE in set(_strings(json.loads(render(_hostile(framework)))))


def _strings(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [s for value in node.values() for s in _strings(value)]
    if isinstance(node, list):
        return [s for value in node for s in _strings(value)]
    return [node] if isinstance(node, str) else []


# --- the workbook as a user sees it -------------------------------------------------------


@pytest.fixture(scope="module")
def workbook(framework: Framework) -> Any:
    """The shipped framework's workbook, exported and read back once (only read by the tests)."""
    from openpyxl import load_workbook

    return load_workbook(io.BytesIO(framework_xlsx(framework)))


def test_workbook_has_readme_role_sheets_and_long_table(
    framework: Framework, workbook: Any
) -> None:
    """The sheets are the read-me, one per role (its title, cut to Excel's 31 characters), and the
    long table last."""
    from competency.interop.spreadsheet import sheet_title

    taken: set[str] = set()
    titles = [
        sheet_title(localize(r.title, None, framework.default_locale), taken)
        for r in framework.roles.values()
    ]
    expected = ["Read me", *titles, "Long table"]
    assert "Community and Social Support Sp" in titles  # the one title over 31 characters
    assert expected == workbook.sheetnames


def test_role_sheet_cells_show_the_step_and_what_is_new(
    framework: Framework, workbook: Any
) -> None:
    """A role sheet cell starts with the step name and lists the new behaviours as bullets."""
    sheet = workbook["Support Engineer"]
    change = next(
        c
        for c in framework.what_is_new("support-engineer@se2")
        if c.competency == "troubleshooting"
    )
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "Troubleshooting")
    lines = str(row[2].value).split("\n")
    step = next(s for s in framework.info.scale if s.id == change.step)
    name = localize(step.name, None, framework.default_locale)
    assert (lines[0], len(lines) - 1) == (name, len(change.new) or 1)


def test_role_sheet_is_frozen_wrapped_and_wide(workbook: Any) -> None:
    """Headers and the competency column stay in view, text wraps, level columns are wide."""
    sheet = workbook["Support Engineer"]
    actual = (
        sheet.freeze_panes,
        sheet["B2"].alignment.wrap_text,
        sheet.column_dimensions["B"].width,
    )
    assert actual == ("B2", True, 45)


# --- import refusals ---------------------------------------------------------------------


def test_import_refuses_a_folder_that_is_not_empty(framework: Framework, tmp_path: Path) -> None:
    """A non-empty output folder is refused before anything is read or written."""
    (tmp_path / "table.csv").write_text(framework_csv(framework), encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "keep.txt").write_text("mine")
    with pytest.raises(EditError):
        import_table(tmp_path / "table.csv", tmp_path / "out", schemas=SCHEMAS)


def test_import_writes_nothing_when_the_table_has_errors(
    cli: Callable[..., Run], framework: Framework, tmp_path: Path
) -> None:
    """A table with an error leaves the output folder unmade, and says so."""
    text = framework_csv(framework).replace(",category\r\n", ",categroy\r\n", 1)
    (tmp_path / "table.csv").write_text(text, encoding="utf-8", newline="")
    run = cli("import", tmp_path / "table.csv", "--out", tmp_path / "out")
    assert (run.status, (tmp_path / "out").exists(), "nothing was written" in run.err) == (
        1,
        False,
        True,
    )


def test_imported_files_start_with_a_schema_modeline(framework: Framework, tmp_path: Path) -> None:
    """Every file written by import starts with the yaml-language-server modeline of its kind."""
    (tmp_path / "table.csv").write_text(framework_csv(framework), encoding="utf-8", newline="")
    result = import_table(tmp_path / "table.csv", tmp_path / "out", schemas=SCHEMAS)
    firsts = {p.read_text("utf-8").splitlines()[0].split("schemas/v1/")[0] for p in result.files}
    assert {"# yaml-language-server: $schema=https://competency.dev/"} == firsts
