"""Brute-force references: set the weights, run the network's own forward pass and loss."""
from __future__ import annotations

import numpy as np
import pytest

from engine.network import Network


def brute_loss(net, x, t, theta) -> float:
    """The network's loss at flat parameters theta, the plain way (a copy, set_flat, forward)."""
    twin = net.copy()
    twin.set_flat(theta)
    return twin.loss.value(twin.forward(x), t)


@pytest.fixture
def brute():
    return brute_loss


@pytest.fixture
def small_problem():
    """A 6-5-4-3 sigmoid network, 37 examples with labels, and a trained-looking trajectory."""
    rng = np.random.default_rng(3)
    net = Network.mlp([6, 5, 4, 3], activation="sigmoid", seed=2, dtype=np.float64)
    x = rng.standard_normal((37, 6))
    t = rng.integers(0, 3, 37)
    start = net.get_flat()
    trajectory = [start + k * 0.05 * rng.standard_normal(start.size) for k in range(8)]
    net.set_flat(trajectory[-1])
    return net, x, t, np.array(trajectory)
