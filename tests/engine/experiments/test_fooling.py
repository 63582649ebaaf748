"""Analyze this network: noise gets a confident answer, a digit in a corner is misread."""
import numpy as np
import pytest

from engine.errors import ParameterError
from engine.experiments import analyze, to_corner, uniform_noise
from engine.network import Network


def test_to_corner_moves_the_ink_box_without_changing_it():
    img = np.zeros((28, 28), np.float32)
    img[10:15, 12:16] = np.arange(20).reshape(5, 4) / 20
    for corner, (r, c) in (("top_left", (0, 0)), ("bottom_right", (23, 24)), ("top_right", (0, 24))):
        moved = to_corner(img.reshape(1, -1), corner).reshape(28, 28)
        np.testing.assert_array_equal(moved[r:r + 5, c:c + 4], img[10:15, 12:16])
        assert moved.sum() == pytest.approx(img.sum())
    with pytest.raises(ParameterError) as err:
        to_corner(img.reshape(1, -1), "middle")
    assert err.value.field == 'corner'


def test_noise_is_uniform_and_seeded():
    a, b = uniform_noise(50, seed=1), uniform_noise(50, seed=1)
    np.testing.assert_array_equal(a, b)
    assert a.shape == (50, 784) and 0 <= a.min() and a.max() < 1 and abs(a.mean() - 0.5) < 0.01


def test_analyze_reports_what_the_network_answers():
    net = Network.mlp([784, 8, 10], seed=0)
    x = np.random.default_rng(0).uniform(size=(30, 784)).astype(np.float32) * (np.arange(784) % 28 > 5)
    y = net.predict(x)   # the network is right about these by construction
    result = analyze(net, x, y, n=30, examples=4)
    assert result["corner"]["centred_accuracy"] == 1.0
    assert sum(result["noise"]["answers"]) == 30 and len(result["noise"]["examples"]) == 4
    p = net.predict_proba(uniform_noise(30))
    assert result["noise"]["confidence_mean"] == pytest.approx(p.max(axis=1).mean(), rel=1e-6)
    with pytest.raises(ParameterError) as err:
        analyze(Network.mlp([2, 4, 2]), x, y)
    assert err.value.field == 'model'
