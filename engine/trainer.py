"""The training loop: mini-batches, validation, schedules, control flags, snapshots.

Knows nothing about sockets: it calls `on_snapshot(Snapshot)` and checks a `TrainControl`
between batches. Batch size n_train is batch gradient descent, 1 is stochastic, k mini-batch.
Each batch is gathered by index from the training set into one preallocated buffer, so an
epoch's shuffle costs no copy of the whole set.
"""
from __future__ import annotations

import math
import time

import numpy as np

from .control import TrainControl
from .errors import ParameterError
from .datasets.mnist import Split
from .losses import one_hot
from .snapshot import Snapshot, activation_stats, grad_norms, update_ratios


def targets_for(y: np.ndarray, n_out: int, dtype) -> np.ndarray:
    """Labels -> the target array the loss expects: one-hot rows, or (n, 1) for one output."""
    if n_out == 1:
        return y.reshape(-1, 1).astype(dtype)
    return one_hot(y, n_out, dtype)


class _Mean:
    """Running mean of batch losses."""

    def __init__(self):
        self.total, self.count = 0.0, 0

    def add(self, value: float) -> None:
        self.total, self.count = self.total + value, self.count + 1

    @property
    def mean(self) -> float | None:
        return self.total / self.count if self.count else None


class Trainer:
    def __init__(self, net, optimizer, schedule, train: Split, val: Split | None = None,
                 batch_size=32, epochs=5, seed=0, control: TrainControl | None = None,
                 on_snapshot=None, snapshot_every=50, probe_x=None, max_snapshot_rate=None,
                 clock=time.perf_counter):
        if batch_size < 1:
            raise ParameterError("batch_size", f"batch_size must be at least 1, got {batch_size}")
        self.net, self.opt, self.schedule = net, optimizer, schedule
        self.train, self.val = train, val
        self.batch_size = min(int(batch_size), len(train))
        self.epochs, self.snapshot_every = int(epochs), int(snapshot_every) if snapshot_every else 0
        self.rng = np.random.default_rng(seed)
        self.control = control or TrainControl()
        self.on_snapshot = on_snapshot or (lambda snap: None)
        self.probe_x = probe_x if probe_x is not None else train.x[:128]
        self.step = 0
        self.epoch = 0
        self.lr_override: float | None = None
        self.status = "ready"
        self.history: list[dict] = []
        dtype, bs = net.dtype, self.batch_size
        self._x = np.ascontiguousarray(train.x, dtype=dtype)
        self._t = targets_for(train.y, net.sizes[-1], dtype)
        self._xb = np.empty((bs, self._x.shape[1]), dtype)
        self._tb = np.empty((bs, self._t.shape[1]), dtype)
        self._before = np.empty(net.n_params, dtype)   # params before the step a snapshot reports
        self._has_before = False
        # While running freely, at most `max_snapshot_rate` full step snapshots a second
        # (None: no cap); the due ones between are light (numbers only, no arrays), at most ten
        # times as many, and the rest wait for the next. A pause first sends a full one of
        # where training stopped.
        self._min_gap = 1.0 / max_snapshot_rate if max_snapshot_rate else 0.0
        self._clock = clock
        self._last_full = self._last_any = -math.inf
        self._held_back = False   # steps taken since the last full snapshot was due

    @property
    def steps_per_epoch(self) -> int:
        return math.ceil(len(self.train) / self.batch_size)

    def run(self) -> str:
        """Train for the configured epochs; returns "done", "stopped" or "diverged"."""
        self.status = "training"
        for epoch in range(self.epoch, self.epochs):
            self.epoch = epoch
            result = self._run_epoch(epoch)
            if result != "ok":
                self.status = result
                return result
            self.control.end_of_epoch()
        self.status = "done"
        return "done"

    def current_lr(self, epoch: int) -> float:
        """The live learning rate if one was set (it then sticks), else the schedule's."""
        live = self.control.take_lr()
        if live is not None:
            self.lr_override = live
        return self.lr_override if self.lr_override is not None else self.schedule.lr_at(epoch)

    def _batch(self, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows `index` of the inputs and targets, copied into the batch buffers."""
        m = len(index)
        x, t = self._xb[:m], self._tb[:m]
        self._x.take(index, axis=0, out=x, mode="clip")
        self._t.take(index, axis=0, out=t, mode="clip")
        return x, t

    def _run_epoch(self, epoch: int) -> str:
        net, bs, n = self.net, self.batch_size, len(self.train)
        perm = self.rng.permutation(n)
        self.opt.lr = self.current_lr(epoch)
        window, whole = _Mean(), _Mean()   # since the last step snapshot; the whole epoch
        seconds = 0.0

        def before_pause():   # what a pause shows is the step it stopped at
            nonlocal window
            if self._held_back:
                self._emit("step", epoch + i / n, window.mean)
                window = _Mean()

        for i in range(0, n, bs):
            if not self.control.wait_for_batch(before_pause):
                return "stopped"
            started = time.perf_counter()
            if self.control.lr_pending:
                self.opt.lr = self.current_lr(epoch)
            end = min(i + bs, n)
            x, t = self._batch(perm[i:end])
            due = self._snapshot_due()
            if due == "full" or end == n:   # the epoch snapshot reports its last step's update
                np.concatenate(net.params, axis=None, out=self._before)
                self._has_before = True
            loss = net.loss_and_grads(x, t)
            if not math.isfinite(loss):
                return self._diverge(epoch + i / n, window.mean)
            self.opt.step(net.params, net.grads)
            self.step += 1
            window.add(loss)
            whole.add(loss)
            seconds += time.perf_counter() - started
            if due:
                self._emit("step", epoch + end / n, window.mean, full=due == "full")
                window = _Mean()
        if not all(np.isfinite(p).all() for p in net.params):
            return self._diverge(epoch + 1, window.mean)
        self._end_epoch(epoch, whole.mean, seconds)
        return "ok"

    def _snapshot_due(self) -> str | None:
        """The step snapshot this step ends with: "full", "light" or None (every `snapshot_every` steps, within the rates)."""
        if not self.snapshot_every or (self.step + 1) % self.snapshot_every:
            return None
        if not self._min_gap or self.control.paused:
            return "full"
        now = self._clock()
        self._held_back = True
        if now - self._last_full >= self._min_gap:
            return "full"
        return "light" if now - self._last_any >= self._min_gap / 10 else None

    def _end_epoch(self, epoch: int, train_loss, seconds: float) -> None:
        val_loss = val_acc = None
        if self.val is not None and len(self.val):
            val_loss, val_acc = self.net.evaluate(self.val.x, self.val.y)
        sub = slice(0, min(len(self.train), 5000))
        _, train_acc = self.net.evaluate(self.train.x[sub], self.train.y[sub])
        if hasattr(self.schedule, "observe"):
            self.schedule.observe(val_loss if val_loss is not None else train_loss)
        row = {"epoch": epoch + 1, "train_loss": train_loss, "val_loss": val_loss,
               "val_accuracy": val_acc, "train_accuracy": train_acc, "lr": self.opt.lr,
               "seconds": seconds}
        self.history.append(row)
        self._emit("epoch", epoch + 1, train_loss, val_loss=val_loss,
                   val_accuracy=val_acc, train_accuracy=train_acc, seconds=seconds)

    def _diverge(self, epoch: float, train_loss) -> str:
        self._has_before = False   # no finite last step to report
        self._emit("epoch", epoch, train_loss, status="diverged")
        return "diverged"

    def _emit(self, kind, epoch, train_loss, status="training", full=True, **extra) -> None:
        net = self.net
        self._last_any = self._clock()
        if not full:
            self.on_snapshot(Snapshot(kind=kind, step=self.step, epoch=float(epoch), lr=float(self.opt.lr),
                                      train_loss=train_loss, status=status, grad_norms=grad_norms(net), full=False))
            return
        self._last_full, self._held_back = self._last_any, False
        stats, hists = activation_stats(net, self.probe_x, self.batch_size)
        ratios = update_ratios(net, self._before) if self._has_before else []
        self._has_before = False   # those params were from before this snapshot's step only
        snap = Snapshot(kind=kind, step=self.step, epoch=float(epoch), lr=float(self.opt.lr),
                        train_loss=train_loss, status=status,
                        weights=[p.copy() for p in net.params], grad_norms=grad_norms(net),
                        update_ratios=ratios, activation_stats=stats, histograms=hists, **extra)
        self.on_snapshot(snap)
