"""Saved runs survive a restart; a run cut off by a crash is marked interrupted."""
from __future__ import annotations

from server_helpers import TINY, WS_URL, client_for, is_status, until

from app.core.config import Settings
from engine import persistence
from engine.defaults import default_training
from app.runs.store import RunStore


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


def test_later_starts_load_the_saved_default_model(data_dir):
    saved = (data_dir / "default_model.npz").stat().st_mtime_ns
    with client_for(Settings(data_dir=data_dir)) as client:
        assert client.get("/api/health").json()["ready"]
    assert (data_dir / "default_model.npz").stat().st_mtime_ns == saved


def test_a_default_model_trained_with_other_settings_is_trained_again(data_dir):
    with client_for(Settings(data_dir=data_dir, default_model_epochs=1)) as client:
        assert client.get("/api/health").json()["ready"]
    retrained = persistence.load(data_dir / "default_model.npz")
    assert retrained.extra["recipe"]["epochs"] == 1
    with client_for(Settings(data_dir=data_dir)) as client:
        assert client.get("/api/health").json()["ready"]
    assert persistence.load(data_dir / "default_model.npz").extra["recipe"] == {**default_training()}
