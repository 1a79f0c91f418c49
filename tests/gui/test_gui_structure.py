"""gui/ stays untangled (issue 16, item 9): no import cycles between its modules, and the
lead's dialogs never import the main window."""

from __future__ import annotations

import ast
from pathlib import Path

import annotator.gui

GUI = Path(annotator.gui.__file__).parent


def _module(path: Path) -> str:
    return ".".join(("annotator.gui", *path.relative_to(GUI).with_suffix("").parts)).removesuffix(".__init__")


def _imports(path: Path) -> set[str]:
    """gui modules `path` imports, at module level or inside functions (TYPE_CHECKING included)."""
    package = _module(path).rsplit(".", 1)[0] if path.name != "__init__.py" else _module(path)
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            if name.startswith("annotator.gui"):
                found.add(name)
                found.update(f"{name}.{a.name}" for a in node.names)
    modules = {_module(p) for p in GUI.rglob("*.py")}
    return {m for m in found if m in modules}


def test_no_import_cycles_in_gui():
    graph = {_module(p): _imports(p) for p in GUI.rglob("*.py")}
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in graph.get(node, ()):
            if nxt == path[0]:
                cycles.append([*path, nxt])
            elif nxt not in path and len(path) < 8:
                visit(nxt, [*path, nxt])

    for start in graph:
        visit(start, [start])
    assert not cycles, cycles[:3]


def test_dialogs_do_not_import_the_main_window():
    for path in (GUI / "dialogs").glob("*.py"):
        assert "annotator.gui.main_window" not in _imports(path), path.name
