"""TrainControl's speed limit (Pacer) on a fake clock, and a real Trainer slowed by it."""
import threading
import time

import pytest

from engine import optimizers, schedules
from engine.control import Pacer, TrainControl
from engine.datasets.toy import load_toy
from engine.errors import ParameterError
from engine.network import Network
from engine.trainer import Trainer
from support import TickingClock


def test_pacer_spaces_steps_by_one_over_the_rate_at_the_rate_in_force():
    pacer = Pacer(2.0)
    assert pacer.wait(100.0) == 0                      # the first step goes at once
    pacer.took(100.0)
    assert pacer.wait(100.1) == pytest.approx(0.4)
    assert pacer.wait(100.5) == 0
    pacer.rate = 10.0                                  # a new speed counts from the last step
    assert pacer.wait(100.05) == pytest.approx(0.05)
    pacer.rate = None
    assert pacer.wait(100.0) == 0


def test_a_paced_control_lets_batches_go_at_most_speed_a_second_of_its_clock():
    clock = TickingClock(0.004)
    control = TrainControl(speed=25, clock=clock)        # one batch every 0.04 s of the clock
    starts = []
    for _ in range(12):
        assert control.wait_for_batch()
        starts.append(clock.now)
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    assert min(gaps) >= 0.04 - 1e-9 and len(starts) == 12


def test_steps_are_taken_at_once_whatever_the_speed_and_a_new_speed_wakes_a_waiting_batch():
    control = TrainControl(paused=True, speed=0.001)     # one batch every 1000 s
    control.step("batch")
    started = time.monotonic()
    assert control.wait_for_batch() and time.monotonic() - started < 1.0
    control.resume()
    assert control.wait_for_batch()                      # running: the first batch goes at once...
    passed = threading.Event()
    waiter = threading.Thread(target=lambda: control.wait_for_batch() and passed.set(), daemon=True)
    waiter.start()
    assert not passed.wait(0.3)                          # ... the next waits its 1000 s
    control.set_speed(None)
    assert passed.wait(5.0)
    assert control.speed is None


@pytest.mark.parametrize("speed", [0, -1, float("inf"), float("nan"), "fast", True])
def test_a_speed_must_be_a_positive_number(speed):
    with pytest.raises(ParameterError) as err:
        TrainControl().set_speed(speed)
    assert err.value.field == "speed"


def test_a_paced_trainer_takes_its_time_and_learns_the_same():
    def trainer(control):
        train, val = load_toy("moons", seed=0)
        return Trainer(Network.mlp([2, 8, 2], "tanh"), optimizers.create("sgd", lr=0.5),
                       schedules.create("constant", 0.5), train, val, batch_size=16, epochs=1,
                       control=control, snapshot_every=0)
    free, paced = trainer(TrainControl()), trainer(TrainControl(speed=40))
    free.run()
    started = time.monotonic()
    assert paced.run() == "done"
    assert time.monotonic() - started >= (paced.steps_per_epoch - 1) / 40
    assert paced.history[0]["train_loss"] == free.history[0]["train_loss"]
