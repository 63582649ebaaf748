"""LiveSnapshots, the server's snapshot policy, driving a real Trainer: full snapshots capped
per second with light ones between, the held-back one sent on a pause, steps always whole,
and every step shown while a run is slowed down."""
import time

import numpy as np
import pytest

from app.sessions.pacing import LiveSnapshots
from engine import optimizers, schedules
from engine.control import TrainControl
from engine.datasets.toy import load_toy
from engine.network import Network
from engine.trainer import Trainer
from support import TickingClock, run_in_thread, wait_until


def _trainer(batch_size, epochs, **kw):
    train, val = load_toy("moons", seed=0)
    net = Network.mlp([2, 8, 2], "tanh", seed=0)
    return Trainer(net, optimizers.create("sgd", lr=0.5), schedules.create("constant", 0.5),
                   train, val, batch_size=batch_size, epochs=epochs, **kw)


def test_a_snapshot_rate_cap_thins_full_snapshots_and_fills_in_with_light_ones():
    losses = []
    free, capped = [], []
    base = _trainer(batch_size=8, epochs=2, on_snapshot=free.append, snapshot_every=1)
    real = base.net.loss_and_grads
    base.net.loss_and_grads = lambda x, t: (lambda v: (losses.append(v), v)[1])(real(x, t))
    base.run()
    # The clock moves 1 ms a reading (about two a step): full snapshots at most 25 a second
    # come every ~20 steps, light ones (at most 250 a second) every ~2, the steps between none.
    tr = _trainer(batch_size=8, epochs=2, on_snapshot=capped.append,
                  snapshots=LiveSnapshots(every=1, max_rate=25, clock=TickingClock(0.001)))
    tr.run()
    total = 2 * tr.steps_per_epoch
    steps = [s for s in capped if s.kind == "step"]
    full = [s for s in steps if s.full]
    light = [s for s in steps if not s.full]
    assert len([s for s in free if s.kind == "step"]) == total
    assert 0 < len(full) < total / 10 and len(full) + len(light) < total * 0.75 and len(light) > len(full)
    assert [s.epoch for s in capped if s.kind == "epoch"] == [1.0, 2.0] and all(s.full for s in capped if s.kind == "epoch")
    # Same seed, same training: a full snapshot's weights are the free run's at that step.
    by_step = {s.step: s for s in free if s.kind == "step"}
    for s in full:
        np.testing.assert_array_equal(s.weights[0], by_step[s.step].weights[0])
        assert s.activation_stats and s.histograms
    for s in light:
        assert not s.weights and not s.histograms and not s.activation_stats
        assert s.grad_norms == pytest.approx(by_step[s.step].grad_norms, rel=1e-6)
    # Each one's loss is the mean over every step since the one before (a new epoch starts afresh).
    previous = 0
    for s in steps:
        if s.step > tr.steps_per_epoch >= previous:
            previous = tr.steps_per_epoch
        assert s.train_loss == pytest.approx(np.mean(losses[previous:s.step]), rel=1e-6)
        previous = s.step


def test_a_pause_sends_the_step_snapshot_the_rate_cap_held_back():
    snaps = []
    control = TrainControl()
    tr = _trainer(batch_size=8, epochs=50, on_snapshot=snaps.append, control=control,
                  snapshots=LiveSnapshots(every=1, max_rate=1e-9))   # while running, one snapshot at most
    thread, result = run_in_thread(tr)
    wait_until(lambda: tr.step > 30)
    control.pause()
    time.sleep(0.3)
    paused_at, seen = tr.step, len(snaps)
    assert snaps[-1].step == paused_at and snaps[-1].full                    # what the pause shows is now
    np.testing.assert_array_equal(snaps[-1].weights[0], tr.net.params[0])
    assert sum(s.kind == "step" and s.full for s in snaps) <= 2 + sum(s.kind == "epoch" for s in snaps)
    control.step("batch")                                                    # stepping is never thinned
    wait_until(lambda: len(snaps) > seen)
    stepped = [s for s in snaps[seen:] if s.kind == "step"]   # (an epoch snapshot follows if it ended one)
    assert len(stepped) == 1 and stepped[0].full and stepped[0].step == paused_at + 1
    control.stop()
    thread.join(5)
    assert result["status"] == "stopped"


class Control:
    """The switches LiveSnapshots reads."""
    def __init__(self, speed=None, paused=False, stepping=None):
        self.speed, self.paused, self.stepping = speed, paused, stepping


def _shown(policy, control, steps, seconds_per_step):
    """Drive the policy like a trainer taking `steps` steps, one every `seconds_per_step`: (full, light) counts."""
    now = [0.0]
    policy.clock = lambda: now[0]
    full = light = 0
    for step in range(1, steps + 1):
        now[0] = step * seconds_per_step
        due = policy.due(step, control)
        if due:
            policy.sent(due == "full")
            full, light = full + (due == "full"), light + (due == "light")
    return full, light


def test_a_slowed_run_shows_every_step_whole_and_a_fast_one_stays_within_the_cap():
    assert _shown(LiveSnapshots(every=50, max_rate=30), Control(speed=2), 20, 0.5) == (20, 0)
    full, light = _shown(LiveSnapshots(every=50, max_rate=30), Control(speed=300), 3000, 1 / 300)
    assert 250 <= full <= 30 * 10 + 1 and full + light >= 1500   # 10 s: ≤ 30 full a second, light ones between
    full, light = _shown(LiveSnapshots(every=50, max_rate=30), Control(), 3000, 1 / 300)
    assert full + light == 60                                     # unpaced: every 50 steps only


def test_a_single_step_is_always_shown_whole_and_an_epoch_step_runs_like_training():
    policy = LiveSnapshots(every=50, max_rate=30)
    assert _shown(policy, Control(paused=True), 7, 0.0) == (7, 0)
    assert _shown(LiveSnapshots(every=50, max_rate=30), Control(paused=True, stepping="epoch"), 100, 0.0) == (1, 0)


def test_a_run_slowed_below_the_cap_shows_every_step_whole_even_when_steps_take_long():
    # 10 steps a second, each step and its snapshot taking 80 ms of the 100 (a busy machine):
    # the next step starts 20 ms after the last snapshot went, still every one is whole.
    policy, now = LiveSnapshots(every=50, max_rate=30), [0.0]
    policy.clock = lambda: now[0]
    shown = []
    for step in range(1, 21):
        now[0] = step * 0.1
        shown.append(policy.due(step, Control(speed=10)))
        now[0] += 0.08
        policy.sent(shown[-1] == "full")
    assert shown == ["full"] * 20
