"""Properties of hostile input: mutations only ever give diagnostics, outputs stay inert.

Random mutations of the valid base files (a key deleted, duplicated or
retyped; the file cut at a random byte; random bytes or control characters
inserted; line endings changed) must give diagnostics, never an exception;
`validate` gives the same answer twice; and for any text in any field, no
command prints a raw control character or a line a CI runner would obey.
"""

# FIELDS is a table of whole lines of the base files
from __future__ import annotations

import contextlib
import io
import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import competency
from competency.check import check_evidence, check_framework
from competency.diagnostics import CODES
from competency.load import parse_bytes
from tests.acceptance.support import BASE, base_files, parse

FILES = base_files()
EVIDENCE = (BASE / "evidence" / "amara.yaml").read_bytes()
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
WORKFLOW = re.compile(r"^\s*::(?!(?:error|warning|notice) file=)", re.MULTILINE)
FRAMEWORK = competency.load_framework(BASE / "matrices")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """`original` with one to three random mutations."""
    data = original
    for _ in range(draw(st.integers(1, 3))):
        lines = data.split(b"\n")
        index = draw(st.integers(0, max(len(lines) - 1, 0)))
        kind = draw(
            st.sampled_from(["delete", "duplicate", "retype", "cut", "bytes", "control", "endings"])
        )
        if kind == "delete":
            del lines[index]
        elif kind == "duplicate":
            lines.insert(index, lines[index])
        elif kind == "retype":
            head, sep, _ = lines[index].partition(b": ")
            value = draw(st.sampled_from([b"[]", b"{}", b"42", b"true", b"~", b"[a, [b]]", b"'x'"]))
            lines[index] = head + (sep or b": ") + value
        elif kind == "cut":
            data = data[: draw(st.integers(0, len(data)))]
            continue
        elif kind == "bytes":
            at = draw(st.integers(0, len(data)))
            data = data[:at] + draw(st.binary(min_size=1, max_size=8)) + data[at:]
            continue
        elif kind == "control":
            at = draw(st.integers(0, len(data)))
            char = draw(
                st.sampled_from(["\x00", "\x1b", "\x07", "\x7f", "\x85", "\u202e", "\u2028"])
            )
            data = data[:at] + char.encode() + data[at:]
            continue
        else:
            ending = draw(st.sampled_from([b"\r", b"\r\n", b"\n\n"]))
            data = ending.join(lines)
            continue
        data = b"\n".join(lines)
    return data


def _well_formed(diagnostics: list[competency.Diagnostic]) -> list[str]:
    """The diagnostics that point nowhere or carry an unknown code (none expected)."""
    return [str(d) for d in diagnostics if d.line < 1 or d.column < 1 or d.code not in CODES]


@SETTINGS
@given(data=mutated(EVIDENCE))
def test_a_mutated_evidence_file_only_gives_diagnostics(data: bytes) -> None:
    """Checking a mutated evidence file never raises, and every diagnostic points somewhere."""
    document = parse_bytes(data, Path("evidence/amara.yaml"), "evidence/amara.yaml")
    _, problems = check_evidence(document, FRAMEWORK)
    assert _well_formed(document.diagnostics + problems) == []


@SETTINGS
@given(name=st.sampled_from(sorted(FILES)), data=st.data())
def test_a_mutated_framework_file_only_gives_diagnostics(name: str, data: st.DataObject) -> None:
    """Checking a framework with one mutated file never raises; diagnostics point somewhere."""
    files = dict(FILES)
    changed = data.draw(mutated(files[name].encode("utf-8")))
    documents = parse({key: value for key, value in files.items() if key != name})
    documents.append(parse_bytes(changed, Path("matrices", name), f"matrices/{name}"))
    checked = check_framework("matrices", documents)
    assert _well_formed(checked.diagnostics) == []


@contextlib.contextmanager
def _workspace() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        shutil.copytree(BASE, root, dirs_exist_ok=True)
        yield root


@settings(max_examples=25, deadline=None)
@given(data=mutated(EVIDENCE))
def test_validate_is_deterministic(data: bytes) -> None:
    """`validate` over the same mutated file gives the same diagnostics twice."""
    with _workspace() as root:
        (root / "evidence" / "amara.yaml").write_bytes(data)
        paths = [root / "matrices", root / "evidence"]
        first = competency.validate(paths).sorted()
        second = competency.validate(paths).sorted()
    assert first == second


#: Text from anywhere: every control, bidi and line-break character, and CI commands.
HOSTILE_TEXT = (
    st.lists(
        st.one_of(
            st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=5),
            st.sampled_from([*"\x1b\x07\r\n\x85\u202e\u2066\u2028\u2029\x9b", "::error::"]),
        ),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(lambda text: text.strip() != "")
)

AS_OF = ["--as-of", "2026-11-01"]
COMMANDS = [
    ["validate", "matrices", "evidence"],
    ["validate", "matrices", "evidence", "--format", "github"],
    ["gap", "evidence/amara.yaml", *AS_OF],
    ["gap", "evidence/amara.yaml", *AS_OF, "--format", "md"],
    ["gap", "evidence/amara.yaml", *AS_OF, "--format", "json"],
    ["gap", "evidence/amara.yaml", *AS_OF, "--format", "html"],
    ["level", "evidence/amara.yaml", *AS_OF],
    ["team", "evidence", *AS_OF],
    ["team", "evidence", *AS_OF, "--format", "csv"],
    ["team", "evidence", *AS_OF, "--format", "md"],
    ["diff", "specialist@sp1", "specialist@sp2"],
    ["diff", "specialist@sp1", "specialist@sp2", "--format", "md"],
    ["template", "evidence", "--target", "specialist@sp2"],
    ["rename", "competency", "empathy", "care", "--dry-run"],
]
#: Where the text goes: (file inside the base, the line to replace, its new form).
FIELDS = [
    (
        "evidence/amara.yaml",
        "person: {id: amara-o, name: Amara Okafor}",
        "person: {{id: amara-o, name: {}}}",
    ),
    (
        "evidence/amara.yaml",
        "    summary: Led the investigation of failing webhooks for a large account.",
        "    summary: {}",
    ),
    ("matrices/competencies/empathy.yaml", "name: Customer empathy", "name: {}"),
    (
        "matrices/competencies/empathy.yaml",
        "        text: Names the business impact of the problem in the first reply.",
        "        text: {}",
    ),
    ("matrices/roles/specialist.yaml", "    title: Support Specialist II", "    title: {}"),
    ("matrices/framework.yaml", "    name: Practising", "    name: {}"),
]


def _run(*args: str) -> str:
    from competency.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        main(list(args))
    return out.getvalue() + err.getvalue()


@pytest.mark.parametrize("field", FIELDS, ids=[f[2].split(":")[0].strip() for f in FIELDS])
@settings(max_examples=8, deadline=None)
@given(text=HOSTILE_TEXT)
def test_no_output_carries_a_raw_control_or_a_ci_command(
    field: tuple[str, str, str], text: str
) -> None:
    """For any text in the field, no command prints a raw control or a workflow-command line."""
    name, line, form = field
    found = []
    with _workspace() as root:
        path = root / name
        original = path.read_text(encoding="utf-8")
        assert line in original
        path.write_text(original.replace(line, form.format(json.dumps(text))), encoding="utf-8")
        with contextlib.chdir(root):
            for args in COMMANDS:
                printed = _run(*args)
                if RAW_CONTROL.search(printed) or WORKFLOW.search(printed):
                    found.append(" ".join(args))
    assert found == []
