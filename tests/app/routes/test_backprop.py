"""The Backprop panel's endpoints: a trace with the engine's numbers, stateless next steps,
many updates, a gradient check for the Build panel's network, and a 422 naming the field for
every kind of bad input."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import numpy as np
import pytest
from server_helpers import client_for, data_dir_from, strict_loads

from app.core.config import Settings
from engine import optimizers
from engine.backprop import trace
from engine.network import Network

XOR_221 = {"dataset": "xor", "layers": [2, 2, 1], "activation": "tanh", "output": "sigmoid",
           "loss": "binary_cross_entropy", "optimizer": "sgd", "lr": 1.0, "seed": 0}


@pytest.fixture(scope="module")
def api(seeded_dir, tmp_path_factory):
    """One server for the module (these endpoints keep nothing between calls)."""
    folder = data_dir_from(seeded_dir, tmp_path_factory.mktemp("backprop"))
    with client_for(Settings(data_dir=folder, workers=2)) as client:
        yield client


def post(client, path: str, body) -> tuple[int, dict]:
    """POST a body (NaN/Infinity written as bare constants, as a careless client would)."""
    r = client.post(path, content=json.dumps(body), headers={"content-type": "application/json"})
    return r.status_code, strict_loads(r.text)


def node(answer: dict, ident: str) -> dict:
    return next(n for n in answer["graph"]["nodes"] if n["id"] == ident)


def test_presets_trace_and_name_their_limits(api):
    answer = api.get("/api/backprop/presets").json()
    assert set(answer["presets"]) == {"delta_rule", "xor_2_2_1", "xor_2_4_1"}
    assert answer["limits"]["backprop_units"] == 40 and answer["limits"]["backprop_steps"] == [1, 5000]
    for name, body in answer["presets"].items():
        status, step = post(api, "/api/backprop/trace", body)
        assert status == 200, (name, step)
        assert step["network"]["layers"] == body["layers"] and step["network"]["detail"] == "weights"
        assert step["nonfinite"] is False and step["graph"]["forward"][-1] == "L"


def test_the_trace_carries_the_engines_numbers(api):
    status, answer = post(api, "/api/backprop/trace", {**XOR_221, "example": {"index": 3}})
    assert status == 200
    net = Network.mlp([2, 2, 1], "tanh", "sigmoid", "binary_cross_entropy", seed=0, dtype=np.float64)
    want = trace(net, np.array([1.0, 1.0]), 0, optimizers.create("sgd", lr=1.0))
    assert answer["example"] == {"index": 3, "x": [1.0, 1.0], "label": 0, "target": [0.0]}
    assert answer["loss"] == want["loss"] and answer["network"]["fused"] is True
    for got, expected in zip(answer["graph"]["nodes"], want["graph"]["nodes"]):
        assert got == expected
    for got, expected in zip(answer["gradients"]["tensors"], want["gradients"]["tensors"]):
        assert got["analytic"] == expected["analytic"].tolist() and got["verdict"] == "good"
        assert got["entries"]["verdict"] == expected["entries"]["verdict"]
    for got, expected in zip(answer["update"]["params"], want["update"]["params"]):
        assert got["after"] == expected["after"].tolist()
    assert node(answer, "L")["fused"] == {"output": "sigmoid", "loss": "binary_cross_entropy", "skips": ["y.0"]}


def test_next_continues_where_the_last_call_stopped(api):
    body = {**XOR_221, "optimizer": "adam", "lr": 0.1}
    _, first = post(api, "/api/backprop/trace", body)
    _, second = post(api, "/api/backprop/trace", {**body, **first["next"], "example": {"index": 1}})
    assert second["update"]["step"] == 2 and first["update"]["step"] == 1
    after = {r["name"]: r["after"] for r in first["update"]["params"]}
    assert node(second, "W1.1.0")["value"] == after["W1"][1][0]
    assert second["update"]["params"][0]["buffers_before"] == first["next"]["optimizer_state"]["buffers"]["W1"]
    net = Network.mlp([2, 2, 1], "tanh", "sigmoid", "binary_cross_entropy", seed=0, dtype=np.float64)
    opt = optimizers.create("adam", lr=0.1)
    trace(net, np.array([0.0, 0.0]), 0, opt)
    want = trace(net, np.array([0.0, 1.0]), 1, opt)
    assert second["loss"] == want["loss"]
    assert second["update"]["params"][2]["after"] == want["update"]["params"][2]["after"].tolist()


def test_a_typed_example_with_a_target_row(api):
    body = {"dataset": "blobs", "layers": [2, 3, 3], "activation": "relu", "output": "softmax",
            "loss": "cross_entropy", "example": {"x": [0.25, -0.5], "target": [0.2, 0.3, 0.5]}}
    status, answer = post(api, "/api/backprop/trace", body)
    assert status == 200 and answer["example"]["target"] == [0.2, 0.3, 0.5]
    assert [node(answer, f"x.{i}")["value"] for i in range(2)] == [0.25, -0.5]
    y = np.array(answer["output"])
    local = [e["local"] for e in node(answer, "L")["inputs"] if e.get("fused")]
    np.testing.assert_allclose(local, y - [0.2, 0.3, 0.5], rtol=1e-12)


def test_a_bigger_network_is_traced_unit_by_unit(api):
    body = {"dataset": "moons", "layers": [2, 16, 16, 2], "activation": "relu", "output": "softmax",
            "loss": "cross_entropy", "example": {"index": 7}}
    status, answer = post(api, "/api/backprop/trace", body)
    assert status == 200 and answer["network"]["detail"] == "units"
    assert not any(n["kind"] == "weight" for n in answer["graph"]["nodes"])
    assert answer["dataset"]["n_examples"] == 160


def test_100_updates_of_xor_2_4_1_answer_all_four(api):
    preset = api.get("/api/backprop/presets").json()["presets"]["xor_2_4_1"]
    status, run = post(api, "/api/backprop/train", {**preset, "steps": 100})
    assert status == 200 and run["status"] == "done" and run["steps"] == 100
    assert run["accuracy"] == 1.0 and [e["correct"] for e in run["examples"]] == [True] * 4
    assert [e["label"] for e in run["examples"]] == [0, 1, 1, 0]
    assert len(run["losses"]) == 100 and run["losses"][-1] < run["losses"][0]
    status, again = post(api, "/api/backprop/train", {**preset, **run["next"], "steps": 1})
    assert again["losses"][0] == pytest.approx(run["loss"], rel=1e-12)


def test_non_finite_numbers_never_reach_json(api):
    huge = {"W1": [[1e6] * 4] * 2, "b1": [1e6] * 4, "W2": [[1e6]] * 4, "b2": [0.0]}
    body = {"dataset": "xor", "layers": [2, 4, 1], "activation": "identity", "output": "identity",
            "loss": "sse", "lr": 10.0, "params": huge, "steps": 50}
    status, run = post(api, "/api/backprop/train", body)   # strict_loads refuses NaN/Infinity
    assert status == 200 and run["status"] == "diverged" and run["steps"] < 50
    assert all(isinstance(v, float) for v in run["losses"])
    assert run["nonfinite"] is True and any(v is None for e in run["examples"] for v in e["output"])
    status, step = post(api, "/api/backprop/trace", {k: v for k, v in body.items() if k != "steps"})
    assert status == 200


TRACE_BAD = [
    ({"activation": "softsign"}, "activation"),
    ({"layers": [2, 3, 3, 1], "activation": ["tanh", "swish"]}, "activation.1"),
    ({"layers": [2, 3, 3, 1], "activation": ["tanh"]}, "activation"),
    ({"layers": [2, 20, 20, 1]}, "layers"),
    ({"layers": [3, 2, 1]}, "layers.0"),
    ({"layers": [2, 2, 3]}, "layers.2"),
    ({"layers": [2, 0, 1]}, "layers.1"),
    ({"output": "softmax", "loss": "cross_entropy"}, "output"),
    ({"output": "sigmoid", "loss": "cross_entropy", "layers": [2, 2, 2]}, "output"),
    ({"loss": "hinge"}, "loss"),
    ({"dataset": "mnist"}, "dataset"),
    ({"dataset": "iris"}, "dataset"),
    ({"init": "orthogonal"}, "init"),
    ({"example": {"x": [0.0, float("nan")], "label": 1}}, "example.x.1"),
    ({"example": {"x": [float("inf"), 0.0], "label": 1}}, "example.x.0"),
    ({"example": {"x": [1e7, 0.0], "label": 1}}, "example.x.0"),
    ({"example": {"x": [0.0, 1.0, 1.0], "label": 1}}, "example.x"),
    ({"example": {"x": [0.0, 1.0]}}, "example"),
    ({"example": {"index": 0, "x": [0.0, 1.0]}}, "example"),
    ({"example": {}}, "example"),
    ({"example": {"index": 4}}, "example.index"),
    ({"example": {"index": 1, "label": 0}}, "example"),
    ({"example": {"x": [0.0, 1.0], "label": 2}}, "example.label"),
    ({"example": {"x": [0.0, 1.0], "target": [0.5, 0.5]}}, "example.target"),
    ({"example": {"x": [0.0, 1.0], "target": [1.5]}}, "example.target.0"),
    ({"example": {"x": [0.0, "1"], "label": 1}}, "example.x.1"),
    ({"params": {"W1": [[0.1, 0.2], [0.3, 0.4]], "b1": [0, 0], "W2": [[1], [1]]}}, "params.b2"),
    ({"params": {"W1": [[0.1, 0.2]], "b1": [0, 0], "W2": [[1], [1]], "b2": [0]}}, "params.W1"),
    ({"params": {"W1": [[0.1, 0.2], [0.3, "x"]], "b1": [0, 0], "W2": [[1], [1]], "b2": [0]}}, "params.W1.1.1"),
    ({"params": {"W1": [[0.1, 0.2], [0.3, 0.4]], "b1": [True, 0], "W2": [[1], [1]], "b2": [0]}}, "params.b1.0"),
    ({"params": {"W1": [[0.1, 0.2], [0.3, 0.4]], "b1": [0, 0], "W2": [[1], [float("nan")]], "b2": [0]}},
     "params.W2.1.0"),
    ({"params": {"W1": [[0.1, 0.2], [0.3, 2e6]], "b1": [0, 0], "W2": [[1], [1]], "b2": [0]}}, "params.W1.1.1"),
    ({"params": {"W1": [[0.1, 0.2], [0.3, 0.4]], "b1": [0, 0], "W2": [[1], [1]], "b2": [0], "W3": [[1]]}},
     "params.W3"),
    ({"optimizer": "lbfgs"}, "optimizer"),
    ({"optimizer_params": {"momentum": -0.5}}, "optimizer_params.momentum"),
    ({"optimizer_params": {"momentum": float("nan")}}, "optimizer_params.momentum"),
    ({"optimizer_params": {"betas": [0.9, 0.999]}}, "optimizer_params.betas"),
    ({"lr": 0}, "lr"),
    ({"lr": "0.1"}, "lr"),
    ({"optimizer_state": {"step": 2, "buffers": {}}}, "optimizer_state"),
    ({"detail": "weights", "dataset": "moons", "layers": [2, 16, 2], "output": "softmax",
      "loss": "cross_entropy"}, "detail"),
    ({"detail": "everything"}, "detail"),
    ({"learning_rate": 0.1}, "learning_rate"),
]


@pytest.mark.parametrize("change,field", TRACE_BAD, ids=[f for _, f in TRACE_BAD])
def test_bad_input_gets_422_naming_the_field(api, change, field):
    status, answer = post(api, "/api/backprop/trace", {**XOR_221, **change})
    assert status == 422, answer
    assert answer["field"] == field and _says(answer).startswith(field.split(".")[0]), answer


def _says(answer: dict) -> str:
    """The message of an error answer: this route's own sentence, or (a NaN, malformed JSON:
    refused by the server's strict body layer for every route) its first problem, field first."""
    detail = answer["detail"]
    if isinstance(detail, str):
        return detail
    return ".".join(str(p) for p in detail[0]["loc"][1:]) + ": " + detail[0]["msg"]


def _with_state(name: str, buffers: dict, step: int = 3) -> dict:
    params = {"W1": [[0.1, 0.2], [0.3, 0.4]], "b1": [0.0, 0.0], "W2": [[1.0], [1.0]], "b2": [0.0]}
    return {**XOR_221, "optimizer": name, "params": params,
            "optimizer_state": {"step": step, "buffers": buffers}}


def _adam_buffers(**change):
    shapes = {"W1": (2, 2), "b1": (2,), "W2": (2, 1), "b2": (1,)}
    out = {n: {"exp_avg": np.zeros(s).tolist(), "exp_avg_sq": np.full(s, 0.01).tolist()} for n, s in shapes.items()}
    for name, value in change.items():
        out[name] = value
    return out


STATE_BAD = [
    (_with_state("adam", _adam_buffers(W1={"exp_avg": [[0, 0], [0, 0]]})), "optimizer_state.buffers.W1.exp_avg_sq"),
    (_with_state("adam", _adam_buffers(b1={"exp_avg": [0, 0], "exp_avg_sq": [0, 0], "momentum_buffer": [0, 0]})),
     "optimizer_state.buffers.b1.momentum_buffer"),
    (_with_state("adam", _adam_buffers(b2={"exp_avg": [0, 0], "exp_avg_sq": [0]})), "optimizer_state.buffers.b2.exp_avg"),
    (_with_state("adam", _adam_buffers(b2={"exp_avg": [0], "exp_avg_sq": [-1.0]})),
     "optimizer_state.buffers.b2.exp_avg_sq.0"),
    (_with_state("adam", _adam_buffers(W9={"exp_avg": [0], "exp_avg_sq": [0]})), "optimizer_state.buffers.W9"),
    (_with_state("adam", {**_adam_buffers(), "W2": {"exp_avg": [[0], [float("inf")]], "exp_avg_sq": [[0], [0]]}}),
     "optimizer_state.buffers.W2.exp_avg.1.0"),
    (_with_state("momentum", {}), "optimizer_state.buffers.W1.momentum_buffer"),
    ({**_with_state("adam", _adam_buffers()), "optimizer_state": {"step": -1, "buffers": {}}}, "optimizer_state.step"),
]


@pytest.mark.parametrize("body,field", STATE_BAD, ids=[f for _, f in STATE_BAD])
def test_optimizer_state_that_does_not_fit_gets_422_naming_the_buffer(api, body, field):
    status, answer = post(api, "/api/backprop/trace", body)
    assert status == 422 and answer["field"] == field, answer


def test_the_state_an_answer_hands_out_is_accepted(api):
    status, _ = post(api, "/api/backprop/trace", _with_state("adam", _adam_buffers()))
    assert status == 200


@pytest.mark.parametrize("change,field", [({"steps": 0}, "steps"), ({"steps": 5001}, "steps"),
                                          ({"batch": "half"}, "batch"), ({"steps": 1.5}, "steps")])
def test_bad_train_requests_name_the_field(api, change, field):
    status, answer = post(api, "/api/backprop/train", {**XOR_221, **change})
    assert status == 422 and answer["field"] == field, answer


def test_bodies_that_are_not_objects_or_not_json(api):
    status, answer = post(api, "/api/backprop/trace", [1, 2])
    assert status == 422 and answer["field"] is None and "JSON object" in answer["detail"]
    r = api.post("/api/backprop/trace", content="{not json", headers={"content-type": "application/json"})
    assert r.status_code == 422 and "JSON" in _says(r.json())
    assert post(api, "/api/backprop/trace", XOR_221)[0] == 200   # and the server goes on


def test_gradient_check_of_the_default_network(api):
    config = api.get("/api/options").json()["defaults"]
    status, report = post(api, "/api/gradcheck", {"config": config, "examples": 2})
    assert status == 200 and report["n_params"] == 13_002 and report["dtype"] == "float64"
    assert report["verdict"] == "good" and report["examples"] == 2
    assert [t["name"] for t in report["tensors"]] == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for t in report["tensors"]:
        assert t["relative_error"] < 1e-7 and t["verdict"] == "good"
        assert t["worst"]["verdict"] in ("good", "acceptable") and len(t["worst"]["index"]) == len(t["shape"])
    assert report["thresholds"] == {"good": 1e-7, "acceptable": 1e-4, "wrong": 1e-2}


def test_gradient_check_of_a_toy_relu_network(api):
    config = {"dataset": "circles", "layers": [2, 8, 8, 2], "activation": "relu"}
    status, report = post(api, "/api/gradcheck", {"config": config})
    assert status == 200 and report["n_params"] == 2 * 8 + 8 + 8 * 8 + 8 + 8 * 2 + 2
    assert report["verdict"] in ("good", "kink") and report["examples"] == 4


@pytest.mark.parametrize("body,field", [
    ({"config": {"layers": [784, 64, 10]}}, "config.layers"),
    ({"config": {"layers": [784, 0, 10]}}, "config.layers.1"),
    ({"config": {"activation": "swish"}}, "config.activation"),
    ({"config": {"lr": float("nan")}}, "config.lr"),
    ({"config": {}, "examples": 0}, "examples"),
    ({"config": {}, "examples": 9}, "examples"),
    ({}, "config"),
    ({"config": [1]}, "config"),
])
def test_gradient_check_refusals_name_the_field(api, body, field):
    status, answer = post(api, "/api/gradcheck", body)
    assert status == 422 and answer["field"] == field, answer
    if field == "config.layers":
        assert "50,890 parameters" in answer["detail"] and "20,000" in answer["detail"]


def test_the_endpoints_are_in_the_openapi_page(api):
    paths = api.get("/openapi.json").json()["paths"]
    for path in ("/api/backprop/trace", "/api/backprop/train", "/api/gradcheck"):
        schema = paths[path]["post"]["requestBody"]["content"]["application/json"]["schema"]
        assert "properties" in schema and "$ref" not in json.dumps(schema)
        assert "422" in paths[path]["post"]["responses"]
    assert "example" in paths["/api/backprop/trace"]["post"]["requestBody"]["content"]["application/json"]["schema"]["properties"]


def _same(got, want, path="answer") -> None:
    """Equal structure and text; numbers equal to 1e-9 (another BLAS may round the last bits differently)."""
    if isinstance(want, dict):
        assert isinstance(got, dict) and set(got) == set(want), path
        for k in want:
            _same(got[k], want[k], f"{path}.{k}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), path
        for i, (g, w) in enumerate(zip(got, want)):
            _same(g, w, f"{path}.{i}")
    elif isinstance(want, float) and not isinstance(want, bool):
        assert isinstance(got, (int, float)) and np.isclose(got, want, rtol=1e-9, atol=1e-12), (path, got, want)
    else:
        assert got == want, (path, got, want)


def test_the_pages_unit_tests_read_what_the_endpoint_answers(api):
    """tests/fixtures/backprop_traces.json (tools/make_backprop_fixture.py) is what the page's
    JavaScript tests lay out and step through: it must still be the endpoint's answer."""
    cases = json.loads((Path(__file__).resolve().parents[2] / "fixtures" / "backprop_traces.json").read_text())
    assert {"xor_2_2_1", "delta_rule", "softmax_sse", "units"} <= set(cases)
    for name, case in cases.items():
        status, answer = post(api, "/api/backprop/trace", case["request"])
        assert status == 200, (name, answer)
        _same(answer, case["answer"], name)
