"""POST /api/runs/{id}/surface and /interpolation: a saved run's (or the default model's)
loss landscape over HTTP, the same answer as the WebSocket `surface` message."""
from __future__ import annotations

import numpy as np
import pytest

from server_helpers import TINY, WS_URL, is_status, is_type, until

WEIGHTS = [{"layer": 0, "index": [300, 0]}, {"layer": 1, "index": [2], "param": "b"}]


@pytest.fixture
def run_id(client) -> str:
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, "epochs": 2}})
        return until(ws, is_status("done"))[-1]["run_id"]


def test_pca_surface_of_a_saved_run_matches_the_websocket_answer(client, run_id):
    r = client.post(f"/api/runs/{run_id}/surface", json={"plane": "pca", "resolution": 9})
    assert r.status_code == 200, r.text
    body = r.json()
    values = np.asarray(body["values"], dtype=float)
    assert body["run_id"] == run_id and values.shape == (9, 9) and np.isfinite(values).all()
    assert len(body["alphas"]) == len(body["betas"]) == 9
    assert len(body["explained_variance"]) == 2 and len(body["path"]) >= 3
    assert np.allclose(body["path"][-1], 0, atol=1e-6)      # the path ends at the saved weights
    # the run's own session, after the run ended, gives the same numbers as HTTP
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, "epochs": 2}})
        other = until(ws, is_status("done"))[-1]["run_id"]
        ws.send_json({"type": "surface", "plane": "pca", "resolution": 9})
        header, tensors = until(ws, is_type("surface"))[-1]
    http = client.post(f"/api/runs/{other}/surface", json={"plane": "pca", "resolution": 9}).json()
    assert header["run_id"] == other
    np.testing.assert_allclose(tensors["values"], np.asarray(http["values"], dtype=np.float32), rtol=1e-6)


def test_weights_and_random_planes_of_a_run(client, run_id):
    r = client.post(f"/api/runs/{run_id}/surface",
                    json={"plane": "weights", "params": WEIGHTS, "resolution": 5, "span": 0.5})
    assert r.status_code == 200, r.text
    assert r.json()["plane"] == "weights" and np.asarray(r.json()["values"]).shape == (5, 5)
    a = client.post(f"/api/runs/{run_id}/surface", json={"plane": "random", "seed": 3, "resolution": 5}).json()
    b = client.post(f"/api/runs/{run_id}/surface", json={"plane": "random", "seed": 3, "resolution": 5}).json()
    c = client.post(f"/api/runs/{run_id}/surface", json={"plane": "random", "seed": 4, "resolution": 5}).json()
    assert a["values"] == b["values"] != c["values"]


def test_default_model_surface_and_its_refusals(client):
    r = client.post("/api/runs/default/surface", json={"plane": "random", "resolution": 5})
    assert r.status_code == 200 and r.json()["run_id"] is None
    pca = client.post("/api/runs/default/surface", json={"plane": "pca"})
    assert pca.status_code == 409 and pca.json()["detail"].startswith("plane:")
    assert "trajectory" in pca.json()["detail"]
    line = client.post("/api/runs/default/interpolation", json={})
    assert line.status_code == 409 and "initial weights" in line.json()["detail"]


def test_interpolation_from_the_initial_to_the_final_weights(client, run_id):
    r = client.post(f"/api/runs/{run_id}/interpolation", json={"resolution": 11, "lo": 0, "hi": 1})
    assert r.status_code == 200, r.text
    line = r.json()
    assert line["a"][0] == 0 and line["a"][-1] == 1 and len(line["values"]) == 11
    assert line["values"][0] == pytest.approx(line["loss_a"]) and line["values"][-1] == pytest.approx(line["loss_b"])
    assert line["loss_b"] < line["loss_a"], "training lowered the loss"
    final = client.get(f"/api/runs/{run_id}").json()["metrics"][-1]["train_loss"]
    assert line["loss_b"] == pytest.approx(final, rel=0.3)


@pytest.mark.parametrize("body, field", [
    ({"resolution": 102}, "resolution"), ({"resolution": 2}, "resolution"),
    ({"resolution": 9.5}, "resolution"), ({"span": 0}, "span"), ({"plane": "hessian"}, "plane"),
    ({"plane": "weights", "params": [WEIGHTS[0]]}, "params"), ({"colour": 1}, "colour"),
])
def test_bad_surface_requests_name_the_field(client, run_id, body, field):
    r = client.post(f"/api/runs/{run_id}/surface", json=body)
    assert r.status_code == 422
    assert field in [str(p) for p in r.json()["detail"][0]["loc"]], r.json()


@pytest.mark.parametrize("body, field", [
    ({"plane": "weights"}, "params"),
    ({"plane": "weights", "params": [{"layer": 0, "index": [900, 0]}, WEIGHTS[1]]}, "params"),
    ({"plane": "weights", "params": [{"layer": 5, "index": [1, 0]}, WEIGHTS[1]]}, "params"),
])
def test_surface_requests_that_do_not_fit_the_network_name_the_field(client, run_id, body, field):
    r = client.post(f"/api/runs/{run_id}/surface", json=body)
    assert r.status_code == 422 and r.json()["detail"].startswith(f"{field}:"), r.json()


def test_bad_interpolation_requests_name_the_field(client, run_id):
    for body, field in [({"lo": 1, "hi": 0}, "hi"), ({"resolution": 500}, "resolution"), ({"hi": 11}, "hi")]:
        r = client.post(f"/api/runs/{run_id}/interpolation", json=body)
        assert r.status_code == 422 and field in r.json()["detail"][0]["loc"], (body, r.json())


def test_unknown_running_and_diverged_runs(client):
    assert client.post("/api/runs/0123456789ab/surface", json={}).status_code == 404
    assert client.post("/api/runs/..%2Fetc/surface", json={}).status_code == 404
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, "epochs": 500}})
        running = until(ws, is_type("metrics"))[-1]["run_id"]
        r = client.post(f"/api/runs/{running}/surface", json={"plane": "random"})
        assert r.status_code == 409 and "still training" in r.json()["detail"]
        ws.send_json({"type": "stop"})
        until(ws, is_status("stopped"))
    diverging = {"activation": "identity", "output": "identity", "loss": "sse", "lr": 10,
                 "epochs": 5, "init": "normal", "init_std": 1.0}
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, **diverging}})
        diverged = until(ws, is_status("diverged", "done"))[-1]["run_id"]
    r = client.post(f"/api/runs/{diverged}/surface", json={"plane": "random"})
    assert r.status_code == 409 and "diverged" in r.json()["detail"]


def test_surface_endpoints_are_in_the_openapi_page(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "post" in paths["/api/runs/{run_id}/surface"] and "post" in paths["/api/runs/{run_id}/interpolation"]
    assert "409" in paths["/api/runs/{run_id}/surface"]["post"]["responses"]
