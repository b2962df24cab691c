"""Plain-text tables with aligned columns."""

from __future__ import annotations

from collections.abc import Callable, Sequence

__all__ = ["Paint", "table"]

#: Pads a word to a width, and may colour it (the padding stays uncoloured).
Paint = Callable[[str, int], str]


def table(
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    numeric: int = 0,
    *,
    paint: Paint | None = None,
    painted: int = -1,
) -> list[str]:
    """Rows as aligned lines, indented two spaces.

    The last `numeric` columns align right. With `paint`, the cells of
    column `painted` (not the header's) are padded and coloured by it, so
    colour codes never upset the alignment.
    """
    widths = [len(cell) for cell in header]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    first_number = len(header) - numeric
    lines = []
    for number, row in enumerate([header, *rows]):
        cells = []
        for index, (cell, width) in enumerate(zip(row, widths, strict=True)):
            if paint is not None and number > 0 and index == painted:
                cells.append(paint(cell, width))
            elif index >= first_number:
                cells.append(cell.rjust(width))
            else:
                cells.append(cell.ljust(width))
        lines.append("  " + "  ".join(cells).rstrip())
    return lines
