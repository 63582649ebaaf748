"""Localhost-app security as one ASGI middleware, for HTTP and the WebSocket upgrade.

- Host header must be one of ours, port included (DNS rebinding gets 400 / a refused socket).
- When a token is set (the server is exposed beyond loopback), every request needs it: as
  `?token=`, an `Authorization: Bearer` header, or the cookie set when the page was opened
  with `?token=`. Compared in constant time.
- WebSocket Origin, when sent (browsers always send it), must exactly equal an allowed
  origin; `null` never does. State-changing HTTP requests from a foreign Origin are refused.
- POST/PUT/PATCH bodies must be JSON and no larger than the configured cap (413), whether
  they announce a Content-Length or arrive chunked.
"""
from __future__ import annotations

import hmac
import json
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from .config import Settings

COOKIE = "downhill_token"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
BODIES = ("POST", "PUT", "PATCH")
EXTRA_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                 (b"referrer-policy", b"no-referrer")]


class SecurityMiddleware:
    def __init__(self, app, settings: Settings):
        self.app, self.settings = app, settings
        self.hosts = settings.host_names()
        self.origins = settings.origins()

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        problem = self._check(scope, headers)
        if problem:
            return await _refuse(scope, send, *problem)
        if scope["type"] == "websocket":
            return await self.app(scope, receive, send)
        if scope["method"] in BODIES:
            try:
                body = await _read_body(receive, self.settings.max_body_bytes)
            except _ClientGone:
                return
            if body is None:
                return await _refuse(scope, send, 413, _too_large(self.settings.max_body_bytes))
            receive = _replay(body, receive)
        await self.app(scope, receive, self._decorate(scope, send))

    def _check(self, scope, headers) -> tuple[int, str] | None:
        """(status, reason) when the request must be refused, else None."""
        if headers.get("host", "").lower() not in self.hosts:
            return 400, "unknown Host header (DNS rebinding protection)"
        if self.settings.token and not self._token_ok(scope, headers):
            return 401, "a valid token is required: open the URL the server printed"
        origin = headers.get("origin")
        if scope["type"] == "websocket":
            if origin is not None and origin not in self.origins:
                return 403, f"WebSocket from a foreign origin refused: {origin}"
            return None
        method = scope["method"]
        if method in UNSAFE and origin is not None and origin not in self.origins:
            return 403, f"request from a foreign origin refused: {origin}"
        if method in BODIES:
            ctype = headers.get("content-type", "").split(";")[0].strip().lower()
            if ctype != "application/json":
                return 415, "the request body must be JSON (Content-Type: application/json)"
            length = headers.get("content-length")
            if length is not None and (not length.isdigit() or int(length) > self.settings.max_body_bytes):
                return 413, _too_large(self.settings.max_body_bytes)
        return None

    def _token_ok(self, scope, headers) -> bool:
        expected = self.settings.token.encode()
        for offered in _offered_tokens(scope, headers):
            if hmac.compare_digest(offered.encode(), expected):
                return True
        return False

    def _decorate(self, scope, send):
        """Add safety headers; remember a token given in the query string as a cookie."""
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        remember = self.settings.token and query.get("token") and scope["path"] == "/"

        async def wrapped(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", [])) + EXTRA_HEADERS
                if remember:
                    cookie = f"{COOKIE}={self.settings.token}; HttpOnly; SameSite=Strict; Path=/"
                    headers.append((b"set-cookie", cookie.encode()))
                message = {**message, "headers": headers}
            await send(message)
        return wrapped


class _ClientGone(Exception):
    """The client disconnected before sending its whole body."""


def _too_large(limit: int) -> str:
    return f"request body too large: the limit is {limit} bytes ({limit >> 20} MiB)"


async def _read_body(receive, limit: int) -> bytes | None:
    """The whole request body, or None as soon as it grows past `limit` (chunked or not).

    Read here rather than by the app, because FastAPI turns any error raised while it reads
    a body into a 400 "error parsing the body".
    """
    parts, size = [], 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            raise _ClientGone
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)
        if not message.get("more_body", False):
            return b"".join(parts)


def _replay(body: bytes, receive):
    """A receive that hands the app the body already read, then waits as usual."""
    sent = [False]

    async def wrapped():
        if not sent[0]:
            sent[0] = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()
    return wrapped


def _offered_tokens(scope, headers) -> list[str]:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    offered = list(query.get("token", []))
    auth = headers.get("authorization", "")
    if " " in auth:
        offered.append(auth.split(" ", 1)[1].strip())
    if "cookie" in headers:
        jar = SimpleCookie()
        try:
            jar.load(headers["cookie"])
        except Exception:
            return offered
        if COOKIE in jar:
            offered.append(jar[COOKIE].value)
    return offered


async def _refuse(scope, send, status: int, reason: str) -> None:
    """Answer with an HTTP error; a WebSocket upgrade is closed before it is accepted."""
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008, "reason": reason[:120]})
        return
    body = json.dumps({"detail": reason}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()), *EXTRA_HEADERS]})
    await send({"type": "http.response.body", "body": body})
