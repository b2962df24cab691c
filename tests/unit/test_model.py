"""The typed models' helpers."""

from __future__ import annotations

from competency.text import localize

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


def test_models_accept_their_parts_as_objects_from_python() -> None:
    """Python code may build a level from Expectation objects and a policy from AtLeast."""
    from competency.model import AtLeast, Expectation, Level, Readiness

    level = Level(
        id="se1",
        title="Support Engineer I",
        grade="g3",
        expects={"troubleshooting": Expectation(step="proficient"), "mentoring": "learning"},
    )
    policy = Readiness(competency_met=AtLeast(at_least=0.5))
    assert (level.expectation("troubleshooting"), policy.competency_met) == (
        Expectation(step="proficient"),
        AtLeast(at_least=0.5),
    )


def test_an_id_with_a_trailing_line_break_is_not_an_id() -> None:
    """is_id checks the whole value: "amara\\n" is refused, "amara-o" accepted."""
    from competency.model import is_id

    assert (is_id("amara-o"), is_id("amara\n"), is_id("a" * 65)) == (True, False, False)
