"""The training process: builds the network from a config, trains it, reports through a pipe.

Runs in a child process so a training never holds the server's GIL. Events sent to the
parent: ("snapshot", Snapshot), then ("end", status, last epoch row, weights or None) or
("error", message).
"""
from __future__ import annotations

import os
import threading

import numpy as np

from engine import build
from engine.control import TrainControl
from engine.datasets import Mnist
from engine.trainer import Trainer

from .. import datasets
from ..schemas.train import TrainConfig
from .pacing import LiveSnapshots

BLOWN_UP = 1e30
NICENESS = 10   # trainings yield the CPU to the server, so requests stay fast under load


def train_in_process(commands, events, spec: dict) -> None:
    """Entry point of a training process; `spec` = {"config", "mnist_folder", "paused", "speed", "max_snapshot_rate"}."""
    os.nice(NICENESS)
    try:
        config = TrainConfig.model_validate(spec["config"])
        control = TrainControl(paused=spec["paused"], speed=spec["speed"])
        threading.Thread(target=_apply_commands, args=(commands, control), daemon=True).start()
        trainer = _build(config, spec, control, events)
        status = _run(trainer)
        weights = None if status == "diverged" else [p.copy() for p in trainer.net.params]
        last = trainer.history[-1] if trainer.history else {}
        events.send(("end", status, last, weights))
    except Exception as err:  # reported to the client; the server goes on
        events.send(("error", f"{type(err).__name__}: {err}"))
    finally:
        events.close()


def _run(trainer: Trainer) -> str:
    """trainer.run(), except that numbers blowing up inside it also count as divergence."""
    try:
        return trainer.run()
    except (ArithmeticError, IndexError, ValueError):
        if _blown_up(trainer.net, trainer.probe_x):
            return "diverged"
        raise


def _blown_up(net, x) -> bool:
    """Weights or activations no longer finite, or so large that float32 arithmetic overflows."""
    with np.errstate(all="ignore"):
        arrays = list(net.params) + [layer["pre"] for layer in net.activations(x)]
        return not all(np.isfinite(a).all() and np.abs(a).max(initial=0) < BLOWN_UP for a in arrays)


def _build(config: TrainConfig, spec: dict, control, events) -> Trainer:
    mnist = None
    if config.dataset == "mnist":   # mapped from the files the server exported, not loaded again
        mnist = Mnist(*datasets.mapped_mnist(spec["mnist_folder"], config.train_size), test=None)
    train, val, _ = build.data(config.model_dump(), mnist)
    snapshots = LiveSnapshots(config.snapshot_every, spec.get("max_snapshot_rate"))
    trainer = build.trainer(config.model_dump(), train, val, control=control, snapshots=snapshots,
                            on_snapshot=lambda snap: events.send(("snapshot", snap)))
    events.send(("snapshot_weights", [p.copy() for p in trainer.net.params]))
    return trainer


def _apply_commands(commands, control: TrainControl) -> None:
    """Relay the parent's commands to the trainer's switches until the pipe closes."""
    actions = {"pause": lambda v: control.pause(), "resume": lambda v: control.resume(),
               "stop": lambda v: control.stop(), "step": control.step, "set_lr": control.set_lr,
               "set_speed": control.set_speed}
    while True:
        try:
            command, value = commands.recv()
        except (EOFError, OSError):
            control.stop()
            return
        actions[command](value)
