"""The layers of docs/architecture.md: imports go one way, with no cycles and no exceptions.

Every import counts: at module level, inside functions, and under
``TYPE_CHECKING``. A module may import its own layer or a lower one; the
import graph of ``competency`` has no cycle; click is imported only under
``competency.cli``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "competency"

#: The layers, lowest first, as docs/architecture.md draws them. A module
#: belongs to the first entry that is its name or a package above it.
LAYERS: list[tuple[str, ...]] = [
    (
        "competency.__about__",
        "competency.diagnostics",
        "competency.fielddocs",
        "competency.model",
        "competency.text",
        "competency.escape",
        "competency.resolved",
        "competency.contract",
        "competency.workbook",
        "competency.folders",
        "competency.clock",
        "competency.modeline",
        "competency.stats",
        "competency.settings",
    ),
    ("competency.load", "competency.references", "competency.yaml_errors"),
    ("competency.framework",),
    ("competency.names", "competency.check"),
    (
        "competency.io",
        "competency.files",
        "competency.pool",
        "competency.validation",
        "competency.schema",
        "competency.edit",
        "competency.gitrev",
        "competency.lsp",
    ),
    (
        "competency.analysis",
        "competency.diff",
        "competency.team_folder",
        "competency.interop",
        "competency.analytics",
    ),
    ("competency.render",),
    ("competency.write",),
    ("competency.cli",),
    ("competency", "competency.__main__"),
]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, module: str) -> set[str]:
    """Every competency module `path` imports, anywhere in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from competency.check import rules` imports the module competency.check.rules;
            # `from competency.check import check_model` imports competency.check itself.
            submodules = {f"{base}.{alias.name}" for alias in node.names} & MODULES.keys()
            found.update(submodules)
            if len(submodules) < len(node.names):
                found.add(base)
    return {name for name in found if name in MODULES}


MODULES: dict[str, Path] = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
GRAPH = {module: _imports(path, module) - {module} for module, path in MODULES.items()}


def _layer(module: str) -> int:
    best = None
    for index, names in enumerate(LAYERS):
        for name in names:
            if (module == name or module.startswith(name + ".")) and (
                best is None or len(name) > len(best[1])
            ):
                best = (index, name)
    assert best is not None, f"{module} is in no layer of LAYERS"
    return best[0]


def test_every_module_has_a_layer() -> None:
    """Each module of the package belongs to one of the documented layers."""
    assert all(_layer(module) >= 0 for module in MODULES)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_imports_a_higher_layer(module: str) -> None:
    """A module imports only its own layer or lower ones."""
    upward = sorted(name for name in GRAPH[module] if _layer(name) > _layer(module))
    assert upward == []


def test_the_import_graph_has_no_cycle() -> None:
    """No chain of imports leads from a module back to itself."""
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for name in sorted(GRAPH[module]):
            if state.get(name) == 1:
                cycles.append([*path[path.index(name) :], name] if name in path else [name])
            elif name not in state:
                visit(name, [*path, name])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])
    # A package's __init__ re-exporting its submodules is not a cycle of ideas,
    # but it still is one for Python: none are allowed.
    assert cycles == []


def test_click_is_imported_only_by_the_command_line() -> None:
    """Outside competency.cli nothing imports click."""
    users = []
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        names |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        if any(name == "click" or name.startswith("click.") for name in names):
            users.append(module)
    assert [m for m in users if not m.startswith("competency.cli")] == []


def test_architecture_doc_names_every_layer() -> None:
    """docs/architecture.md mentions every package or module that LAYERS lists."""
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [
        name
        for names in LAYERS
        for name in names
        if name != "competency" and name.removeprefix("competency.") not in doc
    ]
    assert missing == []


_FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")


def _names_a_flag(text: str) -> bool:
    """A --flag outside a whole example command (``competency validate X --strict``)."""
    return any(
        _FLAG.search(line) and not re.search(r"\bcompetency [a-z]", line)
        for line in text.splitlines()
    )


def test_library_messages_never_name_command_line_flags() -> None:
    """Strings outside competency.cli (docstrings and example commands aside) name no --flag."""
    found: list[str] = []
    for module, path in MODULES.items():
        if module.startswith("competency.cli"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        parts = {id(v) for n in ast.walk(tree) if isinstance(n, ast.JoinedStr) for v in n.values}
        # The arguments of a call to ``_git`` (competency.gitrev) are git's own options.
        parts |= {
            id(arg)
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_git"
            for arg in n.args
        }
        for node in ast.walk(tree):
            text = None
            if isinstance(node, ast.JoinedStr):
                text = "".join(
                    str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values
                )
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                skip = id(node) in docstrings or id(node) in parts
                text = None if skip else node.value
            if text is not None and isinstance(node, ast.expr) and _names_a_flag(text):
                found.append(f"{module}:{node.lineno}: {text[:60]}")
    assert found == []


def test_every_command_module_is_in_the_command_table() -> None:
    """Each command a cli module defines is listed in COMMAND_MODULES under its module."""
    import importlib

    from competency.cli import COMMAND_MODULES

    found = {
        command.name: module
        for module in sorted(set(COMMAND_MODULES.values()))
        for command in importlib.import_module(module).COMMANDS
    }
    assert found == COMMAND_MODULES


def test_validate_does_not_import_what_only_other_commands_need() -> None:
    """`competency validate` starts without schema, editing, rendering, analysis or Babel."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "competency", "validate", "--help"],
        capture_output=True,
        text=True,
        check=False,
    )
    imported = {line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()}
    heavy = {
        "competency.schema",
        "competency.resolved",
        "competency.edit",
        "competency.team_folder",
        "competency.analytics",
        "pyarrow",
    }
    heavy |= {"competency.render", "competency.diff", "competency.analysis"}
    heavy |= {f"competency.write.{name}" for name in ("text", "markdown", "data", "spreadsheet")}
    heavy |= {"babel"}  # the message catalogues and CLDR data: pages and reports only
    assert sorted(heavy & imported) == []


def test_validate_reads_no_python_source() -> None:
    """`competency validate` builds the models without reading their source for docstrings."""
    import subprocess
    import sys

    from tests.conftest import MATRICES

    script = (
        "import contextlib, io, linecache\n"
        "from competency import fielddocs\n"
        "from competency.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['validate', {str(MATRICES)!r}])\n"
        "read = sorted(name for name in linecache.cache if 'competency' in name)\n"
        "print(read, fielddocs._module_docstrings.cache_info().currsize)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.stdout.strip() == "[] 0", done.stderr


def test_no_model_reads_its_docstrings_when_it_is_built() -> None:
    """No model config turns on use_attribute_docstrings (`fielddocs` reads them on demand)."""
    name = "use_attribute_docstrings"
    found = [
        f"{module}:{node.lineno}"
        for module, path in sorted(MODULES.items())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (isinstance(node, ast.keyword) and node.arg == name)
        or (isinstance(node, ast.Constant) and node.value == name)
    ]
    assert found == []
