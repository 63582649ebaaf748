"""Command-line interface: `train`, `gradcheck` and `info` subcommands (see `python -m engine -h`)."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np

from . import activations, initializers, losses, optimizers, schedules
from .datasets import DatasetError, Split, load_mnist, load_toy
from .gradcheck import check_network
from .network import Network
from .persistence import save
from .jsonready import json_ready
from .trainer import Trainer
from .cli_flags import DEFAULT_LAYERS, OWN_FLAGS, UsageError, build_parser


def load_data(name: str, seed: int, train_size: int | None = None) -> tuple[Split, Split, Split]:
    """Dataset name -> (train, val, test); toy sets reuse val as test."""
    if name == "mnist":
        data = load_mnist()
        train, val, test = data.train, data.val, data.test
    else:
        train, val = load_toy(name, seed)
        test = val
    if train_size is not None:
        train = Split(train.x[:train_size], train.y[:train_size])
    return train, val, test


def default_layers(train: Split) -> list[int]:
    n_classes = int(train.y.max()) + 1
    return [train.x.shape[1], 16, 16, n_classes] if train.x.shape[1] != 784 else list(DEFAULT_LAYERS)


def layers_for(args, train: Split) -> list[int]:
    """--layers (or the dataset's default), checked against the dataset's inputs and classes."""
    if args.layers is None:
        return default_layers(train)
    n_in, n_classes = train.x.shape[1], int(train.y.max()) + 1
    outputs = [n_classes, 1] if n_classes == 2 else [n_classes]
    if args.layers[0] != n_in or args.layers[-1] not in outputs:
        ends = " or ".join(map(str, outputs))
        raise UsageError("--layers", f"{args.dataset} has {n_in} inputs and {n_classes} classes, so the "
                         f"layers must start with {n_in} and end with {ends}; got "
                         f"{','.join(map(str, args.layers))}")
    return args.layers


def build_network(args, sizes: list[int], dtype=np.float32) -> Network:
    """Check each model flag by name, then build the network."""
    for flag, value, choices in (("--activation", args.activation, activations.HIDDEN),
                                 ("--loss", args.loss, list(losses.LOSSES))):
        if value not in choices:
            raise UsageError(flag, f"unknown {flag[2:]} {value!r}; choose one of {', '.join(choices)}")
    if args.output is not None and args.output not in activations.OUTPUTS:
        raise UsageError("--output", f"unknown output {args.output!r}; choose one of {', '.join(activations.OUTPUTS)}")
    try:
        initializers.canonical(args.init)
    except (KeyError, ValueError) as err:
        raise UsageError("--init", str(err).strip("'\"")) from None
    try:
        losses.create(args.loss, args.output)
    except ValueError as err:
        raise UsageError("--output", str(err)) from None
    try:
        return Network.mlp(sizes, args.activation, args.output, args.loss, args.init, args.init_std,
                           args.seed, dtype, args.alpha)
    except ValueError as err:
        raise UsageError("--layers", str(err)) from None


def build_optimizer(args):
    """The optimizer; an invalid value is blamed on the flag that gave it (--lr, --momentum, --opt …)."""
    if args.optimizer not in {*optimizers.OPTIMIZERS, *optimizers.PRESETS}:
        choices = ", ".join([*optimizers.OPTIMIZERS, *optimizers.PRESETS])
        raise UsageError("--optimizer", f"unknown optimizer {args.optimizer!r}; choose one of {choices}")
    kwargs, flags = dict(args.opt), {k: "--opt" for k, _ in args.opt}
    for key in ("momentum", "weight_decay"):
        if getattr(args, key) is not None:
            kwargs[key], flags[key] = getattr(args, key), OWN_FLAGS[key]
    flags["lr"] = OWN_FLAGS["lr"]
    try:
        return optimizers.create(args.optimizer, lr=args.lr, **kwargs)
    except (TypeError, ValueError) as err:
        raise UsageError(_blamed_flag(str(err), flags), str(err)) from None


def _blamed_flag(message: str, flags: dict[str, str]) -> str:
    """The flag that gave the argument an optimizer's error is about ("lr must be …", "no argument 'x'")."""
    unknown = re.search(r"no argument '(\w+)'", message)
    first = unknown.group(1) if unknown else re.split(r"[\s\[]", message, maxsplit=1)[0]
    if first in flags:
        return flags[first]
    named = [flag for key, flag in flags.items() if re.search(rf"\b{key}\b", message)]
    return named[0] if named else "--opt"


def build_schedule(args):
    try:
        params = dict(args.schedule_param)
        if args.schedule == "cosine":   # anneal over the whole run unless told otherwise
            params.setdefault("T_max", args.epochs)
        return schedules.create(args.schedule, args.lr, **params)
    except (TypeError, ValueError) as err:
        flag = "--schedule" if args.schedule not in schedules.SCHEDULES else "--schedule-param"
        raise UsageError(flag, str(err)) from None


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
    """Train with the flags' settings, print each epoch, then the test accuracy."""
    opt, schedule = build_optimizer(args), build_schedule(args)
    if args.save and Path(args.save).is_dir():
        raise UsageError("--save", f"{args.save} is a folder; give a file path such as {args.save}/net.npz")
    train, val, test = load_data(args.dataset, args.seed, args.train_size)
    net = build_network(args, layers_for(args, train), np.dtype(args.dtype))
    trainer = Trainer(net, opt, schedule, train, val, batch_size=args.batch_size,
                      epochs=args.epochs, seed=args.seed, snapshot_every=0)
    printed = [0]
    trainer.on_snapshot = lambda snap: _flush(trainer, printed, args.json)
    if not args.json:
        print(f"{'epoch':>5}  {'train_loss':>10}  {'val_loss':>10}  {'val_acc':>8}  {'lr':>10}  {'seconds':>7}")
    with np.errstate(over="ignore", invalid="ignore"):   # divergence is reported as a status
        status = trainer.run()
        _flush(trainer, printed, args.json)
        _, test_acc = net.evaluate(test.x, test.y)
    final = {"status": status, "test_accuracy": test_acc, "n_test": len(test)}
    if args.save:
        final["saved"] = str(save(args.save, net, {"history": trainer.history}))
    print(json_line(final) if args.json else
          f"{status}: test accuracy {test_acc:.2%} on {len(test)} examples"
          + (f", saved to {final['saved']}" if args.save else ""))
    return 0 if status == "done" else 1


def _flush(trainer: Trainer, printed: list[int], as_json: bool) -> None:
    """Print history rows not printed yet (called after each epoch and at the end)."""
    for row in trainer.history[printed[0]:]:
        _print_row(row, as_json)
    printed[0] = len(trainer.history)


def cmd_gradcheck(args) -> int:
    """Print the relative error per parameter; exit 1 if any exceeds the tolerance."""
    sizes = args.layers or [4, 5, 3]
    net = build_network(args, sizes, np.float64)
    rng = np.random.default_rng(args.seed)
    x = rng.normal(size=(6, sizes[0]))
    t = rng.dirichlet(np.ones(sizes[-1]), size=6) if sizes[-1] > 1 else rng.uniform(size=(6, 1))
    tol = 1e-4 if args.activation in ("relu", "leaky_relu") else 1e-6
    errors = check_network(net, x, t)
    for name, err in errors.items():
        print(f"{name:>4}  {err:.2e}  {'ok' if err <= tol else 'FAIL'}")
    worst = max(errors.values())
    print(f"max relative error {worst:.2e} (tolerance {tol:g}): {'pass' if worst <= tol else 'FAIL'}")
    return 0 if worst <= tol else 1


def cmd_info(args) -> int:
    """Print split sizes and class counts, then layer shapes and the parameter count."""
    train, val, test = load_data(args.dataset, args.seed)
    net = build_network(args, layers_for(args, train), np.dtype(args.dtype))
    print(f"dataset {args.dataset}: {train.x.shape[1]} inputs")
    splits = [("train", train), ("val", val)] + ([("test", test)] if args.dataset == "mnist" else [])
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
    command = {"train": cmd_train, "gradcheck": cmd_gradcheck, "info": cmd_info}[args.command]
    try:
        return command(args)
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except DatasetError as err:
        print(f"error: {' '.join(str(err).split())}", file=sys.stderr)
        return 1
