"""RemoteControl: switches remembered as state, not a backlog, until a process is attached."""
from __future__ import annotations

from app.sessions.remote import RemoteControl


class Pipe:
    """Stands in for the command pipe: remembers what was sent."""

    def __init__(self):
        self.sent = []

    def send(self, item):
        self.sent.append(item)

    def close(self):
        pass


def test_remote_control_remembers_state_not_a_backlog_until_attached():
    control, pipe = RemoteControl(paused=False), Pipe()
    for lr in (0.1, 0.2, 0.3) * 100:
        control.set_lr(lr)
    for _ in range(100):
        control.step("batch")
    control.step("epoch")
    assert control.attach(pipe) is True                   # stepping means starting paused
    assert pipe.sent == [("set_lr", 0.3), ("step", "epoch")]
    control.resume()
    assert pipe.sent[-1] == ("resume", None)


def test_a_stop_given_while_the_job_was_starting_reaches_the_training():
    control, pipe = RemoteControl(), Pipe()
    control.stop()
    control.attach(pipe)
    assert pipe.sent == [("stop", None)]
