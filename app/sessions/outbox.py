"""Outbox: hands messages from a training thread to the connection's sender coroutine.

Messages that must all arrive (status, epoch metrics, surfaces, errors) go in order; step
metrics are dropped oldest-first beyond a cap; snapshots share one slot where the newest
overwrites an unsent one. Nothing here grows without bound, and the trainer never waits.
Replies to the client's own messages (errors, statuses of pause/resume/step) are counted
while unsent, so the session can close a client that sends faster than it reads.
"""
from __future__ import annotations

import asyncio
import threading
from collections import deque

MAX_STEP_METRICS = 256


class Outbox:
    def __init__(self, loop: asyncio.AbstractEventLoop):
        self._loop = loop
        self._lock = threading.Lock()
        self._messages: deque = deque()
        self._step_count = 0
        self.replies = 0        # unsent answers to the client's own messages
        self._latest = None
        self._event = asyncio.Event()

    def put(self, message, droppable: bool = False, reply: bool = False) -> None:
        """Queue a message (a dict or bytes); droppable ones may be discarded under load;
        `reply`: an answer to something the client sent."""
        with self._lock:
            self._messages.append((droppable, message))
            self._step_count += droppable
            self.replies += reply
            if self._step_count > MAX_STEP_METRICS:
                self._drop_oldest_droppable()
        self._wake()

    def put_latest(self, item, replace: bool = True) -> None:
        """Replace the pending snapshot with a newer one (replace=False: only if none is pending)."""
        with self._lock:
            if replace or self._latest is None:
                self._latest = item
        self._wake()

    def take(self) -> tuple[object, list]:
        """(latest snapshot or None, queued messages in order); empties the outbox."""
        with self._lock:
            latest, self._latest = self._latest, None
            messages = [m for _, m in self._messages]
            self._messages.clear()
            self._step_count = 0
            self.replies = 0
            self._event.clear()
        return latest, messages

    async def wait(self) -> None:
        await self._event.wait()

    def _drop_oldest_droppable(self) -> None:
        for i, (droppable, _) in enumerate(self._messages):
            if droppable:
                del self._messages[i]
                self._step_count -= 1
                return

    def _wake(self) -> None:
        try:
            self._loop.call_soon_threadsafe(self._event.set)
        except RuntimeError:  # the loop has closed: the connection is gone
            pass
