"""Backprop panel speed: a traced step against the engine's plain forward/backward, many updates,
and the gradient check of the default network.

Prints one table; every ratio is measured in this run. Targets (issue 12): a traced step of
XOR 2-4-1 (weights as nodes, 12 numerical gradients, the update) < 20 ms and of the largest
network the panel draws (2-18-18-2, 40 units) < 100 ms; 5,000 full-batch updates of XOR
2-4-1 < 1.5 s; the Build panel's check of 784-16-16-10 (13,002 parameters, 4 examples) at
most 1.5× the engine's plain `check_network` (the cost of watching for kinks and judging
every entry; about a second on an idle 2-core machine, several under load). Returns non-zero
if a target is missed.
"""
from __future__ import annotations

import numpy as np

from bench.bench_landscape import best_of
from bench.table import report
from engine import optimizers
from engine.backprop import trace, train
from engine.datasets import load_mnist, toy
from engine.gradcheck import check_network, check_report
from engine.network import Network


def net_of(sizes, activation="tanh", output="sigmoid", loss="binary_cross_entropy"):
    return Network.mlp(sizes, activation, output, loss, seed=0, dtype=np.float64)


def main() -> int:
    xor = toy.xor()
    x, y = xor.x.astype(np.float64), xor.y
    small, big = net_of([2, 4, 1]), net_of([2, 18, 18, 2], "relu", "softmax", "cross_entropy")
    plain = best_of(lambda: small.loss_and_grads(x[:1], y[:1]), repeats=50)
    traced = best_of(lambda: trace(small, x[1], 1, optimizers.create("sgd", lr=0.0)), repeats=10)
    traced_big = best_of(lambda: trace(big, x[1], 1, optimizers.create("sgd", lr=0.0), detail="units"))
    updates = best_of(lambda: train(net_of([2, 4, 1]), optimizers.create("sgd", lr=1.0), x, y, 5000), repeats=2)
    mnist = load_mnist()
    digits, labels = mnist.train.x[:4].astype(np.float64), mnist.train.y[:4]
    default = Network.mlp([784, 16, 16, 10], seed=0, dtype=np.float64)
    reference = best_of(lambda: check_network(default, digits, labels), repeats=1)
    checked = best_of(lambda: check_report(default, digits, labels), repeats=1)
    rows = [
        ("engine forward + backward, XOR 2-4-1, 1 example *", f"{plain * 1e3:.3f} ms", "reference", True),
        ("traced step, XOR 2-4-1 (weights as nodes)", f"{traced * 1e3:.2f} ms",
         f"< 20 ms ({traced / plain:.0f}× the plain pass)", traced < 0.02),
        ("traced step, 2-18-18-2 (40 units)", f"{traced_big * 1e3:.1f} ms", "< 100 ms", traced_big < 0.1),
        ("5,000 full-batch updates, XOR 2-4-1", f"{updates:.2f} s", "< 1.5 s", updates < 1.5),
        ("engine check_network, 784-16-16-10, 4 ex. *", f"{reference:.2f} s", "reference", True),
        ("gradient check with verdicts and kinks", f"{checked:.2f} s",
         f"≤ 1.5× the plain check: {checked / reference:.2f}×", checked / reference <= 1.5),
    ]
    return report(rows)


if __name__ == "__main__":
    raise SystemExit(main())
