"""A check that lets go of the roles' texts as it reads gives a full check's diagnostics.

``competency validate`` reads a framework folder with `keep_texts` false
(`FrameworkCache.reading`): each valid role file is checked for what reads
its texts as soon as it is read, then kept as its structure only. Whatever
the files (random edits of the base and the shipped frameworks: hostile
mutations, ids swapped, files copied and removed, suppression comments),
the diagnostics must be exactly those of a check that keeps everything,
in the same order, and the framework must have the same structure.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competency.check import CheckedFramework, LintOptions, check_framework
from competency.check.framework import FrameworkCache
from competency.framework import Framework
from competency.io import read_framework
from competency.load import Document
from tests.unit.test_incremental_check import FILES, _order, _parse, edit

ROOT = Path(__file__).resolve().parents[2]


def _check(files: dict[str, bytes], keep_texts: bool, lint: LintOptions) -> CheckedFramework:
    """`files` read in the folder reader's order, each handed to the cache's reading step."""
    order = _order(files)
    cache = FrameworkCache()
    read = cache.reading(
        [Path("matrices", n) for n in order], Path("matrices"), keep_texts=keep_texts
    )
    documents: list[Document] = []
    for name in order:
        document = _parse(name, files[name])
        read(document)
        documents.append(document)
    return check_framework("matrices", documents, Path("matrices"), lint, cache)


def _structure(framework: Framework | None) -> object:
    """What the rules across files read of a framework: ids, levels, steps, replacements."""
    if framework is None:
        return None
    return (
        framework.content_hash,
        sorted(framework.competencies),
        [(info.ref, info.level.grade, info.level.steps()) for info in framework.levels()],
        [
            (info.ref, info.step, info.level, info.behaviour.id, info.behaviour.replaces)
            for info in framework.behaviours()
        ],
    )


def _agree(files: dict[str, bytes], lint: LintOptions) -> None:
    full = _check(files, True, lint)
    light = _check(files, False, lint)
    assert full.diagnostics == light.diagnostics
    assert _structure(full.framework) == _structure(light.framework)


@pytest.mark.parametrize("source", sorted(FILES))
@settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), report_unused=st.booleans())
def test_a_check_without_texts_equals_a_full_check(
    source: str, data: st.DataObject, report_unused: bool
) -> None:
    """After random edits, letting go of the texts changes no diagnostic and no structure."""
    files = dict(FILES[source])
    for _ in range(data.draw(st.integers(0, 4))):
        name, raw = data.draw(edit(source, files))
        if raw is None:
            files.pop(name, None)
        else:
            files[name] = raw
    _agree(files, LintOptions(report_unused=report_unused))


def test_allowed_words_and_vague_words_are_found_before_the_texts_go() -> None:
    """Q100 of a role's own behaviours, and which ``lint.allow`` words are used, are kept."""
    files = dict(FILES["base"])
    files["framework.yaml"] += b"lint:\n  allow: [as needed, never used]\n"
    role = files["roles/specialist.yaml"]
    expectation = b"      troubleshooting: proficient\n"
    assert expectation in role
    files["roles/specialist.yaml"] = role.replace(
        expectation,
        b"      troubleshooting:\n        step: proficient\n        behaviours:\n"
        b"          - id: escalates-in-time\n"
        b"            text: Escalates as needed and usually within the hour.\n",
        1,
    )
    light = _check(files, False, LintOptions(report_unused=True))
    codes = [d.code for d in light.diagnostics]
    assert "Q100" in codes  # "usually" is vague; "as needed" is allowed
    assert any(d.code == "Q105" and "never used" in d.message for d in light.diagnostics)
    assert not any(d.code == "Q105" and "as needed" in d.message for d in light.diagnostics)
    _agree(files, LintOptions(report_unused=True))


def test_validate_lets_go_of_the_texts_and_other_readers_keep_them() -> None:
    """The validate path keeps no role text; `read_framework` by default keeps every one."""
    light = read_framework(ROOT / "matrices", keep_texts=False).framework
    full = read_framework(ROOT / "matrices").framework
    assert light is not None
    assert full is not None
    assert _structure(light) == _structure(full)
    role = next(iter(full.roles.values()))
    assert role.title
    assert role.levels[0].title
    emptied = light.roles[role.id]
    assert emptied.title == ""
    assert all(level.title == "" for level in emptied.levels)
