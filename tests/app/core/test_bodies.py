"""Every route that takes a body reads strict JSON: a non-finite number, a number beyond a
double, invalid UTF-8, a lone surrogate or a body nested too deep gets a 422 naming the
field, in strict JSON, with the safety headers (issue 13, point 1)."""
from __future__ import annotations

import pytest

from server_helpers import strict_loads

PIXELS = ",".join(["0.5"] * 783)
NONFINITE = [   # (path, raw JSON body, the field the answer must name)
    ("/api/predict", '{"pixels": [NaN, ' + PIXELS + "]}", ["body", "pixels", 0]),
    ("/api/predict", '{"pixels": [1e999, ' + PIXELS + "]}", ["body", "pixels", 0]),
    ("/api/predict", '{"pixels": [-Infinity, ' + PIXELS + "]}", ["body", "pixels", 0]),
    ("/api/schedule", '{"name": "constant", "base_lr": NaN, "epochs": 3}', ["body", "base_lr"]),
    ("/api/toy/race", '{"function": "bowl", "start": [Infinity, 1], "optimizers": [{"name": "sgd", "lr": 0.1}]}',
     ["body", "start", 0]),
    ("/api/runs/default/surface", '{"span": NaN}', ["body", "span"]),
    ("/api/runs/default/interpolation", '{"lo": NaN}', ["body", "lo"]),
    ("/api/predict", '{"image_b64": "AAAA", "width": NaN, "height": 1}', ["body", "width"]),
    ("/api/schedule", '{"name": "constant", "base_lr": 0.1, "epochs": 1' + "0" * 400 + "}", ["body", "epochs"]),
]


@pytest.mark.parametrize("path, body, loc", NONFINITE)
def test_a_non_finite_number_gets_422_naming_its_field(client, path, body, loc):
    r = client.post(path, content=body.encode(), headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    detail = strict_loads(r.text)["detail"]
    assert detail[0]["loc"] == loc and "finite" in detail[0]["msg"]
    assert r.headers["x-content-type-options"] == "nosniff" and "content-security-policy" in r.headers


@pytest.mark.parametrize("body, loc, words", [
    (b'{"name": "constant", "base_lr": 0.1, "epochs": 3, "x": "\xff"}', ["body"], "UTF-8"),
    (b'{"name": "\\ud800", "base_lr": 0.1, "epochs": 3}', ["body", "name"], "surrogate"),
    (b"[" * 40 + b"]" * 40, ["body"], "nested"),
    (b"[" * 100_000 + b"]" * 100_000, ["body"], "nested"),
    (b'{"name": "constant", "base_lr": 0.1,', ["body", 36], "JSON"),
    (b"\xef\xbb\xbf{}", ["body", 0], "JSON"),
])
def test_malformed_json_gets_422_saying_what_is_wrong(client, body, loc, words):
    r = client.post("/api/schedule", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 422, r.text
    detail = strict_loads(r.text)["detail"][0]
    assert detail["loc"] == loc and words in detail["msg"]


def test_a_huge_canvas_body_is_checked_off_the_event_loop_and_still_served(client):
    """Over 64 KiB the strict check runs in a thread: the answer is the same."""
    row = "[" + ",".join(["0.0"] * 200) + "]"
    ink = "[" + ",".join(["0.9"] * 200) + "]"
    body = '{"image": [' + ",".join([row] * 100 + [ink] * 100) + "]}"
    assert len(body) > 64 << 10
    r = client.post("/api/predict", content=body.encode(), headers={"content-type": "application/json"})
    assert r.status_code == 200 and 0 <= r.json()["prediction"] <= 9


def test_an_unexpected_server_error_is_json_with_the_safety_headers(data_dir, monkeypatch):
    from fastapi.testclient import TestClient

    from app.core.config import Settings
    from app.main import create_app
    from app.routes import options

    def broken(settings):
        raise RuntimeError("a bug")
    monkeypatch.setattr(options, "limits", broken)
    with TestClient(create_app(Settings(data_dir=data_dir)), base_url="http://127.0.0.1:8000",
                    raise_server_exceptions=False) as client:
        r = client.get("/api/options")
        assert r.status_code == 500 and "internal server error" in r.json()["detail"]
        assert r.headers["x-frame-options"] == "DENY" and "content-security-policy" in r.headers
        assert client.get("/api/health").status_code == 200   # and it keeps serving


@pytest.mark.parametrize("method, path, allowed", [
    ("PUT", "/api/schedule", {"POST"}), ("PUT", "/api/health", {"GET", "HEAD"}),
    ("PATCH", "/api/runs/0123456789ab", {"GET", "HEAD", "DELETE"}), ("POST", "/api/options", {"GET", "HEAD"}),
])
def test_a_method_a_route_does_not_take_is_405_listing_the_ones_it_does(client, method, path, allowed):
    r = client.request(method, path)
    assert r.status_code == 405
    assert {m.strip() for m in r.headers["allow"].split(",")} == allowed


def test_bodies_must_still_be_json_and_bounded(client):
    r = client.post("/api/schedule", content=b"name=constant", headers={"content-type": "text/plain"})
    assert r.status_code == 415
    r = client.post("/api/schedule", content=b"{}", headers={"content-type": "application/json",
                                                              "content-length": "99999999999"})
    assert r.status_code == 413
