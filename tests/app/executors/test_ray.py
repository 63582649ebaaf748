"""Trainings on Ray: across the nodes of a (simulated) cluster, and a server that starts Ray
itself (DOWNHILL_RAY_ADDRESS=local), serves, and stops it on SIGTERM."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
from server_helpers import TINY, WS_URL, client_for, free_port, is_status, until
from websockets.sync.client import connect

from app.core.config import Settings

ROOT = Path(__file__).resolve().parents[3]


def test_two_runs_at_once_train_on_the_two_nodes_of_the_cluster(data_dir, ray_cluster):
    with client_for(Settings(data_dir=data_dir, ray_address="auto")) as client:
        health = client.get("/api/health").json()
        assert (health["executor"], health["nodes"], health["workers"]) == ("ray", 2, 2)
        assert client.get("/api/options").json()["limits"]["workers"] == 2
        with client.websocket_connect(WS_URL) as first, client.websocket_connect(WS_URL) as second:
            for ws in (first, second):                    # each run takes one of the two CPUs
                ws.send_json({"type": "start", "config": {**TINY, "epochs": 4}})
            runs = [until(ws, is_status("done", "error"))[-1] for ws in (first, second)]
        assert [r["state"] for r in runs] == ["done", "done"]
        placements = client.app.state.resources.executor.placements
        assert len({placements[r["run_id"]] for r in runs}) == 2, "both runs trained on one node"
        for run in runs:                                  # MNIST from the object store, on either node
            saved = client.get(f"/api/runs/{run['run_id']}").json()
            assert saved["metrics"][-1]["val_accuracy"] > 0.5 and saved["has_weights"]


def test_a_server_that_starts_ray_serves_trainings_and_stops_it_on_sigterm(data_dir):
    port = free_port()
    env = {**os.environ, "DOWNHILL_RAY_ADDRESS": "local", "DOWNHILL_WORKERS": "2"}
    server = subprocess.Popen([sys.executable, "-m", "app", "--port", str(port), "--data-dir", str(data_dir)],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        url = f"http://127.0.0.1:{port}"
        health = _ready(url, server)
        assert (health["executor"], health["nodes"], health["workers"]) == ("ray", 1, 2)
        ray_processes = [p for p in psutil.Process(server.pid).children(recursive=True)]
        assert ray_processes, "Ray started no processes"
        with connect(f"ws://127.0.0.1:{port}/ws/train", origin=url) as ws:
            ws.send(json.dumps({"type": "start", "config": {**TINY, "epochs": 2}}))
            states = _states_until_end(ws)
        assert states[-1] == "done", states
        server.send_signal(signal.SIGTERM)
        # uvicorn shuts down (the lifespan stops Ray), then raises SIGTERM again as it found it
        assert server.wait(60) == -signal.SIGTERM
        assert "Traceback" not in server.stderr.read().decode()
        assert not [p for p in ray_processes if _alive(p)], "Ray's processes outlived the server"
    finally:
        if server.poll() is None:
            server.kill()


def _ready(url: str, server) -> dict:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert server.poll() is None, server.stderr.read().decode()[-2000:]
        try:
            health = httpx.get(f"{url}/api/health", timeout=2).json()
            if health["ready"]:
                return health
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError("the server did not become ready")


def _states_until_end(ws) -> list[str]:
    states = []
    deadline = time.monotonic() + 60
    while not states or states[-1] not in ("done", "error", "diverged", "stopped"):
        message = ws.recv(timeout=max(0.1, deadline - time.monotonic()))
        if isinstance(message, str) and json.loads(message)["type"] == "status":
            states.append(json.loads(message)["state"])
    return states


def _alive(process: psutil.Process) -> bool:
    deadline = time.monotonic() + 20      # Ray's reaper may take a moment after the server exits
    while time.monotonic() < deadline:
        try:
            if process.status() == psutil.STATUS_ZOMBIE:
                return False
        except psutil.NoSuchProcess:
            return False
        time.sleep(0.2)
    return True
