"""The training loop: mini-batches, validation, schedules, control flags, snapshots.

Knows nothing about sockets: it calls `on_snapshot(Snapshot)` when its snapshot policy says
one is due, and checks a `TrainControl` between batches (pause, step, stop, a live learning
rate, a speed limit). Batch size n_train is batch gradient descent, 1 is stochastic, k mini-batch.
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
from .snapshot import EverySteps, Snapshot, activation_stats, grad_norms, update_ratios


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
                 on_snapshot=None, snapshot_every=50, probe_x=None, snapshots=None):
        """`snapshots`: when to snapshot (engine.snapshot's policy protocol); by default a full
        one every `snapshot_every` steps (0: only at the end of each epoch)."""
        if batch_size < 1:
            raise ParameterError("batch_size", f"batch_size must be at least 1, got {batch_size}")
        self.net, self.opt, self.schedule = net, optimizer, schedule
        self.train, self.val = train, val
        self.batch_size = min(int(batch_size), len(train))
        self.epochs = int(epochs)
        self.rng = np.random.default_rng(seed)
        self.control = control or TrainControl()
        self.on_snapshot = on_snapshot or (lambda snap: None)
        self.snapshots = snapshots or EverySteps(snapshot_every)
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
        self._window = _Mean()                          # batch losses since the last step snapshot

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

    def _run_epoch(self, epoch: int) -> str:
        """One pass over the shuffled data: per batch forward, loss, backward, step, and a
        snapshot when one is due."""
        net, bs, n = self.net, self.batch_size, len(self.train)
        order = self.rng.permutation(n)
        self.opt.lr = self.current_lr(epoch)
        self._window, whole, seconds = _Mean(), _Mean(), 0.0
        for i in range(0, n, bs):
            if not self.control.wait_for_batch(lambda: self._before_pause(epoch + i / n)):
                return "stopped"
            started = time.perf_counter()
            if self.control.lr_pending:
                self.opt.lr = self.current_lr(epoch)
            end = min(i + bs, n)
            x, t = self._batch(order[i:end])
            due = self.snapshots.due(self.step + 1, self.control)
            if due == "full" or end == n:   # the epoch snapshot reports its last step's update
                self._remember_params()
            loss = net.loss_and_grads(x, t)           # forward, loss, backward
            if not math.isfinite(loss):
                return self._diverge(epoch + i / n)
            self.opt.step(net.params, net.grads)      # the gradient descent step
            self.step += 1
            self._window.add(loss)
            whole.add(loss)
            seconds += time.perf_counter() - started
            if due:
                self._emit("step", epoch + end / n, self._take_window(), full=due == "full")
        if not all(np.isfinite(p).all() for p in net.params):
            return self._diverge(epoch + 1)
        self._end_epoch(epoch, whole.mean, seconds)
        return "ok"

    def _batch(self, index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Rows `index` of the inputs and targets, copied into the batch buffers."""
        m = len(index)
        x, t = self._xb[:m], self._tb[:m]
        self._x.take(index, axis=0, out=x, mode="clip")
        self._t.take(index, axis=0, out=t, mode="clip")
        return x, t

    def _remember_params(self) -> None:
        np.concatenate(self.net.params, axis=None, out=self._before)
        self._has_before = True

    def _take_window(self) -> float | None:
        """The mean batch loss since the last step snapshot, starting a new window."""
        mean, self._window = self._window.mean, _Mean()
        return mean

    def _before_pause(self, epoch: float) -> None:
        """What a pause shows is the step it stopped at, even if the policy thinned it away."""
        if self.snapshots.held_back:
            self._emit("step", epoch, self._take_window())

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

    def _diverge(self, epoch: float) -> str:
        self._has_before = False   # no finite last step to report
        self._emit("epoch", epoch, self._window.mean, status="diverged")
        return "diverged"

    def _emit(self, kind, epoch, train_loss, status="training", full=True, **extra) -> None:
        net = self.net
        common = {"kind": kind, "step": self.step, "epoch": float(epoch), "lr": float(self.opt.lr),
                  "train_loss": train_loss, "status": status, "grad_norms": grad_norms(net)}
        if not full:   # light: the numbers for the curves, no arrays
            self.snapshots.sent(False)
            self.on_snapshot(Snapshot(**common, full=False))
            return
        self.snapshots.sent(True)
        stats, hists = activation_stats(net, self.probe_x, self.batch_size)
        ratios = update_ratios(net, self._before) if self._has_before else []
        self._has_before = False   # those params were from before this snapshot's step only
        self.on_snapshot(Snapshot(**common, weights=[p.copy() for p in net.params], update_ratios=ratios,
                                  activation_stats=stats, histograms=hists, **extra))
