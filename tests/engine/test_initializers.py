"""Initializers draw with the documented spread, reproducibly; zeros shows the symmetry problem."""
import numpy as np
import pytest

from engine import initializers, optimizers
from engine.network import Network

SHAPE = (400, 300)


@pytest.mark.parametrize("name,std", [
    ("normal", 0.01),
    ("xavier_normal", np.sqrt(1 / 400)),
    ("xavier_uniform", np.sqrt(2 / 700)),
    ("he_normal", np.sqrt(2 / 400)),
    ("he_uniform", np.sqrt(2 / 400)),
])
def test_spread_matches_formula(name, std):
    w = initializers.initialize(name, SHAPE, np.random.default_rng(1))
    assert w.shape == SHAPE and w.dtype == np.float32
    assert abs(w.mean()) < 0.02 * std * 10
    assert w.std() == pytest.approx(std, rel=0.02)


def test_normal_honours_a_custom_std():
    w = initializers.initialize("normal", SHAPE, np.random.default_rng(2), std=1.0)
    assert w.std() == pytest.approx(1.0, rel=0.02)


def test_uniform_stays_inside_its_bound():
    w = initializers.initialize("he_uniform", SHAPE, np.random.default_rng(3))
    assert np.abs(w).max() <= np.sqrt(6 / 400)


def test_same_seed_same_weights_other_seed_differs():
    a = Network.mlp([6, 5, 3], seed=4)
    b = Network.mlp([6, 5, 3], seed=4)
    c = Network.mlp([6, 5, 3], seed=5)
    assert np.array_equal(a.get_flat(), b.get_flat())
    assert not np.array_equal(a.get_flat(), c.get_flat())


def test_aliases_resolve_to_the_normal_variants():
    assert initializers.canonical("xavier") == "xavier_normal"
    assert initializers.canonical("he") == "he_normal"
    rng_a, rng_b = np.random.default_rng(6), np.random.default_rng(6)
    assert np.array_equal(initializers.initialize("he", SHAPE, rng_a),
                          initializers.initialize("he_normal", SHAPE, rng_b))
    with pytest.raises(ValueError, match="unknown initializer"):
        initializers.canonical("lecun")


@pytest.mark.parametrize("init", ["zeros", "constant"])
def test_symmetric_init_keeps_hidden_neurons_identical(init):
    net = Network.mlp([3, 4, 2], "sigmoid", init=init)
    rng = np.random.default_rng(7)
    x = rng.standard_normal((16, 3))
    y = (x[:, 0] > 0.8).astype(int)  # unbalanced, so the output layer must move
    opt = optimizers.create("sgd", lr=0.5)
    for _ in range(20):
        net.loss_and_grads(x.astype(np.float32), y)
        opt.step(net.params, net.grads)
    w1, w2 = net.params[0], net.params[2]
    assert np.allclose(w1, w1[:, :1]) and np.allclose(w2, w2[:1, :])
    assert not np.allclose(net.params[3], 0)


def test_random_init_breaks_symmetry():
    w1 = Network.mlp([3, 4, 2], "sigmoid", init="xavier").params[0]
    assert not np.allclose(w1, w1[:, :1])
