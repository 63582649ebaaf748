"""The page's module graph: what the shell preloads so the browser fetches every module at once."""
from __future__ import annotations

import re
from pathlib import Path

from app.modulegraph import module_graph

ROOT = Path(__file__).resolve().parents[2]
IMPORT_MAP = {"uplot": "/vendor/uplot/uPlot.esm.js", "three": "/vendor/three/build/three.module.js"}


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).parent.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text)


def test_static_imports_everywhere_and_the_entrys_own_dynamic_ones(tmp_path):
    write(tmp_path, "main.js", 'import { a } from "./a.js";\nimport "./side.js";\nconst later = () => import("./panel/p.js");\n')
    write(tmp_path, "a.js", 'import {\n  b,\n  c,\n} from "./lib/b.js";\nexport { d } from "./d.js";\nimport uPlot from "uplot";\n')
    write(tmp_path, "lib/b.js", 'import { a } from "../a.js";\n')   # a cycle is listed once
    write(tmp_path, "d.js", "export const d = 1;\n")
    write(tmp_path, "side.js", "")
    write(tmp_path, "panel/p.js", 'import * as THREE from "three";\nconst heavy = () => import("./heavy.js");\n')
    write(tmp_path, "panel/heavy.js", "")
    graph = module_graph(tmp_path, "main.js", IMPORT_MAP)
    assert graph[0] == "/static/main.js"
    assert set(graph) == {"/static/main.js", "/static/a.js", "/static/side.js", "/static/panel/p.js", "/static/lib/b.js",
                          "/static/d.js", "/vendor/uplot/uPlot.esm.js", "/vendor/three/build/three.module.js"}
    assert "/static/panel/heavy.js" not in graph, "a panel's own dynamic imports stay late"


def test_the_page_shell_preloads_the_first_screen_but_not_the_3d_view(client):
    page = client.get("/").text
    preloaded = re.findall(r'<link rel="modulepreload" href="([^"]+)">', page)
    assert "/static/views/draw/pad.js" in preloaded and "/static/views/downhill/downhill.js" in preloaded
    assert "/vendor/uplot/uPlot.esm.js" in preloaded
    assert not [u for u in preloaded if "three" in u or "surface3d" in u], preloaded
    assert '<link rel="preload" href="/api/options" as="fetch" crossorigin="anonymous">' in page
    for url in preloaded:
        assert client.get(url).status_code == 200, url
    on_disk = {f"/static/{p.relative_to(ROOT / 'static').as_posix()}" for p in (ROOT / "static").rglob("*.js")}
    assert set(preloaded) - {"/vendor/uplot/uPlot.esm.js"} <= on_disk
