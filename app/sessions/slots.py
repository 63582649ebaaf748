"""SessionSlots: at most N open `/ws/train` sessions (uvicorn's --limit-concurrency does not
count WebSockets). Used from the event loop only, so a plain counter is enough."""
from __future__ import annotations


class SessionSlots:
    def __init__(self, limit: int):
        self.limit, self.open = limit, 0

    def acquire(self) -> bool:
        """Take a slot; False when all are taken."""
        if self.open >= self.limit:
            return False
        self.open += 1
        return True

    def release(self) -> None:
        self.open = max(0, self.open - 1)
