"""Plain-text tables with aligned columns."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

__all__ = ["Paint", "column_widths", "table", "table_lines"]

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
    widths = column_widths(header, rows)
    return list(table_lines(header, rows, widths, numeric, paint=paint, painted=painted))


def column_widths(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[int]:
    """The width of each column: its widest cell, the header's included."""
    widths = [len(cell) for cell in header]
    for row in rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    return widths


def table_lines(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    widths: Sequence[int],
    numeric: int = 0,
    *,
    paint: Paint | None = None,
    painted: int = -1,
) -> Iterator[str]:
    """`table`'s lines one by one, for rows read twice: once for `column_widths`, once here."""
    first_number = len(header) - numeric
    yield (
        "  "
        + "  ".join(
            cell.rjust(width) if index >= first_number else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(header, widths, strict=True))
        ).rstrip()
    )
    for row in rows:
        cells = []
        for index, (cell, width) in enumerate(zip(row, widths, strict=True)):
            if paint is not None and index == painted:
                cells.append(paint(cell, width))
            elif index >= first_number:
                cells.append(cell.rjust(width))
            else:
                cells.append(cell.ljust(width))
        yield "  " + "  ".join(cells).rstrip()
