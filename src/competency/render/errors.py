"""The errors of the renderers: reasons a render cannot go on."""

from __future__ import annotations

from collections.abc import Sequence

from competency.diagnostics import CompetencyError
from competency.render.fonts import MissingGlyph, font_hint

__all__ = ["MissingGlyphsError", "RenderError"]


class RenderError(CompetencyError):
    """A render that cannot go on: a broken template, a missing font, an unwritable folder."""


class MissingGlyphsError(RenderError):
    """Some text needs characters that no available font can draw.

    The message has several lines, also given one by one as `lines`; the
    text quoted in them is shown with `repr`, so none holds a line break.
    """

    def __init__(self, missing: Sequence[MissingGlyph], shown: int = 5) -> None:
        self.missing = tuple(missing)
        lines = [f"no available font can draw {len(self.missing)} character(s) of the text:"]
        for glyph in self.missing[:shown]:
            script, package = font_hint(glyph.char)
            lines.append(
                f"  {glyph.char!r} ({glyph.code}, {script}) in {_excerpt(glyph.text)!r}; "
                f"Debian package: {package}"
            )
        if len(self.missing) > shown:
            lines.append(f"  ... and {len(self.missing) - shown} more")
        packages = sorted({font_hint(g.char)[1] for g in self.missing})
        lines.append(
            f"install fonts that cover them (for example: apt-get install {' '.join(packages)}), "
            "or add a folder with such fonts to the font paths"
        )
        self.lines = tuple(lines)
        super().__init__("\n".join(lines))


def _excerpt(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
