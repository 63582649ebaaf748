"""Request bodies, for every route that reads one: JSON only, bounded, strict.

The checks run when the app first asks a POST/PUT/PATCH for its body (a wrapped `receive`),
so a request the router turns away (404, 405) is never read, and every route, present or
future, that takes a body gets the same rules without opting in:
- `Content-Type: application/json` (else 415);
- at most `limit` bytes, announced by Content-Length or arriving chunked (else 413);
- strict JSON (RFC 8259), as the browser's JSON.parse reads it: UTF-8, no NaN/Infinity, no
  number beyond a double's range (Python would read 1e999 as inf), no lone surrogate, nesting
  at most MAX_DEPTH deep. Else 422 in FastAPI's shape, `detail[0].loc` naming the field.
Problems are raised as HTTPException, which FastAPI passes through from a body read.
"""
from __future__ import annotations

import json
import math

import anyio
from fastapi import HTTPException

MAX_DEPTH = 32             # our bodies nest 4 deep; a deeper one is not for us
MAX_INT_DIGITS = 308       # an integer with more digits is beyond any double
OFF_LOOP_BYTES = 64 << 10  # bodies larger than this are checked in a thread, off the event loop
BODIES = ("POST", "PUT", "PATCH")   # (responses also call receive, to hear of a disconnect)
FINITE = "must be a finite number (NaN, Infinity and numbers beyond ±1.8e308 are not allowed)"


class BodyRules:
    """ASGI middleware: wraps `receive` so the first body read is checked (see module doc)."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] in BODIES:
            receive = _checked(scope, receive, self.limit)
        await self.app(scope, receive, send)


def too_large(limit: int) -> str:
    return f"request body too large: the limit is {limit} bytes ({limit >> 20} MiB)"


def _checked(scope, receive, limit: int):
    """`receive` whose first call reads and checks the whole body (later calls pass through)."""
    state = {"done": False}

    async def wrapped():
        if state["done"]:
            return await receive()
        state["done"] = True
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        _check_headers(headers, limit)
        body = await _read(receive, limit)
        if isinstance(body, dict):          # the client went away: let the app see it
            return body
        if len(body) > OFF_LOOP_BYTES:
            await anyio.to_thread.run_sync(check_json, body)
        else:
            check_json(body)
        return {"type": "http.request", "body": body, "more_body": False}
    return wrapped


def _check_headers(headers: dict, limit: int) -> None:
    ctype = headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise HTTPException(415, "the request body must be JSON (Content-Type: application/json)")
    length = headers.get("content-length")
    if length is not None and not (length.isascii() and length.isdigit() and len(length) <= 15
                                   and int(length) <= limit):
        raise HTTPException(413, too_large(limit))


async def _read(receive, limit: int):
    """The whole body (bytes), or the disconnect message if the client left first."""
    parts, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return message
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, too_large(limit))
        parts.append(chunk)
        if not message.get("more_body", False):
            return b"".join(parts)


class _NonFinite(float):
    """What NaN, Infinity and out-of-range numbers parse to, so the walk can name their field."""


def _float(text: str) -> float:
    value = float(text)
    return value if math.isfinite(value) else _NonFinite("nan")


def _int(text: str):
    return _NonFinite("nan") if len(text.lstrip("-")) > MAX_INT_DIGITS else int(text)


def check_json(body: bytes) -> None:
    """Raise a 422 HTTPException if `body` is not strict JSON (see the module doc); empty passes."""
    if not body:
        return
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as err:
        raise _unprocessable([], f"the body is not valid UTF-8 (byte {err.start})", "json_invalid") from None
    try:
        value = json.loads(text, parse_constant=lambda name: _NonFinite("nan"), parse_float=_float,
                           parse_int=_int)
    except json.JSONDecodeError as err:
        raise _unprocessable([err.pos], f"JSON decode error: {err.msg}", "json_invalid") from None
    except RecursionError:
        raise _unprocessable([], f"nested more than {MAX_DEPTH} levels deep", "json_invalid") from None
    problem = _first_problem(value)
    if problem is not None:
        raise _unprocessable(*problem)


def _first_problem(value) -> tuple[list, str, str] | None:
    """(path, message, type) of the first value strict JSON does not allow."""
    stack = [(value, [])]
    while stack:
        node, path = stack.pop()
        if len(path) >= MAX_DEPTH:
            return [], f"nested more than {MAX_DEPTH} levels deep", "json_invalid"
        if isinstance(node, list):
            if all(type(x) in _PLAIN for x in node):   # the common case: a long list of numbers
                continue
            items = enumerate(node)
        elif isinstance(node, dict):
            items = node.items()
        else:
            problem = _scalar_problem(node)
            if problem is not None:
                return path, *problem
            continue
        for key, child in items:
            if isinstance(key, str) and not _encodable(key):
                return path, "a key is not valid Unicode (a lone surrogate)", "string_unicode"
            if isinstance(child, (list, dict)):
                stack.append((child, path + [key]))
                continue
            problem = _scalar_problem(child)
            if problem is not None:
                return path + [key], *problem
    return None


_PLAIN = {int, float, bool, type(None)}


def _scalar_problem(value) -> tuple[str, str] | None:
    if isinstance(value, _NonFinite):
        return FINITE, "finite_number"
    if isinstance(value, str) and not _encodable(value):
        return "not valid Unicode (a lone surrogate)", "string_unicode"
    return None


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class BodyProblem(HTTPException):
    """A 422 shaped like FastAPI's validation errors, detail [{type, loc, msg}], plus `field`:
    the dotted path (as WebSocket errors and hand-read bodies name it; None: the whole body)."""

    def __init__(self, path: list, message: str, kind: str):
        super().__init__(422, [{"type": kind, "loc": ["body", *path], "msg": message}])
        self.field = ".".join(str(p) for p in path) or None


def _unprocessable(path: list, message: str, kind: str) -> BodyProblem:
    return BodyProblem(path, message, kind)
