"""Could rapidyaml (``ryml``) parse our files faster, keeping positions?

    python bench/bench_ryml.py [--roles N] [--repeat N]

An evaluation, not a dependency: ``pip install rapidyaml`` first. It
generates the framework of `--roles` role files (`run.make_framework`),
reads every file's bytes once, and times in this one process, on the same
bytes, the best of `--repeat` passes over all files:

- PyYAML's C loader, ``yaml.load(raw, Loader=yaml.CSafeLoader)``: data only;
- our loader, ``competency.load.parse_bytes``: data, the position of every
  key and value, and the strict rules of docs/format.md ("Rules for every file");
- ``ryml.parse_in_arena`` alone: the C++ tree, nothing in Python;
- ``ryml.parse_in_arena``, ``ryml.emit_json`` and ``json.loads``: the
  fastest way from ryml to Python data, with none of our checks (duplicate
  keys silently kept last, ``~`` a string) and no positions;
- ``ryml.parse_in_arena`` and a walk of the tree into dicts and lists with
  our YAML 1.2 core resolution of plain scalars, refusing duplicate keys,
  anchors, aliases, tags and merge keys as our loader does (no positions);
- the same walk after ``ryml.parse_in_place``, with the line and column of
  each key and scalar: ryml's Python API has no node locations, so each is
  found from the address of the scalar inside the parsed buffer.
"""

from __future__ import annotations

import argparse
import bisect
import ctypes
import json
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_validate import best_of  # noqa: E402 (beside this file)
from run import make_framework  # noqa: E402 (beside this file)

from competency.load import MAX_DEPTH, _resolve_plain, parse_bytes  # noqa: E402 (order kept)


class _PyBuffer(ctypes.Structure):
    """CPython's Py_buffer, to read the address of a read-only memoryview."""

    _fields_ = [
        ("buf", ctypes.c_void_p),
        ("obj", ctypes.py_object),
        ("len", ctypes.c_ssize_t),
        ("itemsize", ctypes.c_ssize_t),
        ("readonly", ctypes.c_int),
        ("ndim", ctypes.c_int),
        ("format", ctypes.c_char_p),
        ("shape", ctypes.c_void_p),
        ("strides", ctypes.c_void_p),
        ("suboffsets", ctypes.c_void_p),
        ("internal", ctypes.c_void_p),
    ]


_GET_BUFFER = ctypes.pythonapi.PyObject_GetBuffer
_GET_BUFFER.argtypes = [ctypes.py_object, ctypes.POINTER(_PyBuffer), ctypes.c_int]
_RELEASE = ctypes.pythonapi.PyBuffer_Release
_RELEASE.argtypes = [ctypes.POINTER(_PyBuffer)]


def address(view: Any) -> int:
    """The memory address of the bytes behind `view`."""
    buffer = _PyBuffer()
    _GET_BUFFER(view, ctypes.byref(buffer), 0)
    try:
        return int(buffer.buf or 0)
    finally:
        _RELEASE(ctypes.byref(buffer))


class Refused(Exception):
    """The YAML uses something the format forbids."""


def ryml_to_data(raw: bytes, *, positions: bool) -> tuple[Any, dict[int, tuple[int, int]]]:
    """Parse `raw` with ryml into plain data as our loader builds it.

    With `positions`, also the (line, column) of every key and scalar, by
    node id: columns count bytes, not characters, which is enough to weigh
    the cost (our loader counts characters).
    """
    import ryml

    found: dict[int, tuple[int, int]] = {}
    if positions:
        buffer = bytearray(raw)
        tree = ryml.parse_in_place(buffer)
        base = address(buffer)
        starts = [0]
        index = raw.find(b"\n")
        while index >= 0:
            starts.append(index + 1)
            index = raw.find(b"\n", index + 1)
    else:
        tree = ryml.parse_in_arena(raw)

    def where(view: Any) -> tuple[int, int]:
        offset = address(view) - base
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def scalar(node: int) -> Any:
        if tree.is_val_ref(node) or tree.has_val_anchor(node) or tree.has_val_tag(node):
            raise Refused("anchor, alias or tag")
        if tree.val_is_null(node):
            return None
        view = tree.val(node)
        if positions:
            found[node] = where(view)
        text = bytes(view).decode("utf-8")
        return (
            text
            if tree.is_val_quoted(node) or not tree.is_val_plain(node)
            else (_resolve_plain(text))
        )

    root = tree.root_id()
    if tree.is_stream(root):
        raise Refused("more than one document")
    data: Any = {} if tree.is_map(root) else [] if tree.is_seq(root) else scalar(root)
    stack: list[tuple[int, Any, int]] = [(root, data, 0)] if tree.is_container(root) else []
    while stack:
        node, container, depth = stack.pop()
        if depth >= MAX_DEPTH:
            raise Refused("too deep")
        child = tree.first_child(node)
        while child != ryml.NONE:
            value: Any
            if tree.is_map(child):
                value = {}
                stack.append((child, value, depth + 1))
            elif tree.is_seq(child):
                value = []
                stack.append((child, value, depth + 1))
            else:
                value = scalar(child)
            if type(container) is dict:
                key_view = tree.key(child)
                key = bytes(key_view).decode("utf-8")
                if key in container or (key == "<<" and not tree.is_key_quoted(child)):
                    raise Refused(f"duplicate or merge key {key!r}")
                if tree.has_key_anchor(child) or tree.has_key_tag(child):
                    raise Refused("anchor or tag on a key")
                if positions:
                    found[-child - 1] = where(key_view)
                container[key] = value
            else:
                container.append(value)
            child = tree.next_sibling(child)
    return data, found


def contenders(files: list[tuple[Path, bytes]]) -> dict[str, Callable[[], object]]:
    """Each way of parsing every file, by the name printed."""
    import ryml

    def csafe() -> None:
        for _, raw in files:
            yaml.load(raw, Loader=yaml.CSafeLoader)

    def ours() -> None:
        for path, raw in files:
            parse_bytes(raw, path, str(path))

    def tree_only() -> None:
        for _, raw in files:
            ryml.parse_in_arena(raw)

    def via_json() -> None:
        for _, raw in files:
            tree = ryml.parse_in_arena(raw)
            json.loads(ryml.emit_json(tree, tree.root_id()))

    def walk() -> None:
        for _, raw in files:
            ryml_to_data(raw, positions=False)

    def walk_positions() -> None:
        for _, raw in files:
            ryml_to_data(raw, positions=True)

    return {
        "yaml.load CSafeLoader (data only)": csafe,
        "competency.load.parse_bytes (strict, positions)": ours,
        "ryml.parse_in_arena (C++ tree only)": tree_only,
        "ryml + emit_json + json.loads (no checks)": via_json,
        "ryml + walk to dicts, strict checks": walk,
        "ryml in place + walk + positions": walk_positions,
    }


def main(argv: list[str] | None = None) -> int:
    """Generate the framework, check every contender builds the same data, time them."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--roles", type=int, default=500, help="role files in the framework")
    parser.add_argument("--repeat", type=int, default=5, help="passes; the best is kept")
    options = parser.parse_args(argv)
    try:
        import ryml  # noqa: F401 (only whether it is installed)
    except ImportError:
        print("bench_ryml: needs rapidyaml: pip install rapidyaml", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as temp:
        framework = make_framework(Path(temp) / "framework", options.roles)
        paths = sorted(framework.rglob("*.yaml"))
        files = [(path, path.read_bytes()) for path in paths]
    same = all(
        ryml_to_data(raw, positions=True)[0] == parse_bytes(raw, path, str(path)).data
        for path, raw in files
    )
    size = sum(len(raw) for _, raw in files)
    print(f"{len(files)} files, {size / 1e6:.1f} MB; ryml builds the same data: {same}")
    times = {name: best_of(options.repeat, action) for name, action in contenders(files).items()}
    baseline = next(iter(times.values()))
    width = max(map(len, times))
    print(f"{'parser'.ljust(width)}  {'best ms':>8}  {'/ CSafe':>7}  {'/ ours':>7}")
    ours = times["competency.load.parse_bytes (strict, positions)"]
    for name, seconds in times.items():
        print(
            f"{name.ljust(width)}  {seconds * 1000:8.1f}  {seconds / baseline:7.2f}"
            f"  {seconds / ours:7.2f}"
        )
    print(
        f"\nbest of {options.repeat} passes each, in one process; Python {sys.version.split()[0]}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
