"""TrainingJob: one run, trained by an executor (app/executors) that a pool worker thread supervises.

The supervising thread relays the training's snapshots to the Outbox (newest wins) and the
run store, keeps a bounded trajectory for PCA planes, and makes sure a stopped job's
training is gone within a second.

A job waiting in line holds no pipe, no process and no row in the run store: all three are
made when it starts, so a run stopped while queued leaves no trace. When the run ends, its
weights and (thinned) trajectory go to the store and the job lets go of the trajectory and
the training data; later surface requests read them back from the store.
"""
from __future__ import annotations

import logging
import threading
import time

import numpy as np

from engine.jsonready import json_ready
from engine.landscape import LossMemo

from ..executors import ExecutionLost
from .remote import RemoteControl
from .snapshots import epoch_row, metrics_message
from .live import with_weights

log = logging.getLogger("downhill.job")
PATH_BYTES = 200 << 20   # the trajectory kept for PCA planes never exceeds this
SAVED_PATH_BYTES = 32 << 20   # ... nor, written to disk when the run ends, this
SAVED_PATH_POINTS = 100
STOP_GRACE = 0.8         # seconds a stopped process gets before it is terminated
MESSAGES = {"done": "training finished", "stopped": "training stopped",
            "diverged": "the loss became infinite or NaN: the learning rate is probably too large"}


class TrainingJob:
    def __init__(self, run_id: str, config, data, store, outbox, executor, paused: bool = False,
                 speed: float | None = None, snapshot_rate: float | None = None, sweep: tuple | None = None):
        """`speed`: steps a second at most (None: as fast as possible); `executor`: where it
        trains (app/executors); `sweep`: (sweep id, cell index) for a sweep's cell, which
        nobody watches live (only its epochs are reported)."""
        self.run_id, self.config, self.data = run_id, config, data
        self.store, self.outbox, self.executor = store, outbox, executor
        self.control = RemoteControl(paused, speed)
        self.sweep = sweep
        self.spec = {"config": config.model_dump(), "max_snapshot_rate": snapshot_rate, "live": sweep is None}
        self.state = "queued"
        self.finished = threading.Event()
        self.latest_weights: list | None = None
        self.initial: np.ndarray | None = None
        self.path: list[np.ndarray] = []
        self.max_path = max(10, min(400, PATH_BYTES // (4 * config.n_params)))
        self.path_losses = LossMemo()   # the trajectory's losses, each point evaluated once for the live surfaces
        self.lock = threading.Lock()

    def queued(self, position: int) -> None:
        if position > 0:
            self._status("queued", position=position)
        elif not self.control.stopped:
            self._status("paused" if self.control.paused else "training")

    def status_message(self, state: str, **extra) -> dict:
        return {"type": "status", "state": state, "run_id": self.run_id, **extra}

    def _status(self, state: str, **extra) -> None:
        self.state = state
        self.outbox.put(self.status_message(state, **extra))

    def stop(self) -> None:
        self.control.stop()

    def cancelled(self) -> None:
        """The job left the line before it started: tell the client, keep nothing."""
        self._release()
        self._status("stopped", message="training stopped before it started (it was waiting in line)")
        self.finished.set()

    def run(self) -> None:
        """Train wherever the executor runs it and relay its events until it ends (pool worker thread)."""
        if self.control.stopped:
            return self.cancelled()
        try:
            tags = {"sweep": self.sweep[0], "cell": self.sweep[1]} if self.sweep else {}
            self.store.create(self.spec["config"], status="training", run_id=self.run_id, **tags)
            execution = self.executor.open(self.run_id, live=self.sweep is None)
        except Exception as err:
            return self._fail(f"could not start: {err}")
        self.spec["paused"] = self.control.attach(execution.commands)
        self.spec["speed"] = self.control.speed   # (a change after attach also arrives as a command)
        try:
            execution.start(self.spec)
            self._relay(execution)
        except Exception as err:
            log.exception("run %s: supervising the training failed", self.run_id)
            if not self.finished.is_set():
                self._fail(str(err))
        finally:
            self.control.detach()
            execution.close()

    def _relay(self, execution) -> None:
        stop_seen = None
        while True:
            if self.control.stopped and stop_seen is None:
                stop_seen = time.monotonic()
            if stop_seen is not None and time.monotonic() - stop_seen > STOP_GRACE:
                execution.kill()
                return self._finish("stopped")
            try:
                events = execution.events(0.05)
            except ExecutionLost as err:
                return self._fail(str(err))
            for event in events:
                if self._handle(event):
                    return

    def _handle(self, event) -> bool:
        """Act on one event from the process; True when the run is over."""
        kind = event[0]
        if kind == "snapshot_weights":
            self._record(event[1])
        elif kind == "snapshot":
            self._on_snapshot(event[1])
        elif kind == "end":
            _, status, last, weights = event
            self._finish(status, last, weights)
            return True
        elif kind == "error":
            self._fail(event[1])
            return True
        return False

    def _on_snapshot(self, snap) -> None:
        self.outbox.put(metrics_message(snap, self.run_id), droppable=snap.kind == "step")
        if not snap.full:   # a light one: numbers for the curves, no weights
            return
        self._record(snap.weights)
        self.outbox.put_latest((self.run_id, snap))
        if snap.kind == "epoch" and snap.status != "diverged":
            self.store.add_epoch(self.run_id, epoch_row(snap))

    def _record(self, weights) -> None:
        """Keep the latest weights and a bounded, evenly thinned trajectory for PCA planes."""
        flat = np.concatenate([np.ravel(w) for w in weights]).astype(np.float32)
        with self.lock:
            self.latest_weights = weights
            if self.initial is None:
                self.initial = flat
            self.path.append(flat)
            if len(self.path) > self.max_path:
                self.path = self.path[::2] if len(self.path) % 2 == 0 else self.path[::2] + [flat]

    def _finish(self, status: str, last: dict | None = None, weights=None) -> None:
        """Save the run and tell the client how it ended; if saving fails, the client hears
        that instead (an `error` about the run, then the final status `error`)."""
        try:
            self._save(status, last, weights)
        except Exception as err:   # the disk or the database failed: the client still hears the end
            log.exception("run %s: saving failed", self.run_id)
            return self._fail(f"{MESSAGES.get(status, status)}, but the run could not be saved: {err}",
                              prefix="")
        self._release()   # before the client hears the end: nothing of the run is still held then
        self._status(status, message=MESSAGES.get(status, ""))
        self.finished.set()

    def _save(self, status: str, last: dict | None, weights) -> None:
        """Weights and trajectory (both or neither: DiskFull before either is written), then the row."""
        weights = weights if weights is not None else (None if status == "diverged" else self.latest_weights)
        if weights is not None:
            initial, path = self._trajectory(np.concatenate([np.ravel(w) for w in weights]).astype(np.float32))
            weight_bytes = sum(np.asarray(w).size * 4 for w in weights)
            self.store.check_room(weight_bytes + path.nbytes + (0 if initial is None else initial.nbytes))
            self.store.save_weights(self.run_id, with_weights(self.config, weights))
            self.store.save_trajectory(self.run_id, initial, path)
        final = {k: v for k, v in (last or {}).items() if isinstance(v, (int, float))}
        self.store.set_status(self.run_id, status, json_ready(final)[0])

    def _fail(self, message: str, prefix: str = "training failed: ") -> None:
        """Tell the client the run failed (`error` about the run, then status `error`), whatever
        else fails: the job always ends."""
        log.error("run %s failed: %s", self.run_id, message)
        try:
            self.store.set_status(self.run_id, "error")
        except Exception:   # the store is what failed: the row stays "training", "interrupted" at the next start
            log.exception("run %s: could not record the failure", self.run_id)
        self._release()
        self.outbox.put({"type": "error", "about": "run", "run_id": self.run_id, "field": None,
                         "message": prefix + message})
        self._status("error", message=prefix + message)
        self.finished.set()

    def _trajectory(self, final: np.ndarray) -> tuple[np.ndarray | None, np.ndarray]:
        """The initial weights and the path (ending at the saved weights), thinned to fit."""
        with self.lock:
            path = list(self.path)
            initial = self.initial
        if not path or not np.array_equal(path[-1], final):
            path.append(final)
        keep = max(2, min(SAVED_PATH_POINTS, SAVED_PATH_BYTES // (4 * final.size)))
        if len(path) > keep:
            path = [path[i] for i in np.unique(np.linspace(0, len(path) - 1, keep).round().astype(int))]
        return initial, np.stack(path)

    def _release(self) -> None:
        """Let go of what only a live run needs: the trajectory and the training data."""
        with self.lock:
            self.path, self.data, self.initial = [], None, None
            self.path_losses = LossMemo()
