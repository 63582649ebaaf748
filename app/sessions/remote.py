"""RemoteControl: TrainControl's switches, sent to a training process through a pipe.

The session flips switches from the event loop. Until the job starts there is no process
and no pipe: the switches are only remembered (one state, never a backlog), and `attach`
hands that state to the new process's pipe before anything else.
"""
from __future__ import annotations

import threading


class RemoteControl:
    def __init__(self, paused: bool = False, speed: float | None = None):
        self._conn = None
        self._lock = threading.Lock()
        self.paused, self.speed = paused, speed
        self.stopped = False
        self._step: str | None = None     # a step asked for before the process started
        self._lr: float | None = None     # likewise a live learning rate

    def attach(self, conn) -> bool:
        """Start sending to `conn`, after the remembered step/lr; returns whether to start paused."""
        with self._lock:
            self._conn = conn
            if self.stopped:   # stopped while the job was starting: the training must hear it too
                self._deliver("stop", None)
            if self._lr is not None:
                self._deliver("set_lr", self._lr)
            if self._step is not None:
                self._deliver("step", self._step)
            self._step = self._lr = None
            return self.paused

    def detach(self) -> None:
        with self._lock:
            conn, self._conn = self._conn, None
        if conn is not None:
            conn.close()

    def _send(self, command: str, value=None) -> None:
        with self._lock:
            if self._conn is None:
                if command == "step":
                    self._step = value
                elif command == "set_lr":
                    self._lr = value
                elif command in ("pause", "resume"):
                    self._step = None
                return
            self._deliver(command, value)

    def _deliver(self, command: str, value) -> None:
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

    def set_speed(self, speed: float | None) -> None:
        with self._lock:   # a state, not a command: a process started later begins at `speed`
            self.speed = speed
            if self._conn is not None:
                self._deliver("set_speed", speed)
