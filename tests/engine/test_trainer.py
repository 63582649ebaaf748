"""The training loop: learning, batch arithmetic, reproducibility, control, divergence, snapshots."""
import json
import math
import time

import numpy as np
import pytest

from engine import optimizers, schedules
from engine.control import TrainControl
from engine.datasets.mnist import Split
from engine.datasets.toy import load_toy
from engine.network import Network
from engine.snapshot import Snapshot, histogram
from engine.trainer import Trainer
from support import run_in_thread, wait_until

STEP_FIELDS = {"kind", "step", "epoch", "lr", "train_loss", "val_loss", "val_accuracy",
               "train_accuracy", "seconds", "status", "grad_norms", "update_ratios",
               "activation_stats"}


def _trainer(sizes=(2, 8, 2), data="moons", opt="sgd", lr=0.5, activation="tanh", **kw):
    train, val = load_toy(data, seed=0)
    net = Network.mlp(list(sizes), activation, seed=kw.pop("net_seed", 0),
                      **kw.pop("net", {}))
    return Trainer(net, optimizers.create(opt, lr=lr), schedules.create("constant", lr),
                   train, val, **{"snapshot_every": 0, **kw})


def test_loss_decreases_on_moons():
    tr = _trainer((2, 16, 16, 2), batch_size=16, epochs=30)
    assert tr.run() == "done"
    losses = [row["train_loss"] for row in tr.history]
    assert len(losses) == 30 and losses[-1] < 0.5 * losses[0]
    assert tr.history[-1]["val_accuracy"] > 0.8


def test_xor_needs_a_hidden_layer():
    hidden = _trainer((2, 4, 2), "xor", "adam", 0.05, batch_size=4, epochs=400)
    flat = _trainer((2, 2), "xor", "adam", 0.05, batch_size=4, epochs=400)
    assert hidden.run() == "done" and flat.run() == "done"
    assert hidden.history[-1]["train_accuracy"] == 1.0
    assert hidden.history[-1]["train_loss"] < 0.05
    assert flat.history[-1]["train_accuracy"] <= 0.75


@pytest.mark.parametrize("batch_size,steps", [(10, 1), (1, 10), (2, 5), (3, 4), (64, 1)])
def test_steps_per_epoch_follow_batch_size(batch_size, steps):
    rng = np.random.default_rng(0)
    train = Split(rng.standard_normal((10, 2)).astype(np.float32), rng.integers(0, 2, 10))
    net = Network.mlp([2, 3, 2])
    tr = Trainer(net, optimizers.create("sgd", lr=0.1), schedules.create("constant", 0.1),
                 train, batch_size=batch_size, epochs=3, snapshot_every=0)
    assert tr.steps_per_epoch == steps
    tr.run()
    assert tr.step == 3 * steps


def test_same_seed_reproduces_training_exactly():
    a, b = (_trainer(batch_size=8, epochs=2, seed=3) for _ in range(2))
    c = _trainer(batch_size=8, epochs=2, seed=4)
    for tr in (a, b, c):
        tr.run()
    assert np.array_equal(a.net.get_flat(), b.net.get_flat())
    assert [r["train_loss"] for r in a.history] == [r["train_loss"] for r in b.history]
    assert not np.array_equal(a.net.get_flat(), c.net.get_flat())


def test_pause_blocks_resume_continues_stop_ends_promptly():
    tr = _trainer(batch_size=1, epochs=10_000)
    thread, result = run_in_thread(tr)
    assert wait_until(lambda: tr.step > 5)
    tr.control.pause()
    time.sleep(0.05)
    frozen = tr.step
    time.sleep(0.3)
    assert tr.step == frozen and thread.is_alive()
    tr.control.resume()
    assert wait_until(lambda: tr.step > frozen + 5)
    started = time.monotonic()
    tr.control.stop()
    thread.join(2.0)
    assert not thread.is_alive() and time.monotonic() - started < 1.0
    assert result["status"] == "stopped" and tr.status == "stopped"


def test_stop_while_paused_ends_the_run():
    tr = _trainer(batch_size=1, epochs=5, control=TrainControl(paused=True))
    thread, result = run_in_thread(tr)
    time.sleep(0.1)
    tr.control.stop()
    thread.join(2.0)
    assert result.get("status") == "stopped" and tr.step == 0


def test_step_batch_advances_exactly_one_step():
    tr = _trainer(batch_size=4, epochs=50, control=TrainControl(paused=True))
    thread, _ = run_in_thread(tr)
    time.sleep(0.15)
    assert tr.step == 0
    for expected in (1, 2):
        tr.control.step("batch")
        assert wait_until(lambda: tr.step == expected)
        time.sleep(0.15)
        assert tr.step == expected
    tr.control.stop()
    thread.join(2.0)
    assert not thread.is_alive()


def test_step_epoch_runs_one_epoch_then_pauses():
    tr = _trainer(batch_size=40, epochs=50, control=TrainControl(paused=True))
    thread, _ = run_in_thread(tr)
    tr.control.step("epoch")
    assert wait_until(lambda: tr.step == tr.steps_per_epoch)
    time.sleep(0.15)
    assert tr.step == tr.steps_per_epoch and len(tr.history) == 1
    tr.control.stop()
    thread.join(2.0)


def test_set_lr_takes_effect():
    tr = _trainer(batch_size=16, epochs=1)
    tr.control.set_lr(0.0)
    before = tr.net.get_flat()
    assert tr.run() == "done"
    assert tr.opt.lr == 0.0 and tr.history[0]["lr"] == 0.0
    assert np.array_equal(tr.net.get_flat(), before)
    tr2 = _trainer(batch_size=16, epochs=1)
    tr2.run()
    assert not np.array_equal(tr2.net.get_flat(), before)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_huge_learning_rate_diverges_with_json_safe_snapshot(activation):
    snaps = []
    tr = _trainer((2, 32, 32, 32, 2), lr=10.0, activation=activation, batch_size=16,
                  epochs=30, net={"output": "identity", "loss": "sse"},
                  on_snapshot=snaps.append, snapshot_every=5)
    assert tr.run() == "diverged" and tr.status == "diverged"
    last = snaps[-1]
    assert last.status == "diverged"
    text = json.dumps(last.scalars(), allow_nan=False)
    assert "diverged" in text
    for h in last.histograms:
        json.dumps(h, allow_nan=False)


def test_snapshots_every_n_steps_and_every_epoch():
    snaps = []
    tr = _trainer(batch_size=16, epochs=2, on_snapshot=snaps.append, snapshot_every=3)
    tr.run()
    steps = [s for s in snaps if s.kind == "step"]
    epochs = [s for s in snaps if s.kind == "epoch"]
    assert [s.step for s in steps] == list(range(3, 2 * tr.steps_per_epoch + 1, 3))
    assert [s.epoch for s in epochs] == [1.0, 2.0]
    assert all(0 < s.epoch <= 2 for s in steps) and steps[0].epoch < 1
    for s in snaps:
        scal = s.scalars()
        assert set(scal) == STEP_FIELDS
        json.dumps(scal, allow_nan=False)
        assert len(s.weights) == 4 and len(s.grad_norms) == 2 and len(s.histograms) == 2
        assert set(s.activation_stats[0]) == {"mean", "std", "zero", "saturated", "dead"}
        assert len(s.histograms[0]["weights"]["counts"]) == 30
    assert all(len(s.update_ratios) == 2 and s.update_ratios[0] > 0 for s in steps)
    e = epochs[-1]
    assert e.val_loss is not None and 0 <= e.val_accuracy <= 1 and e.seconds > 0
    assert not np.shares_memory(e.weights[0], tr.net.params[0])


def test_histogram_of_huge_float32_values_does_not_crash():
    big = np.finfo(np.float32).max
    values = np.array([-big, big, 1.0, np.inf, np.nan], dtype=np.float32)
    h = histogram(values)
    assert sum(h["counts"]) == 3 and len(h["edges"]) == 31
    assert all(math.isfinite(v) for v in h["edges"])
    empty = histogram(np.array([np.nan, np.inf]))
    assert sum(empty["counts"]) == 0


def test_scalars_turn_non_finite_numbers_into_none():
    snap = Snapshot(kind="step", step=np.int64(3), epoch=0.5, lr=0.1, train_loss=float("nan"),
                    grad_norms=[float("inf"), 1.0])
    scal = snap.scalars()
    assert scal["train_loss"] is None and scal["grad_norms"] == [None, 1.0]
    json.dumps(scal, allow_nan=False)


def _recording(trainer):
    """Wrap the net and optimizer so every batch loss and every pre-step parameter set is kept."""
    losses, befores = [], []
    net, opt = trainer.net, trainer.opt
    real_loss, real_step = net.loss_and_grads, opt.step
    net.loss_and_grads = lambda x, t: losses.append(real_loss(x, t)) or losses[-1]
    opt.step = lambda p, g: (befores.append([a.copy() for a in p]), real_step(p, g))[1]
    return losses, befores


@pytest.mark.parametrize("every", [3, 5])   # 160/16 = 10 steps: 3 leaves a tail, 5 divides it
def test_epoch_loss_covers_every_batch_when_step_snapshots_are_on(every):
    snaps = []
    tr = _trainer(batch_size=16, epochs=2, on_snapshot=snaps.append, snapshot_every=every)
    losses, _ = _recording(tr)
    tr.run()
    per_epoch = tr.steps_per_epoch
    for e, row in enumerate(tr.history):
        assert row["train_loss"] == pytest.approx(np.mean(losses[e * per_epoch:(e + 1) * per_epoch]))
    previous = 0   # a step snapshot's loss is the mean since the previous snapshot of any kind
    for s in snaps:
        if s.kind == "step":
            assert s.train_loss == pytest.approx(np.mean(losses[previous:s.step]))
        previous = s.step
    plain = _trainer(batch_size=16, epochs=2)
    plain.run()
    assert [r["train_loss"] for r in plain.history] == pytest.approx([r["train_loss"] for r in tr.history])


def test_epoch_snapshots_report_the_last_steps_update_ratio():
    snaps = []
    tr = _trainer(batch_size=16, epochs=2, on_snapshot=snaps.append, snapshot_every=0)
    _, befores = _recording(tr)
    tr.run()
    epochs = [s for s in snaps if s.kind == "epoch"]
    assert len(epochs) == 2
    for s, last in zip(epochs, (tr.steps_per_epoch - 1, 2 * tr.steps_per_epoch - 1)):
        before, after = befores[last], s.weights
        expected = []
        for i in range(0, len(after), 2):
            delta = np.sqrt(np.sum((after[i] - before[i]) ** 2) + np.sum((after[i + 1] - before[i + 1]) ** 2))
            expected.append(delta / np.sqrt(np.sum(after[i] ** 2) + np.sum(after[i + 1] ** 2)))
        assert len(s.update_ratios) == 2 and all(r > 0 for r in s.update_ratios)
        assert s.update_ratios == pytest.approx(expected, rel=1e-4)


def test_step_snapshot_ratio_matches_its_own_step():
    snaps = []
    tr = _trainer(batch_size=16, epochs=1, on_snapshot=snaps.append, snapshot_every=4)
    _, befores = _recording(tr)
    tr.run()
    s = next(s for s in snaps if s.kind == "step")
    before, after = befores[s.step - 1], s.weights
    dw = np.sqrt(np.sum((after[0] - before[0]) ** 2) + np.sum((after[1] - before[1]) ** 2))
    assert s.update_ratios[0] == pytest.approx(dw / np.sqrt(np.sum(after[0] ** 2) + np.sum(after[1] ** 2)), rel=1e-4)


def test_step_snapshot_epoch_never_passes_the_epoch_end():
    snaps = []
    tr = _trainer(batch_size=48, epochs=2, on_snapshot=snaps.append, snapshot_every=1)  # 160 = 3·48 + 16
    tr.run()
    steps = [s for s in snaps if s.kind == "step"]
    assert [s.epoch for s in steps] == pytest.approx([48 / 160, 96 / 160, 144 / 160, 1.0,
                                                      1 + 48 / 160, 1 + 96 / 160, 1 + 144 / 160, 2.0])


def test_batches_are_the_shuffled_rows_and_the_data_is_not_copied():
    tr = _trainer(batch_size=16, epochs=1)
    seen = []
    real = tr.net.loss_and_grads
    tr.net.loss_and_grads = lambda x, t: (seen.append((x.copy(), t.copy())), real(x, t))[1]
    tr.run()
    perm = np.random.default_rng(0).permutation(len(tr.train))
    x = np.concatenate([b[0] for b in seen])
    t = np.concatenate([b[1] for b in seen])
    assert np.array_equal(x, tr.train.x[perm])
    assert np.array_equal(t.argmax(axis=1), tr.train.y[perm])
    assert np.shares_memory(tr._x, tr.train.x)
