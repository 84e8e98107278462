"""The import rule of docs/architecture.md: a module imports from its own layer and the layers below, never above.

import-linter cannot check this tree (it takes packages only, and the app's entry point and the
settings are single modules), so the rule is read here from the code with `ast`.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from tests.conftest import PRODUCT, ROOT

# Top layer first. A module belongs to the layer of the longest name listed that it starts with.
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("entry points", ("app", "streamlit_app", "web", "dashboards.pages", "pipelines.cli", "pipelines.__main__")),
    ("what the pages share", ("dashboards", "dashboards.ui", "board")),
    ("presentation", ("presentation",)),
    ("the dashboards' queries", ("dashboards.queries",)),
    ("the app's database connection", ("dashboards.database",)),
    ("demo data", ("pipelines.demo",)),
    ("sources", ("pipelines.sources",)),
    ("outreach", ("pipelines.outreach",)),
    ("landing and records", ("pipelines",)),
    ("accounts", ("accounts",)),
    ("definitions and the warehouse", ("surveys", "warehouse")),
    ("settings", ("settings",)),
)


def layer_of(module: str) -> int | None:
    """The layer's index (0 is the top), or None for a module outside the product (a library)."""
    best: tuple[int, int] | None = None
    for index, (_, prefixes) in enumerate(LAYERS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > best[1]):
                best = (index, len(prefix))
    return None if best is None else best[0]


def module_name(root: Path, path: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    """Every absolute import in a module, at any depth: (line, module), `from a import b` as a.b when b is a module."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return found


def upward_imports(root: Path) -> list[str]:
    """Each import that reaches a higher layer, as 'file:line: module (layer) imports module (layer)'."""
    files = [root / name for name in PRODUCT if (root / name).is_file()]
    files += [path for name in PRODUCT if (root / name).is_dir() for path in sorted((root / name).rglob("*.py"))]
    problems = []
    for path in files:
        source = module_name(root, path)
        here = layer_of(source)
        for line, target in imported(ast.parse(path.read_text(encoding="utf-8"))):
            there = layer_of(target)
            if here is not None and there is not None and there < here:
                problems.append(
                    f"{path.relative_to(root)}:{line}: {source} ({LAYERS[here][0]}) "
                    f"imports {target} ({LAYERS[there][0]})"
                )
    return problems


def test_no_module_imports_from_a_layer_above_its_own():
    assert upward_imports(ROOT) == []


def test_every_product_module_has_a_layer():
    packages = [name for name in PRODUCT if (ROOT / name).is_dir()]
    modules = [module_name(ROOT, p) for name in packages for p in (ROOT / name).rglob("*.py")]
    assert [m for m in modules if layer_of(m) is None] == []


def test_an_upward_import_is_flagged(tmp_path):
    for name in ("warehouse", "dashboards"):
        shutil.copytree(ROOT / name, tmp_path / name)
    (tmp_path / "warehouse" / "shortcut.py").write_text("from dashboards.queries import plan_status\n")
    assert upward_imports(tmp_path) == [
        "warehouse/shortcut.py:1: warehouse.shortcut (definitions and the warehouse) imports "
        "dashboards.queries.plan_status (the dashboards' queries)"
    ]


def test_the_layers_are_the_ones_docs_architecture_names():
    described = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    assert [name for name, _ in LAYERS if name not in described] == []
