"""Optimizers against PyTorch fixtures (tools/make_fixtures.py), plus their contract."""
from __future__ import annotations

import inspect
import json
import re
from pathlib import Path

import numpy as np
import pytest

from engine import optimizers
from engine.network import Network
from engine.optimizers import HYPERPARAMS, OPTIMIZERS, create

FIXTURE = json.loads((Path(__file__).parent.parent / "fixtures" / "optimizers.json").read_text())
CASES = FIXTURE["cases"]


def case_id(case) -> str:
    return case["name"] + "-" + ",".join(f"{k}={v}" for k, v in case["kwargs"].items())


def fixture_arrays(dtype=np.float64):
    params = [np.array(p, dtype=dtype) for p in FIXTURE["init"]]
    grads = [[np.array(g, dtype=dtype) for g in step] for step in FIXTURE["grads"]]
    return params, grads


def run(opt, params, grads_per_step):
    """Step through the fixture's grads, halving lr where torch did; yield after each step."""
    for step, grads in enumerate(grads_per_step):
        if step == FIXTURE["lr_change_at"]:
            opt.lr = opt.lr * FIXTURE["lr_factor"]
        opt.step(params, grads)
        yield step


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_matches_torch_every_step(case):
    params, grads = fixture_arrays()
    opt = create(case["name"], **case["kwargs"])
    for step in run(opt, params, grads):
        for got, want in zip(params, case["params"][step]):
            np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-12, err_msg=f"step {step}")


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_state_buffers_match_torch(case):
    params, grads = fixture_arrays()
    opt = create(case["name"], **case["kwargs"])
    for _ in run(opt, params, grads):
        pass
    for i, (want, steps) in enumerate(zip(case["state"], case["steps"])):
        buffers = {k: v for k, v in opt.state[i].items() if k != "step"}
        assert sorted(buffers) == sorted(want)
        for key, value in want.items():
            np.testing.assert_allclose(buffers[key], value, rtol=1e-6, atol=1e-12, err_msg=key)
        assert opt.state[i].get("step") == steps


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_grads_are_never_modified(case):
    params, grads = fixture_arrays()
    before = [[g.copy() for g in step] for step in grads]
    opt = create(case["name"], **case["kwargs"])
    for _ in run(opt, params, grads):
        pass
    for got, want in zip(grads, before):
        for g, w in zip(got, want):
            np.testing.assert_array_equal(g, w)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_float32_params_stay_float32_and_track_float64(case):
    params32, grads32 = fixture_arrays(np.float32)
    opt = create(case["name"], **case["kwargs"])
    for _ in run(opt, params32, grads32):
        pass
    assert all(p.dtype == np.float32 for p in params32)
    assert all(v.dtype == np.float32 for s in opt.state.values() for v in s.values()
               if isinstance(v, np.ndarray))
    for got, want in zip(params32, case["params"][-1]):
        np.testing.assert_allclose(got, want, rtol=1e-3, atol=1e-4)


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_lr_zero_between_steps_freezes_the_weights(name):
    params, grads = fixture_arrays()
    opt = create(name)
    opt.step(params, grads[0])
    frozen = [p.copy() for p in params]
    opt.lr = 0.0
    opt.step(params, grads[1])
    for p, f in zip(params, frozen):
        np.testing.assert_array_equal(p, f)
    opt.lr = 0.01
    opt.step(params, grads[2])
    assert not np.array_equal(params[0], frozen[0])


def test_state_is_created_lazily_with_torch_buffer_names():
    params, grads = fixture_arrays()
    expect = {"sgd": {"momentum_buffer"}, "adagrad": {"step", "sum"},
              "rmsprop": {"step", "square_avg", "grad_avg", "momentum_buffer"},
              "adadelta": {"step", "square_avg", "acc_delta"},
              "adam": {"step", "exp_avg", "exp_avg_sq", "max_exp_avg_sq"}}
    kwargs = {"sgd": {"momentum": 0.9}, "rmsprop": {"centered": True, "momentum": 0.9},
              "adam": {"amsgrad": True}}
    for name, keys in expect.items():
        opt = create(name, **kwargs.get(name, {}))
        assert opt.state == {}
        opt.step([p.copy() for p in params], grads[0])
        assert set(opt.state) == {0, 1}
        assert set(opt.state[1]) == keys, name
        assert all(v.shape == params[1].shape for v in opt.state[1].values()
                   if isinstance(v, np.ndarray))


def test_defaults_match_torch():
    assert create("sgd").config == {"name": "sgd", "lr": 1e-3, "momentum": 0.0,
                                    "dampening": 0.0, "weight_decay": 0.0, "nesterov": False}
    assert create("adagrad").lr == 1e-2 and create("adagrad").eps == 1e-10
    assert (create("rmsprop").lr, create("rmsprop").alpha) == (1e-2, 0.99)
    assert (create("adadelta").lr, create("adadelta").rho, create("adadelta").eps) == (1.0, 0.9, 1e-6)
    assert create("adam").betas == (0.9, 0.999) and create("adam").weight_decay == 0.0
    assert create("adamw").weight_decay == 1e-2


@pytest.mark.parametrize("name, kwargs, arg", [
    ("sgd", {"lr": -0.1}, "lr"),
    ("sgd", {"lr": float("nan")}, "lr"),
    ("sgd", {"lr": "fast"}, "lr"),
    ("sgd", {"momentum": -0.5}, "momentum"),
    ("sgd", {"nesterov": True}, "nesterov"),
    ("sgd", {"nesterov": True, "momentum": 0.9, "dampening": 0.1}, "nesterov"),
    ("sgd", {"nesterov": "yes", "momentum": 0.9}, "nesterov"),
    ("sgd", {"weight_decay": -1}, "weight_decay"),
    ("adagrad", {"lr_decay": -1}, "lr_decay"),
    ("adagrad", {"initial_accumulator_value": -1}, "initial_accumulator_value"),
    ("rmsprop", {"alpha": -0.1}, "alpha"),
    ("rmsprop", {"eps": -1e-8}, "eps"),
    ("adadelta", {"rho": 1.5}, "rho"),
    ("adam", {"betas": (0.9, 1.0)}, "betas[1]"),
    ("adam", {"betas": 0.9}, "betas"),
    ("adamw", {"amsgrad": 1}, "amsgrad"),
    ("adam", {"momentum": 0.9}, "momentum"),
    ("rmsprop", {"beta": 0.9}, "beta"),
])
def test_bad_arguments_name_the_argument(name, kwargs, arg):
    with pytest.raises(ValueError, match=re.escape(arg)):
        create(name, **kwargs)


def test_setting_a_bad_lr_mid_run_is_refused():
    opt = create("adam")
    with pytest.raises(ValueError, match="lr"):
        opt.lr = -1.0
    assert opt.lr == 1e-3


def test_unknown_optimizer_lists_the_choices():
    with pytest.raises(ValueError, match="adamw"):
        create("adamax")


def test_momentum_and_nesterov_presets_are_sgd_configurations():
    assert create("momentum").config == create("sgd", momentum=0.9).config
    nesterov = create("nesterov", lr=0.05)
    assert isinstance(nesterov, optimizers.SGD) and nesterov.nesterov and nesterov.lr == 0.05


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_config_rebuilds_the_same_optimizer(case):
    opt = create(case["name"], **case["kwargs"])
    assert create(**opt.config).config == opt.config


def test_mismatched_shapes_are_reported():
    with pytest.raises(ValueError, match="shape"):
        create("sgd").step([np.zeros((2, 3))], [np.zeros((3, 2))])


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_hyperparams_describe_every_argument(name):
    spec = HYPERPARAMS[name]
    args = set(inspect.signature(OPTIMIZERS[name]).parameters) - {"decoupled_weight_decay"}
    assert set(spec) == args
    for param, hp in spec.items():
        assert hp["type"] in ("float", "bool", "pair")
        assert set(hp) == {"default", "type", "min", "max", "scale"}, param
        if hp["type"] != "bool":
            values = hp["default"] if hp["type"] == "pair" else [hp["default"]]
            assert all(hp["min"] <= v <= hp["max"] for v in values), param


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_ui_defaults_and_limits_are_accepted(name):
    spec = HYPERPARAMS[name]
    create(name, **{k: hp["default"] for k, hp in spec.items()})
    for k, hp in spec.items():
        if hp["type"] == "float":
            create(name, **{k: hp["min"]})
            create(name, **{k: hp["max"]})
    assert spec["lr"]["default"] > 0


def test_centered_rmsprop_stays_finite_on_a_steady_gradient():
    rng = np.random.default_rng(0)
    params = [rng.standard_normal(1000).astype(np.float32)]
    grads = [rng.standard_normal(1000).astype(np.float32) * 1e-3]
    opt = create("rmsprop", centered=True)
    for _ in range(3000):
        opt.step(params, grads)
    assert np.isfinite(params[0]).all()


def test_changed_param_shapes_need_a_reset():
    opt = create("adam")
    opt.step([np.zeros(3)], [np.ones(3)])
    with pytest.raises(ValueError, match="reset"):
        opt.step([np.zeros(4)], [np.ones(4)])
    opt.reset()
    assert opt.state == {}
    opt.step([np.zeros(4)], [np.ones(4)])
    assert opt.state[0]["step"] == 1


@pytest.mark.parametrize("name", sorted(OPTIMIZERS))
def test_ui_defaults_train_a_network_in_place(name):
    rng = np.random.default_rng(0)
    x = rng.standard_normal((64, 2)).astype(np.float32)
    labels = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(np.int64)
    net = Network.mlp([2, 8, 2], activation="tanh", seed=1)
    opt = create(name, **{k: hp["default"] for k, hp in HYPERPARAMS[name].items()})
    first = net.loss_and_grads(x, labels)
    for _ in range(100):
        net.loss_and_grads(x, labels)
        opt.step(net.params, net.grads)
    assert net.loss_and_grads(x, labels) < 0.75 * first
