"""YAML 1.1's surprises are neutralised: words stay words, dates stay text unless a date is due.

PyYAML resolves ``yes``, ``no``, ``on`` and ``off`` to booleans and
``2026-08-14`` to a date. The format reads them as written (docs/format.md,
"Rules for every file"); these tests load the base framework and evidence with one value
changed and look at what the typed models hold.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.acceptance.support import codes, diagnostic_lines
from tests.conftest import Run

import competency
from competency.load import load_document


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "Yes", "NO", "y", "n"])
def test_yes_no_on_off_as_text_stay_strings(base: Path, word: str) -> None:
    """A category named yes, no, on or off keeps that name as a string."""
    _replace(base / "matrices/framework.yaml", "name: Customer", f"name: {word}")
    framework = competency.load_framework(base / "matrices")
    assert word == framework.info.categories[0].name


def test_norway_stays_a_locale(base: Path) -> None:
    """The locale code no (Norwegian) is not read as false."""
    _replace(base / "matrices/framework.yaml", "locales: [en]", "locales: [en, no]")
    _replace(base / "matrices/framework.yaml", "name: Customer", "name: {en: Customer, no: Kunde}")
    framework = competency.load_framework(base / "matrices")
    expected = ["en", "no"]
    assert expected == framework.info.locales


def test_unquoted_date_in_a_summary_stays_text(base: Path) -> None:
    """A level summary written as a bare date is the text '2026-08-14', not a date."""
    _replace(
        base / "matrices/roles/specialist.yaml",
        "    grade: g1\n",
        "    grade: g1\n    summary: 2026-08-14\n",
    )
    framework = competency.load_framework(base / "matrices")
    expected = "2026-08-14"
    assert expected == framework.level("specialist@sp1").level.summary


def test_unquoted_date_in_evidence_parses_as_a_date(base: Path) -> None:
    """An item's date written YYYY-MM-DD is a calendar date in the model."""
    framework = competency.load_framework(base / "matrices")
    evidence = competency.load_evidence(base / "evidence/amara.yaml", framework)
    assert datetime.date(2026, 8, 14) == evidence.items[0].date


def test_yes_for_cumulative_is_a_type_error(base: Path, cli: Callable[..., Run]) -> None:
    """cumulative: yes is the string 'yes', refused with S102 rather than read as true."""
    _replace(base / "matrices/framework.yaml", "cumulative: true", "cumulative: yes")
    run = cli("validate", "matrices")
    expected = [
        "matrices/framework.yaml:8:13: error S102 expected true or false, got the string 'yes'"
    ]
    assert expected == diagnostic_lines(run.out)


def test_version_that_looks_like_a_number_is_a_type_error(
    base: Path, cli: Callable[..., Run]
) -> None:
    """version: 1.0 is the number 1.0, refused with S102 and a hint to quote it."""
    _replace(base / "matrices/framework.yaml", "version: 1.0.0", "version: 1.0")
    run = cli("validate", "matrices")
    expected = [
        "matrices/framework.yaml:5:10: error S102 expected a string, got the number 1.0 "
        '(quote it: "...")'
    ]
    assert expected == diagnostic_lines(run.out)


def test_duplicate_key_is_an_error_not_a_silent_override(
    base: Path, cli: Callable[..., Run]
) -> None:
    """A key given twice is Y101; YAML 1.1 loaders would quietly keep the last value."""
    _replace(base / "evidence/amara.yaml", "level: sp1\n", "level: sp1\nlevel: sp2\n")
    run = cli("validate", "matrices", "evidence")
    expected = [
        "evidence/amara.yaml:6:1: error Y101 duplicate key 'level' "
        "(first defined at line 5, column 1)"
    ]
    assert expected == diagnostic_lines(run.out)


def test_duplicate_key_keeps_the_first_value(base: Path) -> None:
    """After a duplicate key, the loaded data holds the first value, not the second."""
    _replace(base / "evidence/amara.yaml", "level: sp1\n", "level: sp1\nlevel: sp2\n")
    document = load_document(base / "evidence/amara.yaml")
    expected = "sp1"
    assert expected == document.data["level"]


def test_merge_key_is_an_error_and_merges_nothing(base: Path, cli: Callable[..., Run]) -> None:
    """A merge key is Y103, and its keys are not merged: the level still lacks its grade."""
    _replace(base / "matrices/roles/specialist.yaml", "    grade: g1\n", "    <<: {grade: g1}\n")
    run = cli("validate", "matrices")
    expected = [
        "matrices/roles/specialist.yaml:7:5: error S101 missing required key 'grade'",
        "matrices/roles/specialist.yaml:9:5: error Y103 merge keys ('<<') are not allowed; "
        "write the keys out",
    ]
    assert expected == [line for line in diagnostic_lines(run.out) if "specialist.yaml" in line]


def test_quoted_merge_key_is_an_ordinary_unknown_key(base: Path, cli: Callable[..., Run]) -> None:
    """A quoted '<<' is a plain key: not Y103, just a key the schema does not know."""
    _replace(base / "evidence/amara.yaml", "level: sp1\n", "level: sp1\n'<<': x\n")
    run = cli("validate", "matrices", "evidence")
    assert codes(run.out) == ["S100"]
