"""TrainingJob on its own: nothing is held before a job starts; a failure is told as such."""
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

    def set_status(self, run_id, status, final=None):
        self.created.append((run_id, status))


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


def test_a_training_that_fails_while_running_sends_an_error_about_the_run():
    store, outbox = Recorder(), Recorder()
    job = TrainingJob("00000000000a", TrainConfig(), None, store, outbox, None)
    assert job._handle(("error", "MemoryError: out of memory")) is True
    error, status = outbox.messages
    assert error == {"type": "error", "about": "run", "run_id": "00000000000a", "field": None,
                     "message": "training failed: MemoryError: out of memory"}
    assert status["state"] == "error" and job.finished.is_set() and store.created == [("00000000000a", "error")]
