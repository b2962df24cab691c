"""Which characters the fonts available to the PDF renderer can draw.

Typst never fails on a character that no font has: it draws an empty box
("tofu") and says nothing. So before compiling, the PDF renderer asks this
module which characters of the text no font covers, and stops with a clear
message instead. Coverage is read from each font file's ``cmap`` table (the
table that maps characters to glyphs) with a small reader written for this,
so no extra dependency is needed.

Typst's own built-in fonts live inside its binary and cannot be read that
way; for them we trust a fixed set of characters (`BUILTIN_RANGES`)
that those fonts are known to draw, and ask a font file for everything else.
"""

from __future__ import annotations

import bisect
import os
import struct
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

__all__ = [
    "BUILTIN_RANGES",
    "Coverage",
    "MissingGlyph",
    "find_missing_glyphs",
    "font_hint",
    "read_coverage",
]

#: Ranges (inclusive) that every weight and style of Typst's built-in text
#: font, Libertinus Serif, draws (checked against the fonts in typst 0.15):
#: Basic Latin, Latin-1, Latin Extended-A, the Greek and Russian alphabets,
#: general punctuation (dashes, quotes, bullets, ellipsis, primes,
#: guillemets), the euro sign, trade mark and the four simple arrows.
BUILTIN_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),
    (0x00A0, 0x017F),
    (0x0391, 0x03A1),
    (0x03A3, 0x03C9),
    (0x0401, 0x0401),
    (0x0410, 0x044F),
    (0x0451, 0x0451),
    (0x2000, 0x2027),
    (0x202F, 0x2037),
    (0x2039, 0x203E),
    (0x20AC, 0x20AC),
    (0x2122, 0x2122),
    (0x2190, 0x2193),
)

#: Characters that need no glyph of their own (controls, format marks,
#: separators and variation selectors).
_NO_GLYPH_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
_VARIATION_SELECTORS = ((0xFE00, 0xFE0F), (0xE0100, 0xE01EF))


class Coverage:
    """A set of code points, kept as sorted inclusive ranges."""

    def __init__(self, ranges: Iterable[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for start, end in sorted(ranges):
            if merged and start <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        self._starts = [start for start, _ in merged]
        self._ends = [end for _, end in merged]

    def __contains__(self, code_point: object) -> bool:
        if not isinstance(code_point, int):
            return False
        index = bisect.bisect_right(self._starts, code_point) - 1
        return index >= 0 and code_point <= self._ends[index]

    @classmethod
    def from_code_points(cls, code_points: Iterable[int]) -> Coverage:
        """Coverage of exactly these code points."""
        return cls((point, point) for point in code_points)


_BUILTIN = Coverage(BUILTIN_RANGES)


# --- reading cmap tables ----------------------------------------------------


def read_coverage(path: str | os.PathLike[str], index: int = 0) -> Coverage:
    """The characters the font at `path` (font `index` of a collection) maps to a glyph.

    Raises `ValueError` for a file that is not a font this reader understands.
    """
    with open(path, "rb") as file:
        offset = _font_offset(file, index)
        cmap = _table(file, offset, b"cmap")
    return _parse_cmap(cmap)


def _read(file: BinaryIO, offset: int, size: int) -> bytes:
    file.seek(offset)
    data = file.read(size)
    if len(data) != size:
        raise ValueError("truncated font file")
    return data


def _font_offset(file: BinaryIO, index: int) -> int:
    """Where the font's table directory starts; collections hold several."""
    if _read(file, 0, 4) != b"ttcf":
        return 0
    (count,) = struct.unpack(">I", _read(file, 8, 4))
    if not 0 <= index < count:
        raise ValueError("no such font in the collection")
    (offset,) = struct.unpack(">I", _read(file, 12 + 4 * index, 4))
    return int(offset)


def _table(file: BinaryIO, font_offset: int, tag: bytes) -> bytes:
    (count,) = struct.unpack(">H", _read(file, font_offset + 4, 2))
    records = _read(file, font_offset + 12, 16 * count)
    for i in range(count):
        name, _, offset, length = struct.unpack(">4sIII", records[16 * i : 16 * i + 16])
        if name == tag:
            return _read(file, offset, length)
    raise ValueError(f"font has no {tag.decode()} table")


# Subtables in order of preference: full Unicode first, then the BMP.
_PREFERRED = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0))


def _parse_cmap(cmap: bytes) -> Coverage:
    (count,) = struct.unpack(">H", cmap[2:4])
    subtables: dict[tuple[int, int], int] = {}
    for i in range(count):
        platform, encoding, offset = struct.unpack(">HHI", cmap[4 + 8 * i : 12 + 8 * i])
        subtables.setdefault((platform, encoding), offset)
    for key in _PREFERRED:
        if key in subtables:
            return _parse_subtable(cmap, subtables[key])
    raise ValueError("font has no Unicode cmap")


def _parse_subtable(cmap: bytes, offset: int) -> Coverage:
    (kind,) = struct.unpack(">H", cmap[offset : offset + 2])
    if kind == 4:
        return Coverage.from_code_points(_format4(cmap, offset))
    if kind in (12, 13):
        return Coverage(_format12(cmap, offset))
    if kind == 6:
        return Coverage.from_code_points(_format6(cmap, offset))
    if kind == 0:
        glyphs = cmap[offset + 6 : offset + 262]
        return Coverage.from_code_points(c for c, glyph in enumerate(glyphs) if glyph)
    raise ValueError(f"unsupported cmap format {kind}")


def _format4(cmap: bytes, offset: int) -> Iterable[int]:
    """Segment mapping to delta values: the usual table for the BMP."""
    (seg_x2,) = struct.unpack(">H", cmap[offset + 6 : offset + 8])
    segments = seg_x2 // 2
    ends_at = offset + 14
    starts_at = ends_at + seg_x2 + 2
    deltas_at = starts_at + seg_x2
    ranges_at = deltas_at + seg_x2
    ends = struct.unpack(f">{segments}H", cmap[ends_at : ends_at + seg_x2])
    starts = struct.unpack(f">{segments}H", cmap[starts_at : starts_at + seg_x2])
    deltas = struct.unpack(f">{segments}H", cmap[deltas_at : deltas_at + seg_x2])
    range_offsets = struct.unpack(f">{segments}H", cmap[ranges_at : ranges_at + seg_x2])
    for i in range(segments):
        for code in range(starts[i], ends[i] + 1):
            if code == 0xFFFF:
                continue
            if range_offsets[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                at = ranges_at + 2 * i + range_offsets[i] + 2 * (code - starts[i])
                if at + 2 > len(cmap):
                    continue
                (glyph,) = struct.unpack(">H", cmap[at : at + 2])
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                yield code


def _format6(cmap: bytes, offset: int) -> Iterable[int]:
    first, count = struct.unpack(">HH", cmap[offset + 6 : offset + 10])
    glyphs = struct.unpack(f">{count}H", cmap[offset + 10 : offset + 10 + 2 * count])
    return (first + i for i, glyph in enumerate(glyphs) if glyph)


def _format12(cmap: bytes, offset: int) -> Iterable[tuple[int, int]]:
    """Segmented coverage: the table for characters beyond the BMP."""
    (groups,) = struct.unpack(">I", cmap[offset + 12 : offset + 16])
    for i in range(groups):
        at = offset + 16 + 12 * i
        start, end, _glyph = struct.unpack(">III", cmap[at : at + 12])
        yield start, end


# --- finding what is missing ------------------------------------------------


@dataclass(frozen=True, slots=True)
class MissingGlyph:
    """A character no available font draws, and one text that uses it."""

    char: str
    text: str

    @property
    def code(self) -> str:
        """The code point as U+XXXX."""
        return f"U+{ord(self.char):04X}"


def _needs_glyph(char: str) -> bool:
    if unicodedata.category(char) in _NO_GLYPH_CATEGORIES:
        return False
    point = ord(char)
    return not any(start <= point <= end for start, end in _VARIATION_SELECTORS)


def _needed(texts: Iterable[str]) -> dict[str, str]:
    """Each character outside the built-in set, with the first text using it."""
    needed: dict[str, str] = {}
    seen: set[str] = set()
    for text in texts:
        # A framework's text is millions of characters but a few hundred distinct
        # ones: ASCII needs nothing (printable is built in, controls need no glyph),
        # and of the rest only a text's new characters are looked at, in order.
        if text.isascii():
            continue
        fresh = set(text).difference(seen)
        if not fresh:
            continue
        seen.update(fresh)
        for char in sorted(fresh, key=text.index):
            if ord(char) not in _BUILTIN and _needs_glyph(char):
                needed[char] = text
    return needed


def _font_files(font_paths: Sequence[str | os.PathLike[str]]) -> list[tuple[str, int]]:
    """The font files Typst will use: those under `font_paths`, then the system's."""
    import typst

    found = typst.Fonts(
        include_system_fonts=True,
        include_embedded_fonts=False,
        font_paths=[os.fspath(p) for p in font_paths],
    ).fonts()
    unique: dict[tuple[str, int], None] = {}
    for font in found:
        if font.path is not None:
            unique[(str(font.path), int(font.index))] = None
    return list(unique)


def find_missing_glyphs(
    texts: Iterable[str], font_paths: Sequence[str | os.PathLike[str]] = ()
) -> list[MissingGlyph]:
    """The characters of `texts` that neither the built-in fonts nor any font file draws."""
    needed = _needed(texts)
    if not needed:
        return []
    for path, index in _font_files(font_paths):
        try:
            coverage = read_coverage(Path(path), index)
        except (OSError, ValueError, struct.error):
            continue  # an unreadable font cannot help; Typst skips it too
        needed = {char: text for char, text in needed.items() if ord(char) not in coverage}
        if not needed:
            return []
    return [MissingGlyph(char, text) for char, text in needed.items()]


# Debian packages to suggest, by Unicode block (inclusive ranges).
_HINTS: tuple[tuple[int, int, str, str], ...] = (
    (0x0E00, 0x0E7F, "Thai", "fonts-thai-tlwg"),
    (0x1100, 0x11FF, "Korean", "fonts-noto-cjk"),
    (0x2E80, 0x9FFF, "Chinese, Japanese or Korean", "fonts-noto-cjk"),
    (0xAC00, 0xD7AF, "Korean", "fonts-noto-cjk"),
    (0xF900, 0xFAFF, "Chinese, Japanese or Korean", "fonts-noto-cjk"),
    (0xFF00, 0xFFEF, "Chinese, Japanese or Korean", "fonts-noto-cjk"),
    (0x20000, 0x3FFFF, "Chinese, Japanese or Korean", "fonts-noto-cjk"),
    (0x1F000, 0x1FAFF, "emoji", "fonts-noto-color-emoji"),
)


def font_hint(char: str) -> tuple[str, str]:
    """The script of `char` and the Debian font package that covers it."""
    point = ord(char)
    for start, end, script, package in _HINTS:
        if start <= point <= end:
            return script, package
    name = unicodedata.name(char, "").split(" ")[0].capitalize()
    return name or "this script", "fonts-noto-core"
