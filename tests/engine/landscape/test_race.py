"""Optimizer races: real optimizer steps, recorded state, divergence flags, reproducibility."""
from __future__ import annotations

import json

import numpy as np
import pytest

from engine.landscape import get, race

SIX = [{"name": "sgd", "lr": 0.95}, {"name": "momentum", "lr": 0.1, "label": "Momentum"},
       {"name": "nesterov", "lr": 0.1}, {"name": "adagrad", "lr": 1.5},
       {"name": "rmsprop", "lr": 0.1}, {"name": "adam", "lr": 0.3}]


def test_sgd_path_is_plain_gradient_descent():
    fn = get("bowl")
    result = race("bowl", start=(-7, 2), steps=30, optimizers=[{"name": "sgd", "lr": 0.95}])
    path = result["paths"][0]
    pos = np.array([-7.0, 2.0])
    for i in range(1, 31):
        pos = pos - 0.95 * np.array(fn.grad(*pos))
        np.testing.assert_allclose(path["points"][i], pos, rtol=1e-12)
    assert len(path["points"]) == len(path["values"]) == len(path["grads"]) == 31
    assert path["values"][-1] < path["values"][0] and not path["diverged"]


def test_momentum_state_is_the_velocity_behind_each_point():
    path = race("bowl", steps=10, optimizers=[{"name": "momentum", "lr": 0.1}])["paths"][0]
    velocity = np.array(path["state"]["momentum_buffer"])
    points = np.array(path["points"])
    assert velocity.shape == points.shape
    np.testing.assert_array_equal(velocity[0], [0, 0])
    np.testing.assert_allclose(points[1:] - points[:-1], -0.1 * velocity[1:], rtol=1e-9)


def test_adam_exposes_both_averages():
    spec = {"name": "adam", "lr": 0.05, "betas": [0.8, 0.99]}
    path = race("beale", start=[1, 4], steps=5, optimizers=[spec])["paths"][0]
    assert set(path["state"]) == {"exp_avg", "exp_avg_sq"}
    g0 = np.array(path["grads"][0])
    np.testing.assert_allclose(path["state"]["exp_avg"][1], 0.2 * g0)
    np.testing.assert_allclose(path["state"]["exp_avg_sq"][1], 0.01 * g0 * g0)
    assert path["config"]["betas"] == [0.8, 0.99]


def test_divergence_stops_only_that_racer_with_finite_numbers():
    result = race("bowl", steps=200, optimizers=[{"name": "sgd", "lr": 1.5, "label": "too big"},
                                                 {"name": "sgd", "lr": 0.5}])
    wild, calm = result["paths"]
    assert wild["diverged"] and wild["diverged_at"] < 200 and len(wild["points"]) == wild["diverged_at"]
    assert not calm["diverged"] and len(calm["points"]) == 201
    json.dumps(result, allow_nan=False)


def test_race_is_reproducible_from_its_inputs():
    first = race("rosenbrock", start=[-1.2, 1], steps=50, optimizers=SIX)
    again = race("rosenbrock", start=[-1.2, 1], steps=50, optimizers=SIX)
    assert json.dumps(first) == json.dumps(again)
    assert [p["label"] for p in first["paths"]][:2] == ["sgd", "Momentum"]


def test_learning_rate_lesson_on_the_one_weight_curve():
    curve = get("curve")
    (w_global, _), (w_local, _) = sorted(curve.minima, key=lambda m: m[1])
    specs = [{"name": "sgd", "lr": lr, "label": name} for name, lr in curve.lessons.items()]
    paths = {p["label"]: p for p in race(curve, optimizers=specs)["paths"]}
    end = {name: p["points"][-1][0] for name, p in paths.items()}
    assert abs(end["too_small"] - w_local) > 0.2, "too small: still creeping after 50 steps"
    assert end["right"] == pytest.approx(w_local, abs=1e-3), "right: settles, in the local minimum"
    assert end["overshoot"] == pytest.approx(w_global, abs=1e-3), "big steps can jump to the global one"
    assert paths["too_large"]["diverged"], "too large: blows up"


@pytest.mark.parametrize("kwargs, message", [
    ({"optimizers": []}, "at least one"),
    ({"optimizers": [{"lr": 0.1}]}, "name"),
    ({"optimizers": [{"name": "sgd", "lr": -1}]}, "lr"),
    ({"optimizers": [{"name": "lion", "lr": 0.1}]}, "unknown optimizer"),
    ({"optimizers": SIX, "steps": 0}, "steps"),
    ({"optimizers": SIX, "start": [1, 2, 3]}, "start"),
    ({"optimizers": SIX, "start": [float("nan"), 0]}, "start"),
])
def test_bad_race_input_is_named(kwargs, message):
    with pytest.raises(ValueError, match=message):
        race("bowl", **kwargs)


def test_a_racer_may_start_from_its_own_point_and_four_starts_find_four_minima():
    starts = [[4, 4], [-4, 4], [-4, -4], [4, -4]]
    result = race("himmelblau", steps=100,
                  optimizers=[{"name": "sgd", "lr": 0.01, "start": s} for s in starts])
    minima = np.array(get("himmelblau").minima)[:, :2]
    ends = np.array([p["points"][-1] for p in result["paths"]])
    assert [p["start"] for p in result["paths"]] == starts
    nearest = [int(np.argmin(np.linalg.norm(minima - e, axis=1))) for e in ends]
    assert sorted(nearest) == [0, 1, 2, 3]
    assert np.linalg.norm(minima[nearest] - ends, axis=1).max() < 1e-3


def test_a_bad_own_start_names_the_racer():
    with pytest.raises(ValueError, match=r"optimizers\.1\.start must be 2 finite numbers"):
        race("bowl", optimizers=[{"name": "sgd", "lr": 0.1}, {"name": "adam", "lr": 0.1, "start": [1]}])
