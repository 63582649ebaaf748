"""FrameCache: the last few encoded frames by key, shared by an app's sessions."""
from __future__ import annotations

import threading
from collections import OrderedDict


class FrameCache:
    """The last few frames by key, for every session of an app (every student's page asks for
    the default settings' untrained surface); safe to share between compute threads."""

    def __init__(self, size: int = 16):
        self.size, self.frames, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key: str) -> bytes | None:
        with self.lock:
            if key in self.frames:
                self.frames.move_to_end(key)
            return self.frames.get(key)

    def put(self, key: str, frame: bytes) -> None:
        with self.lock:
            self.frames[key] = frame
            while len(self.frames) > self.size:
                self.frames.popitem(last=False)
