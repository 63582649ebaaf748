"""Landscape speed: fast network surfaces against a plain forward pass per grid point, and a race.

Prints one table; every ratio is measured in this run. Targets (issue 4): 51×51 of a
784-16-16-10 on 2,000 examples ≥ 4× faster than the plain way; the live default (41×41 on
1,000 examples, PCA plane with its path) < 0.3 s; 101×101 on 2,000 < 3 s; a 50-step race
of 6 optimizers < 20 ms. Returns non-zero if a target is missed.
"""
from __future__ import annotations

import os
import time

import numpy as np

from engine import optimizers
from engine.datasets import load_mnist
from engine.landscape import PlaneLoss, fixed_subset, loss_surface, race, random_plane
from engine.network import Network
from bench.table import report

RACERS = [{"name": "sgd", "lr": 0.95}, {"name": "momentum", "lr": 0.1},
          {"name": "nesterov", "lr": 0.1}, {"name": "adagrad", "lr": 1.5},
          {"name": "rmsprop", "lr": 0.1}, {"name": "adam", "lr": 0.3}]


def best_of(fn, repeats: int = 3) -> float:
    """Shortest wall time of `repeats` calls, in seconds (the machine is shared)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def trained(x, y, steps=1000, every=10):
    """A 784-16-16-10 sigmoid net after some SGD, and its trajectory (T, P)."""
    net = Network.mlp([784, 16, 16, 10], seed=0)
    opt = optimizers.create("sgd", lr=0.5)
    trajectory = [net.get_flat()]
    for i in range(steps):
        batch = slice(i * 32, (i + 1) * 32)
        net.loss_and_grads(x[batch], y[batch])
        opt.step(net.params, net.grads)
        if (i + 1) % every == 0:
            trajectory.append(net.get_flat())
    return net, np.array(trajectory)


def plain_grid(net, x, y, center, d1, d2, axis, rows):
    """The plain way: set the weights and run a whole forward pass at every grid point."""
    twin = net.copy()
    for b in rows:
        for a in axis:
            twin.set_flat(center + a * d1 + b * d2)
            twin.loss.value(twin.forward(x), y)
    twin.set_flat(center)


def main() -> int:
    mnist = load_mnist()
    net, trajectory = trained(mnist.train.x, mnist.train.y)
    center = net.get_flat()
    x2, y2 = fixed_subset(mnist.train.x, mnist.train.y, 2000)
    d1, d2 = random_plane(net, center, seed=0)
    axis51 = np.linspace(-1, 1, 51)
    plane = PlaneLoss(net, x2, y2, center, d1, d2)
    a, b = np.meshgrid(axis51, axis51)
    fast51 = best_of(lambda: PlaneLoss(net, x2, y2, center, d1, d2)(a, b))
    rows = axis51[::10]                  # 6 of the 51 rows, best of 3, scaled to the grid
    plain51 = best_of(lambda: plain_grid(net, x2, y2, center, d1, d2, axis51, rows)) * 51 / len(rows)
    live = best_of(lambda: loss_surface(net, mnist.train.x, mnist.train.y, "pca", 41,
                                        trajectory=trajectory, n_examples=1000))
    big = best_of(lambda: loss_surface(net, mnist.train.x, mnist.train.y, "random", 101))
    race_time = best_of(lambda: race("bowl", steps=50, optimizers=RACERS), repeats=5)
    rows = [
        ("51×51 plain forward per point, 2,000 ex. *", plain51, "reference", True),
        ("51×51 fast (first-layer trick + batching)", fast51,
         f"≥ 4× faster: {plain51 / fast51:.1f}×", plain51 / fast51 >= 4),
        (f"live 41×41 PCA + path ({len(trajectory)} pts), 1,000 ex.", live, "< 0.3 s", live < 0.3),
        ("101×101 random plane, 2,000 ex.", big, "< 3 s", big < 3),
        ("race: 6 optimizers × 50 steps (bowl)", race_time, "< 0.02 s", race_time < 0.02),
    ]
    return print_table(rows, plane)


def print_table(rows, plane) -> int:
    blas = {k: os.environ[k] for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if k in os.environ}
    print(f"landscape benchmarks (best of runs; cores={os.cpu_count()}; env {blas or 'default BLAS'})")
    failed = report([(name, f"{seconds:.4f}", target, ok) for name, seconds, target, ok in rows],
                    "case", "seconds")
    work = sum(buf.nbytes for buf in plane.buffers) + plane.first.nbytes
    print("* timed on 6 of the 51 rows (best of 3) and scaled to all 51")
    print(f"work memory of the fast evaluator (2,000 ex.): {work / 2**20:.1f} MiB "
          f"in chunks of {plane.chunk} grid points")
    return failed


if __name__ == "__main__":
    raise SystemExit(main())
