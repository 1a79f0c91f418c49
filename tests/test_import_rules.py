"""Architecture rules, checked on the source: only gui/ imports PySide6; core imports nothing else of
ours; the library layers never import the GUI or the CLI; SQL stays in store/."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "annotator"

# package -> packages of ours it may import (DESIGN.md module map)
ALLOWED = {
    "core": {"core"},
    "store": {"core", "store"},
    "formats": {"core", "formats"},
    "preannotate": {"core", "preannotate", "store"},  # run() takes a Project
    "agreement": {"core", "agreement"},
    "training": {"core", "store", "formats", "preannotate", "training"},
    "cli": {"core", "store", "formats", "preannotate", "agreement", "cli", "gui", "training"},
    "gui": {"core", "store", "formats", "preannotate", "agreement", "gui", "training"},
}


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE)
        yield path, rel.parts[0] if len(rel.parts) > 1 else None


def _imports(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    package_parts = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package_parts[: len(package_parts) - node.level + 1]
                name = ".".join(base + ((node.module,) if node.module else ()))
            else:
                name = node.module or ""
            found.append((name, node.lineno))
    return found


def test_only_gui_imports_pyside6():
    offenders = [f"{path}:{line}" for path, top in _modules() if top != "gui"
                 for name, line in _imports(path) if name.split(".")[0] in ("PySide6", "shiboken6")]
    assert offenders == []


def test_each_package_imports_only_what_the_module_map_allows():
    offenders = []
    for path, top in _modules():
        if top is None:
            continue
        for name, line in _imports(path):
            parts = name.split(".")
            if parts[0] != "annotator" or len(parts) < 2:
                continue
            if parts[1] not in ALLOWED[top] and parts[1] != "__init__":
                offenders.append(f"{path.relative_to(PACKAGE)}:{line} imports {name}")
    assert offenders == []


def test_core_uses_only_the_standard_library():
    import sys

    stdlib = sys.stdlib_module_names
    offenders = [f"{path}:{line} {name}" for path, top in _modules() if top == "core"
                 for name, line in _imports(path)
                 if name.split(".")[0] not in stdlib and not name.startswith("annotator.core")]
    assert offenders == []


# The database drivers belong to the store (its engines). The library layers reach a project only
# through `annotator.store.Project` (pre-annotation writes through `Project.model_writer()`).
DRIVERS = ("sqlite3", "psycopg", "psycopg2", "sqlite_utils", "apsw")
# The CLI and the app too: they ask store/errors.py what a database error means (either engine).
NO_DRIVER = ("core", "formats", "preannotate", "agreement", "training", "cli", "gui")


def test_library_layers_never_import_a_database_driver():
    offenders = [f"{path.relative_to(PACKAGE)}:{line} imports {name}" for path, top in _modules()
                 if top in NO_DRIVER for name, line in _imports(path) if name.split(".")[0] in DRIVERS]
    assert offenders == []


def test_store_parts_use_no_private_name_of_another_module():
    """`project._audit(...)`, `from .team import _pair` and the like: each module of the store
    talks to the others through their public names (and the shared `Connection`)."""
    store = PACKAGE / "store"
    private_use = re.compile(r"\b(?:project|pkg|p|writer|c|conn|self\.project)\._[a-z]\w*\(")
    offenders = []
    for path in sorted(store.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if private_use.search(line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").startswith("annotator")):
                offenders += [f"{path.relative_to(PACKAGE)}:{node.lineno} imports {alias.name}"
                              for alias in node.names if alias.name.startswith("_") and alias.name != "__future__"]
    assert offenders == []


SQL = re.compile(r"\b(SELECT\s+.+\s+FROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b", re.I)


def test_sql_lives_in_store():
    offenders = []
    for path, top in _modules():
        if top in ("store",) or top is None:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if SQL.search(line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}")
    assert offenders == []
