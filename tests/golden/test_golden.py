"""The Markdown and HTML renders of the golden framework, compared with committed files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from competency import load_framework
from competency.render import MANIFEST, render
from tests.golden.hostile import FRAMEWORK

EXPECTED = Path(__file__).resolve().parent / "expected"
DAY = date(2026, 5, 4)

#: Golden case name to (format, locale).
CASES = {
    "md-en": ("md", "en"),
    "md-fr": ("md", "fr"),
    "html-en": ("html", "en"),
}


def _read_tree(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST  # the render's own bookkeeping, not content
    }


def _rewrite(folder: Path, files: dict[str, str]) -> None:
    """Replace the golden files of one case; the folder holds nothing else."""
    for old in folder.rglob("*"):
        if old.is_file():
            old.unlink()
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


@pytest.mark.parametrize("case", sorted(CASES))
def test_render_matches_golden_files(case: str, tmp_path: Path, update_golden: bool) -> None:
    """Rendering the golden framework gives exactly the committed golden files."""
    fmt, locale = CASES[case]
    render(load_framework(FRAMEWORK), fmt, tmp_path, locale=locale, today=DAY)
    actual = _read_tree(tmp_path)
    if update_golden:
        _rewrite(EXPECTED / case, actual)
    expected = _read_tree(EXPECTED / case)
    assert expected == actual
