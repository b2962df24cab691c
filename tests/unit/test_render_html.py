"""The HTML page: self-contained, escaped, and the data its script reads."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from competency import load_framework
from competency.render import RenderError, render
from competency.render.html import json_for_script
from tests.golden.hostile import FRAMEWORK, PAYLOAD, hostile_framework

DAY = date(2026, 5, 4)


class _Elements(HTMLParser):
    """Every start tag of a page with its attributes, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The HTML page of the framework whose text tries to run script."""
    folder = tmp_path_factory.mktemp("hostile")
    render(load_framework(hostile_framework(folder)), "html", folder / "out", today=DAY)
    return (folder / "out" / "index.html").read_text("utf-8")


def _elements(page: str) -> _Elements:
    parser = _Elements()
    parser.feed(page)
    return parser


def test_json_for_script_escapes_markup_characters() -> None:
    """<, >, & and the JavaScript line separators are written as \\u escapes."""
    expected = '"\\u003c/script\\u003e \\u0026 \\u2028"'
    assert expected == json_for_script("</script> & \u2028")


def test_json_for_script_round_trips() -> None:
    """The escaped JSON still parses to the same data."""
    data = {"text": PAYLOAD}
    assert data == json.loads(json_for_script(data))


def test_hostile_text_adds_no_script_element(hostile_page: str) -> None:
    """The page has exactly two scripts: the JSON data and the page's own code."""
    types = [attrs.get("type") for tag, attrs in _elements(hostile_page).tags if tag == "script"]
    assert types == ["application/json", None]


def test_hostile_text_adds_no_event_handler(hostile_page: str) -> None:
    """No element of the page has an on... event attribute."""
    handlers = [
        (tag, name)
        for tag, attrs in _elements(hostile_page).tags
        for name in attrs
        if name.startswith("on")
    ]
    assert handlers == []


def test_hostile_text_is_shown_as_text(hostile_page: str) -> None:
    """The payload is on the page, HTML-escaped, its line separator shown as a space."""
    from markupsafe import escape

    from competency.escape import html_text

    assert str(escape(html_text(PAYLOAD))) in hostile_page


def test_embedded_data_carries_the_hostile_text_intact(hostile_page: str) -> None:
    """The JSON for the script parses back to the exact payload."""
    data = json.loads(_elements(hostile_page).scripts[0])
    assert data["behaviours"]["coaching.gives-feedback"] == PAYLOAD


def test_page_loads_nothing_from_elsewhere(hostile_page: str) -> None:
    """No element has a src attribute, and the only link element is the empty data: icon."""
    tags = _elements(hostile_page).tags
    sources = [attrs for tag, attrs in tags if "src" in attrs]
    links = [attrs.get("href") for tag, attrs in tags if tag == "link"]
    assert (sources, links) == ([], ["data:,"])


def test_policy_allows_exactly_the_page_script(hostile_page: str) -> None:
    """The Content-Security-Policy names the hash of the page's own script."""
    script = _elements(hostile_page).scripts[1]
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', hostile_page)
    assert policy is not None
    assert f"script-src 'sha256-{digest}'" in policy.group(1)


def test_page_language_is_the_locale(tmp_path: Path) -> None:
    """The html element's lang is the locale rendered."""
    render(load_framework(FRAMEWORK), "html", tmp_path, locale="fr", today=DAY)
    assert '<html lang="fr">' in (tmp_path / "index.html").read_text("utf-8")


def test_user_templates_replace_the_defaults(tmp_path: Path) -> None:
    """A file in --templates replaces the default of the same name."""
    brand = tmp_path / "brand" / "html"
    brand.mkdir(parents=True)
    (brand / "style.css").write_text("body { color: #123456; }\n", "utf-8")
    render(load_framework(FRAMEWORK), "html", tmp_path / "out", templates=brand.parent, today=DAY)
    assert "#123456" in (tmp_path / "out" / "index.html").read_text("utf-8")


def test_broken_user_template_names_file_and_line(tmp_path: Path) -> None:
    """A syntax error in a user's template stops the render with its file and line."""
    brand = tmp_path / "brand" / "html"
    brand.mkdir(parents=True)
    (brand / "page.html.j2").write_text("<p>\n{% if %}\n", "utf-8")
    with pytest.raises(RenderError, match=r"page\.html\.j2:2: template error"):
        render(load_framework(FRAMEWORK), "html", tmp_path / "out", templates=brand.parent)
