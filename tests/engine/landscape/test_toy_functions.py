"""Toy functions: analytic gradients match finite differences; listed minima are minima."""
from __future__ import annotations

import json

import numpy as np
import pytest

from engine.landscape import FUNCTIONS, get, toy_surface

NAMES = sorted(FUNCTIONS)


def numeric_grad(fn, point, h=1e-6):
    out = []
    for k in range(len(point)):
        up, down = np.array(point, float), np.array(point, float)
        up[k] += h
        down[k] -= h
        out.append((fn.f(*up) - fn.f(*down)) / (2 * h))
    return np.array(out)


@pytest.mark.parametrize("name", NAMES)
def test_gradient_matches_finite_differences(name):
    fn = get(name)
    rng = np.random.default_rng(1)
    lo, hi = np.array(fn.view[0::2]), np.array(fn.view[1::2])
    for point in lo + (hi - lo) * rng.random((20, fn.dim)):
        analytic = np.array(fn.grad(*point), dtype=float)
        numeric = numeric_grad(fn, point)
        scale = max(1.0, np.abs(numeric).max())
        np.testing.assert_allclose(analytic, numeric, atol=1e-6 * scale, err_msg=str(point))


@pytest.mark.parametrize("name", NAMES)
def test_listed_minima_are_stationary_with_listed_values(name):
    fn = get(name)
    for *point, value in fn.minima:
        assert np.abs(fn.grad(*point)).max() < 1e-6, point
        assert fn.f(*point) == pytest.approx(value, abs=1e-9)
        rng = np.random.default_rng(0)
        nearby = np.array(point) + 1e-3 * rng.standard_normal((16, fn.dim))
        assert all(fn.f(*p) > value for p in nearby), "a listed minimum must be a minimum"


def test_catalogue_has_the_course_functions_and_the_lr_curve():
    assert {"bowl", "rosenbrock", "beale", "himmelblau", "camel", "saddle", "rastrigin"} <= set(FUNCTIONS)
    curve = get("curve")
    assert curve.dim == 1
    (w_global, f_global), (w_local, f_local) = sorted(curve.minima, key=lambda m: m[1])
    assert f_global < f_local and w_global * w_local < 0, "one global and one local minimum"
    assert get("camel").minima[0][2] == pytest.approx(-1.0316, abs=1e-4)
    assert get("saddle").minima == () and get("saddle").saddles


@pytest.mark.parametrize("name", NAMES)
def test_info_is_json_and_starts_lie_in_the_view(name):
    info = get(name).info()
    json.dumps(info, allow_nan=False)
    lo, hi = np.array(info["view"][0::2]), np.array(info["view"][1::2])
    for start in info["starts"].values():
        assert np.all(lo <= start) and np.all(np.array(start) <= hi)
    assert info["lrs"]["sgd"] > 0 and info["lrs"]["adam"] > 0


def test_unknown_function_names_the_choices():
    with pytest.raises(ValueError, match="rosenbrock"):
        get("banana")


def test_toy_surface_grid_orientation_and_log_scale():
    s = toy_surface("rosenbrock", n=11)
    x, y, z = np.array(s["x"]), np.array(s["y"]), np.array(s["z"])
    assert z.shape == (11, 11) and x[0] == -2 and x[-1] == 2 and y[0] == -1 and y[-1] == 3
    assert z[3][7] == pytest.approx(get("rosenbrock").f(x[7], y[3]))
    logged = np.array(toy_surface("rosenbrock", n=11, log=True)["z"])
    np.testing.assert_allclose(logged, np.log1p(z - z.min()))
    assert logged.min() == 0
    curve = toy_surface("curve", n=5)
    assert "y" not in curve and len(curve["z"]) == 5
    with pytest.raises(ValueError, match="n must be"):
        toy_surface("bowl", n=1)
