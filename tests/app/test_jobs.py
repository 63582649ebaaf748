"""TrainingJob, RemoteControl and JobPool on their own: nothing is held before a job starts."""
from __future__ import annotations

import os
import threading
import time

import pytest

from app.schemas.train import TrainConfig
from app.sessions.job import TrainingJob
from app.sessions.pool import JobPool, QueueFull
from app.sessions.remote import RemoteControl


class Recorder:
    """Stands in for the outbox and the run store."""

    def __init__(self):
        self.messages, self.created = [], []

    def put(self, message, droppable=False):
        self.messages.append(message)

    def create(self, *args, **kwargs):
        self.created.append((args, kwargs))


def _open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_queued_jobs_hold_no_pipe_and_leave_no_row_when_cancelled():
    store = Recorder()
    before = _open_fds()
    jobs = [TrainingJob(f"{i:012x}", TrainConfig(), None, store, Recorder(), None) for i in range(20)]
    assert _open_fds() == before, "a job waiting in line opened file descriptors"
    for job in jobs:
        job.stop()
        job.cancelled()
        assert job.finished.is_set() and job.outbox.messages[-1]["state"] == "stopped"
    assert store.created == []


def test_remote_control_remembers_state_not_a_backlog_until_attached():
    sent = []

    class Pipe:
        def send(self, item):
            sent.append(item)

        def close(self):
            pass
    control = RemoteControl(paused=False)
    for lr in (0.1, 0.2, 0.3) * 100:
        control.set_lr(lr)
    for _ in range(100):
        control.step("batch")
    control.step("epoch")
    assert control.attach(Pipe()) is True                 # stepping means starting paused
    assert sent == [("set_lr", 0.3), ("step", "epoch")]
    control.resume()
    assert sent[-1] == ("resume", None)


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
