"""Network loss surfaces: exact slices, true path losses, JSON-ready headers, interpolation."""
from __future__ import annotations

import json

import numpy as np
import pytest

from engine.landscape import fixed_subset, interpolate, loss_surface
from engine.landscape.directions import random_plane
from engine.network import Network


def grid_brute(brute, net, x, t, surface, center):
    d1, d2 = surface.directions
    return np.array([[brute(net, x, t, center + a * d1 + b * d2) for a in surface.alphas]
                     for b in surface.betas])


@pytest.mark.parametrize("plane", ["pca", "random", "weights"])
def test_every_plane_equals_brute_force_and_passes_through_the_current_point(plane, small_problem, brute):
    net, x, t, trajectory = small_problem
    center = net.get_flat()
    params = [{"layer": 0, "index": [2, 1]}, {"layer": 2, "index": [0]}]
    s = loss_surface(net, x, t, plane, resolution=7, span=0.8, trajectory=trajectory, params=params)
    assert s.values.shape == (7, 7) and s.alphas[3] == 0 and s.betas[3] == 0
    np.testing.assert_allclose(s.values, grid_brute(brute, net, x, t, s, center), rtol=1e-6)
    assert s.center_loss == pytest.approx(brute(net, x, t, center), rel=1e-12)
    assert s.values[3, 3] == pytest.approx(s.center_loss, rel=1e-6)
    np.testing.assert_allclose(s.path_loss, [brute(net, x, t, th) for th in trajectory], rtol=1e-12)
    d1, d2 = s.directions
    on_plane = [brute(net, x, t, center + a * d1 + b * d2) for a, b in s.path]
    np.testing.assert_allclose(s.path_surface_loss, on_plane, rtol=1e-10)


def test_weights_plane_is_the_exact_slice_over_two_weights(small_problem, brute):
    net, x, t, _ = small_problem
    s = loss_surface(net, x, t, "weights", resolution=5, span=2.0,
                     params=[{"layer": 0, "index": [4, 0]}, {"layer": 1, "index": [1, 3]}])
    twin = net.copy()
    w1, w2 = twin.dense[0].params["W"], twin.dense[1].params["W"]
    base1, base2 = w1[4, 0], w2[1, 3]
    w1[4, 0], w2[1, 3] = base1 + s.alphas[1], base2 + s.betas[4]
    assert s.values[4, 1] == pytest.approx(twin.loss.value(twin.forward(x), t), rel=1e-6)
    np.testing.assert_allclose(s.alphas, [-2, -1, 0, 1, 2])


def test_pca_plane_reports_variance_and_frames_the_path(small_problem):
    net, x, t, trajectory = small_problem
    s = loss_surface(net, x, t, "pca", resolution=9, trajectory=trajectory)
    assert len(s.explained_variance) == 2 and 0 < s.explained_variance[1] <= s.explained_variance[0]
    assert sum(s.explained_variance) <= 1 + 1e-12
    np.testing.assert_allclose(s.path[-1], [0, 0], atol=1e-12)
    assert np.abs(s.path).max() < s.alphas[-1], "the whole path lies inside the grid"


@pytest.mark.parametrize("points", [1, 2])
def test_pca_plane_works_early_in_training(points, small_problem, brute):
    net, x, t, trajectory = small_problem
    early = trajectory[:points]
    s = loss_surface(net, x, t, "pca", resolution=5, trajectory=early, center=early[-1])
    assert np.isfinite(s.values).all() and len(s.path) == points
    assert s.center_loss == pytest.approx(brute(net, x, t, early[-1]))
    d1, d2 = s.directions
    assert np.linalg.norm(d1) == pytest.approx(1) and np.linalg.norm(d2) == pytest.approx(1)
    assert abs(d1 @ d2) < 1e-9


def test_random_plane_uses_the_seed(small_problem):
    net, x, t, _ = small_problem
    s = loss_surface(net, x, t, "random", resolution=3, seed=5)
    np.testing.assert_array_equal(s.directions[0], random_plane(net, net.get_flat(), 5)[0])
    assert s.explained_variance is None and len(s.path) == 0


def test_header_is_strict_json_and_flags_non_finite_values(small_problem):
    net, x, t, trajectory = small_problem
    header = loss_surface(net, x, t, "pca", resolution=3, trajectory=trajectory).header()
    json.dumps(header, allow_nan=False)
    assert header["type"] == "surface" and not header["nonfinite"]
    assert len(header["path"]) == len(header["path_loss"]) == len(header["path_surface_loss"]) == 8


def test_overflowing_losses_become_null_with_a_flag():
    rng = np.random.default_rng(0)
    net = Network.mlp([6, 5, 3], activation="identity", output="identity", loss="sse")
    net.set_flat(net.get_flat() * 1e20)
    x, t = rng.standard_normal((4, 6)).astype(np.float32), rng.standard_normal((4, 3))
    s = loss_surface(net, x, t, "random", resolution=3, trajectory=[net.get_flat()])
    header = s.header()
    json.dumps(header, allow_nan=False)
    assert header["nonfinite"] and header["center_loss"] is None and header["path_loss"] == [None]
    assert not np.isfinite(s.values).all()


def test_surface_loss_uses_a_fixed_seeded_subset(small_problem):
    net, x, t, _ = small_problem
    xs, ts = fixed_subset(x, t, 10, seed=1)
    again = fixed_subset(x, t, 10, seed=1)
    assert len(xs) == 10 and np.array_equal(xs, again[0]) and np.array_equal(ts, again[1])
    s = loss_surface(net, x, t, "random", resolution=3, n_examples=10, data_seed=1)
    direct = loss_surface(net, xs, ts, "random", resolution=3, n_examples=10)
    np.testing.assert_array_equal(s.values, direct.values)
    assert s.n_examples == 10


def test_interpolation_runs_between_two_parameter_vectors(small_problem, brute):
    net, x, t, trajectory = small_problem
    line = interpolate(net, x, t, trajectory[0], trajectory[-1], n=9, lo=-0.5, hi=1.5)
    assert line["a"][2] == 0 and line["a"][6] == 1
    assert line["loss_a"] == pytest.approx(brute(net, x, t, trajectory[0]))
    assert line["loss_b"] == pytest.approx(brute(net, x, t, trajectory[-1]))
    want = [brute(net, x, t, (1 - a) * trajectory[0] + a * trajectory[-1]) for a in line["a"]]
    np.testing.assert_allclose(line["values"], want, rtol=1e-10)


@pytest.mark.parametrize("kwargs, message", [
    ({"plane": "pca"}, "trajectory"),
    ({"plane": "weights"}, "params"),
    ({"plane": "weights", "params": ["W1", "W2"]}, "params"),
    ({"plane": "weights", "params": [{"layer": 0, "index": [0, 0]}] * 2}, "different"),
    ({"plane": "sideways"}, "unknown plane"),
    ({"plane": "random", "resolution": 1}, "resolution"),
    ({"plane": "random", "span": 0}, "span"),
])
def test_bad_surface_requests_are_named(kwargs, message, small_problem):
    net, x, t, _ = small_problem
    with pytest.raises(ValueError, match=message):
        loss_surface(net, x, t, **kwargs)


def test_a_memo_evaluates_each_path_point_once_with_the_same_losses(small_problem, brute, monkeypatch):
    from engine.landscape import LossMemo, evaluate

    net, x, t, trajectory = small_problem
    plain = loss_surface(net, x, t, "random", resolution=5, trajectory=trajectory)
    evaluated = []
    real = evaluate.forward_losses
    monkeypatch.setattr(evaluate, "forward_losses", lambda n, xs, ts, thetas: evaluated.append(len(thetas)) or real(n, xs, ts, thetas))
    memo = LossMemo()
    first = loss_surface(net, x, t, "random", resolution=5, trajectory=trajectory[:3], memo=memo)
    grown = loss_surface(net, x, t, "random", resolution=5, trajectory=trajectory, memo=memo)
    assert evaluated == [3, len(trajectory) - 3], "a point already evaluated is not evaluated again"
    np.testing.assert_array_equal(grown.path_loss, plain.path_loss)
    np.testing.assert_array_equal(first.path_loss, plain.path_loss[:3])
    other = loss_surface(net, x, t, "random", resolution=5, trajectory=trajectory, memo=memo, n_examples=len(x) // 2)
    assert evaluated[-1] == len(trajectory), "another example subset is a different question"
    np.testing.assert_allclose(other.path_loss, [brute(net, *fixed_subset(x, t, len(x) // 2, 0), th) for th in trajectory],
                               rtol=1e-12)


def test_a_memo_keeps_at_most_its_limit(small_problem):
    from engine.landscape import LossMemo

    net, x, t, trajectory = small_problem
    memo = LossMemo(limit=2)
    losses = memo.losses(net, x, t, trajectory[:4])
    assert len(memo.values) == 2
    np.testing.assert_array_equal(memo.losses(net, x, t, trajectory[:4]), losses)
