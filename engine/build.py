"""A training run from one config dict: its data, network, optimizer, schedule and trainer.

The config is what the page sends and what a saved run keeps as `config.json`:

    {"dataset", "layers", "activation", "alpha", "output", "loss", "init", "init_std",
     "optimizer", "optimizer_params", "lr", "schedule", "schedule_params",
     "batch_size", "epochs", "seed", "snapshot_every", "train_size"}  (+ "dtype" for the CLI)

Keys left out take the playground's defaults (engine/defaults.py). The command line, the
server's training processes and its default model are all built here, so one config trains
the same network everywhere. A bad value is a ParameterError whose `field` is the config's
own key, e.g. `optimizer_params.momentum` or `lr`.
"""
from __future__ import annotations

import numpy as np

from . import activations, initializers, losses, optimizers, schedules
from .datasets import Mnist, Split, load_mnist, load_toy
from .defaults import DEFAULT_TRAINING, default_training
from .errors import ParameterError
from .network import Network
from .trainer import Trainer

KEYS = (*DEFAULT_TRAINING, "alpha", "snapshot_every", "train_size", "dtype")


def complete(config: dict) -> dict:
    """The config with every missing key at its default; ParameterError for a key it cannot have."""
    unknown = [k for k in config if k not in KEYS]
    if unknown:
        raise ParameterError(unknown[0], f"unknown setting {unknown[0]!r}; a config has {list(KEYS)}")
    defaults = {**default_training(), "alpha": None, "snapshot_every": 50, "train_size": None, "dtype": "float32"}
    return {**defaults, **config}


def data(config: dict, mnist: Mnist | None = None) -> tuple[Split, Split, Split | None]:
    """(train, val, test): MNIST (the one given, else loaded from the cache) or the toy set made
    from the config's seed (its validation part doubles as test); train cut to `train_size`."""
    c = complete(config)
    if c["dataset"] == "mnist":
        mnist = mnist or load_mnist()
        train, val, test = mnist.train, mnist.val, mnist.test
    else:
        train, val = load_toy(c["dataset"], c["seed"])
        test = val
    n = c["train_size"]
    if n is not None and n < len(train):
        train = Split(np.ascontiguousarray(train.x[:n]), np.ascontiguousarray(train.y[:n]))
    return train, val, test


def network(config: dict) -> Network:
    """The untrained network the config describes (its seed draws the weights)."""
    c = complete(config)
    return Network.mlp(c["layers"], c["activation"], c["output"], c["loss"], c["init"], c["init_std"],
                       c["seed"], np.dtype(c["dtype"]), c["alpha"])


def optimizer(config: dict) -> optimizers.Optimizer:
    """The optimizer with the config's learning rate and `optimizer_params` (torch's names)."""
    c = complete(config)
    try:
        return optimizers.create(c["optimizer"], lr=c["lr"], **c["optimizer_params"])
    except ParameterError as err:
        raise _placed(err, "optimizer_params", top=("optimizer", "lr")) from None


def schedule(config: dict) -> schedules.Schedule:
    """The learning-rate schedule; cosine without T_max anneals over the run's epochs."""
    c = complete(config)
    try:
        return schedules.for_run(c["schedule"], c["lr"], c["epochs"], **c["schedule_params"])
    except ParameterError as err:
        field = "lr" if err.field == "base_lr" else err.field
        raise _placed(err.within(field), "schedule_params", top=("schedule", "lr")) from None


def check(config: dict) -> None:
    """Judge every name and argument without allocating a network: ParameterError if one is wrong."""
    c = complete(config)
    hidden = c["activation"] if isinstance(c["activation"], list) else [c["activation"]]
    for i, name in enumerate(hidden):
        try:
            activations.create(name)
        except ParameterError as err:
            raise err.within(f"activation.{i}" if isinstance(c["activation"], list) else "activation") from None
    losses.create(c["loss"], c["output"])
    initializers.canonical(c["init"])
    optimizer(c)
    schedule(c)


def trainer(config: dict, train: Split, val: Split | None, **hooks) -> Trainer:
    """A Trainer for the config on this data; `hooks` (control, on_snapshot, snapshots, probe_x,
    snapshot_every, ...) go to the Trainer as they are."""
    c = complete(config)
    settings = {"batch_size": c["batch_size"], "epochs": c["epochs"], "seed": c["seed"],
                "snapshot_every": c["snapshot_every"], **hooks}
    return Trainer(network(c), optimizer(c), schedule(c), train, val, **settings)


def _placed(err: ParameterError, group: str, top: tuple[str, ...]) -> ParameterError:
    """An argument's error as the config path of that argument: top-level keys stay, the rest go under `group`."""
    return err if err.field in top else err.within(f"{group}.{err.field}")
