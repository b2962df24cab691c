"""A copy of the golden framework whose text tries to break every output format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

__all__ = ["FRAMEWORK", "PAYLOAD", "hostile_framework"]

#: The small framework the golden files are rendered from.
FRAMEWORK = Path(__file__).resolve().parent / "framework"

#: A behaviour text that would run script in HTML, break a Markdown table,
#: and run code in Typst, if any of them were not escaped.
PAYLOAD = (
    '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> '
    "| --- | # [click](javascript:alert(1)) `x` $y$ "
    '#panic("typst ran") ]) } </script> \u2028 end'
)

_ORIGINAL = "        text: Gives specific feedback on one piece of work each week.\n"


def hostile_framework(folder: Path) -> Path:
    """Copy the golden framework into `folder` with `PAYLOAD` as one behaviour's text."""
    target = folder / "hostile-framework"
    shutil.copytree(FRAMEWORK, target)
    path = target / "competencies" / "coaching.yaml"
    text = path.read_text(encoding="utf-8")
    if _ORIGINAL not in text:  # pragma: no cover - guards the fixture itself
        raise AssertionError("the golden coaching.yaml changed; update hostile.py")
    path.write_text(text.replace(_ORIGINAL, f"        text: {json.dumps(PAYLOAD)}\n"), "utf-8")
    return target
