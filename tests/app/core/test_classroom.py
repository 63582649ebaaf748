"""A classroom server (bound to every interface): students reach it by the teacher's IP address
with the token; every other Host is still refused; the server prints one URL per address."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from starlette.websockets import WebSocketDisconnect

from app.core.config import Settings, own_addresses
from server_helpers import client_for, free_port

ROOT = Path(__file__).resolve().parents[3]


def lan_address() -> str:
    """This machine's address on its network, as the kernel would pick it to send a packet out."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.123", 9))          # a UDP connect sends nothing
            address = s.getsockname()[0]
        if not address.startswith("127."):
            return address
    except OSError:
        pass
    return own_addresses(ipv6=False)[0]


@pytest.fixture
def classroom(data_dir):
    settings = Settings(host="0.0.0.0", port=8000, data_dir=data_dir)
    with client_for(settings, wait_ready=False) as client:
        yield client, settings.token


def test_a_student_using_the_teachers_ip_address_is_served(classroom):
    client, token = classroom
    host = f"{lan_address()}:8000"
    assert client.get("/api/health", params={"token": token}, headers={"host": host}).status_code == 200
    assert client.get("/api/health", headers={"host": host}).status_code == 401          # the token still counts
    page = client.get("/", params={"token": token}, headers={"host": host})
    assert page.status_code == 200 and "downhill_token" in page.headers["set-cookie"]
    with client.websocket_connect(f"ws://{host}/ws/train?token={token}", headers={"origin": f"http://{host}"}) as ws:
        ws.send_json({"type": "fly"})
        assert ws.receive_json()["about"] == "message"


@pytest.mark.parametrize("host", ["evil.example:8000", "192.0.2.200:8000", f"{socket.gethostname()}.evil.example:8000",
                                  "8.8.8.8:8000", "0.0.0.0:8000"])
def test_a_classroom_server_still_refuses_every_other_host(classroom, host):
    client, token = classroom
    assert client.get("/api/health", params={"token": token}, headers={"host": host}).status_code == 400
    assert lan_address() != host.split(":")[0]


def test_a_classroom_server_refuses_a_websocket_from_a_foreign_page(classroom):
    client, token = classroom
    host = f"{lan_address()}:8000"
    with pytest.raises(WebSocketDisconnect) as err:
        with client.websocket_connect(f"ws://{host}/ws/train?token={token}", headers={"origin": "http://evil.example"}):
            pass
    assert err.value.code == 1008


def test_a_loopback_server_does_not_answer_to_the_machines_address(client):
    assert client.get("/api/health", headers={"host": f"{lan_address()}:8000"}).status_code == 400


def test_the_printed_urls_are_the_ones_students_can_open(data_dir):
    port = free_port()
    env = {**os.environ, "DOWNHILL_TOKEN": ""}
    proc = subprocess.Popen([sys.executable, "-m", "app", "--host", "0.0.0.0", "--port", str(port),
                             "--data-dir", str(data_dir)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    try:
        lines = [proc.stdout.readline().strip() for _ in range(2)]
        students = []
        while (line := proc.stdout.readline()).startswith("  http://"):
            students.append(line.strip())
            if line.strip().startswith(f"http://{socket.gethostname()}:"):
                break
        assert lines[0].startswith(f"Downhill: http://127.0.0.1:{port}/?token=") and "Students" in lines[1]
        token = lines[0].split("?token=")[1]
        ip = lan_address()
        assert f"http://{ip}:{port}/?token={token}" in students
        assert students[-1] == f"http://{socket.gethostname()}:{port}/?token={token}"
        assert all(url.endswith(f":{port}/?token={token}") for url in students)
        health = _get_when_up(f"http://{ip}:{port}/api/health?token={token}")
        assert health.status_code == 200 and health.json()["status"] == "ok"
        foreign = httpx.get(f"http://{ip}:{port}/api/health?token={token}", headers={"host": f"evil.example:{port}"})
        assert foreign.status_code == 400
    finally:
        proc.terminate()
        proc.wait(10)


def _get_when_up(url: str, timeout: float = 60.0) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            assert time.monotonic() < deadline, "the server did not start listening"
            time.sleep(0.1)
