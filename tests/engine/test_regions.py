"""Decision regions: the grid covers the view top row first, and each cell holds the network's own answer."""
import numpy as np
import pytest

from engine.network import Network
from engine.regions import LARGEST_GRID, SMALLEST_GRID, classify, decision_regions, grid, grid_size


def test_the_grid_holds_cell_centres_with_the_top_row_first():
    g = grid((-1, 1, 0, 4), 4).reshape(4, 4, 2)
    np.testing.assert_allclose(g[0, :, 0], [-0.75, -0.25, 0.25, 0.75])
    np.testing.assert_allclose(g[:, 0, 1], [3.5, 2.5, 1.5, 0.5])   # row 0 is the top of the picture


def test_one_output_unit_says_class_one_above_a_half_with_its_confidence():
    cls, conf = classify(np.array([[0.9], [0.2], [0.5]]))
    assert cls.tolist() == [1, 0, 0]
    np.testing.assert_allclose(conf, [0.9, 0.8, 0.5])
    cls, conf = classify(np.array([[0.1, 0.7, 0.2], [0.6, 0.3, 0.1]]))
    assert cls.tolist() == [1, 0]
    np.testing.assert_allclose(conf, [0.7, 0.6])


@pytest.mark.parametrize("sizes,output,loss", [([2, 6, 3], "softmax", "cross_entropy"),
                                               ([2, 5, 5, 1], "sigmoid", "binary_cross_entropy"),
                                               ([2, 4, 2], "identity", "mse")])
def test_each_cell_is_what_the_network_predicts_there(sizes, output, loss):
    net = Network.mlp(sizes, "tanh", output, loss, init="normal", init_std=1.5, seed=4)
    view = (-1.5, 1.5, -1.0, 2.0)
    r = decision_regions(net, view, 20)
    assert r["size"] == 20 and r["view"] == list(view)
    points = grid(view, 20).astype(np.float32)
    np.testing.assert_array_equal(r["classes"].ravel(), net.predict(points))
    y = net.predict_proba(points)
    expected = y.max(axis=1) if y.shape[1] > 1 else np.where(y[:, 0] > 0.5, y[:, 0], 1 - y[:, 0])
    np.testing.assert_allclose(r["confidence"].ravel(), expected, rtol=1e-6)
    assert len(np.unique(r["classes"])) > 1, "the picture shows a boundary"


def test_large_networks_get_a_coarser_grid_and_only_two_inputs_have_regions():
    assert grid_size(Network.mlp([2, 8, 8, 2])) == LARGEST_GRID
    assert grid_size(Network.mlp([2, 512, 512, 2])) == SMALLEST_GRID
    assert SMALLEST_GRID < grid_size(Network.mlp([2, 100, 100, 2])) < LARGEST_GRID
    with pytest.raises(ValueError):
        decision_regions(Network.mlp([3, 2]), (0, 1, 0, 1))
