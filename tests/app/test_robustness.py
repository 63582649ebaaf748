"""docs/robustness.md, row by row, against a real server, with a healthy canary session
training alongside that must never go silent (the doc says how to read a row)."""
from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import connect

from app.core.config import Settings
from server_helpers import TINY, data_dir_from, free_port, live_server, strict_loads

DOC = Path(__file__).resolve().parents[2] / "docs" / "robustness.md"
ROW = re.compile(r"^\| ([RW]\d+) \| (.+?) \| (?:`(.*)`)? ?\| (.+?) \| .*\|$")
CANARY_SILENCE = 5.0   # seconds the canary may go without a message from its run
PIXELS = [0.0] * 700 + [0.9] * 84


@dataclass
class Row:
    id: str
    to: str
    sent: str
    answer: str


def _rows() -> list[Row]:
    rows = [Row(*m.groups()) for m in map(ROW.match, DOC.read_text().splitlines()) if m]
    return [Row(r.id, r.to, r.sent or "", r.answer) for r in rows]


ROWS = _rows()


def expand(sent: str) -> bytes:
    """The row's `sent` with its macros written out (docs/robustness.md names them)."""
    text = re.sub(r"ROWS\((\d+), (\d+), (.+?)\)",
                  lambda m: "[" + ",".join([f"PIX({m[2]}, {m[3]})"] * int(m[1])) + "]", sent)
    text = re.sub(r"PIX\((\d+), (.+?)\)", lambda m: "[" + ",".join([m[2]] * int(m[1])) + "]", text)
    text = re.sub(r"LIST\((\d+), (.+?\}?)\)(?=[\],])", lambda m: ",".join([m[2]] * int(m[1])), text)
    text = re.sub(r"DEEP\((\d+)\)", lambda m: "[" * int(m[1]) + "]" * int(m[1]), text)
    text = re.sub(r"PAD\((\d+)\)", lambda m: "x" * int(m[1]), text)
    text = re.sub(r"DIGITS\((\d+)\)", lambda m: "9" * int(m[1]), text)
    text = re.sub(r"BIG\((\d+)\)", lambda m: " " * int(m[1]), text)
    return text.encode().replace(b"XFF", b"\xff")


def test_the_table_has_at_least_eighty_rows_of_each_kind_together():
    assert len(ROWS) >= 80 and len({r.id for r in ROWS}) == len(ROWS)
    assert sum(r.id[0] == "R" for r in ROWS) >= 40 and sum(r.id[0] == "W" for r in ROWS) >= 30


@pytest.fixture(scope="module")
def server(seeded_dir, tmp_path_factory):
    data = data_dir_from(seeded_dir, tmp_path_factory.mktemp("robustness"))
    settings = Settings(data_dir=data, port=free_port(), workers=2)
    with live_server(settings) as url:
        canary = Canary(url)
        canary.start()
        yield url, canary
        canary.stop()


class Canary(threading.Thread):
    """A student training a paced run and drawing digits while the table is sent."""

    def __init__(self, url: str):
        super().__init__(daemon=True)
        self.url = url
        self.times: list[float] = []
        self.final: dict | None = None
        self.predictions = {"ok": 0, "failed": 0}
        self.error: str | None = None
        self.quit = threading.Event()

    def run(self) -> None:
        try:
            with connect(self.url.replace("http", "ws") + "/ws/train", max_size=None) as ws, \
                    httpx.Client(base_url=self.url) as http:
                ws.send(json.dumps({"type": "start", "config": {**TINY, "epochs": 500}, "speed": 20}))
                self._follow(ws, http)
        except Exception as err:   # reported by the last test
            self.error = repr(err)

    def _follow(self, ws, http) -> None:
        asked_stop, last_predict = False, 0.0
        while True:
            if self.quit.is_set() and not asked_stop:
                ws.send(json.dumps({"type": "stop"}))
                asked_stop = True
            if time.monotonic() - last_predict > 1.0:
                r = http.post("/api/predict", json={"pixels": PIXELS})
                self.predictions["ok" if r.status_code == 200 else "failed"] += 1
                last_predict = time.monotonic()
            msg = ws.recv(timeout=30)
            self.times.append(time.monotonic())
            if isinstance(msg, str):
                m = json.loads(msg)
                if m["type"] == "error" or (m["type"] == "status" and m["state"] in ("done", "stopped", "error")):
                    self.final = m
                    return

    def stop(self) -> None:
        self.quit.set()
        self.join(60)


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_bad_input(server, row: Row):
    url, _ = server
    if row.to.startswith("ws"):
        _websocket(url, row)
    else:
        _http(url, row)


def _http(url: str, row: Row) -> None:
    method, path, *extra = row.to.split(" ")
    headers = {"content-type": "application/json", "origin": url} if method in ("POST", "PUT", "PATCH") else {}
    for name, value in (h.strip("[]").split("=", 1) for h in extra):
        headers[name] = value
    body = expand(row.sent) if row.sent or method in ("POST", "PUT", "PATCH") else None
    with httpx.Client(base_url=url, timeout=60) as client:
        r = client.request(method, path, content=body, headers=headers)
    expect = re.fullmatch(r'(\d{3})(?: at (\S+))?(?: says "(.*)")?', row.answer)
    assert expect, f"{row.id}: unreadable answer {row.answer!r}"
    status, at, words = expect.groups()
    assert r.status_code == int(status), (row.id, r.status_code, r.text[:300])
    assert r.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in r.headers
    detail = strict_loads(r.text)["detail"]
    if at is not None:
        assert isinstance(detail, list), (row.id, detail)
        assert ".".join(str(p) for p in detail[0]["loc"][1:]) == at, (row.id, detail)
    if words is not None:
        assert words in str(detail), (row.id, detail)


def _websocket(url: str, row: Row) -> None:
    data = expand(row.sent)
    with connect(url.replace("http", "ws") + "/ws/train", max_size=None) as ws:
        if row.to == "ws binary":
            ws.send(data)
        elif row.to == "ws bytes":
            ws.send(data, text=True)
        else:
            ws.send(data.decode())
        if row.answer.startswith("close"):
            with pytest.raises(ConnectionClosed) as closed:
                ws.recv(timeout=20)
            assert closed.value.rcvd is not None and closed.value.rcvd.code == int(row.answer.split()[1]), \
                (row.id, closed.value)
            return
        message = strict_loads(ws.recv(timeout=20))
    expect = re.fullmatch(r'error (\w+) (\S+)(?: says "(.*)")?', row.answer)
    assert expect, f"{row.id}: unreadable answer {row.answer!r}"
    about, field, words = expect.groups()
    assert message["type"] == "error" and message["about"] == about, (row.id, message)
    assert message["field"] == (None if field == "-" else field), (row.id, message)
    if words is not None:
        assert words in message["message"], (row.id, message)


def test_the_canary_trained_through_the_whole_table(server):
    """Runs after the table: the healthy session never went silent and ended as asked."""
    url, canary = server
    canary.stop()
    assert canary.error is None and canary.final is not None, (canary.error, canary.final)
    assert canary.final["type"] == "status" and canary.final["state"] == "stopped", canary.final
    gaps = [b - a for a, b in zip(canary.times, canary.times[1:])]
    assert len(canary.times) > 50 and max(gaps) < CANARY_SILENCE, (len(canary.times), max(gaps))
    assert canary.predictions["failed"] == 0 and canary.predictions["ok"] > 3, canary.predictions
    assert httpx.get(f"{url}/api/health").json()["ready"]
