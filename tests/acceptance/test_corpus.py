"""The hostile-input corpus: every kind of file, every command, as an attacker or a careless user.

Each case lays files over a copy of the base framework, runs one command
in-process, and checks the same promises: the exit status; the diagnostics
expected, at their file, line, column and code; no "internal error" and no
traceback; no raw control character and no line a CI runner would read as a
workflow command (``::error ...``) in anything printed; and ceilings on time
(the hang guard) and memory that only a hang or a blow-up would cross.
"""

# ruff: noqa: E501  # the corpus is a table: one case a line reads better than wrapped strings
from __future__ import annotations

import os
import re
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict, Unpack

import pytest
from tests.acceptance.support import DIAGNOSTIC
from tests.conftest import Run

pytestmark = pytest.mark.usefixtures("hang_guard")

#: Far above what any case needs (the largest, a 2 MiB file, takes about 250 MB).
MEMORY_CEILING = 1024 * 1024 * 1024
#: A raw control character, bidi control or Unicode line separator.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
#: A line GitHub Actions reads as a workflow command; ours are `::error file=...` only.
WORKFLOW = re.compile(r"^[\s\ufeff\u200b-\u200d]*::(?!(?:error|warning|notice) file=)")

HEAD = "format: competency/v1\nkind: evidence\nperson: {id: zoe-o}\nrole: specialist\n"
"""Lines 1 to 4 of a valid evidence file; a case's own lines start at line 5."""
ITEM = (
    "items:\n  - date: 2026-08-14\n    source: self\n"
    "    shows: [troubleshooting.reproduces-first]\n    summary: "
)
"""Lines 5 to 9 of an evidence file; the summary's value starts at line 9, column 14."""
ESC = "\\e]0;owned\\a\\e[2J\\r\\n::error::forged\\u202e\\u2028"
"""Inside a double-quoted YAML string: a title change, a screen clear, a forged CI line, bidi."""
NAME = f'"{ESC}=HYPERLINK(\\"http://x\\")<script>[a](javascript:alert(1))"'
"""A hostile person name or text, as a YAML double-quoted scalar."""
EVIDENCE = ["validate", "matrices", "evidence/x.yaml"]


@dataclass
class Case:
    """One hostile input: files to lay down, a command, what it must give."""

    name: str
    files: dict[str, str | bytes]
    args: list[str] = field(default_factory=lambda: list(EVIDENCE))
    status: int = 1
    expected: list[str] = field(default_factory=list)
    """``FILE:LINE:COLUMN CODE`` of diagnostics that must be among those printed."""
    absent: list[str] = field(default_factory=list)
    """Codes that must not be printed at all (a cascade, say)."""
    links: dict[str, str] = field(default_factory=dict)
    fifos: list[str] = field(default_factory=list)
    says: list[str] = field(default_factory=list)
    """Texts that must be printed (a message that is no diagnostic line)."""
    unsaid: list[str] = field(default_factory=list)
    """Texts that must not be printed (a live mention, say)."""


class _More(TypedDict, total=False):
    """The fields of a `Case` that `_ev` and `_role` pass through as keywords."""

    status: int
    absent: list[str]


def _ev(name: str, body: str | bytes, *expected: str, **kw: Unpack[_More]) -> Case:
    """A case of one evidence file ``evidence/x.yaml`` checked by ``validate``."""
    content = HEAD.encode() + body if isinstance(body, bytes) else HEAD + body
    return Case(name, {"evidence/x.yaml": content}, expected=list(expected), **kw)


def _role(name: str, body: str, *expected: str, **kw: Unpack[_More]) -> Case:
    """A case of one extra role file ``matrices/roles/x.yaml`` checked by ``validate matrices``."""
    head = "format: competency/v1\nkind: role\nid: x\ntitle: X\ntrack: ic\n"
    return Case(
        name,
        {"matrices/roles/x.yaml": head + body},
        args=["validate", "matrices"],
        expected=list(expected),
        **kw,
    )


F = "evidence/x.yaml"
R = "matrices/roles/x.yaml"
BIG = 2 * 1024 * 1024 - 4096

YAML_CASES = [
    _ev("tab indentation", "items:\n\t- x\n", f"{F}:6:1 Y100"),
    _ev("unclosed double quote", 'notes: "open\n', f"{F}:6:1 Y100"),
    _ev("unclosed flow list", "notes: [a, b\n", f"{F}:6:1 Y100"),
    _ev("unclosed flow mapping", "notes: {a: b\n", f"{F}:6:1 Y100"),
    _ev("duplicate key", "role: specialist\n", f"{F}:5:1 Y101"),
    _ev("duplicate key in an item", ITEM + "a\n    summary: b\n", f"{F}:10:5 Y101"),
    _ev("anchor", "level: &a sp1\n", f"{F}:5:8 Y102"),
    _ev("alias", "level: *a\n", f"{F}:5:8 Y102"),
    _ev("merge key", "<<: {level: sp1}\n", f"{F}:5:1 Y103"),
    _ev("standard tag", "level: !!str sp1\n", f"{F}:5:8 Y104"),
    _ev("python tag", "level: !!python/object/apply:os.system [id]\n", f"{F}:5:8 Y104"),
    _ev("local tag", "level: !x sp1\n", f"{F}:5:8 Y104"),
    _ev("second document", "---\nformat: competency/v1\n", f"{F}:5:1 Y105"),
    _ev("document end then more", "...\n---\nx: 1\n", f"{F}:6:1 Y105"),
    _ev("latin-1 byte", b"level: caf\xe9\n", f"{F}:5:11 Y106"),
    _ev("lone continuation byte", b"level: \x80\n", f"{F}:5:8 Y106"),
    _ev("overlong encoding", b"level: \xc0\xaf\n", f"{F}:5:8 Y106"),
    _ev("surrogate encoded", b"level: \xed\xa0\x80\n", f"{F}:5:8 Y106"),
    _ev("NUL byte", b"level: a\x00b\n", f"{F}:5:9 Y106"),
    _ev("raw escape character", "level: a\x1b[31mb\n", f"{F}:5:9 Y106"),
    _ev("raw bell", "level: a\x07\n", f"{F}:5:9 Y106"),
    _ev("raw DEL", "level: a\x7f\n", f"{F}:5:9 Y106"),
    _ev("raw C1 control", "level: a\u009b\n", f"{F}:5:9 Y106"),
    _ev("raw backspace in a key", "le\x08vel: sp1\n", f"{F}:5:3 Y106"),
    Case(
        "UTF-16 file",
        {F: "\ufeffformat: competency/v1\n".encode("utf-16")},
        expected=[f"{F}:1:1 Y106"],
    ),
    Case("UTF-32 file", {F: "format: x\n".encode("utf-32")}, expected=[f"{F}:1:1 Y106"]),
    Case(
        "CR-only line endings, control character on line 5",
        {F: HEAD.replace("\n", "\r") + "level: a\x1bb\r"},
        expected=[f"{F}:5:9 Y106"],
    ),
    Case(
        "CR-only line endings, bad UTF-8 on line 5",
        {F: HEAD.replace("\n", "\r").encode() + b"level: \xff\r"},
        expected=[f"{F}:5:8 Y106"],
    ),
    Case(
        "CR-only line endings, NUL on line 5",
        {F: HEAD.replace("\n", "\r") + "level: a\x00\r"},
        expected=[f"{F}:5:9 Y106"],
    ),
    Case(
        "CRLF line endings, control character on line 5",
        {F: HEAD.replace("\n", "\r\n") + "level: a\x1bb\r\n"},
        expected=[f"{F}:5:9 Y106"],
    ),
    Case(
        "next-line (NEL) line breaks, control character on line 5",
        {F: HEAD.replace("\n", "\x85") + "level: a\x1bb\n"},
        expected=[f"{F}:5:9 Y106"],
    ),
    Case(
        "line-separator line breaks, control character on line 5",
        {F: HEAD.replace("\n", "\u2028") + "level: a\x1bb\n"},
        expected=[f"{F}:5:9 Y106"],
    ),
    Case("empty file", {F: ""}, expected=[f"{F}:1:1 Y109"]),
    Case("only comments", {F: "# nothing\n# here\n"}, expected=[f"{F}:1:1 Y109"]),
    Case("only a BOM", {F: "\ufeff"}, expected=[f"{F}:1:1 Y109"]),
    Case(
        "over the size limit",
        {F: HEAD + "#" * (3 * 1024 * 1024) + "\n"},
        expected=[f"{F}:1:1 Y107"],
    ),
    _ev("20,000 nested lists", "notes: " + "[" * 20000 + "]" * 20000 + "\n", f"{F}:5:71 Y108"),
    _ev(
        "20,000 nested mappings", "notes: " + "{a: " * 20000 + "}" * 20000 + "\n", f"{F}:5:260 Y108"
    ),
    _ev("20,000 nested block lists", "notes:\n" + "- " * 20000 + "x\n", f"{F}:6:127 Y108"),
    _ev(
        "500 aliases",
        "".join(f"k{n}: *a\n" for n in range(500)),
        f"{F}:105:7 Y111",
    ),
    _ev("an integer of 5,000 digits", ITEM + "1" * 5000 + "\n", f"{F}:9:14 Y112"),
    _ev("a negative integer of 5,000 digits", "level: -" + "9" * 5000 + "\n", f"{F}:5:8 Y112"),
    _ev(
        "an integer of 5,000 digits as a key's value in a flow",
        "notes: [" + "1" * 5000 + "]\n",
        f"{F}:5:9 Y112",
    ),
    _ev("a float that overflows", ITEM + "1e999999\n", f"{F}:9:14 S102"),
    _ev("a complex key", "? [a, b]\n: c\n", f"{F}:5:3 Y100"),
]

SHAPE_CASES = [
    Case("root is a list", {F: "- a\n- b\n"}, expected=[f"{F}:1:1 S102"]),
    Case("root is a scalar", {F: "hello\n"}, expected=[f"{F}:1:1 S102"]),
    Case("root is a number of 5,000 digits", {F: "7" * 5000 + "\n"}, expected=[f"{F}:1:1 Y112"]),
    Case("format missing", {F: "kind: evidence\n"}, expected=[f"{F}:1:1 F100"]),
    Case(
        "format wrong", {F: "format: competency/v2\nkind: evidence\n"}, expected=[f"{F}:1:9 F100"]
    ),
    Case("kind unknown", {F: "format: competency/v1\nkind: résumé\n"}, expected=[f"{F}:2:7 F101"]),
    Case(
        "kind is a hostile string",
        {F: f"format: competency/v1\nkind: {NAME}\n"},
        expected=[f"{F}:2:7 F101"],
    ),
    _ev("unknown key", "levle: sp1\n", f"{F}:5:1 S100"),
    _ev("unknown key with escapes", f"{NAME}: 1\n", f"{F}:5:1 S100"),
    _ev("unknown key with a line break and a CI command", '"a\\n::error::x": 1\n', f"{F}:5:1 S100"),
    _ev("a key of 100,000 characters", "k" * 100000 + ": 1\n", f"{F}:5:100001 Y100"),
    _ev("unknown key with bidi override", '"\\u202eevil": 1\n', f"{F}:5:1 S100"),
    _ev(
        "required key missing", "items:\n  - date: 2026-08-14\n    source: self\n", f"{F}:6:5 S101"
    ),
    _ev("yes as a boolean", "confirmed: yes\n", f"{F}:5:12 S102"),
    _ev("number as text", ITEM + "42\n", f"{F}:9:14 S102"),
    _ev("mapping as text", ITEM + "{a: b}\n", f"{F}:9:15 S108"),
    _ev("null as text", ITEM + "~\n", f"{F}:9:14 S102"),
    _ev("empty summary", ITEM + "''\n", f"{F}:9:14 S103"),
    _ev(
        "empty shows",
        "items:\n  - date: 2026-08-14\n    source: self\n    summary: s\n    shows: []\n",
        f"{F}:9:12 S103",
    ),
    _ev("person id not kebab-case", "level: Sp1\n", f"{F}:5:8 S104"),
    _ev("id of 1 MiB", "level: " + "a" * (1024 * 1024) + "\n", f"{F}:5:8 S104"),
    _ev("hostile id", f"level: {NAME}\n", f"{F}:5:8 S104"),
    _ev(
        "30th of February",
        "items:\n  - date: 2026-02-30\n    source: self\n    summary: s\n    shows: [troubleshooting.reproduces-first]\n",
        f"{F}:6:11 S105",
    ),
    _ev(
        "date with a time",
        "items:\n  - date: 2026-02-03T10:00:00Z\n    source: self\n    summary: s\n    shows: [troubleshooting.reproduces-first]\n",
        f"{F}:6:11 S105",
    ),
    _ev(
        "year zero",
        "items:\n  - date: 0000-01-01\n    source: self\n    summary: s\n    shows: [troubleshooting.reproduces-first]\n",
        f"{F}:6:11 S105",
    ),
    _ev(
        "unknown source",
        "items:\n  - date: 2026-08-14\n    source: oracle\n    summary: s\n    shows: [troubleshooting.reproduces-first]\n",
        f"{F}:7:13 S106",
    ),
    _ev(
        "bad behaviour reference",
        "items:\n  - date: 2026-08-14\n    source: self\n    summary: s\n    shows: [not a ref]\n",
        f"{F}:9:13 S107",
    ),
    _ev(
        "unknown behaviour",
        "items:\n  - date: 2026-08-14\n    source: self\n    summary: s\n    shows: [troubleshooting.nope]\n",
        f"{F}:9:13 R106",
    ),
    Case(
        "unknown role",
        {F: "format: competency/v1\nkind: evidence\nperson: {id: zoe-o}\nrole: astronaut\n"},
        expected=[f"{F}:4:7 R105"],
    ),
    _ev(
        "100,000 unknown keys in 2 MiB",
        "".join(f"k{n}: {n}\n" for n in range(100000))[: BIG - 200].rpartition("\n")[0] + "\n",
        f"{F}:5:1 S100",
        f"{F}:104:1 Y111",
    ),
    Case(
        "four files of 20,000 unknown keys",
        {
            f"evidence/{n}.yaml": HEAD + "".join(f"k{i}: {i}\n" for i in range(20000))
            for n in "abcd"
        },
        args=["validate", "matrices", "evidence"],
        expected=[f"evidence/{n}.yaml:104:1 Y111" for n in "abcd"],
    ),
    Case(
        "a second file about the same person",
        {
            "evidence/y.yaml": "format: competency/v1\nkind: evidence\nperson: {id: amara-o}\nrole: specialist\n"
        },
        args=["validate", "matrices", "evidence"],
        expected=["evidence/y.yaml:3:14 U100"],
    ),
]

FRAMEWORK_CASES = [
    Case(
        "a YAML error in a competency gives no cascade of unknown competencies",
        {
            "matrices/competencies/empathy.yaml": 'format: competency/v1\nkind: competency\nid: empathy\nname: "Customer empathy\n'
        },
        args=["validate", "matrices"],
        expected=["matrices/competencies/empathy.yaml:5:1 Y100"],
        absent=["R101", "R106"],
    ),
    Case(
        "a bad byte in a competency gives no cascade",
        {
            "matrices/competencies/empathy.yaml": b"format: competency/v1\nkind: competency\nid: empathy\nname: \xff\n"
        },
        args=["validate", "matrices"],
        expected=["matrices/competencies/empathy.yaml:4:7 Y106"],
        absent=["R101", "R106"],
    ),
    Case(
        "an unparsable role gives no cascade in the paths",
        {
            "matrices/roles/team-lead.yaml": "format: competency/v1\nkind: role\nid: team-lead\ntitle: [x\n"
        },
        args=["validate", "matrices"],
        expected=["matrices/roles/team-lead.yaml:5:1 Y100"],
        absent=["R105"],
    ),
    Case(
        "a competency with no id line and a syntax error: its file name stands in",
        {
            "matrices/competencies/empathy.yaml": "format: competency/v1\nkind: competency\n  id: empathy\n"
        },
        args=["validate", "matrices"],
        expected=["matrices/competencies/empathy.yaml:3:5 Y100"],
        absent=["R101"],
    ),
    Case(
        "a FIFO in the framework folder",
        {},
        args=["validate", "matrices"],
        fifos=["matrices/roles/pipe.yaml"],
        expected=["matrices/roles/pipe.yaml:1:1 Y110"],
    ),
    Case(
        "a dangling link in the framework folder",
        {},
        args=["validate", "matrices"],
        links={"matrices/roles/gone.yaml": "nowhere.yaml"},
        expected=["matrices/roles/gone.yaml:1:1 Y110"],
    ),
    Case(
        "a link loop in the framework folder",
        {},
        args=["validate", "matrices"],
        links={"matrices/roles/a.yaml": "b.yaml", "matrices/roles/b.yaml": "a.yaml"},
        expected=["matrices/roles/a.yaml:1:1 Y110", "matrices/roles/b.yaml:1:1 Y110"],
    ),
    Case(
        "a FIFO in an evidence folder",
        {},
        args=["validate", "matrices", "evidence"],
        fifos=["evidence/pipe.yaml"],
        expected=["evidence/pipe.yaml:1:1 Y110"],
    ),
    Case(
        "a dangling link in an evidence folder",
        {},
        args=["validate", "matrices", "evidence"],
        links={"evidence/gone.yaml": "/nonexistent/x.yaml"},
        expected=["evidence/gone.yaml:1:1 Y110"],
    ),
    Case(
        "a hostile file name inside the framework folder",
        {
            "matrices/competencies/\x1b]0;owned\x07\n::error::x\u202e.yaml": "format: competency/v1\nkind: competency\nid: z\n"
        },
        args=["validate", "matrices"],
        expected=["matrices/competencies/\\x1b]0;owned\\x07\\n::error::x\\u202e.yaml:1:1 S101"],
    ),
    Case(
        "a hostile file name in github format",
        {"evidence/\x1b[2J\n::error::x.yaml": HEAD + "levle: 1\n"},
        args=["validate", "matrices", "evidence", "--format", "github"],
    ),
    Case(
        "a hostile unknown key in SARIF",
        {F: HEAD + f"{NAME}: 1\n"},
        args=["validate", "matrices", F, "--format", "sarif"],
    ),
    Case(
        "a hostile unknown key in JSON",
        {F: HEAD + f"{NAME}: 1\n"},
        args=["validate", "matrices", F, "--format", "json"],
    ),
    _role(
        "a 5,000-digit number as a level title",
        "levels:\n  - id: x1\n    title: "
        + "9" * 5000
        + "\n    grade: g1\n    expects: {empathy: learning}\n",
        f"{R}:8:12 Y112",
    ),
    Case(
        "a 5,000-digit framework version",
        {
            "matrices/framework.yaml": "format: competency/v1\nkind: framework\nid: t\nversion: "
            + "1" * 5000
            + "\n"
        },
        args=["validate", "matrices"],
        expected=["matrices/framework.yaml:4:10 Y112"],
    ),
    _role(
        "unknown grade",
        "levels:\n  - id: x1\n    title: X1\n    grade: g9\n    expects: {empathy: learning}\n",
        f"{R}:9:12 R104",
    ),
    _role(
        "unknown competency",
        "levels:\n  - id: x1\n    title: X1\n    grade: g1\n    expects: {nope: learning}\n",
        f"{R}:10:15 R101",
        status=1,
    ),
    _role(
        "unknown step",
        "levels:\n  - id: x1\n    title: X1\n    grade: g1\n    expects: {empathy: master}\n",
        f"{R}:10:24 R102",
    ),
    _role(
        "hostile level title is fine",
        "levels:\n  - id: x1\n    title: "
        + NAME
        + "\n    grade: g1\n    expects: {empathy: learning}\n",
        status=0,
    ),
    Case(
        "a move from a level to itself",
        {
            "matrices/paths.yaml": "format: competency/v1\nkind: paths\nmoves:\n  - from: specialist@sp1\n    to: specialist@sp1\n    type: promotion\n"
        },
        args=["validate", "matrices"],
        expected=["matrices/paths.yaml:5:9 P101"],
    ),
    Case(
        "a move listed twice",
        {
            "matrices/paths.yaml": "format: competency/v1\nkind: paths\nmoves:\n  - {from: specialist@sp1, to: specialist@sp2, type: promotion}\n  - {from: specialist@sp1, to: specialist@sp2, type: promotion}\n"
        },
        args=["validate", "matrices"],
        expected=["matrices/paths.yaml:5:5 P102"],
    ),
    Case(
        "a competency with 2,000 behaviours at one step is read, not refused",
        {
            "matrices/competencies/wide.yaml": "format: competency/v1\nkind: competency\nid: wide\nname: Wide\ncategory: craft\nsteps:\n  learning:\n    behaviours:\n"
            + "".join(
                f"      - id: b{n}\n        text: Does thing number {n} well.\n"
                for n in range(2000)
            )
        },
        args=["validate", "matrices"],
        status=0,
    ),
]

#: Evidence with a hostile name and hostile texts, valid as a file.
HOSTILE_EVIDENCE = (
    f"format: competency/v1\nkind: evidence\nperson: {{id: amara-o, name: {NAME}}}\n"
    "role: specialist\nlevel: sp1\nitems:\n  - id: outage\n    date: 2026-08-14\n"
    f"    source: manager\n    summary: {NAME}\n    link: 'javascript:alert(1)'\n"
    "    shows: [troubleshooting.finds-root-cause, empathy.names-impact]\n"
    f"not_applicable:\n  - behaviour: empathy.restates-problem\n    reason: {NAME}\n"
)
HOSTILE_COMPETENCY = (
    f"format: competency/v1\nkind: competency\nid: empathy\nname: {NAME}\ncategory: customer\n"
    f"steps:\n  learning:\n    behaviours:\n      - id: restates-problem\n        text: {NAME}\n"
    "  practising:\n    behaviours:\n      - id: names-impact\n"
    "        text: Names the business impact of the problem in the first reply.\n"
    "references:\n  - {scheme: SFIA, code: " + NAME + ", url: 'javascript:alert(1)'}\n"
)
HOSTILE = {
    "evidence/amara.yaml": HOSTILE_EVIDENCE,
    "matrices/competencies/empathy.yaml": HOSTILE_COMPETENCY,
}
AS_OF = ["--as-of", "2026-11-01"]


def _report(name: str, *args: str, status: int = 0) -> Case:
    return Case(name, dict(HOSTILE), args=list(args), status=status)


REPORT_CASES = [
    *[
        _report(
            f"gap --format {f} with hostile names",
            "gap",
            "evidence/amara.yaml",
            *AS_OF,
            "--format",
            f,
        )
        for f in ("text", "json", "md", "html")
    ],
    *[
        _report(
            f"level --format {f} with hostile names",
            "level",
            "evidence/amara.yaml",
            *AS_OF,
            "--format",
            f,
        )
        for f in ("text", "json", "md", "html")
    ],
    *[
        _report(f"team --format {f} with hostile names", "team", "evidence", *AS_OF, "--format", f)
        for f in ("text", "json", "md", "csv", "html")
    ],
    *[
        _report(
            f"diff --format {f} with hostile texts",
            "diff",
            "specialist@sp1",
            "specialist@sp2",
            "--format",
            f,
        )
        for f in ("text", "json", "md")
    ],
    _report("framework diff with hostile texts", "diff", "matrices", "matrices"),
    _report("validate with hostile texts", "validate", "matrices", "evidence"),
    _report(
        "render md with hostile texts", "render", "matrices", "--format", "md", "--out", "site"
    ),
    _report(
        "render html with hostile texts", "render", "matrices", "--format", "html", "--out", "site"
    ),
    _report("template with hostile texts", "template", "evidence", "--target", "specialist@sp2"),
    _report("fmt --check with hostile texts", "fmt", "--check", "matrices", status=1),
    _report(
        "rename --dry-run with hostile texts",
        "rename",
        "competency",
        "empathy",
        "care",
        "--dry-run",
    ),
    Case(
        "team with one file holding a 5,000-digit number still reports the others",
        {"evidence/zz.yaml": HEAD + "level: " + "1" * 5000 + "\n"},
        args=["team", "evidence", *AS_OF],
        expected=["evidence/zz.yaml:5:8 Y112"],
    ),
    Case(
        "gap with a policy of a 5,000-digit number",
        {"policy.yaml": "min_items: " + "1" * 5000 + "\n"},
        args=["gap", "evidence/amara.yaml", "--policy", "policy.yaml", *AS_OF],
        expected=["policy.yaml:1:12 Y112"],
    ),
    Case(
        "gap with a policy that is a hostile string",
        {"policy.yaml": f"{NAME}\n"},
        args=["gap", "evidence/amara.yaml", "--policy", "policy.yaml", *AS_OF],
        expected=["policy.yaml:1:1 S102"],
    ),
]

B = "\x1b]0;owned\x07\r\n::error::forged\u202e"
"""A hostile command-line argument."""

USAGE_CASES = [
    Case("unknown command", {}, args=[B], status=2),
    Case("unknown option", {}, args=["validate", "--" + B], status=2),
    Case(
        "validate a hostile missing path",
        {},
        args=["validate", B],
        expected=["\\x1b]0;owned\\x07\\r\\n::error::forged\\u202e:1:1 X100"],
    ),
    Case("gap on a hostile missing file", {}, args=["gap", B], status=2),
    Case(
        "gap with a hostile target",
        {},
        args=["gap", "evidence/amara.yaml", "--target", B],
        status=2,
    ),
    Case(
        "gap with a near-miss target",
        {},
        args=["gap", "evidence/amara.yaml", "--target", "specialst@sp2" + B],
        status=2,
    ),
    Case(
        "gap with a hostile as-of date",
        {},
        args=["gap", "evidence/amara.yaml", "--as-of", B],
        status=2,
    ),
    Case(
        "gap with hostile sources",
        {},
        args=["gap", "evidence/amara.yaml", "--sources", B],
        status=2,
    ),
    Case(
        "gap with a hostile locale",
        {},
        args=["gap", "evidence/amara.yaml", "--locale", B, "--format", "html"],
        status=2,
    ),
    Case(
        "gap with a hostile format",
        {},
        args=["gap", "evidence/amara.yaml", "--format", B],
        status=2,
    ),
    Case(
        "gap with a hostile matrices folder",
        {},
        args=["gap", "evidence/amara.yaml", "--matrices", B],
        status=2,
    ),
    Case("level on a hostile missing file", {}, args=["level", B], status=2),
    Case("team on a hostile missing folder", {}, args=["team", B], status=2),
    Case("diff of a hostile level", {}, args=["diff", B, "specialist@sp1"], status=2),
    Case(
        "diff of a hostile level id",
        {},
        args=["diff", "specialist@sp1", "specialist@" + B],
        status=2,
    ),
    Case("diff of an unknown role", {}, args=["diff", "specialist@sp1", "nobody@x1"], status=2),
    Case(
        "render a hostile role",
        {},
        args=["render", "matrices", "--format", "md", "--out", "o", "--role", B],
        status=2,
    ),
    Case(
        "render a hostile locale",
        {},
        args=["render", "matrices", "--format", "md", "--out", "o", "--locale", B],
        status=2,
    ),
    Case(
        "render with hostile templates",
        {},
        args=["render", "matrices", "--format", "html", "--out", "o", "--templates", B],
        status=2,
    ),
    Case(
        "schema --check of a hostile folder", {}, args=["schema", "--check", "--out", B], status=1
    ),
    Case(
        "schema onto an impossible path",
        {},
        args=["schema", "--out", "/proc/competency/" + B],
        status=2,
    ),
    Case(
        "template with a hostile person",
        {},
        args=["template", "evidence", "--target", "specialist@sp2", "--person", B],
        status=2,
    ),
    Case(
        "template onto a dangling link",
        {},
        args=["template", "evidence", "--target", "specialist@sp2", "-o", "me.yaml"],
        links={"me.yaml": "outside.yaml"},
        status=2,
    ),
    Case("new role with a hostile id", {}, args=["new", "role", B], status=2),
    Case(
        "new framework into a hostile folder with a hostile id",
        {},
        args=["new", "framework", "fw", "--id", B],
        status=2,
    ),
    Case("fmt a hostile missing path", {}, args=["fmt", B], status=2),
    Case("rename to a hostile id", {}, args=["rename", "competency", "empathy", B], status=2),
    Case("rename from a hostile id", {}, args=["rename", "competency", B, "care"], status=2),
]

# --- imports that never finish, or leave a mess (issue 26, items 1 and 2) ---------------

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOCUMENT_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _xlsx(rows: str, tail: str = "", dimension: str = "A1:J2") -> bytes:
    """A minimal workbook (zipfile and five XML parts) whose 'Long table' sheet holds `rows`."""
    import io
    import zipfile

    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{_PACKAGE_RELS}"><Relationship Id="rId1" '
        f'Type="{_DOCUMENT_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{_DOCUMENT_RELS}"><sheets>'
        '<sheet name="Long table" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{_PACKAGE_RELS}"><Relationship Id="rId1" '
        f'Type="{_DOCUMENT_RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{_MAIN}"><dimension ref="{dimension}"/>'
        f"<sheetData>{rows}</sheetData>{tail}</worksheet>",
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


COLUMN_NAMES = [
    "role",
    "level",
    "grade",
    "competency",
    "step",
    "behaviour",
    "text",
    "replaces",
    "locale",
    "field",
]
HEADER_ROW = (
    '<row r="1">'
    + "".join(_cell(f"{chr(65 + i)}1", c) for i, c in enumerate(COLUMN_NAMES))
    + "</row>"
)
HEADER_CSV = ",".join(COLUMN_NAMES) + "\n"
BOOK = "book.xlsx[Long table]"


def _import(
    name: str, file: str, content: str | bytes, *expected: str, **kw: Unpack[_More]
) -> Case:
    """A case of ``competency import FILE --out imported``."""
    return Case(
        name,
        {file: content},
        args=["import", file, "--out", "imported"],
        expected=list(expected),
        **kw,
    )


IMPORT_CASES = [
    _import(
        "a workbook of one cell at XFD1048576",
        "book.xlsx",
        _xlsx(
            HEADER_ROW + '<row r="1048576">' + _cell("XFD1048576", "x") + "</row>",
            dimension="A1:XFD1048576",
        ),
        f"{BOOK}:1048576:1 I100",
    ),
    _import(
        "a workbook with a value in column XFD",
        "book.xlsx",
        _xlsx('<row r="1">' + _cell("A1", "role") + _cell("XFD1", "x") + "</row>"),
        f"{BOOK}:1:100 I100",
    ),
    _import(
        "a workbook row numbered 99,999,999,999",
        "book.xlsx",
        _xlsx(HEADER_ROW + '<row r="99999999999">' + _cell("A99999999999", "x") + "</row>"),
        f"{BOOK}:99999999999:1 I100",
    ),
    _import(
        "a merged range over the whole sheet",
        "book.xlsx",
        _xlsx(HEADER_ROW, '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>'),
        f"{BOOK}:1:1 I105",
    ),
    _import(
        "200,000 merged ranges",
        "book.xlsx",
        _xlsx(
            HEADER_ROW,
            "<mergeCells>"
            + "".join(f'<mergeCell ref="A{n}:B{n}"/>' for n in range(2, 200_002))
            + "</mergeCells>",
        ),
        f"{BOOK}:2:1 I105",
        f"{BOOK}:102:1 Y111",
    ),
    _import(
        "2,000,000 compressed empty rows (a zip bomb)",
        "book.xlsx",
        _xlsx(HEADER_ROW + "<row/>" * 2_000_000),
        "book.xlsx:1:1 I100",
    ),
    _import(
        "a 1 MB CSV of blank rows", "t.csv", HEADER_CSV + "\n" * 1_000_000, "t.csv:100001:1 I100"
    ),
    _import(
        "a CSV of 100,000 unknown columns",
        "t.csv",
        ",".join(f"x{n}" for n in range(100_000)) + "\n",
        "t.csv:1:100 I100",
    ),
    _import(
        "a CSV of 100 unknown columns stops at 100 problems",
        "t.csv",
        ",".join(f"x{n}" for n in range(100)) + "\n",
        "t.csv:1:1 I102",
        "t.csv:1:1 Y111",
    ),
    _import(
        "a CSV of 5,000 interior blank rows stops at 100 problems",
        "t.csv",
        HEADER_CSV + "\n" * 5000 + ",,,,,,1,,,version\n",
        "t.csv:2:1 I103",
        "t.csv:102:1 Y111",
    ),
    _import(
        "nan as a number",
        "t.csv",
        HEADER_CSV + ",,,,,,nan,,,readiness.competency_met.at_least\n",
        "t.csv:2:7 I109",
    ),
    _import(
        "inf as a number",
        "t.csv",
        HEADER_CSV + ",,,,,,inf,,,readiness.competency_met.at_least\n",
        "t.csv:2:7 I109",
    ),
    _import(
        "1e999 as a number",
        "t.csv",
        HEADER_CSV + ",,,,,,1e999,,,readiness.competency_met.at_least\n",
        "t.csv:2:7 I109",
    ),
    _import(
        "1E999 (infinity) in a workbook's number cell",
        "book.xlsx",
        _xlsx(
            HEADER_ROW
            + '<row r="2"><c r="G2"><v>1E999</v></c>'
            + _cell("J2", "readiness.competency_met.at_least")
            + "</row>"
        ),
        f"{BOOK}:2:7 I107",
    ),
    _import(
        "NaN in a workbook's number cell",
        "book.xlsx",
        _xlsx(
            HEADER_ROW
            + '<row r="2"><c r="G2"><v>NaN</v></c>'
            + _cell("J2", "readiness.competency_met.at_least")
            + "</row>"
        ),
        f"{BOOK}:1:1 I100",
    ),
    _import(
        "a competency id that is a Windows device name",
        "t.csv",
        HEADER_CSV + ",,,con,,,Console,,,name\n",
        "t.csv:2:4 U102",
    ),
    _import(
        "a role id that is a Windows device name",
        "t.csv",
        HEADER_CSV + "lpt1,,,,,,Printer,,,title\n",
        "t.csv:2:1 U102",
    ),
]

_FRAMEWORK = Path(__file__).parent.joinpath("base/matrices/framework.yaml").read_text("utf-8")

LONG_CASES = [
    _ev(
        "a 900 KB behaviour reference gets no suggestion and no quadratic work",
        "items:\n  - date: 2026-08-14\n    source: self\n    summary: s\n    shows: [troubleshooting."
        + "reproduces-firs" * 60_000
        + "]\n",
        f"{F}:9:13 R106",
    ),
    Case(
        "600 lint.allow phrases in framework.yaml are matched as one list",
        {
            "matrices/framework.yaml": _FRAMEWORK
            + "lint:\n  allow:\n"
            + "".join(f"    - some phrase number {n}\n" for n in range(600))
        },
        args=["validate", "matrices", "evidence"],
        status=0,
    ),
    Case(
        "600 lint.allow phrases, then gap",
        {
            "matrices/framework.yaml": _FRAMEWORK
            + "lint:\n  allow:\n"
            + "".join(f"    - some phrase number {n}\n" for n in range(600))
        },
        args=["gap", "evidence/amara.yaml", "--as-of", "2026-11-01"],
        status=0,
    ),
]

_AMARA = Path(__file__).parent.joinpath("base/evidence/amara.yaml").read_text("utf-8")
DEEP = "a/" * 1000
"""A folder path nested 1,000 deep (Python's recursion limit), still shorter than PATH_MAX."""
LONG = "x" * 5000
"""A path argument longer than any system allows (ENAMETOOLONG)."""
TOO_LONG = "the path is longer than the system allows"

PATH_CASES = [
    Case(
        "validate of an evidence folder nested 1,000 deep",
        {f"evidence/{DEEP}b.yaml": _AMARA.replace("amara-o", "bea-o")},
        args=["validate", "matrices", "evidence"],
        status=0,
    ),
    Case(
        "team of an evidence folder nested 1,000 deep",
        {f"evidence/{DEEP}b.yaml": _AMARA.replace("amara-o", "bea-o")},
        args=["team", "evidence", "--as-of", "2026-11-01"],
        status=0,
    ),
    Case(
        "fmt of a folder nested 1,000 deep",
        {
            f"evidence/{DEEP}b.yaml": "format: competency/v1\nkind: evidence\nrole: x\nperson: {id: b}\n"
        },
        args=["fmt", "--check", "evidence"],
        says=[f"evidence/{DEEP}b.yaml"],
    ),
    Case(
        "diff of a framework folder nested 1,000 deep",
        {f"matrices/{DEEP}x.yaml": "format: competency/v1\nkind: oddity\n"},
        args=["diff", "matrices", "matrices"],
        expected=[f"matrices/{DEEP}x.yaml:2:7 F101"],
    ),
    Case(
        "validate of a path argument of 5,000 characters",
        {},
        args=["validate", "matrices", LONG],
        status=2,
        says=[TOO_LONG],
    ),
    # click's own check of an existing path answers first, and its message suffices.
    Case(
        "team of a path argument of 5,000 characters",
        {},
        args=["team", LONG],
        status=2,
        says=["does not exist"],
    ),
    Case(
        "fmt of a path argument of 5,000 characters",
        {},
        args=["fmt", LONG],
        status=2,
        says=["does not exist"],
    ),
    Case(
        "diff of a path argument of 5,000 characters",
        {},
        args=["diff", "matrices", LONG],
        status=2,
        says=[TOO_LONG],
    ),
    Case(
        "schema --check of an --out of 5,000 characters",
        {},
        args=["schema", "--check", "--out", LONG],
        status=2,
        says=[TOO_LONG],
    ),
]

MENTION = '"@acme/security-team, see #123 and acme/repo#45"'
"""A person's or a competency's text that GitHub would turn into notifications and links."""
MENTIONS = {
    "evidence/amara.yaml": _AMARA.replace("Amara Okafor", MENTION).replace(
        "for a large account.", "for @acme/security-team (#123)."
    ),
    "matrices/competencies/empathy.yaml": Path(__file__)
    .parent.joinpath("base/matrices/competencies/empathy.yaml")
    .read_text("utf-8")
    .replace("name: Customer empathy", f"name: {MENTION}"),
}
LIVE = ["@acme", "#123", "#45"]
# A line break, then each kind of white space the Actions runner strips before "::".
SPACES = ["\\u3000", "\\u00a0", "\\u2003", "\\ufeff", "\\u200b", "\\u2028 ", "\\x85\\u3000"]


def _command_competency(spaces: list[str]) -> str:
    """The empathy competency with a behaviour text forging workflow commands after `spaces`."""
    forged = "\\n".join(f"{space}::error ::forged {n}" for n, space in enumerate(spaces))
    return (
        Path(__file__)
        .parent.joinpath("base/matrices/competencies/empathy.yaml")
        .read_text("utf-8")
        .replace(
            "text: Names the business impact of the problem in the first reply.",
            f'text: "Names the impact.\\n{forged}\\n\\u3000::add-mask::secret"',
        )
    )


COMMAND_COMPETENCY = _command_competency(SPACES)
# An exported CSV keeps a text's line breaks (it is read back), the Unicode separators too.
COMMAND_CSV = _command_competency(SPACES[:5])

CI_CASES = [
    *[
        Case(
            f"{command[0]} --format md: mentions and issue references stay inert",
            dict(MENTIONS),
            args=[*command, *AS_OF, "--format", "md"],
            status=0,
            unsaid=LIVE,
        )
        for command in (
            ["gap", "evidence/amara.yaml"],
            ["level", "evidence/amara.yaml"],
            ["team", "evidence"],
        )
    ],
    *[
        Case(
            f"export --format {f} --out - with a workflow command after Unicode white space",
            {
                "matrices/competencies/empathy.yaml": COMMAND_CSV
                if f == "csv"
                else COMMAND_COMPETENCY
            },
            args=["export", "matrices", "--format", f, "--out", "-"],
            status=0,
        )
        for f in ("csv", "json")
    ],
    *[
        Case(
            f"diff --format {f} with a workflow command after Unicode white space",
            {"matrices/competencies/empathy.yaml": COMMAND_COMPETENCY},
            args=["diff", "specialist@sp1", "specialist@sp2", "--format", f],
            status=0,
        )
        for f in ("text", "md", "json")
    ],
]

_UNORDERED = "kind: evidence\nformat: competency/v1\nrole: x\nperson: {id: b}\n"
"""An evidence file fmt would reorder; the cases below add what once made fmt crash."""

FMT_CASES = [
    Case(
        f"fmt --check of {what}",
        {"evidence/b.yaml": _UNORDERED + body},
        args=["fmt", "--check", "evidence"],
        says=["evidence/b.yaml"],
    )
    for what, body in [
        ("a 30th of February in a text field", "notes: 2024-02-30\n"),
        ("a 30th of February as an item date", "items:\n  - {id: a, date: 2024-02-30}\n"),
        ("an hour 25", "notes: 2024-01-01T25:00:00\n"),
        ("the year 0", "notes: 0000-01-01\n"),
        ("a date-like mapping key", "2024-02-30: x\n"),
    ]
] + [
    Case(
        "fmt of a file it cannot format between two it can",
        {
            "evidence/a.yaml": _UNORDERED + "notes: 2024-02-30\n",
            "evidence/b.yaml": "kind: evidence\nperson: {id: a, # the id\n  name: b}\n",
            "evidence/c.yaml": _UNORDERED + "2024-02-30: x\n",
        },
        args=["fmt", "evidence"],
        says=[
            "reformatted evidence/a.yaml",
            "evidence/b.yaml:2:1: ",
            "reformatted evidence/c.yaml",
        ],
    ),
]

CASES = [
    *YAML_CASES,
    *FMT_CASES,
    *SHAPE_CASES,
    *FRAMEWORK_CASES,
    *REPORT_CASES,
    *USAGE_CASES,
    *IMPORT_CASES,
    *LONG_CASES,
    *PATH_CASES,
    *CI_CASES,
]


def _lay(case: Case, root: Path) -> None:
    for name, content in case.files.items():
        path = root / name
        for folder in reversed(path.relative_to(root).parents):  # no recursion: 1,000 deep
            (root / folder).mkdir(exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    for name, target in case.links.items():
        (root / name).symlink_to(target)
    for name in case.fifos:
        os.mkfifo(root / name)


def _remove_deep(root: Path) -> None:
    """Remove the folders nested 1,000 deep that a case laid down, without recursion.

    pytest's own clean-up of old temporary folders (shutil.rmtree) recurses,
    and would fail on them in a later run.
    """
    waiting = [(root / top, False) for top in ("evidence/a", "matrices/a")]
    while waiting:
        path, emptied = waiting.pop()
        if emptied:
            path.rmdir()
        elif path.is_dir() and not path.is_symlink():
            waiting.append((path, True))
            for entry in path.iterdir():
                if entry.is_dir() and not entry.is_symlink():
                    waiting.append((entry, False))
                else:
                    entry.unlink()


def _places(output: str) -> list[str]:
    """``FILE:LINE:COLUMN CODE`` of every diagnostic line printed."""
    found = []
    for line in output.splitlines():
        match = DIAGNOSTIC.match(line)
        if match:
            found.append(f"{match['file']}:{match['line']}:{match['column']} {match['code']}")
    return found


def test_the_corpus_has_at_least_100_cases() -> None:
    """The corpus is as large as the issue asks, and its names are unique."""
    names = [case.name for case in CASES]
    assert (len(names) >= 100, len(set(names)) == len(names)) == (True, True)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_hostile_input(case: Case, base: Path, cli: Callable[..., Run]) -> None:
    """The status and diagnostics are as expected; the output is inert; memory stays bounded."""
    _lay(case, base)
    tracemalloc.start()
    try:
        run = cli(*case.args)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        if any(DEEP in name for name in case.files):
            _remove_deep(base)
    printed = (run.out + run.err).replace("\r\n", "\n")  # CSV's own line ends are no forgery
    places = _places(printed)
    codes = {place.rpartition(" ")[2] for place in places}
    expected = {
        "status": case.status,
        "expected": case.expected,
        "says": case.says,
        "unsaid": [],
        "absent": [],
        "internal error": False,
        "raw controls": [],
        "workflow lines": [],
        "under the memory ceiling": True,
    }
    actual = {
        "status": run.status,
        "expected": [place for place in case.expected if place in places],
        "says": [text for text in case.says if text in printed],
        "unsaid": [text for text in case.unsaid if text in printed],
        "absent": sorted(codes & set(case.absent)),
        "internal error": "internal error" in printed or "Traceback" in printed,
        "raw controls": RAW_CONTROL.findall(printed)[:5],
        "workflow lines": [line for line in printed.splitlines() if WORKFLOW.match(line)][:3],
        "under the memory ceiling": peak < MEMORY_CEILING,
    }
    assert expected == actual
