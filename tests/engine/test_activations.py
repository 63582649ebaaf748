"""Activation values, derivatives, stability, and softmax's Jacobian product."""
import warnings

import numpy as np
import pytest

from engine import activations
from engine.gradcheck import numeric_grad

Z = np.array([[-2.5, -0.7, 0.3, 1.9], [0.4, -1.3, 2.2, -0.1]])
EXPECTED = {
    "sigmoid": 1 / (1 + np.exp(-Z)),
    "tanh": np.tanh(Z),
    "relu": np.maximum(Z, 0),
    "leaky_relu": np.where(Z > 0, Z, 0.01 * Z),
    "elu": np.where(Z > 0, Z, np.exp(Z) - 1),
    "identity": Z,
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_values_match_the_textbook_formula(name):
    np.testing.assert_allclose(activations.create(name).f(Z), EXPECTED[name], rtol=1e-12)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_derivative_matches_finite_difference(name):
    act = activations.create(name)
    numeric = (act.f(Z + 1e-6) - act.f(Z - 1e-6)) / 2e-6
    np.testing.assert_allclose(act.df(Z), numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_backward_is_derivative_times_upstream_and_leaves_grad_alone(name):
    act = activations.create(name)
    act.forward(Z.copy())
    grad = np.arange(Z.size, dtype=float).reshape(Z.shape) - 3
    kept = grad.copy()
    np.testing.assert_allclose(act.backward(grad), act.df(Z) * kept, rtol=1e-12)
    assert np.array_equal(grad, kept)


def test_alpha_is_used_by_leaky_relu_and_elu():
    assert activations.create("leaky_relu", 0.2).f(np.array([-1.0]))[0] == pytest.approx(-0.2)
    assert activations.create("elu", 2.0).f(np.array([-50.0]))[0] == pytest.approx(-2.0)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sigmoid_is_stable_at_extremes(dtype):
    z = np.array([-1000.0, -80.0, 0.0, 80.0, 1000.0], dtype=dtype)
    sig = activations.create("sigmoid")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y, dy = sig.forward(z), sig.df(z)
    assert np.all(np.isfinite(y)) and np.all(np.isfinite(dy))
    assert y[0] == 0 and y[2] == 0.5 and y[-1] == 1
    assert y.dtype == dtype


def test_softmax_rows_sum_to_one_even_for_huge_logits():
    z = np.array([[1000.0, 999.0, -1000.0], [0.1, 0.2, 0.3], [-5e3, -5e3, -5e3]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        y = activations.create("softmax").f(z)
    np.testing.assert_allclose(y.sum(axis=1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(y[2], 1 / 3)


def test_softmax_backward_equals_full_jacobian_product():
    rng = np.random.default_rng(0)
    z, g = rng.standard_normal((3, 5)), rng.standard_normal((3, 5))
    sm = activations.create("softmax")
    y = sm.forward(z)
    kept = g.copy()
    got = sm.backward(g)
    for r in range(3):
        jac = np.diag(y[r]) - np.outer(y[r], y[r])
        np.testing.assert_allclose(got[r], jac @ kept[r], rtol=1e-10, atol=1e-14)
    assert np.array_equal(g, kept)
    row = z[0].copy()
    numeric = numeric_grad(lambda: float(sm.f(row[None])[0] @ kept[0]), row)
    np.testing.assert_allclose(got[0], numeric, rtol=1e-6, atol=1e-10)


def test_unknown_activation_names_the_choices():
    with pytest.raises(ValueError, match="sigmoid"):
        activations.create("swish")


@pytest.mark.parametrize("name", sorted(activations.ACTIVATIONS))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_the_in_place_form_is_the_same_formula(name, dtype):
    act = activations.create(name, 0.3 if name in ("leaky_relu", "elu") else None)
    stack = np.stack([Z, -2 * Z, Z + 0.5]).astype(dtype)          # (G, n, k), as the surface evaluator holds it
    want = np.stack([act.f(part) for part in stack])
    got = act.f(stack, out=stack)
    assert got is stack and got.dtype == dtype
    np.testing.assert_allclose(got, want, rtol=1e-6)
