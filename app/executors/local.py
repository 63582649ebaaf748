"""The local executor: each run in its own process on this machine, started from a forkserver
(app/sessions/processes.py), commands down one pipe and events up another. The default."""
from __future__ import annotations

import os

from .. import datasets
from ..sessions.processes import training_processes
from ..sessions.worker import train_in_process
from . import ExecutionLost

JOIN_SECONDS = 1.0   # an ended process gets this long to exit before it is killed


class LocalExecutor:
    name = "local"

    def __init__(self, settings):
        self.context = training_processes()
        self.slots = settings.workers or os.cpu_count() or 1
        self.data_dir = settings.data_dir
        self.mnist_folder = None

    def share_mnist(self, mnist) -> None:
        """Write MNIST's splits once as files every training process maps."""
        self.mnist_folder = datasets.export_mnist(mnist, self.data_dir)

    def open(self, run_id: str, live: bool = True) -> "LocalRun":
        """A process for the run (a live run and a sweep's cell alike; `spec["live"]` tells them apart)."""
        return LocalRun(self.context, run_id, self.mnist_folder)

    def describe(self) -> dict:
        return {"executor": self.name, "nodes": 1}

    def close(self) -> None:
        pass


class LocalRun:
    """One training process and its two pipes."""

    def __init__(self, context, run_id: str, mnist_folder):
        self.context, self.run_id, self.mnist_folder = context, run_id, mnist_folder
        self._commands_in, self.commands = context.Pipe(duplex=False)
        self._events, self._events_out = context.Pipe(duplex=False)
        self.process = None

    def start(self, spec: dict) -> None:
        spec = {**spec, "mnist_folder": self.mnist_folder}
        self.process = self.context.Process(target=train_in_process, daemon=True, name=f"downhill-run-{self.run_id}",
                                            args=(self._commands_in, self._events_out, spec))
        self.process.start()
        self._commands_in.close()
        self._events_out.close()

    def events(self, timeout: float) -> list:
        if not self._events.poll(timeout):
            return []
        try:
            return [self._events.recv()]
        except (EOFError, OSError):
            raise ExecutionLost("the training process ended unexpectedly") from None

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()

    def close(self) -> None:
        self._events.close()
        self.commands.close()
        if self.process is not None and self.process.pid is not None:   # it did start
            self.process.join(JOIN_SECONDS)
            if self.process.is_alive():
                self.process.kill()
