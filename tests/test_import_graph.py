"""The layers of DESIGN.md, read from the source with ``ast``: ``app -> widgets -> engine``,
no import back up (not even inside a function), no Qt in ``engine``, and no import cycle
between engine modules (a cycle works only while its imports stay inside functions, and
makes the modules impossible to read one at a time)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QT_PACKAGES = {"PySide6", "shiboken6", "PyQt5", "PyQt6", "qtpy"}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules_of(package: str) -> dict[str, Path]:
    return {module_name(path): path for path in sorted((ROOT / package).rglob("*.py"))}


def never_runs_on_import(node: ast.AST) -> bool:
    """``if TYPE_CHECKING:`` (only the type checker reads it) or ``if __name__ == "__main__":``
    (it runs in a module named ``__main__``: a ``python -m`` name forwarding to ``wenqi-cli``)."""
    if not isinstance(node, ast.If):
        return False
    test = node.test
    if isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) and test.left.id == "__name__":
        return True
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement that runs when its module is imported or its functions are
    called, at any depth; not those of :func:`never_runs_on_import` blocks."""
    for node in ast.iter_child_nodes(tree):
        if never_runs_on_import(node):
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
        yield from runtime_imports(node)


def imported_names(name: str, path: Path, known: set[str]) -> set[str]:
    """The absolute names a module imports: relative imports resolved, and ``from pkg import
    sub`` as the submodule ``pkg.sub`` when there is one."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in runtime_imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
            continue
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            base = ".".join(anchor + ([base] if base else []))
        for alias in node.names:
            found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base)
    return found


def import_graph(package: str) -> dict[str, set[str]]:
    """Module -> the modules of the same package it imports."""
    modules = modules_of(package)
    known = set(modules)
    return {name: imported_names(name, path, known) & known - {name} for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def top_level_imports(package: str) -> dict[str, set[str]]:
    """Module -> the top-level packages it imports (``PySide6``, ``app``, ...)."""
    modules = modules_of(package)
    known = set(modules)
    return {name: {imported.split(".")[0] for imported in imported_names(name, path, known)}
            for name, path in modules.items()}


def test_the_graph_sees_function_level_and_relative_imports(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from . import b\n")
    (package / "a.py").write_text("def f():\n    from pkg.sub import b\n")
    (package / "sub" / "b.py").write_text("from ..a import f\nif TYPE_CHECKING:\n    import pkg.c\n"
                                          "if __name__ == '__main__':\n    import pkg.c\n")
    (package / "c.py").write_text("from .sub.b import x\n")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    graph = import_graph("pkg")
    assert graph["pkg.a"] == {"pkg.sub.b"}
    assert graph["pkg.sub.b"] == {"pkg.a"}
    assert graph["pkg.c"] == {"pkg.sub.b"}
    assert cycles(graph) == [["pkg.a", "pkg.sub.b"]]


def test_engine_modules_import_each_other_without_cycles():
    assert cycles(import_graph("engine")) == []


def test_engine_never_imports_qt_or_the_layers_above():
    wrong = {name: sorted(imported & (QT_PACKAGES | {"app", "widgets"}))
             for name, imported in top_level_imports("engine").items()}
    assert {name: found for name, found in wrong.items() if found} == {}


def test_widgets_never_import_the_app():
    wrong = {name for name, imported in top_level_imports("widgets").items() if "app" in imported}
    assert wrong == set()
