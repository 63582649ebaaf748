"""Strict JSON for the browser: non-finite numbers become null (and the caller is told)."""
from __future__ import annotations

import json
import math

import numpy as np


def sanitize(value) -> tuple[object, bool]:
    """(JSON-ready copy of value with NaN/±inf replaced by None, whether any were replaced)."""
    found = [False]

    def clean(v):
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        if isinstance(v, (int, np.integer)):
            return int(v)
        if isinstance(v, (float, np.floating)):
            if math.isfinite(v):
                return float(v)
            found[0] = True
            return None
        if isinstance(v, dict):
            return {str(k): clean(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [clean(x) for x in v]
        if isinstance(v, np.ndarray):
            return clean(v.tolist())
        return v

    return clean(value), found[0]


def dumps(message: dict) -> str:
    """Serialise a message; adds "nonfinite": true when a number had to become null."""
    try:   # the common case, all finite, at json's C speed
        return json.dumps(message, allow_nan=False, separators=(",", ":"), default=_plain)
    except ValueError:
        pass
    clean, nonfinite = sanitize(message)
    if nonfinite:
        clean["nonfinite"] = True
    return json.dumps(clean, allow_nan=False, separators=(",", ":"))


def _plain(value):
    """NumPy scalars and arrays -> Python numbers and lists (for json.dumps)."""
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
