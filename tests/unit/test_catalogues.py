"""The gettext catalogues of the UI words, and the CLDR dates and numbers of every locale."""

from __future__ import annotations

import gettext
import io
from datetime import date
from pathlib import Path
from string import Formatter

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from competency import load_evidence, load_framework
from competency.analysis.gap import Analyzer
from competency.framework import Framework
from competency.render import english as english_module
from competency.render import render, reports
from competency.render.english import ENGLISH
from competency.render.messages import (
    CATALOGUE,
    FALLBACK_LOCALE,
    LOCALE_DIR,
    catalogue_path,
    messages_for,
    read_catalogue,
)
from tests.golden.hostile import FRAMEWORK

DAY = date(2026, 5, 4)
#: The keyword spec of docs/development.md's `pybabel extract -k N_:1c,2`.
KEYWORDS = {"N_": ((1, "c"), 2)}
TRANSLATED = sorted(set(CATALOGUE) - {FALLBACK_LOCALE})

_EVIDENCE = """\
format: competency/v1
kind: evidence
person: {id: ana-b, name: Ana Berg}
role: support-engineer
level: se1
items:
  - date: 2026-03-01
    source: manager
    summary: Found why webhooks failed for a large account.
    shows: [troubleshooting.reproduces-first, troubleshooting.reads-logs]
"""


def _read(path: Path) -> Catalog:
    with path.open("rb") as po:
        return read_po(po)


def _entry(catalog: Catalog, key: str) -> Message:
    """The entry of the message `key` in `catalog`; it must be there."""
    message = catalog.get(ENGLISH[key], context=key)
    assert message is not None, key
    return message


def _entries(catalog: Catalog) -> list[tuple[str, str]]:
    """(msgctxt, msgid) of every active entry but the header, in file order."""
    return [(str(m.context), str(m.id)) for m in catalog if m.id]


def missing_messages(catalog: Catalog) -> list[str]:
    """The keys of the English messages that `catalog` does not translate, or only fuzzily."""
    missing = []
    for key, text in ENGLISH.items():
        message = catalog.get(text, context=key)
        if message is None or not message.string or message.fuzzy:
            missing.append(key)
    return missing


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name is not None}


def test_the_english_is_what_pybabel_extracts() -> None:
    """Extracting english.py with the documented keyword gives every message, key as context."""
    found = [
        (context, text)
        for _, text, _, context in extract_from_file(
            "python", english_module.__file__, keywords=KEYWORDS
        )
    ]
    assert list(ENGLISH.items()) == found


def test_the_template_is_up_to_date() -> None:
    """competency.pot lists the English messages in order (pybabel extract was run)."""
    assert list(ENGLISH.items()) == _entries(_read(LOCALE_DIR / "competency.pot"))


def test_every_shipped_language_has_a_catalogue() -> None:
    """The eight languages shipped before the catalogues still have theirs."""
    expected = ["de", "en", "es", "fr", "ja", "pt", "th", "zh-Hans"]
    assert expected == sorted(CATALOGUE)


@pytest.mark.parametrize("locale", TRANSLATED)
def test_catalogue_translates_every_message(locale: str) -> None:
    """Every English message has a translation, not fuzzy, and nothing else is listed."""
    catalog = _read(catalogue_path(locale))
    found = (missing_messages(catalog), sorted(set(_entries(catalog)) - set(ENGLISH.items())))
    expected: tuple[list[str], list[tuple[str, str]]] = ([], [])
    assert expected == found


def test_a_missing_message_is_found(tmp_path: Path) -> None:
    """A catalogue with one entry removed and one left fuzzy fails the check, naming both."""
    catalog = _read(catalogue_path("fr"))
    catalog.delete("Contents", context="contents")
    _entry(catalog, "skip_to_content").flags.add("fuzzy")
    path = tmp_path / "competency.po"
    with path.open("wb") as po:
        write_po(po, catalog)
    expected = ["contents", "skip_to_content"]
    assert expected == missing_messages(_read(path))


@pytest.mark.parametrize("locale", TRANSLATED)
def test_catalogue_compiles(locale: str) -> None:
    """The catalogue compiles to a .mo that gettext reads back to the same words, without errors."""
    catalog = _read(catalogue_path(locale))
    errors = [(m.context, [str(e) for e in errs]) for m, errs in catalog.check() if errs]
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    compiled = gettext.GNUTranslations(buffer)
    read_back = {key: compiled.pgettext(key, text) for key, text in ENGLISH.items()}
    assert ([], dict(CATALOGUE[locale])) == (errors, read_back)


@pytest.mark.parametrize("locale", TRANSLATED)
def test_translations_keep_the_placeholders(locale: str) -> None:
    """Each translation has exactly the {placeholders} of its English message."""
    texts = CATALOGUE[locale]
    differ = {
        key: (sorted(_fields(text)), sorted(_fields(texts[key])))
        for key, text in ENGLISH.items()
        if _fields(text) != _fields(texts[key])
    }
    expected: dict[str, tuple[list[str], list[str]]] = {}
    assert expected == differ


def test_stale_fuzzy_or_empty_translations_fall_back_to_english() -> None:
    """A translation of an older English, a fuzzy one or an empty one is not used."""
    catalog = _read(catalogue_path("de"))
    stale, fuzzy, empty = (_entry(catalog, k) for k in ("contents", "overview", "search"))
    catalog.delete(stale.id, context="contents")
    catalog.add("Table of contents", stale.string, context="contents")
    fuzzy.flags.add("fuzzy")
    empty.string = ""
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    buffer.seek(0)
    texts = read_catalogue(buffer)
    found = {key: key in texts for key in ("contents", "overview", "search", "skip_to_content")}
    expected = {"contents": False, "overview": False, "search": False, "skip_to_content": True}
    assert expected == found


#: The dates the hand-written tables gave, which CLDR's long format gives too.
DATES = {
    "en": "14 August 2026",
    "fr": "14 août 2026",
    "de": "14. August 2026",
    "es": "14 de agosto de 2026",
    "pt": "14 de agosto de 2026",
    "ja": "2026年8月14日",
    "zh-Hans": "2026年8月14日",
    "th": "14 สิงหาคม ค.ศ. 2026",
}


def test_dates_come_from_cldr_as_before() -> None:
    """Every locale writes a date as the hand-written tables did (English day first)."""
    expected = DATES
    assert expected == {tag: messages_for(tag).format_date(date(2026, 8, 14)) for tag in DATES}


def test_percentages_follow_the_locale() -> None:
    """A share is a CLDR percentage: 80% in English, 80 % (no-break space) in French."""
    found = [messages_for(tag).format_percent(0.8) for tag in ("en", "fr", "de", "ja")]
    expected = ["80%", "80\u00a0%", "80\u00a0%", "80%"]
    assert expected == found


@pytest.fixture(scope="module")
def golden() -> Framework:
    """The small golden framework."""
    return load_framework(FRAMEWORK)


@pytest.mark.parametrize("locale", sorted(CATALOGUE))
def test_site_renders_in_every_locale(golden: Framework, locale: str, tmp_path: Path) -> None:
    """The HTML site in each locale is marked with it, and has its words and CLDR date."""
    (page,) = render(golden, "html", tmp_path / "html", locale=locale, today=DAY)
    markdown = render(golden, "md", tmp_path / "md", locale=locale, today=DAY)
    m = messages_for(locale)
    text = page.read_text("utf-8")
    index = next(p for p in markdown if p.name == "index.md").read_text("utf-8")
    wanted = {
        "lang": f'<html lang="{locale}">' in text,
        "words": m["skip_to_content"] in text,
        "date": m.format_date(DAY) in text,
        "markdown": m["roles"] in index,
    }
    assert dict.fromkeys(wanted, True) == wanted


@pytest.mark.parametrize("locale", sorted(CATALOGUE))
def test_gap_report_renders_in_every_locale(golden: Framework, locale: str, tmp_path: Path) -> None:
    """The promotion packet in each locale has its title, verdict word and as-of date."""
    path = tmp_path / "ana-b.yaml"
    path.write_text(_EVIDENCE, "utf-8")
    evidence = load_evidence(path, golden)
    report = Analyzer(golden, DAY).report(evidence, "support-engineer@se2")
    page = reports.report_html("gap", report, evidence=evidence, locale=locale)
    m = messages_for(locale)
    wanted = (m["report_gap"], m[f"verdict_{report.verdict}"], m.format_date(DAY))
    assert dict.fromkeys(wanted, True) == {word: word in page for word in wanted}
