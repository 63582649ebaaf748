"""The Ray executor: trainings on Ray, on this machine or a cluster (README "Beyond one machine").

DOWNHILL_RAY_ADDRESS=local starts Ray inside the server with `workers` CPUs (default: this
machine's); `auto` or `host:port` joins a running cluster as a driver. A process that already
runs Ray (a program embedding the app, the tests) is used as it is and left running.

- A live run is an actor with one CPU. The server keeps one control call in flight per run
  (commands given meanwhile go together in the next, so they keep their order) and one
  events call, which brings back what the run did since the last (app/executors/batch.py:
  newest snapshot wins, at most 10 batches a second). `ray.cancel` cannot interrupt an
  actor, so a stop is a command, and the job kills the actor if the run has not ended a
  grace period later.
- A sweep cell is a plain task (cancellable), its events returned when it ends.
- MNIST goes into the object store once; each node fetches it once and reads it in place.
- The training slots are the cluster's CPUs (capped by DOWNHILL_WORKERS when set), counted
  when the server starts. No dashboard; Ray's token authentication stays on (the README
  says how to share the token across a LAN cluster).
"""
from __future__ import annotations

import os
import signal
import threading

import ray

from .. import datasets
from ..sessions.processes import BLAS_THREADS
from . import ExecutionLost
from .ray_worker import TrainingActor, train_cell

OBJECT_STORE_BYTES = 512 << 20   # Ray started here: MNIST (47 MB) and batches in flight fit many times
PLACEMENTS = 1000                # node ids of the latest runs, for /api/health and the tests


class RayExecutor:
    name = "ray"

    def __init__(self, settings):
        self.owned = not ray.is_initialized()
        if self.owned:
            _start(settings.ray_address, settings.workers or os.cpu_count() or 1)
        cpus = int(ray.cluster_resources().get("CPU", 1))
        self.slots = max(1, min(settings.workers, cpus) if settings.workers else cpus)
        self.actor = ray.remote(num_cpus=1, max_restarts=0, max_concurrency=2)(TrainingActor)
        self.cell = ray.remote(num_cpus=1, max_retries=0)(train_cell)
        self.mnist = None
        self.placements: dict[str, str] = {}   # run id -> node id
        self._lock = threading.Lock()

    def share_mnist(self, mnist) -> None:
        """Put MNIST's splits (uint8 pixels, 47 MB) into the object store once."""
        self.mnist = ray.put(datasets.mnist_arrays(mnist))

    def open(self, run_id: str, live: bool = True):
        return (RayRun if live else RayCell)(self, run_id)

    def placed(self, run_id: str, node: str) -> None:
        with self._lock:
            self.placements[run_id] = node
            while len(self.placements) > PLACEMENTS:
                del self.placements[next(iter(self.placements))]

    def describe(self) -> dict:
        nodes = sum(1 for n in ray.nodes() if n.get("Alive"))
        return {"executor": self.name, "nodes": nodes}

    def close(self) -> None:
        if self.owned and ray.is_initialized():
            ray.shutdown()


def _start(address: str, cpus: int) -> None:
    """ray.init in the lifespan, keeping the server's own SIGTERM handler (ray.init replaces
    it with one that exits without shutting the server down: ray-project/ray#37288)."""
    for var in BLAS_THREADS:   # one BLAS thread per training, as for local processes
        os.environ.setdefault(var, "1")
    previous = signal.getsignal(signal.SIGTERM)
    try:
        if address == "local":
            ray.init(address="local", num_cpus=cpus, include_dashboard=False, object_store_memory=OBJECT_STORE_BYTES,
                     log_to_driver=False, namespace="downhill")
        else:
            ray.init(address=address, log_to_driver=False, namespace="downhill")
    finally:
        if threading.current_thread() is threading.main_thread() and previous is not None:
            signal.signal(signal.SIGTERM, previous)


class CommandQueue:
    """The commands given since the last control call (RemoteControl sends (command, value) here)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._items: list = []

    def send(self, item: tuple) -> None:
        with self._lock:
            self._items.append(item)

    def take(self) -> list:
        with self._lock:
            items, self._items = self._items, []
        return items

    def close(self) -> None:
        pass


class ActorCommands(CommandQueue):
    """Control calls to a run's actor, one in flight (a threaded actor does not keep the order
    of concurrent calls): commands given meanwhile go together in the next call."""

    def __init__(self):
        super().__init__()
        self._actor = None
        self._in_flight = None

    def send(self, item: tuple) -> None:
        super().send(item)
        self.flush()

    def bind(self, actor) -> None:
        """Commands given before the actor existed go now."""
        with self._lock:
            self._actor = actor
        self.flush()

    def flush(self) -> None:
        """Send what is waiting unless a control call is still on its way."""
        with self._lock:
            if self._actor is None or not self._items:
                return
            if self._in_flight is not None and not ray.wait([self._in_flight], timeout=0)[0]:
                return
            self._in_flight = self._actor.control.remote(self._items)
            self._items = []


class _OnRay:
    """An execution on the cluster (the `Execution` seam): its executor, its run, its commands."""

    def __init__(self, executor: RayExecutor, run_id: str, commands):
        self.executor, self.run_id, self.commands = executor, run_id, commands

    def _launch(self, remote, spec: dict):
        """`remote` (an actor class or a task) called with the spec and MNIST by reference."""
        return remote.remote(spec, [self.executor.mnist])


class RayRun(_OnRay):
    """A live run's actor: control calls as they come (one in flight), events polled (one in flight)."""

    def __init__(self, executor: RayExecutor, run_id: str):
        super().__init__(executor, run_id, ActorCommands())
        self.handle = self._call = None

    def start(self, spec: dict) -> None:
        self.handle = self._launch(self.executor.actor, spec)
        self.commands.bind(self.handle)

    def events(self, timeout: float) -> list:
        self.commands.flush()   # commands that waited for the previous control call
        if self._call is None:
            self._call = self.handle.events.remote()
        try:
            events = _finished(self.executor, self.run_id, self._call, timeout)
        except ray.exceptions.RayError as err:
            raise ExecutionLost(f"the Ray worker training this run was lost ({type(err).__name__})") from None
        if events is None:
            return []
        self._call = None
        return events

    def kill(self) -> None:
        if self.handle is not None:
            ray.kill(self.handle, no_restart=True)

    def close(self) -> None:
        self.kill()   # ended or not, its CPU goes back to the cluster now


class RayCell(_OnRay):
    """A sweep cell's task: stop cancels it; its events come when it ends."""

    def __init__(self, executor: RayExecutor, run_id: str):
        super().__init__(executor, run_id, CommandQueue())
        self.stopped = False
        self.ref = None

    def start(self, spec: dict) -> None:
        self.ref = self._launch(self.executor.cell, spec)

    def events(self, timeout: float) -> list:
        if not self.stopped and any(command == "stop" for command, _ in self.commands.take()):
            self.stopped = True
            ray.cancel(self.ref)
        try:
            return _finished(self.executor, self.run_id, self.ref, timeout) or []
        except ray.exceptions.TaskCancelledError:
            return [("end", "stopped", {}, None)]
        except ray.exceptions.RayError as err:
            if self.stopped:
                return [("end", "stopped", {}, None)]
            raise ExecutionLost(f"the Ray worker training this cell was lost ({type(err).__name__})") from None

    def kill(self) -> None:
        if self.ref is not None:
            ray.cancel(self.ref, force=True)

    def close(self) -> None:
        pass


def _finished(executor: RayExecutor, run_id: str, ref, timeout: float) -> list | None:
    """The events a remote call returned, once it has (None while it has not, after `timeout`
    seconds); raises the call's RayError."""
    ready, _ = ray.wait([ref], timeout=timeout)
    return _placed(executor, run_id, ray.get(ref)) if ready else None


def _placed(executor: RayExecutor, run_id: str, events: list) -> list:
    """The events without the ("node", id) that says where the run trains (noted on the executor)."""
    for event in events:
        if event[0] == "node":
            executor.placed(run_id, event[1])
    return [e for e in events if e[0] != "node"]
