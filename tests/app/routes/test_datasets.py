"""A toy set's examples, as a run trains on them."""
from __future__ import annotations

import numpy as np

from engine import build


def test_points_are_the_split_a_run_with_that_seed_uses(client):
    answer = client.get("/api/datasets/moons/points?seed=3").json()
    train, val, _ = build.data({"dataset": "moons", "seed": 3})
    assert answer["dataset"] == "moons" and answer["seed"] == 3 and answer["classes"] == 2 and not answer["same"]
    assert np.allclose(answer["train"]["x"], train.x, atol=1e-6) and answer["train"]["y"] == train.y.tolist()
    assert np.allclose(answer["val"]["x"], val.x, atol=1e-6) and answer["view"] == [-1.5, 1.5, -1.5, 1.5]


def test_the_delta_table_has_its_four_rows_and_validates_on_them(client):
    answer = client.get("/api/datasets/delta_table/points").json()
    assert answer["train"]["x"] == [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]] and answer["train"]["y"] == [0, 0, 1, 1]
    assert answer["same"] and answer["view"] is None


def test_options_mark_the_sets_with_points_and_unknown_sets_are_404(client):
    sets = client.get("/api/options").json()["datasets"]
    assert all(d.get("points") is True for d in sets if d["kind"] == "toy") and "points" not in sets[0]
    assert client.get("/api/datasets/mnist/points").status_code == 404
    assert client.get("/api/datasets/moons/points?seed=-1").status_code == 422
