"""Every range /api/options advertises is the range the server enforces, from one table
(issue 13, point 2): training configs, live learning rates and toy races alike."""
from __future__ import annotations

import pytest

from app import datasets
from app.schemas.errors import ConfigError
from app.schemas.train import parse_config
from engine import optimizers, schedules
from server_helpers import TINY, WS_URL, receive

CATALOGUE = {d["name"]: d for d in datasets.catalogue()}


def _parse(**overrides):
    return parse_config({**TINY, **overrides}, CATALOGUE)


def _outside(spec: dict) -> list:
    """Values just past each end of an advertised range (none below a bool's)."""
    out = []
    if spec["min"] is not None:
        out.append(spec["min"] - max(1, abs(spec["min"])))
    if spec["max"] is not None:
        out.append(spec["max"] * 2 + 1)
    return out


def _inside(spec: dict) -> list:
    return [v for v in (spec["min"], spec["max"]) if v is not None]


def _value(spec: dict, v):
    return [v, v] if spec["type"] == "pair" else (int(v) if spec["type"] == "int" else v)


@pytest.mark.parametrize("name", sorted(optimizers.HYPERPARAMS))
def test_each_optimizer_parameter_is_held_to_its_advertised_range(name):
    for key, spec in optimizers.HYPERPARAMS[name].items():
        if spec["type"] == "bool" or key == "lr":
            continue
        for v in _inside(spec):
            _parse(optimizer=name, optimizer_params={key: _value(spec, v)})
        for v in _outside(spec):
            with pytest.raises(ConfigError) as err:
                _parse(optimizer=name, optimizer_params={key: _value(spec, v)})
            assert err.value.field.startswith(f"optimizer_params.{key}"), (key, v)


@pytest.mark.parametrize("name", sorted(n for n in schedules.HYPERPARAMS if schedules.HYPERPARAMS[n]))
def test_each_schedule_parameter_is_held_to_its_advertised_range(name):
    for key, spec in schedules.HYPERPARAMS[name].items():
        base = {k: s["default"] for k, s in schedules.HYPERPARAMS[name].items()}
        for v in _inside(spec):
            _parse(schedule=name, schedule_params={**base, key: _value(spec, v)})
        for v in _outside(spec):
            with pytest.raises(ConfigError) as err:
                _parse(schedule=name, schedule_params={**base, key: _value(spec, v)})
            assert err.value.field == f"schedule_params.{key}", (key, v)


@pytest.mark.parametrize("overrides, field", [
    ({"optimizer_params": {"momentum": 1e308}}, "optimizer_params.momentum"),   # was accepted
    ({"optimizer": "adam", "optimizer_params": {"betas": [0.9, 1.0]}}, "optimizer_params.betas.1"),
    ({"schedule": "exponential", "schedule_params": {"gamma": 1e200}}, "schedule_params.gamma"),
    ({"optimizer": "adadelta", "lr": 1e-4}, "lr"),                               # adadelta's lr starts at 1e-3
    ({"optimizer_params": {"lr": 0.1}}, "optimizer_params.lr"),
    ({"schedule": "plateau", "schedule_params": {"mode": 1}}, "schedule_params.mode"),
])
def test_a_start_outside_the_advertised_ranges_names_the_field(client, overrides, field):
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, **overrides}})
        error = receive(ws)
    assert error["type"] == "error" and error["about"] == "start" and error["field"] == field, error


def test_a_live_learning_rate_is_held_to_the_optimizers_range(client):
    from server_helpers import is_type, until
    with client.websocket_connect(WS_URL) as ws:
        ws.send_json({"type": "start", "config": {**TINY, "optimizer": "adadelta", "lr": 1.0, "epochs": 50}})
        until(ws, is_type("metrics"))
        ws.send_json({"type": "set_lr", "lr": 1e-4})
        error = until(ws, is_type("error"))[-1]
        assert (error["field"], error["about"]) == ("lr", "control") and "0.001" in error["message"], error
        ws.send_json({"type": "stop"})


def test_a_race_holds_each_racer_to_its_optimizers_ranges(client):
    racers = [{"name": "sgd", "lr": 0.1}, {"name": "momentum", "lr": 0.1, "momentum": 5}]
    r = client.post("/api/toy/race", json={"function": "bowl", "optimizers": racers})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "optimizers", 1, "momentum"]
    r = client.post("/api/toy/race", json={"function": "bowl", "optimizers": [{"name": "sgd", "lr": 0.1, "nesterov": True}]})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"] == ["body", "optimizers", 0, "nesterov"]
