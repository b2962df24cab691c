"""No network: every command works with sockets disabled.

Evidence holds personal data, and nothing the tool does needs the network:
no schema is fetched, no font downloaded, no telemetry sent. Every way to
open a socket raises here, and each command must still succeed.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.conftest import Run

pytestmark = pytest.mark.usefixtures("hang_guard")

AS_OF = ["--as-of", "2026-11-01"]
COMMANDS = [
    ["validate", "matrices", "evidence", "--strict"],
    ["validate", "matrices", "evidence", "--format", "sarif"],
    ["gap", "evidence/amara.yaml", *AS_OF],
    ["gap", "evidence/amara.yaml", *AS_OF, "--format", "html"],
    ["level", "evidence/amara.yaml", *AS_OF, "--format", "md"],
    ["team", "evidence", *AS_OF, "--format", "csv"],
    ["diff", "specialist@sp1", "specialist@sp2"],
    ["diff", "matrices", "matrices"],
    ["render", "matrices", "--format", "md", "--out", "site-md"],
    ["render", "matrices", "--format", "html", "--out", "site-html"],
    ["schema", "--out", "schemas"],
    ["template", "evidence", "--target", "specialist@sp2", "-o", "new.yaml"],
    ["new", "framework", "fresh"],
    ["new", "evidence", "zoe.yaml", "--person", "zoe-o"],
    ["fmt", "--check", "matrices/roles"],
    ["rename", "competency", "empathy", "care", "--dry-run"],
]


class NetworkUsed(AssertionError):
    """A command tried to open a socket or resolve a name."""


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every way to reach the network raises `NetworkUsed`."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise NetworkUsed(f"network used: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_the_guard_refuses_a_connection(no_network: None) -> None:
    """Control: with the guard on, opening a connection raises."""
    with pytest.raises(NetworkUsed):
        socket.create_connection(("example.com", 80))


@pytest.mark.parametrize(
    "args", COMMANDS, ids=[" ".join(c[:2]) + f" {i}" for i, c in enumerate(COMMANDS)]
)
def test_every_command_works_without_network(
    args: list[str], base: Path, no_network: None, cli: Callable[..., Run]
) -> None:
    """The command exits 0 with sockets disabled, and does not report a network error."""
    run = cli(*args)
    assert (run.status, "network used" in run.out + run.err) == (0, False)
