"""The layers of tracker/ stay layers: the core is pure, and nothing imports upwards."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "tracker"
#: Each layer may import the ones listed (and itself).
ALLOWED = {
    "core": set(),
    "ingest": {"core"},
    "inputs": {"core"},  # reading files, stdin, web pages, PDFs and URLs into text
    "store": {"core"},
    "services": {"core", "ingest", "store", "inputs"},
    "site": {"core", "store", "services"},  # the web site: a front end, like cli.py
}


#: Leaf modules with no database or terminal in them, usable from any layer.
LEAVES = {"tracker.store.paths"}


def test_importing_the_core_loads_neither_sqlalchemy_nor_click():
    modules = sorted(f"tracker.core.{p.stem}" for p in (PACKAGE / "core").glob("*.py") if p.stem != "__init__")
    code = (f"import sys; import {', '.join(modules)}; "
            "print(sorted(m for m in ('sqlalchemy', 'sqlmodel', 'click', 'alembic') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=PACKAGE.parent).stdout
    assert out.strip() == "[]"


def _tracker_imports(path: Path) -> set[str]:
    """The top-level tracker packages a module imports (``tracker.store.events`` -> ``store``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tracker."):
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names if a.name.startswith("tracker.")]
        found |= {n.split(".")[1] for n in names if n not in LEAVES}
    return found


def test_no_layer_imports_a_layer_above_it():
    wrong = []
    for layer, allowed in ALLOWED.items():
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            above = {p for p in _tracker_imports(path) if p in ALLOWED and p != layer and p not in allowed}
            front = {"cli", "review"} if layer == "site" else {"cli", "output", "review"}
            above |= {p for p in _tracker_imports(path) if p in front}
            if above:
                wrong.append(f"{path.relative_to(PACKAGE)} imports {sorted(above)}")
    assert wrong == []
