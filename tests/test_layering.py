"""How the package is layered, checked on its source: what may import what, and who may touch the session."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "citemap"


def _sources() -> dict[str, Path]:
    return {
        path.relative_to(ROOT).as_posix(): path
        for path in [*PACKAGE.rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]
    }


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The citemap modules a file imports, anywhere in it (inside functions too)."""
    found: set[str] = set()
    package = _module(path) if path.name == "__init__.py" else _module(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if (PACKAGE.parent / (candidate.replace(".", "/") + ".py")).exists() else base)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("citemap")}


def test_only_ui_state_touches_the_session():
    touching = [name for name, path in _sources().items() if "session_state" in path.read_text(encoding="utf-8")]
    assert touching == ["citemap/ui/state.py"]


def test_only_the_ui_and_the_pages_import_streamlit():
    importing = [name for name, path in _sources().items() if "import streamlit" in path.read_text(encoding="utf-8")]
    assert all(name.startswith(("citemap/ui/", "pages/")) or name == "app.py" for name in importing), importing


def test_the_package_has_no_import_circle():
    graph = {_module(path): _imports(path) for path in PACKAGE.rglob("*.py")}
    graph = {
        module: {m for m in imported if m in graph and m != module and not module.startswith(m + ".")}
        for module, imported in graph.items()
    }
    visiting, done, circles = [], set(), []

    def visit(module: str) -> None:
        if module in done:
            return
        if module in visiting:
            circles.append(visiting[visiting.index(module) :] + [module])
            return
        visiting.append(module)
        for imported in sorted(graph[module]):
            visit(imported)
        visiting.pop()
        done.add(module)

    for module in sorted(graph):
        visit(module)
    assert circles == []
