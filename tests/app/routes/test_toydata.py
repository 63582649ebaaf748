"""A toy set's points, and a toy run's decision regions and outputs: in its snapshots while it
trains, over HTTP once it is saved, and its answer for one point of the plane."""
from __future__ import annotations

import numpy as np

from engine import build
from engine.datasets import toy
from engine.regions import decision_regions
from server_helpers import TINY, WS_URL, is_status, until

MOONS = {"dataset": "moons", "layers": [2, 8, 2], "activation": "tanh", "epochs": 3, "batch_size": 16,
         "lr": 0.05, "optimizer": "adam", "seed": 5}


def train(client, config, **start):
    """Train a run to its end; (its snapshot frames, its run id)."""
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": config, **start})
        seen = until(ws, is_status("done", "error"), timeout=60)
    assert seen[-1]["state"] == "done", seen[-1]
    return [m for m in seen if isinstance(m, tuple)], seen[-1]["run_id"]


def network_with(config, tensors):
    net = build.network(config)
    for name, p in zip(net.param_names, net.params):
        p[...] = tensors[name]
    return net


def test_points_are_the_arrays_a_run_with_that_seed_trains_on(client):
    body = client.get("/api/datasets/moons/points?seed=5").json()
    train, val = toy.load_toy("moons", 5)
    np.testing.assert_allclose(body["train"]["x"], train.x, atol=1e-6)
    assert body["train"]["y"] == train.y.tolist() and body["val"]["y"] == val.y.tolist()
    assert body["view"] == list(toy.VIEW["moons"]) and body["classes"] == 2 and body["same"] is False
    other = client.get("/api/datasets/moons/points?seed=6").json()
    assert other["train"]["x"] != body["train"]["x"]
    table = client.get("/api/datasets/delta_table/points").json()
    assert table["view"] is None and table["same"] is True and len(table["train"]["x"][0]) == 3
    sets = {d["name"]: d for d in client.get("/api/options").json()["datasets"]}
    assert sets["moons"]["points"] is True and "points" not in sets["mnist"]


def test_points_refuse_unknown_sets_and_bad_seeds_naming_them(client):
    r = client.get("/api/datasets/mnist/points")
    assert r.status_code == 404 and "moons" in r.json()["detail"]
    for seed in ("-1", "1.5", "abc", str(2**32)):
        r = client.get(f"/api/datasets/moons/points?seed={seed}")
        assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["query", "seed"], seed


def test_a_toy_run_shows_its_regions_and_outputs_in_every_full_snapshot(client):
    snaps, _ = train(client, MOONS)
    train_split, _ = toy.load_toy("moons", MOONS["seed"])
    assert snaps
    for header, tensors in snaps:
        assert header["regions"] == {"view": list(toy.VIEW["moons"]), "size": 48}
        net = network_with(MOONS, tensors)
        expected = decision_regions(net, toy.VIEW["moons"], 48)
        np.testing.assert_array_equal(tensors["region_class"], expected["classes"])
        np.testing.assert_allclose(tensors["region_confidence"], expected["confidence"], rtol=1e-5)
        np.testing.assert_allclose(tensors["outputs"], net.predict_proba(train_split.x), rtol=1e-5, atol=1e-6)
    last = snaps[-1][1]["region_class"]
    assert 0.2 < last.mean() < 0.8, "a trained moons network splits the plane"


def test_the_delta_table_has_outputs_but_no_plane_and_digits_have_neither(client):
    config = {"dataset": "delta_table", "layers": [3, 1], "output": "sigmoid", "loss": "sse",
              "epochs": 5, "batch_size": 4, "lr": 0.5}
    snaps, _ = train(client, config)
    header, tensors = snaps[-1]
    assert "regions" not in header and "region_class" not in tensors
    assert tensors["outputs"].shape == (4, 1)
    x = np.asarray(client.get("/api/datasets/delta_table/points").json()["train"]["x"], np.float32)
    np.testing.assert_allclose(tensors["outputs"], network_with(config, tensors).predict_proba(x), rtol=1e-5)
    digits, _ = train(client, TINY)
    assert all("outputs" not in t and "regions" not in h for h, t in digits)


def test_a_saved_toy_run_serves_the_regions_its_last_snapshot_showed(client):
    snaps, run_id = train(client, MOONS)
    body = client.get(f"/api/runs/{run_id}/regions").json()
    assert body["run_id"] == run_id and body["live"] is False and body["dataset"] == "moons"
    assert body["regions"]["size"] == 48 and body["regions"]["view"] == list(toy.VIEW["moons"])
    last = snaps[-1][1]
    np.testing.assert_array_equal(body["regions"]["classes"], last["region_class"])
    np.testing.assert_allclose(body["regions"]["confidence"], last["region_confidence"], atol=1e-5)
    np.testing.assert_allclose(body["outputs"], last["outputs"], atol=1e-6)
    assert client.get("/api/runs/0123456789ab/regions").status_code == 404
    assert client.get("/api/runs/nonsense/regions").status_code == 404
    _, digits = train(client, TINY)
    r = client.get(f"/api/runs/{digits}/regions")
    assert r.status_code == 409 and r.json()["detail"].startswith("run_id:")


def test_the_delta_table_has_its_four_rows_and_validates_on_them(client):
    answer = client.get("/api/datasets/delta_table/points").json()
    assert answer["train"]["x"] == [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]] and answer["train"]["y"] == [0, 0, 1, 1]
    assert answer["same"] and answer["view"] is None


def test_options_mark_the_sets_with_points_and_unknown_sets_are_404(client):
    sets = client.get("/api/options").json()["datasets"]
    assert all(d.get("points") is True for d in sets if d["kind"] == "toy") and "points" not in sets[0]
    assert client.get("/api/datasets/mnist/points").status_code == 404
    assert client.get("/api/datasets/moons/points?seed=-1").status_code == 422
