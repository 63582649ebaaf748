"""The playground's default training setup, shared by the CLI, the server and the page.

3Blue1Brown's 784-16-16-10 sigmoid network trained by mini-batch SGD. A cosine learning-rate
schedule over the ten epochs (its T_max follows the epochs: `schedules.for_run`) lets the
last epochs settle into the minimum instead of rattling around it: ≥ 95% test accuracy in
ten epochs (bench/bench_engine.py checks it).
"""
from __future__ import annotations

import copy

DEFAULT_TRAINING = {
    "dataset": "mnist", "layers": [784, 16, 16, 10], "activation": "sigmoid",
    "output": "softmax", "loss": "cross_entropy", "init": "xavier_normal", "init_std": None,
    "optimizer": "sgd", "optimizer_params": {}, "lr": 0.5,
    "schedule": "cosine", "schedule_params": {},
    "batch_size": 32, "epochs": 10, "seed": 0,
}


def default_training() -> dict:
    """A fresh (deep) copy of the default setup, safe to modify."""
    return copy.deepcopy(DEFAULT_TRAINING)
