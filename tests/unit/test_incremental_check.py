"""Incremental checking: with a `FrameworkCache`, random edits give a full check's answer.

The language server checks a framework again after every edit with one
`FrameworkCache`, which re-runs only what the edit can affect. Whatever the
edits (hostile mutations, ids swapped for other ids of the framework, files
copied, removed and restored, suppression comments), each incremental check
must give exactly what a check from scratch of freshly parsed files gives:
the same diagnostics in the same order, and an equal framework.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from competency.check import LintOptions, check_framework, rules
from competency.check import framework as framework_check
from competency.check.framework import FrameworkCache
from competency.load import Document, parse_bytes
from tests.acceptance.support import BASE
from tests.unit.test_properties_safe import mutated

ROOT = Path(__file__).resolve().parents[2]
SOURCES = {"base": BASE / "matrices", "shipped": ROOT / "matrices"}
_VALUE = re.compile(r"^(\s*(?:- )?[a-z_]+: )([a-z][a-z0-9.@:-]*)\s*$")


def _files(folder: Path) -> dict[str, bytes]:
    files = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.yaml")}
    # The framework file first, as the folder reader orders it.
    return dict(sorted(files.items(), key=lambda item: (item[0] != "framework.yaml", item[0])))


FILES = {name: _files(folder) for name, folder in SOURCES.items()}
#: Every id-like value of each framework: what an edit may swap a value for.
IDS = {
    name: sorted(
        {
            found.group(2)
            for data in files.values()
            for line in data.decode().splitlines()
            if (found := _VALUE.match(line))
        }
    )
    for name, files in FILES.items()
}


@st.composite
def edit(draw: st.DrawFn, source: str, files: dict[str, bytes]) -> tuple[str, bytes | None]:
    """One edit of the framework `files`: a file's new bytes, or None to remove it."""
    originals = FILES[source]
    kind = draw(st.sampled_from(["value", "value", "mutate", "copy", "remove", "comment"]))
    name = draw(st.sampled_from(sorted(files)))
    data = files[name]
    if kind == "remove":
        return name, None
    if kind == "copy":
        if draw(st.booleans()) and set(originals) - set(files):
            back = draw(st.sampled_from(sorted(set(originals) - set(files))))
            return back, originals[back]
        return f"{name.removesuffix('.yaml')}-copy.yaml", data
    if kind == "mutate":
        return name, draw(mutated(data))
    lines = data.decode("utf-8", "replace").split("\n")
    index = draw(st.integers(0, len(lines) - 1))
    if kind == "comment":
        code = draw(st.sampled_from(["Q100", "Q101", "Q102", "Q103", "L100", "R101"]))
        lines[index] += f"  # competency: ignore[{code}]"
    else:
        candidates = [i for i, line in enumerate(lines) if _VALUE.match(line)] or [index]
        index = draw(st.sampled_from(candidates))
        found = _VALUE.match(lines[index])
        if found:
            value = draw(st.sampled_from(IDS[source]) | st.just(found.group(2) + "x"))
            lines[index] = found.group(1) + value
    return name, "\n".join(lines).encode("utf-8")


def _parse(name: str, data: bytes) -> Document:
    return parse_bytes(data, Path("matrices", name), f"matrices/{name}")


def _order(files: dict[str, bytes]) -> list[str]:
    return sorted(files, key=lambda name: (name != "framework.yaml", name))


@pytest.mark.parametrize("source", sorted(SOURCES))
@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data(), report_unused=st.booleans())
def test_incremental_check_equals_full_check(
    source: str, data: st.DataObject, report_unused: bool
) -> None:
    """After each random edit, the cached check gives the full check's diagnostics and framework."""
    files = dict(FILES[source])
    documents = {name: _parse(name, raw) for name, raw in files.items()}
    lint = LintOptions(report_unused=report_unused)
    cache = FrameworkCache()
    root = Path("matrices")
    check_framework("matrices", list(documents.values()), root, lint, cache)
    for _ in range(data.draw(st.integers(1, 5))):
        name, raw = data.draw(edit(source, files))
        if raw is None:
            files.pop(name, None)
            documents.pop(name, None)
        else:
            files[name] = raw
            documents[name] = _parse(name, raw)
        order = _order(files)
        incremental = check_framework("matrices", [documents[n] for n in order], root, lint, cache)
        full = check_framework("matrices", [_parse(n, files[n]) for n in order], root, lint, None)
        assert full.diagnostics == incremental.diagnostics
        assert full.framework == incremental.framework
        assert [d.display for d in full.evidence] == [d.display for d in incremental.evidence]


def test_an_edit_to_one_role_runs_only_that_roles_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a cache, after one role file changed only that role's rules and document run again."""
    documents = [_parse(name, raw) for name, raw in FILES["shipped"].items()]
    cache = FrameworkCache()
    first = check_framework("matrices", documents, Path("matrices"), cache=cache)
    calls: list[str] = []
    checked: list[str] = []
    role_rules = rules.role
    check_document = framework_check.check_document  # type: ignore[attr-defined]  # replaced here

    def counted_role(d: Any, *a: Any) -> Any:
        calls.append(d.display)
        return role_rules(d, *a)

    def counted_document(d: Any) -> Any:
        checked.append(d.display)
        return check_document(d)

    monkeypatch.setattr(rules, "role", counted_role)
    monkeypatch.setattr(framework_check, "check_document", counted_document)
    index = next(i for i, d in enumerate(documents) if d.display.startswith("matrices/roles/"))
    edited = documents[index]
    documents[index] = parse_bytes(edited.raw, edited.path, edited.display)
    again = check_framework("matrices", documents, Path("matrices"), cache=cache)
    assert [edited.display] == calls
    assert [edited.display] == checked
    assert first.diagnostics == again.diagnostics


def test_a_new_broken_file_silences_a_kept_roles_unknown_competency() -> None:
    """A file with errors that would define a competency a role names drops the role's R101."""
    files = dict(FILES["base"])
    files["roles/specialist.yaml"] = files["roles/specialist.yaml"].replace(
        b"      empathy: learning\n", b"      empathy: learning\n      listening: learning\n", 1
    )
    cache = FrameworkCache()
    root = Path("matrices")
    before = check_framework("matrices", [_parse(n, files[n]) for n in _order(files)], root)
    one_unknown = ["R101"]
    assert one_unknown == [d.code for d in before.diagnostics if d.code == "R101"]
    documents = {name: _parse(name, raw) for name, raw in files.items()}
    check_framework("matrices", [documents[n] for n in _order(files)], root, cache=cache)
    files["competencies/listening.yaml"] = b"format: competency/v1\nkind: competency\nid: [\n"
    documents["competencies/listening.yaml"] = _parse(
        "competencies/listening.yaml", files["competencies/listening.yaml"]
    )
    order = _order(files)
    incremental = check_framework("matrices", [documents[n] for n in order], root, cache=cache)
    full = check_framework("matrices", [_parse(n, files[n]) for n in order], root)
    none: list[object] = []
    assert none == [d for d in full.diagnostics if d.code == "R101"]
    assert full.diagnostics == incremental.diagnostics


def _steps_agree(files: dict[str, bytes], edits: list[tuple[str, bytes]]) -> None:
    """Check `files`, then apply each edit; every cached check must equal a full one."""
    cache = FrameworkCache()
    root = Path("matrices")
    documents = {name: _parse(name, raw) for name, raw in files.items()}
    check_framework("matrices", [documents[n] for n in _order(files)], root, cache=cache)
    for name, raw in edits:
        files[name], documents[name] = raw, _parse(name, raw)
        order = _order(files)
        incremental = check_framework("matrices", [documents[n] for n in order], root, cache=cache)
        full = check_framework("matrices", [_parse(n, files[n]) for n in order], root)
        assert full.diagnostics == incremental.diagnostics


def test_a_role_that_replaces_another_roles_behaviour_follows_that_role() -> None:
    """A role naming another role's behaviour is checked again when that role changes."""
    files = dict(FILES["base"])
    files["roles/specialist.yaml"] = files["roles/specialist.yaml"].replace(
        b"      troubleshooting: proficient\n",
        b"      troubleshooting:\n        step: proficient\n        behaviours:\n"
        b"          - id: reviews-incidents\n"
        b"            text: Reviews each incident with the lead and writes down one change.\n"
        b"            replaces: [team-lead.runs-incident-reviews]\n",
        1,
    )
    lead = files["roles/team-lead.yaml"]
    renamed = lead.replace(b"id: runs-incident-reviews", b"id: runs-incident-review", 1)
    _steps_agree(files, [("roles/team-lead.yaml", renamed), ("roles/team-lead.yaml", lead)])


def test_a_role_with_a_competencys_id_is_checked_with_the_others() -> None:
    """A role whose id is a competency's (U101) gives a full check's answer after other edits."""
    files = dict(FILES["base"])
    specialist = files["roles/specialist.yaml"].replace(b"id: specialist", b"id: empathy", 1)
    lead = files["roles/team-lead.yaml"]
    edited = lead.replace(b"runs-incident-reviews", b"runs-reviews", 1)
    _steps_agree(
        files,
        [("roles/specialist.yaml", specialist), ("roles/team-lead.yaml", edited)],
    )
