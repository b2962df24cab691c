"""File names every operating system can hold: ids that name files must not be device names.

Windows reserves ``CON``, ``PRN``, ``AUX``, ``NUL``, ``COM0`` to ``COM9`` and
``LPT0`` to ``LPT9``, in any case and with any extension (``con.yaml`` cannot
be created or checked out there). macOS and Linux refuse only ``.``, ``..``
and names holding ``/`` or NUL, which no id can be. A role or competency id
names its file, so such an id is refused by validation (U102) and by
``competency import``.
"""

from __future__ import annotations

import re

__all__ = ["RESERVED", "is_reserved_file_name"]

#: The device names of Windows, lowercase, without extension.
RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{n}" for n in range(10)} | {f"lpt{n}" for n in range(10)}
)
_STEM = re.compile(r"[^.]*")


def is_reserved_file_name(name: str) -> bool:
    """True when `name` (an id, or a file name with extensions) is a reserved device name."""
    stem = _STEM.match(name)
    assert stem is not None  # the pattern matches the empty string
    return stem.group().rstrip(" ").lower() in RESERVED
