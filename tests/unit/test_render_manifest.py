"""render never replaces a file it did not write, unless asked (nothing a user wrote is lost)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.conftest import MATRICES, Run


def test_render_refuses_a_hand_written_file_in_the_way(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    """A hand-written index.md in the output folder stops the render (exit 2) and survives."""
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.md").write_text("my notes\n", encoding="utf-8")
    run = cli("render", MATRICES, "--format", "md", "--out", out)
    kept = (out / "index.md").read_text(encoding="utf-8")
    assert (run.status, kept, "not written by an earlier render" in run.err) == (
        2,
        "my notes\n",
        True,
    )


def test_render_replaces_its_own_earlier_output(cli: Callable[..., Run], tmp_path: Path) -> None:
    """A second render into the same folder replaces what the first one wrote."""
    out = tmp_path / "site"
    first = cli("render", MATRICES, "--format", "md", "--out", out)
    second = cli("render", MATRICES, "--format", "md", "--out", out)
    assert (first.status, second.status) == (0, 0)


def test_force_replaces_a_file_in_the_way(cli: Callable[..., Run], tmp_path: Path) -> None:
    """With --force the render replaces the hand-written file."""
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.md").write_text("my notes\n", encoding="utf-8")
    run = cli("render", MATRICES, "--format", "md", "--out", out, "--force")
    assert (run.status, (out / "index.md").read_text(encoding="utf-8") != "my notes\n") == (0, True)
