"""Guard rails of the architecture: engine/ needs only NumPy and the standard library and never
reaches into app/; importing the server's modules changes nothing in the process."""
from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ENGINE_MAY_IMPORT = set(sys.stdlib_module_names) | {"numpy", "engine"}


def imported_modules(path: Path) -> list[tuple[int, str]]:
    """(line, top-level module) of every absolute import in a Python file (relative ones stay inside)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name.split(".")[0]) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            found.append((node.lineno, node.module.split(".")[0]))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            found.append((node.lineno, str(node.args[0].value).split(".")[0]))
    return found


def test_the_engine_imports_only_numpy_and_the_standard_library():
    files = sorted((ROOT / "engine").rglob("*.py"))
    assert len(files) > 20
    bad = [f"{path.relative_to(ROOT)}:{line} imports {module}" for path in files
           for line, module in imported_modules(path) if module not in ENGINE_MAY_IMPORT]
    assert not bad, "engine/ must need nothing but NumPy and the standard library:\n" + "\n".join(bad)


def test_the_rule_sees_a_forbidden_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("import numpy as np\nfrom app.core import frames\nimport importlib\n"
                      "importlib.import_module('fastapi.routing')\nfrom . import losses\n")
    assert [m for _, m in imported_modules(sample) if m not in ENGINE_MAY_IMPORT] == ["app", "fastapi"]


def test_importing_the_server_sets_nothing_up_in_the_process():
    """Environment variables and multiprocessing belong to the entry points and the lifespan."""
    code = ("import multiprocessing.forkserver as fs, os, sys\n"
            "before = dict(os.environ)\n"
            "import app.main, app.sessions.job, app.sessions.session, app.routes.train_ws, app.__main__\n"
            "changed = sorted(k for k in set(before) | set(os.environ) if before.get(k) != os.environ.get(k))\n"
            "print(changed, fs._forkserver._preload_modules, 'app' in sys.modules)")
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["[]", "['__main__']", "True"], out.stdout
