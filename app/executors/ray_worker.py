"""What runs inside Ray's worker processes: a live run as an actor, a sweep cell as a task.

Both run app/sessions/worker.py's `run_training`, the code a local training process runs.
MNIST arrives as an object-store reference (put once by the server, fetched once per node
and then read in place), and only when the run trains on MNIST.
"""
from __future__ import annotations

import threading

from engine.control import TrainControl

from .. import datasets
from ..sessions.worker import apply_command, run_training, yield_cpu
from .batch import EventBatch

BATCH_INTERVAL = 0.1   # a live run hands over its events at most 10 times a second
IDLE_WAIT = 0.25       # an events call with nothing to hand over returns after this long


def mnist_from(refs: list):
    """train_size -> MNIST's (train, val), read from the object store on first use."""
    def splits(train_size):
        import ray
        return datasets.mnist_splits(ray.get(refs[0]), train_size)
    return splits


class TrainingActor:
    """A live run: the training in a thread of this actor; the server's `control` calls (one in
    flight at a time, so in order) and `events` calls (one at a time) run on two more threads."""

    def __init__(self, spec: dict, mnist: list):
        """`mnist`: [object ref of datasets.mnist_arrays], wrapped so Ray does not fetch it unasked."""
        yield_cpu()
        self.control_ = TrainControl(paused=spec["paused"], speed=spec["speed"])
        self.batch = EventBatch(urgent=lambda: self.control_.paused)
        import ray
        self.batch.send(("node", ray.get_runtime_context().get_node_id()))
        self.thread = threading.Thread(target=run_training, daemon=True, name="downhill-training",
                                       args=(spec, self.control_, self.batch.send, mnist_from(mnist)))
        self.thread.start()

    def control(self, commands: list) -> None:
        """Apply the server's commands, in the order given."""
        for command, value in commands:
            apply_command(self.control_, command, value)

    def events(self) -> list:
        """The events since the last call: at most BATCH_INTERVAL apart, at once for the run's end."""
        return self.batch.take(IDLE_WAIT, BATCH_INTERVAL)


def train_cell(spec: dict, mnist: list) -> list:
    """A sweep cell, start to end: every event it made (its epochs' snapshots, then the end)."""
    yield_cpu()
    import ray
    events = [("node", ray.get_runtime_context().get_node_id())]
    run_training(spec, TrainControl(), events.append, mnist_from(mnist))
    return events
