"""Load on a real `python -m app` over loopback, bounded in count and time (issue 13):

- crowd: N sessions start a training at once (more than the workers: the rest wait in line)
  while a client asks for predictions: predict p50/p99 against the same server idle, errors
  (HTTP and WebSocket), and when the last training finished;
- slow readers: a session that reads trains beside others that train with snapshots every
  step and read nothing for a while: its training time against the same run beside sessions
  that read (the same load), and the server's RSS meanwhile;
- soak: for a fixed time, sessions open, start, stop and drop, and predictions go on: the
  server's RSS and thread count at the start and the end.

`python -m bench load` (or `python -m bench.load`); LOAD_SESSIONS, LOAD_SOAK_SECONDS scale it.
Every number is measured in this run; ratios are against references taken in the same run.
"""
from __future__ import annotations

import json
import os
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np
import psutil
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from bench.bench_server import start_server
from bench.table import report

SESSIONS = int(os.environ.get("LOAD_SESSIONS", "16"))
SOAK_SECONDS = float(os.environ.get("LOAD_SOAK_SECONDS", "45"))
RUN = {"layers": [784, 32, 10], "epochs": 1, "train_size": 6000, "batch_size": 32, "lr": 0.1}
CHATTY = {**RUN, "snapshot_every": 1, "train_size": 3000, "layers": [784, 64, 10]}
DEADLINE = 240   # seconds any scenario may take before it is reported as failed


class Session(threading.Thread):
    """One WebSocket client training `config`; `read_after`: seconds it reads nothing first."""

    def __init__(self, url: str, config: dict, read_after: float = 0.0, small_buffer: bool = False):
        super().__init__(daemon=True)
        self.url, self.config = url, config
        self.read_after, self.small_buffer = read_after, small_buffer
        self.state: str | None = None
        self.error: str | None = None
        self.started_at = self.trained_from = self.ended_at = None

    def run(self) -> None:
        try:
            with connect(self.url.replace("http", "ws") + "/ws/train", max_size=None, max_queue=1,
                         sock=self._socket()) as ws:
                self.started_at = time.monotonic()
                ws.send(json.dumps({"type": "start", "config": self.config}))
                time.sleep(self.read_after)
                self._read(ws)
        except (ConnectionClosed, OSError, TimeoutError) as err:
            self.error = repr(err)

    def _socket(self):
        host, port = self.url.removeprefix("http://").split(":")
        sock = socket.socket()
        if self.small_buffer:   # 64 KB, no autotuning: a reader that does not read makes sends wait
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 << 10)
        sock.connect((host, int(port)))
        return sock

    def _read(self, ws) -> None:
        while True:
            msg = ws.recv(timeout=DEADLINE)
            if isinstance(msg, bytes):
                continue
            m = json.loads(msg)
            if m["type"] == "error":
                self.error = m["message"]
            if m["type"] == "status" and m["state"] == "training" and self.trained_from is None:
                self.trained_from = time.monotonic()   # out of the waiting line
            if m["type"] == "status" and m["state"] in ("done", "stopped", "diverged", "error"):
                self.state, self.ended_at = m["state"], time.monotonic()
                return


class Predictions(threading.Thread):
    """Asks for a prediction of a test digit again and again until told to stop."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url, self.ms, self.errors = url, [], 0
        self.quit = threading.Event()

    def run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as client:
            pixels = client.get("/api/digits/test/0").json()["pixels"]
            while not self.quit.is_set():
                t = time.perf_counter()
                try:
                    ok = client.post("/api/predict", json={"pixels": pixels}).status_code == 200
                except httpx.HTTPError:
                    ok = False
                self.ms.append((time.perf_counter() - t) * 1000)
                self.errors += not ok

    def stop(self) -> np.ndarray:
        self.quit.set()
        self.join(30)
        return np.asarray(self.ms)


def idle_predictions(url: str, seconds: float = 3.0) -> np.ndarray:
    loop = Predictions(url)
    loop.start()
    time.sleep(seconds)
    return loop.stop()


def crowd(url: str) -> dict:
    """SESSIONS trainings at once and a prediction loop: latency, errors, finish time."""
    idle = idle_predictions(url)
    loop = Predictions(url)
    loop.start()
    t0 = time.monotonic()
    sessions = [Session(url, {**RUN, "seed": i}) for i in range(SESSIONS)]
    for s in sessions:
        s.start()
    for s in sessions:
        s.join(max(1.0, DEADLINE - (time.monotonic() - t0)))
    finished = time.monotonic() - t0
    ms = loop.stop()
    failed = [s for s in sessions if s.state != "done" or s.error]
    return {"idle_p50": np.percentile(idle, 50), "p50": np.percentile(ms, 50), "p99": np.percentile(ms, 99),
            "requests": len(ms), "errors": loop.errors + len(failed), "finished": finished}


def slow_readers(url: str, pid: int, workers: int) -> dict:
    """One reader's training time beside `workers - 1` sessions that dawdle, against beside as
    many that read (all of them train at once, so the load is the same)."""
    def beside(dawdle: bool) -> tuple[float, bool]:
        others = [Session(url, {**CHATTY, "seed": i}, read_after=5.0 if dawdle else 0.0, small_buffer=dawdle)
                  for i in range(max(1, workers - 1))]
        reader = Session(url, CHATTY)
        for s in [*others, reader]:
            s.start()
        for s in [*others, reader]:
            s.join(DEADLINE)
        ok = all(s.state == "done" and not s.error for s in [*others, reader])
        return reader.ended_at - reader.trained_from, ok
    reading, ok_reading = beside(False)
    peak = PeakRss(pid)
    peak.start()
    dawdling, ok_dawdling = beside(True)
    return {"readers": max(1, workers - 1), "reading": reading, "dawdling": dawdling,
            "rss_growth": peak.stop(), "ok": ok_reading and ok_dawdling}


class PeakRss(threading.Thread):
    """The largest resident size of process `pid` above its size at the start, sampled 5× a second."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.start_rss = self.peak = self.process.memory_info().rss
        self.quit = threading.Event()

    def run(self) -> None:
        while not self.quit.wait(0.2):
            self.peak = max(self.peak, self.process.memory_info().rss)

    def stop(self) -> int:
        self.quit.set()
        self.join(5)
        return self.peak - self.start_rss


def soak(url: str, pid: int) -> dict:
    """SOAK_SECONDS of sessions that start a run and drop it, with predictions going on."""
    server = psutil.Process(pid)
    loop = Predictions(url)
    loop.start()
    time.sleep(2.0)
    before = server.memory_info().rss, server.num_threads()
    end, dropped = time.monotonic() + SOAK_SECONDS, 0
    while time.monotonic() < end:
        with connect(url.replace("http", "ws") + "/ws/train", max_size=None) as ws:
            ws.send(json.dumps({"type": "start", "config": {**RUN, "seed": dropped}}))
            ws.recv(timeout=30)
            if dropped % 2:
                ws.send(json.dumps({"type": "stop"}))
        dropped += 1   # closed without reading: the server must let go of everything
    time.sleep(3.0)    # stopped runs end within a second; let the last ones go
    after = server.memory_info().rss, server.num_threads()
    ms = loop.stop()
    return {"sessions": dropped, "rss_before": before[0], "rss_after": after[0], "threads_before": before[1],
            "threads_after": after[1], "errors": loop.errors, "p99": np.percentile(ms, 99)}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = start_server(Path(tmp))
        try:
            c = crowd(url)
            workers = httpx.get(f"{url}/api/health").json()["workers"]
            s = slow_readers(url, proc.pid, workers)
            k = soak(url, proc.pid)
        finally:
            proc.terminate()
            proc.wait(10)
    mb = 1 << 20
    rows = [
        (f"crowd: predict p50, {SESSIONS} trainings", f"{c['p50']:.1f} ms", "", True),
        ("crowd: predict p50 / idle", f"{c['p50'] / c['idle_p50']:.1f}×", "", True),
        ("crowd: predict p99", f"{c['p99']:.1f} ms", "< 250 ms", c["p99"] < 250),
        ("crowd: errors", f"{c['errors']} of {c['requests']} requests + {SESSIONS} runs", "0", c["errors"] == 0),
        ("crowd: all trainings finished after", f"{c['finished']:.1f} s", f"< {DEADLINE} s", c["finished"] < DEADLINE),
        (f"slow readers: training beside {s['readers']} dawdling / reading", f"{s['dawdling'] / s['reading']:.2f}×",
         "≤ 1.5×", s["dawdling"] / s["reading"] <= 1.5 and s["ok"]),
        ("slow readers: server RSS growth", f"{s['rss_growth'] / mb:.0f} MB", "< 200 MB", s["rss_growth"] < 200 * mb),
        (f"soak: sessions dropped in {SOAK_SECONDS:.0f} s", f"{k['sessions']}", "", k["sessions"] > 0),
        ("soak: server RSS start → end", f"{k['rss_before'] / mb:.0f} → {k['rss_after'] / mb:.0f} MB",
         "growth < 64 MB", k["rss_after"] - k["rss_before"] < 64 * mb),
        ("soak: server threads start → end", f"{k['threads_before']} → {k['threads_after']}",
         "no growth", k["threads_after"] <= k["threads_before"]),
        ("soak: predict errors, p99", f"{k['errors']}, {k['p99']:.1f} ms", "0", k["errors"] == 0),
    ]
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
