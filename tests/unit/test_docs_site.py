"""mkdocs.yml's nav and docs/ agree, so `mkdocs build --strict` in .ci/run finds no stray page.

The build itself runs in .ci/run (it needs the docs extra); these checks need
only PyYAML, so a page added without a place in the nav fails here first.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from tests.conftest import ROOT

DOCS = ROOT / "docs"
CODE_PAGE = re.compile(r"codes/[A-Z][0-9]{3}\.md")
"""The pages of single codes, left out of the nav on purpose (codes/index.md lists them)."""


class _Loader(yaml.SafeLoader):
    """A safe loader that reads mkdocs.yml's ``!!python/...`` tags as nothing."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _pages(entry: Any) -> list[str]:
    """Every page file named in a nav entry, at any depth."""
    if isinstance(entry, str):
        return [entry]
    if isinstance(entry, list):
        return [page for item in entry for page in _pages(item)]
    if isinstance(entry, dict):
        return [page for value in entry.values() for page in _pages(value)]
    return []


def nav() -> list[str]:
    """The pages of the site's nav, in order."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return _pages(config["nav"])


def test_every_page_is_in_the_nav() -> None:
    """Each Markdown file under docs/, but the single-code pages, has a place in the nav."""
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    missing = sorted(page for page in pages - set(nav()) if not CODE_PAGE.fullmatch(page))
    assert missing == []


def test_the_nav_names_only_pages_that_exist() -> None:
    """Each page of the nav is a file under docs/, named once."""
    named = nav()
    assert ([p for p in named if not (DOCS / p).is_file()], len(set(named))) == ([], len(named))
