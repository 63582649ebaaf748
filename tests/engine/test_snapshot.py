"""Snapshot pieces: histograms, activation statistics and norms agree with their plain definitions."""
import numpy as np
import pytest

from engine.network import Network
from engine.snapshot import activation_stats, grad_norms, histogram, update_ratios


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_histogram_matches_numpy_up_to_edge_rounding(dtype):
    rng = np.random.default_rng(0)
    for _ in range(50):
        v = (rng.standard_normal(int(rng.integers(1, 3000))) * 10 ** rng.uniform(-4, 4)).astype(dtype)
        h = histogram(v)
        ref, edges = np.histogram(v.astype(np.float64), bins=30, range=(h["edges"][0], h["edges"][-1]))
        assert sum(h["counts"]) == v.size and len(h["counts"]) == 30
        assert np.abs(np.array(h["counts"]) - ref).sum() <= 2
        np.testing.assert_allclose(h["edges"], edges, rtol=1e-12, atol=1e-300)


def test_histogram_puts_the_maximum_in_the_last_bin_and_a_constant_in_the_middle():
    assert histogram(np.array([0.0, 1.0, 2.0, 3.0]), bins=3)["counts"] == [1, 1, 2]
    flat = histogram(np.full(7, 2.0, np.float32))
    assert flat["counts"][15] == 7 and flat["edges"][0] == 1.5 and flat["edges"][-1] == 2.5
    huge = histogram(np.full(3, 1e20))
    assert sum(huge["counts"]) == 3 and huge["edges"][0] < 1e20 < huge["edges"][-1]


def test_chunked_probe_forward_equals_the_whole_batch():
    net = Network.mlp([12, 7, 5, 3], "tanh", seed=2)
    x = np.random.default_rng(1).standard_normal((50, 12)).astype(np.float32)
    whole, chunked = net.activations(x), net.activations(x, batch=16)
    for a, b in zip(whole, chunked):
        np.testing.assert_allclose(a["pre"], b["pre"], rtol=1e-6, atol=1e-6)
        np.testing.assert_allclose(a["post"], b["post"], rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
def test_activation_stats_follow_their_definitions(activation):
    net = Network.mlp([10, 8, 6, 4], activation, init="normal", init_std=1.0, seed=3)
    x = np.random.default_rng(4).standard_normal((40, 10)).astype(np.float32)
    stats, hists = activation_stats(net, x, batch=16)
    for s, h, layer, i in zip(stats, hists, net.activations(x), range(3)):
        a = layer["post"]
        assert s["mean"] == pytest.approx(a.mean(), abs=1e-6)
        assert s["std"] == pytest.approx(a.std(), abs=1e-6)
        assert s["zero"] == pytest.approx(np.mean(a == 0))
        assert s["dead"] == sum(np.all(a[:, j] == 0) for j in range(a.shape[1]))
        if activation == "sigmoid" or i == 2:   # the output is softmax
            flat = np.mean((a < 0.02) | (a > 0.98))
        else:
            flat = np.mean(np.abs(a) > 0.96) if activation == "tanh" else 0.0
        assert s["saturated"] == pytest.approx(flat)
        assert sum(h["activations"]["counts"]) == a.size
        assert sum(h["weights"]["counts"]) == net.dense[i].params["W"].size
        if activation in ("sigmoid", "tanh") and i == 0:   # std 1 weights: into the flat ends
            assert s["saturated"] > 0.1


def test_a_dead_relu_is_a_unit_silent_for_every_example_not_a_share_of_zeros():
    net = Network.mlp([5, 4, 2], "relu", init="he_normal", seed=0, dtype=np.float64)
    net.dense[0].params["b"][:] = [0.0, 0.0, -100.0, 0.0]   # unit 2 can never fire
    x = np.random.default_rng(1).standard_normal((64, 5))
    stats, _ = activation_stats(net, x)
    assert stats[0]["dead"] == 1
    assert 0.3 < stats[0]["zero"] < 0.75   # ~half the others' values are 0 as well: normal for ReLU
    net.dense[0].params["b"][2] = 0.0
    assert activation_stats(net, x)[0][0]["dead"] == 0


def test_norms_and_update_ratios_per_layer():
    net = Network.mlp([5, 4, 3], seed=1, dtype=np.float64)
    rng = np.random.default_rng(0)
    net.loss_and_grads(rng.standard_normal((6, 5)), np.eye(3)[rng.integers(0, 3, 6)])
    before = net.get_flat()
    assert grad_norms(net) == pytest.approx(
        [np.sqrt(np.sum(net.grads[0] ** 2) + np.sum(net.grads[1] ** 2)),
         np.sqrt(np.sum(net.grads[2] ** 2) + np.sum(net.grads[3] ** 2))])
    for p in net.params:
        p += 0.01
    ratios = update_ratios(net, before)
    for i, r in enumerate(ratios):
        w, b = net.params[2 * i], net.params[2 * i + 1]
        assert r == pytest.approx(0.01 * np.sqrt(w.size + b.size) / np.sqrt(np.sum(w ** 2) + np.sum(b ** 2)))
