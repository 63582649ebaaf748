"""The HTTP API: health, options, predict, digits, evaluation, curves, toy surfaces and races."""
from __future__ import annotations

import time

import numpy as np
import pytest
from server_helpers import client_for

from app.core.config import Settings


def test_health_answers_at_once_and_reports_readiness(data_dir):
    (data_dir / "default_model.npz").unlink()
    started = time.perf_counter()
    with client_for(Settings(data_dir=data_dir, default_model_epochs=1), wait_ready=False) as client:
        first = client.get("/api/health").json()
        assert time.perf_counter() - started < 2.0
        assert first["status"] == "ok" and first["stage"] in (
            "starting", "loading_mnist", "training_default_model", "ready")
        deadline = time.monotonic() + 60
        while not client.get("/api/health").json()["ready"]:
            assert time.monotonic() < deadline, client.get("/api/health").json()
            time.sleep(0.05)
        assert client.get("/api/health").json()["progress"] == 1.0
    assert (data_dir / "default_model.npz").is_file()


def test_page_is_rendered_in_the_asked_language(client):
    r = client.get("/", params={"lang": "ko"})
    assert r.status_code == 200 and "Downhill" in r.text
    assert r.headers["content-type"].startswith("text/html")


def test_options_list_every_choice_with_defaults(client):
    o = client.get("/api/options").json()
    assert {"sigmoid", "relu", "tanh", "leaky_relu", "elu"} <= set(o["activations"])
    assert {"sgd", "adam", "rmsprop", "adagrad", "adadelta", "adamw"} <= set(o["optimizers"])
    assert o["optimizers"]["adam"]["betas"]["default"] == [0.9, 0.999]
    assert {"constant", "step", "cosine", "plateau", "exponential"} <= set(o["schedules"])
    assert o["datasets"][0] == {"name": "mnist", "kind": "mnist", "n_in": 784, "n_out": 10, "n_train": 55000}
    assert {f["name"] for f in o["toy_functions"]} >= {"rosenbrock", "beale", "himmelblau"}
    assert o["limits"]["params"] == 2_000_000 and o["defaults"]["layers"] == [784, 16, 16, 10]


def test_options_describe_parameters_and_leave_their_words_to_the_page(client):
    o = client.get("/api/options").json()
    for group in ("optimizers", "schedules"):
        for name, params in o[group].items():
            for param, spec in params.items():
                assert set(spec) == {"default", "type", "min", "max", "scale"}, (group, name, param)
    assert o["optimizers"]["sgd"]["lr"]["scale"] == "log" and o["schedules"]["step"]["step_size"]["type"] == "int"
    moons = next(d for d in o["datasets"] if d["name"] == "moons")
    assert moons == {"name": "moons", "kind": "toy", "n_in": 2, "n_out": 2, "n_train": 160, "view": [-1.5, 1.5, -1.5, 1.5]}


def test_options_state_every_limit_the_server_enforces(client):
    limits = client.get("/api/options").json()["limits"]
    assert limits["width"] == [1, 1024] and limits["lr"] == [0, 10]     # the first shape stays
    assert "lr" in limits["min_exclusive"] and "surface_span" in limits["min_exclusive"]
    assert limits["train_size"] == [1, 60000] and limits["snapshot_every"][0] == 1
    assert limits["surface_resolution"] == [3, 101] and limits["surface_span"] == [0, 100]
    assert limits["race_steps"] == [1, 500] and limits["canvas"] == [1, 512]
    assert limits["sessions"] == 64 and limits["waiting"] == 32 and limits["body_bytes"] == 4 << 20


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


def test_digits_and_evaluation(client):
    d = client.get("/api/digits/val/4999").json()
    assert len(d["pixels"]) == 784 and 0 <= d["label"] <= 9
    assert client.get("/api/digits/val/5000").status_code == 404
    assert client.get("/api/digits/test/random").status_code == 200
    e = client.get("/api/evaluation").json()
    confusion = np.asarray(e["confusion"])
    assert confusion.sum() == 10_000 and abs(np.trace(confusion) / 10_000 - e["accuracy"]) < 1e-9
    assert e["accuracy"] > 0.8 and 0 < len(e["mistakes"]) <= 48
    m = e["mistakes"][0]
    assert m["label"] != m["prediction"] and m["confidence"] >= e["mistakes"][-1]["confidence"]


def test_schedule_curve(client):
    r = client.post("/api/schedule", json={"name": "step", "base_lr": 1.0, "epochs": 6, "step_size": 2})
    assert r.json()["lrs"] == pytest.approx([1, 1, 0.1, 0.1, 0.01, 0.01])
    bad = client.post("/api/schedule", json={"name": "step", "base_lr": 1.0, "epochs": 6, "size": 2})
    assert bad.status_code == 422 and "size" in bad.json()["detail"]


def test_activation_curve(client):
    r = client.get("/api/activation/relu").json()
    z, f, df = map(np.asarray, (r["z"], r["f"], r["df"]))
    assert z[0] == -6 and z[-1] == 6 and np.allclose(f, np.maximum(z, 0))
    assert np.all(df[z > 0] == 1) and np.all(df[z < 0] == 0)
    assert client.get("/api/activation/swish").status_code == 404


def test_toy_surface_and_race(client):
    s = client.get("/api/toy/bowl/surface", params={"n": 11}).json()
    assert len(s["x"]) == 11 and len(s["z"]) == 11 and len(s["z"][0]) == 11
    assert min(min(row) for row in s["z"]) == pytest.approx(0.0)
    race = {"function": "bowl", "steps": 30, "optimizers": [{"name": "sgd", "lr": 0.95},
                                                              {"name": "adam", "lr": 0.3}]}
    paths = client.post("/api/toy/race", json=race).json()["paths"]
    assert [len(p["points"]) for p in paths] == [31, 31]
    assert paths[0]["points"][0] == [-7, 2]
    assert client.post("/api/toy/race", json={**race, "steps": 501}).status_code == 422
    assert client.post("/api/toy/race", json={**race, "function": "moon"}).status_code == 422


def test_flags_override_environment(monkeypatch, tmp_path):
    from app.__main__ import parse_settings
    monkeypatch.setenv("DOWNHILL_PORT", "9100")
    monkeypatch.setenv("DOWNHILL_WORKERS", "3")
    s = parse_settings(["--data-dir", str(tmp_path), "--allow-host", "lab.example"])
    assert (s.port, s.workers, s.data_dir, s.host) == (9100, 3, tmp_path, "127.0.0.1")
    assert "lab.example:9100" in s.host_names() and s.token is None
    s = parse_settings(["--port", "9200", "--host", "0.0.0.0", "--data-dir", str(tmp_path)])
    assert s.port == 9200 and s.token and f"token={s.token}" in s.url


def test_runs_delete_export_and_list(client):
    from server_helpers import TINY, WS_URL, is_status, is_type, until
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, "epochs": 500}})
        running = until(ws, is_type("metrics"))[-1]["run_id"]
        r = client.delete(f"/api/runs/{running}")
        assert r.status_code == 409 and "still training" in r.json()["detail"]
        ws.send_json({"type": "stop"})
        until(ws, is_status("stopped"))
        ws.send_json({"type": "start", "config": TINY})
        done = until(ws, is_status("done"))[-1]["run_id"]
    listed = [r["id"] for r in client.get("/api/runs").json()]
    assert listed == [done, running]
    export = client.get(f"/api/runs/{done}/weights.npz")
    assert export.status_code == 200
    import io
    with np.load(io.BytesIO(export.content), allow_pickle=False) as z:
        assert z["W1"].shape == (784, 8) and z["b2"].shape == (10,)
    assert client.delete(f"/api/runs/{running}").status_code == 204
    assert [r["id"] for r in client.get("/api/runs").json()] == [done]
    assert client.delete(f"/api/runs/{running}").status_code == 404


def test_make_run_honours_the_environment(tmp_path):
    import os
    import subprocess
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    clean = {k: v for k, v in os.environ.items() if k not in ("HOST", "PORT", "DOWNHILL_HOST", "DOWNHILL_PORT")}

    def command(env: dict, *args) -> str:
        out = subprocess.run(["make", "-n", "run", *args], cwd=root, capture_output=True, text=True,
                             env={**clean, **env}, check=True).stdout
        return next(line for line in out.splitlines() if " -m app " in line)
    assert command({}).endswith("--host 127.0.0.1 --port 8000")
    assert command({"DOWNHILL_HOST": "0.0.0.0", "DOWNHILL_PORT": "9123"}).endswith("--host 0.0.0.0 --port 9123")
    assert command({"DOWNHILL_PORT": "9123"}, "PORT=9200").endswith("--port 9200")
