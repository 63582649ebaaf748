"""The command line's run config: a saved run's config.json (--config), then the flags given.

`config_from(args)` returns the config dict engine.build builds from, plus where each value
came from, so an error about `optimizer_params.momentum` can name `--momentum`, `--opt` or
`--config`, whichever said it.
"""
from __future__ import annotations

import json
from pathlib import Path

from .cli_flags import UsageError

# config key -> the flag that sets it (argparse keeps the flag's value under the key's name)
FLAGS = {"dataset": "--dataset", "dtype": "--dtype", "layers": "--layers", "activation": "--activation",
         "output": "--output", "loss": "--loss", "init": "--init", "init_std": "--init-std",
         "alpha": "--alpha", "seed": "--seed", "optimizer": "--optimizer", "lr": "--lr",
         "schedule": "--schedule", "batch_size": "--batch-size", "epochs": "--epochs",
         "train_size": "--train-size"}
OPTIMIZER_FLAGS = {"momentum": "--momentum", "weight_decay": "--weight-decay"}


def read_config(path: str) -> dict:
    """A run's config.json as a dict; UsageError naming --config if it cannot be one."""
    try:
        config = json.loads(Path(path).read_text())
    except (OSError, ValueError) as err:
        raise UsageError("--config", f"cannot read {path}: {err}") from None
    if not isinstance(config, dict):
        raise UsageError("--config", f"{path} must hold a JSON object (a run's config.json)")
    return config


def config_from(args) -> tuple[dict, dict[str, str]]:
    """(config, source): the file's settings overridden by every flag given; source maps each
    config key (and `optimizer_params.<name>`, `schedule_params.<name>`) to its flag."""
    path = getattr(args, "config", None)
    file = read_config(path) if path else {}
    given = getattr(args, "given", set())
    config = dict(file)
    source = {k: "--config" for k in file}
    for key, flag in FLAGS.items():
        if hasattr(args, key) and (key in given or key not in file):
            config[key], source[key] = getattr(args, key), flag
    for group, name, pairs, own in (("optimizer_params", "optimizer", getattr(args, "opt", None), OPTIMIZER_FLAGS),
                                     ("schedule_params", "schedule", getattr(args, "schedule_param", None), {})):
        if pairs is None:
            continue
        kept = file.get(group, {}) if file.get(name, config.get(name)) == config.get(name) else {}
        flag = "--opt" if group == "optimizer_params" else "--schedule-param"
        params = {**kept, **dict(pairs)}
        source.update({f"{group}.{k}": "--config" for k in kept} | {f"{group}.{k}": flag for k, _ in pairs})
        for key, own_flag in own.items():
            if getattr(args, key, None) is not None:
                params[key], source[f"{group}.{key}"] = getattr(args, key), own_flag
        config[group] = params
        source.setdefault(group, "--config" if kept else flag)
    return config, source


def blame(field: str | None, source: dict[str, str], fallback: str = "--config") -> str:
    """The flag that gave the value an error is about: the field's own, else its group's."""
    if field in source:
        return source[field]
    group = (field or "").split(".")[0]
    return source.get(group, FLAGS.get(group, fallback))
