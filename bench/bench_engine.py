"""Engine speed and accuracy: one MNIST epoch against PyTorch eager and a minimal NumPy loop.

Prints one table; every ratio is measured in this run, in one process, on the same shuffled
batches (issue 3). Targets: 784-16-16-10 ReLU/CE/Adam batch 32 ≥ 3× faster than torch and
within 1.1× of minimal NumPy; batch 128 ≥ 2.5× torch; 784-128-64-10 batch 64 ≥ 1.4× torch;
snapshots every 50 steps add ≤ 10%. Accuracy runs (about 20 s) are skipped with
`--no-accuracy` or DOWNHILL_BENCH_ACCURACY=0. PyTorch is imported here only; it is never a runtime dependency.
"""
from __future__ import annotations

import os
import sys
import time

import numpy as np

from engine import optimizers, schedules
from engine.control import TrainControl
from engine.datasets import load_mnist
from engine.defaults import DEFAULT_TRAINING
from engine.network import Network
from engine.trainer import Trainer, targets_for
from bench.table import report

SEED = 0


def numpy_threads() -> int:
    """Threads NumPy's BLAS uses: the usual env limits, else every core."""
    for key in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        if os.environ.get(key, "").isdigit():
            return int(os.environ[key])
    return os.cpu_count() or 1


def shuffled(train):
    """The first epoch's batches exactly as Trainer(seed=SEED) draws them: x (n, 784), labels, one-hot."""
    perm = np.random.default_rng(SEED).permutation(len(train))
    x, y = train.x[perm].astype(np.float32), train.y[perm]
    return x, y, targets_for(y, 10, np.float32)


def relu_net(sizes):
    return Network.mlp(sizes, activation="relu", init="he_normal", seed=SEED)


def time_trainer(train, sizes, bs, snapshot_every=0) -> float:
    """Wall time of Trainer.run() for one epoch (includes its shuffle and end-of-epoch stats).

    Snapshots use the Trainer's own probe batch, as the server's trainings do.
    """
    net = relu_net(sizes)
    trainer = Trainer(net, optimizers.create("adam", lr=1e-3), schedules.create("constant", 1e-3),
                      train, None, batch_size=bs, epochs=1, seed=SEED, snapshot_every=snapshot_every)
    start = time.perf_counter()
    trainer.run()
    return time.perf_counter() - start


def time_engine_loop(data, sizes, bs) -> float:
    """Plain loop over net.loss_and_grads + opt.step on pre-shuffled batches."""
    x, _, t = data
    net, opt = relu_net(sizes), optimizers.create("adam", lr=1e-3)
    start = time.perf_counter()
    for i in range(0, len(x), bs):
        net.loss_and_grads(x[i:i + bs], t[i:i + bs])
        opt.step(net.params, net.grads)
    return time.perf_counter() - start


def minimal_step(ws, x, t, state, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
    """One ReLU-MLP + softmax-CE + Adam step on flat lists [W1, b1, …]; returns the loss."""
    acts, a = [x], x
    for k in range(0, len(ws), 2):
        a = a @ ws[k] + ws[k + 1]
        if k + 2 < len(ws):
            a = np.maximum(a, 0)
        acts.append(a)
    z = a - a.max(axis=1, keepdims=True)
    e = np.exp(z)
    s = e.sum(axis=1, keepdims=True)
    loss = float(np.mean(np.log(s[:, 0]) - (z * t).sum(axis=1)))
    g = (e / s - t) / len(x)
    grads = [None] * len(ws)
    for k in range(len(ws) - 2, -1, -2):
        grads[k], grads[k + 1] = acts[k // 2].T @ g, g.sum(axis=0)
        if k:
            g = (g @ ws[k].T) * (acts[k // 2] > 0)
    state["t"] += 1
    c1, c2 = 1 - b1 ** state["t"], 1 - b2 ** state["t"]
    for p, gr, m, v in zip(ws, grads, state["m"], state["v"]):
        m *= b1
        m += (1 - b1) * gr
        v *= b2
        v += (1 - b2) * gr * gr
        p -= (lr / c1) * m / (np.sqrt(v) / np.sqrt(c2) + eps)
    return loss


def time_minimal(data, sizes, bs) -> float:
    """The same epoch written as bare functions over arrays, no classes."""
    x, _, t = data
    ws = [p.copy() for p in relu_net(sizes).params]
    state = {"t": 0, "m": [np.zeros_like(p) for p in ws], "v": [np.zeros_like(p) for p in ws]}
    start = time.perf_counter()
    for i in range(0, len(x), bs):
        minimal_step(ws, x[i:i + bs], t[i:i + bs], state)
    return time.perf_counter() - start


def time_torch(torch, data, sizes, bs) -> float:
    """PyTorch eager: nn.Sequential, CrossEntropyLoss, optim.Adam, same init and batches."""
    nn = torch.nn
    mods = []
    for k, p in enumerate(relu_net(sizes).dense):
        lin = nn.Linear(*p.shape)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(p.params["W"].T.copy()))
            lin.bias.copy_(torch.from_numpy(p.params["b"]))
        mods += [lin, nn.ReLU()] if k < len(sizes) - 2 else [lin]
    model, lossf = nn.Sequential(*mods), nn.CrossEntropyLoss()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    x, y = torch.from_numpy(data[0]), torch.from_numpy(data[1])
    start = time.perf_counter()
    for i in range(0, len(x), bs):
        opt.zero_grad()
        loss = lossf(model(x[i:i + bs]), y[i:i + bs])
        loss.backward()
        opt.step()
        loss.item()
    return time.perf_counter() - start


def interleaved(fns: dict, repeats=5) -> dict:
    """Best wall time of each callable, run round-robin so all see the same machine load."""
    times = {k: [] for k in fns}
    for _ in range(repeats):
        for k, fn in fns.items():
            times[k].append(fn())
    return {k: min(v) for k, v in times.items()}


def speed_rows(torch, train):
    """(case, seconds, target text, ok) rows for the timing part."""
    data = shuffled(train)
    rows = []
    for sizes, bs, need in (([784, 16, 16, 10], 32, 3.0), ([784, 16, 16, 10], 128, 2.5),
                            ([784, 128, 64, 10], 64, 1.4)):
        name = f"{'-'.join(map(str, sizes))} b{bs}"
        fns = {"trainer": lambda: time_trainer(train, sizes, bs),
               "loop": lambda: time_engine_loop(data, sizes, bs),
               "numpy": lambda: time_minimal(data, sizes, bs)}
        if torch is not None:
            fns["torch"] = lambda: time_torch(torch, data, sizes, bs)
        if bs == 32:
            fns["snap"] = lambda: time_trainer(train, sizes, bs, snapshot_every=50)
        t = interleaved(fns)
        rows.append((f"{name} minimal NumPy loop", t["numpy"], "reference", True))
        if torch is not None:
            rows.append((f"{name} torch eager", t["torch"], "reference", True))
            for key, label in (("trainer", "engine Trainer"), ("loop", "engine loop")):
                ratio = t["torch"] / t[key]
                rows.append((f"{name} {label}", t[key], f"≥ {need}× torch: {ratio:.2f}×", ratio >= need))
        if bs == 32:
            for key, label in (("loop", "engine loop"), ("trainer", "engine Trainer")):
                ratio = t[key] / t["numpy"]
                rows.append((f"{name} {label} vs NumPy", t[key], f"≤ 1.1× NumPy: {ratio:.2f}×",
                             ratio <= 1.1))
            extra = t["snap"] / t["trainer"] - 1
            rows.append((f"{name} Trainer snapshots every 50", t["snap"],
                         f"≤ +10%: {100 * extra:+.1f}%", extra <= 0.1))
    return rows


def accuracy_run(mnist, sizes, act, out, loss, opt, lr, bs, epochs, init="xavier_normal",
                 schedule=("constant", {})):
    """Train until the epoch limit; returns (best test accuracy, its epoch, final accuracy, seconds)."""
    net = Network.mlp(sizes, activation=act, output=out, loss=loss, init=init, seed=SEED)
    accs = []

    def on_snapshot(snap):
        if snap.kind == "epoch":
            accs.append(net.evaluate(mnist.test.x, mnist.test.y)[1])

    trainer = Trainer(net, optimizers.create(opt, lr=lr), schedules.for_run(schedule[0], lr, epochs, **schedule[1]),
                      mnist.train, None, batch_size=bs, epochs=epochs, seed=SEED, control=TrainControl(),
                      on_snapshot=on_snapshot, snapshot_every=0)
    start = time.perf_counter()
    trainer.run()
    top = max(accs)
    return top, accs.index(top) + 1, accs[-1], time.perf_counter() - start


def default_case():
    """The playground's default setup (engine/defaults.py) as an accuracy case."""
    d = DEFAULT_TRAINING
    name = (f"default {'-'.join(map(str, d['layers']))} {d['activation']} {d['optimizer'].upper()} "
            f"{d['lr']:g} {d['schedule']} b{d['batch_size']}")
    args = (d["layers"], d["activation"], d["output"], d["loss"], d["optimizer"], d["lr"], d["batch_size"])
    return name, 0.95, d["epochs"], args, d["init"], (d["schedule"], d["schedule_params"])


def accuracy_rows(mnist):
    cases = [default_case(),
             ("Nielsen 784-30-10 sigmoid SSE SGD 3.0 b10", 0.95, 5,
              ([784, 30, 10], "sigmoid", "sigmoid", "sse", "sgd", 3.0, 10), "xavier_normal", ("constant", {})),
             ("784-128-64-10 ReLU Adam 1e-3 b32", 0.975, 10,
              ([784, 128, 64, 10], "relu", "softmax", "cross_entropy", "adam", 1e-3, 32), "he_normal",
              ("constant", {}))]
    rows = []
    for name, need, epochs, args, init, schedule in cases:
        acc, at, final, secs = accuracy_run(mnist, *args, epochs, init=init, schedule=schedule)
        rows.append((name, secs, f"≥ {need:.1%} in {epochs} ep: {acc:.2%} (ep {at}; last {final:.2%})",
                     acc >= need))
    return rows


def main() -> int:
    try:
        import torch
        torch.set_num_threads(numpy_threads())
    except ImportError:
        torch = None
        print("PyTorch not installed: torch rows skipped (pip install torch==2.13.0)")
    mnist = load_mnist()
    rows = speed_rows(torch, mnist.train)
    if "--no-accuracy" in sys.argv or os.environ.get("DOWNHILL_BENCH_ACCURACY") == "0":
        print("accuracy runs skipped (--no-accuracy / DOWNHILL_BENCH_ACCURACY=0)")
    else:
        rows += accuracy_rows(mnist)
    print(f"engine benchmarks (one epoch of 55,000, best of 5, interleaved; threads={numpy_threads()}"
          f"{'' if torch is None else f', torch {torch.__version__}'})")
    return report([(name, f"{seconds:.3f}", target, ok) for name, seconds, target, ok in rows],
                  "case", "seconds")


if __name__ == "__main__":
    raise SystemExit(main())
