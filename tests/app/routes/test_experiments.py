"""POST /api/experiments/*: the course's hand-run experiments over HTTP, strict JSON, named errors."""
import json

import numpy as np
import pytest

from server_helpers import TINY, WS_URL, is_status, until


def strict(response) -> dict:
    """The body parsed as strict JSON (a NaN or Infinity would fail here)."""
    return json.loads(response.text, parse_constant=lambda c: pytest.fail(f"non-finite {c} in JSON"))


def test_init_histograms_side_by_side_on_digits(client):
    r = client.post("/api/experiments/init-histograms", json={"activation": "relu", "inputs": "mnist"})
    body = strict(r)
    assert r.status_code == 200 and body["inputs"] == "mnist" and body["examples"] == 1000
    std1, small, xavier, he = body["results"]
    assert [res["init"] for res in body["results"]] == ["normal", "normal", "xavier_normal", "he_normal"]
    ratio = [res["layers"][4]["std"] / res["layers"][0]["std"] for res in body["results"]]
    assert ratio[1] < 0.01 and 0.1 < ratio[2] < 0.35 and ratio[3] > 0.75
    assert all(sum(layer["counts"]) == 100_000 and layer["dead"] >= 0 for layer in he["layers"])


def test_init_histograms_defaults_to_the_books_gaussian_inputs(client):
    body = strict(client.post("/api/experiments/init-histograms", json={"depth": 2, "width": 30, "examples": 50}))
    assert body["inputs"] == "gaussian" and body["activation"] == "sigmoid" and len(body["results"]) == 4
    assert all(len(res["layers"]) == 2 and sum(res["layers"][0]["counts"]) == 1500 for res in body["results"])


@pytest.mark.parametrize("body, field", [
    ({"depth": 11}, "depth"), ({"width": 0}, "width"), ({"examples": 2001}, "examples"),
    ({"inputs": "cifar"}, "inputs"), ({"inits": []}, "inits"), ({"inits": [{"init": "he", "std": "1"}]}, "inits.0.std"),
    ({"bins": 1000}, "bins"), ({"colour": 1}, "colour"), ({"activation": "swish"}, "activation"),
    ({"inits": [{"init": "normal"}, {"init": "glorious"}]}, "inits.1.init")])
def test_bad_histogram_settings_are_422_naming_the_field(client, body, field):
    r = client.post("/api/experiments/init-histograms", json=body)
    assert r.status_code == 422
    detail = r.json()["detail"]
    named = detail.startswith(field) if isinstance(detail, str) else \
        any(".".join(map(str, d["loc"][1:])) == field for d in detail)
    assert named, detail


def test_output_gradients_table(client):
    body = strict(client.post("/api/experiments/output-gradients", json={"logits": [2.0, -1.0, 0.5], "label": 0}))
    pairs = body["pairs"]
    assert pairs["softmax+cross_entropy"]["is_y_minus_t"] and pairs["identity+sse"]["is_y_minus_t"]
    assert not pairs["sigmoid+sse"]["is_y_minus_t"]
    assert pairs["softmax+kl_divergence"]["loss_value"] == pytest.approx(pairs["softmax+cross_entropy"]["loss_value"])
    bad = client.post("/api/experiments/output-gradients", json={"logits": [1.0, 2.0], "label": 5})
    assert bad.status_code == 422 and bad.json()["detail"].startswith("label")
    assert client.post("/api/experiments/output-gradients", json={"logits": [], "label": 0}).status_code == 422


def test_analyze_the_default_model_and_a_run(client):
    body = strict(client.post("/api/experiments/analyze", json={"n": 200}))
    assert body["model"] == "default" and body["run"] is None
    assert body["noise"]["confidence_mean"] > 0.5 and sum(body["noise"]["answers"]) == 200
    assert body["corner"]["centred_accuracy"] > 0.9 and body["corner"]["accuracy"] < 0.3
    example = body["corner"]["examples"][0]
    assert len(example["pixels"]) == 784 and np.reshape(example["pixels"], (28, 28))[:3, :3].any()
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": TINY})
        run_id = until(ws, is_status("done"))[-1]["run_id"]
    mine = strict(client.post("/api/experiments/analyze", json={"run": run_id, "n": 20, "corner": "bottom_right"}))
    assert mine["run"] == {"id": run_id, "live": False} and mine["corner"]["corner"] == "bottom_right"
    assert client.post("/api/experiments/analyze", json={"run": "0123456789ab"}).status_code == 404
    both = client.post("/api/experiments/analyze", json={"run": run_id, "model": run_id})
    assert both.status_code == 422
    assert client.post("/api/experiments/analyze", json={"corner": "middle"}).status_code == 422
