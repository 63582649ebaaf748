"""Localhost-app security as one ASGI middleware, for HTTP and the WebSocket upgrade.

- Host header must be one of ours, port included (DNS rebinding gets 400 / a refused socket).
- When a token is set (the server is exposed beyond loopback), every request needs it: as
  `?token=`, an `Authorization: Bearer` header, or the cookie set when the page was opened
  with `?token=` (named by port, so two servers on one machine keep their own). Compared in
  constant time.
- WebSocket Origin, when sent (browsers always send it), must exactly equal an allowed
  origin; `null` never does. State-changing HTTP requests from a foreign Origin are refused.
- Every answer carries the safety headers and a Content-Security-Policy (core/headers.py),
  refusals and server errors too: an exception that escapes the app is logged here and
  answered with a JSON 500 (a WebSocket is closed with 1011).
Request bodies are checked by core/bodies.py.
"""
from __future__ import annotations

import hmac
import json
import logging
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from . import headers as safety
from .config import Settings

log = logging.getLogger("downhill.server")
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
INTERNAL_ERROR = 1011   # WebSocket close code: the server met an unexpected condition


def cookie_name(port: int) -> str:
    """The token cookie's name: cookies ignore ports, so each server's is named by its own."""
    return f"downhill_token_{port}"


class SecurityMiddleware:
    def __init__(self, app, settings: Settings):
        self.app, self.settings = app, settings
        self.hosts = settings.host_names()
        self.origins = settings.origins()
        self.cookie = cookie_name(settings.port)

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "").lower()
        send, started = self._decorate(scope, send, host)
        problem = self._check(scope, headers)
        if problem:
            return await _refuse(scope, send, *problem)
        try:
            await self.app(scope, receive, send)
        except Exception:
            log.exception("%s %s failed", scope.get("method", "WEBSOCKET"), scope["path"])
            if not started[0]:
                await _internal_error(scope, send)

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
        if scope["method"] in UNSAFE and origin is not None and origin not in self.origins:
            return 403, f"request from a foreign origin refused: {origin}"
        return None

    def _token_ok(self, scope, headers) -> bool:
        expected = self.settings.token.encode()
        for offered in _offered_tokens(scope, headers, self.cookie):
            if hmac.compare_digest(offered.encode(), expected):
                return True
        return False

    def _decorate(self, scope, send, host: str):
        """(send adding the safety headers and remembering a token given in the query
        string as a cookie, [whether the answer has started])."""
        query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
        remember = self.settings.token and query.get("token") and scope["path"] == "/"
        started = [False]

        async def wrapped(message):
            if message["type"] in ("http.response.start", "websocket.close"):
                started[0] = True   # too late for an error answer of our own
            if message["type"] == "http.response.start":
                headers = safety.add(message.get("headers", []), host)
                if remember:
                    cookie = f"{self.cookie}={self.settings.token}; HttpOnly; SameSite=Strict; Path=/"
                    headers.append((b"set-cookie", cookie.encode()))
                message = {**message, "headers": headers}
            await send(message)
        return wrapped, started


def _offered_tokens(scope, headers, cookie: str) -> list[str]:
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    offered = list(query.get("token", []))
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        offered.append(credentials.strip())
    if "cookie" in headers:
        jar = SimpleCookie()
        try:
            jar.load(headers["cookie"])
        except Exception:
            return offered
        if cookie in jar:
            offered.append(jar[cookie].value)
    return offered


async def _refuse(scope, send, status: int, reason: str) -> None:
    """Answer with an HTTP error; a WebSocket upgrade is closed before it is accepted."""
    if scope["type"] == "websocket":
        await send({"type": "websocket.close", "code": 1008, "reason": reason[:120]})
        return
    await _answer(send, status, reason)


async def _internal_error(scope, send) -> None:
    if scope["type"] == "websocket":
        try:
            await send({"type": "websocket.close", "code": INTERNAL_ERROR, "reason": "internal server error"})
        except Exception:   # the connection is already gone
            pass
        return
    await _answer(send, 500, "internal server error: the server logged what went wrong")


async def _answer(send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
