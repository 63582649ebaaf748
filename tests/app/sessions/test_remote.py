"""RemoteControl: switches remembered as state, not a backlog, until a process is attached."""
from __future__ import annotations

from app.sessions.remote import RemoteControl


def test_remote_control_remembers_state_not_a_backlog_until_attached():
    sent = []

    class Pipe:
        def send(self, item):
            sent.append(item)

        def close(self):
            pass
    control = RemoteControl(paused=False)
    for lr in (0.1, 0.2, 0.3) * 100:
        control.set_lr(lr)
    for _ in range(100):
        control.step("batch")
    control.step("epoch")
    assert control.attach(Pipe()) is True                 # stepping means starting paused
    assert sent == [("set_lr", 0.3), ("step", "epoch")]
    control.resume()
    assert sent[-1] == ("resume", None)


def test_a_stop_given_while_the_job_was_starting_reaches_the_training():
    sent = []

    class Pipe:
        def send(self, item):
            sent.append(item)

        def close(self):
            pass
    control = RemoteControl()
    control.stop()
    control.attach(Pipe())
    assert sent == [("stop", None)]
