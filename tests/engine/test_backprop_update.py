"""The update a trace shows is the optimizer's own step; its state round-trips; many updates learn XOR."""
import json

import numpy as np
import pytest

from engine import optimizers
from engine.backprop import trace, train
from engine.backprop.update import load_state_by_name, state_by_name
from engine.datasets import toy
from engine.network import Network

SETTINGS = [("sgd", {"lr": 0.5}), ("momentum", {"lr": 0.1}), ("nesterov", {"lr": 0.1}),
            ("sgd", {"lr": 0.1, "momentum": 0.5, "dampening": 0.3, "weight_decay": 0.01}),
            ("adam", {"lr": 0.05}), ("adam", {"lr": 0.05, "amsgrad": True}), ("adamw", {"lr": 0.05}),
            ("adagrad", {"lr": 0.1, "initial_accumulator_value": 0.1}), ("rmsprop", {"lr": 0.01}),
            ("rmsprop", {"lr": 0.01, "momentum": 0.9, "centered": True}), ("adadelta", {"lr": 1.0})]
XS = np.array([[0.0, 1.0], [1.0, 1.0], [1.0, 0.0]])
LABELS = [1, 0, 1]


def xor_net(seed=0, sizes=(2, 3, 1)):
    return Network.mlp(list(sizes), "tanh", "sigmoid", "binary_cross_entropy", seed=seed, dtype=np.float64)


def as_json(value):
    """Through JSON and back, as a stateless client carries it."""
    def plain(v):
        if isinstance(v, np.ndarray):
            return v.tolist()
        raise TypeError(type(v))
    return json.loads(json.dumps(value, default=plain))


@pytest.mark.parametrize("name,kwargs", SETTINGS, ids=lambda v: str(v))
def test_the_update_is_the_optimizers_step_with_this_examples_gradient(name, kwargs):
    net, twin = xor_net(), xor_net()
    opt, twin_opt = optimizers.create(name, **kwargs), optimizers.create(name, **kwargs)
    for x, label in zip(XS, LABELS):
        step = trace(net, x, label, opt)
        twin.loss_and_grads(x.reshape(1, -1), np.array([label]))
        twin_opt.step(twin.params, twin.grads)
        for record, p, g in zip(step["update"]["params"], twin.params, twin.grads):
            np.testing.assert_array_equal(record["grad"], g)
            np.testing.assert_array_equal(record["after"], p)
            np.testing.assert_array_equal(record["delta"], record["after"] - record["before"])
            np.testing.assert_array_equal(record["after"], next(q for q, n in zip(net.params, net.param_names)
                                                                if n == record["name"]))
        assert step["update"]["optimizer"] == twin_opt.config
    buffers = twin_opt.state_dict()["buffers"]
    for record, want in zip(step["update"]["params"], buffers):
        assert sorted(record["buffers_after"]) == sorted(want)
        for key in want:
            np.testing.assert_array_equal(record["buffers_after"][key], want[key])


def test_sgd_and_adam_updates_by_their_formulas():
    x, label = XS[0], LABELS[0]
    step = trace(xor_net(), x, label, optimizers.create("sgd", lr=0.5))
    for r in step["update"]["params"]:
        np.testing.assert_allclose(r["after"], r["before"] - 0.5 * r["grad"], rtol=0, atol=1e-15)
        assert r["buffers_before"] is None and r["buffers_after"] == {}
    lr, (b1, b2), eps = 0.05, (0.9, 0.999), 1e-8
    step = trace(xor_net(), x, label, optimizers.create("adam", lr=lr))
    for r in step["update"]["params"]:
        g = r["grad"]
        m, v = (1 - b1) * g, (1 - b2) * g * g
        np.testing.assert_allclose(r["buffers_after"]["exp_avg"], m, rtol=1e-14, atol=1e-18)
        np.testing.assert_allclose(r["buffers_after"]["exp_avg_sq"], v, rtol=1e-14, atol=1e-18)
        want = r["before"] - lr * (m / (1 - b1)) / (np.sqrt(v / (1 - b2)) + eps)
        np.testing.assert_allclose(r["after"], want, rtol=1e-12, atol=1e-15)
    assert step["update"]["step"] == 1


@pytest.mark.parametrize("name,kwargs", SETTINGS, ids=lambda v: str(v))
def test_a_stateless_client_gets_the_same_steps_as_one_that_kept_everything(name, kwargs):
    kept, kept_opt = xor_net(), optimizers.create(name, **kwargs)
    carried = {"params": None, "state": None}
    for x, label in zip(XS, LABELS):
        want = trace(kept, x, label, kept_opt)
        net, opt = xor_net(), optimizers.create(name, **kwargs)   # a fresh server each call
        if carried["params"] is not None:
            for p, n in zip(net.params, net.param_names):
                p[...] = carried["params"][n]
            load_state_by_name(opt, net.params, net.param_names, carried["state"])
        got = trace(net, x, label, opt)
        assert got["loss"] == want["loss"]
        for a, b in zip(got["update"]["params"], want["update"]["params"]):
            np.testing.assert_array_equal(a["after"], b["after"])
        carried = as_json({"params": dict(zip(net.param_names, net.params)),
                           "state": state_by_name(opt, net.param_names)})


def test_optimizer_state_refuses_buffers_that_do_not_fit():
    net = xor_net()
    opt = optimizers.create("adam", lr=0.1)
    good = {"step": 3, "buffers": {n: {"exp_avg": np.zeros(p.shape), "exp_avg_sq": np.zeros(p.shape)}
                                   for n, p in zip(net.param_names, net.params)}}
    load_state_by_name(opt, net.params, net.param_names, good)
    assert opt.state_dict()["step"] == 3 and opt.state[0]["step"] == 3
    wrong_name = {**good, "buffers": {**good["buffers"], "W1": {"momentum_buffer": np.zeros((2, 3))}}}
    with pytest.raises(ValueError, match="param 0: adam keeps"):
        load_state_by_name(opt, net.params, net.param_names, wrong_name)
    wrong_shape = {**good, "buffers": {**good["buffers"], "b1": {"exp_avg": np.zeros(2), "exp_avg_sq": np.zeros(3)}}}
    with pytest.raises(ValueError, match="exp_avg has shape"):
        load_state_by_name(opt, net.params, net.param_names, wrong_shape)
    with pytest.raises(ValueError, match="no optimizer buffers for W2"):
        load_state_by_name(opt, net.params, net.param_names,
                           {"step": 1, "buffers": {k: v for k, v in good["buffers"].items() if k != "W2"}})
    with pytest.raises(ValueError, match="step must be"):
        opt.load_state_dict(net.params, {"step": -1, "buffers": []})


def test_100_updates_of_xor_2_4_1_get_the_four_answers_right():
    data = toy.xor()
    net = Network.mlp([2, 4, 1], "tanh", "sigmoid", "binary_cross_entropy", seed=0, dtype=np.float64)
    before = net.predict(data.x.astype(np.float64))
    run = train(net, optimizers.create("sgd", lr=1.0), data.x.astype(np.float64), data.y, 100)
    assert run["status"] == "done" and run["steps"] == 100 and len(run["losses"]) == 100
    assert (before != data.y).any()
    assert run["predictions"].tolist() == data.y.tolist() and run["accuracy"] == 1.0
    outputs = run["outputs"][:, 0]
    assert np.all(np.where(data.y == 1, outputs > 0.8, outputs < 0.2)), outputs
    assert run["losses"][-1] < run["losses"][0] / 5


def test_one_example_per_update_goes_through_the_examples_in_order():
    data = toy.xor()
    x = data.x.astype(np.float64)
    net, twin = xor_net(), xor_net()
    opt, twin_opt = optimizers.create("sgd", lr=0.3), optimizers.create("sgd", lr=0.3)
    run = train(net, opt, x, data.y, 6, batch="example", start=2)
    for k in range(6):
        i = (2 + k) % 4
        assert twin.loss_and_grads(x[i:i + 1], data.y[i:i + 1]) == run["losses"][k]
        twin_opt.step(twin.params, twin.grads)
    for a, b in zip(net.params, twin.params):
        np.testing.assert_array_equal(a, b)
    with pytest.raises(ValueError, match="batch"):
        train(net, opt, x, data.y, 1, batch="half")


def test_updates_stop_when_the_network_blows_up():
    data = toy.xor()
    net = Network.mlp([2, 4, 1], "relu", "identity", "sse", seed=0, dtype=np.float64)
    with np.errstate(all="ignore"):
        run = train(net, optimizers.create("sgd", lr=10.0), data.x.astype(np.float64) * 100, data.y, 500)
    assert run["status"] == "diverged" and run["steps"] < 500
    assert all(np.isfinite(run["losses"]))
