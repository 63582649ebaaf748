"""Nothing a client sends silences a session (issue 13, points 4, 6 and 10): a probe of the
wrong size at the wrong moment, an exception while sending, control messages before any run;
a client that floods without reading is closed with a clear code, and others go on."""
from __future__ import annotations

import json
import threading
import time

import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from app.core.config import Settings
from app.sessions import session as session_module
from app.sessions.snapshots import SnapshotEncoder
from server_helpers import TINY, WS_URL, free_port, is_status, is_type, live_server, receive, until


def test_a_wrong_size_probe_just_after_a_run_ends_does_not_silence_the_session(client, sessions):
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": TINY})
        until(ws, is_status("done"))
        ws.send_json({"type": "probe", "pixels": [0.5] * 10})   # another size: kept for a next start
        session = sessions[-1]
        assert session.sent_snapshot is not None
        session.outbox.put_latest(session.sent_snapshot)        # the run's last snapshot, still to go
        header, tensors = until(ws, lambda m: isinstance(m, tuple))[-1]
        assert header["type"] == "snapshot" and tensors["act2"].shape == (10,)   # the default probe's
        ws.send_json({"type": "fly"})
        assert receive(ws)["field"] == "type"


def test_an_exception_while_sending_is_reported_and_the_session_goes_on(client, monkeypatch):
    original, calls = SnapshotEncoder.encode, []

    def fails_once(self, *args):
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("an unexpected bug")
        return original(self, *args)
    monkeypatch.setattr(SnapshotEncoder, "encode", fails_once)
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": TINY, "speed": 50})   # paced: snapshots after the failed one
        seen = until(ws, is_status("done"))
        errors = [m for m in seen if is_type("error")(m)]
        assert errors and errors[0]["about"] == "server" and "an unexpected bug" in errors[0]["message"]
        assert any(isinstance(m, tuple) for m in seen), "no snapshot came after the failed one"
        ws.send_json({"type": "fly"})
        assert receive(ws)["field"] == "type"


@pytest.mark.parametrize("message", [{"type": "pause"}, {"type": "resume"}, {"type": "stop"},
                                     {"type": "set_lr", "lr": 0.1}])
def test_control_before_any_run_says_there_is_no_run(client, message):
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json(message)
        error = receive(ws)
    assert error["type"] == "error" and error["about"] == "control" and "no run" in error["message"]


@pytest.fixture
def server(data_dir):
    with live_server(Settings(data_dir=data_dir, port=free_port(), workers=2)) as url:
        yield url.replace("http", "ws") + "/ws/train"


def test_a_client_that_floods_without_reading_is_closed_and_others_go_on(server):
    canary = {}
    thread = threading.Thread(target=_canary, args=(server, canary))
    thread.start()
    closed = None
    with connect(server, max_size=None, max_queue=1) as ws:
        try:
            for _ in range(20_000):   # replies pile up unread until the server has had enough
                ws.send('{"type": "fly"}')
        except ConnectionClosed:
            pass
        deadline = time.monotonic() + 60
        while closed is None and time.monotonic() < deadline:
            try:
                ws.recv(timeout=5)
            except ConnectionClosed as err:
                closed = err
            except TimeoutError:
                break
    assert closed is not None, "the flooding client was never closed"
    assert closed.rcvd is not None and closed.rcvd.code == 1008 and "unread" in closed.rcvd.reason
    thread.join(120)
    assert canary.get("state") == "done", canary


def _canary(url: str, out: dict) -> None:
    try:
        with connect(url, max_size=None) as ws:
            ws.send(json.dumps({"type": "start", "config": TINY}))
            while True:
                msg = ws.recv(timeout=60)
                if isinstance(msg, str) and json.loads(msg).get("state") in ("done", "error", "stopped"):
                    out["state"] = json.loads(msg)["state"]
                    return
    except Exception as err:
        out["error"] = repr(err)


def test_the_flood_bound_is_larger_than_anything_a_reader_meets(client):
    """A page that reads never comes near the bound: 500 quick bad messages, all answered."""
    assert session_module.MAX_UNREAD_REPLIES >= 1000
    with client.websocket_connect(WS_URL) as ws:
        for _ in range(500):
            ws.send_json({"type": "fly"})
        answers = [receive(ws) for _ in range(500)]
    assert all(a["field"] == "type" for a in answers)
