"""The page's files from memory: a cache in front of the static mounts.

The first screen asks for ~110 small files (ES modules, styles, texts) at once. Through the
router and Starlette's StaticFiles each costs a few milliseconds of the one event loop (route
matching, four thread hops to stat, open, read and close), and they queue. This middleware
answers a plain GET or HEAD for a file under one of the mounted folders from memory:
- a file is read once, and read again when its size or modification time changes (one
  `stat` per request, so an edited file is served fresh, as from disk);
- `ETag` with `Cache-Control: no-cache`: a browser that has the file revalidates and gets a
  bodiless 304;
- text files over 1 KiB are also kept gzip-compressed, for browsers that accept it (a
  classroom's Wi-Fi carries a third of the bytes).
Anything else (other methods, Range requests, a missing file, a path leaving its folder) goes
on to the mounts, which answer as before. The safety headers are added by the middleware
outside this one (core/security.py), as for every answer.
"""
from __future__ import annotations

import gzip
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path

COMPRESS_MIN = 1024
TEXT = ("text/", "application/javascript", "application/json", "image/svg+xml")
TYPES = {".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
         ".css": "text/css; charset=utf-8", ".json": "application/json", ".html": "text/html; charset=utf-8",
         ".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff", ".map": "application/json"}


@dataclass(frozen=True)
class Entry:
    stamp: tuple[int, int]       # (size, mtime_ns) when read
    body: bytes
    gzipped: bytes | None        # None when not worth compressing
    etag: bytes
    kind: bytes


class StaticCache:
    """ASGI middleware: `folders` maps URL prefixes ("/static") to the folders mounted there."""

    def __init__(self, app, folders: dict[str, Path]):
        self.app = app
        self.folders = {prefix.rstrip("/") + "/": folder.resolve() for prefix, folder in folders.items()}
        self.entries: dict[str, Entry] = {}
        self.paths: dict[str, Path | None] = {}

    async def __call__(self, scope, receive, send):
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            entry = self._entry(scope)
            if entry is not None:
                return await _answer(scope, send, entry)
        await self.app(scope, receive, send)

    def _entry(self, scope) -> Entry | None:
        url = scope["path"]
        if not any(url.startswith(prefix) for prefix in self.folders):
            return None
        if any(name == b"range" for name, _ in scope["headers"]):
            return None
        path = self._path(url)
        if path is None:
            return None
        try:
            st = os.stat(path)
        except OSError:
            return None
        stamp = (st.st_size, st.st_mtime_ns)
        entry = self.entries.get(url)
        if entry is None or entry.stamp != stamp:
            entry = self.entries[url] = _read(path, stamp)
        return entry

    def _path(self, url: str) -> Path | None:
        """The file a URL names, if it lies inside its mounted folder (remembered per URL)."""
        if url in self.paths:
            return self.paths[url]
        found = None
        for prefix, folder in self.folders.items():
            if url.startswith(prefix):
                candidate = (folder / url[len(prefix):]).resolve()
                if candidate.is_relative_to(folder) and candidate.is_file():
                    found = candidate
                break
        if found is not None or len(self.paths) < 10_000:   # misses are remembered too, within reason
            self.paths[url] = found
        return found


def _read(path: Path, stamp: tuple[int, int]) -> Entry:
    body = path.read_bytes()
    kind = TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    gzipped = None
    if len(body) >= COMPRESS_MIN and kind.startswith(TEXT):
        packed = gzip.compress(body, compresslevel=6, mtime=0)
        gzipped = packed if len(packed) < len(body) else None
    etag = f'"{stamp[1]:x}-{stamp[0]:x}"'.encode()
    return Entry(stamp, body, gzipped, etag, kind.encode())


async def _answer(scope, send, entry: Entry) -> None:
    asked = {name: value for name, value in scope["headers"] if name in (b"if-none-match", b"accept-encoding")}
    headers = [(b"content-type", entry.kind), (b"etag", entry.etag), (b"cache-control", b"no-cache")]
    if entry.gzipped is not None:
        headers.append((b"vary", b"accept-encoding"))
    if entry.etag in (tag.strip().removeprefix(b"W/") for tag in asked.get(b"if-none-match", b"").split(b",")):
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})
        return
    body = entry.body
    if entry.gzipped is not None and b"gzip" in asked.get(b"accept-encoding", b""):
        body = entry.gzipped
        headers.append((b"content-encoding", b"gzip"))
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})
