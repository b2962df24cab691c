"""The hang guard fails a test with its own message, even while a command is running."""

from __future__ import annotations

import signal

import click
import pytest

import competency.cli


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM")
@pytest.mark.usefixtures("hang_guard")
def test_the_alarm_inside_a_command_fails_the_test_and_is_no_internal_error(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The alarm raised inside a command reaches pytest as a failure, past the CLI's handler."""

    def hang() -> None:
        signal.raise_signal(signal.SIGALRM)  # what the alarm does when a command hangs

    monkeypatch.setattr(competency.cli, "cli", click.Command("hang", callback=hang))
    with pytest.raises(pytest.fail.Exception, match="hang guard: still running after"):
        competency.cli.main([])
    assert "internal error" not in capsys.readouterr().err
