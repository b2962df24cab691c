"""The Thai and Chinese texts of matrices/ use the words docs/translation-glossary.md fixes.

The glossary has one table of exact names (scale steps, bands, tracks) per
heading and one table of recurring terms. A term applies to every text whose
English contains one of its forms as a whole word, once the phrases listed as
exceptions are removed; such a text's Thai and Chinese must contain the
glossary's word and none of the words it rules out. No Thai or Chinese text
explains itself with an English word in brackets (acronyms such as CSAT are
upper case and stay).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from competency.check._parts import TEXT_KEYS, TEXT_LIST_KEYS
from tests.conftest import MATRICES, ROOT

GLOSSARY = ROOT / "docs" / "translation-glossary.md"
LOCALES = ("th", "zh-Hans")


@dataclass(frozen=True)
class Term:
    """One row of the glossary's Terms table."""

    concept: str
    forms: tuple[str, ...]
    excepted: tuple[str, ...]
    words: dict[str, str]
    wrong: dict[str, tuple[str, ...]]

    def applies_to(self, english: str) -> bool:
        """Whether the English, without the excepted phrases, contains one of the forms."""
        for phrase in self.excepted:
            english = re.sub(re.escape(phrase), " ", english, flags=re.IGNORECASE)
        forms = "|".join(re.escape(form) for form in self.forms)
        return re.search(rf"(?<![\w-])(?:{forms})(?![\w-])", english, re.IGNORECASE) is not None

    def problems(self, text: dict[str, str]) -> list[str]:
        """What is wrong with one translated text under this term, in words."""
        found: list[str] = []
        if not self.applies_to(text["en"]):
            return found
        for locale in LOCALES:
            translated = text.get(locale)
            if not translated:
                continue
            if self.words[locale] not in translated:
                found.append(f"{locale} lacks {self.words[locale]!r} ({self.concept})")
            found += [
                f"{locale} has {bad!r} ({self.concept})"
                for bad in self.wrong[locale]
                if bad in translated
            ]
        return found


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def _list(cell: str) -> tuple[str, ...]:
    return () if cell in {"", "—"} else tuple(part.strip() for part in cell.split(";"))


def _tables(markdown: str) -> dict[str, list[dict[str, str]]]:
    """Each second-level heading's table, as rows keyed by the header cells."""
    tables: dict[str, list[dict[str, str]]] = {}
    heading = ""
    header: list[str] = []
    for line in markdown.splitlines():
        if line.startswith("## "):
            heading, header = line[3:].strip(), []
        elif line.startswith("|") and heading:
            cells = _cells(line)
            if not header:
                header = cells
            elif not set(line) <= set("|-: "):
                tables.setdefault(heading, []).append(dict(zip(header, cells, strict=True)))
    return tables


def _terms(rows: list[dict[str, str]]) -> list[Term]:
    return [
        Term(
            concept=row["concept"],
            forms=_list(row["English"]),
            excepted=_list(row["English, except"]),
            words={"th": row["Thai"], "zh-Hans": row["Chinese"]},
            wrong={"th": _list(row["Thai, not"]), "zh-Hans": _list(row["Chinese, not"])},
        )
        for row in rows
    ]


TABLES = _tables(GLOSSARY.read_text(encoding="utf-8"))
TERMS = _terms(TABLES["Terms"])


def _texts(node: Any) -> list[dict[str, str]]:
    """Every translated text (a map with en) below a parsed YAML node."""
    found: list[dict[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, dict) and "en" in value:
                found.append(value)
            elif key in TEXT_LIST_KEYS and isinstance(value, list):
                found += [item for item in value if isinstance(item, dict) and "en" in item]
            else:
                found += _texts(value)
    elif isinstance(node, list):
        for item in node:
            found += _texts(item)
    return found


GLOSS = re.compile(r"[(（][^()（）]*[a-z][^()（）]*[)）]")


def _glosses(text: dict[str, str]) -> list[str]:
    """The bracketed English glosses (lower-case Latin letters) in a text's Thai and Chinese."""
    return [
        f"{locale} has {gloss!r}"
        for locale in LOCALES
        for gloss in GLOSS.findall(text.get(locale) or "")
    ]


def _matrix_files() -> list[Path]:
    return sorted(MATRICES.rglob("*.yaml"))


def _framework() -> Any:
    return yaml.safe_load((MATRICES / "framework.yaml").read_text(encoding="utf-8"))


def test_glossary_covers_the_concepts_the_review_asked_for() -> None:
    """The Terms table has a row for each concept the translation review named."""
    expected = {
        "escalation", "handover", "support case", "ticket", "customer's sponsor",
        "health score", "playbook", "mid-market", "enterprise", "renewal", "churn",
        "customer onboarding", "knowledge base", "root cause", "one-to-one",
        "calibration", "promotion",
    }  # fmt: skip
    actual = expected & {term.concept for term in TERMS}
    assert expected == actual


@pytest.mark.parametrize(
    ("heading", "key", "part"),
    [("Scale steps", "step", "scale"), ("Bands", "grade", "grades"), ("Tracks", "track", "tracks")],
)
def test_framework_names_are_the_glossarys(heading: str, key: str, part: str) -> None:
    """Each scale step, band and track of framework.yaml is named exactly as the glossary says."""
    expected = [
        (row[key], {"en": row["English"], "th": row["Thai"], "zh-Hans": row["Chinese"]})
        for row in TABLES[heading]
    ]
    actual = [(item["id"], item["name"]) for item in _framework()[part]]
    assert expected == actual


def test_a_wrong_or_missing_word_is_reported() -> None:
    """The check names a missing glossary word and a ruled-out one, and skips excepted phrases."""
    term = next(term for term in TERMS if term.concept == "mid-market")
    case = next(term for term in TERMS if term.concept == "support case")
    text = {"en": "Owns mid-market accounts.", "th": "ลูกค้าตลาดกลาง", "zh-Hans": "中型企业"}
    expected = ["th lacks 'ธุรกิจขนาดกลาง' (mid-market)", "th has 'ตลาดกลาง' (mid-market)"]
    assert expected == term.problems(text)
    expected = []
    assert expected == case.problems({"en": "Writes a business case.", "zh-Hans": "商业论证"})


@pytest.mark.parametrize("path", _matrix_files(), ids=lambda path: path.name)
def test_translations_use_the_glossary_terms(path: Path) -> None:
    """Every translated text of the file uses each applicable term's Thai and Chinese word."""
    expected: list[str] = []
    actual = [
        f"{text['en'][:70]!r}: {problem}"
        for text in _texts(yaml.safe_load(path.read_text(encoding="utf-8")))
        for term in TERMS
        for problem in term.problems(text)
    ]
    assert expected == actual


def test_a_bracketed_english_gloss_is_reported() -> None:
    """A bracketed English word in the Thai or Chinese is found; an acronym in brackets is not."""
    text = {
        "en": "Take a stretch role and raise CSAT.",
        "th": "รับบทบาทท้าทาย (stretch role) และเพิ่ม CSAT",
        "zh-Hans": "提高客户满意度（CSAT）",
    }
    expected = ["th has '(stretch role)'"]
    assert expected == _glosses(text)


@pytest.mark.parametrize("path", _matrix_files(), ids=lambda path: path.name)
def test_translations_carry_no_bracketed_english(path: Path) -> None:
    """No Thai or Chinese text of the file explains itself with English in brackets."""
    expected: list[str] = []
    actual = [
        f"{text['en'][:70]!r}: {gloss}"
        for text in _texts(yaml.safe_load(path.read_text(encoding="utf-8")))
        for gloss in _glosses(text)
    ]
    assert expected == actual
