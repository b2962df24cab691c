"""Loading Jinja2 templates: the user's folder first, then the defaults.

A `--templates DIR` folder has the same layout as the default templates
(``markdown/``, ``html/``, ``pdf/``); any file it holds replaces the
default of the same name, so branding one template means copying one file.
Templates use strict undefined variables so that a typo in a user's copy
stops the render with its file and line instead of printing nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from competency.escape import html_text
from competency.render.errors import RenderError

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "DEFAULT_TEMPLATES",
    "environment",
    "render_template",
    "render_template_pieces",
    "template_path",
]

#: About how many characters `render_template_pieces` gathers into one piece.
PIECE = 1 << 16

#: The folder of the default templates; copy it to start a brand.
DEFAULT_TEMPLATES = Path(__file__).resolve().parent / "templates"


def template_path(name: str, templates: Path | None) -> Path:
    """The file for template `name`: the user's copy if it exists, else the default."""
    if templates is not None and (templates / name).is_file():
        return templates / name
    return DEFAULT_TEMPLATES / name


def environment(
    templates: Path | None,
    *,
    autoescape: bool,
    finalize: Callable[[Any], Any] | None = None,
    filters: dict[str, Callable[..., Any]] | None = None,
) -> jinja2.Environment:
    """A Jinja2 environment that looks in `templates` first, then in the defaults."""
    import jinja2

    folders = [str(DEFAULT_TEMPLATES)]
    if templates is not None:
        folders.insert(0, str(templates))
    if finalize is None and autoescape:
        # HTML: line breaks and control characters from the YAML never reach the page
        # raw, so a report printed in a terminal or CI log cannot act on it.
        finalize = html_text
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(folders),
        autoescape=autoescape,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(filters or {})
    return env


def render_template(env: jinja2.Environment, name: str, **context: Any) -> str:
    """Render template `name`; a template problem becomes a `RenderError` naming the place.

    A user's template is code: besides Jinja2's own errors it can fail to
    decode, or raise anything while it runs (``{{ 1 / 0 }}``, a filter given
    the wrong type). All of these stop the render with the file and line.
    """
    return "".join(render_template_pieces(env, name, **context))


def render_template_pieces(env: jinja2.Environment, name: str, **context: Any) -> Iterator[str]:
    """`render_template`'s text in pieces of about `PIECE` characters, as Jinja2 makes it.

    A page of 100,000 people is then never one string in memory; an error
    part-way stops the pieces with the same `RenderError`.
    """
    import jinja2

    try:
        pending: list[str] = []
        size = 0
        for text in env.get_template(name).generate(**context):
            pending.append(text)
            size += len(text)
            if size >= PIECE:
                yield "".join(pending)
                pending, size = [], 0
        yield "".join(pending)
    except jinja2.TemplateSyntaxError as error:
        where = error.filename or name
        raise RenderError(f"{where}:{error.lineno}: template error: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise RenderError(f"template not found: {error.name}") from None
    except jinja2.TemplateError as error:
        where = _template_place(error) or name
        raise RenderError(f"{where}: template error: {error}") from None
    except UnicodeDecodeError:
        raise RenderError(f"{name}: it or a template it uses is not UTF-8 text") from None
    except RenderError:
        raise
    except Exception as error:
        where = _template_place(error) or name
        raise RenderError(f"{where}: template error: {type(error).__name__}: {error}") from None


def _template_place(error: BaseException) -> str | None:
    """FILE:LINE of the innermost template frame of a runtime template error.

    Jinja2 rewrites tracebacks so that template code appears as frames of
    the template file, at the template's line numbers.
    """
    place = None
    tb = error.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            place = f"{filename}:{tb.tb_lineno}"
        tb = tb.tb_next
    return place
