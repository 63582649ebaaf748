"""Command-line interface: `train`, `gradcheck` and `info` subcommands (see `python -m engine -h`)."""
from __future__ import annotations

import argparse
import json
import sys

import numpy as np

from . import activations, initializers, losses, optimizers, schedules
from .datasets import TOY_DATASETS, DatasetError, Split, load_mnist, load_toy
from .gradcheck import check_network
from .network import Network
from .persistence import save
from .trainer import Trainer

DATASETS = ["mnist", *TOY_DATASETS]
DEFAULT_LAYERS = [784, 16, 16, 10]


class UsageError(Exception):
    """A flag's value is invalid; `flag` names it."""

    def __init__(self, flag: str, message: str):
        super().__init__(f"{flag}: {message}")


def _layers(text: str) -> list[int]:
    try:
        sizes = [int(s) for s in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers, got {text!r}") from None
    if len(sizes) < 2 or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"need at least two positive sizes, got {text!r}")
    return sizes


def _scalar(text: str):
    """'3' -> 3, '0.1' -> 0.1, 'true' -> True, '0.9,0.999' -> (0.9, 0.999)."""
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if "," in text:
        return tuple(_scalar(part) for part in text.split(","))
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    return text


def _key_value(text: str) -> tuple[str, object]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise argparse.ArgumentTypeError(f"expected key=value, got {text!r}")
    return key, _scalar(value)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _model_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--layers", type=_layers, default=None,
                   help="layer sizes, e.g. 784,16,16,10 (default: 784,16,16,10 for mnist, "
                        "inputs,16,16,classes for toy sets)")
    p.add_argument("--activation", default="sigmoid", help=" | ".join(activations.HIDDEN))
    p.add_argument("--output", default=None, help=" | ".join(activations.OUTPUTS) + " (default: the loss's own)")
    p.add_argument("--loss", default="cross_entropy", help=" | ".join(losses.LOSSES))
    p.add_argument("--init", default="xavier_normal", help=" | ".join(initializers.INITIALIZERS))
    p.add_argument("--init-std", type=float, default=None, help="std for the normal initializer")
    p.add_argument("--alpha", type=float, default=None, help="slope/scale for leaky_relu and elu")
    p.add_argument("--seed", type=int, default=0)


def _train_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--optimizer", default="sgd", help=" | ".join([*optimizers.OPTIMIZERS, *optimizers.PRESETS]))
    p.add_argument("--lr", type=float, default=0.5)
    p.add_argument("--momentum", type=float, default=None)
    p.add_argument("--weight-decay", type=float, default=None)
    p.add_argument("--opt", type=_key_value, action="append", default=[], metavar="KEY=VALUE",
                   help="any other optimizer argument, e.g. --opt betas=0.9,0.999 (repeatable)")
    p.add_argument("--schedule", default="constant", help=" | ".join(schedules.SCHEDULES))
    p.add_argument("--schedule-param", type=_key_value, action="append", default=[],
                   metavar="KEY=VALUE", help="schedule argument, e.g. step_size=2 (repeatable)")
    p.add_argument("--batch-size", type=_positive_int, default=32)
    p.add_argument("--epochs", type=_positive_int, default=5)
    p.add_argument("--train-size", type=_positive_int, default=None, help="use only the first N training examples")
    p.add_argument("--json", action="store_true", help="one JSON object per line instead of a table")
    p.add_argument("--save", default=None, metavar="PATH", help="save the trained network here")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m engine", description="Downhill's NumPy engine.")
    sub = parser.add_subparsers(dest="command", required=True)
    train = sub.add_parser("train", help="train a network and report each epoch")
    train.add_argument("--dataset", default="mnist", choices=DATASETS)
    _model_flags(train)
    _train_flags(train)
    grad = sub.add_parser("gradcheck", help="compare backprop with numerical gradients (float64)")
    _model_flags(grad)
    info = sub.add_parser("info", help="summarise a dataset and a model")
    info.add_argument("--dataset", default="mnist", choices=DATASETS)
    _model_flags(info)
    return parser


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
    kwargs = dict(args.opt)
    if args.momentum is not None:
        kwargs["momentum"] = args.momentum
    if args.weight_decay is not None:
        kwargs["weight_decay"] = args.weight_decay
    try:
        return optimizers.create(args.optimizer, lr=args.lr, **kwargs)
    except (TypeError, ValueError) as err:
        flag = "--optimizer" if args.optimizer not in {*optimizers.OPTIMIZERS, *optimizers.PRESETS} else "--opt"
        raise UsageError(flag, str(err)) from None


def build_schedule(args):
    try:
        return schedules.create(args.schedule, args.lr, **dict(args.schedule_param))
    except (TypeError, ValueError) as err:
        flag = "--schedule" if args.schedule not in schedules.SCHEDULES else "--schedule-param"
        raise UsageError(flag, str(err)) from None


def _fmt(value, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def _print_row(row: dict, as_json: bool) -> None:
    if as_json:
        keys = ("epoch", "train_loss", "val_loss", "val_accuracy", "lr", "seconds")
        print(json.dumps({k: row.get(k) for k in keys}), flush=True)
    else:
        print(f"{row['epoch']:>5}  {_fmt(row['train_loss'], '10.4f')}  {_fmt(row['val_loss'], '10.4f')}"
              f"  {_fmt(row['val_accuracy'], '8.2%')}  {row['lr']:10.3g}  {row['seconds']:7.2f}", flush=True)


def cmd_train(args) -> int:
    """Train with the flags' settings, print each epoch, then the test accuracy."""
    train, val, test = load_data(args.dataset, args.seed, args.train_size)
    net = build_network(args, args.layers or default_layers(train))
    opt, schedule = build_optimizer(args), build_schedule(args)
    trainer = Trainer(net, opt, schedule, train, val, batch_size=args.batch_size,
                      epochs=args.epochs, seed=args.seed, snapshot_every=0)
    printed = [0]
    trainer.on_snapshot = lambda snap: _flush(trainer, printed, args.json)
    if not args.json:
        print(f"{'epoch':>5}  {'train_loss':>10}  {'val_loss':>10}  {'val_acc':>8}  {'lr':>10}  {'seconds':>7}")
    status = trainer.run()
    _flush(trainer, printed, args.json)
    _, test_acc = net.evaluate(test.x, test.y)
    final = {"status": status, "test_accuracy": test_acc, "n_test": len(test)}
    if args.save:
        final["saved"] = str(save(args.save, net, {"history": trainer.history}))
    print(json.dumps(final) if args.json else
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
    print(f"dataset {args.dataset}: {train.x.shape[1]} inputs")
    splits = [("train", train), ("val", val)] + ([("test", test)] if args.dataset == "mnist" else [])
    for name, split in splits:
        counts = np.bincount(split.y.astype(int))
        print(f"  {name:<5} {len(split):>6} examples; per class: {' '.join(str(c) for c in counts)}")
    net = build_network(args, args.layers or default_layers(train))
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
        print(f"{parser.prog} {args.command}: error: {err}", file=sys.stderr)
        return 2
    except DatasetError as err:
        print(f"{parser.prog} {args.command}: error: {err}", file=sys.stderr)
        return 1
