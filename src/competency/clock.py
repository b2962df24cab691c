"""What day it is: the one place the library and the command line ask.

`today` is the day a run judges evidence against and dates new files with.
`release_time` and `release_date` are the moment stamped into published
output (rendered ladders, CASE packages): ``SOURCE_DATE_EPOCH`` when it is
set, for reproducible builds, else midnight UTC of today.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time

__all__ = ["release_date", "release_time", "source_date_epoch", "today"]


def today() -> date:
    """Today's date, on this machine's clock."""
    return date.today()


def source_date_epoch() -> datetime | None:
    """The moment ``SOURCE_DATE_EPOCH`` names (whole seconds since 1970, UTC), if set."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else None


def release_time() -> datetime:
    """The time stamped into published output: ``SOURCE_DATE_EPOCH``, else today at 00:00 UTC."""
    fixed = source_date_epoch()
    return fixed if fixed is not None else datetime.combine(today(), time(), UTC)


def release_date() -> date:
    """The day printed in published output: that of ``SOURCE_DATE_EPOCH``, else today."""
    fixed = source_date_epoch()
    return fixed.date() if fixed is not None else today()
