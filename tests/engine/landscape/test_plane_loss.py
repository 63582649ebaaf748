"""The fast plane evaluator equals brute force for every activation, loss and chunking."""
from __future__ import annotations

import numpy as np
import pytest

from engine.landscape import PlaneLoss, forward_losses
from engine.network import Network

CASES = [  # (hidden activations, output, loss, target kind)
    (["sigmoid", "sigmoid"], "softmax", "cross_entropy", "labels"),
    (["tanh", "relu"], "softmax", "cross_entropy", "soft"),
    (["leaky_relu", "elu"], "identity", "sse", "soft"),
    (["relu", "identity"], "sigmoid", "mse", "soft"),
    (["elu", "tanh"], "softmax", "sse", "labels"),
    (["sigmoid", "leaky_relu"], "sigmoid", "binary_cross_entropy", "binary"),
    (["tanh", "tanh"], "softmax", "kl_divergence", "soft"),
]


def targets(kind, rng, n, k):
    if kind == "labels":
        return rng.integers(0, k, n)
    if kind == "binary":
        return (rng.random((n, k)) > 0.5).astype(float)
    return rng.dirichlet(np.ones(k), n)


@pytest.mark.parametrize("hidden, output, loss, kind", CASES)
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_plane_losses_equal_brute_force(hidden, output, loss, kind, dtype, brute):
    rng = np.random.default_rng(5)
    net = Network.mlp([7, 6, 5, 4], activation=hidden, output=output, loss=loss, seed=1,
                      dtype=dtype, alpha=0.2)
    x = rng.standard_normal((23, 7)).astype(dtype)
    t = targets(kind, rng, 23, 4)
    center = net.get_flat()
    d1, d2 = rng.standard_normal((2, center.size)) * 0.3    # moves every W and b
    alphas, betas = rng.uniform(-2, 2, (2, 11))
    got = PlaneLoss(net, x, t, center, d1, d2, buffer_bytes=1)(alphas, betas)   # chunks of 1
    want = [brute(net, x, t, center + a * d1 + b * d2) for a, b in zip(alphas, betas)]
    tol = 1e-10 if dtype == np.float64 else 2e-5
    np.testing.assert_allclose(got, want, rtol=tol, atol=tol)


@pytest.mark.parametrize("sizes", [[5, 3], [5, 4, 3], [5, 4, 4, 4, 3]])
@pytest.mark.parametrize("buffer_bytes", [1, 500, 10**6])
def test_depths_chunks_and_layers_the_plane_leaves_alone(sizes, buffer_bytes, brute):
    rng = np.random.default_rng(len(sizes))
    net = Network.mlp(sizes, activation="tanh", seed=0, dtype=np.float64)
    x, t = rng.standard_normal((9, 5)), rng.integers(0, 3, 9)
    center = net.get_flat()
    d1, d2 = np.zeros((2, center.size))
    d1[0], d2[3] = 1.0, -0.5                                  # only the first layer moves
    d2[-1] = 0.25                                             # ... and the last bias
    alphas, betas = np.meshgrid(np.linspace(-1, 1, 5), np.linspace(-2, 2, 7))
    got = PlaneLoss(net, x, t, center, d1, d2, buffer_bytes)(alphas, betas)
    want = [brute(net, x, t, center + a * d1 + b * d2) for a, b in zip(alphas.ravel(), betas.ravel())]
    np.testing.assert_allclose(got, want, rtol=1e-10)


def test_forward_losses_is_the_plain_loss_and_leaves_the_net_alone(small_problem, brute):
    net, x, t, trajectory = small_problem
    before = net.get_flat()
    got = forward_losses(net, x, t, trajectory)
    np.testing.assert_allclose(got, [brute(net, x, t, th) for th in trajectory], rtol=1e-12)
    np.testing.assert_array_equal(net.get_flat(), before)


def test_chunk_memory_is_bounded():
    net = Network.mlp([784, 16, 16, 10])
    x = np.zeros((2000, 784), np.float32)
    plane = PlaneLoss(net, x, np.zeros(2000, int), net.get_flat(), *np.zeros((2, net.n_params)))
    assert sum(b.nbytes for b in plane.buffers) <= 200 * 2**20
    huge = PlaneLoss(net, np.zeros((60000, 784), np.float32), np.zeros(60000, int), net.get_flat(),
                     *np.zeros((2, net.n_params)), buffer_bytes=10**12)
    assert sum(b.nbytes for b in huge.buffers) <= 200 * 2**20
