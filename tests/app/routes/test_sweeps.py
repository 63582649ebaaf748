"""Sweeps over the WebSocket and HTTP: cells as ordinary saved runs, results as they finish,
a cap on a sweep's running cells, cancel, and bad sweeps refused naming their field."""
from __future__ import annotations

import time

import pytest

from server_helpers import TINY, WS_URL, client_for, is_status, is_type, receive, until

LR = {"field": "lr", "min": 0.05, "max": 0.5, "points": 3}
OPT = {"field": "optimizer", "values": ["sgd", "adam"]}


def sweep_message(**overrides) -> dict:
    return {"type": "sweep", "config": TINY, "axes": [LR, OPT], "epochs": 1, **overrides}


def is_sweep(*states):
    return lambda m: isinstance(m, dict) and m.get("type") == "sweep" and m["state"] in states


@pytest.fixture
def client(settings_for):
    with client_for(settings_for()) as c:
        yield c


def test_a_sweep_reports_every_cell_and_saves_each_as_a_run_of_it(client):
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json(sweep_message())
        seen = until(ws, is_sweep("done", "cancelled"), timeout=120)
    first, last = [m for m in seen if is_type("sweep")(m)][0], seen[-1]
    assert first["state"] == "running" and first["shape"] == [3, 2] and first["total"] == 6
    assert first["axes"] == [{"field": "lr", "values": [0.05, pytest.approx(0.158113883), 0.5]}, OPT]
    assert last["state"] == "done" and last["done"] == 6 and last["seconds_left"] is None
    ended = [m for m in seen if is_type("sweep_cell")(m) and m["status"] != "training"]
    assert sorted(m["index"] for m in ended) == list(range(6))
    assert all(m["status"] == "done" and 0 < m["val_accuracy"] <= 1 and m["val_loss"] > 0 for m in ended)
    cell = next(m for m in ended if m["index"] == 5)
    assert cell["coords"] == [2, 1] and cell["values"] == {"lr": 0.5, "optimizer": "adam"}
    progress = [m["done"] for m in seen if is_type("sweep")(m)]
    assert progress == sorted(progress) and progress[-1] == 6
    runs = client.get("/api/runs", params={"sweep": first["sweep_id"]}).json()
    assert sorted(r["cell"] for r in runs) == list(range(6)) and {r["sweep"] for r in runs} == {first["sweep_id"]}
    saved = {r["cell"]: r for r in runs}[5]
    assert saved["config"]["optimizer"] == "adam" and saved["config"]["lr"] == 0.5 and saved["config"]["epochs"] == 1
    assert len(client.get(f"/api/runs/{saved['id']}").json()["metrics"]) == 1   # its curve, for the overlay
    assert len(client.get("/api/runs").json()) == 6


def test_a_diverged_cell_is_marked_and_has_no_score(data_dir):
    from app.core.config import Settings
    config = {**TINY, "activation": "identity", "output": "identity", "loss": "sse", "init": "normal",
              "init_std": 1.0, "epochs": 1}
    with client_for(Settings(data_dir=data_dir, workers=2)) as client, client.websocket_connect(WS_URL) as ws:
        ws.send_json(sweep_message(config=config, axes=[{"field": "lr", "values": [0.001, 10]}], epochs=2))
        seen = until(ws, is_sweep("done"), timeout=60)
    cells = {m["index"]: m for m in seen if is_type("sweep_cell")(m) and m["status"] != "training"}
    assert cells[0]["status"] == "done" and cells[0]["val_loss"] is not None
    assert cells[1]["status"] == "diverged" and cells[1]["val_loss"] is None and cells[1]["val_accuracy"] is None


BAD = [({"axes": [LR, OPT, {"field": "seed", "values": [1]}]}, "axes"),
       ({"axes": [{"field": "width", "values": [8]}]}, "axes.0.field"),
       ({"axes": [{**LR, "points": 11}, {"field": "seed", "values": list(range(10))}]}, "axes"),
       ({"axes": [{**LR, "max": 11}]}, "axes.0.max"),                      # past the server's lr limit
       ({"axes": [{"field": "lr", "values": [0.1, 20]}]}, "axes.0.values.1"),
       ({"axes": [{"field": "hidden", "values": [8, 2000]}]}, "axes.0.values.1"),
       ({"axes": [{"field": "batch_size", "values": [10, 70000]}]}, "axes.0.values.1"),
       ({"axes": [{"field": "optimizer", "values": ["sgd", "lbfgs"]}]}, "axes.0.values.1"),
       ({"epochs": 21}, "epochs"), ({"epochs": 0}, "epochs"),
       ({"config": {**TINY, "layers": [784, 8, 9]}}, "layers.2"),
       ({"config": {**TINY, "optimizer": "sgd", "optimizer_params": {"momentum": 0.9}},
         "axes": [{"field": "lr", "values": [0.1]}], "epochs": 1}, None),   # valid: the control case
       ({"axes": "lr"}, "axes"), ({"colour": "red"}, "colour")]
NONFINITE = ['{"type": "sweep", "axes": [{"field": "lr", "min": NaN, "max": 1, "points": 3}]}',
             '{"type": "sweep", "axes": [{"field": "seed", "values": [1, Infinity]}]}',
             '{"type": "sweep", "config": {"lr": NaN}, "axes": [{"field": "seed", "values": [1]}]}']


def test_a_bad_sweep_is_an_error_about_the_sweep_naming_its_field_and_starts_nothing(client):
    with client.websocket_connect(WS_URL) as ws:
        for overrides, field in BAD:
            if field is None:
                continue
            ws.send_json(sweep_message(**overrides))
            error = receive(ws)
            assert (error["type"], error["about"], error["field"]) == ("error", "sweep", field), (overrides, error)
        for text, field in zip(NONFINITE, ["axes.0.min", "axes.0.values.1", "lr"]):
            ws.send_text(text)
            error = receive(ws)
            assert (error["about"], error["field"]) == ("sweep", field) and "finite" in error["message"], error
        ws.send_json({"type": "sweep", "config": TINY})
        assert receive(ws)["field"] == "axes"
        assert client.get("/api/sweeps").json() == [] and client.get("/api/runs").json() == []
        ws.send_json(sweep_message(axes=[{"field": "lr", "values": [0.1]}]))   # still usable
        assert until(ws, is_sweep("done"), timeout=60)[-1]["done"] == 1


def test_a_sweep_runs_at_most_its_cap_of_cells_and_leaves_slots_to_others(settings_for):
    with client_for(settings_for(workers=2, sweep_cells=1)) as client:
        with client.websocket_connect(WS_URL) as sweeper, client.websocket_connect(WS_URL) as student:
            sweeper.send_json(sweep_message(config={**TINY, "epochs": 1, "train_size": 3000},
                                            axes=[{"field": "seed", "values": [0, 1, 2, 3]}]))
            until(sweeper, lambda m: is_type("sweep_cell")(m) and m["status"] == "training")
            student.send_json({"type": "start", "config": TINY})
            assert until(student, is_status("queued", "training"))[-1]["state"] == "training"
            seen = until(sweeper, is_sweep("done"), timeout=120)
            assert until(student, is_status("done"))[-1]["state"] == "done"
    assert max(m["running"] for m in seen if is_type("sweep")(m)) == 1
    starts = [m["index"] for m in seen if is_type("sweep_cell")(m) and m["status"] == "training"]
    assert starts == [1, 2, 3]   # one after another (the first started before `seen` began)


def test_cancel_stops_the_sweep_and_no_more_cells_start(settings_for):
    with client_for(settings_for(sweep_cells=1)) as client, client.websocket_connect(WS_URL) as ws:
        ws.send_json(sweep_message(config={**TINY, "epochs": 1, "train_size": 3000},
                                   axes=[{"field": "seed", "values": list(range(6))}], epochs=20))
        running = until(ws, lambda m: is_type("sweep_cell")(m) and m["status"] == "training")[-1]
        ws.send_json({"type": "cancel_sweep"})
        seen = until(ws, is_sweep("cancelled", "done"), timeout=30)
        assert seen[-1]["state"] == "cancelled" and seen[-1]["done"] == 1
        stopped = [m for m in seen if is_type("sweep_cell")(m)]
        assert [(m["index"], m["status"]) for m in stopped] == [(running["index"], "stopped")]
        view = client.get(f"/api/sweeps/{running['sweep_id']}").json()
        assert view["state"] == "cancelled" and [c["status"] for c in view["cells"]][1:] == ["waiting"] * 5
        assert len(client.get("/api/runs", params={"sweep": running["sweep_id"]}).json()) == 1


def test_closing_the_connection_cancels_its_sweep(client):
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json(sweep_message(axes=[{"field": "seed", "values": list(range(8))}], epochs=20))
        sweep_id = until(ws, lambda m: is_type("sweep_cell")(m) and m["status"] == "training")[-1]["sweep_id"]
    deadline = time.monotonic() + 10
    while client.get(f"/api/sweeps/{sweep_id}").json()["state"] == "running":
        assert time.monotonic() < deadline, "the sweep outlived its connection"
        time.sleep(0.1)
    assert client.get(f"/api/sweeps/{sweep_id}").json()["state"] == "cancelled"


def test_a_script_runs_a_sweep_over_http(client):
    body = {"config": TINY, "axes": [{"field": "hidden", "values": [4, 16]}], "epochs": 1}
    started = client.post("/api/sweeps", json=body)
    assert started.status_code == 201
    sweep = started.json()
    assert sweep["state"] == "running" and len(sweep["cells"]) == 2
    deadline = time.monotonic() + 60
    while (view := client.get(f"/api/sweeps/{sweep['sweep_id']}").json())["state"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.2)
    assert view["state"] == "done" and [c["values"] for c in view["cells"]] == [{"hidden": 4}, {"hidden": 16}]
    assert all(c["status"] == "done" and c["val_accuracy"] > 0.1 and c["seconds"] > 0 for c in view["cells"])
    listed = client.get("/api/sweeps").json()
    assert [(s["sweep_id"], s["done"], s["total"]) for s in listed] == [(sweep["sweep_id"], 2, 2)]
    bad = client.post("/api/sweeps", json={**body, "axes": [{"field": "lr", "min": 0.1, "max": 20, "points": 2}]})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("axes.0.max:")
    assert client.get("/api/sweeps/000000000000").status_code == 404
    assert client.post("/api/sweeps/000000000000/cancel", json={}).status_code == 404
