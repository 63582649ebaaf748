"""Save and load a network: weights in `.npz` (no pickles) plus its JSON config.

`save(path, net)` writes `path` (.npz, the arrays under their `param_names`, plus the config
as a JSON string) atomically; `load(path)` rebuilds the exact network.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np

from .network import Network


def save(path, net: Network, extra: dict | None = None) -> Path:
    """Write weights + config to `path` (.npz) via a temporary file and rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = {"config": net.config, "extra": extra or {}}
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as f:
        np.savez(f, __meta__=np.array(json.dumps(meta)),
                 **{n: p for n, p in zip(net.param_names, net.params)})
    os.replace(tmp, path)
    return path


def load(path) -> Network:
    """Rebuild a saved network (weights exactly as saved)."""
    with np.load(path, allow_pickle=False) as z:
        meta = json.loads(str(z["__meta__"]))
        net = Network.from_config(meta["config"])
        for name, p in zip(net.param_names, net.params):
            if z[name].shape != p.shape:
                raise ValueError(f"{path}: {name} has shape {z[name].shape}, config expects {p.shape}")
            p[...] = z[name]
    net.extra = meta.get("extra", {})
    return net


def load_meta(path) -> dict:
    """Only the JSON part of a saved network."""
    with np.load(path, allow_pickle=False) as z:
        return json.loads(str(z["__meta__"]))
