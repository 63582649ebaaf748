"""A toy set's training examples, as a run trains on them."""
from __future__ import annotations

import numpy as np

from engine import build


def test_points_are_the_training_split_a_run_uses(client):
    answer = client.get("/api/datasets/moons/points?seed=3").json()
    train, _, _ = build.data({"dataset": "moons", "seed": 3})
    assert answer["name"] == "moons" and answer["seed"] == 3
    assert np.allclose(answer["x"], train.x) and answer["y"] == train.y.tolist()


def test_the_delta_table_has_its_four_rows(client):
    answer = client.get("/api/datasets/delta_table/points").json()
    assert answer["x"] == [[0, 0, 1], [0, 1, 1], [1, 0, 1], [1, 1, 1]] and answer["y"] == [0, 0, 1, 1]


def test_options_mark_the_sets_with_points_and_unknown_sets_are_404(client):
    sets = client.get("/api/options").json()["datasets"]
    assert all(d.get("points") is (d["kind"] == "toy") or (d["kind"] == "mnist" and "points" not in d) for d in sets)
    assert client.get("/api/datasets/mnist/points").status_code == 404
    assert client.get("/api/datasets/moons/points?seed=-1").status_code == 422
