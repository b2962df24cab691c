"""The translated Support Specialist ladder as PDF: Thai and Chinese text that pdftotext reads back.

Issue 10, item 7: the shipped framework is translated into Thai (``th``) and
Simplified Chinese (``zh-Hans``), and `.ci/run` installs the Debian fonts the
PDF needs (``fonts-thai-tlwg``, ``fonts-noto-cjk``). Without ``pdftotext`` or
those fonts the tests are skipped, naming what is missing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from competency.framework import Framework
from tests.conftest import MATRICES

pytestmark = pytest.mark.pdf
pytest.importorskip("typst")

#: For each locale, the Debian font package it needs and behaviours whose text the PDF must hold.
LOCALES = {
    "th": (
        "fonts-thai-tlwg",
        ["support-specialist.tags-each-ticket", "troubleshooting.collects-details"],
    ),
    "zh-Hans": (
        "fonts-noto-cjk",
        ["support-specialist.tags-each-ticket", "customer-empathy.adjusts-tone"],
    ),
}


def _flat(text: str) -> str:
    """The text without any white space: pdftotext breaks lines and spaces Thai clusters."""
    return re.sub(r"\s+", "", text)


def _needs(locale: str, framework: Framework, refs: list[str]) -> list[str]:
    """The locale's text of each behaviour; skip when no installed font draws it."""
    from competency.render.fonts import find_missing_glyphs

    package, _ = LOCALES[locale]
    maps = [framework.behaviour(ref).behaviour.text for ref in refs]
    texts = [text[locale] if isinstance(text, dict) else "" for text in maps]
    assert all(texts), f"a behaviour of {refs} has no {locale} text"
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian poppler-utils) is not installed")
    if find_missing_glyphs(texts):
        pytest.skip(f"no installed font draws {locale} text; install Debian {package}")
    return texts


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_support_specialist_pdf_holds_the_translated_behaviours(
    framework: Framework, cli: Callable[..., Any], tmp_path: Path, locale: str
) -> None:
    """`render --format pdf --role support-specialist --locale L` prints the behaviours in L."""
    texts = _needs(locale, framework, LOCALES[locale][1])
    run = cli(
        "render", MATRICES, "--format", "pdf", "--role", "support-specialist",
        "--locale", locale, "--out", tmp_path,
    )  # fmt: skip
    assert run.status == 0, run.err
    pdf = tmp_path / "support-specialist.pdf"
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    expected: list[str] = []
    assert expected == [text for text in texts if _flat(text) not in _flat(done.stdout)]
