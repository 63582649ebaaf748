"""Write the PyTorch reference fixtures the engine's tests compare against.

Run by hand after changing a case (torch is never a runtime or test dependency):

    .venv/bin/pip install torch==2.13.0      # CPU wheel; only for this script and bench/
    .venv/bin/python tools/make_fixtures.py

Writes, all in float64, into tests/fixtures/:
- optimizers.json: every torch.optim optimizer under each option combination, run for a
  few steps on two small params with shared random grads (lr halved mid-run); params after
  each step and the final state buffers.
- schedules.json: each lr scheduler's per-epoch lr over 30 epochs (plateau fed a metric
  sequence with plateaus).
- losses.json: value and d/dz of each loss for random 4×5 logits z, through the output
  activation the engine pairs with it. `sse` is ½·MSELoss(reduction="sum")/N, the
  convention documented in engine/losses.py.
"""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
SHAPES = [(3, 4), (4,)]
GRAD_SCALES = [1.0, 2.0, 0.05, 0.05, 1.5, 0.3]   # swings so AMSGrad's max matters
LR_CHANGE_AT = 3                                   # lr halves before the 4th step
BUFFERS = ("momentum_buffer", "sum", "square_avg", "grad_avg", "acc_delta", "exp_avg",
           "exp_avg_sq", "max_exp_avg_sq")

OPTIMIZER_CASES = [
    ("sgd", {"lr": 0.1}),
    ("sgd", {"lr": 0.1, "weight_decay": 0.1}),
    ("sgd", {"lr": 0.1, "momentum": 0.9}),
    ("sgd", {"lr": 0.1, "momentum": 0.9, "nesterov": True}),
    ("sgd", {"lr": 0.1, "momentum": 0.9, "weight_decay": 0.1}),
    ("sgd", {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 0.1}),
    ("sgd", {"lr": 0.1, "momentum": 0.9, "dampening": 0.5}),
    ("sgd", {"lr": 0.1, "momentum": 0.5, "dampening": 0.3, "weight_decay": 0.1}),
    ("sgd", {}),
    ("adagrad", {"lr": 0.1}),
    ("adagrad", {"lr": 0.1, "lr_decay": 0.5}),
    ("adagrad", {"lr": 0.1, "initial_accumulator_value": 0.5}),
    ("adagrad", {"lr": 0.1, "weight_decay": 0.1}),
    ("adagrad", {"lr": 0.1, "lr_decay": 0.5, "initial_accumulator_value": 0.5,
                 "weight_decay": 0.1, "eps": 1e-3}),
    ("rmsprop", {}),
    ("rmsprop", {"centered": True}),
    ("rmsprop", {"momentum": 0.9}),
    ("rmsprop", {"centered": True, "momentum": 0.9}),
    ("rmsprop", {"alpha": 0.9, "weight_decay": 0.1, "eps": 1e-3}),
    ("rmsprop", {"alpha": 0.9, "centered": True, "momentum": 0.5, "weight_decay": 0.1}),
    ("adadelta", {}),
    ("adadelta", {"rho": 0.5, "eps": 1e-3}),
    ("adadelta", {"weight_decay": 0.1}),
    ("adadelta", {"lr": 0.5, "rho": 0.95, "weight_decay": 0.1}),
    ("adam", {"lr": 0.1}),
    ("adam", {"lr": 0.1, "amsgrad": True, "betas": (0.8, 0.9)}),
    ("adam", {"lr": 0.1, "weight_decay": 0.1}),
    ("adam", {"lr": 0.1, "amsgrad": True, "weight_decay": 0.1, "betas": (0.8, 0.9)}),
    ("adam", {"lr": 0.1, "betas": (0.5, 0.6), "eps": 1e-3}),
    ("adam", {"lr": 0.1, "weight_decay": 0.1, "decoupled_weight_decay": True}),
    ("adamw", {"lr": 0.1}),
    ("adamw", {"lr": 0.1, "amsgrad": True, "betas": (0.8, 0.9)}),
    ("adamw", {"lr": 0.1, "weight_decay": 0.1, "betas": (0.8, 0.9)}),
    ("adamw", {"lr": 0.1, "amsgrad": True, "weight_decay": 0.3, "betas": (0.8, 0.9)}),
]
TORCH_OPTIMIZERS = {"sgd": torch.optim.SGD, "adagrad": torch.optim.Adagrad,
                    "rmsprop": torch.optim.RMSprop, "adadelta": torch.optim.Adadelta,
                    "adam": torch.optim.Adam, "adamw": torch.optim.AdamW}


def tolist(a) -> list:
    return np.asarray(a, dtype=np.float64).tolist()


def optimizer_fixture(rng) -> dict:
    """Shared params/grads, then every case's params after each step and final buffers."""
    init = [rng.standard_normal(s) for s in SHAPES]
    grads = [[rng.standard_normal(s) * k for s in SHAPES] for k in GRAD_SCALES]
    cases = [run_torch_optimizer(name, kw, init, grads) for name, kw in OPTIMIZER_CASES]
    return {"init": [tolist(p) for p in init], "grads": [[tolist(g) for g in gs] for gs in grads],
            "lr_change_at": LR_CHANGE_AT, "lr_factor": 0.5, "cases": cases}


def run_torch_optimizer(name, kwargs, init, grads) -> dict:
    params = [torch.tensor(p, requires_grad=True) for p in init]
    opt = TORCH_OPTIMIZERS[name](params, **kwargs)
    history = []
    for step, gs in enumerate(grads):
        if step == LR_CHANGE_AT:
            for group in opt.param_groups:
                group["lr"] *= 0.5
        for p, g in zip(params, gs):
            p.grad = torch.tensor(g)
        opt.step()
        history.append([tolist(p.detach()) for p in params])
    state = [{k: tolist(v) for k, v in opt.state[p].items() if k in BUFFERS} for p in params]
    steps = [int(opt.state[p]["step"]) if "step" in opt.state[p] else None for p in params]
    kwargs = {k: list(v) if isinstance(v, tuple) else v for k, v in kwargs.items()}
    return {"name": name, "kwargs": kwargs, "params": history, "state": state, "steps": steps}


def schedule_fixture() -> dict:
    """Per-epoch lr of each torch scheduler over 30 epochs, base lr 0.1."""
    S = torch.optim.lr_scheduler
    cases = [
        ("constant", {}, None),
        ("step", {"step_size": 7}, lambda o: S.StepLR(o, step_size=7)),
        ("step", {"step_size": 4, "gamma": 0.5}, lambda o: S.StepLR(o, 4, gamma=0.5)),
        ("exponential", {"gamma": 0.9}, lambda o: S.ExponentialLR(o, 0.9)),
        ("cosine", {"T_max": 10}, lambda o: S.CosineAnnealingLR(o, 10)),
        ("cosine", {"T_max": 30, "eta_min": 0.01}, lambda o: S.CosineAnnealingLR(o, 30, 0.01)),
    ]
    out = [{"name": n, "kwargs": kw, "lrs": run_schedule(make, None)} for n, kw, make in cases]
    metrics = plateau_metrics()
    for kw in ({}, {"patience": 2}, {"patience": 2, "cooldown": 3, "factor": 0.5},
               {"patience": 1, "threshold": 0.05, "min_lr": 0.002},
               {"patience": 2, "threshold": 0.1, "threshold_mode": "abs"},
               {"patience": 1, "mode": "max"}):
        lrs = run_schedule(lambda o, kw=kw: S.ReduceLROnPlateau(o, **kw), metrics)
        out.append({"name": "plateau", "kwargs": kw, "lrs": lrs})
    return {"base_lr": 0.1, "metrics": metrics, "cases": out}


def plateau_metrics() -> list[float]:
    """30 epochs of a falling loss: short flat stretches, sub-threshold gains, a long plateau."""
    m = [2.0, 1.5, 1.2, 1.2, 1.2, 1.19999, 1.2, 1.0, 0.9, 0.9, 0.9, 0.8999, 0.9, 0.7, 0.6]
    m += [0.6, 0.65, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.6, 0.55]
    return m


def run_schedule(make, metrics, n=30) -> list[float]:
    opt = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    sched = make(opt) if make else None
    lrs = []
    for epoch in range(n):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        if metrics is not None:
            sched.step(metrics[epoch])
        elif sched is not None:
            sched.step()
    return lrs


OUTPUTS = {"identity": lambda x: x, "sigmoid": torch.sigmoid,
           "softmax": lambda x: torch.softmax(x, 1)}
LOSS_PLAN = [(loss, out, kind) for loss in ("sse", "mse") for out in OUTPUTS
             for kind in ("labels", "uniform")] + [
    ("cross_entropy", "softmax", "labels"), ("cross_entropy", "softmax", "distribution"),
    ("binary_cross_entropy", "sigmoid", "binary"), ("binary_cross_entropy", "sigmoid", "uniform"),
    ("kl_divergence", "softmax", "distribution"), ("kl_divergence", "softmax", "labels")]


def torch_loss(loss, out, z, t):
    """The torch twin of the engine's `loss` on logits z (n, k); t is (n,) labels or (n, k)."""
    n, k = z.shape
    if loss == "cross_entropy":
        return torch.nn.CrossEntropyLoss()(z, torch.tensor(t))
    t = torch.tensor(np.eye(k)[t] if t.ndim == 1 else t)
    if loss == "binary_cross_entropy":
        return torch.nn.BCEWithLogitsLoss()(z, t)
    if loss == "kl_divergence":
        return torch.nn.KLDivLoss(reduction="batchmean")(torch.log_softmax(z, 1), t)
    y = OUTPUTS[out](z)
    if loss == "sse":
        return 0.5 * torch.nn.MSELoss(reduction="sum")(y, t) / n
    return torch.nn.MSELoss()(y, t)


def loss_fixture(rng) -> dict:
    """Value and d/dz for each loss, output activation and target kind."""
    n, k = 4, 5
    z = rng.standard_normal((n, k)) * 2
    targets = {"labels": rng.integers(0, k, n), "uniform": rng.uniform(0, 1, (n, k)),
               "distribution": torch.softmax(torch.tensor(rng.standard_normal((n, k))), 1).numpy(),
               "binary": rng.integers(0, 2, (n, k)).astype(np.float64)}
    cases = []
    for loss, out, kind in LOSS_PLAN:
        zt = torch.tensor(z, requires_grad=True)
        value = torch_loss(loss, out, zt, targets[kind])
        value.backward()
        cases.append({"loss": loss, "output": out, "target_kind": kind,
                      "target": targets[kind].tolist(), "value": float(value.detach()),
                      "grad": tolist(zt.grad)})
    return {"z": tolist(z), "cases": cases}


def main() -> None:
    torch.set_default_dtype(torch.float64)
    rng = np.random.default_rng(20261123)
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in (("optimizers", optimizer_fixture(rng)), ("schedules", schedule_fixture()),
                       ("losses", loss_fixture(rng))):
        path = OUT / f"{name}.json"
        data = {"made_with": f"torch {torch.__version__}", **data}
        path.write_text(json.dumps(data, separators=(",", ":")) + "\n")
        print(f"wrote {path} ({path.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
