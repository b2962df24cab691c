"""Word lists and tests for the quality warnings.

The vague qualifiers live here and nowhere else; ``docs/diagnostics.md``
prints the same list, and a test keeps the two in step.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any

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


def _trie(words: Sequence[str]) -> str:
    """One regular expression for `words` that shares their prefixes: ``s(?:ome|olid)``.

    A plain alternation makes the regex engine try every word at every place
    in a text; this tries one branch per letter. Where one word begins
    another, the longer goes on with a letter, so the word boundaries around
    the whole pattern let at most one of them match at a place, as with the
    plain alternation.
    """
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for character in word.lower():
            node = node.setdefault(character, {})
        node[""] = {}

    def branch(node: dict[str, Any]) -> str:
        parts = [re.escape(key) + branch(child) for key, child in sorted(node.items()) if key]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if "" in node else body

    return branch(tree)


_VAGUE_WORDS = _trie(VAGUE_QUALIFIERS)
_VAGUE = re.compile(r"(?<![\w-])(" + _VAGUE_WORDS + r")(?![\w-])", re.IGNORECASE)
#: The same words, case-sensitive, looked for in a folded text: a quick test that
#: finds every text `_VAGUE` finds something in (and a few more), most texts having none.
_MAYBE_VAGUE = re.compile(_VAGUE_WORDS)


def _folded(text: str) -> str:
    """`text` with every character that `_VAGUE` takes for a letter of its words made that letter.

    Case folding does it for all but two, which the regex engine's ignore-case
    also takes for "i": the dotless i (U+0131) and the dotted capital I
    (U+0130, which folds to an i and a combining dot, so the dot goes).
    """
    return text.casefold().replace("\u0131", "i").replace("\u0307", "")


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
    if _MAYBE_VAGUE.search(_folded(text)) is None:
        return []
    matches = list(_VAGUE.finditer(text))
    if not matches or not allow:
        return [match.group(0) for match in matches]
    spans = _matcher(tuple(allow)).longest(text)
    return [
        match.group(0)
        for match in matches
        if not any(start <= match.start() and match.end() <= end for start, end in spans)
    ]


def accepted_by(text: str, allow: Sequence[str]) -> set[str]:
    """The `allow` phrases that keep at least one vague qualifier in `text` from a warning."""
    matches = [match.span() for match in _VAGUE.finditer(text)]
    if not matches or not allow:
        return set()
    return _matcher(tuple(allow)).covering(text, matches)


class _Phrases:
    """A list of ``lint.allow`` phrases compiled once into one matcher.

    One pattern finds, at every position of a text, the longest phrase that
    starts there (a zero-width lookahead, so occurrences may overlap; the
    alternatives are longest first, and of two phrases that match at the same
    position the longer one covers the shorter). The cost of a text is one
    scan, whatever the number of phrases; the phrases one by one are tried
    only where a phrase covers a vague qualifier.
    """

    def __init__(self, phrases: tuple[str, ...]) -> None:
        bodies = {phrase: _body(phrase) for phrase in dict.fromkeys(phrases) if phrase.split()}
        order = sorted(bodies, key=lambda phrase: -len(" ".join(phrase.split())))
        self.each = [(phrase, _phrase(phrase)) for phrase in order]
        alternatives = "|".join(bodies[phrase] + r"(?![\w-])" for phrase in order)
        pattern = r"(?<![\w-])(?=(" + alternatives + "))"
        self.any = re.compile(pattern, re.IGNORECASE) if order else None

    def longest(self, text: str) -> list[tuple[int, int]]:
        """The span of the longest phrase starting at each position where one starts."""
        if self.any is None:
            return []
        return [match.span(1) for match in self.any.finditer(text)]

    def covering(self, text: str, matches: list[tuple[int, int]]) -> set[str]:
        """The phrases with an occurrence that covers one of `matches`."""
        found: set[str] = set()
        for start, end in self.longest(text):
            if not any(start <= begin and finish <= end for begin, finish in matches):
                continue  # the longest phrase here covers nothing, so no shorter one does
            for phrase, pattern in self.each:
                hit = pattern.match(text, start)
                if hit and any(start <= b and f <= hit.end() for b, f in matches):
                    found.add(phrase)
        return found


@functools.lru_cache(maxsize=8)
def _matcher(phrases: tuple[str, ...]) -> _Phrases:
    """The matcher of a phrase list, built once per list."""
    return _Phrases(phrases)


def _body(phrase: str) -> str:
    """A phrase as a pattern of its words with any white space between them."""
    return r"\s+".join(re.escape(word) for word in phrase.split())


def _phrase(phrase: str) -> re.Pattern[str]:
    """A phrase as whole words, in any case, with any white space between its words."""
    return re.compile(r"(?<![\w-])" + _body(phrase) + r"(?![\w-])", re.IGNORECASE)


def is_numeric_name(name: str) -> bool:
    """True for step names that are numbers or numbered labels ("3", "3/5", "Level 2")."""
    return bool(_NUMERIC_NAME.match(name))


def looks_like_score(name: str) -> bool:
    """True for step names that contain a digit or a scoring word ("Score A", "4 stars")."""
    return bool(_SCORE_WORDS.search(name))
