"""JobPool: a bounded waiting line whose places are told only to jobs that really wait."""
from __future__ import annotations

import threading
import time

import pytest

from app.sessions.pool import JobPool, QueueFull


class SlowJob:
    def __init__(self):
        self.release, self.positions = threading.Event(), []

    def queued(self, position):
        self.positions.append(position)

    def run(self):
        self.release.wait(5)

    def stop(self):
        self.release.set()


def test_pool_refuses_beyond_the_waiting_line():
    pool = JobPool(workers=1, max_waiting=2)
    try:
        jobs = [SlowJob() for _ in range(3)]
        assert [pool.submit(j) for j in jobs] == [0, 1, 2]
        with pytest.raises(QueueFull, match="2 runs are already waiting"):
            pool.submit(SlowJob())
        assert pool.cancel(jobs[2]) and pool.submit(SlowJob()) == 2   # a freed place is usable
    finally:
        pool.shutdown()


def test_jobs_that_get_an_idle_worker_are_never_told_to_wait():
    pool = JobPool(workers=2, max_waiting=4)
    try:
        jobs = [SlowJob() for _ in range(2)]
        for job in jobs:
            pool.submit(job)
        deadline = time.monotonic() + 5
        while pool.running < 2:
            assert time.monotonic() < deadline
            time.sleep(0.01)
        assert [j.positions for j in jobs] == [[0], [0]]
        third = SlowJob()
        assert pool.submit(third) == 1 and third.positions == [1]
    finally:
        pool.shutdown()
