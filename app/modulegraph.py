"""The page's module graph, so the page shell can ask for every module at once.

A browser discovers ES modules one level at a time: it must fetch and parse main.js before it
knows about store.js, and so on, eight levels down; on a busy machine each level costs a round
trip and a parse. `<link rel="modulepreload">` for every module of the first screen lets it
fetch them all in parallel. The graph is read from the sources: static `import … from "…"` /
`export … from "…"` everywhere, and the entry's own dynamic `import("…")` of the panels it
mounts at once. A panel's dynamic imports (the 3-D view and three.js) stay late on purpose, and
so do the vendor modules in LATE (KaTeX, 600 KB: the formulas are far below the first screen).
"""
from __future__ import annotations

import re
from pathlib import Path

STATIC_IMPORT = re.compile(r"""^\s*(?:import|export)\b[^;"'`]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']""",
                           re.MULTILINE)
LATE = ("katex",)
DYNAMIC_IMPORT = re.compile(r"""\bimport\(\s*["'`]([^"'`$]+)["'`]\s*\)""")


def _imports(text: str, dynamic: bool) -> list[str]:
    found = [a or b for a, b in STATIC_IMPORT.findall(text)]
    return found + (DYNAMIC_IMPORT.findall(text) if dynamic else [])


def module_graph(static_dir: Path, entry: str, import_map: dict[str, str], prefix: str = "/static/") -> list[str]:
    """URLs of the modules `entry` (a path under static_dir) needs, in discovery order, the entry
    first; bare names resolve through `import_map` (a vendor module is listed, not read)."""
    static_dir = Path(static_dir).resolve()
    seen: list[str] = []
    stack = [(static_dir / entry).resolve()]
    first = True
    while stack:
        path = stack.pop(0)
        url = prefix + path.relative_to(static_dir).as_posix()
        if url in seen or not path.is_file():
            continue
        seen.append(url)
        for spec in _imports(path.read_text(encoding="utf-8"), dynamic=first):
            if spec.startswith("."):
                target = (path.parent / spec).resolve()
                if static_dir in target.parents:
                    stack.append(target)
            elif spec in import_map and spec not in LATE and import_map[spec] not in seen:
                seen.append(import_map[spec])
        first = False
    return seen
