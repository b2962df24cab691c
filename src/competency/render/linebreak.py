"""Where a label may break, and how wide its text is: the career map's line breaking.

The map's boxes hold labels in any script. A label is cut only where a line
may break by Unicode's rules (UAX #14, the line breaking algorithm, from
`uniseg`): after a space or a hyphen, between two ideographs (Chinese and
Japanese break between any two, except before closing and after opening
punctuation), never inside a word. Thai, Lao, Khmer and Burmese write
words without spaces, and UAX #14 leaves their runs to a dictionary: with
the optional ``thai`` extra (PyThaiNLP) Thai runs are cut into words;
without it, and for the other three scripts, a run too long for its line is
cut between grapheme clusters (a letter with its vowel and tone marks is
never split), as a browser does with ``overflow-wrap: anywhere``.

Widths are measured, not guessed from a character count: each character's
advance width in em, from the fonts the map names first (DejaVu Sans for
Latin, the TLWG fonts for Thai, full width for ideographs), so a line fits
its box in the browser and in the PDF. The tables were read from the fonts'
``hmtx`` tables (DejaVu Sans 2.37, TLWG 0.7; the wider of a regular and a
bold face for Thai).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator
from functools import cache, lru_cache

from uniseg.graphemecluster import grapheme_clusters
from uniseg.linebreak import line_break_units

from competency.diagnostics import MissingExtraError, require_extra

__all__ = ["break_units", "longest_unit", "text_width", "wrap_to_width"]

#: Advance widths (1/1000 em) of U+0020..U+007E in DejaVu Sans and DejaVu Sans Bold.
_REGULAR = (
    318,
    401,
    460,
    838,
    636,
    950,
    780,
    275,
    390,
    390,
    500,
    838,
    318,
    361,
    318,
    337,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    636,
    337,
    337,
    838,
    838,
    838,
    531,
    1000,
    684,
    686,
    698,
    770,
    632,
    575,
    775,
    752,
    295,
    295,
    656,
    557,
    863,
    748,
    787,
    603,
    787,
    695,
    635,
    611,
    732,
    684,
    989,
    685,
    611,
    685,
    390,
    337,
    390,
    838,
    500,
    500,
    613,
    635,
    550,
    635,
    615,
    352,
    635,
    634,
    278,
    278,
    579,
    278,
    974,
    634,
    612,
    635,
    635,
    411,
    521,
    392,
    634,
    592,
    818,
    592,
    592,
    525,
    636,
    337,
    636,
    838,
)
_BOLD = (
    348,
    456,
    521,
    838,
    696,
    1002,
    872,
    306,
    457,
    457,
    523,
    838,
    380,
    415,
    380,
    365,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    696,
    400,
    400,
    838,
    838,
    838,
    580,
    1000,
    774,
    762,
    734,
    830,
    683,
    683,
    821,
    837,
    372,
    372,
    775,
    637,
    995,
    837,
    850,
    733,
    850,
    770,
    720,
    682,
    812,
    774,
    1103,
    771,
    724,
    725,
    457,
    365,
    457,
    838,
    500,
    500,
    675,
    716,
    593,
    716,
    678,
    435,
    716,
    712,
    343,
    343,
    665,
    343,
    1042,
    712,
    687,
    716,
    716,
    493,
    595,
    478,
    712,
    652,
    924,
    645,
    652,
    582,
    712,
    365,
    712,
    838,
)
#: Advance widths (1/1000 em) of U+0E01..U+0E5B (Thai); combining marks take none.
_THAI = (
    605,
    684,
    708,
    669,
    669,
    742,
    488,
    586,
    681,
    679,
    708,
    854,
    852,
    671,
    671,
    552,
    830,
    903,
    928,
    649,
    649,
    605,
    659,
    610,
    684,
    635,
    635,
    586,
    586,
    659,
    708,
    659,
    659,
    586,
    537,
    605,
    613,
    659,
    562,
    635,
    659,
    610,
    659,
    684,
    601,
    610,
    562,
    537,
    0,
    562,
    562,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    696,
    342,
    645,
    537,
    488,
    557,
    488,
    537,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    610,
    610,
    635,
    659,
    684,
    757,
    757,
    635,
    752,
    771,
    732,
    684,
    1157,
)

#: What an unlisted character is taken to need: generous, so a line never spills.
_OTHER = 0.72
_COMBINING = frozenset({"Mn", "Me", "Cf"})
#: Scripts whose runs UAX #14 leaves to a dictionary (line break class SA).
_SA_RANGES = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x19E0, 0x19FF))


@cache
def _char_width(char: str, bold: bool) -> float:
    """The advance of `char` in em."""
    code = ord(char)
    table = _BOLD if bold else _REGULAR
    if 0x20 <= code <= 0x7E:
        return table[code - 0x20] / 1000
    if 0x0E01 <= code <= 0x0E5B:
        return _THAI[code - 0x0E01] / 1000
    category = unicodedata.category(char)
    if category in _COMBINING:
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and 0x20 <= ord(base) <= 0x7E:
        return table[ord(base) - 0x20] / 1000
    return _OTHER


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` set at `size` pixels (or points), by the tables above."""
    return size * _em_width(text, bold)


@lru_cache(maxsize=65536)
def _em_width(text: str, bold: bool) -> float:
    """The width of `text` in em (maps measure the same labels at many sizes)."""
    return sum(_char_width(char, bold) for char in text)


def _is_sa(char: str) -> bool:
    code = ord(char)
    return any(low <= code <= high for low, high in _SA_RANGES)


@cache
def _thai_words() -> Callable[[str], list[str]] | None:
    """PyThaiNLP's word segmenter when the ``thai`` extra is installed, else None."""
    try:
        tokenize = require_extra("pythainlp.tokenize", "thai", "Thai word breaks", "pythainlp")
    except MissingExtraError:
        return None

    def words(text: str) -> list[str]:
        found: list[str] = tokenize.word_tokenize(text, engine="newmm", keep_whitespace=True)
        return found

    return words


def _split_sa(unit: str) -> Iterator[str]:
    """`unit` cut before each word of its Thai runs (with the ``thai`` extra)."""
    words = _thai_words()
    if words is None or not any("\u0e00" <= char <= "\u0e7f" for char in unit):
        yield unit
        return
    pieces = words(unit)
    if "".join(pieces) != unit:  # a segmenter that changes the text is not trusted
        yield unit
        return
    current = ""
    for piece in pieces:
        # spaces stay at the end of the word before them, as in UAX #14
        if current and not piece.isspace():
            yield current
            current = ""
        current += piece
    if current:
        yield current


def break_units(text: str) -> list[str]:
    """`text` cut at every place a line may break; the pieces join back to `text`."""
    return list(_break_units(text))


@lru_cache(maxsize=4096)
def _break_units(text: str) -> tuple[str, ...]:
    units: list[str] = []
    for unit in line_break_units(text):
        if any(_is_sa(char) for char in unit):
            units.extend(_split_sa(unit))
        else:
            units.append(unit)
    return tuple(units)


def longest_unit(text: str, size: float, bold: bool = False) -> float:
    """The width of `text`'s widest piece that no line break may cut (spaces after it aside)."""
    units = _break_units(text)
    return max((text_width(unit.rstrip(), size, bold) for unit in units), default=0.0)


def _clusters(unit: str, width: float, size: float, bold: bool) -> list[str]:
    """A unit wider than `width` cut between grapheme clusters, each piece fitting."""
    pieces: list[str] = []
    current = ""
    for cluster in grapheme_clusters(unit):
        if current and text_width(current + cluster, size, bold) > width:
            pieces.append(current)
            current = ""
        current += cluster
    if current:
        pieces.append(current)
    return pieces


@lru_cache(maxsize=16384)
def wrap_to_width(text: str, width: float, size: float, bold: bool = False) -> tuple[str, ...]:
    """`text` in lines no wider than `width` at `size`, cut only where a line may break.

    Spaces at the end of a line are dropped. A word wider than the line by
    itself is cut between grapheme clusters, so no line is ever wider.
    Cached: the PDF tries a map at many sizes and column widths.
    """
    lines: list[str] = []
    current = ""
    for unit in _break_units(" ".join(text.split())):
        candidate = current + unit
        if text_width(candidate.rstrip(), size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current.rstrip())
            current = ""
        if text_width(unit.rstrip(), size, bold) <= width:
            current = unit
        else:
            *whole, current = _clusters(unit.rstrip(), width, size, bold)
            lines.extend(whole)
            current += unit[len(unit.rstrip()) :]
    if current.strip():
        lines.append(current.rstrip())
    return tuple(lines) or ("",)
