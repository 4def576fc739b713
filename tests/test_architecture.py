"""The shape of the house: no import cycles, data types depend on nothing, one place knows Argos."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "translit"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """translit modules a file imports anywhere (at the top, inside functions, for type checking)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("translit"):
            if node.module != "translit":  # `from translit import terms` imports translit.terms only
                found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("translit"))
    return found


def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in imports_of(path) if m in modules and m != name} for name, path in modules.items()}


def test_no_import_cycles():
    edges = graph()
    cycles = []

    def visit(node: str, path: list[str]) -> None:
        for nxt in sorted(edges[node]):
            if nxt in path:
                cycles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in done:
                visit(nxt, path + [nxt])
        done.add(node)

    done: set[str] = set()
    for start in sorted(edges):
        if start not in done:
            visit(start, [start])
    assert cycles == []


def test_data_types_depend_on_nothing():
    assert graph()["translit.document"] == set()


def test_only_the_argos_backend_imports_argostranslate():
    users = sorted(
        module_name(p) for p in PACKAGE.rglob("*.py")
        if any(isinstance(n, (ast.Import, ast.ImportFrom)) and "argostranslate" in ast.dump(n)
               for n in ast.walk(ast.parse(p.read_text(encoding="utf-8"))))
    )
    assert users and all(user.startswith("translit.mt.argos.") for user in users), users


def test_only_the_registry_reaches_into_the_argos_backend():
    """The rest of translit sees backends through mt/base.py's protocols (Translator, ModelStore)."""
    reaching = {
        name for name, imported in graph().items()
        if not name.startswith("translit.mt.argos") and any(m.startswith("translit.mt.argos") for m in imported)
    }
    assert reaching == {"translit.mt.registry"}, reaching


def test_the_front_ends_go_through_the_pipeline_and_the_session():
    """app.py and cli.py never reach a backend, the glossary's files or the package folder directly."""
    for face in (ROOT / "app.py", PACKAGE / "cli.py"):
        reached = {m for m in imports_of(face) if m.startswith("translit.mt")}
        assert reached == set(), (face.name, reached)
