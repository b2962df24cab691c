"""The quality checks' word lists: vague qualifiers, numeric names, names that read like scores."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from competency.check import quality
from competency.check.quality import (
    VAGUE_QUALIFIERS,
    accepted_by,
    is_numeric_name,
    looks_like_score,
    vague_words,
)


def test_vague_word_is_found() -> None:
    """'some' on its own is a vague qualifier."""
    expected = ["some"]
    assert expected == vague_words("Fixes some tickets.")


@pytest.mark.parametrize(
    "text",
    [
        "Hands the ticket to someone in engineering.",
        "Keeps the customer's goodwill.",
        "Works with manyfold systems.",
        "Writes the handsome summary.",
        "Uses the good-enough rule",
        "Sends an e-mail once a day",
    ],
)
def test_qualifier_inside_a_longer_word_is_not_found(text: str) -> None:
    """Qualifiers are whole words: someone, goodwill or good-enough do not count."""
    expected: list[str] = []
    assert expected == vague_words(text)


def test_vague_words_are_found_in_order_as_written() -> None:
    """Every qualifier is returned in the order and case it is written."""
    expected = ["Effectively", "several", "where appropriate"]
    assert expected == vague_words("Effectively handles several cases where appropriate.")


def test_phrase_qualifier_is_found_across_its_words() -> None:
    """Multi-word qualifiers such as 'as needed' are found as one."""
    expected = ["as needed"]
    assert expected == vague_words("Escalates as needed.")


def test_qualifier_next_to_punctuation_is_found() -> None:
    """A qualifier followed by a comma or full stop still counts."""
    expected = ["etc", "often"]
    assert expected == vague_words("Logs, tags, etc. Replies often.")


def test_specific_text_has_no_vague_words() -> None:
    """A behaviour that names what, when and how much is clean."""
    expected: list[str] = []
    assert expected == vague_words("Replies to every P1 ticket within 30 minutes, day or night.")


def test_word_list_is_sorted_and_lowercase() -> None:
    """The list is kept sorted and lowercase, so the docs can print it as is."""
    expected = sorted(w.lower() for w in VAGUE_QUALIFIERS)
    assert expected == list(VAGUE_QUALIFIERS)


@pytest.mark.parametrize(
    "name", ["3", "3/5", "4.5", "Level 2", "level-3", "L2", "Tier 3", "Step IV", "80%", " 2 "]
)
def test_numbered_names_are_numeric(name: str) -> None:
    """Numbers, fractions, percentages and numbered labels are numeric names (D100)."""
    assert is_numeric_name(name)


@pytest.mark.parametrize(
    "name", ["Proficient", "Score A", "Levelling up", "Level best", "L-shaped"]
)
def test_word_names_are_not_numeric(name: str) -> None:
    """Names made of words, even ones starting with Level or L, are not numeric."""
    assert not is_numeric_name(name)


@pytest.mark.parametrize(
    "name", ["Score A", "Four stars", "Top rating", "Proficient 2", "5 points"]
)
def test_score_like_names_look_like_scores(name: str) -> None:
    """A scoring word or a digit makes a name read like a score (D101)."""
    assert looks_like_score(name)


@pytest.mark.parametrize("name", ["Proficient", "Learning", "Leading", "Scoring lead", "Startup"])
def test_descriptive_names_do_not_look_like_scores(name: str) -> None:
    """Names that describe what a person does are not scores."""
    assert not looks_like_score(name)


def test_overlapping_allow_phrases_each_cover_their_words() -> None:
    """Two allowed phrases that overlap in the text both keep their qualifiers quiet."""
    expected = (["some"], {"good plan", "plan good"})
    text = "A good plan good, and some more"
    allow = ["good plan", "plan good", "never here"]
    assert expected == (vague_words(text, allow), accepted_by(text, allow))


def test_a_shorter_phrase_at_the_same_place_is_accepted_too() -> None:
    """A phrase inside a longer allowed phrase still counts as used where it covers a qualifier."""
    expected = {"basic plan", "the basic plan"}
    assert expected == accepted_by("Explains the basic plan", ["the basic plan", "basic plan"])


def test_600_allow_phrases_are_compiled_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A long lint.allow list is built into one matcher once, however many texts it is used on."""
    quality._matcher.cache_clear()
    built: list[int] = []
    real = quality._Phrases.__init__

    def counting(self: quality._Phrases, phrases: tuple[str, ...]) -> None:
        built.append(len(phrases))
        real(self, phrases)

    monkeypatch.setattr(quality._Phrases, "__init__", counting)
    allow = [f"some thing {n}" for n in range(600)]
    found = [vague_words(f"Does some thing {n} and some more", allow) for n in range(1000)]
    used = set().union(*(accepted_by(f"Does some thing {n}", allow) for n in range(0, 1000, 7)))
    flagged = [["some"]] * 600 + [["some", "some"]] * 400
    expected = ([600], flagged, {f"some thing {n}" for n in range(0, 600, 7)})
    assert expected == (built, found, used)


def _plain_vague(text: str) -> list[str]:
    """The vague words a plain alternation of the list finds, ignoring case."""
    words = "|".join(re.escape(word) for word in VAGUE_QUALIFIERS)
    pattern = re.compile(r"(?<![\w-])(" + words + r")(?![\w-])", re.IGNORECASE)
    return [match.group(0) for match in pattern.finditer(text)]


#: Letters the regex engine's ignore-case takes for the words' letters.
_LOOKALIKES = {"s": "\u017f", "k": "\u212a", "i": "\u0131\u0130"}


def _spelled(word: str, choices: list[int]) -> str:
    """`word` with each letter as written, upper case, or a look-alike, as `choices` say."""
    return "".join(
        ([c, c.upper(), *_LOOKALIKES.get(c, "")])[h % (2 + len(_LOOKALIKES.get(c, "")))]
        for c, h in zip(word, choices, strict=True)
    )


_WORDS = st.sampled_from(VAGUE_QUALIFIERS).flatmap(
    lambda word: st.lists(st.integers(0, 3), min_size=len(word), max_size=len(word)).map(
        lambda choices: _spelled(word, choices)
    )
)


@given(
    st.lists(
        st.one_of(_WORDS, st.text(alphabet="ab -_.\u0307\u0130\u0131\u017f\u00df", max_size=4)),
        max_size=6,
    ).map("".join)
)
def test_vague_words_finds_what_a_plain_alternation_finds(text: str) -> None:
    """The prefix-sharing pattern and its quick pre-test find exactly the plain pattern's words."""
    assert _plain_vague(text) == vague_words(text)
