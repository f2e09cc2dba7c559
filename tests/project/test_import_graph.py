"""The package reads one way: core -> words -> scenarios -> tables -> whatif -> person -> interfaces -> ui.

Read from the source (ast), not by importing: every import of an explorer module, at module level
or inside a function, goes to the same or a lower layer; module-level imports form no circle; and
an import inside a function is either an optional extra's (imported only when its feature is
asked for) or listed below with its reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import explorer

PACKAGE = Path(explorer.__file__).parent
LAYERS = {"core": 0, "errors": 0, "extras": 0, "words": 1, "labels": 1, "palette": 1, "scenarios": 2,
          "tables": 3, "whatif": 4, "person": 5, "interfaces": 6, "serving": 6, "ui": 7}
"""Each top-level part of the package and its layer (errors and extras belong with core, labels
and palette with the words)."""
API_LAYER = LAYERS["interfaces"]
"""The package itself (explorer/__init__.py, the Python API) is one of the interfaces: its public
names come from the layers below, never from the dashboard."""
LAZY_API = "_PUBLIC"
"""explorer/__init__.py's mapping of each public name to the module it is imported from on first use
(PEP 562): those modules count as the package's imports."""
INSIDE_FUNCTIONS = {
    ("explorer.interfaces.cli", "explorer.scenarios.distributed"): "Dask, the optional extra: --dask",
    ("explorer.interfaces.cli", "explorer.scenarios.progress"): "Dask's progress bar, with --dask",
    ("explorer.interfaces.cli", "explorer.tables.distributed"): "Dask, the optional extra: --dask",
    ("explorer.interfaces.report", "explorer.interfaces.pdf"): "Chromium printing, only for a PDF",
}
"""Imports inside functions, and why each is there."""


def _module(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _lazy_targets(tree: ast.Module, package: str) -> list[str]:
    """The modules a package's lazy mapping (LAZY_API, name -> ".relative.module") imports from."""
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] \
            if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == LAZY_API for t in targets):
            return sorted({package + module if module.startswith(".") else module
                           for module in ast.literal_eval(node.value).values()})
    return []


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(explorer module imported, whether inside a function) for every import of the file; imports
    under `if TYPE_CHECKING:` are left out (they never run)."""
    me = _module(path)
    package = me if path.name == "__init__.py" else me.rsplit(".", 1)[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
               and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)}
    inside = {id(n) for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
              for n in ast.walk(node)}
    found = [(t, False) for t in _lazy_targets(tree, package)] if path.name == "__init__.py" else []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module
            names = [f"{module}.{a.name}" for a in node.names]
            # "from . import labels" names a module; "from .labels import label" names its module
            targets = [n for n in names if (PACKAGE.parent / n.replace(".", "/")).with_suffix(".py").exists()
                       or (PACKAGE.parent / n.replace(".", "/")).is_dir()] or [module]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        found += [(t, id(node) in inside) for t in targets if t and t.startswith("explorer.")]
    return found


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return LAYERS.get(parts[1]) if len(parts) > 1 else API_LAYER if module == "explorer" else None


GRAPH = {_module(p): _imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_part_of_the_package_has_a_layer():
    assert {m.split(".")[1] for m in GRAPH if m.count(".")} <= set(LAYERS) | {"__main__"}


def test_the_lazy_public_api_names_modules_of_the_package_under_the_interfaces():
    targets = [t for t, _ in GRAPH["explorer"]]
    assert targets and set(targets) <= set(GRAPH), sorted(set(targets) - set(GRAPH))
    assert max(_layer(t) for t in targets) < API_LAYER


def test_no_import_runs_back_up_the_layers():
    upward = [(me, target) for me, found in GRAPH.items() for target, _ in found
              if _layer(me) is not None and _layer(target) is not None and _layer(target) > _layer(me)]
    assert upward == []


def test_module_level_imports_form_no_circle():
    edges = {me: {t for t, inner in found if not inner and t in GRAPH and t != me}
             for me, found in GRAPH.items()}
    seen: dict[str, int] = {}  # 1: on the path, 2: done
    circles = []

    def visit(node: str, path: list[str]) -> None:
        seen[node] = 1
        for nxt in sorted(edges[node]):
            if seen.get(nxt) == 1:
                circles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in seen:
                visit(nxt, [*path, nxt])
        seen[node] = 2

    for start in sorted(edges):
        if start not in seen:
            visit(start, [start])
    # a package's __init__ importing its own modules, which import the package, is Python's way
    circles = [c for c in circles if not any(c[0].startswith(m + ".") or m == c[0] for m in c[1:-1])]
    assert circles == []


def test_imports_inside_functions_are_an_optional_extra_or_listed_with_a_reason():
    inner = {(me, target) for me, found in GRAPH.items() for target, inside in found if inside}
    assert inner <= set(INSIDE_FUNCTIONS), sorted(inner - set(INSIDE_FUNCTIONS))
    assert set(INSIDE_FUNCTIONS) <= inner, sorted(set(INSIDE_FUNCTIONS) - inner)  # the list stays true
