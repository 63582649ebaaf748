"""RemoteControl: TrainControl's switches, sent to a training process through a pipe.

The session flips switches from the event loop; commands sent before the process starts
wait in the pipe and are applied first thing (the process starts paused if asked to).
"""
from __future__ import annotations

import threading


class RemoteControl:
    def __init__(self, conn, paused: bool = False):
        self._conn = conn
        self._lock = threading.Lock()
        self.paused = paused
        self.stopped = False

    def _send(self, command: str, value=None) -> None:
        with self._lock:
            try:
                self._conn.send((command, value))
            except (OSError, ValueError):  # the process has ended: nothing left to control
                pass

    def pause(self) -> None:
        self.paused = True
        self._send("pause")

    def resume(self) -> None:
        self.paused = False
        self._send("resume")

    def stop(self) -> None:
        self.stopped = True
        self._send("stop")

    def step(self, unit: str = "batch") -> None:
        self.paused = True
        self._send("step", unit)

    def set_lr(self, lr: float) -> None:
        self._send("set_lr", float(lr))
