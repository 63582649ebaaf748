"""Dense layer shapes and gradients; losses hand back (y − t)/n and accept integer labels."""
import numpy as np
import pytest

from engine import losses
from engine.layers import Dense


def test_dense_forward_and_backward_shapes_and_values():
    rng = np.random.default_rng(0)
    layer = Dense(4, 3, rng=rng, dtype=np.float64)
    x, g = rng.standard_normal((5, 4)), rng.standard_normal((5, 3))
    kept = g.copy()
    np.testing.assert_allclose(layer.forward(x), x @ layer.params["W"] + layer.params["b"])
    dx = layer.backward(g)
    assert dx.shape == (5, 4) and np.array_equal(g, kept)
    np.testing.assert_allclose(layer.grads["W"], x.T @ kept)
    np.testing.assert_allclose(layer.grads["b"], kept.sum(axis=0))
    np.testing.assert_allclose(dx, kept @ layer.params["W"].T)


@pytest.mark.parametrize("loss,output", [("sse", "identity"), ("cross_entropy", "softmax")])
def test_paired_losses_send_back_y_minus_t_over_n(loss, output):
    rng = np.random.default_rng(1)
    z = rng.standard_normal((6, 4))
    t = np.eye(4)[rng.integers(0, 4, 6)]
    fn = losses.create(loss, output)
    y = fn.out.f(z)
    np.testing.assert_allclose(fn.grad(z, t), (y - t) / 6, rtol=1e-12)


@pytest.mark.parametrize("loss", ["sse", "mse", "cross_entropy", "kl_divergence"])
def test_integer_labels_equal_one_hot_targets(loss):
    rng = np.random.default_rng(2)
    z, labels = rng.standard_normal((5, 3)), np.array([0, 2, 1, 2, 0])
    fn = losses.create(loss, "softmax")
    v1, g1 = fn.value_and_grad(z, labels)
    v2, g2 = fn.value_and_grad(z, np.eye(3)[labels])
    assert v1 == pytest.approx(v2) and np.allclose(g1, g2)


def test_loss_values_follow_the_documented_conventions():
    z = np.array([[0.0, np.log(3.0)]])
    assert losses.create("cross_entropy").value(z, np.array([1])) == pytest.approx(-np.log(0.75))
    z2, t2 = np.array([[1.0, 2.0], [0.0, 0.0]]), np.array([[0.0, 0.0], [0.0, 2.0]])
    assert losses.create("sse", "identity").value(z2, t2) == pytest.approx(0.5 * 9 / 2)
    assert losses.create("mse", "identity").value(z2, t2) == pytest.approx(9 / 4)


def test_cross_entropy_stays_finite_for_confident_wrong_answers():
    v, g = losses.create("cross_entropy").value_and_grad(np.array([[1000.0, -1000.0]]), np.array([1]))
    assert v == pytest.approx(2000.0) and np.all(np.isfinite(g))


def test_mismatched_output_is_refused():
    with pytest.raises(ValueError, match="softmax"):
        losses.create("cross_entropy", "sigmoid")
