"""TrainingJob on its own: nothing is held before a job starts; a failure is told as such."""
from __future__ import annotations

import os
import sqlite3

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


class BrokenStore(Recorder):
    """A run store whose disk and database fail once the run is under way."""

    def check_room(self, need=0):
        pass

    def save_weights(self, run_id, net):
        raise OSError(28, "No space left on device")

    def set_status(self, run_id, status, final=None):
        raise sqlite3.OperationalError("attempt to write a readonly database")


def test_a_run_whose_saving_fails_still_ends_with_an_error_and_a_final_status():
    outbox = Recorder()
    job = TrainingJob("00000000000b", TrainConfig(), None, BrokenStore(), outbox, None)
    weights = [p.copy() for p in TrainConfig().network().params]
    job._finish("done", {"val_loss": 0.5}, weights)
    error, status = outbox.messages
    assert error["type"] == "error" and error["about"] == "run" and "could not be saved" in error["message"]
    assert "No space left" in error["message"] and status["state"] == "error" and job.finished.is_set()


def test_a_failure_the_store_cannot_record_still_reaches_the_client():
    outbox = Recorder()
    job = TrainingJob("00000000000c", TrainConfig(), None, BrokenStore(), outbox, None)
    job._handle(("error", "MemoryError"))
    assert [m["type"] for m in outbox.messages] == ["error", "status"] and job.finished.is_set()
