"""EventBatch: what a remote training leaves for the driver's next call, with the outbox's rules.

A Ray actor cannot push to the server; the server calls it (one call at a time per run) and
takes what has piled up since. Between two calls:
- events stay in order, and the end of a run is handed over at once;
- snapshots share one slot for arrays, newest wins: a full step snapshot followed by a newer
  full one before the call loses its weights and histograms (its numbers stay, so the curves
  and the metrics rows are whole), which also caps the arrays sent to one batch per call;
- epoch snapshots are kept whole (the run store keeps every epoch);
- at most MAX_STEP_SNAPSHOTS step snapshots wait; beyond that the oldest go.
So a run sends at most one set of arrays per call however fast it trains, and nothing grows
without bound while the driver is slow. Calls are spaced `interval` apart while the run
trains; a paused run's events (the step someone asked for) and its end go at once.
"""
from __future__ import annotations

import dataclasses
import math
import threading
import time
from collections import deque

MAX_STEP_SNAPSHOTS = 256
ENDS = ("end", "error")


class EventBatch:
    def __init__(self, clock=time.monotonic, urgent=None):
        """`urgent()` true: hand events over at once (a paused run's steps: someone waits for each)."""
        self._urgent = urgent or (lambda: False)
        self._cond = threading.Condition()
        self._events: deque = deque()     # one-item lists, so an entry can be replaced in place
        self._full_step = None            # the waiting full step snapshot's entry, if any
        self._steps = 0
        self._ended = False
        self._last_take = -math.inf
        self._clock = clock

    def send(self, event: tuple) -> None:
        """Add an event (the training thread's `send`); never blocks on the driver."""
        with self._cond:
            entry = [event]
            if event[0] == "snapshot":
                self._add_snapshot(entry, event[1])
            self._events.append(entry)
            self._ended |= event[0] in ENDS
            self._cond.notify_all()

    def _add_snapshot(self, entry: list, snap) -> None:
        if snap.full and self._full_step is not None:   # newest wins the arrays
            older = self._full_step[0][1]
            self._full_step[0] = ("snapshot", dataclasses.replace(older, weights=[], histograms=[], full=False))
            self._full_step = None
        if snap.kind != "step":
            return
        if snap.full:
            self._full_step = entry
        self._steps += 1
        if self._steps > MAX_STEP_SNAPSHOTS:
            self._drop_oldest_step()

    def _drop_oldest_step(self) -> None:
        for entry in self._events:
            event = entry[0]
            if event[0] == "snapshot" and event[1].kind == "step" and entry is not self._full_step:
                self._events.remove(entry)
                self._steps -= 1
                return

    def take(self, wait: float, interval: float) -> list:
        """The waiting events, in order. Returns once there are some and `interval` s have
        passed since the last take that handed some over (at once for a run's end), or after
        `wait` s with whatever there is."""
        with self._cond:
            deadline = self._clock() + wait
            while True:
                now = self._clock()
                ready_at = self._last_take + interval
                if self._events and (self._ended or now >= ready_at or self._urgent()) or now >= deadline:
                    break
                self._cond.wait(min(deadline, ready_at if self._events else deadline) - now)
            events = [entry[0] for entry in self._events]
            self._events.clear()
            self._full_step, self._steps = None, 0
            if events:   # an empty call spaces nothing out: what comes next (a step's snapshot) goes at once
                self._last_take = self._clock()
            return events
