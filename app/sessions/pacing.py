"""LiveSnapshots: how often a training run shows itself to a person watching over a socket.

The trainer's snapshot policy (see engine/snapshot.py) for server runs:
- Running freely, a step snapshot is due every `every` steps, and every step while the run
  is slowed to a speed a person can follow. Full snapshots (weights, statistics) come at
  most `max_rate` a second (the page draws about 30); the due ones between are light
  (numbers and gradient norms, no arrays), at most ten times as often, and the rest wait for
  the next (their steps stay in its running loss).
- A one-batch step is always shown whole: the page must show the step it asked for. An
  epoch-long step runs like free training.
- The trainer sends a full snapshot of where a pause stopped it when one was held back.
So at 2 steps a second every step is a full snapshot; at 300 a second the page still gets
at most `max_rate` full ones, with light ones filling in the curves.
"""
from __future__ import annotations

import math
import time


class LiveSnapshots:
    def __init__(self, every: int | None, max_rate: float | None, clock=time.perf_counter):
        """`max_rate`: full step snapshots a second at most while running (None: no cap)."""
        self.every = int(every or 0)
        self.gap = 1.0 / max_rate if max_rate else 0.0
        self.clock = clock
        self.last_full = self.last_any = -math.inf
        self.held_back = False   # a due step snapshot was thinned since the last full one

    def due(self, step: int, control) -> str | None:
        """"full", "light" or None for the step about to be taken (counting from 1)."""
        if control.paused and control.stepping != "epoch":
            return "full"
        if control.speed is None and not (self.every and step % self.every == 0):
            return None
        if not self.gap or (control.speed is not None and control.speed <= 1 / self.gap):
            return "full"   # a pace a page can draw whole: every step, however long each took
        now = self.clock()
        self.held_back = True
        if now - self.last_full >= self.gap:
            return "full"
        return "light" if now - self.last_any >= self.gap / 10 else None

    def sent(self, full: bool) -> None:
        self.last_any = self.clock()
        if full:
            self.last_full, self.held_back = self.last_any, False
