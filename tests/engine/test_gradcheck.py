"""Backprop agrees with central differences for every activation × loss/output pairing and every layer.

The relative error is per parameter array, ‖a − n‖ / max(‖a‖, ‖n‖) (engine/gradcheck.py says why);
the issue's bar is < 1e-6 in float64 on randomized shapes under a fixed seed.
"""
import numpy as np
import pytest

from engine import activations
from engine.gradcheck import (check_input, check_layer, check_network, elementwise_error,
                              numeric_grad, relative_error)
from engine.layers import Dense
from engine.network import Network

TOL = 1e-6
SMOOTH = ["sigmoid", "tanh", "elu", "identity"]
PAIRINGS = [("sse", "identity"), ("sse", "sigmoid"), ("sse", "softmax"),
            ("mse", "identity"), ("mse", "sigmoid"), ("mse", "softmax"),
            ("cross_entropy", "softmax"), ("binary_cross_entropy", "sigmoid"),
            ("kl_divergence", "softmax")]


def _problem(activation, loss, output, seed):
    """A small float64 net with random sizes and depth, inputs (n, d) and matching targets."""
    rng = np.random.default_rng(seed)
    n, d, k = (int(v) for v in rng.integers(2, 6, size=3))
    hidden = [int(v) for v in rng.integers(2, 7, size=int(rng.integers(1, 4)))]
    net = Network.mlp([d, *hidden, k], activation, output, loss, seed=seed, dtype=np.float64)
    x = rng.standard_normal((n, d))
    if loss == "kl_divergence":
        t = rng.dirichlet(np.ones(k), size=n)
    elif loss == "binary_cross_entropy" or output == "sigmoid":
        t = rng.uniform(0, 1, (n, k))
    elif output == "softmax":
        t = np.eye(k)[rng.integers(0, k, n)]
    else:
        t = rng.standard_normal((n, k))
    return net, x, t


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("loss,output", PAIRINGS)
@pytest.mark.parametrize("activation", SMOOTH)
def test_smooth_activations_match_finite_differences(activation, loss, output, seed):
    net, x, t = _problem(activation, loss, output, seed=100 * seed + len(activation) * 7 + len(loss))
    errors = check_network(net, x, t)
    assert set(errors) == set(net.param_names)
    assert max(errors.values()) < TOL, errors


def _away_from_kinks(rng, shape):
    """Standard normal values pushed at least 0.1 away from 0 (ReLU's kink)."""
    z = rng.standard_normal(shape)
    return z + np.where(z >= 0, 0.1, -0.1)


@pytest.mark.parametrize("name", sorted(activations.ACTIVATIONS))
def test_every_activation_layer_matches_finite_differences(name):
    rng = np.random.default_rng(len(name))
    for _ in range(3):
        shape = tuple(int(v) for v in rng.integers(1, 7, size=2))
        layer = activations.create(name)
        errors = check_layer(layer, _away_from_kinks(rng, shape), rng.standard_normal(shape))
        assert errors["x"] < TOL, (name, shape, errors)


def test_dense_layer_matches_finite_differences():
    rng = np.random.default_rng(7)
    for _ in range(5):
        n, n_in, n_out = (int(v) for v in rng.integers(1, 8, size=3))
        layer = Dense(n_in, n_out, "he_normal", rng, np.float64)
        layer.params["b"][...] = rng.standard_normal(n_out)
        errors = check_layer(layer, rng.standard_normal((n, n_in)), rng.standard_normal((n, n_out)))
        assert set(errors) == {"x", "W", "b"} and max(errors.values()) < TOL, errors


@pytest.mark.parametrize("activation", ["relu", "leaky_relu"])
@pytest.mark.parametrize("loss,output", [("cross_entropy", "softmax"), ("sse", "identity")])
def test_piecewise_linear_activations_match_away_from_kinks(activation, loss, output):
    net, x, t = _problem(activation, loss, output, seed=3)
    assert max(check_network(net, x, t).values()) < 1e-4


@pytest.mark.parametrize("loss,output", [("cross_entropy", "softmax"), ("sse", "sigmoid")])
def test_gradient_reaching_the_pixels_matches(loss, output):
    net, x, t = _problem("tanh", loss, output, seed=11)
    assert check_input(net, x, t) < TOL


def test_relative_error_is_the_norm_ratio_per_array():
    a, n = np.array([3.0, 0.0, 4.0]), np.array([3.0, 1e-9, 4.0])
    assert relative_error(a, n) == pytest.approx(1e-9 / np.linalg.norm(n))
    assert elementwise_error(a, n) == pytest.approx(1.0)   # the near-zero entry alone
    assert relative_error(np.zeros(3), np.zeros(3)) == 0.0
    assert relative_error(a, -a) == pytest.approx(2.0)


def test_saliency_is_derivative_of_the_class_logit():
    net, x, _ = _problem("sigmoid", "cross_entropy", "softmax", seed=5)
    image = x[0].copy()
    sal = net.saliency(image, cls=1)
    numeric = numeric_grad(lambda: float(net.forward(image[None])[0, 1]), image)
    assert sal.shape == image.shape
    assert relative_error(sal, numeric) < TOL


def test_saliency_leaves_training_gradients_untouched():
    net, x, t = _problem("tanh", "cross_entropy", "softmax", seed=6)
    net.loss_and_grads(x, t)
    before = [g.copy() for g in net.grads]
    net.saliency(x, cls=0)
    assert all(np.array_equal(a, b) for a, b in zip(before, net.grads))


def test_gradcheck_catches_a_wrong_gradient():
    net, x, t = _problem("tanh", "cross_entropy", "softmax", seed=8)
    dense = net.dense[0]
    real_backward = dense.backward
    dense.backward = lambda g, *a, **k: (real_backward(g, *a, **k), dense.grads["W"].__imul__(1.01))[0]
    errors = check_network(net, x, t)
    assert errors["W1"] > 1e-3 and errors["W2"] < TOL
