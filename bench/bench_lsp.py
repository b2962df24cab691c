"""How long the language server takes to re-check one edited role file, against a whole validate.

The target (issue 27): diagnostics after one edit to one role file of a
520-file framework in at most a tenth of a whole ``competency validate`` of
it. Both run in this one process on the same generated framework (the
shipped roles copied under new ids, as `run.py` makes it): the whole
validate reads and checks every file; the server's update re-parses the one
edited text and checks the framework again from its cached documents.

    python bench/bench_lsp.py [--roles N] [--repeat N] [--folder FRAMEWORK]

``--folder`` measures a framework made already (``run.py`` passes its own)
instead of generating one; its first role file is the one edited.

``--stdio`` drives ``competency lsp`` over stdio as an editor does instead:
it opens the role file, then sends whole-text changes that add and remove a
vague word in a behaviour (so that each one changes the file's diagnostics
and the server publishes them), and times each change until the server's
``publishDiagnostics`` for the file arrives. The server waits `DEBOUNCE`
seconds after an edit before it checks (so that typing is not checked key
by key); the time after that wait is the check, and is the figure compared.
"""

from __future__ import annotations

import argparse
import json
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_validate import best_of  # noqa: E402 (beside this script)
from run import make_framework  # noqa: E402

import competency  # noqa: E402
from competency.lsp.workspace import Workspace  # noqa: E402


class _Client:
    """A minimal LSP client over a server process's stdio (JSON-RPC with Content-Length)."""

    def __init__(self, command: list[str]) -> None:
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.messages: queue.Queue[dict[str, Any]] = queue.Queue()
        self.ids = iter(range(1, 10**9))
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not length:
                return
            self.messages.put(json.loads(stream.read(length)))

    def send(self, method: str, params: Any, request: bool = False) -> int | None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        ident = next(self.ids) if request else None
        if ident is not None:
            message["id"] = ident
        body = json.dumps(message).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()
        return ident

    def wait(self, match: Any, timeout: float = 120.0) -> dict[str, Any]:
        """The next message `match` accepts (others are dropped)."""
        end = time.monotonic() + timeout
        while True:
            message = self.messages.get(timeout=max(0.01, end - time.monotonic()))
            if match(message):
                return message

    def drain(self, quiet: float) -> None:
        """Drop every message until none has come for `quiet` seconds."""
        try:
            while True:
                self.messages.get(timeout=quiet)
        except queue.Empty:
            return

    def close(self) -> None:
        ident = self.send("shutdown", None, request=True)
        self.wait(lambda m: m.get("id") == ident)
        self.send("exit", None)
        self.process.wait(timeout=30)


def _vague(text: str) -> str:
    """`text` with "Often " before its first behaviour's words (a Q100 warning).

    The behaviour's words are on its ``text:`` line, or on the ``en:`` line
    under it when the text is translated (a map of locales).
    """
    lines = text.split("\n")
    at = next(i for i, line in enumerate(lines) if line.strip().startswith("text:"))
    if lines[at].strip() == "text:":
        at += 1
    key = "text: " if "text: " in lines[at] else "en: "
    lines[at] = lines[at].replace(key, key + "Often ", 1)
    return "\n".join(lines)


def stdio_edits(folder: Path, role: Path, repeat: int) -> float:
    """The best time from a change to its diagnostics, less the server's debounce."""
    from competency.lsp.server import DEBOUNCE

    text = role.read_text(encoding="utf-8")
    plain = _vague(text)
    uri = role.resolve().as_uri()
    client = _Client([sys.executable, "-m", "competency", "lsp", "--matrices", str(folder)])
    try:
        ident = client.send(
            "initialize",
            {"processId": None, "rootUri": folder.resolve().as_uri(), "capabilities": {}},
            request=True,
        )
        client.wait(lambda m: m.get("id") == ident)
        client.send("initialized", {})

        def published(message: dict[str, Any]) -> bool:
            return bool(
                message.get("method") == "textDocument/publishDiagnostics"
                and message["params"]["uri"] == uri
            )

        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
        client.send("textDocument/didOpen", {"textDocument": document})
        client.wait(published)
        client.drain(quiet=1.0)  # what the start and the opening published
        times = []
        for version in range(2, 2 * repeat + 2):
            vague = version % 2 == 0
            start = time.perf_counter()
            client.send(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"text": plain if vague else text}],
                },
            )
            # The edit adds a Q100 warning or takes it away: wait for that answer.
            client.wait(
                lambda m, vague=vague: (
                    published(m)
                    and any("'Often'" in d["message"] for d in m["params"]["diagnostics"]) == vague
                )
            )
            times.append(time.perf_counter() - start - DEBOUNCE)
        return min(times)
    finally:
        client.close()


def main(argv: list[str] | None = None) -> int:
    """Measure and print the whole validate, one server update and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--stdio", action="store_true", help="drive `competency lsp` over stdio")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temporary:
        folder = args.folder or make_framework(Path(temporary) / "matrices", args.roles)
        files = sorted(folder.rglob("*.yaml"))
        role = sorted((folder / "roles").glob("*.yaml"))[0]
        text = role.read_text(encoding="utf-8")
        workspace = Workspace(folder)
        edits = iter(range(10**9))

        def validate() -> None:
            competency.validate([folder])

        def update() -> None:
            # A real change each time: a new summary, as a person types one.
            edited = text.replace("summary: ", f"summary: ({next(edits)}) ", 1)
            workspace.update(role, edited)

        whole = best_of(args.repeat, validate)
        one = stdio_edits(folder, role, args.repeat) if args.stdio else best_of(args.repeat, update)
    print(f"files:                       {len(files)}")
    print(f"competency validate:         {whole * 1000:8.1f} ms")
    how = "over stdio, after the debounce" if args.stdio else "in process"
    print(f"server, one role file edit:  {one * 1000:8.1f} ms ({how})")
    print(f"ratio edit/validate:         {one / whole:8.2f} (target 0.10 or less)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
