"""The page shell (templates/index.html) and the static file mounts."""
from __future__ import annotations

import json
import re
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..core import headers
from ..modulegraph import module_graph

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
FALLBACK = ("<!doctype html><html lang=\"{lang}\"><meta charset=\"utf-8\"><title>Downhill</title>"
            "<h1>Downhill</h1><p>The page is not built yet (templates/index.html missing).</p></html>")
VENDOR = {"three": ROOT / "node_modules" / "three", "uplot": ROOT / "node_modules" / "uplot" / "dist",
          "swagger-ui": ROOT / "node_modules" / "swagger-ui-dist",
          "noto-sans-kr": ROOT / "node_modules" / "@fontsource" / "noto-sans-kr",
          "katex": ROOT / "node_modules" / "katex" / "dist"}

IMPORT_MAP = re.compile(r'<script type="importmap">\s*(\{.*?\})\s*</script>', re.S)

router = APIRouter()
_templates = Jinja2Templates(directory=str(TEMPLATES))


def _lang(request: Request) -> str:
    """`?lang=ko|en`, else the browser's first choice among them, else English."""
    asked = request.query_params.get("lang", "")
    if asked in ("ko", "en"):
        return asked
    accept = request.headers.get("accept-language", "").lower()
    return "ko" if accept.startswith("ko") else "en"


@router.get("/docs", response_class=HTMLResponse, include_in_schema=False)
def api_docs(request: Request) -> HTMLResponse:
    """The OpenAPI page, with Swagger UI served locally (works offline); its one inline script,
    generated here, is allowed by its hash."""
    page = get_swagger_ui_html(openapi_url="/openapi.json", title="Downhill API",
                               swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
                               swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
                               swagger_favicon_url="/vendor/swagger-ui/favicon-32x32.png")
    return _with_policy(page, request, import_maps_only=False)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(request: Request) -> HTMLResponse:
    lang = _lang(request)
    if not (TEMPLATES / "index.html").is_file():
        return HTMLResponse(FALLBACK.format(lang=lang))
    settings = request.app.state.settings
    context = {"lang": lang, "token": settings.token or "", "version": request.app.version,
               "preload": _preload(request.app)}
    return _with_policy(_templates.TemplateResponse(request, "index.html", context), request)


def _with_policy(page: HTMLResponse, request: Request, import_maps_only: bool = True) -> HTMLResponse:
    """The page with a Content-Security-Policy allowing its import map by hash (no other inline script)."""
    hashes = headers.inline_hashes(page.body, import_maps_only)
    page.headers["content-security-policy"] = headers.policy(request.headers.get("host", ""), hashes)
    return page


def _preload(app) -> list[str]:
    """The first screen's modules (app/modulegraph.py), read once per app; main.js itself is the page's script."""
    if getattr(app.state, "preload", None) is None:
        shell = (TEMPLATES / "index.html").read_text(encoding="utf-8")
        found = IMPORT_MAP.search(shell)
        imports = json.loads(found.group(1))["imports"] if found else {}
        app.state.preload = module_graph(ROOT / "static", "main.js", imports)[1:]
    return app.state.preload


def static_folders() -> dict[str, Path]:
    """URL prefix → folder: static/ and the npm packages the page uses (nothing else under node_modules)."""
    folders = {"/static": ROOT / "static", **{f"/vendor/{name}": folder for name, folder in VENDOR.items()}}
    return {prefix: folder for prefix, folder in folders.items() if folder.is_dir()}


def mount_static(app: FastAPI) -> None:
    """Mount the static folders (core/staticcache.py answers plain GETs of their files from memory)."""
    for prefix, folder in static_folders().items():
        app.mount(prefix, StaticFiles(directory=folder), name=prefix.strip("/").replace("/", "-"))
