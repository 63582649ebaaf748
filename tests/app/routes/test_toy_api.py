"""Toy cost functions over HTTP: value grids and optimizer races."""
from __future__ import annotations

import pytest


def test_toy_surface_and_race(client):
    s = client.get("/api/toy/bowl/surface", params={"n": 11}).json()
    assert len(s["x"]) == 11 and len(s["z"]) == 11 and len(s["z"][0]) == 11
    assert min(min(row) for row in s["z"]) == pytest.approx(0.0)
    race = {"function": "bowl", "steps": 30, "optimizers": [{"name": "sgd", "lr": 0.95},
                                                              {"name": "adam", "lr": 0.3}]}
    paths = client.post("/api/toy/race", json=race).json()["paths"]
    assert [len(p["points"]) for p in paths] == [31, 31]
    assert paths[0]["points"][0] == [-7, 2]
    assert client.post("/api/toy/race", json={**race, "steps": 501}).status_code == 422
    assert client.post("/api/toy/race", json={**race, "function": "moon"}).status_code == 422


def test_racers_may_start_from_their_own_points(client):
    own = {"function": "himmelblau", "steps": 100, "optimizers": [
        {"name": "sgd", "lr": 0.01, "start": [4, 4]}, {"name": "sgd", "lr": 0.01, "start": [-4, -4]}]}
    ends = [p["points"][-1] for p in client.post("/api/toy/race", json=own).json()["paths"]]
    assert ends[0] == pytest.approx([3, 2], abs=1e-3) and ends[1] == pytest.approx([-3.7793, -3.2832], abs=1e-3)
    bad = client.post("/api/toy/race", json={**own, "optimizers": [{"name": "sgd", "lr": 0.1, "start": [1]}]})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "optimizers", 0, "start"]
