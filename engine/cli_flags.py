"""The command line's flags: one parser for `train`, `gradcheck`, `sweep` and `info`, one-line errors."""
from __future__ import annotations

import argparse
import functools
import math
import re

from . import activations, initializers, losses, optimizers, schedules
from .datasets import TOY_DATASETS
from .defaults import DEFAULT_TRAINING as DEFAULT

DATASETS = ["mnist", *TOY_DATASETS]
DTYPES = ["float32", "float64"]


class UsageError(Exception):
    """A flag's value is invalid; `flag` names it."""

    def __init__(self, flag: str, message: str):
        super().__init__(f"{flag}: {message}")


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, `error: --flag: what is wrong`, exit code 2."""

    def error(self, message: str):
        self.exit(2, f"error: {one_line_error(message)}\n")


def one_line_error(message: str) -> str:
    """argparse's message -> "--flag: what is wrong" (the flag first, no usage text)."""
    message = " ".join(message.split())
    patterns = [(r"argument (?:\S+/)?(\S+): (.*)", "{0}: {1}"),
                (r"unrecognized arguments: (\S+)(.*)", "{0}: unknown flag{1}"),
                (r"ambiguous option: (\S+) (.*)", "{0}: ambiguous, {1}"),
                (r"the following arguments are required: (.*)", "{0}: required")]
    for pattern, form in patterns:
        match = re.fullmatch(pattern, message)
        if match:
            return form.format(*match.groups())
    return message


def _layers(text: str) -> list[int]:
    try:
        sizes = [int(s) for s in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated integers, got {text!r}") from None
    if len(sizes) < 2 or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"need at least two positive sizes, got {text!r}")
    return sizes


def scalar(text: str):
    """'3' -> 3, '0.1' -> 0.1, 'true' -> True, '0.9,0.999' -> (0.9, 0.999)."""
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    if "," in text:
        return tuple(scalar(part) for part in text.split(","))
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
    return key, scalar(value)


def _number(cast, lo=None):
    """An argparse type: text -> a finite int or float, at least `lo`."""
    def parse(text: str):
        try:
            value = cast(text)
        except ValueError:
            kind = "an integer" if cast is int else "a number"
            raise argparse.ArgumentTypeError(f"expected {kind}, got {text!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"must be a finite number, got {text!r}")
        if lo is not None and value < lo:
            raise argparse.ArgumentTypeError(f"must be at least {lo}, got {value}")
        return value
    return parse


_positive_int, _seed, _finite = _number(int, 1), _number(int, 0), _number(float)


class Given(argparse.Action):
    """Store the value and note that the flag was given, so it overrides a --config file."""

    def __call__(self, parser, namespace, values, option_string=None):
        setattr(namespace, self.dest, values)
        namespace.given = {*getattr(namespace, "given", ()), self.dest}


def _model_flags(p: argparse.ArgumentParser) -> None:
    add = functools.partial(p.add_argument, action=Given)
    add("--layers", type=_layers, default=None,
        help="layer sizes, e.g. 784,16,16,10 (default: 784,16,16,10 for mnist, inputs,16,16,classes for toy sets)")
    add("--activation", default=DEFAULT["activation"], help=" | ".join(activations.HIDDEN))
    add("--output", default=None, help=" | ".join(activations.OUTPUTS) + " (default: the loss's own)")
    add("--loss", default=DEFAULT["loss"], help=" | ".join(losses.LOSSES))
    add("--init", default=DEFAULT["init"], help=" | ".join(initializers.INITIALIZERS))
    add("--init-std", type=_finite, default=None, help="std for the normal initializer")
    add("--alpha", type=_finite, default=None, help="slope/scale for leaky_relu and elu")
    add("--seed", type=_seed, default=DEFAULT["seed"])


def _data_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", default=None, metavar="FILE",
                   help="a saved run's config.json (from the page's run list); flags given as well override it")
    p.add_argument("--dataset", default="mnist", choices=DATASETS, action=Given)
    p.add_argument("--dtype", default="float32", choices=DTYPES, action=Given, help="float32 (fast) or float64")


def _train_flags(p: argparse.ArgumentParser) -> None:
    add = functools.partial(p.add_argument, action=Given)
    add("--optimizer", default=DEFAULT["optimizer"], help=" | ".join([*optimizers.OPTIMIZERS, *optimizers.PRESETS]))
    add("--lr", type=_finite, default=DEFAULT["lr"])
    add("--momentum", type=_finite, default=None)
    add("--weight-decay", type=_finite, default=None)
    p.add_argument("--opt", type=_key_value, action="append", default=[], metavar="KEY=VALUE",
                   help="any other optimizer argument, e.g. --opt betas=0.9,0.999 (repeatable)")
    add("--schedule", default=DEFAULT["schedule"],
        help=" | ".join(schedules.SCHEDULES) + " (cosine: T_max defaults to --epochs)")
    p.add_argument("--schedule-param", type=_key_value, action="append", default=[],
                   metavar="KEY=VALUE", help="schedule argument, e.g. step_size=2 (repeatable)")
    add("--batch-size", type=_positive_int, default=DEFAULT["batch_size"])
    add("--epochs", type=_positive_int, default=DEFAULT["epochs"])
    add("--train-size", type=_positive_int, default=None, help="use only the first N training examples")
    p.add_argument("--json", action="store_true", help="one JSON object per line instead of a table")
    p.add_argument("--save", default=None, metavar="PATH", help="save the trained network here")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="python -m engine", description="Downhill's NumPy engine.")
    sub = parser.add_subparsers(dest="command", required=True)
    train = sub.add_parser("train", help="train a network and report each epoch")
    _data_flags(train)
    _model_flags(train)
    _train_flags(train)
    grad = sub.add_parser("gradcheck", help="compare backprop with numerical gradients (float64)")
    _model_flags(grad)
    sweep = sub.add_parser("sweep", help="train a grid of runs over one or two settings and print the table")
    _data_flags(sweep)
    _model_flags(sweep)
    _train_flags(sweep)
    sweep.add_argument("--axis", action="append", required=True, metavar="FIELD=VALUES",
                       help="a setting to vary (once or twice): lr=MIN:MAX:POINTS (log range) or "
                            "FIELD=V1,V2,... with FIELD one of lr, optimizer, batch_size, init, "
                            "activation, hidden, seed")
    sweep.set_defaults(epochs=3)
    info = sub.add_parser("info", help="summarise a dataset and a model")
    _data_flags(info)
    _model_flags(info)
    return parser
