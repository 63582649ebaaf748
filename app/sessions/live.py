"""LiveRuns: the runs training right now (or paused), by run id, and their newest weights.

Sessions register each job they start; /api/predict and /api/evaluation ask for a run's
current network. A finished job is forgotten: its weights are then in the run store. One
registry per app, made with its resources in the lifespan (`resources.live`).
"""
from __future__ import annotations

import threading
import time

from engine.network import Network


def with_weights(config, weights, net: Network | None = None) -> Network:
    """`net` (or a new network built from the run's config) holding these weights."""
    if net is None:
        net = config.network()
    for p, w in zip(net.params, weights):
        p[...] = w
    return net


class NoWeightsYet(RuntimeError):
    """The run is waiting in line: its training process has not reported any weights."""


class LiveRuns:
    def __init__(self):
        self._lock = threading.Lock()
        self._jobs: dict[str, object] = {}
        self._scratch: dict[str, Network] = {}

    def add(self, job) -> None:
        """Remember a job (any object with run_id, config, lock, latest_weights, finished)."""
        with self._lock:
            self._prune()
            self._jobs[job.run_id] = job

    def network(self, run_id: str, fresh: bool = False, wait: float = 0.0) -> Network | None:
        """The run's network with its newest weights; None once the run is over (or unknown).

        The default result is one reused network per run, for callers on the event loop;
        `fresh=True` builds a private one (for worker threads). `wait` (seconds, worker threads
        only): a run out of the line whose process is still building its network is waited for.
        """
        with self._lock:
            job = self._jobs.get(run_id)
        if job is None:
            return None
        if job.finished.is_set():
            with self._lock:
                self._prune()
            return None
        weights = self._weights(job, wait)
        if weights is None:
            raise NoWeightsYet(f"run {run_id} is waiting to start and has no weights yet")
        return with_weights(job.config, weights, None if fresh else self._reused(run_id, job))

    @staticmethod
    def _weights(job, wait: float):
        """The job's newest weights; a started run (a paused start is told to its client at once)
        reports its first ones as soon as its process has built the network."""
        deadline = time.monotonic() + wait
        while True:
            with job.lock:
                weights = job.latest_weights
            if weights is not None or getattr(job, "state", None) == "queued" or job.finished.is_set() \
                    or time.monotonic() >= deadline:
                return weights
            time.sleep(0.05)

    def _reused(self, run_id: str, job) -> Network:
        with self._lock:
            net = self._scratch.get(run_id)
        if net is None:
            net = job.config.network()
            with self._lock:
                self._scratch[run_id] = net
        return net

    def _prune(self) -> None:
        for run_id in [r for r, job in self._jobs.items() if job.finished.is_set()]:
            del self._jobs[run_id]
            self._scratch.pop(run_id, None)

