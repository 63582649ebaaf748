"""Command-line interface: `train`, `gradcheck`, `sweep` and `info` subcommands (see `python -m engine -h`).

`train --config run.json` trains a run saved from the page (its config.json) again, with
any flag given as well overriding the file.
"""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from . import build
from .cli_config import blame, config_from
from .cli_flags import UsageError, build_parser
from .cli_sweep import cmd_sweep
from .datasets import DatasetError, Split
from .errors import ParameterError
from .gradcheck import check_network
from .jsonready import json_ready
from .persistence import save
from .trainer import Trainer

DEFAULT_LAYERS = [784, 16, 16, 10]


def layers_for(config: dict, train: Split) -> list[int]:
    """The config's layers (or the dataset's default), checked against the dataset's inputs and classes."""
    n_in, n_classes = train.x.shape[1], int(train.y.max()) + 1
    if config.get("layers") is None:
        return list(DEFAULT_LAYERS) if n_in == 784 else [n_in, 16, 16, n_classes]
    layers = list(config["layers"])
    outputs = [n_classes, 1] if n_classes == 2 else [n_classes]
    if layers[0] != n_in or layers[-1] not in outputs:
        ends = " or ".join(map(str, outputs))
        raise ParameterError("layers", f"{config.get('dataset', 'mnist')} has {n_in} inputs and {n_classes} classes, "
                             f"so the layers must start with {n_in} and end with {ends}; got "
                             f"{','.join(map(str, layers))}")
    return layers


def build_schedule(args):
    """The schedule the flags (and --config) ask for."""
    config, source = config_from(args)
    try:
        return build.schedule(config)
    except ParameterError as err:
        raise UsageError(blame(err.field, source), str(err)) from None


def json_line(values: dict) -> str:
    """One JSON object; NaN and ±Infinity become null (browsers' JSON.parse rejects them)."""
    return json.dumps(json_ready(values)[0], allow_nan=False)


def _fmt(value, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _print_row(row: dict, as_json: bool) -> None:
    if as_json:
        keys = ("epoch", "train_loss", "val_loss", "val_accuracy", "lr", "seconds")
        print(json_line({k: row.get(k) for k in keys}), flush=True)
    else:
        print(f"{row['epoch']:>5}  {_fmt(row['train_loss'], '10.4f')}  {_fmt(row['val_loss'], '10.4f')}"
              f"  {_fmt(row['val_accuracy'], '8.2%')}  {row['lr']:10.3g}  {row['seconds']:7.2f}", flush=True)


def cmd_train(args) -> int:
    """Train the config the flags (and --config) describe, print each epoch, then the test accuracy."""
    config, source = config_from(args)
    if args.save and Path(args.save).is_dir():
        raise UsageError("--save", f"{args.save} is a folder; give a file path such as {args.save}/net.npz")
    with _blaming(source):
        build.check(config)
        train, val, test = build.data(config)
        config["layers"] = layers_for(config, train)
        trainer = build.trainer(config, train, val, snapshot_every=0)
    printed = [0]
    trainer.on_snapshot = lambda snap: _flush(trainer, printed, args.json)
    if not args.json:
        print(f"{'epoch':>5}  {'train_loss':>10}  {'val_loss':>10}  {'val_acc':>8}  {'lr':>10}  {'seconds':>7}")
    with np.errstate(over="ignore", invalid="ignore"):   # divergence is reported as a status
        status = trainer.run()
        _flush(trainer, printed, args.json)
        _, test_acc = trainer.net.evaluate(test.x, test.y)
    final = {"status": status, "test_accuracy": test_acc, "n_test": len(test)}
    if args.save:
        final["saved"] = str(save(args.save, trainer.net, {"history": trainer.history}))
    print(json_line(final) if args.json else
          f"{status}: test accuracy {test_acc:.2%} on {len(test)} examples"
          + (f", saved to {final['saved']}" if args.save else ""))
    return 0 if status == "done" else 1


@contextmanager
def _blaming(source: dict[str, str]):
    """Turn an engine ParameterError into a UsageError naming the flag (or --config) behind it."""
    try:
        yield
    except ParameterError as err:
        raise UsageError(blame(err.field, source), str(err)) from None


def _flush(trainer: Trainer, printed: list[int], as_json: bool) -> None:
    """Print history rows not printed yet (called after each epoch and at the end)."""
    for row in trainer.history[printed[0]:]:
        _print_row(row, as_json)
    printed[0] = len(trainer.history)


def cmd_gradcheck(args) -> int:
    """Print the relative error per parameter; exit 1 if any exceeds the tolerance."""
    config, source = config_from(args)
    config.update(layers=config.get("layers") or [4, 5, 3], dtype="float64")
    with _blaming(source):
        net = build.network(config)
    sizes = net.sizes
    rng = np.random.default_rng(config["seed"])
    x = rng.normal(size=(6, sizes[0]))
    t = rng.dirichlet(np.ones(sizes[-1]), size=6) if sizes[-1] > 1 else rng.uniform(size=(6, 1))
    tol = 1e-4 if config["activation"] in ("relu", "leaky_relu") else 1e-6
    errors = check_network(net, x, t)
    for name, err in errors.items():
        print(f"{name:>4}  {err:.2e}  {'ok' if err <= tol else 'FAIL'}")
    worst = max(errors.values())
    print(f"max relative error {worst:.2e} (tolerance {tol:g}): {'pass' if worst <= tol else 'FAIL'}")
    return 0 if worst <= tol else 1


def cmd_info(args) -> int:
    """Print split sizes and class counts, then layer shapes and the parameter count."""
    config, source = config_from(args)
    with _blaming(source):
        train, val, test = build.data({**config, "train_size": None})
        config["layers"] = layers_for(config, train)
        net = build.network(config)
    dataset = config.get("dataset", "mnist")
    print(f"dataset {dataset}: {train.x.shape[1]} inputs")
    splits = [("train", train), ("val", val)] + ([("test", test)] if dataset == "mnist" else [])
    for name, split in splits:
        counts = np.bincount(split.y.astype(int))
        print(f"  {name:<5} {len(split):>6} examples; per class: {' '.join(str(c) for c in counts)}")
    print(f"model {'-'.join(map(str, net.sizes))}:")
    for name, p in zip(net.param_names, net.params):
        print(f"  {name:<4} {'x'.join(map(str, p.shape)):>10}  {p.size:>8}")
    print(f"  parameters: {net.n_params}")
    return 0


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = {"train": cmd_train, "gradcheck": cmd_gradcheck, "info": cmd_info, "sweep": cmd_sweep}[args.command]
    try:
        return command(args)
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except DatasetError as err:
        print(f"error: {' '.join(str(err).split())}", file=sys.stderr)
        return 1
