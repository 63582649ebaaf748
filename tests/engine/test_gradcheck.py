"""Backprop agrees with central differences for every activation × loss/output pairing."""
import numpy as np
import pytest

from engine.gradcheck import check_input, check_network, numeric_grad, relative_error
from engine.network import Network

SMOOTH = ["sigmoid", "tanh", "elu", "identity"]
PAIRINGS = [("sse", "identity"), ("sse", "sigmoid"), ("sse", "softmax"),
            ("mse", "identity"), ("mse", "sigmoid"), ("mse", "softmax"),
            ("cross_entropy", "softmax"), ("binary_cross_entropy", "sigmoid"),
            ("kl_divergence", "softmax")]


def _floored_errors(net, x, t):
    """Per parameter: max |a − n| / max(|a|, |n|, 1e-3·max|n|), so float noise on near-zero entries is not an error."""
    net.loss_and_grads(x, t)
    analytic = [g.copy() for g in net.grads]
    f = lambda: net.loss.value(net.forward(x), t)  # noqa: E731
    out = {}
    for name, p, a in zip(net.param_names, net.params, analytic):
        n = numeric_grad(f, p)
        floor = max(1e-3 * float(np.abs(n).max()), 1e-12)
        out[name] = float(np.max(np.abs(a - n) / np.maximum(np.maximum(np.abs(a), np.abs(n)), floor)))
    return out


def _problem(activation, loss, output, seed):
    """A small float64 net with random sizes, inputs (n, d) and matching targets."""
    rng = np.random.default_rng(seed)
    n, d, h, k = (int(v) for v in rng.integers(2, 5, size=4))
    net = Network.mlp([d, h, h + 1, k], activation, output, loss, seed=seed, dtype=np.float64)
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


@pytest.mark.parametrize("loss,output", PAIRINGS)
@pytest.mark.parametrize("activation", SMOOTH)
def test_smooth_activations_match_finite_differences(activation, loss, output):
    net, x, t = _problem(activation, loss, output, seed=len(activation) * 7 + len(loss))
    errors = check_network(net, x, t)
    assert set(errors) == {"W1", "b1", "W2", "b2", "W3", "b3"}
    assert max(errors.values()) < 1e-5, errors
    floored = _floored_errors(net, x, t)
    assert max(floored.values()) < 1e-6, floored


@pytest.mark.parametrize("activation", ["relu", "leaky_relu"])
@pytest.mark.parametrize("loss,output", [("cross_entropy", "softmax"), ("sse", "identity")])
def test_piecewise_linear_activations_match_away_from_kinks(activation, loss, output):
    net, x, t = _problem(activation, loss, output, seed=3)
    assert max(check_network(net, x, t).values()) < 1e-4


@pytest.mark.parametrize("loss,output", [("cross_entropy", "softmax"), ("sse", "sigmoid")])
def test_gradient_reaching_the_pixels_matches(loss, output):
    net, x, t = _problem("tanh", loss, output, seed=11)
    assert check_input(net, x, t) < 1e-6


def test_saliency_is_derivative_of_the_class_logit():
    net, x, _ = _problem("sigmoid", "cross_entropy", "softmax", seed=5)
    image = x[0].copy()
    sal = net.saliency(image, cls=1)
    numeric = numeric_grad(lambda: float(net.forward(image[None])[0, 1]), image)
    assert sal.shape == image.shape
    assert relative_error(sal, numeric) < 1e-6


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
    assert errors["W1"] > 1e-3 and errors["W2"] < 1e-6
