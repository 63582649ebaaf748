"""Sweeps: the sweeps running now (a bounded number), and any sweep's view, running or saved."""
from __future__ import annotations

import threading

from engine import sweep as grids

from ..schemas.sweeps import SweepPlan
from .cells import cell_result
from .sweep import Sweep


class TooManySweeps(RuntimeError):
    """As many sweeps as the server allows are running."""


class Sweeps:
    def __init__(self, resources):
        self.res = resources
        settings = resources.settings
        self.limit = settings.max_sweeps
        self.cap = settings.sweep_cells or max(1, resources.pool.workers // 2)
        self._active: dict[str, Sweep] = {}
        self._lock = threading.Lock()

    def start(self, plan: SweepPlan, listener=None) -> Sweep:
        """Start a sweep (TooManySweeps, or QueueFull when the line is full, and nothing starts)."""
        with self._lock:
            self._prune()
            if len(self._active) >= self.limit:
                raise TooManySweeps(f"{self.limit} sweeps are already running on this server; "
                                    "try again when one finishes")
            sweep = Sweep(plan, self.res, self.cap, listener)
            sweep.start()
            self._active[sweep.id] = sweep
        return sweep

    def cancel(self, sweep_id: str) -> dict | None:
        with self._lock:
            sweep = self._active.get(sweep_id)
        if sweep is not None:
            sweep.cancel()
        return self.view(sweep_id)

    def view(self, sweep_id: str) -> dict | None:
        """A sweep with its cells: live while it runs, else from the run store (None: unknown)."""
        with self._lock:
            sweep = self._active.get(sweep_id)
        if sweep is not None and not sweep.finished.is_set():
            return sweep.view()
        rows = self.res.store.sweeps(sweep_id)
        return _saved_view(rows[0], self.res.store.list(sweep=sweep_id)) if rows else None

    def list(self) -> list[dict]:
        """Every saved sweep, newest first, without its cells."""
        out = []
        for row in self.res.store.sweeps():
            view = self.view(row["id"]) or {}
            out.append({k: v for k, v in view.items() if k not in ("cells", "config")})
        return out

    def close(self) -> None:
        with self._lock:
            sweeps = list(self._active.values())
        for sweep in sweeps:
            sweep.cancel()

    def _prune(self) -> None:
        for sweep_id in [i for i, s in self._active.items() if s.finished.is_set()]:
            del self._active[sweep_id]


def _saved_view(row: dict, runs: list[dict]) -> dict:
    """A sweep from the store: its grid again from the saved spec, each cell from its run."""
    spec = row["spec"]
    grid = grids.expand(spec["config"], spec["axes"], spec["epochs"])
    by_cell = {r["cell"]: r for r in runs}
    cells = [cell_result(c, by_cell.get(c.index)) for c in grid.cells]
    done = sum(c["status"] not in ("waiting", "training") for c in cells)
    return {"type": "sweep", "sweep_id": row["id"], "state": row["status"], "axes": spec["axes"],
            "shape": list(grid.shape), "epochs": spec["epochs"], "total": len(cells), "done": done,
            "running": 0, "seconds_left": None, "cap": None, "created": row["created"], "config": spec["config"],
            "cells": cells}
