"""Localised text: BCP 47 lookup and fallback, in one place.

A text in a framework file is a plain string (in the framework's default
locale) or a map from locale code to string. `localize` picks the string to
show for a requested locale; `choose_locale` says which locale that string
is in, so that HTML can mark fallback text with its ``lang``. Everything
that shows text goes through these two functions (mostly via
`competency.names.Names`), so every output agrees.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from competency.contract import check_instance, check_optional_str, check_text_value

__all__ = ["TextValue", "choose_locale", "localize", "localized", "lookup"]

#: A text as the models hold it: plain, or by locale.
TextValue = str | Mapping[str, str]


def lookup(available: Iterable[str], requested: str | None) -> str | None:
    """The best of `available` for `requested`, by BCP 47 lookup; None when none fits.

    The exact tag first, then the tag shortened from the right
    (``zh-Hans-CN``, ``zh-Hans``, ``zh``), then any tag of the same language
    (``zh`` finds ``zh-Hans``). Tags compare case-insensitively.

    >>> lookup(["en", "zh-Hans"], "zh")
    'zh-Hans'
    >>> lookup(["en", "fr"], "fr-CA")
    'fr'
    """
    if not requested:
        return None
    tags = {tag.lower(): tag for tag in available}
    parts = requested.lower().split("-")
    for end in range(len(parts), 0, -1):
        found = tags.get("-".join(parts[:end]))
        if found is not None:
            return found
    language = parts[0]
    for lowered, tag in sorted(tags.items()):
        if lowered.split("-")[0] == language:
            return tag
    return None


def choose_locale(text: TextValue | None, locale: str | None, default: str = "en") -> str:
    """The locale `localize` shows `text` in, for `locale` with `default` as the fallback."""
    if text is None or isinstance(text, str):
        return default
    found = lookup(text, locale) or lookup(text, default)
    if found is not None:
        return found
    return next(iter(text), default)


def localize(text: TextValue | None, locale: str | None = None, default: str = "en") -> str:
    """The text in `locale` (by BCP 47 lookup), else in `default`, else the first one.

    >>> localize({"en": "Learning", "fr": "Apprentissage"}, "fr-CA")
    'Apprentissage'
    """
    check_text_value("localize", "text", text)
    check_optional_str("localize", "locale", locale)
    check_instance("localize", "default", default, str)
    return localized(text, locale, default)


def localized(text: TextValue | None, locale: str | None, default: str) -> str:
    """`localize` without the argument checks: for the library's own calls with the
    framework's texts, which the models have checked (`Names.text` runs per cell)."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(choose_locale(text, locale, default), "")
