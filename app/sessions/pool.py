"""JobPool: a fixed number of worker threads; further jobs wait in a bounded line and know
their place.

A job is any object with `run()`, `stop()` and `queued(position)`; `queued(0)` means
"starting now". Beyond `max_waiting` jobs in line, `submit` refuses with `QueueFull`.
Cancelling a waiting job removes it from the line; a running job is stopped by its own flag.
"""
from __future__ import annotations

import logging
import threading

log = logging.getLogger("downhill.pool")


class QueueFull(RuntimeError):
    """The waiting line is at its limit."""


class JobPool:
    def __init__(self, workers: int, max_waiting: int = 32):
        self.workers = max(1, int(workers))
        self.max_waiting = max(0, int(max_waiting))
        self._cond = threading.Condition()
        self._waiting: list = []
        self._active: set = set()
        self._closed = False
        self._threads = [threading.Thread(target=self._work, name=f"downhill-worker-{i}", daemon=True)
                         for i in range(self.workers)]
        for t in self._threads:
            t.start()

    @property
    def running(self) -> int:
        return len(self._active)

    @property
    def waiting(self) -> int:
        with self._cond:
            return max(0, len(self._active) + len(self._waiting) - self.workers)

    def submit(self, job) -> int:
        """Queue a job; returns its position (0 when a worker is free right away, and tells the job)."""
        with self._cond:
            if self._closed:
                raise RuntimeError("the server is shutting down")
            position = max(0, len(self._active) + len(self._waiting) + 1 - self.workers)
            if position > self.max_waiting:
                raise QueueFull(f"{self.max_waiting} runs are already waiting for one of the "
                                f"{self.workers} training slots; try again when one finishes")
            self._waiting.append(job)
            if position:
                job.queued(position)
            self._cond.notify()
        return position

    def cancel(self, job) -> bool:
        """Take a job out of the line; False if it already started (or never was queued)."""
        with self._cond:
            if job not in self._waiting:
                return False
            self._waiting.remove(job)
            waiting = self._places()
        self._announce(waiting)
        return True

    def shutdown(self, timeout: float = 2.0) -> None:
        """Drop waiting jobs, stop running ones, and give the workers `timeout` to finish."""
        with self._cond:
            self._closed = True
            self._waiting.clear()
            active = list(self._active)
            self._cond.notify_all()
        for job in active:
            job.stop()
        for t in self._threads:
            t.join(timeout)

    def _work(self) -> None:
        while True:
            with self._cond:
                while not self._waiting and not self._closed:
                    self._cond.wait()
                if self._closed:
                    return
                job = self._waiting.pop(0)
                self._active.add(job)
                waiting = self._places()
            self._announce(waiting)
            try:
                job.queued(0)
                job.run()
            except Exception:  # a job reports its own errors; this keeps the worker alive
                log.exception("training job failed")
            finally:
                with self._cond:
                    self._active.discard(job)

    def _places(self) -> list[tuple[int, object]]:
        """(position, job) for each job that will really wait: as many as there are idle
        workers are about to start and are not told to wait (call with the lock held)."""
        free = self.workers - len(self._active)
        return [(i + 1 - free, job) for i, job in enumerate(self._waiting) if i + 1 > free]

    @staticmethod
    def _announce(places: list) -> None:
        for position, job in places:
            try:
                job.queued(position)
            except Exception:
                log.exception("queue position callback failed")
