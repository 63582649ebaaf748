"""Trainings on Ray against the local process pool, on the same cores.

Each figure is measured in this run against a real `python -m app` twice: with its local
executor and with DOWNHILL_RAY_ADDRESS=local (Ray started by the server with as many CPUs).
- A 24-cell sweep (lr × optimizer, 10,000 MNIST digits, 3 epochs) over HTTP, two cells at once:
  wall time, Ray / local (target ≤ 1.25×).
- Snapshot latency: a paused run is stepped one batch at a time, five steps a second; from
  sending `step` to the stepped snapshot's frame arriving (what a student waits for after
  pressing Step), p50/p99.
- Sessions one server sustains: N students each training a paced run (20 steps a second, a
  full snapshot per step), N = 4 … 32; the largest N with /api/predict p99 < 50 ms. Through
  Ray a run's snapshots reach the server in batches at most 10 a second (arrays of the newest
  only), locally every one does: the server relays fewer frames per Ray session.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import numpy as np
from websockets.sync.client import connect

from bench.bench_server import start_server
from bench.table import report

ROOT = Path(__file__).resolve().parents[1]
SLOTS = 32                      # training slots, both executors (N sessions each get one)
SESSIONS = (4, 8, 12, 16, 24, 32)
PREDICTS = 200
STEPS = 100
STEP_GAP = 0.2                  # a student pressing Step five times a second
SMALL = {"layers": [784, 16, 16, 10], "train_size": 2000, "batch_size": 32, "epochs": 50, "snapshot_every": 50}
SWEEP = {"config": {"layers": [784, 32, 10], "train_size": 10000, "batch_size": 32, "schedule": "constant"},
         "axes": [{"field": "lr", "min": 0.01, "max": 3, "points": 6},
                  {"field": "optimizer", "values": ["sgd", "momentum", "rmsprop", "adam"]}], "epochs": 3}


def start(data: Path, ray: bool) -> tuple[subprocess.Popen, str]:
    """`python -m app` (Ray in it when asked) with SLOTS slots, the default model copied in."""
    home = Path(os.environ.get("DOWNHILL_DATA_DIR") or ROOT / "data")
    if (home / "default_model.npz").is_file():
        shutil.copy(home / "default_model.npz", data / "default_model.npz")
    env = {**os.environ, "DOWNHILL_WORKERS": str(SLOTS), "DOWNHILL_SWEEP_CELLS": "2"}
    env.pop("DOWNHILL_RAY_ADDRESS", None)
    if ray:
        env["DOWNHILL_RAY_ADDRESS"] = "local"
    return start_server(data, env)


def sweep_seconds(url: str) -> float:
    """Wall time of SWEEP from POST to its last cell."""
    with httpx.Client(base_url=url, timeout=30) as client:
        began = time.perf_counter()
        sweep = client.post("/api/sweeps", json=SWEEP).json()
        assert "sweep_id" in sweep, sweep
        while client.get(f"/api/sweeps/{sweep['sweep_id']}").json()["state"] == "running":
            time.sleep(0.05)
        took = time.perf_counter() - began
        cells = client.get(f"/api/sweeps/{sweep['sweep_id']}").json()["cells"]
    assert len(cells) == 24 and all(c["status"] in ("done", "diverged") for c in cells), cells
    return took


def step_latencies(url: str) -> np.ndarray:
    """Milliseconds from `step` to the stepped snapshot's frame, STEPS times."""
    times = []
    with connect(url.replace("http", "ws") + "/ws/train", max_size=None) as ws:
        ws.send(json.dumps({"type": "start", "config": SMALL, "paused": True}))
        _until(ws, lambda m: isinstance(m, str) and json.loads(m).get("state") == "paused")
        for step in range(1, STEPS + 1):
            time.sleep(STEP_GAP)
            began = time.perf_counter()
            ws.send(json.dumps({"type": "step", "unit": "batch"}))
            _until(ws, lambda m: isinstance(m, bytes) and _frame_step(m) == step)
            times.append((time.perf_counter() - began) * 1000)
        ws.send(json.dumps({"type": "stop"}))
    return np.asarray(times)


def _frame_step(frame: bytes) -> int:
    n = int.from_bytes(frame[:4], "little")
    return json.loads(frame[4:4 + n])["step"]


def _until(ws, predicate, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not predicate(ws.recv(timeout=max(0.1, deadline - time.monotonic()))):
        pass


class Student(threading.Thread):
    """A session training a paced run and reading everything, until told to stop."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url = url.replace("http", "ws") + "/ws/train"
        self.training, self.stop = threading.Event(), threading.Event()

    def run(self) -> None:
        try:
            with connect(self.url, max_size=None) as ws:
                ws.send(json.dumps({"type": "start", "config": {**SMALL, "epochs": 500}, "speed": 20}))
                while not self.stop.is_set():
                    try:
                        m = ws.recv(timeout=0.2)
                    except TimeoutError:
                        continue
                    if isinstance(m, str) and json.loads(m).get("state") == "training":
                        self.training.set()
        except Exception:   # the server went away: the measure is over
            self.training.set()


def predict_p99(url: str) -> float:
    with httpx.Client(base_url=url, timeout=10) as client:
        pixels = client.get("/api/digits/test/0").json()["pixels"]
        times = []
        for _ in range(PREDICTS):
            began = time.perf_counter()
            assert client.post("/api/predict", json={"pixels": pixels}).status_code == 200
            times.append((time.perf_counter() - began) * 1000)
    return float(np.percentile(times, 99))


def sustained_sessions(url: str) -> tuple[int, dict]:
    """The largest N in SESSIONS with predict p99 < 50 ms while N students train; {N: p99}."""
    best, seen = 0, {}
    for n in SESSIONS:
        students = [Student(url) for _ in range(n)]
        for s in students:
            s.start()
        for s in students:
            s.training.wait(120)
        time.sleep(2)   # every run past its start
        seen[n] = predict_p99(url)
        for s in students:
            s.stop.set()
        for s in students:
            s.join(10)
        _wait_idle(url)
        if seen[n] >= 50:
            break
        best = n
    return best, seen


def _wait_idle(url: str) -> None:
    deadline = time.monotonic() + 60
    while httpx.get(f"{url}/api/health").json()["running"] and time.monotonic() < deadline:
        time.sleep(0.2)


def measure(ray: bool) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = start(Path(tmp), ray)
        try:
            sweep_seconds(url)   # warm-up: Ray's workers start, the first cells' imports happen
            sweep = min(sweep_seconds(url) for _ in range(3))
            steps = step_latencies(url)
            best, p99s = sustained_sessions(url)
        finally:
            proc.terminate()
            proc.wait(60)
    return {"sweep": sweep, "p50": float(np.percentile(steps, 50)), "p99": float(np.percentile(steps, 99)),
            "sessions": best, "p99s": p99s}


def main() -> int:
    local, ray = measure(False), measure(True)
    ratio = ray["sweep"] / local["sweep"]
    rows = [("24-cell sweep, local pool", f"{local['sweep']:.2f} s", "", True),
            ("24-cell sweep, Ray (same cores)", f"{ray['sweep']:.2f} s", "", True),
            ("sweep Ray / local", f"{ratio:.2f}×", "≤ 1.25×", ratio <= 1.25)]
    for name, r in (("local", local), ("Ray", ray)):
        rows += [(f"step → snapshot p50, {name}", f"{r['p50']:.1f} ms", "", True),
                 (f"step → snapshot p99, {name}", f"{r['p99']:.1f} ms", "", True)]
    for name, r in (("local", local), ("Ray", ray)):
        curve = ", ".join(f"{n}: {p:.0f}" for n, p in r["p99s"].items())
        rows.append((f"sessions with predict p99 < 50 ms, {name}", f"{r['sessions']}", f"(p99 ms by N: {curve})",
                     True))
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
