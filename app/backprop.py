"""The Backprop panel's computations: a validated request → engine objects → a JSON-ready answer.

Stateless: a request carries the network's current parameters and the optimizer's state (an
earlier answer's `next`), so any server process answers any call and nothing is kept between
them. Networks are float64, so every number shown is exact to ~1e-16 and parameters sent back
as JSON (shortest round-trip decimals) come back bit for bit.
"""
from __future__ import annotations

import time

import numpy as np

from engine import backprop, gradcheck, optimizers
from engine.backprop import update
from engine.datasets import load_toy
from engine.network import Network

from .schemas.backprop import MAX_VALUE, MAX_WEIGHT_NODES, TraceRequest, TrainRequest, numbers
from .schemas.train import ConfigError, TrainConfig

SQUARED = {"exp_avg_sq", "max_exp_avg_sq", "sum", "square_avg", "acc_delta"}   # buffers that are ≥ 0
SEVERITY = ["good", "acceptable", "kink", "check", "wrong"]

PRESETS = {   # what the panel offers first: the course's two hand-worked examples
    "delta_rule": {"dataset": "delta_table", "layers": [3, 1], "activation": "sigmoid",
                   "output": "sigmoid", "loss": "sse", "optimizer": "sgd", "lr": 1.0, "seed": 0},
    "xor_2_2_1": {"dataset": "xor", "layers": [2, 2, 1], "activation": "tanh", "output": "sigmoid",
                  "loss": "binary_cross_entropy", "optimizer": "sgd", "lr": 1.0, "seed": 0},
    "xor_2_4_1": {"dataset": "xor", "layers": [2, 4, 1], "activation": "tanh", "output": "sigmoid",
                  "loss": "binary_cross_entropy", "optimizer": "sgd", "lr": 1.0, "seed": 0},
}


def trace_answer(req: TraceRequest) -> dict:
    """One forward/backward pass of the example, the gradient check and the update."""
    net, opt, data = _setup(req)
    x, t, example = _example(req, data)
    detail = _detail(req)
    step = backprop.trace(net, x, t, opt, detail)
    network = {**_network(req, net), "fused": step["fused"], "detail": detail}
    return {"network": network, "dataset": {"name": req.dataset, "n_examples": len(data.x)},
            "example": {**example, "target": step["target"]}, "loss": step["loss"],
            "output": step["output"], "graph": step["graph"], "gradients": step["gradients"],
            "update": step["update"], "next": _next(net, opt)}


def train_answer(req: TrainRequest) -> dict:
    """`req.steps` updates, then the network's answer on every example of the dataset."""
    net, opt, data = _setup(req)
    start = req.example.index or 0
    run = backprop.train(net, opt, data.x.astype(np.float64), data.y, req.steps, req.batch, start)
    examples = [{"x": x, "label": int(label), "output": out, "prediction": int(pred), "correct": bool(pred == label)}
                for x, label, out, pred in zip(data.x, data.y, run["outputs"], run["predictions"])]
    return {"network": _network(req, net), "steps": run["steps"], "status": run["status"],
            "batch": req.batch, "losses": run["losses"], "loss": run["loss"],
            "accuracy": run["accuracy"], "examples": examples, "next": _next(net, opt)}


def gradcheck_answer(config: TrainConfig, train, n_examples: int) -> dict:
    """Backprop against central differences for a training config's network at its start
    (its size checked by schemas.backprop.check_gradcheck_size)."""
    net = float64_network(config)
    n = min(n_examples, len(train))
    started = time.perf_counter()
    report = gradcheck.check_report(net, train.x[:n].astype(np.float64), train.y[:n])
    verdict = max((t["verdict"] for t in report["tensors"]), key=SEVERITY.index)
    return {**report, "verdict": verdict, "examples": n, "n_params": net.n_params, "h": gradcheck.H,
            "dtype": "float64", "thresholds": dict(gradcheck.THRESHOLDS),
            "seconds": time.perf_counter() - started}


def _setup(req: TraceRequest):
    """(float64 network with the request's parameters, optimizer with its state, training data)."""
    net = float64_network(req)
    if req.params is not None:
        _load_params(net, req.params)
    opt = optimizers.create(req.optimizer, lr=req.lr, **req.optimizer_params)
    _load_state(opt, net, req)
    train, _ = load_toy(req.dataset, req.seed)
    return net, opt, train


def float64_network(c) -> Network:
    """The untrained network of a trace request or a training config, in float64 (every number
    shown exact to ~1e-16, and central differences good to ~1e-10)."""
    return Network.mlp(c.layers, c.activation, c.output, c.loss, c.init, c.init_std, c.seed,
                       np.float64, c.alpha)


def _load_params(net: Network, params: dict) -> None:
    for name in params:
        if name not in net.param_names:
            raise ConfigError(f"params.{name}: this network has no {name}; it has "
                              f"{', '.join(net.param_names)}", f"params.{name}")
    for name, p in zip(net.param_names, net.params):
        if name not in params:
            raise ConfigError(f"params.{name}: missing (send every one of {', '.join(net.param_names)})",
                              f"params.{name}")
        p[...] = _array(params[name], p.shape, f"params.{name}")


def _load_state(opt, net: Network, req: TraceRequest) -> None:
    state = req.optimizer_state
    if state is None or state.step == 0:
        return
    if req.params is None:
        raise ConfigError("optimizer_state: it belongs to the parameters it was made with; send "
                          "them as params too (both come in an answer's next)", "optimizer_state")
    buffers = {}
    for name, p in zip(net.param_names, net.params):
        field = f"optimizer_state.buffers.{name}"
        given = state.buffers.get(name, {})
        for key in given:
            if key not in opt.buffer_names:
                raise ConfigError(f"{field}.{key}: {opt.name} keeps no {key}; it keeps "
                                  f"{', '.join(opt.buffer_names) or 'no buffers'}", f"{field}.{key}")
        for key in opt.buffer_names:
            if key not in given:
                raise ConfigError(f"{field}.{key}: missing ({opt.name} keeps {', '.join(opt.buffer_names)})",
                                  f"{field}.{key}")
        buffers[name] = {k: _array(given[k], p.shape, f"{field}.{k}", k in SQUARED) for k in opt.buffer_names}
    for name in state.buffers:
        if name not in net.param_names:
            raise ConfigError(f"optimizer_state.buffers.{name}: this network has no {name}",
                              f"optimizer_state.buffers.{name}")
    update.load_state_by_name(opt, net.params, net.param_names, {"step": state.step, "buffers": buffers})


def _array(value, shape: tuple, field: str, nonnegative: bool = False) -> np.ndarray:
    """Nested lists of numbers shaped `shape` as float64; ConfigError naming the field otherwise."""
    bad = _first_non_number(value, field)
    if bad is not None:
        raise ConfigError(f"{bad}: must be a number", bad)
    try:
        array = np.asarray(value, dtype=np.float64)
    except ValueError:
        array = None
    if array is None or array.shape != tuple(shape):
        raise ConfigError(f"{field}: must be {_describe(shape)}", field)
    flat = array.reshape(-1)
    for i, v in enumerate(flat):
        if abs(v) > MAX_VALUE or (nonnegative and v < 0):
            where = f"{field}.{'.'.join(str(int(k)) for k in np.unravel_index(i, array.shape))}"
            rule = ">= 0" if nonnegative and v < 0 else f"within ±{MAX_VALUE:g}"
            raise ConfigError(f"{where}: must be {rule}, got {v}", where)
    return array


def _first_non_number(value, path: str) -> str | None:
    if isinstance(value, list):
        for i, item in enumerate(value):
            found = _first_non_number(item, f"{path}.{i}")
            if found is not None:
                return found
        return None
    return None if isinstance(value, (int, float)) and not isinstance(value, bool) else path


def _describe(shape: tuple) -> str:
    if len(shape) == 2:
        return f"{shape[0]} rows of {shape[1]} numbers (row i: the weights from input i to each unit)"
    return f"a list of {numbers(shape[0])}"


def _example(req: TraceRequest, data) -> tuple[np.ndarray, object, dict]:
    """(x, target for the engine, what the answer says about the example)."""
    e = req.example
    if e.index is not None:
        label = int(data.y[e.index])
        return data.x[e.index].astype(np.float64), label, {"index": e.index, "x": data.x[e.index], "label": label}
    x = np.array(e.x, dtype=np.float64)
    if e.label is not None:
        return x, e.label, {"index": None, "x": x, "label": e.label}
    return x, np.array(e.target, dtype=np.float64), {"index": None, "x": x, "label": None}


def _detail(req: TraceRequest) -> str:
    if req.detail == "auto":
        return "weights" if req.n_weights <= MAX_WEIGHT_NODES else "units"
    return req.detail


def _network(req: TraceRequest, net: Network) -> dict:
    return {"layers": net.sizes, "activation": net.config["activation"], "output": req.output,
            "loss": req.loss, "param_names": net.param_names}


def _next(net: Network, opt) -> dict:
    """What the next call sends back as `params` and `optimizer_state`."""
    return {"params": dict(zip(net.param_names, net.params)),
            "optimizer_state": update.state_by_name(opt, net.param_names)}
