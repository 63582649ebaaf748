"""How problems become HTTP answers, the same way for every route (present or future).

- A request that fails validation: 422 in FastAPI's shape, `detail: [{type, loc, msg}]`
  (the first MAX_PROBLEMS), without echoing the input (a NaN or a lone surrogate in it could
  not be encoded, and a 4 MiB body need not come back).
- `Unavailable` (the server is still starting, the run store cannot be written): 503.
- 405 lists in `Allow` every method the path takes (Starlette names only one route's).
Anything else that escapes a route is answered by core/security.py (a logged JSON 500).
"""
from __future__ import annotations

import re

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from engine.jsonready import json_ready

from .bodies import BodyProblem


MAX_PROBLEMS = 10   # a list of 784 bad pixels says no more than its first few


class Unavailable(RuntimeError):
    """The server cannot do this now (still starting, storage failing): answered with 503."""


def field_problem(field: str | None, message: str, where: str = "body") -> HTTPException:
    """A 422 naming one field, in FastAPI's shape: detail [{type, loc: [where, *path], msg}]
    (a message that starts with the field's name is said without it)."""
    path = [int(p) if p.isdigit() else p for p in field.split(".")] if field else []
    if field and message.startswith(f"{field}: "):
        message = message[len(field) + 2:]
    return HTTPException(422, [{"type": "value_error", "loc": [where, *path], "msg": message}])


def install(app: FastAPI) -> None:
    """Register the handlers on `app`."""
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(Unavailable, _unavailable)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(BodyProblem, _body_problem)


async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    detail = [{"type": e.get("type", "value_error"), "loc": json_ready(list(e.get("loc", ())))[0],
               "msg": str(e.get("msg", ""))} for e in exc.errors()[:MAX_PROBLEMS]]
    return JSONResponse({"detail": detail}, status_code=422)


async def _body_problem(request: Request, exc: BodyProblem) -> JSONResponse:
    return JSONResponse({"detail": exc.detail, "field": exc.field}, status_code=422)


async def _unavailable(request: Request, exc: Unavailable) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=503)


async def _http_error(request: Request, exc: StarletteHTTPException):
    if exc.status_code == 405:
        methods = set(_header_methods(exc)) | _documented_methods(request.app, request.url.path)
        exc.headers = {**(exc.headers or {}), "Allow": ", ".join(sorted(methods))}
    return await http_exception_handler(request, exc)


def _header_methods(exc) -> list[str]:
    allow = (exc.headers or {}).get("Allow", "")
    return [m.strip() for m in allow.split(",") if m.strip()]


def _documented_methods(app: FastAPI, path: str) -> set[str]:
    """Every method the OpenAPI document lists for a path matching `path` (GET implies HEAD)."""
    methods = set()
    for pattern, verbs in _path_patterns(app):
        if pattern.fullmatch(path):
            methods |= verbs
    return methods | ({"HEAD"} if "GET" in methods else set())


def _path_patterns(app: FastAPI) -> list[tuple[re.Pattern, set[str]]]:
    cached = getattr(app.state, "path_patterns", None)
    if cached is None:
        cached = [(re.compile(re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path))),
                   {m.upper() for m in ops if m != "parameters"})
                  for path, ops in app.openapi().get("paths", {}).items()]
        app.state.path_patterns = cached
    return cached
