"""One localisation step: every format of every command shows names in the requested locale."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, Run

FRAMEWORK = ROOT / "tests" / "golden" / "framework"
EVIDENCE = """\
format: competency/v1
kind: evidence
person: {id: ana-b, name: Ana Berg}
role: support-engineer
level: se1
items: []
"""


@pytest.fixture
def evidence(tmp_path: Path) -> Path:
    """An evidence file for the golden framework, whose names exist in English and French."""
    path = tmp_path / "ana.yaml"
    path.write_text(EVIDENCE, encoding="utf-8")
    return path


@pytest.mark.parametrize("output", ["text", "md", "json", "html"])
def test_gap_shows_french_competency_names_in_every_format(
    cli: Callable[..., Run], evidence: Path, output: str
) -> None:
    """`gap --locale fr` names the competency 'Diagnostic', never 'Troubleshooting'."""
    run = cli("gap", evidence, "--matrices", FRAMEWORK, "--locale", "fr", "--format", output)
    assert (run.status, "Diagnostic" in run.out, "Troubleshooting" in run.out) == (0, True, False)


@pytest.mark.parametrize("output", ["text", "md", "json", "html"])
def test_level_shows_french_level_titles_in_every_format(
    cli: Callable[..., Run], evidence: Path, output: str
) -> None:
    """`level --locale fr` shows the French level titles."""
    run = cli("level", evidence, "--matrices", FRAMEWORK, "--locale", "fr", "--format", output)
    assert (run.status, "Ingénieur support II" in run.out) == (0, True)


def test_gap_without_locale_uses_the_default_names(cli: Callable[..., Run], evidence: Path) -> None:
    """Without --locale the framework's default locale (English) names the competency."""
    run = cli("gap", evidence, "--matrices", FRAMEWORK, "--format", "md")
    assert ("Troubleshooting" in run.out, "Diagnostic" in run.out) == (True, False)


def test_team_names_competencies_in_the_requested_locale(
    cli: Callable[..., Run], evidence: Path
) -> None:
    """`team --locale fr` counts competencies under their French names."""
    run = cli("team", evidence.parent, "--matrices", FRAMEWORK, "--locale", "fr", "--format", "md")
    assert (run.status, "Diagnostic" in run.out) == (0, True)


def test_a_thai_gap_page_and_a_thai_diff_show_thai_names(cli: Callable[..., Run]) -> None:
    """The shipped framework in Thai: the packet names the competency, the diff the level."""
    from competency import Names, load_framework

    matrices = ROOT / "matrices"
    thai = Names(load_framework(matrices), "th")
    empathy, level = thai.competency("customer-empathy"), thai.level("support-specialist@ss2")
    ploy = ROOT / "examples" / "ploy-s.yaml"
    page = cli("gap", ploy, "--matrices", matrices, "--as-of", "2026-11-01", "--locale", "th",
               "--format", "html")  # fmt: skip
    diff = cli("diff", "support-specialist@ss1", "support-specialist@ss2", "--matrices", matrices,
               "--locale", "th", "--format", "md")  # fmt: skip
    assert (empathy, level) != ("Customer empathy", "Support Specialist II")  # translated
    assert (page.status, empathy in page.out, "Customer empathy" in page.out) == (0, True, False)
    assert (diff.status, level in diff.out) == (0, True)


def test_families_show_their_names_in_the_page_locale(tmp_path: Path) -> None:
    """framework.yaml's families (1.2) name each role's family in Thai on the Thai site."""
    from competency import load_framework
    from competency.render import render

    written = render(load_framework(ROOT / "matrices"), "html", tmp_path, locale="th")
    page = next(p for p in written if p.name == "index.html").read_text(encoding="utf-8")
    assert ("กลุ่มตำแหน่ง: งานซัพพอร์ตลูกค้า" in page, "กลุ่มตำแหน่ง: support" in page) == (
        True,
        False,
    )
