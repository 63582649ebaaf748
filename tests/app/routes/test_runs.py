"""Saved runs over HTTP: list, delete, export weights and config."""
from __future__ import annotations

import numpy as np


def test_runs_delete_export_and_list(client):
    from server_helpers import TINY, WS_URL, is_status, is_type, until
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, "epochs": 500}})
        running = until(ws, is_type("metrics"))[-1]["run_id"]
        r = client.delete(f"/api/runs/{running}")
        assert r.status_code == 409 and "still training" in r.json()["detail"]
        ws.send_json({"type": "stop"})
        until(ws, is_status("stopped"))
        ws.send_json({"type": "start", "config": TINY})
        done = until(ws, is_status("done"))[-1]["run_id"]
    listed = [r["id"] for r in client.get("/api/runs").json()]
    assert listed == [done, running]
    export = client.get(f"/api/runs/{done}/weights.npz")
    assert export.status_code == 200
    import io
    with np.load(io.BytesIO(export.content), allow_pickle=False) as z:
        assert z["W1"].shape == (784, 8) and z["b2"].shape == (10,)
    assert client.delete(f"/api/runs/{running}").status_code == 204
    assert [r["id"] for r in client.get("/api/runs").json()] == [done]
    assert client.delete(f"/api/runs/{running}").status_code == 404
