"""The typed models' helpers."""

from __future__ import annotations

from competency.model import localize

TEXT = {"en": "Learning", "fr": "Apprentissage", "pt-BR": "Aprendendo"}


def test_localize_picks_the_asked_locale() -> None:
    """A locale the text has is used as it is."""
    assert localize(TEXT, "pt-BR") == "Aprendendo"


def test_localize_falls_back_to_the_language() -> None:
    """A regional locale the text lacks falls back to its language (fr-CA to fr)."""
    assert localize(TEXT, "fr-CA") == "Apprentissage"


def test_localize_falls_back_to_the_default_locale() -> None:
    """A locale the text lacks entirely falls back to the framework's default."""
    assert localize(TEXT, "de", "en") == "Learning"


def test_localize_keeps_plain_strings() -> None:
    """A plain string is the default locale's text, whatever locale is asked."""
    assert localize("Learning", "fr") == "Learning"


def test_localize_uses_any_text_when_nothing_matches() -> None:
    """With neither the locale nor the default present, the first text given is used."""
    assert localize({"th": "กำลังเรียนรู้"}, "fr", "en") == "กำลังเรียนรู้"
