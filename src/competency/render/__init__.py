"""Publishing: a framework as Markdown pages, one HTML page, or a PDF.

`render` is the one entry point: it builds the rendering model
(`competency.render.view.build_site`), lays it out in the chosen format with
the default templates or the user's copies, and writes the files into the
output folder. It writes only the files it produces there and touches
nothing else.

>>> from competency import load_framework
>>> from competency.render import render
>>> render(load_framework("matrices"), "md", "out/md")  # doctest: +SKIP
[PosixPath('out/md/index.md'), ...]
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from competency.contract import (
    ArgumentValueError,
    check_instance,
    check_optional_str,
    check_path,
)
from competency.files import WriteError
from competency.files import write_files as write_files_safely
from competency.framework import Framework
from competency.render.errors import MissingGlyphsError, RenderError

if TYPE_CHECKING:
    from competency.names import Names
    from competency.render.view import SiteView

__all__ = [
    "FORMATS",
    "MANIFEST",
    "SITE_FORMATS",
    "MissingGlyphsError",
    "RenderError",
    "SiteFormat",
    "render",
    "render_warnings",
    "write_files",
]

#: A site writer: the site, the replacement templates' folder, and, for a writer that
#: takes them, the font folders and the role rendered; gives relative path -> content.
SiteWriter = Callable[..., Mapping[str, str | bytes]]


@dataclass(frozen=True)
class SiteFormat:
    """One format of the published site: its writer (``MODULE:NAME`` here) and traits.

    The writer's module is imported when the format is first used, so
    reading the table loads neither Jinja2 nor Typst.
    """

    target: str
    suffix: str
    """The suffix of the pages it writes, dot included."""
    binary: bool = False
    """Bytes (a PDF), never text."""
    extra: str | None = None
    """The optional extra (``pip install 'competency[EXTRA]'``) the format needs, if any."""
    takes_fonts: bool = False
    """The writer also takes ``font_paths`` and ``role`` (a PDF is compiled with fonts
    and named after the role)."""

    @property
    def function(self) -> SiteWriter:
        """The writer function, its module imported on first use."""
        module, _, name = self.target.partition(":")
        found: SiteWriter = getattr(importlib.import_module(f"competency.render.{module}"), name)
        return found


#: The site's formats by their --format name: to add one, write its function
#: ``(site, templates) -> {relative path: content}`` and add a line here.
SITE_FORMATS: dict[str, SiteFormat] = {
    "md": SiteFormat("markdown:render_markdown", ".md"),
    "html": SiteFormat("html:render_html", ".html"),
    "pdf": SiteFormat("pdf:render_pdf", ".pdf", binary=True, extra="pdf", takes_fonts=True),
}

#: The output formats, by their --format name.
FORMATS = tuple(SITE_FORMATS)


def render(
    framework: Framework,
    fmt: str,
    out: str | os.PathLike[str],
    *,
    role: str | None = None,
    locale: str | None = None,
    templates: str | os.PathLike[str] | None = None,
    font_paths: Sequence[str | os.PathLike[str]] = (),
    today: date | None = None,
    warn: Callable[[str], None] | None = None,
    force: bool = False,
) -> list[Path]:
    """Render `framework` as `fmt` (md, html or pdf) into the folder `out`; return the files.

    A file of the same name that an earlier render did not write (one not
    listed in the folder's `MANIFEST`) is never replaced unless `force`.

    `role` limits the output to one role; `locale` picks translated text,
    falling back to the framework's default locale; `templates` is a folder
    of replacement templates; `font_paths` adds fonts for the PDF; `today`
    is the date printed in the output (default: today). `warn` receives a
    sentence for each thing a reader should know: a requested locale the
    framework has no text in, or (HTML) a script no installed font draws.

    Raises `RenderError` when the output cannot be made, and
    `competency.framework.UnknownReferenceError` for an unknown `role`.
    """
    check_instance("render", "framework", framework, Framework)
    check_instance("render", "fmt", fmt, str)
    check_path("render", "out", out)
    check_optional_str("render", "role", role)
    check_optional_str("render", "locale", locale)
    if templates is not None:
        check_path("render", "templates", templates)
    if fmt not in FORMATS:
        raise ArgumentValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    from competency.names import Names
    from competency.render.view import build_site

    names = Names(framework, locale)  # the render's one translator
    site = build_site(framework, locale=locale, role=role, today=today, names=names)
    if warn is not None:
        for message in render_warnings(framework, site, fmt, locale, font_paths, names=names):
            warn(message)
    folder = Path(templates) if templates is not None else None
    chosen = SITE_FORMATS[fmt]
    if chosen.takes_fonts:
        files = chosen.function(site, folder, font_paths=font_paths, role=role)
    else:
        files = chosen.function(site, folder)
    return write_files(Path(out), files, force=force)


def render_warnings(
    framework: Framework,
    site: SiteView,
    fmt: str,
    locale: str | None,
    font_paths: Sequence[str | os.PathLike[str]] = (),
    *,
    names: Names | None = None,
) -> list[str]:
    """What a reader should know about a render: missing translations, missing fonts.

    `names` is the render's translator (one is made for `locale` when not given).
    """
    from competency.names import names_for

    found = []
    if locale is not None:
        names = names_for(framework, locale, names=names)
        texts = [r.title for r in framework.roles.values()]
        texts += [c.name for c in framework.competencies.values()]
        wanted = locale.lower().split("-")[0]
        if not any(names.locale_of(t).lower().split("-")[0] == wanted for t in texts):
            found.append(
                f"warning: the framework has no text in {locale}; "
                f"its text is shown in {framework.default_locale}"
            )
    if fmt == "html":
        found.extend(_font_warnings(site, font_paths))
    return found


def _font_warnings(site: SiteView, font_paths: Sequence[str | os.PathLike[str]]) -> list[str]:
    """A warning per script of the page's text that no installed font draws (needs typst)."""
    from competency.render.fonts import find_missing_glyphs, font_hint
    from competency.render.pdf import strings
    from competency.render.view import to_data

    try:
        missing = find_missing_glyphs(strings(to_data(site)), font_paths)
    except ImportError:
        return []
    scripts: dict[tuple[str, str], list[str]] = {}
    for glyph in missing:
        scripts.setdefault(font_hint(glyph.char), []).append(glyph.code)
    return [
        f"warning: no installed font draws {script} text ({', '.join(codes[:3])}"
        f"{', ...' if len(codes) > 3 else ''}); readers without such a font see empty boxes "
        f"(Debian package: {package})"
        for (script, package), codes in scripts.items()
    ]


#: The file, in an output folder, that lists what the last render wrote there.
MANIFEST = ".competency-render"


def write_files(out: Path, files: Mapping[str, str | bytes], *, force: bool = False) -> list[Path]:
    """Write `files` (relative path to content) under `out`; return the paths written.

    Through `competency.files`: all or nothing, each file atomic, a symbolic
    link at a target replaced and never followed, and a subfolder that leads
    outside `out` (a symbolic link to another folder, say) stops the render
    with `RenderError` before anything is written. A file that an earlier
    render wrote (listed in `MANIFEST`) is replaced; any other existing file
    of the same name is refused unless `force`, so nothing a person wrote is
    lost. Other files in `out` are left alone.
    """
    data = {
        out / name: content.encode("utf-8") if isinstance(content, str) else content
        for name, content in files.items()
    }
    ours = _previous_output(out)
    listing = "".join(f"{name}\n" for name in sorted({*ours, *files}))
    data[out / MANIFEST] = listing.encode("utf-8")

    def replaceable(path: Path) -> bool:
        name = path.relative_to(out).as_posix()
        return force or name == MANIFEST or name in ours

    try:
        written = write_files_safely(data, inside=out, replace=replaceable)
    except WriteError as error:
        hint = "" if force else " (it was not written by an earlier render; force replaces it)"
        raise RenderError(f"{error}{hint if 'exists' in str(error) else ''}") from None
    return [path for path in written if path.name != MANIFEST]


def _previous_output(out: Path) -> set[str]:
    """The files an earlier render wrote into `out`, from its manifest (none if unreadable)."""
    manifest = out / MANIFEST
    try:
        if manifest.is_symlink() or not manifest.is_file():
            return set()
        text = manifest.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return {line for line in text.splitlines() if line and not line.startswith("/")}
