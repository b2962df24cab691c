"""The message catalogue: the few words the renderers add to the framework's text.

Headings, labels and sentences are gettext messages: the English is in
`competency.render.english`, each word marked with its key as ``msgctxt``;
the other languages are ``.po`` catalogues in the package,
``competency/locale/<lang>/LC_MESSAGES/competency.po`` (French, German,
Spanish, Portuguese, Japanese, Simplified Chinese and Thai today), read here
with Babel when a locale is first asked for. Dates and percentages come from
Babel's CLDR data.

A locale is found by BCP 47 lookup (``fr-CA`` finds ``fr``, ``zh`` finds
``zh-Hans``), then the framework's default locale, then English; a message a
catalogue lacks, leaves empty or marks fuzzy, or whose English has changed
since it was translated, is shown in English, so a partial translation never
breaks a template.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import BinaryIO

from competency.render.english import ENGLISH
from competency.text import lookup

__all__ = [
    "CATALOGUE",
    "DOMAIN",
    "FALLBACK_LOCALE",
    "LOCALE_DIR",
    "Messages",
    "catalogue_path",
    "messages_for",
    "read_catalogue",
]

FALLBACK_LOCALE = "en"
#: The gettext domain: the catalogues' file name.
DOMAIN = "competency"
#: The folder of the catalogues, one ``<lang>/LC_MESSAGES/competency.po`` each.
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
#: The CLDR locale of a catalogue whose dates are not its language's default:
#: the English pages write 14 August 2026 (CLDR's ``en`` is American).
_CLDR = {"en": "en_001"}


def catalogue_path(locale: str) -> Path:
    """The ``.po`` file of the BCP 47 `locale` (``zh-Hans`` is in ``zh_Hans``)."""
    return LOCALE_DIR / locale.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def _locales() -> tuple[str, ...]:
    """English, then every locale with a catalogue, as BCP 47 tags."""
    found = sorted(
        folder.name.replace("_", "-")
        for folder in LOCALE_DIR.iterdir()
        if (folder / "LC_MESSAGES" / f"{DOMAIN}.po").is_file()
    )
    return (FALLBACK_LOCALE, *found)


def read_catalogue(po: BinaryIO) -> dict[str, str]:
    """Key to translated text for every message of the ``.po`` file `po` that translates it.

    An entry counts when its context is the key, its ``msgid`` is today's
    English, and it is translated and not fuzzy; any other message is left out.
    """
    from babel.messages.pofile import read_po

    catalog = read_po(po, domain=DOMAIN)
    texts: dict[str, str] = {}
    for key, english in ENGLISH.items():
        message = catalog.get(english, context=key)
        if message is None or message.fuzzy or not isinstance(message.string, str):
            continue
        if message.string:
            texts[key] = message.string
    return texts


@cache
def _translations(locale: str) -> Mapping[str, str]:
    """The translated messages of `locale`'s catalogue (English: every message)."""
    if locale == FALLBACK_LOCALE:
        return ENGLISH
    with catalogue_path(locale).open("rb") as po:
        return read_catalogue(po)


class _Catalogue(Mapping[str, Mapping[str, str]]):
    """Locale code to its translated messages, each catalogue read when first asked for."""

    def __getitem__(self, locale: str) -> Mapping[str, str]:
        if locale not in _locales():
            raise KeyError(locale)
        return _translations(locale)

    def __iter__(self) -> Iterator[str]:
        return iter(_locales())

    def __len__(self) -> int:
        return len(_locales())


#: Locale code to its messages: English and every catalogue in `LOCALE_DIR`.
CATALOGUE: Mapping[str, Mapping[str, str]] = _Catalogue()


class Messages(Mapping[str, str]):
    """The messages of one locale, with English behind every missing key."""

    def __init__(self, locale: str, texts: Mapping[str, str]) -> None:
        self.locale = locale
        self._texts = {**ENGLISH, **texts}
        self._cldr = _CLDR.get(locale, locale.replace("-", "_"))

    def __getitem__(self, key: str) -> str:
        return self._texts[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def format_date(self, day: date) -> str:
        """`day` written out in this locale by CLDR's long date format, e.g. 14 August 2026."""
        from babel.dates import format_date

        return format_date(day, format="long", locale=self._cldr)

    def format_percent(self, share: float) -> str:
        """`share` (0.8) as a whole percentage in this locale by CLDR, e.g. 80% or 80 %."""
        from babel.numbers import format_percent

        return format_percent(share, locale=self._cldr)

    def move_type(self, kind: str) -> str:
        """The name of a move type (promotion, lateral, ...) in this locale."""
        return self._texts.get(f"move_{kind}", kind)


def messages_for(locale: str | None, default: str = FALLBACK_LOCALE) -> Messages:
    """The catalogue for `locale` by BCP 47 lookup (``zh`` finds ``zh-Hans``), else `default`'s.

    English is behind both, and behind every key a catalogue lacks.
    """
    for wanted in (locale, default):
        found = lookup(_locales(), wanted)
        if found is not None:
            return Messages(found, _translations(found))
    return Messages(FALLBACK_LOCALE, ENGLISH)
