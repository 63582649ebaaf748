"""Strict JSON values: NaN and ±Infinity become None, because browsers' JSON.parse rejects them.

`json_ready(value)` copies dicts, lists, tuples and NumPy arrays into plain Python values and
says whether any number had to become None, so a message can carry `"nonfinite": true`.
This is the one place that decides it, for the engine's CLI and surfaces and for the server.
"""
from __future__ import annotations

import math

import numpy as np


def json_ready(value) -> tuple[object, bool]:
    """(copy of value with NaN/±inf as None and NumPy numbers as Python ones, any replaced?)."""
    replaced = False

    def clean(v):
        nonlocal replaced
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        if isinstance(v, (int, np.integer)):
            return int(v)
        if isinstance(v, (float, np.floating)):
            if math.isfinite(v):
                return float(v)
            replaced = True
            return None
        if isinstance(v, dict):
            return {str(k): clean(x) for k, x in v.items()}
        if isinstance(v, (list, tuple)):
            return [clean(x) for x in v]
        if isinstance(v, np.ndarray):
            return clean(v.tolist())
        return v

    return clean(value), replaced
