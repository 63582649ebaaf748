"""/api/predict, /api/evaluation and /api/model/weights: the default model, saved runs, and a
run followed while it trains (its newest weights) and after (its saved ones)."""
from __future__ import annotations

import base64
import time

import numpy as np
import pytest
from fastapi.testclient import TestClient

from server_helpers import TINY, WS_URL, is_status, is_type, receive, until


def test_predict_on_a_test_digit_explains_every_layer(client):
    digit = client.get("/api/digits/test/0").json()
    r = client.post("/api/predict", json={"pixels": digit["pixels"]})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["prediction"] == digit["label"] and body["model"] == "default"
    assert abs(sum(body["probabilities"]) - 1) < 1e-4
    assert [len(a) for a in body["activations"]] == [16, 16, 10]
    assert [len(a) for a in body["pre_activations"]] == [16, 16, 10]
    assert len(body["saliency"]) == 784 and len(body["input"]) == 784


def test_predict_preprocesses_a_canvas(client):
    digit = np.asarray(client.get("/api/digits/test/1").json()["pixels"]).reshape(28, 28)
    canvas = np.kron(digit, np.ones((8, 8)))      # a 224×224 drawing of the same digit
    body = client.post("/api/predict", json={"image": canvas.tolist(), "steps": True}).json()
    assert body["prediction"] == client.get("/api/digits/test/1").json()["label"]
    assert np.asarray(body["input"]).max() > 0.5
    assert max(body["steps"]["scaled"]["shape"]) == 20
    assert np.allclose(body["steps"]["com_after"], [14, 14], atol=0.05)


@pytest.mark.parametrize("payload, words", [
    ({"image": [[0.0] * 50] * 50}, "empty"),
    ({"pixels": [0.5] * 783}, "784"),
    ({"pixels": [2.0] * 784}, "0..1"),
    ({}, "exactly one"),
    ({"pixels": [0.1] * 784, "model": "0123456789ab"}, "no saved model"),
])
def test_bad_predict_requests_get_clear_answers(client, payload, words):
    r = client.post("/api/predict", json=payload)
    assert r.status_code in (404, 422)
    assert words in str(r.json()["detail"])


def _ready(client: TestClient):
    for _ in range(600):
        if client.get("/api/health").json().get("ready"):
            return
        time.sleep(0.05)
    raise AssertionError("server never became ready")


def test_weights_of_the_default_model_explain_its_predictions(client: TestClient):
    _ready(client)
    body = client.get("/api/model/weights").json()
    shapes = [(len(l["W"]), len(l["W"][0])) for l in body["layers"]]
    assert shapes == [(784, 16), (16, 16), (16, 10)]
    digit = client.get("/api/digits/test/0").json()
    answer = client.post("/api/predict", json={"pixels": digit["pixels"]}).json()
    # The first hidden layer's pre-activation is x·W1 + b1: the contribution map sums to it.
    x = np.array(digit["pixels"])
    w1, b1 = np.array(body["layers"][0]["W"]), np.array(body["layers"][0]["b"])
    np.testing.assert_allclose(x @ w1 + b1, answer["pre_activations"][0], atol=1e-3)


def test_unknown_model_is_404(client: TestClient):
    _ready(client)
    assert client.get("/api/model/weights", params={"model": "nope"}).status_code == 404


DIVERGING = {"activation": "identity", "output": "identity", "loss": "sse", "lr": 10, "epochs": 5,
             "init": "normal", "init_std": 1.0}


def _softmax_mlp(x, tensors, n_layers):
    """Forward pass of a sigmoid MLP with a softmax output, from snapshot tensors."""
    a = np.asarray(x, np.float64)
    for i in range(1, n_layers + 1):
        z = a @ tensors[f"W{i}"] + tensors[f"b{i}"]
        a = 1 / (1 + np.exp(-z)) if i < n_layers else np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    return a


def _quiet(ws, seconds: float) -> list:
    out, deadline = [], time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        try:
            out.append(receive(ws, left))
        except TimeoutError:
            break
    return out


def _snapshots(messages) -> list:
    return [m for m in messages if isinstance(m, tuple) and m[0]["type"] == "snapshot"]


def _b64(canvas: np.ndarray) -> str:
    return base64.b64encode(np.round(canvas * 255).astype(np.uint8).tobytes()).decode()


def test_predict_follows_a_training_run_with_its_newest_weights(client):
    digit = client.get("/api/digits/test/0").json()
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, "epochs": 50}})
        seen = until(ws, lambda m: isinstance(m, tuple))
        run_id = seen[-1][0]["run_id"]
        ws.send_json({"type": "pause"})
        seen += until(ws, is_status("paused"))
        seen += _quiet(ws, 0.6)
        _, tensors = _snapshots(seen)[-1]
        answer = client.post("/api/predict", json={"pixels": digit["pixels"], "run": run_id}).json()
        assert answer["model"] == run_id and answer["run"] == {"id": run_id, "live": True}
        assert np.allclose(answer["probabilities"], _softmax_mlp(digit["pixels"], tensors, 2), atol=1e-5)

        # The drawn digit becomes the probe: the paused run's last snapshot comes again, coloured by it.
        ws.send_json({"type": "probe", "pixels": digit["pixels"]})
        header, again = _snapshots(until(ws, lambda m: isinstance(m, tuple)))[-1]
        hidden = 1 / (1 + np.exp(-(np.asarray(digit["pixels"]) @ again["W1"] + again["b1"])))
        assert np.allclose(again["act1"], hidden, atol=1e-5)
        assert header["probe"]["prediction"] == answer["prediction"]
        assert np.allclose(answer["activations"][0], again["act1"], atol=1e-5)

        live_eval = client.get("/api/evaluation", params={"run": run_id}).json()
        assert live_eval["live"] is True and np.asarray(live_eval["confusion"]).sum() == 10_000
        ws.send_json({"type": "resume"})
        until(ws, is_type("metrics"))
        moving = client.post("/api/predict", json={"pixels": digit["pixels"], "run": run_id})
        assert moving.status_code == 200 and moving.json()["run"]["live"] is True
        ws.send_json({"type": "stop"})
        until(ws, is_status("stopped"))


def test_predict_after_training_uses_the_saved_weights(client):
    digit = client.get("/api/digits/test/1").json()
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": TINY})
        run_id = until(ws, is_status("done"))[-1]["run_id"]
    by_run = client.post("/api/predict", json={"pixels": digit["pixels"], "run": run_id}).json()
    saved = client.post("/api/predict", json={"pixels": digit["pixels"], "model": run_id}).json()
    default = client.post("/api/predict", json={"pixels": digit["pixels"]}).json()
    assert by_run["run"] == {"id": run_id, "live": False}
    assert by_run["probabilities"] == saved["probabilities"] != default["probabilities"]
    assert len(by_run["activations"][0]) == 8 and len(default["activations"][0]) == 16

    evaluation = client.get("/api/evaluation", params={"run": run_id}).json()
    assert evaluation["model"] == run_id and evaluation["live"] is False
    assert np.asarray(evaluation["confusion"]).sum() == 10_000
    assert client.get("/api/evaluation").json()["model"] == "default"
    weights = client.get("/api/model/weights", params={"run": run_id}).json()
    assert np.asarray(weights["layers"][0]["W"]).shape == (784, 8)


@pytest.mark.parametrize("run_id", ["0123456789ab", "../../etc", "default"])
def test_an_unknown_run_is_404_with_a_clear_message(client, run_id):
    r = client.post("/api/predict", json={"pixels": [0.5] * 784, "run": run_id})
    assert r.status_code == 404 and "no run with id" in r.json()["detail"]
    r = client.get("/api/evaluation", params={"run": run_id})
    assert r.status_code == 404 and "no run with id" in r.json()["detail"]


def test_a_run_without_weights_is_409(client):
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, **DIVERGING}})
        end = until(ws, is_status("diverged", "done", "error"))[-1]
    assert end["state"] == "diverged"
    run_id = end["run_id"]
    r = client.post("/api/predict", json={"pixels": [0.5] * 784, "run": run_id})
    assert r.status_code == 409 and "no saved weights" in r.json()["detail"]


@pytest.mark.parametrize("payload", [
    {"pixels": [0.0] * 784},
    {"image": [[0.0] * 50] * 50},
    {"image_b64": base64.b64encode(bytes(40 * 30)).decode(), "width": 40, "height": 30},
])
def test_an_all_zero_drawing_gets_the_empty_answer(client, payload):
    r = client.post("/api/predict", json=payload)
    assert r.status_code == 422 and r.json()["detail"] == "the drawing is empty: draw a digit first"


def test_a_compact_canvas_is_read_like_rows(client):
    canvas = np.zeros((140, 120))
    canvas[20:120, 55:70] = 1.0
    canvas[20:30, 40:70] = 0.6
    h, w = canvas.shape
    compact = client.post("/api/predict", json={"image_b64": _b64(canvas), "width": w, "height": h, "steps": True}).json()
    rows = client.post("/api/predict", json={"image": canvas.tolist(), "steps": True}).json()
    assert compact["input"] == rows["input"] and compact["steps"] == rows["steps"]
    assert compact["probabilities"] == rows["probabilities"]


def test_a_full_grey_canvas_fits_in_compact_form(client):
    rng = np.random.default_rng(0)
    canvas = rng.uniform(0, 0.04, (512, 512))             # faint grey everywhere, like a real pad
    canvas[100:400, 240:270] = 0.9
    b64 = _b64(canvas)
    assert len(b64) < 400_000                             # the rows form would be ~5 MB of JSON
    r = client.post("/api/predict", json={"image_b64": b64, "width": 512, "height": 512, "steps": True})
    assert r.status_code == 200 and r.json()["steps"]["scaled"]["shape"][0] == 20


@pytest.mark.parametrize("payload, words", [
    ({"image_b64": "AAAA", "width": 2, "height": 2}, "3 bytes, but 2×2 needs 4"),
    ({"image_b64": "!!!!", "width": 2, "height": 2}, "not valid base64"),
    ({"image_b64": "AAAA"}, "width"),
    ({"pixels": [0.5] * 784, "width": 28}, "go with \"image_b64\" only"),
    ({"pixels": [0.5] * 784, "run": "0123456789ab", "model": "0123456789ab"}, "at most one"),
])
def test_bad_compact_requests_get_clear_answers(client, payload, words):
    r = client.post("/api/predict", json=payload)
    assert r.status_code == 422 and words in r.json()["detail"]


def test_a_digit_probe_after_a_toy_run_is_kept_for_the_next_digit_run(client):
    digit = client.get("/api/digits/test/2").json()
    toy = {"dataset": "moons", "layers": [2, 8, 2], "activation": "tanh", "epochs": 2}
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": toy})
        toy_run = until(ws, is_status("done"))[-1]["run_id"]
        ws.send_json({"type": "probe", "pixels": digit["pixels"]})
        assert not [m for m in _quiet(ws, 0.4) if is_type("error")(m)]
        assert client.post("/api/predict", json={"pixels": digit["pixels"], "run": toy_run}).status_code == 422
        ws.send_json({"type": "start", "config": TINY})
        header, tensors = _snapshots(until(ws, is_status("done")))[-1]
    hidden = 1 / (1 + np.exp(-(np.asarray(digit["pixels"]) @ tensors["W1"] + tensors["b1"])))
    assert np.allclose(tensors["act1"], hidden, atol=1e-5)


@pytest.mark.parametrize("payload, loc", [
    ({"pixels": ["0.5"] * 784}, ["body", "pixels", 0]),      # types are strict: a string is not a number
    ({"pixels": [True] + [0.5] * 783}, ["body", "pixels", 0]),
    ({"image_b64": "AAAA", "width": "3", "height": 1}, ["body", "width"]),
    ({"pixels": [0.5] * 784, "steps": "yes"}, ["body", "steps"]),
    ({"pixels": None}, ["body", "pixels"]),
])
def test_predict_types_are_strict(client, payload, loc):
    r = client.post("/api/predict", json=payload)
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == loc, r.text


def test_a_large_network_s_weights_come_as_a_binary_frame_not_json(client):
    """A 1.86M-parameter network is 17 MB of JSON: the JSON answer says where to look instead."""
    from app.core import frames
    from engine.network import Network
    resources = client.app.state.resources
    big = Network.mlp([784, 1024, 1024, 10], seed=3)
    run_id = resources.store.create(big.config, status="done")
    resources.store.save_weights(run_id, big)
    r = client.get("/api/model/weights", params={"model": run_id})
    assert r.status_code == 406 and "format=frame" in r.json()["detail"]
    r = client.get("/api/model/weights", params={"model": run_id, "format": "frame"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/octet-stream"
    header, tensors = frames.decode(r.content)
    assert header["type"] == "weights" and header["model"] == run_id
    assert list(tensors) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    assert all(np.array_equal(tensors[n], p) for n, p in zip(big.param_names, big.params))
    small = client.get("/api/model/weights", params={"format": "frame"})   # small ones too
    assert frames.decode(small.content)[1]["W1"].shape == (784, 16)


def test_predict_and_weights_are_worked_out_off_the_event_loop(client, monkeypatch):
    """A 512×512 canvas or a big network's weights must not stall every other request."""
    import asyncio
    from app.routes import predict
    from engine import preprocess
    seen = []

    def on_a_thread(name, original):
        def wrapped(*args, **kwargs):
            try:
                asyncio.get_running_loop()
                seen.append((name, "event loop"))
            except RuntimeError:
                seen.append((name, "thread"))
            return original(*args, **kwargs)
        return wrapped
    monkeypatch.setattr(preprocess, "steps", on_a_thread("steps", preprocess.steps))
    monkeypatch.setattr(predict, "explain", on_a_thread("explain", predict.explain))
    monkeypatch.setattr(predict, "dumps", on_a_thread("dumps", predict.dumps))
    canvas = np.zeros((512, 512))
    canvas[100:400, 200:300] = 1
    assert client.post("/api/predict", json={"image": canvas.tolist()}).status_code == 200
    assert client.get("/api/model/weights").status_code == 200
    assert seen and all(where == "thread" for _, where in seen), seen


def test_a_toy_run_answers_a_point_of_its_plane_layer_by_layer(client):
    config = {"dataset": "moons", "layers": [2, 6, 1], "output": "sigmoid", "loss": "binary_cross_entropy",
              "epochs": 2, "batch_size": 16}
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": config})
        run_id = until(ws, is_status("done"), timeout=60)[-1]["run_id"]
    body = client.post("/api/predict", json={"point": [0.25, -0.5], "run": run_id}).json()
    assert body["input"] == [0.25, -0.5] and [len(a) for a in body["activations"]] == [6, 1]
    y = body["probabilities"][0]
    assert body["prediction"] == int(y > 0.5) and len(body["saliency"]) == 2
    for wrong, field in (({"point": [1, 2, 3], "run": run_id}, "point"), ({"pixels": [0.5] * 784, "run": run_id}, "run"),
                         ({"point": [0.1, 0.2]}, "point"), ({"point": [1e9, 0], "run": run_id}, "point")):
        r = client.post("/api/predict", json=wrong)
        assert r.status_code == 422, wrong
        detail = r.json()["detail"]
        assert (detail.startswith(f"{field}:") if isinstance(detail, str) else detail[0]["loc"][1] == field), detail
