"""Helpers for the server tests: clients bound to 127.0.0.1:8000 and WebSocket receives
with timeouts (the TestClient's own receive blocks forever)."""
from __future__ import annotations

import json
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

import anyio
from fastapi.testclient import TestClient

from app.core import frames
from app.core.config import Settings
from app.main import create_app

BASE = "http://127.0.0.1:8000"
WS_URL = "ws://127.0.0.1:8000/ws/train"
ORIGIN = "http://127.0.0.1:8000"
TINY = {"layers": [784, 8, 10], "epochs": 1, "train_size": 600, "batch_size": 30,
        "snapshot_every": 5, "lr": 0.5}


@contextmanager
def client_for(settings: Settings, wait_ready: bool = True):
    with TestClient(create_app(settings), base_url=BASE) as client:
        if wait_ready:
            deadline = time.monotonic() + 60
            while not client.get("/api/health").json()["ready"]:
                assert time.monotonic() < deadline, client.get("/api/health").json()
                time.sleep(0.05)
        yield client


def data_dir_from(seed: Path, folder: Path) -> Path:
    """`folder` made a data directory: the seed's MNIST and cache linked, its default model copied."""
    (folder / "mnist.npz").symlink_to(os.readlink(seed / "mnist.npz"))
    (folder / "cache").symlink_to(seed / "cache")
    shutil.copy(seed / "default_model.npz", folder / "default_model.npz")
    return folder


def receive(ws, timeout: float = 20.0):
    """Next server message, decoded: dict for text (strict JSON), (header, tensors) for binary."""
    async def get():
        with anyio.fail_after(timeout):
            return await ws._send_rx.receive()
    message = ws.portal.call(get)
    ws._raise_on_close(message)
    if message.get("bytes") is not None:
        return frames.decode(message["bytes"])
    return strict_loads(message["text"])


def strict_loads(text: str):
    """json.loads that refuses NaN/Infinity, like the browser's JSON.parse."""
    def refuse(name):
        raise ValueError(f"non-strict JSON constant {name}")
    return json.loads(text, parse_constant=refuse)


def until(ws, predicate, timeout: float = 20.0) -> list:
    """Messages received up to and including the first one satisfying predicate."""
    seen = []
    deadline = time.monotonic() + timeout
    while True:
        msg = receive(ws, max(0.01, deadline - time.monotonic()))
        seen.append(msg)
        if predicate(msg):
            return seen


def is_status(*states):
    return lambda m: isinstance(m, dict) and m.get("type") == "status" and m.get("state") in states


def is_type(kind):
    return lambda m: (m.get("type") if isinstance(m, dict) else m[0].get("type")) == kind



def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def live_server(settings: Settings):
    """A real uvicorn server in a thread (real sockets, real flow control); yields its URL."""
    import threading

    import httpx
    import uvicorn
    from app.__main__ import server_options
    server = uvicorn.Server(uvicorn.Config(create_app(settings), **{**server_options(settings), "host": "127.0.0.1"}))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{settings.port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert time.monotonic() < deadline, "the server did not become ready"
            try:
                if httpx.get(f"{url}/api/health", timeout=2).json()["ready"]:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.05)
        yield url
    finally:
        server.should_exit = True
        thread.join(10)
