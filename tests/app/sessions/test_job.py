"""TrainingJob on its own: nothing is held before a job starts."""
from __future__ import annotations

import os

from app.schemas.train import TrainConfig
from app.sessions.job import TrainingJob


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
