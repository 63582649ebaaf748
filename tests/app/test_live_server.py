"""Against a real uvicorn server on a free port: real sockets, so real flow control."""
from __future__ import annotations

import json
import socket
import sqlite3
import threading
import time

import httpx
import pytest
from server_helpers import free_port, live_server
from websockets.sync.client import connect

from app.core.config import Settings
from app.sessions.outbox import MAX_STEP_METRICS

# 200 batches, a snapshot (~400 KB) after each: far more than a slow reader takes in.
CONFIG = {"layers": [784, 128, 10], "epochs": 2, "train_size": 3000, "batch_size": 30,
          "snapshot_every": 1, "lr": 0.1}
STEPS = 200
SLOW_SECONDS = 3.0   # how long the slow reader dawdles before it reads the rest at full speed


@pytest.fixture
def server(data_dir, sessions):
    """The server in a thread of this process, so the test can look at its sessions' outboxes."""
    port = free_port()
    # every snapshot asked for (no rate cap): the server must outpace the slow reader
    with live_server(Settings(data_dir=data_dir, port=port, workers=2, max_snapshot_rate=None)) as url:
        yield url, sessions, data_dir


def _small_buffer_socket(url: str) -> socket.socket:
    """A client socket whose receive buffer stays at 64 KB (no autotuning to 32 MB), so a
    reader that does not read makes the server's sends wait, as over a slow network."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 << 10)
    sock.connect((host, int(port)))
    return sock


def _train(server, read_delay: float, out: dict) -> None:
    try:
        _read(server, read_delay, out)
    except Exception as err:   # reported by the test, not lost in the thread
        out["error"] = repr(err)


def _read(server, read_delay: float, out: dict) -> None:
    """Train CONFIG, reading with `read_delay` seconds between messages for SLOW_SECONDS and
    then at full speed until `done`: what arrived."""
    url, sessions, _ = server
    out.update(snapshots=[], epochs=0, late=0, max_outbox=0)
    with connect(url.replace("http", "ws") + "/ws/train", sock=_small_buffer_socket(url),
                 max_size=None, max_queue=1, compression=None) as ws:
        ws.send(json.dumps({"type": "start", "config": CONFIG}))
        slow_until = time.monotonic() + SLOW_SECONDS
        while True:
            out["max_outbox"] = max([out["max_outbox"], *(len(s.outbox._messages) for s in sessions)])
            msg = ws.recv(timeout=60)
            dawdling = time.monotonic() < slow_until
            out["late"] += not dawdling
            if isinstance(msg, bytes):
                out["snapshots"].append(json.loads(msg[4:4 + int.from_bytes(msg[:4], "little")]))
                continue
            m = json.loads(msg)
            out["run_id"] = m.get("run_id")
            out["epochs"] += m["type"] == "metrics" and m["kind"] == "epoch"
            if m["type"] == "status" and m["state"] not in ("queued", "training"):
                assert m["state"] == "done", m
                return
            if dawdling:
                time.sleep(read_delay)


def _training_seconds(data_dir, run_id: str) -> float:
    """Wall time from the start of training to `done`, as the server recorded it."""
    with sqlite3.connect(data_dir / "downhill.sqlite3") as db:
        (seconds,) = db.execute("SELECT updated - created FROM runs WHERE id=?", (run_id,)).fetchone()
    return seconds


def test_a_slow_reader_gets_fewer_frames_and_does_not_slow_training(server):
    """A fast and a slow reader train side by side (so both see the same machine load)."""
    fast, slow = {}, {}
    readers = [threading.Thread(target=_train, args=(server, delay, out)) for delay, out in
               ((0.0, fast), (0.25, slow))]
    for r in readers:
        r.start()
    for r in readers:
        r.join(120)
    assert "error" not in fast and "error" not in slow, (fast.get("error"), slow.get("error"))
    times = [_training_seconds(server[2], run["run_id"]) for run in (fast, slow)]
    figures = {"frames": (len(fast["snapshots"]), len(slow["snapshots"])), "seconds": times,
               "slow reader's backlog": slow["late"]}
    assert slow["epochs"] == 2 and slow["snapshots"][-1]["step"] == STEPS, figures
    assert slow["late"] >= 5, f"the reader was not slower than the server: {figures}"
    assert len(slow["snapshots"]) < STEPS / 2, f"snapshots were queued, not replaced: {figures}"
    assert len(slow["snapshots"]) < len(fast["snapshots"]), figures
    assert 0 < slow["max_outbox"] <= MAX_STEP_METRICS + 8, "the server queued without bound"
    assert times[1] < 1.4 * times[0] + 0.3, f"training slowed down with the reader: {figures}"


def test_a_chunked_body_over_the_cap_gets_413_over_a_real_socket(server):
    url = server[0]
    def chunks():
        # one 64 KiB chunk past the 4 MiB cap, no Content-Length: the server has to read the
        # chunk that crosses the cap to refuse, so the whole body is sent before the answer
        for _ in range(65):
            yield b" " * (64 << 10)
    r = httpx.post(f"{url}/api/schedule", content=chunks(),
                   headers={"content-type": "application/json"}, timeout=10)
    assert r.status_code == 413 and "limit" in r.json()["detail"]
