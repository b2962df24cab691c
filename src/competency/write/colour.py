"""The one colour helper: ANSI styles for terminals, by meaning rather than by colour."""

from __future__ import annotations

from typing import Literal

__all__ = ["Style", "paint"]

#: What a piece of text means; each meaning has one look.
Style = Literal["error", "warning", "dim", "good", "fair", "poor", "strong-good", "strong-poor"]

_CODES: dict[Style, str] = {
    "error": "1;31",
    "warning": "1;33",
    "dim": "2",
    "good": "32",
    "fair": "33",
    "poor": "31",
    "strong-good": "1;32",
    "strong-poor": "1;31",
}


def paint(text: str, style: Style, enabled: bool = True) -> str:
    """`text` in `style` when `enabled` (a terminal that wants colour), else unchanged."""
    if not enabled or not text:
        return text
    return f"\033[{_CODES[style]}m{text}\033[0m"
