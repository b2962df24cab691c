"""Excel workbooks as bytes that depend on their content only.

Both workbooks the library writes (the framework export and the team
report) go through `workbook_bytes`: the workbook's own dates are the stamp
given, and every entry of the zip archive carries the same fixed time, so
the same content is always the same bytes. openpyxl is the ``xlsx`` extra:
`openpyxl` imports it or raises `MissingExtraError`.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime
from types import ModuleType
from typing import Any

from competency.diagnostics import require_extra

__all__ = ["ZIP_TIME", "openpyxl", "workbook_bytes"]

#: The time of every archive entry (the earliest a zip file can record).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def openpyxl(purpose: str = "xlsx") -> ModuleType:
    """The openpyxl module; `MissingExtraError` naming `purpose` when it is not installed."""
    return require_extra("openpyxl", "xlsx", purpose)


def workbook_bytes(workbook: Any, stamp: datetime) -> bytes:
    """The .xlsx bytes of an openpyxl `workbook`, created and modified at `stamp`.

    openpyxl's own ``save`` stamps the time of saving as "modified"; its
    writer, used here, keeps the stamp given.
    """
    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.created = workbook.properties.modified = stamp
    saved = io.BytesIO()
    with zipfile.ZipFile(saved, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(workbook, archive).save()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as target,
    ):
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()
