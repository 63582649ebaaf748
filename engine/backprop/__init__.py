"""Backpropagation step by step, with the engine's own numbers (the Backprop panel's engine).

    net = Network.mlp([2, 4, 1], "tanh", "sigmoid", "binary_cross_entropy", dtype=np.float64)
    opt = optimizers.create("sgd", lr=1.0)
    step = trace(net, x, t, opt)        # graph, gradients vs finite differences, the update
    run = train(net, opt, X, T, 100)    # 100 more updates; the outputs on every example

`trace` leaves `net` and `opt` one update further on, so calling it again is the next step.
"""
from .step import DETAILS, trace, train

__all__ = ["DETAILS", "trace", "train"]
