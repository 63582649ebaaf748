"""When the run database or the disk fails, or the saved runs fill their disk budget, every
client still hears how its run ended, HTTP answers a clear 503, and what is saved stays
(issue 13, points 5 and 7)."""
from __future__ import annotations

import sqlite3

import pytest

from app.core.config import Settings
from server_helpers import TINY, WS_URL, client_for, is_status, is_type, receive, until


def _read_only(store) -> None:
    """From now on the database can be read but not written (as when its disk turns read-only)."""
    with store._lock:
        store._db = sqlite3.connect(f"file:{store._db_path}?mode=ro", uri=True,
                                    check_same_thread=False, isolation_level=None)


def test_a_database_that_turns_unwritable_mid_run_still_ends_the_run(client):
    store = client.app.state.resources.store
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, "epochs": 3, "train_size": 3000}})
        until(ws, is_type("metrics"))
        _read_only(store)
        seen = until(ws, is_status("done", "error", "stopped"), timeout=60)
        ws.send_json({"type": "fly"})
        assert receive(ws)["field"] == "type"   # and the session still answers
    errors = [m for m in seen if is_type("error")(m)]
    assert seen[-1]["state"] == "error" and errors and errors[-1]["about"] == "run"
    assert "readonly" in errors[-1]["message"] or "read-only" in errors[-1]["message"]


def test_delete_with_an_unwritable_database_is_a_clear_503(client):
    store = client.app.state.resources.store
    run_id = store.create({"layers": [784, 8, 10]}, status="done")
    _read_only(store)
    r = client.delete(f"/api/runs/{run_id}")
    assert r.status_code == 503 and "database" in r.json()["detail"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get(f"/api/runs/{run_id}").status_code == 200   # nothing was lost


ROOM = 250_000   # bytes: one 784-8-10 run's weights and trajectory (~150 kB), not two


@pytest.fixture
def tight(data_dir):
    """A server whose saved runs may use only ROOM bytes more than its empty database."""
    with client_for(Settings(data_dir=data_dir, workers=2)) as client:
        store = client.app.state.resources.store
        store.budget = store.used() + ROOM
        yield client


def test_health_reports_the_disk_the_runs_use(tight):
    disk = tight.get("/api/health").json()["disk"]
    assert disk["budget_bytes"] - disk["used_bytes"] == ROOM and disk["free_bytes"] > 0


def test_past_the_budget_a_run_is_refused_before_it_starts_and_nothing_is_deleted(tight):
    store = tight.app.state.resources.store
    with tight.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, "layers": [784, 8, 10]}})   # 25 kB of weights
        first = until(ws, is_status("done", "error"))[-1]
        assert first["state"] == "done"
        for _ in range(3):     # each run also keeps a trajectory: the budget fills
            ws.send_json({"type": "start", "config": TINY})
            last = until(ws, lambda m: is_status("done", "error")(m) or is_type("error")(m))[-1]
            if last["type"] == "error":
                break
        assert last["type"] == "error" and last["about"] in ("server", "run"), last
        assert "budget" in last["message"] and "delete old runs" in last["message"]
    assert tight.get(f"/api/runs/{first['run_id']}/weights.npz").status_code == 200
    assert store.used() <= store.budget + (64 << 10)   # at most one database page over


def test_a_disk_with_no_room_refuses_saves_with_a_clear_message(client, monkeypatch):
    from app.runs import store as store_module
    monkeypatch.setattr(store_module, "_free", lambda path: 10 << 20)   # 10 MB free: under the reserve
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": TINY})
        error = receive(ws)
    assert error["about"] == "server" and "free" in error["message"]
