"""Every Streamlit API the dashboard calls, checked against the Streamlit that is installed.

Reads the dashboard's source (no page is run) and, for each call of ``st.<name>(...)``, of a
container's ``<local>.<name>(...)`` (a column, a tab, ...), and of a dashboard function that
forwards ``**kwargs`` to ``st.<name>``, checks that ``st.<name>`` exists and accepts every
keyword given. It also imports every name the dashboard takes from ``streamlit.*`` modules.

The packaging test runs it with the oldest Streamlit the project declares, so that a page
starting to use a newer API fails there and the floor in ``pyproject.toml`` gets raised:

    <venv>/bin/python streamlit_apis.py <installed dashboard folder>

Prints what is missing, one line each, and exits 1 if anything is; else prints a summary.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import streamlit as st


def _chain(node: ast.expr) -> tuple[ast.expr, list[str]]:
    names: list[str] = []
    while isinstance(node, ast.Attribute):
        names.insert(0, node.attr)
        node = node.value
    return node, names


def _resolve(names: list[str]) -> Any:
    obj: Any = st
    for name in names:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def _accepts(func: Any, keyword: str) -> bool:
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):
        return True
    return keyword in params or any(p.kind is p.VAR_KEYWORD for p in params.values())


def _imported_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def _importable(module: str, name: str) -> bool:
    """``from <module> import <name>`` works: an attribute, or a submodule."""
    try:
        return hasattr(importlib.import_module(module), name) or bool(
            importlib.import_module(f"{module}.{name}")
        )
    except ImportError:
        return False


def _forwarders(trees: dict[Path, ast.Module]) -> dict[str, tuple[str, set[str]]]:
    """Dashboard functions that pass ``**kwargs`` on to ``st.<name>``: function name →
    (``<name>``, the function's own parameters)."""
    found = {}
    for tree in trees.values():
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef) or func.args.kwarg is None:
                continue
            own = {a.arg for a in func.args.args + func.args.kwonlyargs}
            for call in ast.walk(func):
                if not isinstance(call, ast.Call):
                    continue
                base, names = _chain(call.func)
                forwards = any(
                    k.arg is None
                    and isinstance(k.value, ast.Name)
                    and k.value.id == func.args.kwarg.arg
                    for k in call.keywords
                )
                if forwards and isinstance(base, ast.Name) and base.id == "st" and names:
                    found[func.name] = (".".join(names), own)
    return found


def problems(root: Path) -> Iterator[str]:
    trees = {
        path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(root.rglob("*.py"))
    }
    forwarders = _forwarders(trees)
    checked = 0
    for path, tree in trees.items():
        where = path.relative_to(root.parent)
        imported = _imported_names(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("streamlit"):
                for alias in node.names:
                    if not _importable(node.module or "", alias.name):
                        yield f"{where}:{node.lineno}: no {node.module}.{alias.name}"
            if not isinstance(node, ast.Call) or not isinstance(
                node.func, ast.Attribute | ast.Name
            ):
                continue
            base, names = _chain(node.func)
            keywords = [k.arg for k in node.keywords if k.arg]
            if isinstance(base, ast.Name) and base.id == "st" and names:
                target, shown = _resolve(names), "st." + ".".join(names)
                if target is None:
                    yield f"{where}:{node.lineno}: no {shown}"
                    continue
            elif (
                names
                and isinstance(base, ast.Name)
                and base.id not in imported
                and keywords
                and hasattr(st, names[-1])
                and len(names) == 1
            ):
                # A container's method (``left.multiselect(...)``): the same API as ``st.<name>``.
                target, shown = getattr(st, names[-1]), f"st.{names[-1]}"
            else:
                name = names[-1] if names else getattr(base, "id", "")
                if name not in forwarders:
                    continue
                forwarded, own = forwarders[name]
                target, shown = _resolve(forwarded.split(".")), f"st.{forwarded} (via {name})"
                keywords = [k for k in keywords if k not in own]
                if target is None:
                    continue
            for keyword in keywords:
                checked += 1
                if not _accepts(target, keyword):
                    yield f"{where}:{node.lineno}: {shown} takes no {keyword}="
    print(f"streamlit {st.__version__}: {checked} keywords checked", file=sys.stderr)


if __name__ == "__main__":
    missing = list(problems(Path(sys.argv[1])))
    print("\n".join(missing) or "every Streamlit API the dashboard uses is present")
    sys.exit(1 if missing else 0)
