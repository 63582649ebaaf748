"""EventBatch: a remote run's events between two calls keep their order, the newest full
snapshot keeps the arrays, epochs stay whole, and the end is handed over at once."""
from __future__ import annotations

import threading
import time

from app.executors.batch import MAX_STEP_SNAPSHOTS, EventBatch
from engine.snapshot import Snapshot


def snap(step, kind="step", full=True):
    extra = {"weights": [step], "histograms": [{"w": step}], "activation_stats": [{"mean": step}]} if full else {}
    return ("snapshot", Snapshot(kind=kind, step=step, epoch=step / 10, lr=0.1, train_loss=1.0, full=full, **extra))


def test_a_newer_full_snapshot_takes_the_arrays_and_the_older_keeps_its_numbers():
    batch = EventBatch()
    for event in (snap(1), snap(2, full=False), snap(3), snap(10, kind="epoch"), snap(11)):
        batch.send(event)
    events = [e[1] for e in batch.take(wait=0, interval=0)]
    assert [s.step for s in events] == [1, 2, 3, 10, 11]
    assert [s.full for s in events] == [False, False, False, True, True]
    assert events[0].weights == [] and events[0].histograms == [] and events[0].activation_stats == [{"mean": 1}]
    assert events[3].weights == [10] and events[4].weights == [11]   # epochs whole; the newest step whole


def test_epoch_snapshots_are_never_thinned():
    batch = EventBatch()
    for epoch in range(1, 6):
        batch.send(snap(epoch * 10, kind="epoch"))
    assert [s.weights for _, s in batch.take(0, 0)] == [[10], [20], [30], [40], [50]]


def test_step_snapshots_beyond_the_cap_go_oldest_first_but_never_the_newest_full_one():
    batch = EventBatch()
    batch.send(("snapshot_weights", []))
    batch.send(snap(0))
    for step in range(1, MAX_STEP_SNAPSHOTS + 50):
        batch.send(snap(step, full=False))
    batch.send(snap(10_000, kind="epoch"))
    events = batch.take(0, 0)
    steps = [e[1] for e in events if e[0] == "snapshot" and e[1].kind == "step"]
    assert len(steps) == MAX_STEP_SNAPSHOTS and events[0][0] == "snapshot_weights"
    assert steps[-1].step == MAX_STEP_SNAPSHOTS + 49 and events[-1][1].kind == "epoch"


def test_take_waits_for_the_interval_but_hands_over_the_end_at_once():
    batch = EventBatch()
    batch.send(snap(1))
    assert len(batch.take(wait=5.0, interval=0.4)) == 1        # the first call: no interval to wait
    began = time.monotonic()
    assert batch.take(wait=0.05, interval=0.4) == []            # nothing: returns after `wait`
    batch.send(snap(2))
    assert [e[1].step for e in batch.take(wait=5.0, interval=0.4)] == [2]
    assert time.monotonic() - began >= 0.4 - 0.01               # spaced from the last batch handed over
    assert batch.take(wait=0.5, interval=0.4) == []             # an empty call does not count...
    batch.send(snap(3))
    began = time.monotonic()
    assert [e[1].step for e in batch.take(wait=5.0, interval=0.4)] == [3]
    assert time.monotonic() - began < 0.3                       # ... so this one goes at once (a Step's snapshot)
    batch.send(("end", "done", {}, None))
    assert batch.take(wait=5.0, interval=5.0)[0][0] == "end"    # the end does not wait for the interval


def test_a_waiting_take_wakes_when_an_event_arrives():
    batch, got = EventBatch(), []
    taker = threading.Thread(target=lambda: got.extend(batch.take(wait=10, interval=0)))
    taker.start()
    batch.send(snap(1))
    taker.join(5)
    assert not taker.is_alive() and got[0][1].step == 1


def test_a_paused_runs_events_go_at_once():
    paused = [False]
    batch = EventBatch(urgent=lambda: paused[0])
    batch.send(snap(1))
    batch.take(wait=5.0, interval=5.0)
    paused[0] = True                                            # now each step is one someone asked for
    batch.send(snap(2))
    began = time.monotonic()
    assert [e[1].step for e in batch.take(wait=5.0, interval=5.0)] == [2]
    assert time.monotonic() - began < 2.5
