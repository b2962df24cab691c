"""Word lists and tests for the quality warnings.

The vague qualifiers live here and nowhere else; ``docs/diagnostics.md``
prints the same list, and a test keeps the two in step.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

__all__ = [
    "VAGUE_QUALIFIERS",
    "accepted_by",
    "is_numeric_name",
    "looks_like_score",
    "vague_words",
]

#: Words and phrases that say how well without saying what anyone does.
#: Each one has a concrete replacement: name the thing, the cadence, the count.
VAGUE_QUALIFIERS: tuple[str, ...] = (
    "adequate",
    "adequately",
    "appropriate",
    "appropriately",
    "as needed",
    "basic",
    "best practice",
    "best practices",
    "effective",
    "effectively",
    "efficient",
    "efficiently",
    "etc",
    "excellent",
    "fairly",
    "generally",
    "good",
    "great",
    "high-quality",
    "many",
    "often",
    "proper",
    "properly",
    "quite",
    "really",
    "reasonable",
    "reasonably",
    "regularly",
    "relevant",
    "several",
    "solid",
    "some",
    "sometimes",
    "somewhat",
    "strong",
    "successfully",
    "sufficient",
    "sufficiently",
    "usually",
    "various",
    "very",
    "when necessary",
    "where appropriate",
    "where needed",
)

_VAGUE = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(w) for w in VAGUE_QUALIFIERS) + r")(?![\w-])",
    re.IGNORECASE,
)

# "3", "3/5", "4.5", "Level 2", "L2", "Tier 3", "Step IV", "80%".
_NUMERIC_NAME = re.compile(
    r"""^\s*(
        [0-9]+([.,][0-9]+)?\s*(/\s*[0-9]+|%|\+)?
      | (level|lvl|tier|step|grade|band|stage|rank)\s*[-.:#]?\s*([0-9]+|[ivx]+)
      | l[0-9]+
    )\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_SCORE_WORDS = re.compile(r"\b(score|points?|stars?|rating|percent)\b|[0-9]", re.IGNORECASE)


def vague_words(text: str, allow: Sequence[str] = ()) -> list[str]:
    """The vague qualifiers in `text`, in order, as written, except inside `allow` phrases.

    >>> vague_words("Explains the Basic plan in some detail", ["basic plan"])
    ['some']
    """
    spans = [span for phrase in allow for span in _spans(phrase, text)]
    return [
        match.group(0)
        for match in _VAGUE.finditer(text)
        if not any(start <= match.start() and match.end() <= end for start, end in spans)
    ]


def accepted_by(text: str, allow: Sequence[str]) -> set[str]:
    """The `allow` phrases that keep at least one vague qualifier in `text` from a warning."""
    matches = [match.span() for match in _VAGUE.finditer(text)]
    return {
        phrase
        for phrase in allow
        if any(
            start <= begin and finish <= end
            for start, end in _spans(phrase, text)
            for begin, finish in matches
        )
    }


def _spans(phrase: str, text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _phrase(phrase).finditer(text)]


@functools.lru_cache(maxsize=256)
def _phrase(phrase: str) -> re.Pattern[str]:
    """A phrase as whole words, in any case, with any white space between its words."""
    words = r"\s+".join(re.escape(word) for word in phrase.split())
    return re.compile(r"(?<![\w-])" + words + r"(?![\w-])", re.IGNORECASE)


def is_numeric_name(name: str) -> bool:
    """True for step names that are numbers or numbered labels ("3", "3/5", "Level 2")."""
    return bool(_NUMERIC_NAME.match(name))


def looks_like_score(name: str) -> bool:
    """True for step names that contain a digit or a scoring word ("Score A", "4 stars")."""
    return bool(_SCORE_WORDS.search(name))
