"""Saved runs survive a restart; a run cut off by a crash is marked interrupted."""
from __future__ import annotations

from app.core.config import Settings
from app.runs.store import RunStore
from server_helpers import TINY, WS_URL, client_for, is_status, until


def test_finished_run_survives_a_restart(data_dir):
    with client_for(Settings(data_dir=data_dir)) as client:
        with client.websocket_connect(WS_URL) as ws:
            ws.send_json({"type": "start", "config": {**TINY, "epochs": 2}})
            run_id = until(ws, is_status("done"))[-1]["run_id"]
        digit = client.get("/api/digits/test/3").json()
        before = client.post("/api/predict", json={"pixels": digit["pixels"], "model": run_id}).json()
    with client_for(Settings(data_dir=data_dir)) as client:
        runs = client.get("/api/runs").json()
        assert [r["id"] for r in runs] == [run_id] and runs[0]["status"] == "done"
        run = client.get(f"/api/runs/{run_id}").json()
        assert [m["epoch"] for m in run["metrics"]] == [1, 2]
        after = client.post("/api/predict", json={"pixels": digit["pixels"], "model": run_id}).json()
        assert after["probabilities"] == before["probabilities"]
        assert client.get(f"/api/runs/{run_id}/config.json").json()["layers"] == [784, 8, 10]
        assert client.delete(f"/api/runs/{run_id}").status_code == 204
        assert client.get(f"/api/runs/{run_id}").status_code == 404
        assert not (data_dir / "runs" / f"{run_id}.npz").exists()


def test_crash_interrupted_run_is_marked_at_next_start(data_dir):
    store = RunStore(data_dir)
    run_id = store.create({"layers": [784, 8, 10]}, status="training")
    store.close()                                  # the process "dies" mid-run
    with client_for(Settings(data_dir=data_dir)) as client:
        assert client.get(f"/api/runs/{run_id}").json()["status"] == "interrupted"
        assert client.get("/api/health").json()["interrupted_runs"] == 1


def test_a_store_from_before_sweeps_gains_the_sweep_columns_and_keeps_its_runs(tmp_path):
    import sqlite3
    db = sqlite3.connect(tmp_path / "downhill.sqlite3")
    db.executescript("""CREATE TABLE runs (id TEXT PRIMARY KEY, created REAL NOT NULL, updated REAL NOT NULL,
                        status TEXT NOT NULL, config TEXT NOT NULL, final TEXT NOT NULL DEFAULT '{}');
                        INSERT INTO runs VALUES ('0123456789ab', 1, 1, 'done', '{}', '{}');""")
    db.commit()
    db.close()
    store = RunStore(tmp_path)
    assert [(r["id"], r["sweep"], r["cell"]) for r in store.list()] == [("0123456789ab", None, None)]
    store.create({"lr": 0.1}, status="training", run_id="00000000000c", sweep="aaaaaaaaaaaa", cell=3)
    assert [(r["id"], r["cell"]) for r in store.list(sweep="aaaaaaaaaaaa")] == [("00000000000c", 3)]


def test_sweeps_left_running_by_a_crash_become_interrupted(tmp_path):
    store = RunStore(tmp_path)
    store.create_sweep("aaaaaaaaaaaa", {"axes": []})
    store.close()
    again = RunStore(tmp_path)
    again.mark_interrupted()
    assert again.sweeps("aaaaaaaaaaaa")[0]["status"] == "interrupted"
