"""Learning-rate schedules against PyTorch fixtures (tools/make_fixtures.py), plus their contract."""
from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import numpy as np
import pytest

from engine import schedules
from engine.schedules import HYPERPARAMS, SCHEDULES, create

FIXTURE = json.loads((Path(__file__).parent.parent / "fixtures" / "schedules.json").read_text())
BASE = FIXTURE["base_lr"]
PURE = [c for c in FIXTURE["cases"] if c["name"] != "plateau"]
PLATEAU = [c for c in FIXTURE["cases"] if c["name"] == "plateau"]


def case_id(case) -> str:
    return case["name"] + "-" + ",".join(f"{k}={v}" for k, v in case["kwargs"].items())


@pytest.mark.parametrize("case", PURE, ids=case_id)
def test_curve_matches_torch(case):
    sched = create(case["name"], BASE, **case["kwargs"])
    np.testing.assert_allclose(sched.curve(len(case["lrs"])), case["lrs"], rtol=1e-6, atol=1e-12)
    assert sched.lr_at(0) == BASE


@pytest.mark.parametrize("case", PLATEAU, ids=case_id)
def test_plateau_matches_torch_when_fed_metrics(case):
    sched = create("plateau", BASE, **case["kwargs"])
    lrs = []
    for epoch, metric in enumerate(FIXTURE["metrics"]):
        lrs.append(sched.lr_at(epoch))
        assert sched.observe(metric) == sched.lr_at(epoch + 1)
    np.testing.assert_allclose(lrs, case["lrs"], rtol=1e-6, atol=1e-12)
    assert min(lrs) < BASE or case["kwargs"].get("mode") == "max"


def test_plateau_curve_is_history_then_current_lr():
    sched = create("plateau", 0.1, patience=0)
    assert sched.curve(3) == [0.1, 0.1, 0.1]
    sched.observe(1.0)
    sched.observe(1.0)
    np.testing.assert_allclose(sched.curve(5), [0.1, 0.1, 0.01, 0.01, 0.01])
    assert sched.lr_at(1) == 0.1


def test_pure_schedules_do_not_change_when_queried():
    sched = create("cosine", 0.1, T_max=10)
    first = sched.curve(20)
    assert sched.lr_at(7) == sched.lr_at(7) == first[7]
    assert sched.curve(20) == first


def test_fractional_epochs_use_the_epochs_rate():
    sched = create("step", 1.0, step_size=2, gamma=0.5)
    assert [sched.lr_at(e) for e in (0.0, 1.9, 2.0, 3.5)] == [1.0, 1.0, 0.5, 0.5]


def test_cosine_reaches_eta_min_at_t_max():
    sched = create("cosine", 0.1, T_max=5, eta_min=0.001)
    curve = sched.curve(6)
    assert curve[5] == pytest.approx(0.001) and all(a > b for a, b in zip(curve, curve[1:]))


def test_plateau_never_goes_below_min_lr():
    sched = create("plateau", 0.1, patience=0, min_lr=0.005)
    for _ in range(10):
        sched.observe(1.0)
    assert sched.lr_at(10) == 0.005


@pytest.mark.parametrize("name, kwargs, arg", [
    ("step", {}, "step_size"),
    ("step", {"step_size": 0}, "step_size"),
    ("step", {"step_size": 2.5}, "step_size"),
    ("exponential", {}, "gamma"),
    ("exponential", {"gamma": -0.5}, "gamma"),
    ("cosine", {}, "T_max"),
    ("cosine", {"T_max": 10, "eta_min": -1}, "eta_min"),
    ("plateau", {"factor": 1.0}, "factor"),
    ("plateau", {"patience": -1}, "patience"),
    ("plateau", {"mode": "up"}, "mode"),
    ("plateau", {"threshold_mode": "pct"}, "threshold_mode"),
    ("constant", {"gamma": 0.5}, "gamma"),
])
def test_bad_arguments_name_the_argument(name, kwargs, arg):
    with pytest.raises(ValueError, match=re.escape(arg)):
        create(name, 0.1, **kwargs)


def test_bad_base_lr_and_epoch_are_refused():
    with pytest.raises(ValueError, match="base_lr"):
        create("constant", -0.1)
    with pytest.raises(ValueError, match="epoch"):
        create("constant", 0.1).lr_at(-1)
    with pytest.raises(ValueError, match="cosine"):
        schedules.create("cosine_warm", 0.1)


@pytest.mark.parametrize("name", sorted(SCHEDULES))
def test_hyperparams_defaults_build_the_schedule(name):
    spec = HYPERPARAMS[name]
    sched = create(name, 0.1, **{k: hp["default"] for k, hp in spec.items()})
    assert len(sched.curve(5)) == 5
    for param, hp in spec.items():
        assert hp["type"] in ("float", "int")
        assert hp["min"] <= hp["default"] <= hp["max"], param
        assert hp["scale"] in ("linear", "log"), param
        create(name, 0.1, **{**{k: h["default"] for k, h in spec.items()}, param: hp["max"]})
    hidden = {"base_lr", "mode", "threshold_mode", "eps"}
    assert set(spec) == set(inspect.signature(SCHEDULES[name]).parameters) - hidden


def test_for_run_lets_a_cosine_follow_the_epochs_unless_t_max_is_set():
    from engine.schedules import for_run
    eleven = for_run("cosine", 0.5, 11).curve(11)
    assert eleven[0] == 0.5 and eleven[-1] > 0 and eleven == sorted(eleven, reverse=True)
    assert for_run("cosine", 0.5, 11).lr_at(11) == pytest.approx(0.0, abs=1e-15)
    assert for_run("cosine", 0.5, 11, T_max=10).lr_at(10) == pytest.approx(0.0, abs=1e-15)
    assert for_run("step", 1.0, 9, step_size=3).curve(9) == pytest.approx([1] * 3 + [0.1] * 3 + [0.01] * 3)
