"""Checking: one document against its kind's model, and a framework folder as a whole."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from competency.check import check_document, check_evidence, check_model
from competency.diagnostics import Diagnostic
from competency.io import evidence_files, find_yaml
from competency.load import parse_bytes
from competency.model import Evidence, Readiness, Role
from tests.acceptance.support import base_files, changed, check, parse

EVIDENCE = """\
format: competency/v1
kind: evidence
person: {id: amara-o}
role: specialist
items:
  - date: 2026-08-14
    source: manager
    summary: Led the webhook investigation.
    shows: [troubleshooting.finds-root-cause]
"""


def _check(text: str) -> list[str]:
    """The diagnostics of one document as 'LINE:COLUMN CODE message'."""
    document = parse_bytes(text.encode(), Path("x.yaml"), "x.yaml")
    _, problems = check_document(document)
    return [f"{d.line}:{d.column} {d.code} {d.message}" for d in problems]


def _evidence(old: str, new: str) -> list[str]:
    assert old in EVIDENCE
    return _check(EVIDENCE.replace(old, new))


def _codes(diagnostics: list[Diagnostic]) -> list[str]:
    return [f"{d.file}:{d.line}:{d.column} {d.code}" for d in diagnostics]


# --- one document -------------------------------------------------------------------


def test_valid_document_becomes_its_model() -> None:
    """A valid role file gives a Role and no diagnostics."""
    document = parse(base_files())[-2]
    model, problems = check_document(document)
    assert (Role, []) == (type(model), problems)


def test_check_model_checks_a_file_without_a_kind_with_positions() -> None:
    """A mapping of readiness keys (a --policy file) gets hints and positions like any file."""
    document = parse_bytes(b"min_items: 2\nmin_source: 2\n", Path("p.yaml"), "p.yaml")
    model, problems = check_model(document, Readiness)
    found = [f"{d.line}:{d.column} {d.code} {d.message}" for d in problems]
    assert (model, found) == (
        None,
        ["2:1 S100 unknown key 'min_source'; did you mean 'min_sources'?"],
    )


def test_check_model_gives_the_model_when_valid() -> None:
    """Valid readiness keys become a Readiness with no diagnostics."""
    document = parse_bytes(b"min_items: 2\n", Path("p.yaml"), "p.yaml")
    assert check_model(document, Readiness) == (Readiness(min_items=2), [])


def test_unreadable_document_adds_nothing() -> None:
    """A document without data (its loader problems already say why) adds no diagnostics."""
    document = parse_bytes(b"", Path("x.yaml"), "x.yaml")
    assert check_document(document) == (None, [])


def test_top_level_that_is_not_a_mapping_is_s102() -> None:
    """A list at the top is S102 at its start."""
    expected = ["1:1 S102 expected a mapping with format and kind at the top"]
    assert expected == _check("- a\n- b\n")


def test_missing_format_is_f100_at_the_top() -> None:
    """Without format, F100 points at the document's start."""
    expected = ["1:1 F100 missing 'format: competency/v1'"]
    assert expected == _evidence("format: competency/v1\n", "")


def test_unknown_kind_is_f101_at_the_kind() -> None:
    """An unknown kind is F101 at its value, listing the kinds."""
    expected = [
        "2:7 F101 unknown kind 'person'; expected one of framework, competency, role, paths, "
        "evidence, evidence-mapping"
    ]
    assert expected == _evidence("kind: evidence", "kind: person")


def test_unknown_key_close_to_a_known_one_gets_a_hint() -> None:
    """A misspelt key is S100 at the key, with 'did you mean'."""
    expected = ["7:5 S100 unknown key 'sorce'; did you mean 'source'?"]
    assert expected == _evidence("    source: manager", "    sorce: manager\n    source: manager")


def test_unknown_key_close_to_none_lists_the_keys() -> None:
    """A key close to no known key is S100 with the list of allowed keys."""
    expected = [
        "3:1 S100 unknown key 'comment' (expected one of: format, kind, person, role, level, "
        "confirmed, target, history, items, assessments, not_applicable)"
    ]
    assert expected == _evidence("person: {id: amara-o}\n", "comment: x\nperson: {id: amara-o}\n")


def test_hint_is_for_the_mapping_the_key_is_in() -> None:
    """Inside a nested mapping, the hint comes from that mapping's keys."""
    expected = ["3:23 S100 unknown key 'nam'; did you mean 'name'?"]
    assert expected == _evidence("person: {id: amara-o}", "person: {id: amara-o, nam: Amara}")


def test_missing_required_key_is_s101_at_its_mapping() -> None:
    """A missing key is S101 where the mapping that lacks it starts."""
    expected = ["6:5 S101 missing required key 'source'"]
    assert expected == _evidence("    source: manager\n", "")


def test_number_where_a_string_belongs_hints_at_quoting() -> None:
    """A number for a string field is S102 with a hint to quote it."""
    expected = ['4:7 S102 expected a string, got the number 42 (quote it: "...")']
    assert expected == _evidence("role: specialist", "role: 42")


def test_list_where_text_belongs_is_s102() -> None:
    """A list for a text field is S102 naming what text may be."""
    expected = [
        "8:14 S102 expected text: a string, or a map from locale code to string, got a list"
    ]
    assert expected == _evidence("summary: Led the webhook investigation.", "summary: [a, b]")


def test_empty_text_is_s103() -> None:
    """An empty string is S103."""
    expected = ["8:14 S103 empty text; give a value or leave the key out"]
    assert expected == _evidence("summary: Led the webhook investigation.", 'summary: ""')


def test_invalid_id_is_s104() -> None:
    """An id in capitals is S104 at the value."""
    expected = ["3:14 S104 'Amara' is not a valid id (lowercase kebab-case, e.g. support-engineer)"]
    assert expected == _evidence("{id: amara-o}", "{id: Amara}")


def test_invalid_mapping_key_id_is_s104_at_the_key() -> None:
    """A competency step keyed by an invalid id is S104 at that key, not at its value."""
    files = changed("competencies/empathy.yaml", "  learning:\n", "  Learning:\n")
    document = parse(files)[0]
    _, problems = check_document(document)
    expected = ["matrices/competencies/empathy.yaml:7:3 S104"]
    assert expected == _codes(problems)


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("14/08/2026", "expected a date written YYYY-MM-DD, got the string '14/08/2026'"),
        ("2026-02-30", "'2026-02-30' is not a day of the calendar"),
        ("20260814", "expected a date written YYYY-MM-DD, got the number 20260814"),
    ],
)
def test_invalid_date_is_s105_saying_what_was_given(date: str, message: str) -> None:
    """A date that is not YYYY-MM-DD, or not a real day, is S105 naming the value."""
    expected = [f"6:11 S105 {message}"]
    assert expected == _evidence("date: 2026-08-14", f"date: {date}")


def test_quoted_date_is_a_date() -> None:
    """A quoted ISO date parses as well as a bare one."""
    expected: list[str] = []
    assert expected == _evidence("date: 2026-08-14", 'date: "2026-08-14"')


def test_value_outside_a_choice_is_s106_listing_the_choices() -> None:
    """A source outside the five is S106 naming the allowed values."""
    expected = [
        "7:13 S106 the string 'boss' is not allowed; input should be 'self', 'manager', "
        "'peer', 'customer' or 'system'"
    ]
    assert expected == _evidence("source: manager", "source: boss")


def test_reference_without_owner_is_s107() -> None:
    """A behaviour reference without its owner is S107 at that list item."""
    expected = ["9:13 S107 'finds-root-cause' is not a behaviour reference OWNER.BEHAVIOUR"]
    assert expected == _evidence("[troubleshooting.finds-root-cause]", "[finds-root-cause]")


def test_bad_locale_key_is_s108_at_the_key() -> None:
    """A text map keyed by something that is not a locale code is S108 at that key."""
    expected = ["8:15 S108 key 'English' is not a locale code such as en, th or zh-Hans"]
    assert expected == _evidence(
        "summary: Led the webhook investigation.", "summary: {English: Led the investigation.}"
    )


def test_all_problems_of_a_document_are_reported_at_once() -> None:
    """Several problems in one file are all reported, not only the first."""
    text = EVIDENCE.replace("source: manager", "source: boss").replace("role: specialist", "")
    expected = ["S101", "S106"]
    assert expected == sorted(line.split()[1] for line in _check(text))


# --- a framework folder -------------------------------------------------------------


def test_valid_folder_gives_a_framework_and_no_diagnostics() -> None:
    """The base framework checks cleanly and builds a Framework."""
    checked = check(base_files())
    assert (checked.framework is not None, checked.diagnostics) == (True, [])


def test_folder_without_framework_file_is_x101() -> None:
    """No file of kind framework is X101 at the folder."""
    files = base_files()
    del files["framework.yaml"]
    expected = ["matrices:1:1 X101"]
    assert expected == _codes(check(files).diagnostics)


def test_broken_framework_file_is_not_also_missing() -> None:
    """A framework.yaml with a syntax error gives Y100 only, not also X101."""
    files = changed("framework.yaml", "title: A tiny support ladder", "title: A tiny: ladder")
    expected = ["matrices/framework.yaml:4:14 Y100"]
    assert expected == _codes(check(files).diagnostics)


def test_second_framework_file_is_x102() -> None:
    """A second file of kind framework is X102 at its kind."""
    files = base_files()
    files["old-framework.yaml"] = files["framework.yaml"]
    expected = ["matrices/old-framework.yaml:2:7 X102"]
    assert expected == _codes(check(files).diagnostics)


def test_second_paths_file_is_x103() -> None:
    """A second file of kind paths is X103 at its kind."""
    files = base_files()
    files["promotions.yaml"] = files["paths.yaml"]
    expected = ["matrices/promotions.yaml:2:7 X103"]
    assert expected == _codes(check(files).diagnostics)


def test_same_competency_in_two_files_is_u100() -> None:
    """Two files defining one competency id: U100 at the second file's id."""
    files = base_files()
    files["competencies/zz-empathy.yaml"] = files["competencies/empathy.yaml"]
    expected = ["matrices/competencies/zz-empathy.yaml:3:5 U100"]
    assert expected == _codes(check(files).diagnostics)


def test_role_with_a_competency_id_is_u101() -> None:
    """A role whose id is a competency's id is U101: they share one namespace."""
    files = changed("roles/team-lead.yaml", "id: team-lead\n", "id: empathy\n")
    files["paths.yaml"] = files["paths.yaml"].replace("team-lead@tl1", "empathy@tl1")
    expected = ["matrices/roles/team-lead.yaml:3:5 U101"]
    assert expected == _codes(check(files).diagnostics)


def test_framework_with_warnings_only_is_still_built() -> None:
    """Warnings do not stop the framework from being built."""
    files = changed("competencies/empathy.yaml", "Names the business", "Names some business")
    checked = check(files)
    expected = (True, ["Q100"])
    assert expected == (checked.framework is not None, [d.code for d in checked.diagnostics])


def test_framework_with_an_error_is_not_built() -> None:
    """Any error means no framework is returned."""
    checked = check(changed("roles/specialist.yaml", "grade: g2", "grade: g9"))
    assert checked.framework is None


def test_problems_of_every_file_are_reported_in_one_run() -> None:
    """Errors in two files are both reported."""
    files = changed("roles/specialist.yaml", "grade: g2", "grade: g9")
    files["competencies/empathy.yaml"] = files["competencies/empathy.yaml"].replace(
        "category: customer", "category: customers"
    )
    expected = ["R100", "R104"]
    assert expected == sorted(d.code for d in check(files).diagnostics)


def test_evidence_inside_a_framework_folder_is_set_aside() -> None:
    """An evidence file found in a framework folder is kept for checking against it."""
    files = base_files()
    files["people/amara.yaml"] = EVIDENCE
    checked = check(files)
    expected: tuple[list[str], list[Diagnostic]] = (["matrices/people/amara.yaml"], [])
    assert expected == ([d.display for d in checked.evidence], checked.diagnostics)


# --- evidence -------------------------------------------------------------------------


def test_evidence_without_framework_checks_only_its_shape() -> None:
    """With no framework, an evidence file naming unknown behaviours is still valid."""
    document = parse_bytes(EVIDENCE.replace("finds-root-cause", "nothing").encode(), Path("e"), "e")
    model, problems = check_evidence(document, None)
    assert (Evidence, []) == (type(model), problems)


def test_non_evidence_file_given_as_evidence_is_f101() -> None:
    """A role file given where evidence is expected is F101 at its kind."""
    document = parse(base_files())[-2]
    _, problems = check_evidence(document, None)
    expected = ["matrices/roles/specialist.yaml:2:7 F101"]
    assert expected == _codes(problems)


# --- finding files -----------------------------------------------------------------------


def test_find_yaml_finds_yaml_and_yml_below_a_folder_in_order(tmp_path: Path) -> None:
    """*.yaml and *.yml files in all subfolders are found, sorted by path parts, nothing else."""
    for name in ("b.yml", "a/c.yaml", "a.yaml", "notes.txt", "a/d.YAML.bak"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    expected = ["a/c.yaml", "a.yaml", "b.yml"]
    assert expected == [p.relative_to(tmp_path).as_posix() for p in find_yaml(tmp_path)]


def test_evidence_files_name_each_file_below_the_folder_as_given(tmp_path: Path) -> None:
    """Each file found is shown as the folder as given joined with its path below it, in order."""
    for name in ("b.yml", "a/c.yaml", "a/x/d.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("")
    expected = [
        (tmp_path / "a" / "c.yaml", os.path.join("team", "a", "c.yaml")),
        (tmp_path / "a" / "x" / "d.yaml", os.path.join("team", "a", "x", "d.yaml")),
        (tmp_path / "b.yml", os.path.join("team", "b.yml")),
    ]
    assert expected == evidence_files(tmp_path, "team")


def test_find_yaml_skips_hidden_folders_and_directories(tmp_path: Path) -> None:
    """Files under hidden folders, and folders named like YAML files, are not found."""
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.yaml").write_text("")
    (tmp_path / "folder.yaml").mkdir()
    (tmp_path / "kept.yaml").write_text("")
    expected = ["kept.yaml"]
    assert expected == [p.name for p in find_yaml(tmp_path)]


def test_references_to_a_file_with_shape_errors_are_not_reported_again(tmp_path: Path) -> None:
    """A role file with a shape error gives its own error, not R105s in paths.yaml for it."""
    import shutil

    from competency import validate
    from tests.conftest import MATRICES

    folder = tmp_path / "fw"
    shutil.copytree(MATRICES, folder)
    role = folder / "roles" / "support-engineer.yaml"
    role.write_text(role.read_text().replace("\ntrack: ic\n", "\ntrack: ic\nsalary: 1\n", 1))
    codes = [(Path(d.file).name, d.code) for d in validate([folder]).diagnostics]
    assert codes == [("support-engineer.yaml", "S100")]


def test_references_to_a_competency_with_shape_errors_are_not_reported_again(
    tmp_path: Path,
) -> None:
    """A competency file with a shape error gives its own errors, not R101s in the roles."""
    import shutil

    from competency import validate
    from tests.conftest import MATRICES

    folder = tmp_path / "fw"
    shutil.copytree(MATRICES, folder)
    competency = folder / "competencies" / "people-management.yaml"
    text = competency.read_text()
    assert "\nname:" in text
    competency.write_text(text.replace("\nname:", "\nnme:", 1))  # its name under a wrong key
    files = {Path(d.file).name for d in validate([folder]).diagnostics}
    assert files == {"people-management.yaml"}


def test_a_bound_outside_its_range_says_the_bound() -> None:
    """A number outside a field's range is S106 naming the bound, in plain words."""
    from competency.check import check_model
    from competency.model import Readiness

    document = parse({"policy.yaml": "max_age_months: 0\ncompetency_met: {at_least: 2}\n"})[0]
    messages = [(d.line, d.code, d.message) for d in check_model(document, Readiness)[1]]
    assert messages == [
        (1, "S106", "the number 0 is out of range: it must be at least 1"),
        (2, "S106", "the number 2 is out of range: it must be at most 1"),
    ]


def test_a_met_rule_that_is_neither_all_nor_a_fraction_gets_one_error() -> None:
    """`competency_met: most` gives one S106, not one error per form it could take."""
    from competency.check import check_model
    from competency.model import Readiness

    document = parse({"policy.yaml": "competency_met: most\n"})[0]
    codes = [d.code for d in check_model(document, Readiness)[1]]
    assert codes == ["S106"]
