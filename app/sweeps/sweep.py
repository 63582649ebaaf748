"""Sweep: one sweep while it runs. Its cells go into the job pool's line like anyone's runs,
but at most `cap` of them at once, so a sweep never fills the line or every slot; each cell
that ends lets the next one in. Listeners (a session's outbox) hear each cell start and end
and the progress; the run store keeps the sweep and every cell (a run tagged with it).
"""
from __future__ import annotations

import logging
import threading
import time
from collections import deque

from ..runs.store import new_id
from ..sessions.job import TrainingJob
from ..sessions.pool import QueueFull
from .cells import CellOutbox, cell_result

log = logging.getLogger("downhill.sweep")
RETRY_SECONDS = 1.0   # a cell the full waiting line refused is offered again this much later


class Sweep:
    def __init__(self, plan, resources, cap: int, listener=None, clock=time.monotonic):
        """`plan`: a SweepPlan (app/schemas/sweeps.py); `listener`: anything with put(message)."""
        self.id, self.plan, self.res = new_id(), plan, resources
        self.cap, self.listener, self.clock = max(1, cap), listener, clock
        self.state = "running"
        self.waiting = deque(plan.grid.cells)
        self.running: dict[int, TrainingJob] = {}
        self.results: dict[int, dict] = {}
        self.began: float | None = None
        self.created = time.time()
        self.finished = threading.Event()
        self._lock = threading.RLock()

    @property
    def total(self) -> int:
        return len(self.plan.grid.cells)

    def start(self) -> None:
        """Save the sweep and offer its first cells; QueueFull if the line takes none of them."""
        with self._lock:   # cells that start at once wait here, so listeners hear the sweep first
            self._fill(first=True)
            self.res.store.create_sweep(self.id, self.plan.spec)
            self._tell(self.message())

    def cancel(self) -> None:
        """No more cells start; running ones stop (waiting ones leave the line unsaved)."""
        with self._lock:
            if self.state != "running":
                return
            self.state = "cancelled"
            self.waiting.clear()
            jobs = list(self.running.values())
        for job in jobs:
            job.stop()
            if self.res.pool.cancel(job):
                job.cancelled()
        self._maybe_finish()

    def cell_started(self, cell, run_id: str) -> None:
        with self._lock:
            if self.began is None:
                self.began = self.clock()
        self._tell({"type": "sweep_cell", "sweep_id": self.id, **cell_result(cell, {"id": run_id}, "training")})

    def cell_ended(self, cell, run_id: str, state: str, error: str | None) -> None:
        """A cell's job ended (pool worker thread): record it, tell, let the next cell in."""
        result = cell_result(cell, self.res.store.get(run_id), state)   # no row: it never left the line
        if error:
            result["message"] = error
        with self._lock:
            self.running.pop(cell.index, None)
            self.results[cell.index] = result
            self._fill()
        self._tell({"type": "sweep_cell", "sweep_id": self.id, **result})
        self._tell(self.message())
        self._maybe_finish()

    def message(self) -> dict:
        """The `sweep` message: what is varied, and how far along it is."""
        with self._lock:
            done = len(self.results)
            elapsed = self.clock() - self.began if self.began is not None else None
            left = None
            if self.state == "running" and done and elapsed is not None:
                left = round(elapsed / done * (self.total - done), 1)
            return {"type": "sweep", "sweep_id": self.id, "state": self.state, "axes": self.plan.axes,
                    "shape": list(self.plan.grid.shape), "epochs": self.plan.grid.epochs, "total": self.total,
                    "done": done, "running": len(self.running), "seconds_left": left, "cap": self.cap,
                    "created": self.created}

    def view(self) -> dict:
        """The sweep with every cell (finished ones' results, the rest waiting or training)."""
        with self._lock:
            cells = [self.results.get(c.index) or cell_result(c, None, "training" if c.index in self.running
                                                                else "waiting")
                     for c in self.plan.grid.cells]
            return {**self.message(), "config": self.plan.spec["config"], "cells": cells}

    def _fill(self, first: bool = False) -> None:
        """Offer waiting cells to the pool until `cap` of them are in it (call with the lock)."""
        while self.state == "running" and self.waiting and len(self.running) < self.cap:
            cell = self.waiting.popleft()
            job = TrainingJob(new_id(), self.plan.configs[cell.index], None, self.res.store,
                              CellOutbox(self, cell), self.res.executor, sweep=(self.id, cell.index))
            self.running[cell.index] = job
            try:
                self.res.pool.submit(job)
            except QueueFull:
                del self.running[cell.index]
                self.waiting.appendleft(cell)
                if first and not self.running:
                    self.state = "refused"
                    raise
                threading.Timer(RETRY_SECONDS, self._retry).start()
                return
            first = False

    def _retry(self) -> None:
        with self._lock:
            self._fill()
        self._maybe_finish()

    def _maybe_finish(self) -> None:
        with self._lock:
            if self.running or (self.waiting and self.state == "running") or self.finished.is_set():
                return
            if self.state == "running":
                self.state = "done"
            self.finished.set()
            self.res.store.set_sweep_status(self.id, self.state)
        log.info("sweep %s %s", self.id, self.state)
        self._tell(self.message())

    def _tell(self, message: dict) -> None:
        if self.listener is not None:
            self.listener.put(message)
