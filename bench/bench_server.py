"""Server speed: /api/predict latency while two trainings run, snapshot size and encode
time, and a live session's epoch time against the engine's own.

Prints one table; every figure is measured in this run against a real `python -m app`
on a free port. Targets (issue 5): predict p50 < 5 ms and p99 < 25 ms over 500 requests
with two trainings running; a 784-16-16-10 snapshot < 64 KB, encoded in < 2 ms; a session
epoch within 1.15× of the engine's. Returns non-zero if a target is missed.
"""
from __future__ import annotations

import copy
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import httpx
import numpy as np
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from app.resources import DEFAULT_CONFIG
from app.sessions.snapshots import SnapshotEncoder
from app.toyviews import ToyViews
from engine import build, optimizers, schedules
from engine.datasets import load_mnist
from engine.network import Network
from engine.trainer import Trainer
from bench.table import report

ROOT = Path(__file__).resolve().parents[1]
EPOCHS = 4
REQUESTS = 500


def start_server(data: Path, env: dict | None = None) -> tuple[subprocess.Popen, str]:
    """`python -m app` on a free port with a fresh data dir (and `env` if given); returns once it is ready."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    mnist = Path(os.environ.get("DOWNHILL_DATA_DIR") or ROOT / "data") / "mnist.npz"
    (data / "mnist.npz").symlink_to(mnist.resolve())
    proc = subprocess.Popen([sys.executable, "-m", "app", "--port", str(port), "--data-dir", str(data)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/api/health", timeout=2) as r:
                if json.loads(r.read())["ready"]:
                    return proc, url
        except OSError:
            pass
        time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server did not become ready")


class Training(threading.Thread):
    """A WebSocket client that starts a run and reads everything until it ends."""

    def __init__(self, url: str, config: dict):
        super().__init__(daemon=True)
        self.url, self.config = url.replace("http", "ws") + "/ws/train", config
        self.started = threading.Event()
        self.times: dict[str, float] = {}
        self.epoch_times: list[float] = []
        self.stop_flag = threading.Event()

    def run(self) -> None:
        try:
            self._talk()
        except ConnectionClosed:   # the server was shut down under us: the bench is over
            pass

    def _talk(self) -> None:
        with connect(self.url, max_size=None) as ws:
            ws.send(json.dumps({"type": "start", "config": self.config}))
            while True:
                msg = ws.recv()
                if isinstance(msg, bytes):
                    continue
                m = json.loads(msg)
                if m["type"] == "metrics" and m["kind"] == "epoch":
                    self.epoch_times.append(time.perf_counter())
                if m["type"] == "status":
                    self.times.setdefault(m["state"], time.perf_counter())
                    if m["state"] == "training":
                        self.started.set()
                    if m["state"] in ("done", "stopped", "diverged", "error"):
                        return
                if self.stop_flag.is_set():
                    ws.send(json.dumps({"type": "stop"}))
                    self.stop_flag.clear()


def predict_latency(url: str) -> np.ndarray:
    """Milliseconds of REQUESTS predictions of a real test digit, while others train."""
    with httpx.Client(base_url=url, timeout=10) as client:
        pixels = client.get("/api/digits/test/0").json()["pixels"]
        for _ in range(20):
            client.post("/api/predict", json={"pixels": pixels})
        times = []
        for _ in range(REQUESTS):
            t = time.perf_counter()
            r = client.post("/api/predict", json={"pixels": pixels})
            times.append((time.perf_counter() - t) * 1000)
            assert r.status_code == 200
    return np.asarray(times)


def per_epoch(stamps: list[float]) -> float:
    """Seconds per epoch between the first and the last epoch's end."""
    return (stamps[-1] - stamps[0]) / (len(stamps) - 1)


def engine_epoch_seconds() -> float:
    """engine_epoch() in a fresh process set up like a training process: one BLAS thread and
    the same niceness, so the ratio measures what streaming costs, not scheduling priority."""
    code = ("import os; from app.sessions.worker import NICENESS; os.nice(NICENESS); "
            "from bench.bench_server import engine_epoch; print(engine_epoch())")
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return float(out.split()[-1])


def engine_epoch() -> float:
    """Wall time per epoch of the engine alone on the default config (snapshots included)."""
    mnist = load_mnist()
    c = DEFAULT_CONFIG
    net = Network.mlp(c["layers"], c["activation"], seed=c["seed"])
    stamps = []
    Trainer(net, optimizers.create("sgd", lr=c["lr"]), schedules.create("constant", c["lr"]),
            mnist.train, mnist.val, batch_size=c["batch_size"], epochs=EPOCHS, seed=c["seed"],
            snapshot_every=c["snapshot_every"],
            on_snapshot=lambda s: s.kind == "epoch" and stamps.append(time.perf_counter())).run()
    return per_epoch(stamps)


def session_epoch_seconds(url: str) -> float:
    """Wall time per epoch of the same config in a live session, as its client sees it."""
    job = Training(url, {**DEFAULT_CONFIG, "epochs": EPOCHS})
    job.start()
    job.join()
    return per_epoch(job.epoch_times)


def snapshot_figures(mnist) -> tuple[int, float]:
    """(bytes, median ms) of one 784-16-16-10 snapshot frame with the probe's activations."""
    c = DEFAULT_CONFIG
    net = Network.mlp(c["layers"], c["activation"])
    snaps = []
    Trainer(net, optimizers.create("sgd", lr=0.5), schedules.create("constant", 0.5),
            mnist.val, None, batch_size=32, epochs=1, snapshot_every=50,
            on_snapshot=snaps.append).run()
    encoder = SnapshotEncoder(Network.mlp(c["layers"], c["activation"]))
    probe = mnist.test.x[0]
    frame = encoder.encode(snaps[-1], "bench", probe)
    times = []
    for _ in range(300):
        t = time.perf_counter()
        encoder.encode(snaps[-1], "bench", probe)
        times.append((time.perf_counter() - t) * 1000)
    return len(frame), float(np.median(times))


def median_ms(fn, repeat: int = 300) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return float(np.median(times))


def toy_snapshot_figures() -> dict:
    """A moons 2-16-16-2 snapshot: bytes and encode ms with and without its regions and outputs,
    and the ms the training process spends computing them for one full snapshot."""
    config = {"dataset": "moons", "layers": [2, 16, 16, 2], "epochs": 1, "batch_size": 16}
    train, val, _ = build.data(config)
    views = ToyViews.for_run("moons", train.x)
    snaps = []
    trainer = build.trainer(config, train, val, snapshot_every=5,
                            on_snapshot=lambda snap: (views.attach(snap, trainer.net), snaps.append(snap)))
    trainer.run()
    snap, bare = snaps[-1], copy.copy(snaps[-1])
    bare.extras = {}
    encoder = SnapshotEncoder(build.network(config))
    probe = train.x[0]
    return {"bytes": len(encoder.encode(snap, "bench", probe)), "bare_bytes": len(encoder.encode(bare, "bench", probe)),
            "ms": median_ms(lambda: encoder.encode(snap, "bench", probe)),
            "bare_ms": median_ms(lambda: encoder.encode(bare, "bench", probe)),
            "views_ms": median_ms(lambda: views.of(trainer.net), 100)}


def main() -> int:
    mnist = load_mnist()
    size, encode_ms = snapshot_figures(mnist)
    toy = toy_snapshot_figures()
    with tempfile.TemporaryDirectory() as tmp:
        proc, url = start_server(Path(tmp))
        try:
            engine = min(engine_epoch_seconds() for _ in range(2))
            session = min(session_epoch_seconds(url) for _ in range(2))
            idle = predict_latency(url)
            trainers = [Training(url, {**DEFAULT_CONFIG, "epochs": 500}) for _ in range(2)]
            for t in trainers:
                t.start()
                t.started.wait(30)
            ms = predict_latency(url)
            for t in trainers:
                t.stop_flag.set()
        finally:
            proc.terminate()
            proc.wait(10)
    p50, p99 = np.percentile(ms, 50), np.percentile(ms, 99)
    rows = [("predict p50, server idle", f"{np.percentile(idle, 50):.2f} ms", "", True),
            ("predict p50, 2 trainings running", f"{p50:.2f} ms", "< 5 ms", p50 < 5),
            ("predict p99, 2 trainings running", f"{p99:.2f} ms", "< 25 ms", p99 < 25),
            ("snapshot 784-16-16-10 size", f"{size / 1024:.1f} KB", "< 64 KB", size < 64 * 1024),
            ("snapshot encode time (median)", f"{encode_ms:.3f} ms", "< 2 ms", encode_ms < 2),
            ("snapshot moons 2-16-16-2 size, without → with regions + outputs",
             f"{toy['bare_bytes'] / 1024:.1f} → {toy['bytes'] / 1024:.1f} KB", "< 64 KB", toy["bytes"] < 64 * 1024),
            ("snapshot moons encode time, without → with (median)",
             f"{toy['bare_ms']:.3f} → {toy['ms']:.3f} ms", "< 2 ms", toy["ms"] < 2),
            ("  regions + outputs computed per full snapshot (training process)", f"{toy['views_ms']:.3f} ms", "", True),
            ("engine epoch (default config)", f"{engine:.3f} s", "", True),
            ("session epoch (same config)", f"{session:.3f} s", "", True),
            ("session / engine", f"{session / engine:.2f}×", "≤ 1.15×", session / engine <= 1.15)]
    return report(rows)


if __name__ == "__main__":
    sys.exit(main())
