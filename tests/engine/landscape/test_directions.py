"""Plane directions: filter normalisation, PCA of a trajectory, projection, chosen weights."""
from __future__ import annotations

import numpy as np
import pytest

from engine.landscape import filter_normalized, pca_plane, project, random_plane, weight_direction
from engine.landscape.evaluate import unflatten
from engine.network import Network


@pytest.fixture
def net():
    return Network.mlp([20, 8, 6, 3], activation="relu", init="he_normal", seed=4, dtype=np.float64)


def test_filter_normalisation_matches_each_weight_column_and_zeroes_biases(net):
    center = net.get_flat()
    direction = filter_normalized(net, center, np.random.default_rng(0))
    for (w, b), (dw, db) in zip(unflatten(net, center), unflatten(net, direction)):
        np.testing.assert_allclose(np.linalg.norm(dw, axis=0), np.linalg.norm(w, axis=0), rtol=1e-12)
        np.testing.assert_array_equal(db, 0)
        assert not np.allclose(dw, w)


def test_random_plane_is_reproducible_from_its_seed(net):
    center = net.get_flat()
    a1, a2 = random_plane(net, center, seed=7)
    b1, b2 = random_plane(net, center, seed=7)
    c1, _ = random_plane(net, center, seed=8)
    np.testing.assert_array_equal(a1, b1)
    np.testing.assert_array_equal(a2, b2)
    assert not np.allclose(a1, a2) and not np.allclose(a1, c1)


def test_pca_of_a_straight_line_puts_all_variance_on_axis_one():
    rng = np.random.default_rng(0)
    start, step = rng.standard_normal(500), rng.standard_normal(500)
    trajectory = np.array([start + k * step for k in range(30)])
    d1, d2, ratios = pca_plane(trajectory, trajectory[-1])
    assert ratios[0] == pytest.approx(1.0, abs=1e-9) and ratios[1] == pytest.approx(0.0, abs=1e-9)
    assert abs(d1 @ step) / np.linalg.norm(step) == pytest.approx(1.0, abs=1e-9)


def test_pca_recovers_a_curved_path_in_a_plane():
    rng = np.random.default_rng(1)
    u, v = np.linalg.qr(rng.standard_normal((300, 2)))[0].T
    s = np.linspace(0, 1, 40)
    trajectory = np.outer(3 * (1 - s), u) + np.outer(np.sin(3 * s), v) + 1.0
    d1, d2, ratios = pca_plane(trajectory, trajectory[-1])
    assert sum(ratios) == pytest.approx(1.0) and ratios[0] > ratios[1] > 0.01
    coords = project(trajectory, trajectory[-1], d1, d2)
    rebuilt = trajectory[-1] + coords @ np.stack([d1, d2])
    np.testing.assert_allclose(rebuilt, trajectory, atol=1e-9)
    np.testing.assert_allclose(coords[-1], [0, 0], atol=1e-12)


def test_pca_works_on_a_partial_trajectory():
    trajectory = np.array([[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]])
    d1, d2, ratios = pca_plane(trajectory, trajectory[-1])
    assert ratios == [1.0, 0.0] and not d2.any()
    only_reference = pca_plane(trajectory[1:], trajectory[-1])
    assert only_reference[2] == [0.0, 0.0]


def test_weight_direction_points_at_one_named_parameter(net):
    d = weight_direction(net, 1, [3, 5])
    parts = unflatten(net, d)
    assert parts[1][0][3, 5] == 1 and d.sum() == 1
    assert unflatten(net, weight_direction(net, 2, [1], param="b"))[2][1][1] == 1
    np.testing.assert_array_equal(weight_direction(net, 2, [1]), weight_direction(net, 2, [1], "b"))
    for layer, index in [(3, [0, 0]), (0, [20, 0]), (0, [0, 8]), (0, [9]), (0, ["a", 1]), (0, [1, 2, 3])]:
        with pytest.raises(ValueError, match="layer|index"):
            weight_direction(net, layer, index)
