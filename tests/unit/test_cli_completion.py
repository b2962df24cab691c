"""Shell completion, as docs/cli-completion.md describes it, works in bash, zsh and fish."""

from __future__ import annotations

import pytest

from competency.cli import main

SCRIPTS = {
    "bash": "complete -o nosort -F _competency_completion competency",
    "zsh": "compdef _competency_completion competency",
    "fish": 'complete --no-files --command competency --arguments "(_competency_completion)"',
}


def _complete(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], instruction: str
) -> tuple[int | str | None, str]:
    """Run `competency` as the shell does for completion; its exit code and output."""
    monkeypatch.setenv("_COMPETENCY_COMPLETE", instruction)
    with pytest.raises(SystemExit) as done:
        main([])
    return done.value.code, capsys.readouterr().out


@pytest.mark.parametrize("shell", sorted(SCRIPTS))
def test_a_completion_script_is_written_for_each_shell(
    shell: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``_COMPETENCY_COMPLETE=SHELL_source competency`` prints the script that registers it."""
    status, script = _complete(monkeypatch, capsys, f"{shell}_source")
    assert (status, SCRIPTS[shell] in script) == (0, True)


def test_completion_offers_the_commands(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Asked to complete ``competency va``, bash gets the validate command."""
    monkeypatch.setenv("COMP_WORDS", "competency va")
    monkeypatch.setenv("COMP_CWORD", "1")
    status, reply = _complete(monkeypatch, capsys, "bash_complete")
    assert (status, reply.split()) == (0, ["plain,validate"])


def test_completion_offers_the_choices_of_an_option(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Asked to complete ``competency render --format``, bash gets the output formats."""
    monkeypatch.setenv("COMP_WORDS", "competency render --format ")
    monkeypatch.setenv("COMP_CWORD", "3")
    status, reply = _complete(monkeypatch, capsys, "bash_complete")
    assert (status, reply.split()) == (0, ["plain,md", "plain,html", "plain,pdf"])
