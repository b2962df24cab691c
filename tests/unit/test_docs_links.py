"""Every link in README.md and docs/ stays inside the repository, and works.

A user who clones the repository has only the repository: a link that climbs
out of it (``../shared/...``), points at a file or heading that does not
exist, or leads to another site (``https://...``, ``mailto:``) is a broken
promise. Only Markdown links and images count (inline, reference
definitions, ``<autolinks>`` and HTML ``href``/``src``); addresses shown in
code spans or code blocks are examples, not links.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import ROOT

FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
INLINE = re.compile(
    r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*(<[^>]*>|[^)\s]*)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*(<[^>]*>|\S+)")
AUTOLINK = re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^<>\s]*)>")
HTML = re.compile(r"""<[a-zA-Z][^>]*?\s(?:href|src)\s*=\s*["']([^"']*)["']""")
HTML_ANCHOR = re.compile(r"""<a\s[^>]*?(?:id|name)\s*=\s*["']([^"']+)["']""")
HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


def documents(root: Path = ROOT) -> list[Path]:
    """README.md and every Markdown file under docs/."""
    return [root / "README.md", *sorted((root / "docs").rglob("*.md"))]


def _prose_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) of the lines outside fenced code blocks."""
    lines: list[tuple[int, str]] = []
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        opened = FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        lines.append((number, line))
    return lines


def links(text: str) -> list[tuple[int, str]]:
    """(line number, target) of every link and image in a Markdown text."""
    found: list[tuple[int, str]] = []
    for number, line in _prose_lines(text):
        line = CODE_SPAN.sub("", line)
        for pattern in (INLINE, DEFINITION, AUTOLINK, HTML):
            for match in pattern.finditer(line):
                found.append((number, match.group(1).removeprefix("<").removesuffix(">")))
            line = pattern.sub("", line)  # so that <https://...> inside [x](...) counts once
    return found


def slug(heading: str) -> str:
    """GitHub's anchor for a heading: its text, lowercase, punctuation dropped, spaces to -."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", heading)  # a link or image: its text
    text = re.sub(r"<[^>]+>", "", text)  # HTML tags
    text = text.replace("`", "").replace("*", "")
    text = re.sub(r"[^\w\- ]", "", text.strip().lower())
    return text.replace(" ", "-")


def anchors(text: str) -> set[str]:
    """The anchors GitHub makes for a Markdown text: one per heading, and HTML ids."""
    found: set[str] = set()
    counts: dict[str, int] = {}
    for _, line in _prose_lines(text):
        heading = HEADING.match(line)
        if heading:
            base = slug(heading.group(2))
            count = counts.get(base, 0)
            counts[base] = count + 1
            found.add(base if count == 0 else f"{base}-{count}")
    for _, line in _prose_lines(text):
        found.update(HTML_ANCHOR.findall(CODE_SPAN.sub("", line)))
    return found


def problems(document: Path, root: Path = ROOT) -> list[str]:
    """What is wrong with the links of one Markdown file, as `FILE:LINE: message` lines."""
    text = document.read_text(encoding="utf-8")
    where = document.relative_to(root).as_posix()
    found = []
    for line, target in links(text):
        problem = _check(document, target, root)
        if problem:
            found.append(f"{where}:{line}: {problem}: {target}")
    return found


def _check(document: Path, target: str, root: Path) -> str | None:
    if not target:
        return "empty link"
    if target.startswith("//") or SCHEME.match(target):
        return "link outside the repository"
    path, _, anchor = target.partition("#")
    path = unquote(path.split("?", 1)[0])
    if not path:
        file = document
    else:
        base = root if path.startswith("/") else document.parent
        file = Path(os.path.normpath(base / path.lstrip("/")))
        if file != root and root not in file.parents:
            return "link that leaves the repository"
        if not file.exists():
            return "link to a file that does not exist"
    if anchor:
        if file.suffix.lower() != ".md" or not file.is_file():
            return "anchor into a file that is not Markdown"
        if unquote(anchor) not in anchors(file.read_text(encoding="utf-8")):
            return f"no heading in {file.relative_to(root).as_posix()} has the anchor #{anchor}"
    return None


def test_links_in_readme_and_docs_stay_inside_the_repository_and_work() -> None:
    """No link in README.md or docs/ leaves the repository or points at nothing."""
    found = [problem for document in documents() for problem in problems(document)]
    assert not found, "\n".join(found)


# --- the checker itself --------------------------------------------------------


def test_slugs_are_githubs() -> None:
    """Headings become GitHub's anchors: lowercase, code and punctuation dropped."""
    assert slug("Your first role file") == "your-first-role-file"
    assert slug("`competency validate`") == "competency-validate"
    assert slug("When a behaviour grows: `replaces` (1.1)") == "when-a-behaviour-grows-replaces-11"
    assert slug("The `carry_confirmed` key") == "the-carry_confirmed-key"
    assert slug("Exit status: 0, 1 and 2") == "exit-status-0-1-and-2"


def test_repeated_headings_are_numbered() -> None:
    """A second heading with the same text gets -1, as on GitHub."""
    assert anchors("# Text\n\n## Example\n\n## Example\n") == {"text", "example", "example-1"}


def test_code_is_not_a_link() -> None:
    """Links shown in code spans and code blocks are examples, not links."""
    text = "See `[x](https://a.example)`.\n\n```md\n[y](../outside.md)\n```\n[z](real.md)\n"
    assert links(text) == [(6, "real.md")]


@pytest.mark.parametrize(
    ("target", "problem"),
    [
        ("../../shared/spec/FORMAT.md", "link that leaves the repository"),
        ("https://example.org/page", "link outside the repository"),
        ("<https://example.org>", "link outside the repository"),
        ("mailto:team@example.org", "link outside the repository"),
        ("//example.org/x", "link outside the repository"),
        ("missing.md", "link to a file that does not exist"),
        ("other.md#nowhere", "no heading in docs/other.md has the anchor #nowhere"),
        ("#nowhere", "no heading in docs/page.md has the anchor #nowhere"),
        ("../README.md#no-such", "no heading in README.md has the anchor #no-such"),
    ],
)
def test_the_checker_finds_bad_links(tmp_path: Path, target: str, problem: str) -> None:
    """Each kind of bad link is reported with its line."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "README.md").write_text("# Read me\n", encoding="utf-8")
    (tmp_path / "docs" / "other.md").write_text("# Other\n\n## A section\n", encoding="utf-8")
    page = tmp_path / "docs" / "page.md"
    page.write_text(f"# Page\n\nSee [this]({target}).\n", encoding="utf-8")
    assert problems(page, tmp_path) == [f"docs/page.md:3: {problem}: {target.strip('<>')}"]


def test_the_checker_accepts_good_links(tmp_path: Path) -> None:
    """Files, folders, headings and images inside the repository are fine."""
    (tmp_path / "docs" / "images").mkdir(parents=True)
    (tmp_path / "docs" / "images" / "a.png").write_bytes(b"")
    (tmp_path / "matrices").mkdir()
    (tmp_path / "README.md").write_text("# Read me\n\n## Two words\n", encoding="utf-8")
    (tmp_path / "docs" / "other.md").write_text("## The `lint` key (1.1)\n", encoding="utf-8")
    page = tmp_path / "docs" / "page.md"
    page.write_text(
        "# Page\n\n[a](other.md#the-lint-key-11) [b](../README.md#two-words) [c](#page)\n"
        "![d](images/a.png) [e](../matrices/) [f][ref]\n\n[ref]: other.md\n",
        encoding="utf-8",
    )
    assert problems(page, tmp_path) == []
