"""The commands shown in the tutorial and the cookbook run, and print what the pages say.

Each page listed in `PAGES` is run from top to bottom in a fresh folder, the
way a reader would follow it:

- a fenced ``console`` block holds commands, each on a line starting with
  ``$ `` (and the lines after it while a line ends in a backslash), followed
  by the output they print (standard output and standard error together, as
  a terminal shows them). A command runs with bash in the
  page's folder; it must exit 0, or the status its line ends with as a
  comment (``# exit status 1``). The output must equal the lines shown,
  where a line ``...`` stands for any number of lines and a line ending in
  ``...`` fixes only the start of a line;
- a fenced block with a ``title="PATH"`` (the file a reader is told to
  write) is written to PATH before the commands after it run.

`competency` on the commands' PATH is this checkout's, run by the Python
that runs the tests.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml
from tests.conftest import EXAMPLES, MATRICES, ROOT

DOCS = ROOT / "docs"

PAGES: dict[str, str] = {
    "tutorial.md": "empty",
    "cli-completion.md": "empty",
    "framework.md": "repository",
    "cookbook/github-actions.md": "ladder",
    "cookbook/pre-commit.md": "ladder",
    "cookbook/adapting.md": "clone",
    "cookbook/promotion-packets.md": "ladder",
    "interop.md": "ladder",
    "analytics.md": "ladder",
    "growth.md": "repository",
    "evidence.md": "repository",
    "configuration.md": "ladder",
}
"""The pages whose commands are run, and the folder each starts in: ``empty``;
``ladder``, a repository laid out as the tutorial's, with the shipped framework
in ``matrices/`` and the shipped examples in ``evidence/``; ``repository``, the
shipped framework and examples where a clone of competency has them,
``matrices/`` and ``examples/``; or ``clone``, an
empty folder with the repository's ``matrices/`` and ``examples/`` in
``../competency``, where the pages say a clone of competency is."""

FENCE = re.compile(r"^(`{3,}|~{3,})\s*([\w+-]*)(.*)$")
TITLE = re.compile(r"""title=["']([^"']+)["']""")
STATUS = re.compile(r"\s#\s*exit status (\d+)\s*$")


@dataclass
class Command:
    """One command of a console block, the status it must exit with and what it prints."""

    line: int
    text: str
    status: int = 0
    output: list[str] = field(default_factory=list)


@dataclass
class File:
    """A block the reader writes to a file."""

    line: int
    path: str
    text: str


def steps(markdown: str) -> list[Command | File]:
    """The commands and files of a page, in the order a reader meets them."""
    found: list[Command | File] = []
    lines = markdown.splitlines()
    index = 0
    while index < len(lines):
        opened = FENCE.match(lines[index])
        index += 1
        if not opened:
            continue
        fence, language, info = opened.groups()
        start = index
        while index < len(lines) and not lines[index].startswith(fence):
            index += 1
        body = lines[start:index]
        index += 1
        title = TITLE.search(info)
        if language == "console":
            found.extend(_commands(body, start + 1))
        elif title:
            found.append(File(start, title.group(1), "\n".join(body) + "\n"))
    return found


def _commands(body: list[str], first_line: int) -> list[Command]:
    commands: list[Command] = []
    for number, line in enumerate(body, start=first_line):
        if commands and commands[-1].text.endswith("\\") and not commands[-1].output:
            commands[-1].text += "\n" + line
        elif line.startswith("$ "):
            status = STATUS.search(line)
            commands.append(Command(number, line[2:], int(status.group(1)) if status else 0))
        elif commands:
            commands[-1].output.append(line.rstrip())
        elif line.strip():
            raise AssertionError(f"line {number}: output before the first command")
    for command in commands:
        while command.output and not command.output[-1]:
            command.output.pop()
    return commands


def matches(expected: list[str], actual: list[str]) -> bool:
    """True when `actual` is what `expected` shows, ``...`` lines and line ends included."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head == "...":
        return any(matches(rest, actual[skip:]) for skip in range(len(actual) + 1))
    if not actual:
        return False
    fits = actual[0].startswith(head[:-3]) if head.endswith("...") else actual[0] == head
    return fits and matches(rest, actual[1:])


def _environment(bin_dir: Path) -> dict[str, str]:
    """The commands' environment: this checkout's `competency`, no colour, a fixed date."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("COLUMNS", "LINES"))}
    bin_dir.mkdir()
    shim = bin_dir / "competency"
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m competency "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    source = str(ROOT / "src")
    env.update(
        PATH=f"{bin_dir}{os.pathsep}{env.get('PATH', '')}",
        PYTHONPATH=os.pathsep.join(p for p in (source, env.get("PYTHONPATH")) if p),
        PYTHONUNBUFFERED="1",
        NO_COLOR="1",
        SOURCE_DATE_EPOCH="1793491200",  # 2026-11-01
        TZ="UTC",
    )
    return env


def _folder(tmp_path: Path, start: str) -> Path:
    """The folder a page starts in."""
    work = tmp_path / "work"
    work.mkdir()
    if start == "ladder":
        shutil.copytree(MATRICES, work / "matrices")
        shutil.copytree(EXAMPLES, work / "evidence")
    elif start == "repository":
        shutil.copytree(MATRICES, work / "matrices")
        shutil.copytree(EXAMPLES, work / "examples")
    elif start == "clone":
        clone = tmp_path / "competency"
        shutil.copytree(MATRICES, clone / "matrices")
        shutil.copytree(EXAMPLES, clone / "examples")
    return work


@pytest.mark.slow  # a process per command, and some render PDFs
@pytest.mark.parametrize("page", sorted(PAGES))
def test_page_commands_run_as_shown(page: str, tmp_path: Path) -> None:
    """Every command of the page exits as shown and prints the lines shown."""
    work = _folder(tmp_path, PAGES[page])
    env = _environment(tmp_path / "bin")
    found = steps((DOCS / page).read_text(encoding="utf-8"))
    assert any(isinstance(step, Command) for step in found), f"{page} shows no command"
    for step in found:
        if isinstance(step, File):
            target = work / step.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(step.text, encoding="utf-8")
            continue
        done = subprocess.run(
            ["bash", "-o", "pipefail", "-c", step.text],
            cwd=work,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
        )
        actual = [line.rstrip() for line in done.stdout.rstrip().splitlines()]
        where = f"docs/{page}:{step.line}: $ {step.text}"
        assert step.status == done.returncode, (
            f"{where}\n--- exit status {done.returncode}:\n{done.stdout}"
        )
        assert matches(step.output, actual), f"{where}\n--- prints:\n{done.stdout}"


def test_every_page_with_console_blocks_is_run() -> None:
    """A page under docs/ that shows console commands is in PAGES, so none goes unchecked."""
    shown = {
        path.relative_to(DOCS).as_posix()
        for path in DOCS.rglob("*.md")
        if "```console" in path.read_text(encoding="utf-8")
    }
    assert sorted(shown - set(PAGES)) == []


# --- the runner itself ---------------------------------------------------------


def test_console_blocks_become_commands_with_status_and_output() -> None:
    """``$`` lines are commands; the lines after them their output; a status comment counts."""
    page = "# P\n\n```console\n$ a\none\n\n$ b   # exit status 1\ntwo\n```\n"
    assert steps(page) == [
        Command(4, "a", 0, ["one"]),
        Command(7, "b   # exit status 1", 1, ["two"]),
    ]


def test_titled_blocks_become_files() -> None:
    """A block with ``title="PATH"`` is a file to write; other blocks are only shown."""
    page = '```yaml title="m/x.yaml"\na: 1\n```\n\n```yaml\nb: 2\n```\n'
    assert steps(page) == [File(1, "m/x.yaml", "a: 1\n")]


@pytest.mark.parametrize(
    ("expected", "actual", "result"),
    [
        (["a", "b"], ["a", "b"], True),
        (["a", "b"], ["a", "c"], False),
        (["a"], ["a", "b"], False),
        (["a", "...", "d"], ["a", "b", "c", "d"], True),
        (["a", "...", "d"], ["a", "d"], True),
        (["a", "...", "d"], ["a", "b"], False),
        (["sha256:..."], ["sha256:0123"], True),
        (["sha256:..."], ["md5:0123"], False),
    ],
)
def test_output_matching(expected: list[str], actual: list[str], result: bool) -> None:
    """Lines match exactly, ``...`` alone skips lines, and a trailing ``...`` fixes a start."""
    assert result == matches(expected, actual)


def _yaml_blocks(markdown: str) -> list[str]:
    """The text of every fenced YAML block of a page."""
    blocks = re.findall(r"^(`{3,})ya?ml[^\n]*\n(.*?)^\1\s*$", markdown, re.M | re.S)
    return [body for _, body in blocks]


def test_pre_commit_configs_in_the_docs_use_hooks_that_exist() -> None:
    """Each hook of this repository that the docs tell people to use is a shipped one."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    shipped = {hook["id"] for hook in hooks}
    used: set[str] = set()
    for path in [ROOT / "README.md", *DOCS.rglob("*.md")]:
        for block in _yaml_blocks(path.read_text(encoding="utf-8")):
            if "repos:" not in block:
                continue
            config = yaml.safe_load(block)
            for repo in config.get("repos", []):
                if repo.get("repo", "").endswith("/competency-dev/competency"):
                    used |= {hook["id"] for hook in repo["hooks"]}
    assert (used - shipped, bool(used)) == (set(), True)
