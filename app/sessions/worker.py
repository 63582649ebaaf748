"""The training itself, wherever an executor runs it: builds the run from its config, trains,
and reports each event through `send`.

Events: ("snapshot_weights", [initial params]), ("snapshot", Snapshot) as the snapshot policy
decides, then ("end", status, last epoch row, weights or None) or ("error", message).
`train_in_process` is the local executor's entry point (a child process, commands and events
over pipes); app/executors/ray_worker.py runs the same `run_training` in a Ray actor or task.
"""
from __future__ import annotations

import os
import threading

import numpy as np

from engine import build
from engine.control import TrainControl
from engine.datasets import Mnist
from engine.snapshot import EverySteps
from engine.trainer import Trainer

from .. import datasets
from ..schemas.train import TrainConfig
from ..toyviews import ToyViews
from .pacing import LiveSnapshots

BLOWN_UP = 1e30
NICENESS = 10   # trainings yield the CPU to the server, so requests stay fast under load


def yield_cpu() -> None:
    """Lower this process's priority to NICENESS (once: a reused worker is not lowered again)."""
    current = os.nice(0)
    if current < NICENESS:
        os.nice(NICENESS - current)


def train_in_process(commands, events, spec: dict) -> None:
    """Entry point of a local training process; `spec` = {"config", "mnist_folder", "paused",
    "speed", "max_snapshot_rate", "live"}."""
    yield_cpu()
    try:
        control = TrainControl(paused=spec["paused"], speed=spec["speed"])
        threading.Thread(target=_apply_commands, args=(commands, control), daemon=True).start()
        folder = spec.get("mnist_folder")
        run_training(spec, control, events.send, lambda n: datasets.mapped_mnist(folder, n))
    finally:
        events.close()


def run_training(spec: dict, control: TrainControl, send, mnist_splits) -> None:
    """Build and train the run `spec` describes; every outcome is an event, never an exception.
    `mnist_splits(train_size)` gives MNIST's (train, val) where this process can reach them."""
    try:
        config = TrainConfig.model_validate(spec["config"])
        trainer = _build(config, spec, control, send, mnist_splits)
        status = _run(trainer)
        weights = None if status == "diverged" else [p.copy() for p in trainer.net.params]
        last = trainer.history[-1] if trainer.history else {}
        send(("end", status, last, weights))
    except Exception as err:  # reported to the client; the server goes on
        send(("error", f"{type(err).__name__}: {err}"))


def apply_command(control: TrainControl, command: str, value) -> None:
    """One control message (pause, resume, stop, step, set_lr, set_speed) on the trainer's switches."""
    actions = {"pause": lambda v: control.pause(), "resume": lambda v: control.resume(),
               "stop": lambda v: control.stop(), "step": control.step, "set_lr": control.set_lr,
               "set_speed": control.set_speed}
    actions[command](value)


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


def _build(config: TrainConfig, spec: dict, control, send, mnist_splits) -> Trainer:
    mnist = None
    if config.dataset == "mnist":   # shared by the server (mapped files, object store), not loaded again
        mnist = Mnist(*mnist_splits(config.train_size), test=None)
    train, val, _ = build.data(config.model_dump(), mnist)
    live = spec.get("live", True)
    if live:                        # someone watches: snapshots paced for a page
        snapshots = LiveSnapshots(config.snapshot_every, spec.get("max_snapshot_rate"))
    else:                           # a sweep cell: its epochs are all anyone reads
        snapshots = EverySteps(0)
    views = ToyViews.for_run(config.dataset, train.x) if live else None

    def on_snapshot(snap) -> None:
        if views is not None:   # a toy set's full snapshots carry its decision regions and outputs
            views.attach(snap, trainer.net)
        send(("snapshot", snap))
    trainer = build.trainer(config.model_dump(), train, val, control=control, snapshots=snapshots,
                            on_snapshot=on_snapshot)
    send(("snapshot_weights", [p.copy() for p in trainer.net.params]))
    return trainer


def _apply_commands(commands, control: TrainControl) -> None:
    """Relay the parent's commands to the trainer's switches until the pipe closes."""
    while True:
        try:
            command, value = commands.recv()
        except (EOFError, OSError):
            control.stop()
            return
        apply_command(control, command, value)
