"""`competency export` writes through the safe file writer, and its formats come from one table."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from competency import interop
from competency.framework import Framework
from competency.interop import EXPORTS, ExportOptions, framework_csv
from competency.render import FORMATS, SITE_FORMATS
from tests.conftest import MATRICES, Run

Cli = Callable[..., Run]


def _export(cli: Cli, out: Path | str, *more: str) -> Run:
    return cli("export", MATRICES, "--format", "csv", "--out", out, *more)


def test_a_symbolic_link_at_out_is_refused(cli: Cli, tmp_path: Path) -> None:
    """--out naming a symbolic link is refused (exit 2), and the file it points at is untouched."""
    kept = tmp_path / "kept.txt"
    kept.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(kept)
    run = _export(cli, link)
    assert (run.status, kept.read_text("utf-8"), link.is_symlink()) == (2, "mine\n", True)


def test_force_replaces_a_symbolic_link_without_following_it(
    cli: Cli, tmp_path: Path, framework: Framework
) -> None:
    """With --force a link at --out becomes the exported file; the file it named is untouched."""
    kept = tmp_path / "kept.txt"
    kept.write_text("mine\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(kept)
    run = _export(cli, link, "--force")
    actual = (run.status, kept.read_text("utf-8"), link.is_symlink(), link.read_bytes())
    assert (0, "mine\n", False, framework_csv(framework).encode("utf-8")) == actual


def test_an_existing_file_is_refused_without_force(cli: Cli, tmp_path: Path) -> None:
    """An existing --out is left as it is without --force: exit 2 and a hint."""
    out = tmp_path / "out.csv"
    out.write_text("mine\n", encoding="utf-8")
    run = _export(cli, out)
    expected = (2, "mine\n", f"Error: {out} exists; use --force to overwrite it")
    assert expected == (run.status, out.read_text("utf-8"), run.err.splitlines()[-1])


def test_an_existing_file_is_replaced_with_force(
    cli: Cli, tmp_path: Path, framework: Framework
) -> None:
    """--force replaces an existing --out with the export."""
    out = tmp_path / "out.csv"
    out.write_text("mine\n", encoding="utf-8")
    run = _export(cli, out, "--force")
    assert (0, framework_csv(framework).encode("utf-8")) == (run.status, out.read_bytes())


@pytest.mark.parametrize("existing", [False, True])
def test_a_failed_write_leaves_nothing_behind(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    """A write that fails part-way (a full disk) leaves no file, no temporary, an old file whole."""
    out = tmp_path / "out.csv"
    if existing:
        out.write_text("mine\n", encoding="utf-8")

    def full(handle: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("competency.files.os.fsync", full)
    run = _export(cli, out, *(["--force"] if existing else []))
    left = sorted(path.name for path in tmp_path.iterdir())
    expected_left = ["out.csv"] if existing else []
    old = out.read_text("utf-8") if existing else None
    assert (2, expected_left, "mine\n" if existing else None) == (run.status, left, old)


def test_a_failed_export_writes_nothing(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An export that cannot be made (a missing optional package) leaves no file: exit 2."""

    def missing(framework: object, options: ExportOptions) -> bytes:
        raise interop.MissingDependencyError("xlsx needs openpyxl")

    monkeypatch.setattr("competency.interop.exports.xlsx", missing)
    out = tmp_path / "out.xlsx"
    run = cli("export", MATRICES, "--format", "xlsx", "--out", out)
    expected: tuple[int, list[Path], str] = (2, [], "Error: xlsx needs openpyxl")
    assert expected == (run.status, list(tmp_path.iterdir()), run.err.splitlines()[-1])


@pytest.mark.parametrize("name", [name for name, form in EXPORTS.items() if not form.binary])
def test_text_formats_still_print_on_standard_output(
    cli: Cli, name: str, framework: Framework
) -> None:
    """--out - prints a text format, the same text the export function gives."""
    run = cli("export", MATRICES, "--format", name, "--out", "-", "--date", "2026-01-01")
    options = ExportOptions(datetime(2026, 1, 1, tzinfo=UTC))
    assert (0, interop.export(framework, name, options)) == (run.status, run.out)


def test_a_binary_format_is_refused_on_standard_output(cli: Cli) -> None:
    """--out - with xlsx is wrong usage, refused before the framework is read."""
    run = cli("export", "no-such-folder", "--format", "xlsx", "--out", "-")
    expected = (2, "", "Error: --out - works for csv, case, json, not for xlsx")
    assert expected == (run.status, run.out, run.err.splitlines()[-1])


def test_export_choices_come_from_the_table(cli: Cli) -> None:
    """export --format offers exactly the export table's formats."""
    run = cli("export", MATRICES, "--format", "nope", "--out", "-")
    assert "'nope' is not one of 'xlsx', 'csv', 'case', 'json'" in run.err


def test_render_choices_come_from_the_site_table() -> None:
    """render's formats are the site table's, md, html and pdf, the PDF needing the pdf extra."""
    table = {name: (form.suffix, form.binary, form.extra) for name, form in SITE_FORMATS.items()}
    expected: dict[str, tuple[str, bool, str | None]] = {
        "md": (".md", False, None),
        "html": (".html", False, None),
        "pdf": (".pdf", True, "pdf"),
    }
    assert (expected, tuple(SITE_FORMATS)) == (table, FORMATS)


def test_every_table_entry_names_a_function() -> None:
    """Each site and export format's MODULE:NAME names a callable (imported on first use)."""
    site = [callable(form.function) for form in SITE_FORMATS.values()]
    exports = [callable(form.function) for form in EXPORTS.values()]
    assert all(site + exports)
